import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addDays, dateInZone, dayBounds, daysBetween, isValidTimeZone, localDateOf, parseDateOnly, parseWireTime, startOfDay, wallTimeToInstant, zoneOffset } from './dates.js';

// Temporal is the oracle here only: the library itself uses Intl.
const oracleStart = (date: string, tz: string): number => Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: tz }).epochMilliseconds;
const oracleWall = (date: string, minutes: number, tz: string): number =>
  Temporal.PlainDate.from(date)
    .toPlainDateTime({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
    .toZonedDateTime(tz, { disambiguation: 'compatible' }).epochMilliseconds;

const ZONES = ['America/New_York', 'Europe/London', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/Santiago', 'America/Havana', 'Asia/Beirut', 'Pacific/Apia', 'Asia/Kolkata', 'UTC'];

describe('zone helpers', () => {
  it('knows zones and links, refuses the rest', () => {
    expect(isValidTimeZone('Europe/Kiev')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(3)).toBe(false);
  });

  it('computes offsets and dates in a zone', () => {
    expect(zoneOffset(Date.UTC(2026, 0, 15), 'America/New_York')).toBe(-5 * 3_600_000);
    expect(zoneOffset(Date.UTC(2026, 6, 15), 'America/New_York')).toBe(-4 * 3_600_000);
    expect(zoneOffset(Date.UTC(2026, 6, 15), 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
    expect(dateInZone(Date.UTC(2026, 2, 9, 3, 30), 'America/New_York')).toBe('2026-03-08');
    expect(dateInZone(Date.UTC(2026, 2, 9, 4, 30), 'America/New_York')).toBe('2026-03-09');
  });

  it('has 23- and 25-hour days on DST changes in New York', () => {
    expect(dayBounds('2026-03-08', 'America/New_York')).toEqual([Date.UTC(2026, 2, 8, 5), Date.UTC(2026, 2, 9, 4)]);
    expect(dayBounds('2026-11-01', 'America/New_York')).toEqual([Date.UTC(2026, 10, 1, 4), Date.UTC(2026, 10, 2, 5)]);
  });

  it('matches Temporal for the start of every day of 2026 in zones with odd transitions', () => {
    for (const tz of ZONES) {
      for (let d = '2026-01-01'; d < '2027-01-01'; d = addDays(d, 1)) {
        expect([tz, d, startOfDay(d, tz)]).toEqual([tz, d, oracleStart(d, tz)]);
      }
    }
  });

  it('resolves wall times like Temporal’s compatible disambiguation (gaps forward, overlaps earlier)', () => {
    const cases: Array<[string, number]> = [
      ['2026-03-08', 90],
      ['2026-03-08', 150],
      ['2026-03-08', 210],
      ['2026-11-01', 90],
      ['2026-11-01', 60],
      ['2026-11-01', 120],
    ];
    for (const [date, min] of cases) expect(wallTimeToInstant(date, min, 'America/New_York')).toBe(oracleWall(date, min, 'America/New_York'));
    for (const tz of ZONES) for (const min of [0, 30, 60, 90, 120, 150, 180, 1410]) {
      for (const date of ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-06', '2026-10-04', '2026-10-25', '2026-11-01']) {
        expect([tz, date, min, wallTimeToInstant(date, min, tz)]).toEqual([tz, date, min, oracleWall(date, min, tz)]);
      }
    }
  });
});

describe('date strings', () => {
  it('parses dates and wire times strictly', () => {
    expect(parseDateOnly('2026-02-29')).toBeNull();
    expect(parseDateOnly('2028-02-29')).toBe(Date.UTC(2028, 1, 29));
    expect(parseDateOnly('2026-3-1')).toBeNull();
    expect(parseWireTime('2026-03-08T07:30:00Z')).toBe(Date.UTC(2026, 2, 8, 7, 30));
    expect(parseWireTime('2026-03-08T09:30:00+02:00')).toBe(Date.UTC(2026, 2, 8, 7, 30));
    expect(parseWireTime('2026-03-08')).toBeNull();
    expect(parseWireTime('March 8')).toBeNull();
  });

  it('does date arithmetic without zones', () => {
    expect(addDays('2026-03-08', -7)).toBe('2026-03-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-03-01', '2026-03-16')).toBe(15);
    expect(localDateOf(new Date(2026, 2, 8, 23, 59))).toBe('2026-03-08');
  });
});
