import { describe, expect, it } from 'vitest';
import { boundProblem, dateProblem, formatTime, parseDate, parseDuration, parseLocalTime, parseQueryBoolean, parseTime } from './time.js';

describe('parseTime (PROTOCOL §2.2 Time)', () => {
  const ok: [string, string][] = [
    ['2026-06-01T09:00:00Z', '2026-06-01T09:00:00Z'],
    ['2026-06-01T09:00:00+02:00', '2026-06-01T07:00:00Z'],
    ['2026-06-01T09:00:00-05:30', '2026-06-01T14:30:00Z'],
    ['2026-06-01T09:00:00+00:00', '2026-06-01T09:00:00Z'],
    ['2026-06-01T09:00:00-00:00', '2026-06-01T09:00:00Z'],
    ['2026-06-01T23:30:00-01:00', '2026-06-02T00:30:00Z'],
    ['2026-06-01T09:00:00.0Z', '2026-06-01T09:00:00Z'],
    ['2026-06-01T09:00:00.000Z', '2026-06-01T09:00:00Z'],
    ['2026-06-01T09:00:00.000000+01:00', '2026-06-01T08:00:00Z'],
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00Z'],
    ['2026-12-31T23:59:59Z', '2026-12-31T23:59:59Z'],
    ['1900-01-01T00:00:00Z', '1900-01-01T00:00:00Z'],
    ['2199-12-31T23:59:59Z', '2199-12-31T23:59:59Z'],
    // An offset that keeps the instant inside the years.
    ['1900-01-01T00:00:00-01:00', '1900-01-01T01:00:00Z'],
    ['2199-12-31T23:59:59+01:00', '2199-12-31T22:59:59Z'],
  ];
  it.each(ok)('%s → %s', (input, utc) => {
    const ms = parseTime(input);
    expect(ms).not.toBeNull();
    expect(formatTime(ms!)).toBe(utc);
  });

  const bad: [string, unknown][] = [
    ['non-zero fraction', '2026-06-01T09:00:00.5Z'],
    ['non-zero trailing fraction digit', '2026-06-01T09:00:00.001Z'],
    ['empty fraction', '2026-06-01T09:00:00.Z'],
    ['Feb 30', '2026-02-30T00:00:00Z'],
    ['an offset carrying the instant before 1900', '1900-01-01T00:00:00+14:00'],
    ['an offset carrying the instant after 2199', '2199-12-31T23:59:59-01:00'],
    ['before 1900 in UTC', '1899-12-31T23:00:00Z'],
    ['Feb 29 in a common year', '2023-02-29T00:00:00Z'],
    ['Feb 29 in 1900 (not a leap year)', '1900-02-29T00:00:00Z'],
    ['Feb 29 in 2100 (not a leap year)', '2100-02-29T00:00:00Z'],
    ['April 31', '2026-04-31T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['month 00', '2026-00-01T00:00:00Z'],
    ['day 00', '2026-01-00T00:00:00Z'],
    ['hour 24', '2026-06-01T24:00:00Z'],
    ['minute 60', '2026-06-01T09:60:00Z'],
    ['second 60', '2026-06-01T09:00:60Z'],
    ['year 1899', '1899-12-31T23:59:59Z'],
    ['year 2200', '2200-01-01T00:00:00Z'],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['year 99999', '99999-01-01T00:00:00Z'],
    ['no zone', '2026-06-01T09:00:00'],
    ['lower-case z', '2026-06-01T09:00:00z'],
    ['lower-case t', '2026-06-01t09:00:00Z'],
    ['a space for T', '2026-06-01 09:00:00Z'],
    ['no seconds', '2026-06-01T09:00Z'],
    ['offset without colon', '2026-06-01T09:00:00+0200'],
    ['offset hours only', '2026-06-01T09:00:00+02'],
    ['offset hour 24', '2026-06-01T09:00:00+24:00'],
    ['offset minute 60', '2026-06-01T09:00:00+01:60'],
    ['a date only', '2026-06-01'],
    ['leading space', ' 2026-06-01T09:00:00Z'],
    ['trailing space', '2026-06-01T09:00:00Z '],
    ['an epoch number', 1780304400000],
    ['null', null],
    ['an object', { time: '2026-06-01T09:00:00Z' }],
    ['a huge string', '2026-06-01T09:00:00' + '.0'.repeat(100) + 'Z'],
  ];
  it.each(bad)('rejects %s', (_name, input) => {
    expect(parseTime(input)).toBeNull();
  });
});

describe('formatTime', () => {
  it('always gives 20 characters, whole seconds, UTC', () => {
    expect(formatTime(Date.UTC(2026, 5, 1, 9, 30, 15, 999))).toBe('2026-06-01T09:30:15Z');
    expect(formatTime(Date.UTC(1900, 0, 1))).toBe('1900-01-01T00:00:00Z');
  });
});

describe('parseDate (PROTOCOL §2.2 Date)', () => {
  const ok = ['2026-06-01', '2024-02-29', '2000-02-29', '1900-01-01', '2199-12-31', '2026-12-31', '2026-01-31'];
  it.each(ok)('accepts %s', (d) => {
    expect(parseDate(d)).toBe(d);
  });
  const bad: [string, unknown][] = [
    ['Feb 30', '2026-02-30'],
    ['Feb 29 in a common year', '2026-02-29'],
    ['Feb 29 1900', '1900-02-29'],
    ['Feb 29 2100', '2100-02-29'],
    ['June 31', '2026-06-31'],
    ['month 13', '2026-13-01'],
    ['month 0', '2026-00-10'],
    ['day 0', '2026-06-00'],
    ['year 1899', '1899-12-31'],
    ['year 2200', '2200-01-01'],
    ['year 0000', '0000-01-01'],
    ['year 99999', '99999-01-01'],
    ['short year', '26-06-01'],
    ['single-digit month', '2026-6-01'],
    ['a Time', '2026-06-01T00:00:00Z'],
    ['slashes', '2026/06/01'],
    ['whitespace', ' 2026-06-01'],
    ['a number', 20260601],
    ['null', null],
  ];
  it.each(bad)('rejects %s', (_name, input) => {
    expect(parseDate(input)).toBeNull();
  });

  it('boundProblem says what is wrong with an event bound of the right form, else lists the forms', () => {
    const forms = 'start must be a Date (YYYY-MM-DD), a Time (YYYY-MM-DDTHH:mm:ssZ) or { time, tzid }';
    expect(boundProblem('start', '0001-01-01')).toBe('start must be a date in the years 1900–2199');
    expect(boundProblem('start', '2026-02-30')).toBe('start is not a day of the calendar (2026-02-30)');
    expect(boundProblem('start', '1899-12-31T23:00:00Z')).toBe('start must be a time in the years 1900–2199 (UTC)');
    expect(boundProblem('start', '1900-01-01T00:00:00+14:00')).toBe('start must be a time in the years 1900–2199 (UTC)');
    expect(boundProblem('start', { time: '0001-01-01T00:00:00Z', tzid: 'UTC' })).toBe('start must be a time in the years 1900–2199 (UTC)');
    expect(boundProblem('start', '2026-02-30T09:00:00Z')).toBe('start is not a moment of the calendar (2026-02-30T09:00:00Z)');
    expect(boundProblem('start', '2026-06-01T24:00:00Z')).toBe('start is not a moment of the calendar (2026-06-01T24:00:00Z)');
    for (const v of ['tomorrow', 42, null, { time: 'x' }, { time: '2026-06-01T09:00:00Z', tzid: 'Mars/Base' }, '2026-06-01T09:00:00.5Z']) expect(boundProblem('start', v)).toBe(forms);
  });

  it('dateProblem says what is wrong: the form, the year range, or the day', () => {
    expect(dateProblem('from', '2026/06/01')).toBe('from must be a Date (YYYY-MM-DD)');
    expect(dateProblem('from', undefined)).toBe('from must be a Date (YYYY-MM-DD)');
    expect(dateProblem('from', '0001-01-01')).toBe('from must be a date in the years 1900–2199');
    expect(dateProblem('to', '9999-12-31')).toBe('to must be a date in the years 1900–2199');
    expect(dateProblem('to', '2026-02-30')).toBe('to is not a day of the calendar (2026-02-30)');
    expect(dateProblem('to', '2026-13-01')).toBe('to is not a day of the calendar (2026-13-01)');
  });
});

describe('parseDuration (PROTOCOL §2.2 Duration)', () => {
  const ok: [unknown, number][] = [
    [{ minutes: 30 }, 30],
    [{ minutes: 0 }, 0],
    [{ minutes: 90 }, 90],
    [{ hours: 1 }, 60],
    [{ hours: 2, minutes: 59 }, 179],
    [{ hours: 0, minutes: 15 }, 15],
    [{ hours: 24 }, 1440],
    [{ minutes: 30, extra: 'ignored' }, 30],
  ];
  it.each(ok)('%j → %d minutes', (input, minutes) => {
    expect(parseDuration(input)).toEqual({ minutes });
  });
  const bad: [string, unknown][] = [
    ['minutes > 59 with hours', { hours: 1, minutes: 60 }],
    ['empty object', {}],
    ['negative minutes', { minutes: -1 }],
    ['negative hours', { hours: -1 }],
    ['fractional minutes', { minutes: 1.5 }],
    ['string minutes', { minutes: '30' }],
    ['null minutes', { minutes: null }],
    ['boolean hours', { hours: true }],
    ['unsafe integer', { minutes: 2 ** 53 }],
    ['infinity', { minutes: Infinity }],
    ['null', null],
    ['an array', [30]],
    ['a number', 30],
    ['a string', 'PT30M'],
  ];
  it.each(bad)('rejects %s', (_name, input) => {
    expect(parseDuration(input)).toHaveProperty('error');
  });
});

describe('parseLocalTime (PROTOCOL §2.2 Local time)', () => {
  const table: [string, number | null, number | null][] = [
    // value, as a start time, as an end time (24:00 allowed)
    ['00:00', 0, 0],
    ['00:01', 1, 1],
    ['09:30', 570, 570],
    ['23:59', 1439, 1439],
    ['24:00', null, 1440],
    ['24:01', null, null],
    ['24:30', null, null],
    ['25:00', null, null],
    ['12:60', null, null],
    ['9:00', null, null],
    ['09:0', null, null],
    ['0900', null, null],
    ['09:00:00', null, null],
    ['ab:cd', null, null],
    ['', null, null],
  ];
  it.each(table)('%j → start %j, end %j', (value, asStart, asEnd) => {
    expect(parseLocalTime(value)).toBe(asStart);
    expect(parseLocalTime(value, true)).toBe(asEnd);
  });
  it('rejects non-strings', () => {
    expect(parseLocalTime(900)).toBeNull();
    expect(parseLocalTime(null, true)).toBeNull();
  });
});

describe('parseQueryBoolean (PROTOCOL §2.2)', () => {
  const table: [string, boolean | null][] = [
    ['true', true],
    ['TRUE', true],
    ['True', true],
    ['tRuE', true],
    ['1', true],
    ['false', false],
    ['FALSE', false],
    ['False', false],
    ['0', false],
    ['yes', null],
    ['no', null],
    ['on', null],
    ['', null],
    [' true', null],
    ['true ', null],
    ['2', null],
    ['01', null],
    ['t', null],
  ];
  it.each(table)('%j → %j', (value, expected) => {
    expect(parseQueryBoolean(value)).toBe(expected);
  });
});
