/**
 * The demo data seeded on an empty database: an application, and one person's account with two
 * calendars imported from the iCalendar files shipped in `assets/demo/` (recurring stand-ups
 * and meetings in several zones, all-day and multi-day items, a tentative call, an unanswered
 * invitation, free time, a cancelled instance), moved to the current week, so that a fresh
 * server has something to show at once.
 */
import { dateInZone, newAccountSub, newCalendarId, newProfileId, type Calendar, type Profile } from '../core/index.js';
import { anchorIcsToWeekOf, decodeIcsBytes, importIcsIntoCalendar } from '../sync/ics/index.js';
import { createApplication } from './applications.js';
import { issueAccessToken, type ServiceDeps } from './credentials.js';
import { shippedDemoCalendars, type DemoCalendarSource } from './demo-calendars.js';

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
  /** Occurrences imported, all calendars together. */
  events: number;
}

/** The demo account's address: its ATTENDEE entries in the files give its participation status. */
export const DEMO_EMAIL = 'demo@kairos.example';

export interface SeedDemoOptions {
  /** The account's zone: "today" is taken there, and floating times are read in it. */
  tzid: string;
  /** The calendars to import; the shipped demo calendars when absent. */
  calendars?: readonly DemoCalendarSource[];
}

/**
 * Creates the demo application, account and calendars, all or nothing. Each calendar file that
 * declares an anchor week is moved to the week of today in `tzid` before it is imported.
 *
 * @example
 *   const seed = await seedDemo({ store, clock, random }, { tzid: 'Europe/Berlin' });
 *   seed.events // 105: the shipped calendars' occurrences
 */
export async function seedDemo(deps: ServiceDeps, opts: SeedDemoOptions): Promise<DemoSeed> {
  // Read the files before the transaction opens: a missing file then touches nothing.
  const sources = opts.calendars ?? shippedDemoCalendars();
  return deps.store.transaction((store) => seedDemoIn({ ...deps, store }, opts.tzid, sources));
}

async function seedDemoIn(deps: ServiceDeps, tzid: string, sources: readonly DemoCalendarSource[]): Promise<DemoSeed> {
  const { application, clientSecret } = await createApplication(deps, { name: 'Kairos demo' });
  const now = deps.clock();
  const sub = newAccountSub(deps.random);
  const profile: Profile = {
    profileId: newProfileId(deps.random),
    sub,
    providerName: 'kairos',
    providerService: 'kairos',
    profileName: DEMO_EMAIL,
    connected: true,
    initialSyncRequired: false,
    revoked: false,
    source: { type: 'local' },
    createdAt: now,
  };
  const store = deps.store;
  await store.createAccount({ sub, kind: 'account', email: DEMO_EMAIL, name: 'Demo User', zoneinfo: tzid, createdAt: now });
  await store.upsertAuthorization({ applicationId: application.applicationId, sub, scope: 'read_write', status: 'active', createdAt: now });
  await store.createProfile(profile);

  const today = dateInZone(now, tzid);
  const calendarIds: string[] = [];
  let events = 0;
  for (const [i, source] of sources.entries()) {
    const calendar: Calendar = {
      calendarId: newCalendarId(deps.random),
      profileId: profile.profileId,
      sub,
      name: source.name,
      readonly: false,
      deleted: false,
      primary: i === 0,
      color: source.color,
      createdAt: now,
    };
    await store.createCalendar(calendar);
    const text = typeof source.ics === 'string' ? source.ics : decodeIcsBytes(source.ics);
    const anchored = anchorIcsToWeekOf(text, today, { floatingTzid: tzid });
    const r = await importIcsIntoCalendar(store, { calendarId: calendar.calendarId, sub, text: anchored.text, now, defaultTzid: tzid, accountEmails: [DEMO_EMAIL], random: deps.random });
    calendarIds.push(calendar.calendarId);
    events += r.counts.occurrences;
  }

  const tokens = await issueAccessToken(deps, { applicationId: application.applicationId, sub, scope: 'read_write', ttlSeconds: 10_800 });
  await store.setSetting(DEMO_SETTING, JSON.stringify({ applicationId: application.applicationId, sub } satisfies DemoIdentity));
  return {
    clientId: application.clientId,
    clientSecret,
    sub,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    calendarIds,
    events,
  };
}
