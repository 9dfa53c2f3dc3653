/**
 * Zone math measured against Temporal (the tz database) instead of trusted: offsets at random
 * instants, wall-clock conversions around every transition, VTIMEZONE blocks against the place
 * they describe, and the TZID resolver's order.
 */
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { localMsOf } from './calendar-math.js';
import { ianaZone } from './iana-zone.js';
import { readIcs } from './read-ics.js';
import { ZoneResolver, cleanTzid } from './resolve-zone.js';
import { zoneFromVtimezone } from './vtimezone-zone.js';
import { localToUtc } from './zone.js';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'America/Sao_Paulo', 'Europe/Dublin', 'Asia/Tehran', 'America/St_Johns', 'Pacific/Apia'];

/** A fixed pseudo-random sequence, so that failures reproduce. */
function* lcg(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x / 2147483648;
  }
}

describe('IANA zones', () => {
  it.each(ZONES)('%s: offsets and wall-clock conversions agree with Temporal', (tz) => {
    const zone = ianaZone(tz);
    const rnd = lcg(tz.length * 7919);
    const lo = Date.UTC(1960, 0, 1);
    const hi = Date.UTC(2060, 0, 1);
    for (let i = 0; i < 300; i++) {
      const ms = lo + Math.floor((rnd.next().value as number) * ((hi - lo) / 60_000)) * 60_000;
      const zdt = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tz);
      expect(zone.offsetAt(ms)).toBe(zdt.offsetNanoseconds / 1e6);
    }
    // Around each transition of 2000–2030: readings 90 min either side, gaps and folds included.
    let t: Temporal.ZonedDateTime | null = Temporal.Instant.from('2000-01-01T00:00:00Z').toZonedDateTimeISO(tz);
    for (let k = 0; k < 70 && t !== null; k++) {
      t = t.getTimeZoneTransition('next');
      if (t === null || t.year > 2030) break;
      for (const d of [-90, -60, -31, -30, -1, 0, 1, 29, 30, 59, 60, 90]) {
        const p = t.toPlainDateTime().add({ minutes: d });
        const local = localMsOf(p.year, p.month, p.day, p.hour, p.minute);
        expect(localToUtc(zone, local)).toBe(p.toZonedDateTime(tz, { disambiguation: 'compatible' }).epochMilliseconds);
      }
    }
  });
});

describe('VTIMEZONE blocks', () => {
  const block = (lines: string[]) => readIcs(['BEGIN:VCALENDAR', ...lines, 'END:VCALENDAR'].join('\r\n')).root.children[0]!.children[0]!;

  it('reads Exchange\'s 1601 rules like the place they stand for, for current years', () => {
    const west = block([
      'BEGIN:VTIMEZONE', 'TZID:W. Europe Standard Time',
      'BEGIN:STANDARD', 'DTSTART:16010101T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10', 'END:STANDARD',
      'BEGIN:DAYLIGHT', 'DTSTART:16010101T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3', 'END:DAYLIGHT',
      'END:VTIMEZONE',
    ]);
    const zone = zoneFromVtimezone(west, 'W. Europe Standard Time')!;
    const berlin = ianaZone('Europe/Berlin');
    for (let ms = Date.UTC(1996, 0, 1); ms < Date.UTC(2030, 0, 1); ms += 3_600_000 * 7) expect(zone.offsetAt(ms)).toBe(berlin.offsetAt(ms));
  });

  it('reads RDATE-built history (iCloud, Thunderbird) and a block with equal offsets', () => {
    const hist = block([
      'BEGIN:VTIMEZONE', 'TZID:Old', 'BEGIN:DAYLIGHT', 'DTSTART:19810329T020000', 'RDATE:19820328T020000,19830327T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'END:DAYLIGHT',
      'BEGIN:STANDARD', 'DTSTART:19810927T030000', 'RDATE:19820926T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'END:STANDARD', 'END:VTIMEZONE',
    ]);
    const zone = zoneFromVtimezone(hist, 'Old')!;
    expect(zone.offsetAt(Date.UTC(1982, 6, 1))).toBe(7_200_000);
    expect(zone.offsetAt(Date.UTC(1982, 11, 1))).toBe(3_600_000);
    // After the last onset the last offset stays.
    expect(zone.offsetAt(Date.UTC(2020, 0, 1))).toBe(7_200_000);
    const flat = block(['BEGIN:VTIMEZONE', 'TZID:Flat', 'BEGIN:STANDARD', 'DTSTART:16010101T000000', 'TZOFFSETFROM:-0700', 'TZOFFSETTO:-0700', 'END:STANDARD', 'BEGIN:DAYLIGHT', 'DTSTART:16010101T000000', 'TZOFFSETFROM:-0700', 'TZOFFSETTO:-0700', 'END:DAYLIGHT', 'END:VTIMEZONE']);
    expect(zoneFromVtimezone(flat, 'Flat')!.offsetAt(Date.UTC(2026, 6, 1))).toBe(-25_200_000);
    expect(zoneFromVtimezone(block(['BEGIN:VTIMEZONE', 'TZID:Empty', 'END:VTIMEZONE']), 'Empty')).toBeNull();
  });
});

describe('TZID resolution', () => {
  const floating = ianaZone('Asia/Tokyo');
  const resolver = (blocks: string[] = []) => {
    const warnings: string[] = [];
    const cal = readIcs(['BEGIN:VCALENDAR', ...blocks, 'END:VCALENDAR'].join('\r\n')).root.children[0]!;
    return { r: new ZoneResolver(cal.children, floating, (m) => warnings.push(m)), warnings };
  };

  it.each([
    ['Europe/Berlin', 'iana', 'Europe/Berlin'],
    ['Europe/Kiev', 'iana', 'Europe/Kiev'],
    ['US/Pacific', 'iana', 'US/Pacific'],
    ['UTC', 'iana', 'UTC'],
    ['/freeassociation.sourceforge.net/Tzfile/America/New_York', 'iana', 'America/New_York'],
    ['Romance Standard Time', 'windows', 'Europe/Paris'],
    ['GMT Standard Time', 'windows', 'Europe/London'],
    ['New Zealand Standard Time', 'windows', 'Pacific/Auckland'],
    ['(UTC+01:00) Brussels, Copenhagen, Madrid, Paris', 'display-name', 'Europe/Paris'],
    ['(UTC-07:00) Arizona', 'display-name', 'America/Phoenix'],
    ['(UTC+09:00) Osaka, Sapporo, Tokyo', 'display-name', 'Asia/Tokyo'],
  ])('%s → %s %s', (tzid, source, iana) => {
    const { r, warnings } = resolver();
    const got = r.resolve(tzid);
    expect([got.source, got.zone.iana]).toEqual([source, iana]);
    expect(warnings).toEqual([]);
  });

  it('uses a fixed offset for an unknown display name, with a warning', () => {
    const { r, warnings } = resolver();
    const got = r.resolve('(UTC+03:30) Somewhere Else');
    expect([got.source, got.zone.iana, got.zone.offsetAt(0)]).toEqual(['display-name', null, 12_600_000]);
    expect(warnings).toEqual(['TZID "(UTC+03:30) Somewhere Else" read as a fixed offset (no daylight saving time)']);
  });

  it('cleans padding and quotes', () => {
    expect(cleanTzid('"Europe/Stockholm\u0000\u0000"')).toBe('Europe/Stockholm');
    expect(cleanTzid('  Europe/Oslo \t')).toBe('Europe/Oslo');
  });
});
