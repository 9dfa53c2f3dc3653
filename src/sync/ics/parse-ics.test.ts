/**
 * Semantics of parseIcs, point by point, each as small iCalendar text.
 */
import { describe, expect, it } from 'vitest';
import { decodeIcsBytes } from './decode-ics-bytes.js';
import { calendar, iso, ofUid, parse, span, between } from './test-helpers.js';

const ev = (uid: string, ...lines: string[]): string[] => ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT'];
const starts = (text: string, uid: string, opts = {}): string[] => ofUid(parse(text, opts), uid).map((e) => span(e)[0]);
const spans = (text: string, uid: string, opts = {}): [string, string][] => ofUid(parse(text, opts), uid).map(span);

describe('daylight saving time', () => {
  it.each([
    ['spring change', '20260323T090000', ['2026-03-23T08:00:00Z', '2026-03-30T07:00:00Z', '2026-04-06T07:00:00Z']],
    ['autumn change', '20261019T090000', ['2026-10-19T07:00:00Z', '2026-10-26T08:00:00Z', '2026-11-02T08:00:00Z']],
  ])('a weekly 09:00 Berlin series keeps 09:00 local across the %s', (_n, dtstart, expected) => {
    const text = calendar(ev('w', `DTSTART;TZID=Europe/Berlin:${dtstart}`, 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;COUNT=3'));
    expect(starts(text, 'w')).toEqual(expected);
  });

  it('reads DURATION:P1D as a nominal day (23 h across the spring change) and PT24H as exact hours', () => {
    const nominal = calendar(ev('d', 'DTSTART;TZID=Europe/Berlin:20260328T120000', 'DURATION:P1D', 'RRULE:FREQ=DAILY;COUNT=2'));
    expect(spans(nominal, 'd')).toEqual([
      ['2026-03-28T11:00:00Z', '2026-03-29T10:00:00Z'],
      ['2026-03-29T10:00:00Z', '2026-03-30T10:00:00Z'],
    ]);
    const exact = calendar(ev('e', 'DTSTART;TZID=Europe/Berlin:20260328T120000', 'DURATION:PT24H'));
    expect(spans(exact, 'e')).toEqual([['2026-03-28T11:00:00Z', '2026-03-29T11:00:00Z']]);
  });

  it('gives every instance of a DTEND series the same exact length (RFC 5545 §3.8.5.3)', () => {
    const text = calendar(ev('n', 'DTSTART;TZID=Europe/Berlin:20260327T220000', 'DTEND;TZID=Europe/Berlin:20260328T060000', 'RRULE:FREQ=DAILY;COUNT=2'));
    expect(spans(text, 'n')).toEqual([
      ['2026-03-27T21:00:00Z', '2026-03-28T05:00:00Z'],
      ['2026-03-28T21:00:00Z', '2026-03-29T05:00:00Z'],
    ]);
  });

  it('moves a nonexistent 02:30 forward, in DTSTART and in generated instances', () => {
    const text = calendar(ev('g', 'DTSTART;TZID=America/New_York:20260307T023000', 'DURATION:PT30M', 'RRULE:FREQ=DAILY;COUNT=3'));
    expect(starts(text, 'g')).toEqual(['2026-03-07T07:30:00Z', '2026-03-08T07:30:00Z', '2026-03-09T06:30:00Z']);
    const single = calendar(ev('s', 'DTSTART;TZID=Europe/Berlin:20260329T023000', 'DTEND;TZID=Europe/Berlin:20260329T033000'));
    // 02:30 does not exist in Berlin that day: read at +01:00, i.e. 03:30 CEST.
    expect(spans(single, 's')).toEqual([['2026-03-29T01:30:00Z', '2026-03-29T01:30:00Z']]);
  });

  it('takes the first of an ambiguous 02:30 (fall back)', () => {
    const text = calendar(ev('a', 'DTSTART;TZID=Europe/Berlin:20261025T023000', 'DURATION:PT15M'));
    expect(spans(text, 'a')).toEqual([['2026-10-25T00:30:00Z', '2026-10-25T00:45:00Z']]);
    const series = calendar(ev('b', 'DTSTART;TZID=America/New_York:20261031T013000', 'DURATION:PT30M', 'RRULE:FREQ=DAILY;COUNT=3'));
    expect(starts(series, 'b')).toEqual(['2026-10-31T05:30:00Z', '2026-11-01T05:30:00Z', '2026-11-02T06:30:00Z']);
  });

  it('keeps a UTC-anchored series on UTC, whatever zone the account has', () => {
    const text = calendar(ev('u', 'DTSTART:20260323T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;COUNT=2'));
    expect(starts(text, 'u', { defaultTzid: 'Europe/Berlin' })).toEqual(['2026-03-23T09:00:00Z', '2026-03-30T09:00:00Z']);
  });
});

describe('RRULE parts', () => {
  const series = (rule: string, dtstart = 'DTSTART;TZID=Europe/Berlin:20260105T090000', extra: string[] = []): string[] =>
    starts(calendar(ev('r', dtstart, 'DURATION:PT1H', `RRULE:${rule}`, ...extra)), 'r');

  it.each([
    ['HOURLY with INTERVAL', 'FREQ=HOURLY;INTERVAL=5;COUNT=3', ['2026-01-05T08:00:00Z', '2026-01-05T13:00:00Z', '2026-01-05T18:00:00Z']],
    ['SECONDLY', 'FREQ=SECONDLY;INTERVAL=20;COUNT=3', ['2026-01-05T08:00:00Z', '2026-01-05T08:00:20Z', '2026-01-05T08:00:40Z']],
    ['MONTHLY BYDAY with a negative ordinal', 'FREQ=MONTHLY;BYDAY=-1FR;COUNT=3', ['2026-01-05T08:00:00Z', '2026-01-30T08:00:00Z', '2026-02-27T08:00:00Z']],
    ['MONTHLY BYMONTHDAY=-1', 'FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3', ['2026-01-05T08:00:00Z', '2026-01-31T08:00:00Z', '2026-02-28T08:00:00Z']],
    ['YEARLY BYMONTH with BYDAY ordinal (US Thanksgiving)', 'FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;COUNT=3', ['2026-01-05T08:00:00Z', '2026-11-26T08:00:00Z', '2027-11-25T08:00:00Z']],
    ['BYSETPOS last weekday of the month', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3', ['2026-01-05T08:00:00Z', '2026-01-30T08:00:00Z', '2026-02-27T08:00:00Z']],
    ['UNTIL as a DATE covers that whole day', 'FREQ=WEEKLY;UNTIL=20260119', ['2026-01-05T08:00:00Z', '2026-01-12T08:00:00Z', '2026-01-19T08:00:00Z']],
    ['UNTIL as a UTC DATE-TIME equal to the last start', 'FREQ=WEEKLY;UNTIL=20260119T080000Z', ['2026-01-05T08:00:00Z', '2026-01-12T08:00:00Z', '2026-01-19T08:00:00Z']],
    ['UNTIL one second before an instance excludes it', 'FREQ=WEEKLY;UNTIL=20260119T075959Z', ['2026-01-05T08:00:00Z', '2026-01-12T08:00:00Z']],
    ['UNTIL as a floating DATE-TIME read in the series zone', 'FREQ=WEEKLY;UNTIL=20260119T090000', ['2026-01-05T08:00:00Z', '2026-01-12T08:00:00Z', '2026-01-19T08:00:00Z']],
    ['lower-case names and values', 'freq=weekly;count=2;byday=mo', ['2026-01-05T08:00:00Z', '2026-01-12T08:00:00Z']],
  ])('%s', (_n, rule, expected) => {
    expect(series(rule)).toEqual(expected);
  });

  it('counts DTSTART as the first instance even when the rule does not match it', () => {
    expect(series('FREQ=WEEKLY;BYDAY=WE;COUNT=3')).toEqual(['2026-01-05T08:00:00Z', '2026-01-07T08:00:00Z', '2026-01-14T08:00:00Z']);
  });

  it('counts excluded instances towards COUNT', () => {
    expect(series('FREQ=DAILY;COUNT=3', undefined, ['EXDATE;TZID=Europe/Berlin:20260106T090000'])).toEqual(['2026-01-05T08:00:00Z', '2026-01-07T08:00:00Z']);
  });

  it('unites several RRULEs and removes EXRULE instances', () => {
    expect(series('FREQ=WEEKLY;BYDAY=MO;COUNT=2', undefined, ['RRULE:FREQ=WEEKLY;BYDAY=FR;COUNT=2'])).toEqual([
      '2026-01-05T08:00:00Z',
      '2026-01-09T08:00:00Z',
      '2026-01-12T08:00:00Z',
    ]);
    expect(series('FREQ=DAILY;COUNT=5', undefined, ['EXRULE:FREQ=DAILY;INTERVAL=2;COUNT=3'])).toEqual(['2026-01-06T08:00:00Z', '2026-01-08T08:00:00Z']);
  });

  it('imports DTSTART alone, with a warning, when the RRULE is invalid', () => {
    const r = parse(calendar(ev('bad', 'DTSTART:20260105T090000Z', 'RRULE:FREQ=FORTNIGHTLY')));
    expect(r.occurrences.map((e) => span(e)[0])).toEqual(['2026-01-05T09:00:00Z']);
    expect(r.warnings.map((w) => w.reason)).toEqual(['RRULE ignored: FREQ=FORTNIGHTLY is not a frequency']);
  });

  it('reads a COUNT too large to reach as no end, and refuses one that is not a positive integer', () => {
    const window = { horizon: between('2026-01-01T00:00:00Z', '2026-01-08T00:00:00Z') };
    for (const count of ['9007199254740992', '99999999999999999999999']) {
      const r = parse(calendar(ev('huge', 'DTSTART:20260105T090000Z', `RRULE:FREQ=DAILY;COUNT=${count}`)), window);
      expect(r.occurrences.map((e) => span(e)[0]), count).toEqual(['2026-01-05T09:00:00Z', '2026-01-06T09:00:00Z', '2026-01-07T09:00:00Z']);
      expect(r.warnings, count).toEqual([]);
    }
    for (const count of ['0', '-3', '1.5', 'x']) {
      const r = parse(calendar(ev('bad', 'DTSTART:20260105T090000Z', `RRULE:FREQ=DAILY;COUNT=${count}`)), window);
      expect(r.occurrences.map((e) => span(e)[0]), count).toEqual(['2026-01-05T09:00:00Z']);
      expect(r.warnings.map((w) => w.reason), count).toEqual([`RRULE ignored: COUNT=${count} is not a positive integer`]);
    }
  });
});

describe('RDATE', () => {
  it('adds UTC, TZID-list and PERIOD dates to a timed series', () => {
    const text = calendar(
      ev(
        'z',
        'DTSTART;TZID=America/Los_Angeles:20260106T100000',
        'DTEND;TZID=America/Los_Angeles:20260106T103000',
        'RRULE:FREQ=MONTHLY;BYDAY=1TU;COUNT=2',
        'RDATE:20260120T180000Z',
        'RDATE;VALUE=PERIOD:20260125T090000Z/20260125T123000Z',
        'RDATE;TZID=America/Los_Angeles:20260110T100000,20260130T100000',
      ),
    );
    expect(spans(text, 'z')).toEqual([
      ['2026-01-06T18:00:00Z', '2026-01-06T18:30:00Z'],
      ['2026-01-10T18:00:00Z', '2026-01-10T18:30:00Z'],
      ['2026-01-20T18:00:00Z', '2026-01-20T18:30:00Z'],
      ['2026-01-25T09:00:00Z', '2026-01-25T12:30:00Z'],
      ['2026-01-30T18:00:00Z', '2026-01-30T18:30:00Z'],
      ['2026-02-03T18:00:00Z', '2026-02-03T18:30:00Z'],
    ]);
  });

  it('adds dates to an all-day series, including the `YYYYMMDDZ` form', () => {
    const text = calendar(ev('b', 'DTSTART;VALUE=DATE:20261210', 'DTEND;VALUE=DATE:20261211', 'RRULE:FREQ=DAILY;COUNT=1', 'RDATE;VALUE=DATE:20251210', 'RDATE:20241210Z'));
    expect(starts(text, 'b')).toEqual(['2024-12-10', '2025-12-10', '2026-12-10']);
  });

  it('makes an event without RRULE but with RDATE a series', () => {
    const r = parse(calendar(ev('x', 'DTSTART:20260105T090000Z', 'RDATE:20260106T090000Z')));
    expect(r.occurrences.map((e) => [e.sourceKey, e.recurring])).toEqual([
      ['x#20260105T090000Z', true],
      ['x#20260106T090000Z', true],
    ]);
  });
});

describe('EXDATE', () => {
  const base = ['DTSTART;TZID=Europe/Berlin:20260105T090000', 'DURATION:PT1H', 'RRULE:FREQ=DAILY;COUNT=6'];
  it.each([
    ['several values on one line, and several lines', ['EXDATE;TZID=Europe/Berlin:20260106T090000,20260107T090000', 'EXDATE;TZID=Europe/Berlin:20260109T090000'], ['05', '08', '10']],
    ['UTC values against a TZID series', ['EXDATE:20260106T080000Z,20260108T080000Z'], ['05', '07', '09', '10']],
    ['a value in another zone naming the same instant', ['EXDATE;TZID=Europe/London:20260107T080000'], ['05', '06', '08', '09', '10']],
    ['a DATE removes that day\'s instance of a timed series', ['EXDATE;VALUE=DATE:20260108'], ['05', '06', '07', '09', '10']],
    ['a value that matches no instance changes nothing', ['EXDATE;TZID=Europe/Berlin:20260106T100000'], ['05', '06', '07', '08', '09', '10']],
  ])('%s', (_n, exdates, days) => {
    expect(starts(calendar(ev('x', ...base, ...exdates)), 'x')).toEqual(days.map((d) => `2026-01-${d}T08:00:00Z`));
  });

  it('removes all-day instances given as DATE, as Exchange local midnight, or as a UTC midnight of the calendar zone', () => {
    const allDay = ['DTSTART;VALUE=DATE:20260216', 'DTEND;VALUE=DATE:20260217', 'RRULE:FREQ=DAILY;COUNT=5'];
    expect(starts(calendar(ev('a', ...allDay, 'EXDATE;VALUE=DATE:20260217')), 'a')).toEqual(['2026-02-16', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(starts(calendar(ev('a', ...allDay, 'EXDATE;TZID=W. Europe Standard Time:20260218T000000')), 'a')).toEqual(['2026-02-16', '2026-02-17', '2026-02-19', '2026-02-20']);
    const utc = calendar(ev('a', ...allDay, 'EXDATE:20260218T230000Z'), ['X-WR-TIMEZONE:Europe/Berlin']);
    expect(starts(utc, 'a')).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-20']);
  });
});

describe('RECURRENCE-ID overrides', () => {
  const master = ev('s', 'DTSTART;TZID=Europe/Berlin:20260105T090000', 'DTEND;TZID=Europe/Berlin:20260105T100000', 'RRULE:FREQ=DAILY;COUNT=4', 'SUMMARY:Series', 'LOCATION:Room 1');
  const moved = ev('s', 'RECURRENCE-ID;TZID=Europe/Berlin:20260106T090000', 'DTSTART;TZID=Europe/Berlin:20260106T140000', 'DTEND;TZID=Europe/Berlin:20260106T150000', 'SUMMARY:Moved');

  it('replaces the instance it names, keeping the instance identity', () => {
    for (const text of [calendar([...master, ...moved]), calendar([...moved, ...master])]) {
      const r = parse(text);
      expect(r.occurrences.map((e) => [span(e)[0], e.summary, e.sourceKey])).toEqual([
        ['2026-01-05T08:00:00Z', 'Series', 's#20260105T080000Z'],
        ['2026-01-06T13:00:00Z', 'Moved', 's#20260106T080000Z'],
        ['2026-01-07T08:00:00Z', 'Series', 's#20260107T080000Z'],
        ['2026-01-08T08:00:00Z', 'Series', 's#20260108T080000Z'],
      ]);
      expect(r.counts).toMatchObject({ events: 1, components: 2, overrides: 1, occurrences: 4 });
    }
  });

  it('inherits what the override does not state, and matches UTC, floating and DATE recurrence ids', () => {
    const text = calendar([
      ...master,
      ...ev('s', 'RECURRENCE-ID:20260106T080000Z', 'DTSTART;TZID=Europe/Berlin:20260106T110000'),
      ...ev('s', 'RECURRENCE-ID:20260107T090000', 'DTSTART;TZID=Europe/Berlin:20260107T120000', 'SUMMARY:Floating id'),
      ...ev('s', 'RECURRENCE-ID;VALUE=DATE:20260108', 'DTSTART;TZID=Europe/Berlin:20260108T070000', 'DURATION:PT15M'),
    ]);
    const r = parse(text);
    expect(r.occurrences.map((e) => [...span(e), e.summary, e.location?.description])).toEqual([
      ['2026-01-05T08:00:00Z', '2026-01-05T09:00:00Z', 'Series', 'Room 1'],
      ['2026-01-06T10:00:00Z', '2026-01-06T11:00:00Z', 'Series', 'Room 1'],
      ['2026-01-07T11:00:00Z', '2026-01-07T12:00:00Z', 'Floating id', 'Room 1'],
      ['2026-01-08T06:00:00Z', '2026-01-08T06:15:00Z', 'Series', 'Room 1'],
    ]);
  });

  it('keeps a cancelled instance as status cancelled', () => {
    const r = parse(calendar([...master, ...ev('s', 'RECURRENCE-ID;TZID=Europe/Berlin:20260107T090000', 'DTSTART;TZID=Europe/Berlin:20260107T090000', 'STATUS:CANCELLED')]));
    expect(r.occurrences.map((e) => e.status)).toEqual(['confirmed', 'confirmed', 'cancelled', 'confirmed']);
  });

  it('imports overrides whose master is missing as occurrences of a series', () => {
    const r = parse(calendar([...moved, ...ev('t', 'RECURRENCE-ID;VALUE=DATE:20260110', 'DTSTART;VALUE=DATE:20260111', 'SUMMARY:Birthday')]));
    expect(r.occurrences.map((e) => [span(e), e.recurring, e.sourceKey])).toEqual([
      [['2026-01-06T13:00:00Z', '2026-01-06T14:00:00Z'], true, 's#20260106T080000Z'],
      [['2026-01-11', '2026-01-12'], true, 't#20260110'],
    ]);
  });

  it('matches a date-time recurrence id with a TZID against an all-day series by its date', () => {
    const text = calendar([
      ...ev('e', 'DTSTART;VALUE=DATE:20260219', 'DTEND;VALUE=DATE:20260220', 'RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4'),
      ...ev('e', 'RECURRENCE-ID;TZID=W. Europe Standard Time:20260224T000000', 'DTSTART;VALUE=DATE:20260225', 'DTEND;VALUE=DATE:20260226'),
    ]);
    expect(parse(text).occurrences.map((e) => [span(e)[0], e.sourceKey])).toEqual([
      ['2026-02-19', 'e#20260219'],
      ['2026-02-25', 'e#20260224'],
      ['2026-02-26', 'e#20260226'],
      ['2026-03-03', 'e#20260303'],
    ]);
  });

  it('keeps the override with the higher SEQUENCE, and drops overrides of excluded instances', () => {
    const text = calendar([
      ...master.slice(0, -1),
      'EXDATE;TZID=Europe/Berlin:20260108T090000',
      'END:VEVENT',
      ...ev('s', 'RECURRENCE-ID;TZID=Europe/Berlin:20260106T090000', 'SEQUENCE:2', 'DTSTART;TZID=Europe/Berlin:20260106T150000', 'SUMMARY:Newer'),
      ...ev('s', 'RECURRENCE-ID;TZID=Europe/Berlin:20260106T090000', 'SEQUENCE:1', 'DTSTART;TZID=Europe/Berlin:20260106T140000', 'SUMMARY:Older'),
      ...ev('s', 'RECURRENCE-ID;TZID=Europe/Berlin:20260108T090000', 'DTSTART;TZID=Europe/Berlin:20260108T140000', 'SUMMARY:Excluded'),
    ]);
    const r = parse(text);
    expect(r.occurrences.map((e) => e.summary)).toEqual(['Series', 'Newer', 'Series']);
    expect(r.skipped.map((s) => s.reason)).toEqual(['duplicate RECURRENCE-ID; the higher SEQUENCE was kept']);
  });

  it('matches an Exchange recurrence id at local midnight to the only instance of that day', () => {
    const text = calendar([
      ...ev('x', 'DTSTART;TZID=W. Europe Standard Time:20210414T080000', 'DTEND;TZID=W. Europe Standard Time:20210414T082000', 'RRULE:FREQ=WEEKLY;COUNT=2', 'SUMMARY:Series'),
      ...ev('x', 'RECURRENCE-ID;TZID=W. Europe Standard Time:20210414T000000', 'DTSTART;TZID=W. Europe Standard Time:20210414T090000', 'DTEND;TZID=W. Europe Standard Time:20210414T092000', 'SUMMARY:Moved'),
    ]);
    const r = parse(text);
    expect(r.occurrences.map((e) => [span(e)[0], e.summary, e.sourceKey])).toEqual([
      ['2021-04-14T07:00:00Z', 'Moved', 'x#20210414T060000Z'],
      ['2021-04-21T06:00:00Z', 'Series', 'x#20210421T060000Z'],
    ]);
    expect(r.warnings.map((w) => w.reason)).toEqual(['RECURRENCE-ID at local midnight matched to the only occurrence of that day']);
  });

  it('follows a moved instance into or out of the horizon', () => {
    const text = calendar([
      ...master,
      ...ev('s', 'RECURRENCE-ID;TZID=Europe/Berlin:20260105T090000', 'DTSTART;TZID=Europe/Berlin:20260120T090000', 'DURATION:PT1H', 'SUMMARY:Moved in'),
      ...ev('s', 'RECURRENCE-ID;TZID=Europe/Berlin:20260107T090000', 'DTSTART;TZID=Europe/Berlin:20251201T090000', 'DURATION:PT1H', 'SUMMARY:Moved out'),
    ]);
    const r = parse(text, { horizon: between('2026-01-06T00:00:00Z', '2026-02-01T00:00:00Z') });
    expect(r.occurrences.map((e) => [span(e)[0], e.summary])).toEqual([
      ['2026-01-06T08:00:00Z', 'Series'],
      ['2026-01-08T08:00:00Z', 'Series'],
      ['2026-01-20T08:00:00Z', 'Moved in'],
    ]);
  });
});

describe('status, transparency and length', () => {
  it.each([
    ['STATUS:CANCELLED', ['STATUS:CANCELLED'], { status: 'cancelled', transparency: 'opaque' }],
    ['STATUS:TENTATIVE', ['STATUS:TENTATIVE'], { status: 'tentative' }],
    ['no STATUS or TRANSP (RFC defaults)', [], { status: 'confirmed', transparency: 'opaque' }],
    ['TRANSP:TRANSPARENT', ['TRANSP:TRANSPARENT'], { transparency: 'transparent' }],
    ['Exchange busy status FREE without TRANSP', ['X-MICROSOFT-CDO-BUSYSTATUS:FREE'], { transparency: 'transparent' }],
    ['Exchange busy status TENTATIVE without STATUS', ['X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE'], { status: 'tentative' }],
    // As Exchange writes "Free" and "Tentative" items: its busy status decides, not TRANSP/STATUS.
    ['Exchange FREE beside TRANSP:OPAQUE', ['TRANSP:OPAQUE', 'STATUS:CONFIRMED', 'X-MICROSOFT-CDO-BUSYSTATUS:FREE'], { status: 'confirmed', transparency: 'transparent' }],
    ['Exchange TENTATIVE beside STATUS:CONFIRMED', ['TRANSP:OPAQUE', 'STATUS:CONFIRMED', 'X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE'], { status: 'tentative', transparency: 'opaque' }],
    ['Exchange TENTATIVE beside TRANSP:TRANSPARENT', ['TRANSP:TRANSPARENT', 'X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE'], { status: 'tentative', transparency: 'opaque' }],
    ['Exchange BUSY beside TRANSP:TRANSPARENT', ['TRANSP:TRANSPARENT', 'X-MICROSOFT-CDO-BUSYSTATUS:BUSY'], { status: 'confirmed', transparency: 'opaque' }],
    ['Exchange OOF', ['X-MICROSOFT-CDO-BUSYSTATUS:OOF'], { status: 'confirmed', transparency: 'opaque' }],
    ['Exchange WORKINGELSEWHERE', ['TRANSP:OPAQUE', 'X-MICROSOFT-CDO-BUSYSTATUS:WORKINGELSEWHERE'], { transparency: 'transparent' }],
    ['Exchange status in lower case', ['TRANSP:OPAQUE', 'X-MICROSOFT-CDO-BUSYSTATUS:free'], { transparency: 'transparent' }],
    ['the MSN calendar spelling', ['TRANSP:OPAQUE', 'X-MICROSOFT-MSNCALENDAR-BUSYSTATUS:FREE'], { transparency: 'transparent' }],
    ['a cancelled event stays cancelled', ['STATUS:CANCELLED', 'X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE'], { status: 'cancelled' }],
    ['an unknown busy status leaves TRANSP', ['TRANSP:TRANSPARENT', 'X-MICROSOFT-CDO-BUSYSTATUS:MAYBE'], { transparency: 'transparent' }],
  ])('%s', (_n, lines, expected) => {
    const r = parse(calendar(ev('x', 'DTSTART:20260105T090000Z', 'DURATION:PT1H', ...lines)));
    expect(r.occurrences[0]).toMatchObject({ ...expected, recurring: false, sourceKey: 'x' });
  });

  it.each([
    ['DTEND exclusive, several days', ['DTSTART;VALUE=DATE:20260301', 'DTEND;VALUE=DATE:20260304'], ['2026-03-01', '2026-03-04']],
    ['DURATION in days', ['DTSTART;VALUE=DATE:20260301', 'DURATION:P3D'], ['2026-03-01', '2026-03-04']],
    ['DURATION in weeks', ['DTSTART;VALUE=DATE:20260301', 'DURATION:P1W'], ['2026-03-01', '2026-03-08']],
    ['no end: one day', ['DTSTART;VALUE=DATE:20260301'], ['2026-03-01', '2026-03-02']],
    ['DTEND equal to DTSTART: one day', ['DTSTART;VALUE=DATE:20260301', 'DTEND;VALUE=DATE:20260301'], ['2026-03-01', '2026-03-02']],
    ['a TZID on a DATE is ignored', ['DTSTART;TZID=Europe/Berlin;VALUE=DATE:20260301', 'DTEND;TZID=Europe/Berlin;VALUE=DATE:20260305'], ['2026-03-01', '2026-03-05']],
    ['Exchange all-day flag on local midnights', ['DTSTART;TZID=W. Europe Standard Time:20260301T000000', 'DTEND;TZID=W. Europe Standard Time:20260302T000000', 'X-MICROSOFT-CDO-ALLDAYEVENT:TRUE'], ['2026-03-01', '2026-03-02']],
  ])('all-day: %s', (_n, lines, expected) => {
    const r = parse(calendar(ev('x', ...lines)));
    expect(span(r.occurrences[0]!)).toEqual(expected);
    expect(r.occurrences[0]!.start.kind).toBe('date');
  });

  it('ends timed events: DTEND, DURATION, neither (zero length), DTEND before DTSTART (zero, warned)', () => {
    const text = calendar([
      ...ev('a', 'DTSTART:20260105T090000Z', 'DTEND:20260105T103000Z'),
      ...ev('b', 'DTSTART:20260105T090000Z', 'DURATION:P1DT2H'),
      ...ev('c', 'DTSTART:20260105T090000Z'),
      ...ev('d', 'DTSTART:20260105T090000Z', 'DTEND:20260105T080000Z'),
      ...ev('e', 'DTSTART;TZID=America/New_York:20260105T090000', 'DTEND;TZID=Europe/Berlin:20260105T180000'),
    ]);
    const r = parse(text);
    expect(['a', 'b', 'c', 'd', 'e'].map((u) => span(ofUid(r, u)[0]!))).toEqual([
      ['2026-01-05T09:00:00Z', '2026-01-05T10:30:00Z'],
      ['2026-01-05T09:00:00Z', '2026-01-06T11:00:00Z'],
      ['2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z'],
      ['2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z'],
      ['2026-01-05T14:00:00Z', '2026-01-05T17:00:00Z'],
    ]);
    expect(r.warnings.map((w) => w.reason)).toEqual(['DTEND is before DTSTART; read as zero length']);
  });

  it('prefers DTEND when a component has both DTEND and DURATION', () => {
    const r = parse(calendar(ev('x', 'DTSTART:20260105T090000Z', 'DTEND:20260105T100000Z', 'DURATION:PT0S')));
    expect(span(r.occurrences[0]!)).toEqual(['2026-01-05T09:00:00Z', '2026-01-05T10:00:00Z']);
  });
});

describe('time zones', () => {
  const at = (tzid: string, value = '20260715T120000', head: string[] = [], extra: string[] = []) => {
    const r = parse(calendar([...extra, ...ev('x', `DTSTART;TZID=${tzid}:${value}`, 'DURATION:PT1H')], head), { defaultTzid: 'Asia/Tokyo' });
    return { start: span(r.occurrences[0]!)[0], tzid: r.occurrences[0]!.tzid, warnings: r.warnings.map((w) => w.reason) };
  };

  it.each([
    ['an IANA id', 'Europe/Berlin', '2026-07-15T10:00:00Z', 'Europe/Berlin'],
    ['a deprecated link', 'Europe/Kiev', '2026-07-15T09:00:00Z', 'Europe/Kiev'],
    ['an IANA id in lower case', 'europe/berlin', '2026-07-15T10:00:00Z', 'Europe/Berlin'],
    ['a quoted IANA id', '"America/New_York"', '2026-07-15T16:00:00Z', 'America/New_York'],
    ['a NUL-padded IANA id', 'Europe/Stockholm\u0000\u0000\u0000\u0000', '2026-07-15T10:00:00Z', 'Europe/Stockholm'],
    ['a path-like id', '/mozilla.org/20070129_1/Europe/Berlin', '2026-07-15T10:00:00Z', 'Europe/Berlin'],
    ['a Windows id', 'W. Europe Standard Time', '2026-07-15T10:00:00Z', 'Europe/Berlin'],
    ['a Windows id with DST', 'Eastern Standard Time', '2026-07-15T16:00:00Z', 'America/New_York'],
    ['an Outlook display name (region)', '"(UTC-05:00) Eastern Time (US & Canada)"', '2026-07-15T16:00:00Z', 'America/New_York'],
    ['an Outlook display name (cities)', '"(GMT+10:00) Canberra, Melbourne, Sydney"', '2026-07-15T02:00:00Z', 'Australia/Sydney'],
    // An unquoted ':' in a parameter breaks the line's grammar; it is repaired and reported.
    ['a bare offset with an unquoted colon', 'GMT+05:30', '2026-07-15T06:30:00Z', 'Asia/Tokyo', ['DTSTART: malformed parameters repaired']],
    ['a bare offset, quoted', '"UTC-0300"', '2026-07-15T15:00:00Z', 'Asia/Tokyo'],
  ])('%s', (_n, tzid, start, zone, warnings: string[] = []) => {
    expect(at(tzid)).toEqual({ start, tzid: zone, warnings });
  });

  it('reads a custom VTIMEZONE, with its daylight saving rules, when the name is no known zone', () => {
    const vtz = [
      'BEGIN:VTIMEZONE',
      'TZID:Custom Central European',
      'BEGIN:STANDARD',
      'DTSTART:19701025T030000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:19700329T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
    ];
    expect(at('Custom Central European', '20260715T120000', [], vtz).start).toBe('2026-07-15T10:00:00Z');
    expect(at('Custom Central European', '20260115T120000', [], vtz).start).toBe('2026-01-15T11:00:00Z');
    // Spring change on 2026-03-29: 02:30 does not exist and moves forward.
    expect(at('Custom Central European', '20260329T023000', [], vtz).start).toBe('2026-03-29T01:30:00Z');
    // The event's zone field names an IANA zone: the calendar's floating zone.
    expect(at('Custom Central European', '20260715T120000', [], vtz).tzid).toBe('Asia/Tokyo');
  });

  it('prefers the tz database to a VTIMEZONE for a named place', () => {
    const stale = ['BEGIN:VTIMEZONE', 'TZID:Europe/Berlin', 'BEGIN:STANDARD', 'DTSTART:19700101T000000', 'TZOFFSETFROM:+0500', 'TZOFFSETTO:+0500', 'END:STANDARD', 'END:VTIMEZONE'];
    expect(at('Europe/Berlin', '20260715T120000', [], stale).start).toBe('2026-07-15T10:00:00Z');
  });

  it('reads an unknown TZID in the floating zone and says so', () => {
    expect(at('Mars/Olympus_Mons')).toEqual({ start: '2026-07-15T03:00:00Z', tzid: 'Asia/Tokyo', warnings: ['unknown TZID "Mars/Olympus_Mons": read in Asia/Tokyo'] });
    expect(at('Mars/Olympus_Mons', '20260715T120000', ['X-WR-TIMEZONE:Europe/Berlin']).start).toBe('2026-07-15T10:00:00Z');
  });

  it('reads floating times in X-WR-TIMEZONE, else in the account zone', () => {
    const body = ev('f', 'DTSTART:20260715T120000', 'DURATION:PT1H');
    expect(starts(calendar(body, ['X-WR-TIMEZONE:America/New_York']), 'f', { defaultTzid: 'Asia/Tokyo' })).toEqual(['2026-07-15T16:00:00Z']);
    expect(starts(calendar(body), 'f', { defaultTzid: 'Asia/Tokyo' })).toEqual(['2026-07-15T03:00:00Z']);
    expect(starts(calendar(body, ['X-WR-TIMEZONE:Nowhere/Special']), 'f', { defaultTzid: 'Asia/Tokyo' })).toEqual(['2026-07-15T03:00:00Z']);
  });
});

describe('lines and text', () => {
  const body = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:t', 'DTSTART:20260105T090000Z', 'SUMMARY:Plan', ' ning meeting', 'DESCRIPTION:first', '\tsecond', 'END:VEVENT', 'END:VCALENDAR'];
  it.each([
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['CR', '\r'],
  ])('unfolds %s line ends with space and TAB continuations', (_n, eol) => {
    const r = parse(body.join(eol) + eol);
    expect(r.occurrences[0]).toMatchObject({ summary: 'Planning meeting', description: 'firstsecond' });
  });

  it('rejoins a UTF-8 character split across a fold', () => {
    const enc = new TextEncoder();
    const head = enc.encode('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART:20260105T090000Z\r\nSUMMARY:Caf');
    const e = enc.encode('é — 🎉');
    const tail = enc.encode('\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
    // Fold inside "é" (2 bytes) and inside the 4-byte emoji.
    const bytes = new Uint8Array([...head, e[0]!, 13, 10, 32, ...e.slice(1, e.length - 2), 13, 10, 9, ...e.slice(e.length - 2), ...tail]);
    // Each character is whole before its fold; the folds (and so the lines) stay.
    const text = decodeIcsBytes(bytes);
    expect(text).not.toContain('\ufffd');
    expect(text).toContain('SUMMARY:Café\r\n  — 🎉\r\n\t\r\nEND:VEVENT');
    expect(parse(text).occurrences[0]!.summary).toBe('Café — 🎉');
    expect(parse(bytes).occurrences[0]!.summary).toBe('Café — 🎉');
  });

  it('names the lines of skipped components as they are in the file, whether it comes as text or as bytes', () => {
    const lines = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x',
      'BEGIN:VEVENT', 'UID:a', 'DTSTART:20260105T090000Z', 'DESCRIPTION:aaaa', ' bbbb', ' cccé', 'X-FOO:one', '\ttwo', ' three', 'SUMMARY:A', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:bad', 'SUMMARY:no start', 'END:VEVENT', 'END:VCALENDAR', '',
    ];
    const text = lines.join('\r\n');
    const where = lines.indexOf('UID:bad'); // 0-based index of UID = 1-based line of BEGIN
    expect(parse(text).skipped).toEqual([{ uid: 'bad', line: where, reason: 'no DTSTART' }]);
    expect(parse(new TextEncoder().encode(text)).skipped).toEqual([{ uid: 'bad', line: where, reason: 'no DTSTART' }]);
  });

  it('unescapes TEXT and drops control characters', () => {
    const r = parse(calendar(ev('x', 'DTSTART:20260105T090000Z', 'SUMMARY:a\\, b\\; c\\\\ d', 'DESCRIPTION:one\\ntwo\\Nthree\u0000', 'CATEGORIES:Work,Travel\\, abroad', 'CATEGORIES:Work,Home')));
    expect(r.occurrences[0]).toMatchObject({ summary: 'a, b; c\\ d', description: 'one\ntwo\nthree', categories: ['Work', 'Travel, abroad', 'Home'] });
  });

  it('reads lower-case names and a leading BOM', () => {
    const r = parse('\uFEFFbegin:vcalendar\r\nbegin:vevent\r\nuid:x\r\ndtstart:20260105T090000Z\r\nsummary:lower\r\nend:vevent\r\nend:vcalendar\r\n');
    expect(r.occurrences[0]!.summary).toBe('lower');
  });

  it('cuts summary and description to the protocol limits', () => {
    const r = parse(calendar(ev('x', 'DTSTART:20260105T090000Z', `SUMMARY:${'s'.repeat(2000)}`, `DESCRIPTION:${'d'.repeat(5000)}`)));
    expect([r.occurrences[0]!.summary.length, r.occurrences[0]!.description.length]).toEqual([1024, 4096]);
  });
});

describe('descriptive fields', () => {
  const people = [
    'ORGANIZER;CN="Person One":mailto:person1@example.com',
    'ATTENDEE;CN=Person Two;PARTSTAT=ACCEPTED:mailto:person2@example.com',
    'ATTENDEE;PARTSTAT=DECLINED:MAILTO:Person3@Example.com',
    'ATTENDEE;PARTSTAT=TENTATIVE;CN=p4:mailto:person4@example.com',
    'ATTENDEE:mailto:person5@example.com',
    'ATTENDEE;PARTSTAT=CONFIRMED:mailto:person6@example.com',
    'ATTENDEE;PARTSTAT=DELEGATED;EMAIL=person7@example.com:urn:uuid:1234',
    'ATTENDEE:urn:uuid:no-address',
  ];
  const text = calendar(ev('p', 'DTSTART:20260105T090000Z', ...people));

  it('maps organizer and attendees, PARTSTAT absent meaning NEEDS-ACTION and unknown values unknown', () => {
    const e = parse(text).occurrences[0]!;
    expect(e.organizer).toEqual({ email: 'person1@example.com', displayName: 'Person One' });
    expect(e.attendees).toEqual([
      { email: 'person2@example.com', displayName: 'Person Two', status: 'accepted' },
      { email: 'Person3@Example.com', displayName: null, status: 'declined' },
      { email: 'person4@example.com', displayName: 'p4', status: 'tentative' },
      { email: 'person5@example.com', displayName: null, status: 'needs_action' },
      { email: 'person6@example.com', displayName: null, status: 'unknown' },
      { email: 'person7@example.com', displayName: null, status: 'unknown' },
    ]);
  });

  it.each([
    [[], 'unknown'],
    [['nobody@example.com'], 'unknown'],
    [['person3@example.com'], 'declined'],
    [['PERSON4@example.com'], 'tentative'],
    [['person1@example.com'], 'accepted'],
  ])('participation status for account %j is %s', (emails, status) => {
    expect(parse(text, { accountEmails: emails }).occurrences[0]!.participationStatus).toBe(status);
  });

  it('maps location, GEO, class, URL, colour and alarms', () => {
    const r = parse(
      calendar([
        ...ev('a', 'DTSTART:20260105T090000Z', 'LOCATION:Room 1\\, floor 2', 'GEO:48.85;2.35', 'CLASS:PRIVATE', 'URL:https://example.com/e/1', 'COLOR:turquoise',
          'BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER:-PT15M', 'END:VALARM',
          'BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER;RELATED=START:-P1D', 'END:VALARM',
          'BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER;RELATED=END:-PT5M', 'END:VALARM'),
        ...ev('b', 'DTSTART:20260105T090000Z', 'CLASS:CONFIDENTIAL', 'URL;VALUE=URI:message:%3Cabc%40example.com%3E', 'COLOR:#3A7'),
        ...ev('c', 'DTSTART:20260105T090000Z', 'CLASS:PUBLIC', 'X-APPLE-STRUCTURED-LOCATION;VALUE=URI;X-TITLE=Home:geo:48.000000,11.000000', 'COLOR:no-such-colour'),
      ]),
    );
    expect(ofUid(r, 'a')[0]).toMatchObject({
      location: { description: 'Room 1, floor 2', lat: 48.85, long: 2.35 },
      eventPrivate: true,
      url: 'https://example.com/e/1',
      color: '#40e0d0',
      reminders: [{ minutes: 15 }, { minutes: 1440 }],
    });
    expect(ofUid(r, 'b')[0]).toMatchObject({ location: null, eventPrivate: true, url: null, color: '#33aa77', reminders: [] });
    expect(ofUid(r, 'c')[0]).toMatchObject({ location: { lat: 48, long: 11 }, eventPrivate: false, color: null });
    expect(ofUid(r, 'a')[0]).toMatchObject({ applicationId: null, eventId: null, deleted: false });
  });

  it('reads the calendar name', () => {
    expect(parse(calendar([], ['X-WR-CALNAME:Team\\, shared'])).calendarName).toBe('Team, shared');
    expect(parse(calendar([])).calendarName).toBeNull();
  });
});

describe('horizon', () => {
  const daily = calendar(ev('d', 'DTSTART;TZID=Europe/Berlin:19900101T090000', 'DURATION:PT1H', 'RRULE:FREQ=DAILY'));

  it('returns only occurrences that overlap the horizon, with identities independent of it', () => {
    const a = parse(daily, { horizon: between('2026-03-01T00:00:00Z', '2026-03-04T00:00:00Z') });
    const b = parse(daily, { horizon: between('2026-03-02T00:00:00Z', '2026-03-10T00:00:00Z') });
    expect(a.occurrences.map((e) => e.sourceKey)).toEqual(['d#20260301T080000Z', 'd#20260302T080000Z', 'd#20260303T080000Z']);
    expect(b.occurrences.slice(0, 2)).toEqual(a.occurrences.slice(1));
  });

  it('includes an occurrence that starts before the horizon and ends inside it, and lone events only inside', () => {
    const text = calendar([
      ...ev('long', 'DTSTART:20260227T000000Z', 'DTEND:20260302T000000Z'),
      ...ev('before', 'DTSTART:20260227T000000Z', 'DTEND:20260228T000000Z'),
      ...ev('touch', 'DTSTART:20260228T000000Z', 'DTEND:20260301T000000Z'),
      ...ev('after', 'DTSTART:20260304T000000Z'),
      ...ev('day', 'DTSTART;VALUE=DATE:20260228'),
    ]);
    const r = parse(text, { horizon: between('2026-03-01T00:00:00Z', '2026-03-04T00:00:00Z') });
    // All-day events are kept on the horizon widened by a day each side (zones differ).
    expect(r.occurrences.map((e) => e.sourceKey)).toEqual(['long', 'day']);
  });

  it('is not proportional to the instances since DTSTART for rules without COUNT', () => {
    const minutely = calendar(ev('m', 'DTSTART:19900101T000000Z', 'DURATION:PT1M', 'RRULE:FREQ=MINUTELY;INTERVAL=7'));
    const t0 = performance.now();
    const r = parse(minutely, { horizon: between('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'), maxWork: 100_000 });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.occurrences.length).toBe(205);
    expect(r.skipped).toEqual([]);
    // 13,208 days (19,019,520 minutes, 2 more than a multiple of 7) after DTSTART: 00:05.
    expect(span(r.occurrences[0]!)[0]).toBe('2026-03-01T00:05:00Z');
  });

  it('stops a series at maxOccurrences and says so', () => {
    const r = parse(daily, { horizon: between('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'), maxOccurrences: 100 });
    expect(r.occurrences.length).toBe(100);
    expect(r.skipped).toEqual([{ uid: 'd', line: 4, reason: 'more than 100 occurrences in the horizon; the later ones were not imported' }]);
  });

  it('stops the import at maxTotalOccurrences', () => {
    const many = calendar(Array.from({ length: 30 }, (_, i) => ev(`e${i}`, `DTSTART:2026010${(i % 9) + 1}T090000Z`)).flat());
    const r = parse(many, { maxTotalOccurrences: 10 });
    expect(r.occurrences.length).toBe(10);
    expect(r.skipped.map((s) => s.reason)).toEqual(['more than 10 occurrences in the file; the rest were not imported']);
  });
});

describe('identity', () => {
  it('derives a stable key for components without UID', () => {
    const text = calendar([
      'BEGIN:VEVENT', 'DTSTART:20260105T090000Z', 'SUMMARY:One', 'END:VEVENT',
      'BEGIN:VEVENT', 'DTSTART:20260105T090000Z', 'SUMMARY:Two', 'END:VEVENT',
    ]);
    const a = parse(text).occurrences.map((e) => e.sourceKey);
    expect(a).toHaveLength(2);
    expect(a[0]).toMatch(/^kairos-nouid-[0-9a-f]{16}$/);
    expect(a[0]).not.toBe(a[1]);
    expect(parse(text).occurrences.map((e) => e.sourceKey)).toEqual(a);
  });

  it('keeps the newer of two VEVENTs with one UID', () => {
    const r = parse(calendar([...ev('x', 'SEQUENCE:3', 'DTSTART:20260105T090000Z', 'SUMMARY:New'), ...ev('x', 'SEQUENCE:1', 'DTSTART:20260104T090000Z', 'SUMMARY:Old')]));
    expect(r.occurrences.map((e) => e.summary)).toEqual(['New']);
    expect(r.skipped.map((s) => s.reason)).toEqual(['duplicate UID; the VEVENT with the higher SEQUENCE was kept']);
  });
});

describe('VFREEBUSY', () => {
  it('imports busy periods as opaque blocks and leaves FREE out', () => {
    const text = calendar([
      'BEGIN:VFREEBUSY',
      'UID:fb1',
      'ORGANIZER:mailto:someone@example.com',
      'DTSTART:20260101T000000Z',
      'DTEND:20260201T000000Z',
      'FREEBUSY:20260105T090000Z/20260105T100000Z,20260106T090000Z/PT30M',
      'FREEBUSY;FBTYPE=BUSY-TENTATIVE:20260107T090000Z/20260107T093000Z',
      'FREEBUSY;FBTYPE=FREE:20260108T090000Z/20260108T170000Z',
      'FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20260109T090000Z/20260109T170000Z',
      'END:VFREEBUSY',
    ]);
    const r = parse(text);
    expect(r.occurrences.map((e) => [...span(e), e.summary, e.status, e.transparency, e.recurring])).toEqual([
      ['2026-01-05T09:00:00Z', '2026-01-05T10:00:00Z', 'Busy', 'confirmed', 'opaque', false],
      ['2026-01-06T09:00:00Z', '2026-01-06T09:30:00Z', 'Busy', 'confirmed', 'opaque', false],
      ['2026-01-07T09:00:00Z', '2026-01-07T09:30:00Z', 'Tentative', 'tentative', 'opaque', false],
      ['2026-01-09T09:00:00Z', '2026-01-09T17:00:00Z', 'Unavailable', 'confirmed', 'opaque', false],
    ]);
    expect(r.occurrences[0]!.sourceKey).toBe('fb1#fb#20260105T090000Z/20260105T100000Z');
    expect(r.counts).toMatchObject({ events: 0, components: 0, occurrences: 4, freeBusyPeriods: 4 });
  });
});

describe('extent: where the file lies, whatever the horizon', () => {
  const extentOf = (lines: string[], horizon = { fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2026, 0, 1) }) => {
    const r = parse(calendar(lines), { horizon });
    const s = r.extent.span;
    return { occurrences: r.counts.occurrences, blocks: r.extent.freeBusyBlocks, span: s === null ? null : [iso(s.fromMs), s.toMs === null ? null : iso(s.toMs)] };
  };
  const freeBusy = (...periods: string[]): string[] => ['BEGIN:VFREEBUSY', 'UID:fb', ...periods.map((p) => `FREEBUSY:${p}`), 'END:VFREEBUSY'];

  it('counts free/busy blocks outside the horizon, each once, and spans them', () => {
    expect(extentOf(freeBusy('20140416T151500Z/20140416T190000Z,20140505T210000Z/20140505T213000Z', '20140416T151500Z/20140416T190000Z'))).toEqual({
      occurrences: 0,
      blocks: 2,
      span: ['2014-04-16T15:15:00Z', '2014-05-05T21:30:00Z'],
    });
    // FREE periods are not blocks; blocks inside the horizon count too.
    const r = parse(calendar([...freeBusy('20250105T090000Z/PT1H'), 'BEGIN:VFREEBUSY', 'UID:f2', 'FREEBUSY;FBTYPE=FREE:20140101T090000Z/PT1H', 'END:VFREEBUSY']), {
      horizon: { fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2026, 0, 1) },
    });
    expect([r.counts.freeBusyPeriods, r.extent]).toEqual([1, { freeBusyBlocks: 1, span: { fromMs: Date.UTC(2025, 0, 5, 9), toMs: Date.UTC(2025, 0, 5, 10) } }]);
  });

  it('spans lone events, all-day events and overrides exactly', () => {
    expect(
      extentOf([
        ...ev('a', 'DTSTART:20140416T090000Z', 'DURATION:PT1H'),
        ...ev('b', 'DTSTART;VALUE=DATE:20160301', 'DTEND;VALUE=DATE:20160303'),
        ...ev('c', 'RECURRENCE-ID:20130101T090000Z', 'DTSTART:20121231T230000Z', 'DURATION:PT30M'),
      ]),
    ).toEqual({ occurrences: 0, blocks: 0, span: ['2012-12-31T23:00:00Z', '2016-03-03T00:00:00Z'] });
  });

  it('spans a series from DTSTART to the end of an instance at its UNTIL or last RDATE, without expanding it', () => {
    expect(extentOf(ev('w', 'DTSTART;TZID=Europe/Berlin:20140106T090000', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;UNTIL=20161219T080000Z'))).toEqual({
      occurrences: 0,
      blocks: 0,
      span: ['2014-01-06T08:00:00Z', '2016-12-19T09:00:00Z'],
    });
    // A DATE UNTIL lets its whole day start; an RDATE past the rule extends the series.
    expect(
      extentOf(ev('d', 'DTSTART:20140106T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=DAILY;UNTIL=20140110', 'RDATE;VALUE=PERIOD:20140301T090000Z/20140301T120000Z')),
    ).toEqual({ occurrences: 0, blocks: 0, span: ['2014-01-06T09:00:00Z', '2014-03-01T12:00:00Z'] });
    expect(extentOf(ev('y', 'DTSTART;VALUE=DATE:20100704', 'RRULE:FREQ=YEARLY;UNTIL=20120704'))).toEqual({ occurrences: 0, blocks: 0, span: ['2010-07-04T00:00:00Z', '2012-07-05T00:00:00Z'] });
  });

  it('has no end for a series without UNTIL, and none at all for a file without events or blocks', () => {
    expect(extentOf(ev('c', 'DTSTART:20300107T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;COUNT=10'))).toEqual({ occurrences: 0, blocks: 0, span: ['2030-01-07T09:00:00Z', null] });
    expect(extentOf([...ev('e', 'DTSTART:20300107T090000Z', 'RRULE:FREQ=DAILY'), ...ev('l', 'DTSTART:20100101T090000Z')]).span).toEqual(['2010-01-01T09:00:00Z', null]);
    expect(extentOf([])).toEqual({ occurrences: 0, blocks: 0, span: null });
    expect(extentOf(['BEGIN:VEVENT', 'UID:nostart', 'SUMMARY:x', 'END:VEVENT'])).toEqual({ occurrences: 0, blocks: 0, span: null });
  });

  it('covers what falls inside the horizon too', () => {
    expect(extentOf([...ev('in', 'DTSTART:20250105T090000Z', 'DURATION:PT1H'), ...ev('old', 'DTSTART:20140105T090000Z', 'DURATION:PT1H')])).toEqual({
      occurrences: 1,
      blocks: 0,
      span: ['2014-01-05T09:00:00Z', '2025-01-05T10:00:00Z'],
    });
  });
});
