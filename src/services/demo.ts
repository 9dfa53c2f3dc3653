/**
 * The demo data seeded on an empty database: an application, one person's account with two
 * calendars, and events around today (recurring stand-ups, all-day and multi-day items, a
 * tentative and an unanswered invitation, free time), so that a fresh server has something
 * to show at once.
 */
import {
  addDays,
  dateInZone,
  isoWeekday,
  localToInstant,
  newAccountSub,
  newCalendarId,
  newEventUid,
  newProfileId,
  type Calendar,
  type CalendarEvent,
  type Profile,
} from '../core/index.js';
import { createApplication } from './applications.js';
import { issueAccessToken, type ServiceDeps } from './credentials.js';

/** The settings key under which the demo's application and account are recorded. */
export const DEMO_SETTING = 'demo';

export interface DemoIdentity {
  applicationId: string;
  sub: string;
}

/** The demo application and account, when the database was seeded with them. */
export async function findDemo(store: ServiceDeps['store']): Promise<DemoIdentity | null> {
  const raw = await store.getSetting(DEMO_SETTING);
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as Partial<DemoIdentity>;
    return typeof v.applicationId === 'string' && typeof v.sub === 'string' ? { applicationId: v.applicationId, sub: v.sub } : null;
  } catch {
    return null;
  }
}

export interface DemoSeed {
  clientId: string;
  clientSecret: string;
  sub: string;
  accessToken: string;
  refreshToken: string;
  calendarIds: string[];
  events: number;
}

type Draft = Omit<CalendarEvent, 'eventUid' | 'calendarId' | 'sub' | 'created' | 'updated'>;

function draft(partial: Partial<Draft> & Pick<Draft, 'summary' | 'start' | 'end' | 'sourceKey'>, tzid: string): Draft {
  return {
    applicationId: null,
    eventId: null,
    description: '',
    tzid,
    location: null,
    url: null,
    color: null,
    reminders: [],
    transparency: 'opaque',
    status: 'confirmed',
    participationStatus: 'accepted',
    attendees: [],
    organizer: null,
    categories: [],
    recurring: false,
    eventPrivate: false,
    deleted: false,
    ...partial,
  };
}

/** Events for the days around `today` in `tzid`, keyed by stable source keys. */
export function demoEvents(today: string, tzid: string): { work: Draft[]; personal: Draft[] } {
  const at = (offset: number, hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    return { kind: 'time' as const, ms: localToInstant(addDays(today, offset), h * 60 + m, tzid) };
  };
  const day = (offset: number) => ({ kind: 'date' as const, date: addDays(today, offset) });
  const work: Draft[] = [];
  const personal: Draft[] = [];
  for (let d = -14; d <= 28; d++) {
    const date = addDays(today, d);
    const wd = isoWeekday(date);
    if (wd <= 5) {
      work.push(draft({ summary: 'Team stand-up', start: at(d, '09:30'), end: at(d, '09:45'), recurring: true, sourceKey: `demo:standup:${date}`, location: { description: 'Room 2 / video call' } }, tzid));
    }
    if (wd === 1 || wd === 3) {
      work.push(draft({ summary: 'Focus time', start: at(d, '13:00'), end: at(d, '15:00'), transparency: 'transparent', recurring: true, sourceKey: `demo:focus:${date}` }, tzid));
    }
    if (wd === 6) {
      personal.push(draft({ summary: 'Running club', start: at(d, '08:00'), end: at(d, '09:00'), recurring: true, sourceKey: `demo:run:${date}`, location: { description: 'Riverside park' } }, tzid));
    }
  }
  work.push(
    draft(
      {
        summary: 'Design review',
        description: 'Walk through the new booking flow.\nBring questions.',
        start: at(0, '11:00'),
        end: at(0, '12:00'),
        sourceKey: 'demo:design-review',
        location: { description: 'Room 4' },
        attendees: [
          { email: 'demo@kairos.example', displayName: 'Demo User', status: 'accepted' },
          { email: 'sam@kairos.example', displayName: 'Sam Rivera', status: 'accepted' },
          { email: 'ana@kairos.example', displayName: 'Ana Costa', status: 'tentative' },
        ],
        organizer: { email: 'sam@kairos.example', displayName: 'Sam Rivera' },
      },
      tzid,
    ),
    draft({ summary: 'Interview: backend engineer', start: at(0, '15:30'), end: at(0, '16:15'), participationStatus: 'needs_action', sourceKey: 'demo:interview' }, tzid),
    draft({ summary: 'Customer call', start: at(1, '16:00'), end: at(1, '17:00'), status: 'tentative', participationStatus: 'tentative', sourceKey: 'demo:customer-call' }, tzid),
    draft({ summary: 'Team offsite', start: day(2), end: day(5), sourceKey: 'demo:offsite', location: { description: 'Lisbon' } }, tzid),
    draft({ summary: 'Quarterly planning', start: at(7, '10:00'), end: at(7, '12:30'), sourceKey: 'demo:planning' }, tzid),
    draft({ summary: 'Release day', start: day(-3), end: day(-2), sourceKey: 'demo:release' }, tzid),
    draft({ summary: 'Late deploy window', start: at(-1, '22:00'), end: at(0, '01:00'), sourceKey: 'demo:deploy' }, tzid),
    draft({ summary: 'Cancelled sync', start: at(1, '10:00'), end: at(1, '10:30'), status: 'cancelled', sourceKey: 'demo:cancelled' }, tzid),
  );
  personal.push(
    draft({ summary: 'Dentist', start: at(1, '08:00'), end: at(1, '08:45'), sourceKey: 'demo:dentist', eventPrivate: true }, tzid),
    draft({ summary: "Mum's birthday", start: day(6), end: day(7), sourceKey: 'demo:birthday' }, tzid),
    draft({ summary: 'Dinner with friends', start: at(0, '19:30'), end: at(0, '22:00'), sourceKey: 'demo:dinner', location: { description: 'Casa Nova' } }, tzid),
  );
  return { work, personal };
}

/** Creates the demo application, account and events. */
export async function seedDemo(deps: ServiceDeps, opts: { tzid: string }): Promise<DemoSeed> {
  return deps.store.transaction((store) => seedDemoIn({ ...deps, store }, opts));
}

async function seedDemoIn(deps: ServiceDeps, opts: { tzid: string }): Promise<DemoSeed> {
  const { application, clientSecret } = await createApplication(deps, { name: 'Kairos demo' });
  const now = deps.clock();
  const sub = newAccountSub(deps.random);
  const profile: Profile = {
    profileId: newProfileId(deps.random),
    sub,
    providerName: 'kairos',
    providerService: 'kairos',
    profileName: 'demo@kairos.example',
    connected: true,
    initialSyncRequired: false,
    revoked: false,
    source: { type: 'local' },
    createdAt: now,
  };
  const calendar = (name: string, primary: boolean, color: string): Calendar => ({
    calendarId: newCalendarId(deps.random),
    profileId: profile.profileId,
    sub,
    name,
    readonly: false,
    deleted: false,
    primary,
    color,
    createdAt: now,
  });
  const work = calendar('Work', true, '#2563eb');
  const personal = calendar('Personal', false, '#16a34a');
  const drafts = demoEvents(dateInZone(now, opts.tzid), opts.tzid);
  const toEvents = (c: Calendar, list: Draft[]): CalendarEvent[] =>
    list.map((d) => ({ ...d, eventUid: 'evt_external_' + newEventUid(deps.random).slice(4), calendarId: c.calendarId, sub, created: now, updated: now }));

  const store = deps.store;
  await store.createAccount({ sub, kind: 'account', email: 'demo@kairos.example', name: 'Demo User', zoneinfo: opts.tzid, createdAt: now });
  await store.upsertAuthorization({ applicationId: application.applicationId, sub, scope: 'read_write', status: 'active', createdAt: now });
  await store.createProfile(profile);
  await store.createCalendar(work);
  await store.createCalendar(personal);
  await store.replaceImportedEvents(work.calendarId, toEvents(work, drafts.work));
  await store.replaceImportedEvents(personal.calendarId, toEvents(personal, drafts.personal));
  const tokens = await issueAccessToken(deps, { applicationId: application.applicationId, sub, scope: 'read_write', ttlSeconds: 10_800 });
  await store.setSetting(DEMO_SETTING, JSON.stringify({ applicationId: application.applicationId, sub } satisfies DemoIdentity));
  return {
    clientId: application.clientId,
    clientSecret,
    sub,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    calendarIds: [work.calendarId, personal.calendarId],
    events: drafts.work.length + drafts.personal.length,
  };
}
