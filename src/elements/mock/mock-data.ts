/**
 * Demo-mode data shared by the elements (PROTOCOL §6.9). Deterministic: everything is a
 * function of today's date in the display zone and of the requested window, and comes in
 * the server's wire shapes so that demo and live data go through the same code.
 */
import { addDays, daysBetween, parseDateOnly, wallTimeToInstant, dateInZone } from '../lib/dates.js';

/** Mock calendar ids, in userinfo order. */
export const MOCK_CALENDARS = {
  work: 'cal_demo_work_1',
  family: 'cal_demo_family_2',
  office: 'cal_demo_office_3',
  outlook: 'cal_demo_outlook_4',
  icloud: 'cal_demo_icloud_5',
} as const;

function calendar(id: string, name: string): Record<string, unknown> {
  return { calendar_id: id, calendar_name: name, calendar_readonly: false, calendar_deleted: false, calendar_primary: name !== 'Family', permission_level: 'unrestricted' };
}

function profile(provider: string, id: string, name: string, calendars: Record<string, unknown>[], extra?: Record<string, unknown>): Record<string, unknown> {
  return {
    provider_name: provider,
    provider_service: provider === 'apple' ? 'icloud' : provider,
    profile_id: `pro_demo${id}`,
    profile_name: name,
    profile_connected: true,
    profile_initial_sync_required: false,
    profile_calendars: calendars,
    ...extra,
  };
}

/** The demo userinfo: one `account` with google, office365, live_connect (syncing) and apple (disconnected). */
export function mockUserinfo(): Record<string, unknown> {
  const c = MOCK_CALENDARS;
  return {
    sub: 'acc_000000000000000000000d01',
    email: 'jane@example.com',
    name: 'Jane Doe',
    zoneinfo: 'Europe/London',
    'cronofy.type': 'account',
    'cronofy.data': {
      authorization: { scope: 'read_write', status: 'active' },
      profiles: [
        profile('google', 'Google01', 'jane@example.com', [calendar(c.work, 'Work'), calendar(c.family, 'Family')]),
        profile('office365', 'Office02', 'jane@example.org', [calendar(c.office, 'Calendar')]),
        profile('live_connect', 'Outlook3', 'jane@example.net', [calendar(c.outlook, 'Calendar')], { profile_initial_sync_required: true }),
        profile('apple', 'Apple004', 'jane@icloud.example', [calendar(c.icloud, 'Home')], {
          profile_connected: false,
          profile_relink_url: 'https://example.com/relink',
        }),
      ],
      conferencing_profiles: [],
    },
  };
}

function wire(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

/**
 * One-off demo events: `uid|calendar|summary|first day after today|start HH:mm or empty for
 * all-day|end HH:mm, or the number of days for all-day|last day (timed events spanning days)`.
 */
const ONE_OFF = [
  'birthday|family|Sam’s birthday|0||1',
  'review|work|Product review|0|11:00|12:00',
  'lunch|family|Lunch with Sam|0|12:30|13:30',
  'focus|work|Focus time|0|14:00|16:00',
  'planning|work|Quarterly planning|-1|13:00|15:00',
  'conference|work|Design conference|1||3',
  'one-to-one|work|1:1 with Alex|1|10:00|10:30',
  'dentist|family|Dentist|2|16:00|17:00',
  'flight|family|Overnight flight|5|21:00|07:00|6',
  'standup|work|Team stand-up|0|09:00|09:15',
];

/** Per-uid fields: recurring, unconfirmed (needs_action), free (transparent), details. */
const EXTRA: Record<string, Record<string, unknown>> = {
  birthday: { recurring: true },
  standup: { recurring: true },
  'one-to-one': { recurring: true },
  review: {
    participation_status: 'needs_action',
    location: { description: 'Room 4' },
    description: 'Agree the launch checklist.',
    attendees: [
      { email: 'jane@example.com', display_name: 'Jane Doe', status: 'needs_action' },
      { email: 'alex@example.com', display_name: 'Alex Smith', status: 'accepted' },
    ],
  },
  dentist: { participation_status: 'needs_action' },
  lunch: { transparency: 'transparent' },
  conference: { location: { description: 'Lisbon' } },
};

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
}

/** A demo event as the server would send it, `shift` days after its usual day. */
function toWire(spec: string, today: string, tz: string, shift: number): { first: string; last: string; event: Record<string, unknown> } {
  const [uid = '', cal = '', summary, day, start = '', end = '', lastDay] = spec.split('|');
  const first = addDays(today, Number(day) + shift);
  const last = lastDay ? addDays(today, Number(lastDay) + shift) : first;
  const allDay = start === '';
  return {
    first,
    last: allDay ? addDays(first, Number(end) - 1) : last,
    event: {
      calendar_id: MOCK_CALENDARS[cal as keyof typeof MOCK_CALENDARS],
      event_uid: `evt_external_demo_${uid}_${first}`,
      summary,
      description: '',
      start: allDay ? first : wire(wallTimeToInstant(first, minutes(start), tz)),
      end: allDay ? addDays(first, Number(end)) : wire(wallTimeToInstant(last, minutes(end), tz)),
      deleted: false,
      participation_status: 'accepted',
      attendees: [],
      transparency: 'opaque',
      status: 'confirmed',
      recurring: false,
      ...EXTRA[uid],
    },
  };
}

/**
 * Demo events for window `[from, to)` around today in `tz`: about eight events near today
 * (all-day, multi-day, recurring, unconfirmed, free, on two calendars) plus a recurring
 * weekday stand-up, so every working day in the window has something.
 */
export function mockAgendaEvents(from: string, to: string, tz: string, now: number = Date.now()): Record<string, unknown>[] {
  const today = dateInZone(now, tz);
  const out: Record<string, unknown>[] = [];
  const add = (spec: string, shift: number): void => {
    const e = toWire(spec, today, tz, shift);
    if (e.first < to && e.last >= from) out.push(e.event);
  };
  ONE_OFF.forEach((spec, i) => {
    if (i < ONE_OFF.length - 1) add(spec, 0);
  });
  const standup = ONE_OFF[ONE_OFF.length - 1] ?? '';
  for (let d = from; d < to; d = addDays(d, 1)) {
    const weekday = new Date(parseDateOnly(d) ?? 0).getUTCDay();
    if (weekday !== 0 && weekday !== 6) add(standup, daysBetween(today, d));
  }
  return out;
}
