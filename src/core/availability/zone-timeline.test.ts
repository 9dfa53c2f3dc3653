import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { MINUTE_MS, formatTime } from '../time.js';
import { at } from './test-helpers.js';
import { instantToLocal, localToInstant, zoneTimeline } from './zone-timeline.js';

const FROM = at('2025-12-01T00:00:00Z') / MINUTE_MS;
const TO = at('2027-02-01T00:00:00Z') / MINUTE_MS;

/** Local minutes since 1970 of a wall-clock date-time. */
function local(y: number, mo: number, d: number, h: number, mi: number): number {
  return Date.UTC(y, mo - 1, d, h, mi) / MINUTE_MS;
}

describe('localToInstant around the 2026 transitions', () => {
  it.each([
    // Europe/Berlin: 2026-03-29 02:00 → 03:00; 2026-10-25 03:00 → 02:00.
    { tz: 'Europe/Berlin', wall: [2026, 3, 29, 1, 59], utc: '2026-03-29T00:59:00Z' },
    { tz: 'Europe/Berlin', wall: [2026, 3, 29, 2, 0], utc: '2026-03-29T01:00:00Z' },
    { tz: 'Europe/Berlin', wall: [2026, 3, 29, 2, 30], utc: '2026-03-29T01:30:00Z' },
    { tz: 'Europe/Berlin', wall: [2026, 3, 29, 3, 0], utc: '2026-03-29T01:00:00Z' },
    { tz: 'Europe/Berlin', wall: [2026, 10, 25, 2, 30], utc: '2026-10-25T00:30:00Z' },
    { tz: 'Europe/Berlin', wall: [2026, 10, 25, 3, 0], utc: '2026-10-25T02:00:00Z' },
    // America/New_York: 2026-03-08 02:00 → 03:00; 2026-11-01 02:00 → 01:00.
    { tz: 'America/New_York', wall: [2026, 3, 8, 2, 30], utc: '2026-03-08T07:30:00Z' },
    { tz: 'America/New_York', wall: [2026, 3, 8, 3, 0], utc: '2026-03-08T07:00:00Z' },
    { tz: 'America/New_York', wall: [2026, 11, 1, 1, 30], utc: '2026-11-01T05:30:00Z' },
    { tz: 'America/New_York', wall: [2026, 11, 1, 2, 0], utc: '2026-11-01T07:00:00Z' },
    // Australia/Sydney: 2026-04-05 03:00 → 02:00; 2026-10-04 02:00 → 03:00.
    { tz: 'Australia/Sydney', wall: [2026, 4, 5, 2, 30], utc: '2026-04-04T15:30:00Z' },
    { tz: 'Australia/Sydney', wall: [2026, 4, 5, 3, 0], utc: '2026-04-04T17:00:00Z' },
    { tz: 'Australia/Sydney', wall: [2026, 10, 4, 2, 30], utc: '2026-10-03T16:30:00Z' },
    { tz: 'Australia/Sydney', wall: [2026, 10, 4, 3, 0], utc: '2026-10-03T16:00:00Z' },
    // No DST.
    { tz: 'Asia/Kolkata', wall: [2026, 6, 1, 9, 0], utc: '2026-06-01T03:30:00Z' },
    { tz: 'Etc/UTC', wall: [2026, 6, 1, 9, 0], utc: '2026-06-01T09:00:00Z' },
  ])('$tz $wall → $utc', ({ tz, wall, utc }) => {
    const [y, mo, d, h, mi] = wall as [number, number, number, number, number];
    const tl = zoneTimeline(tz, FROM, TO);
    expect(formatTime(localToInstant(tl, local(y, mo, d, h, mi)) * MINUTE_MS)).toBe(utc);
  });

  it('reads one segment for zones without transitions', () => {
    expect(zoneTimeline('Asia/Kolkata', FROM, TO).offsets).toEqual([330]);
    expect(zoneTimeline('Europe/Berlin', 29_500_000, 29_600_000).offsets).toEqual([60, 120]);
  });
});

describe('zone timelines agree with Temporal', () => {
  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'Australia/Sydney',
    'Australia/Lord_Howe',
    'America/St_Johns',
    'Pacific/Auckland',
    'Pacific/Chatham',
    'America/Santiago',
    'America/Havana',
    'Asia/Kolkata',
    'Europe/London',
  ];

  it('localToInstant is Temporal’s compatible disambiguation', () => {
    const timelines = new Map(zones.map((z) => [z, zoneTimeline(z, FROM, TO)]));
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 420 }), fc.integer({ min: 0, max: 1439 }), (tz, dayOffset, minute) => {
        const day = Math.floor(FROM / 1440) + 10 + dayOffset;
        const want = Temporal.PlainDate.from('1970-01-01')
          .add({ days: day })
          .toPlainDateTime({ hour: Math.floor(minute / 60), minute: minute % 60 })
          .toZonedDateTime(tz, { disambiguation: 'compatible' }).epochMilliseconds;
        expect(localToInstant(timelines.get(tz)!, day * 1440 + minute) * MINUTE_MS).toBe(want);
      }),
      { numRuns: 2000 },
    );
  });

  it('instantToLocal is the wall clock at that instant', () => {
    const timelines = new Map(zones.map((z) => [z, zoneTimeline(z, FROM, TO)]));
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: FROM + 1440, max: TO - 1440 }), (tz, minute) => {
        const pdt = Temporal.Instant.fromEpochMilliseconds(minute * MINUTE_MS).toZonedDateTimeISO(tz).toPlainDateTime();
        const want = Date.UTC(pdt.year, pdt.month - 1, pdt.day, pdt.hour, pdt.minute) / MINUTE_MS;
        expect(instantToLocal(timelines.get(tz)!, minute)).toBe(want);
      }),
      { numRuns: 2000 },
    );
  });
});
