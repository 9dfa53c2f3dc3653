/**
 * The demo seed on a fresh database: the shipped calendars (assets/demo/, written for the week
 * of 2026-01-05) are moved to the week of "now" and read back through GET /v1/events.
 *
 * The expectations are read off the files by hand, not from the importer. In the five weeks
 * around the current one (Monday two weeks back to Sunday two weeks ahead) the files hold:
 *
 *   Team stand-up              22  weekdays 25, minus 3 EXDATEs (offsite days of week +1);
 *                                  week 0's Friday is moved from 09:30 to 11:00
 *   Weekly sync with New York   4  Tuesdays 5, minus the UTC EXDATE of week −1; week +1's
 *                                  is moved to Wednesday
 *   Partner call with Tokyo     2  fortnightly Thursdays (COUNT=4): weeks −1 and +1
 *   1:1 with Sam                4  Thursdays 5; week 0's is cancelled (kept, renamed)
 *   1:1 with Sam (cancelled)    1
 *   Focus time                 10  Mondays and Wednesdays
 *   Weekly update               5  Fridays
 *   Running club                5  Saturdays
 *   lone events                17  design review, interview, late deploy window, customer
 *                                  call, webinar, release day, release retro, lunch & learn,
 *                                  quarterly planning, offsite, dinner, dentist, lunch with
 *                                  Ana, farmers' market, birthday, video call, flight
 *                              ──
 *                              70  (of 90 + 15 = 105 in the files)
 */
import { randomBytes } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/services/index.js';
import { testPostgresUrl } from '../../src/store/testing/postgres-target.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const url = testPostgresUrl();
const engines = url ? ([['sqlite', undefined], ['postgres', url]] as const) : ([['sqlite', undefined]] as const);

interface WireEvent {
  summary: string;
  start: string;
  end: string;
  status: string;
  transparency: string;
  participation_status: string;
  recurring: boolean;
}

const EXPECTED_COUNTS: Record<string, number> = {
  'Team stand-up': 22,
  'Weekly sync with New York': 4,
  'Partner call with Tokyo': 2,
  '1:1 with Sam': 4,
  '1:1 with Sam (cancelled)': 1,
  'Focus time': 10,
  'Running club': 5,
  'Weekly update': 5,
  'Release retro': 1,
  'Lunch & learn: time zones': 1,
  'Lunch with Ana': 1,
  "Farmers' market": 1,
  'Video call with Grandma': 1,
  'Design review': 1,
  'Interview: backend engineer': 1,
  'Late deploy window': 1,
  'Customer call: Boston clinic': 1,
  'Release webinar': 1,
  'Release day': 1,
  'Quarterly planning': 1,
  'Team offsite': 1,
  'Dinner with friends': 1,
  Dentist: 1,
  "Mum's birthday": 1,
  'Flight BER – HND': 1,
};

/** Every event of the account in [from, to), following next_page. */
async function readAll(h: Harness, token: string, from: string, to: string, tzid: string): Promise<WireEvent[]> {
  const out: WireEvent[] = [];
  let next: string | undefined = `/v1/events?from=${from}&to=${to}&tzid=${encodeURIComponent(tzid)}`;
  while (next !== undefined) {
    const res = await h.call('GET', next, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { events: WireEvent[]; pages: { next_page?: string } };
    out.push(...body.events);
    next = body.pages.next_page;
  }
  return out;
}

/** The wall-clock reading of a wire Time in `zone`, e.g. `2026-03-27T11:00`. */
const wall = (time: string, zone: string): string => Temporal.Instant.from(time).toZonedDateTimeISO(zone).toPlainDateTime().toString({ smallestUnit: 'minute' });

const cases = [
  // [what, now, account zone]
  ['winter', '2027-01-20T10:00:00Z', 'Europe/Berlin'],
  ['summer', '2026-07-15T10:00:00Z', 'Europe/Berlin'],
  ['the week Europe moves to summer time (Sunday 2026-03-29); New York moved on 2026-03-08', '2026-03-25T10:00:00Z', 'Europe/Berlin'],
  ['Sunday 23:30 UTC, already Monday in Berlin, the day after Europe left summer time', '2026-10-25T23:30:00Z', 'Europe/Berlin'],
  ['an account in New York, the week after its clocks changed', '2026-03-11T15:00:00Z', 'America/New_York'],
] as const;

for (const [engine, postgresUrl] of engines) {
  describe(`demo seed from the shipped calendars on ${engine}`, () => {
    it.each(cases)('%s: 70 occurrences in the five weeks around now, at their own wall-clock times', async (_what, now, tzid) => {
      const h = await createHarness({ start: now, ...(postgresUrl ? { postgresUrl } : {}) });
      try {
        const seed = await seedDemo({ store: h.store, clock: h.clock, random: (n) => new Uint8Array(randomBytes(n)) }, { tzid });
        expect(seed.events).toBe(105);
        expect(seed.calendarIds).toHaveLength(2);

        // The weeks, computed here from "now" with Temporal alone.
        const today = Temporal.Instant.from(now).toZonedDateTimeISO(tzid).toPlainDate();
        const monday = today.subtract({ days: today.dayOfWeek - 1 });
        const day = (week: number, weekday: number): string => monday.add({ days: week * 7 + weekday - 1 }).toString();

        const events = await readAll(h, seed.accessToken, day(-2, 1), day(3, 1), tzid);
        const counts: Record<string, number> = {};
        for (const e of events) counts[e.summary] = (counts[e.summary] ?? 0) + 1;
        expect(counts).toEqual(EXPECTED_COUNTS);
        expect(events).toHaveLength(70);

        const of = (summary: string) => events.filter((e) => e.summary === summary);
        // Floating times stay at the account's wall-clock time, whatever DST did in between.
        const standUps = of('Team stand-up').map((e) => wall(e.start, tzid));
        const standUpDays = [-2, -1, 0, 1, 2].flatMap((w) => [1, 2, 3, 4, 5].map((d) => [w, d] as const)).filter(([w, d]) => !(w === 1 && d >= 3));
        expect(standUps).toEqual(standUpDays.map(([w, d]) => `${day(w, d)}T${w === 0 && d === 5 ? '11:00' : '09:30'}`));
        expect(of('Focus time').every((e) => e.transparency === 'transparent' && wall(e.start, tzid).endsWith('T13:00'))).toBe(true);
        // New York's series stays at 10:00 in New York: the UTC EXDATE still removes week −1.
        expect(of('Weekly sync with New York').map((e) => wall(e.start, 'America/New_York'))).toEqual([
          `${day(-2, 2)}T10:00`,
          `${day(0, 2)}T10:00`,
          `${day(1, 3)}T10:00`,
          `${day(2, 2)}T10:00`,
        ]);
        expect(of('Partner call with Tokyo').map((e) => wall(e.start, 'Asia/Tokyo'))).toEqual([`${day(-1, 4)}T15:00`, `${day(1, 4)}T15:00`]);
        expect(of('1:1 with Sam').map((e) => wall(e.start, 'Europe/Berlin'))).toEqual([-2, -1, 1, 2].map((w) => `${day(w, 4)}T14:00`));
        expect(of('1:1 with Sam (cancelled)').map((e) => [wall(e.start, 'Europe/Berlin'), e.status])).toEqual([[`${day(0, 4)}T14:00`, 'cancelled']]);
        // A UTC event keeps its UTC time.
        expect(of('Release webinar').map((e) => [e.start, e.end])).toEqual([[`${day(0, 3)}T14:00:00Z`, `${day(0, 3)}T15:00:00Z`]]);
        expect(of('Design review').map((e) => wall(e.start, 'Europe/Berlin'))).toEqual([`${day(0, 1)}T11:00`]);
        expect(of('Interview: backend engineer').map((e) => e.participation_status)).toEqual(['needs_action']);
        expect(of('Customer call: Boston clinic').map((e) => [wall(e.start, 'America/New_York'), e.status, e.participation_status])).toEqual([[`${day(0, 2)}T09:00`, 'tentative', 'tentative']]);
        // All-day and multi-day items keep their dates.
        expect(of('Team offsite').map((e) => [e.start, e.end])).toEqual([[day(1, 3), day(1, 6)]]);
        expect(of("Mum's birthday").map((e) => [e.start, e.end])).toEqual([[day(0, 7), day(1, 1)]]);
        // Start and end in different zones, each at its own wall-clock time.
        expect(of('Flight BER – HND').map((e) => [wall(e.start, 'Europe/Berlin'), wall(e.end, 'Asia/Tokyo')])).toEqual([[`${day(2, 5)}T13:30`, `${day(2, 6)}T10:00`]]);
      } finally {
        await h.close();
      }
    });
  });
}
