/**
 * The `ics-recurrence` cases from public bug reports, with their expected values. Each case
 * stands for a kind of fault; the table-driven tests in parse-ics.test.ts cover the rest of
 * each kind.
 */
import { describe, expect, it } from 'vitest';
import type { ImportedEvent } from './types.js';
import { ZoneResolver } from './resolve-zone.js';
import { readIcs } from './read-ics.js';
import { ianaZone } from './iana-zone.js';
import { ics, iso, ofUid, parse, span, between } from './test-helpers.js';

const BUG_001 = ics([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//bugcases//test//EN',
  'BEGIN:VEVENT',
  'UID:bug001a@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=Europe/Berlin:20261023T090000',
  'DTEND;TZID=Europe/Berlin:20261023T100000',
  'RRULE:FREQ=DAILY;COUNT=4',
  'SUMMARY:Standup',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:bug001b@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=America/New_York:20261101T013000',
  'DURATION:PT30M',
  'SUMMARY:Ambiguous local time',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:bug001c@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=America/New_York:20260308T023000',
  'DURATION:PT30M',
  'SUMMARY:Nonexistent local time',
  'END:VEVENT',
  'END:VCALENDAR',
]);

const BUG_002 = ics([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//bugcases//test//EN',
  'BEGIN:VEVENT',
  'UID:bug002@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=America/Denver:20260921T190000',
  'DTEND;TZID=America/Denver:20260921T193000',
  'RRULE:FREQ=WEEKLY;BYDAY=MO,WE,TH;COUNT=3',
  'SUMMARY:Evening sync',
  'END:VEVENT',
  'END:VCALENDAR',
]);

const BUG_003 = ics([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//bugcases//test//EN',
  'BEGIN:VEVENT',
  'UID:bug003a@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=Pacific Standard Time:20260715T090000',
  'DTEND;TZID=Pacific Standard Time:20260715T100000',
  'SUMMARY:A',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:bug003b@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=Mountain Standard Time:20260716T080000',
  'DTEND;TZID=Mountain Standard Time:20260716T090000',
  'SUMMARY:B',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:bug003c@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=US Mountain Standard Time:20260717T080000',
  'DTEND;TZID=US Mountain Standard Time:20260717T090000',
  'SUMMARY:C',
  'END:VEVENT',
  'END:VCALENDAR',
]);

const BUG_004 = ics([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//bugcases//test//EN',
  'BEGIN:VTIMEZONE',
  'TZID:W. Europe Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:bug004@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=W. Europe Standard Time:20260304T093000',
  'DTEND;TZID=W. Europe Standard Time:20260304T110000',
  'RRULE:FREQ=WEEKLY;UNTIL=20260429T073000Z;INTERVAL=2;BYDAY=WE;WKST=MO',
  'EXDATE;TZID=W. Europe Standard Time:20260318T093000,2026041',
  ' 5T093000',
  'SUMMARY:Biweekly review',
  'END:VEVENT',
  'END:VCALENDAR',
]);

const BUG_005 = ics([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//bugcases//test//EN',
  'BEGIN:VTIMEZONE',
  'TZID:GMT+05:30',
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0530',
  'TZOFFSETTO:+0530',
  'TZNAME:IST',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:bug005a@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID="Europe/Berlin":20260610T140000',
  'DTEND;TZID="Europe/Berlin":20260610T150000',
  'SUMMARY:Quoted',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:bug005b@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=GMT+05:30:20260904T020000',
  'DTEND;TZID=GMT+05:30:20260904T030000',
  'SUMMARY:Colon in TZID',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:bug005c@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=America/Los_Angeles;X-ORIG-TZ=PST:20261115T123000',
  'DURATION:PT1H',
  'SUMMARY:Extra param',
  'END:VEVENT',
  'END:VCALENDAR',
]);

const BUG_006 = ics([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//bugcases//test//EN',
  'BEGIN:VEVENT',
  'UID:bug006@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=Europe/Paris:20260615T110000',
  'DTEND;TZID=Europe/Paris:20260615T120000',
  'RRULE:FREQ=DAILY;COUNT=4',
  'EXDATE:20260617T090000Z',
  'SUMMARY:Workshop',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:bug006@test',
  'DTSTAMP:20260101T000000Z',
  'RECURRENCE-ID;TZID=Europe/Paris:20260616T110000',
  'DTSTART;TZID=Europe/Paris:20260616T130000',
  'DTEND;TZID=Europe/Paris:20260616T140000',
  'SUMMARY:Workshop (moved)',
  'END:VEVENT',
  'END:VCALENDAR',
]);

const BUG_008 = ics([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//bugcases//test//EN',
  'BEGIN:VEVENT',
  'UID:bug008@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=Europe/Berlin:20261221T101500',
  'DURATION:PT1H30M',
  'RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20270111T091500Z',
  'SUMMARY:Lecture',
  'STATUS:CONFIRMED',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:bug008@test',
  'DTSTAMP:20260101T000000Z',
  'RECURRENCE-ID:20261228T091500Z',
  'DTSTART;TZID=Europe/Berlin:20261228T101500',
  'DTEND;TZID=Europe/Berlin:20261228T114500',
  'SUMMARY:Lecture',
  'STATUS:CANCELLED',
  'END:VEVENT',
  'END:VCALENDAR',
]);

const BUG_010 = ics([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//bugcases//test//EN',
  'METHOD:PUBLISH',
  'BEGIN:VTIMEZONE',
  'TZID:W. Europe Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:bug010@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20260216',
  'DTEND;VALUE=DATE:20260217',
  'RRULE:FREQ=DAILY;UNTIL=20260222',
  'EXDATE;TZID=W. Europe Standard Time:20260218T000000',
  'X-MICROSOFT-CDO-ALLDAYEVENT:TRUE',
  'SUMMARY:Trade fair',
  'END:VEVENT',
  'END:VCALENDAR',
]);

const BUG_011 = ics([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//bugcases//test//EN',
  'X-WR-TIMEZONE:UTC',
  'BEGIN:VEVENT',
  'UID:bug011a@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART:20260215T090000Z',
  'DURATION:PT15M',
  'SUMMARY:a',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:bug011b@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20260216',
  'SUMMARY:b (all-day, no end)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:bug011c@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART:20260217T100000Z',
  'SUMMARY:c (timed, no end)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:bug011d@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=Europe/Berlin:20261024T120000',
  'DURATION:P1D',
  'SUMMARY:d nominal',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:bug011e@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=Europe/Berlin:20261024T120000',
  'DURATION:PT24H',
  'SUMMARY:e exact',
  'END:VEVENT',
  'END:VCALENDAR',
]);

const BUG_012 = ics([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//bugcases//test//EN',
  'X-WR-TIMEZONE:Europe/Berlin',
  'BEGIN:VEVENT',
  'UID:bug012a@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART:20261108T053000',
  'DTEND:20261108T073000',
  'SUMMARY:floating winter',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:bug012b@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART:20260708T053000',
  'DTEND:20260708T073000',
  'SUMMARY:floating summer',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:bug012c@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART:20261104T153000Z',
  'DTEND:20261104T160000Z',
  'SUMMARY:utc',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:bug012d@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=America/New_York:20261104T100000',
  'DTEND;TZID=America/New_York:20261104T103000',
  'SUMMARY:tzid',
  'END:VEVENT',
  'END:VCALENDAR',
]);

const BUG_014 = ics([
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//bugcases//test//EN',
  'BEGIN:VEVENT',
  'UID:bug014a@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;VALUE=DATE:20260105',
  'DTEND;VALUE=DATE:20260106',
  'RRULE:FREQ=WEEKLY;UNTIL=20260109;BYDAY=MO,TU,WE,TH,FR',
  'SUMMARY:Holiday camp',
  'TRANSP:TRANSPARENT',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:bug014b@test',
  'DTSTAMP:20260101T000000Z',
  'DTSTART;TZID=America/New_York:20260805T090000',
  'DTEND;TZID=America/New_York:20260805T093000',
  'RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL=20260826T130000Z',
  'SUMMARY:Course',
  'END:VEVENT',
  'END:VCALENDAR',
]);

const spans = (list: ImportedEvent[]): [string, string][] => list.map(span);

describe('BUG-001 wall-clock time across DST; ambiguous and nonexistent DTSTART', () => {
  const expectA = [
    ['2026-10-23T07:00:00Z', '2026-10-23T08:00:00Z'],
    ['2026-10-24T07:00:00Z', '2026-10-24T08:00:00Z'],
    ['2026-10-25T08:00:00Z', '2026-10-25T09:00:00Z'],
    ['2026-10-26T08:00:00Z', '2026-10-26T09:00:00Z'],
  ];

  it('keeps 09:00 Berlin across the fall-back change and picks the first 01:30 in New York', () => {
    const r = parse(BUG_001, { horizon: between('2026-10-01T00:00:00Z', '2026-12-01T00:00:00Z') });
    expect(spans(ofUid(r, 'bug001a@test'))).toEqual(expectA);
    expect(spans(ofUid(r, 'bug001b@test'))).toEqual([['2026-11-01T05:30:00Z', '2026-11-01T06:00:00Z']]);
  });

  it('reads the nonexistent 02:30 with the offset before the gap', () => {
    const r = parse(BUG_001, { horizon: between('2026-03-01T00:00:00Z', '2026-12-01T00:00:00Z') });
    expect(spans(ofUid(r, 'bug001c@test'))).toEqual([['2026-03-08T07:30:00Z', '2026-03-08T08:00:00Z']]);
  });

  it('gives the same answer whatever the host zone is', () => {
    const saved = process.env.TZ;
    const results: string[] = [];
    try {
      for (const tz of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles']) {
        process.env.TZ = tz;
        results.push(JSON.stringify(parse(BUG_001, { horizon: between('2026-03-01T00:00:00Z', '2026-12-01T00:00:00Z') }).occurrences));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    expect(new Set(results).size).toBe(1);
  });
});

describe('BUG-002 BYDAY is evaluated in the DTSTART zone', () => {
  it('gives Mon/Wed/Thu evenings in Denver', () => {
    const r = parse(BUG_002);
    expect(spans(r.occurrences)).toEqual([
      ['2026-09-22T01:00:00Z', '2026-09-22T01:30:00Z'],
      ['2026-09-24T01:00:00Z', '2026-09-24T01:30:00Z'],
      ['2026-09-25T01:00:00Z', '2026-09-25T01:30:00Z'],
    ]);
    expect(r.occurrences.every((e) => e.recurring && e.tzid === 'America/Denver')).toBe(true);
  });
});

describe('BUG-003 Windows zone names without VTIMEZONE', () => {
  it('maps them through the CLDR table, with daylight saving time', () => {
    const r = parse(BUG_003);
    expect(spans(ofUid(r, 'bug003a@test'))).toEqual([['2026-07-15T16:00:00Z', '2026-07-15T17:00:00Z']]);
    expect(spans(ofUid(r, 'bug003b@test'))).toEqual([['2026-07-16T14:00:00Z', '2026-07-16T15:00:00Z']]);
    expect(spans(ofUid(r, 'bug003c@test'))).toEqual([['2026-07-17T15:00:00Z', '2026-07-17T16:00:00Z']]);
    expect(ofUid(r, 'bug003a@test')[0]!.tzid).toBe('America/Los_Angeles');
    expect(ofUid(r, 'bug003b@test')[0]!.tzid).toBe('America/Denver');
    expect(ofUid(r, 'bug003c@test')[0]!.tzid).toBe('America/Phoenix');
    expect(r.warnings).toEqual([]);
  });
});

describe('BUG-004 folded multi-value EXDATE with a Windows TZID across DST', () => {
  it('generates five instances before exclusion, with UNTIL inclusive', () => {
    const withoutExdate = BUG_004.replace(/EXDATE[^\r]*\r\n [^\r]*\r\n/, '');
    expect(withoutExdate).not.toContain('EXDATE');
    expect(parse(withoutExdate).occurrences.map((e) => span(e)[0])).toEqual([
      '2026-03-04T08:30:00Z',
      '2026-03-18T08:30:00Z',
      '2026-04-01T07:30:00Z',
      '2026-04-15T07:30:00Z',
      '2026-04-29T07:30:00Z',
    ]);
  });

  it('removes both excluded dates, matched as instants', () => {
    expect(spans(parse(BUG_004).occurrences)).toEqual([
      ['2026-03-04T08:30:00Z', '2026-03-04T10:00:00Z'],
      ['2026-04-01T07:30:00Z', '2026-04-01T09:00:00Z'],
      ['2026-04-29T07:30:00Z', '2026-04-29T09:00:00Z'],
    ]);
  });
});

describe('BUG-005 TZID parameter quirks', () => {
  it('strips quotes, keeps a colon inside the TZID, and ignores a parameter after it', () => {
    const r = parse(BUG_005);
    expect(spans(ofUid(r, 'bug005a@test'))).toEqual([['2026-06-10T12:00:00Z', '2026-06-10T13:00:00Z']]);
    expect(spans(ofUid(r, 'bug005b@test'))).toEqual([['2026-09-03T20:30:00Z', '2026-09-03T21:30:00Z']]);
    expect(spans(ofUid(r, 'bug005c@test'))).toEqual([['2026-11-15T20:30:00Z', '2026-11-15T21:30:00Z']]);
    expect(ofUid(r, 'bug005a@test')[0]!.tzid).toBe('Europe/Berlin');
    expect(ofUid(r, 'bug005c@test')[0]!.tzid).toBe('America/Los_Angeles');
  });

  it('reads "GMT+05:30" as the TZID, defined by the file\'s VTIMEZONE', () => {
    const { root } = readIcs(BUG_005);
    const cal = root.children[0]!;
    const dtstart = cal.children.find((c) => c.props.some((p) => p.value === 'bug005b@test'))!.props.find((p) => p.name === 'DTSTART')!;
    expect(dtstart.params['TZID']).toBe('GMT+05:30');
    const zones = new ZoneResolver(cal.children.filter((c) => c.name === 'VTIMEZONE'), ianaZone('Etc/UTC'), () => undefined);
    const z = zones.resolve('GMT+05:30');
    expect(z.source).toBe('vtimezone');
    expect(z.zone.id).toBe('GMT+05:30');
    expect(z.zone.offsetAt(Date.UTC(2026, 8, 3))).toBe(5.5 * 3_600_000);
  });
});

describe('BUG-006 a moved instance and a UTC EXDATE against a TZID series', () => {
  it('returns three occurrences, the moved one replacing its original', () => {
    const r = parse(BUG_006);
    expect(r.occurrences.map((e) => [...span(e), e.summary])).toEqual([
      ['2026-06-15T09:00:00Z', '2026-06-15T10:00:00Z', 'Workshop'],
      ['2026-06-16T11:00:00Z', '2026-06-16T12:00:00Z', 'Workshop (moved)'],
      ['2026-06-18T09:00:00Z', '2026-06-18T10:00:00Z', 'Workshop'],
    ]);
    expect(r.counts).toMatchObject({ events: 1, components: 2, overrides: 1, occurrences: 3 });
    // The moved occurrence keeps the identity of the instance it replaces.
    expect(r.occurrences[1]!.sourceKey).toBe('bug006@test#20260616T090000Z');
  });
});

describe('BUG-008 an instance cancelled by a STATUS:CANCELLED override', () => {
  it('keeps the cancelled instance as cancelled, so that only three block', () => {
    const r = parse(BUG_008);
    const blocking = r.occurrences.filter((e) => e.status !== 'cancelled' && e.transparency !== 'transparent');
    expect(spans(blocking)).toEqual([
      ['2026-12-21T09:15:00Z', '2026-12-21T10:45:00Z'],
      ['2027-01-04T09:15:00Z', '2027-01-04T10:45:00Z'],
      ['2027-01-11T09:15:00Z', '2027-01-11T10:45:00Z'],
    ]);
    const cancelled = r.occurrences.filter((e) => e.status === 'cancelled');
    expect(cancelled.map((e) => span(e)[0])).toEqual(['2026-12-28T09:15:00Z']);
  });
});

describe('BUG-010 Exchange EXDATE at local midnight on an all-day series', () => {
  it('removes the 18th, not the 17th', () => {
    const r = parse(BUG_010);
    expect(r.occurrences.map((e) => span(e)[0])).toEqual(['2026-02-16', '2026-02-17', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22']);
    expect(r.occurrences.every((e) => e.start.kind === 'date' && e.recurring)).toBe(true);
  });
});

describe('BUG-011 DURATION, no end, nominal and exact durations', () => {
  const r = parse(BUG_011);
  it('ends a PT15M event 15 minutes later', () => {
    expect(spans(ofUid(r, 'bug011a@test'))).toEqual([['2026-02-15T09:00:00Z', '2026-02-15T09:15:00Z']]);
  });
  it('gives an all-day event without end one day', () => {
    expect(spans(ofUid(r, 'bug011b@test'))).toEqual([['2026-02-16', '2026-02-17']]);
  });
  it('gives a timed event without end zero length, so it blocks nothing', () => {
    const [c] = ofUid(r, 'bug011c@test');
    expect(span(c!)).toEqual(['2026-02-17T10:00:00Z', '2026-02-17T10:00:00Z']);
    const s = Date.parse('2026-02-17T10:00:00Z');
    const e = Date.parse('2026-02-17T10:30:00Z');
    const start = c!.start.kind === 'time' ? c!.start.ms : NaN;
    const end = c!.end.kind === 'time' ? c!.end.ms : NaN;
    expect(start < e && end > s).toBe(false);
  });
  it('reads P1D as a nominal day and PT24H as exact hours', () => {
    expect(spans(ofUid(r, 'bug011d@test'))).toEqual([['2026-10-24T10:00:00Z', '2026-10-25T11:00:00Z']]);
    expect(spans(ofUid(r, 'bug011e@test'))).toEqual([['2026-10-24T10:00:00Z', '2026-10-25T10:00:00Z']]);
  });
});

describe('BUG-012 floating times and X-WR-TIMEZONE', () => {
  it('reads floating times in X-WR-TIMEZONE and leaves UTC and TZID values alone', () => {
    const r = parse(BUG_012, { defaultTzid: 'America/Chicago' });
    expect(spans(ofUid(r, 'bug012a@test'))).toEqual([['2026-11-08T04:30:00Z', '2026-11-08T06:30:00Z']]);
    expect(spans(ofUid(r, 'bug012b@test'))).toEqual([['2026-07-08T03:30:00Z', '2026-07-08T05:30:00Z']]);
    expect(spans(ofUid(r, 'bug012c@test'))).toEqual([['2026-11-04T15:30:00Z', '2026-11-04T16:00:00Z']]);
    expect(spans(ofUid(r, 'bug012d@test'))).toEqual([['2026-11-04T15:00:00Z', '2026-11-04T15:30:00Z']]);
    expect(r.calendarTzid).toBe('Europe/Berlin');
  });

  it('falls back to the account zone without X-WR-TIMEZONE', () => {
    const r = parse(BUG_012.replace('X-WR-TIMEZONE:Europe/Berlin\r\n', ''), { defaultTzid: 'America/Chicago' });
    expect(span(ofUid(r, 'bug012a@test')[0]!)[0]).toBe(iso(Date.UTC(2026, 10, 8, 11, 30)));
  });
});

describe('BUG-014 UNTIL is inclusive', () => {
  it('keeps the last instance of a DATE UNTIL and of a DATE-TIME UNTIL equal to it', () => {
    const r = parse(BUG_014);
    expect(ofUid(r, 'bug014a@test').map((e) => span(e)[0])).toEqual(['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09']);
    expect(ofUid(r, 'bug014b@test').map((e) => span(e)[0])).toEqual([
      '2026-08-05T13:00:00Z',
      '2026-08-12T13:00:00Z',
      '2026-08-19T13:00:00Z',
      '2026-08-26T13:00:00Z',
    ]);
    expect(ofUid(r, 'bug014a@test').every((e) => e.transparency === 'transparent')).toBe(true);
  });
});
