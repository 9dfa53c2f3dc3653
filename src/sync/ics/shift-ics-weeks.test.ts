import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { anchorIcsToWeekOf, icsAnchorWeek, mondayOf } from './anchor-week.js';
import { shiftIcsWeeks } from './shift-ics-weeks.js';
import { calendar, iso, ofUid, parse, span } from './test-helpers.js';

/** The lines of `text` named `name` (unfolded, as shiftIcsWeeks writes them). */
const lines = (text: string, name: string): string[] => text.split('\r\n').filter((l) => l.startsWith(name + ':') || l.startsWith(name + ';'));

/** The oracle for TZID and floating values: Temporal's own wall-clock arithmetic. */
const wallClock = (local: string, weeks: number): string => Temporal.PlainDateTime.from(local).add({ weeks }).toString();
/** The oracle for UTC values: the instant moved on the wall clock of `zone`. */
const utcIn = (instant: string, zone: string, weeks: number): string =>
  Temporal.Instant.from(instant).toZonedDateTimeISO(zone).add({ weeks }).toInstant().toString();
const compact = (s: string): string => s.replace(/[-:]/g, '').replace(/\.\d+/, '');

describe('shiftIcsWeeks', () => {
  it('keeps the wall-clock time of a TZID value across a DST change', () => {
    const text = calendar(['BEGIN:VEVENT', 'UID:a', 'DTSTART;TZID=Europe/Berlin:20260305T093000', 'DTEND;TZID=Europe/Berlin:20260305T100000', 'END:VEVENT']);
    const out = shiftIcsWeeks(text, 4);
    expect(lines(out, 'DTSTART')).toEqual([`DTSTART;TZID=Europe/Berlin:${compact(wallClock('2026-03-05T09:30:00', 4))}`]);
    expect(lines(out, 'DTSTART')).toEqual(['DTSTART;TZID=Europe/Berlin:20260402T093000']);
    // Before the change 09:30 is 08:30 UTC, after it 07:30 UTC: the local time is what stayed.
    expect(span(parse(text).occurrences[0]!)).toEqual(['2026-03-05T08:30:00Z', '2026-03-05T09:00:00Z']);
    expect(span(parse(out).occurrences[0]!)).toEqual(['2026-04-02T07:30:00Z', '2026-04-02T08:00:00Z']);
  });

  it('moves a UTC EXDATE on the wall clock of its series, so it still removes the same instance', () => {
    const text = calendar([
      'BEGIN:VEVENT',
      'UID:ny',
      'DTSTART;TZID=America/New_York:20260303T100000',
      'DTEND;TZID=America/New_York:20260303T110000',
      'RRULE:FREQ=WEEKLY;COUNT=3',
      'EXDATE:20260303T150000Z',
      'END:VEVENT',
    ]);
    const out = shiftIcsWeeks(text, 1);
    // 10:00 EST was 15:00 UTC; a week later 10:00 is EDT, 14:00 UTC.
    expect(utcIn('2026-03-03T15:00:00Z', 'America/New_York', 1)).toBe('2026-03-10T14:00:00Z');
    expect(lines(out, 'EXDATE')).toEqual(['EXDATE:20260310T140000Z']);
    expect(ofUid(parse(out), 'ny').map((e) => span(e)[0])).toEqual(['2026-03-17T14:00:00Z', '2026-03-24T14:00:00Z']);
    // Moving the instant by 7 × 24 hours instead would have missed the instance by an hour.
    const naive = text.replace('EXDATE:20260303T150000Z', 'EXDATE:20260310T150000Z').replace('20260303T100000', '20260310T100000').replace('20260303T110000', '20260310T110000');
    expect(ofUid(parse(naive), 'ny')).toHaveLength(3);
  });

  it('moves UTC events in UTC', () => {
    const text = calendar(['BEGIN:VEVENT', 'UID:u', 'DTSTART:20260105T210000Z', 'DTEND:20260106T000000Z', 'END:VEVENT']);
    const out = shiftIcsWeeks(text, 11);
    expect(lines(out, 'DTSTART')).toEqual(['DTSTART:20260323T210000Z']);
    expect(lines(out, 'DTEND')).toEqual(['DTEND:20260324T000000Z']);
  });

  it('moves DATE values on the calendar, across month, leap-day and year ends, forwards and back', () => {
    const text = calendar(['BEGIN:VEVENT', 'UID:d', 'DTSTART;VALUE=DATE:20280224', 'DTEND;VALUE=DATE:20280225', 'END:VEVENT']);
    expect(lines(shiftIcsWeeks(text, 1), 'DTSTART')).toEqual(['DTSTART;VALUE=DATE:20280302']);
    expect(lines(shiftIcsWeeks(text, -9), 'DTSTART')).toEqual(['DTSTART;VALUE=DATE:20271223']);
    expect(Temporal.PlainDate.from('2028-02-24').add({ weeks: -9 }).toString()).toBe('2027-12-23');
    expect(span(parse(shiftIcsWeeks(text, 1)).occurrences[0]!)).toEqual(['2028-03-02', '2028-03-03']);
  });

  it('moves a UTC UNTIL in the series zone, keeping its last instance (Sydney, summer to winter)', () => {
    // 09:00 in Sydney is 22:00 UTC the day before in January (AEDT) and 23:00 in July (AEST).
    const text = calendar([
      'BEGIN:VEVENT',
      'UID:syd',
      'DTSTART;TZID=Australia/Sydney:20260105T090000',
      'DTEND;TZID=Australia/Sydney:20260105T093000',
      'RRULE:FREQ=WEEKLY;UNTIL=20260118T220000Z',
      'END:VEVENT',
    ]);
    expect(ofUid(parse(text), 'syd')).toHaveLength(3);
    const out = shiftIcsWeeks(text, 26);
    expect(lines(out, 'RRULE')).toEqual([`RRULE:FREQ=WEEKLY;UNTIL=${compact(utcIn('2026-01-18T22:00:00Z', 'Australia/Sydney', 26))}`]);
    expect(lines(out, 'RRULE')).toEqual(['RRULE:FREQ=WEEKLY;UNTIL=20260719T230000Z']);
    expect(ofUid(parse(out), 'syd').map((e) => span(e)[0])).toEqual(['2026-07-05T23:00:00Z', '2026-07-12T23:00:00Z', '2026-07-19T23:00:00Z']);
  });

  it('moves floating and DATE UNTILs, RECURRENCE-IDs, RDATE lists and periods', () => {
    const text = calendar([
      'BEGIN:VEVENT',
      'UID:f',
      'DTSTART:20260105T093000',
      'DTEND:20260105T094500',
      'RRULE:FREQ=DAILY;UNTIL=20260109T093000;BYDAY=MO,TU,WE,TH,FR',
      'EXDATE:20260106T093000,20260107T093000',
      'RDATE;VALUE=PERIOD:20260110T100000/PT1H,20260111T100000/20260111T120000',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:f',
      'RECURRENCE-ID:20260108T093000',
      'DTSTART:20260108T110000',
      'DTEND:20260108T111500',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:all-day',
      'DTSTART;VALUE=DATE:20260105',
      'RRULE:FREQ=WEEKLY;UNTIL=20260119',
      'END:VEVENT',
    ]);
    const out = shiftIcsWeeks(text, 30, { floatingTzid: 'Europe/Berlin' });
    expect(lines(out, 'RRULE')).toEqual(['RRULE:FREQ=DAILY;UNTIL=20260807T093000;BYDAY=MO,TU,WE,TH,FR', 'RRULE:FREQ=WEEKLY;UNTIL=20260817']);
    expect(lines(out, 'EXDATE')).toEqual(['EXDATE:20260804T093000,20260805T093000']);
    expect(lines(out, 'RDATE')).toEqual(['RDATE;VALUE=PERIOD:20260808T100000/PT1H,20260809T100000/20260809T120000']);
    expect(lines(out, 'RECURRENCE-ID')).toEqual([`RECURRENCE-ID:${compact(wallClock('2026-01-08T09:30:00', 30))}`]);
    expect(lines(out, 'RECURRENCE-ID')).toEqual(['RECURRENCE-ID:20260806T093000']);
    // The shifted file reads as the original, 30 weeks later, in every respect the importer sees.
    const before = parse(text, { defaultTzid: 'Europe/Berlin' });
    const after = parse(out, { defaultTzid: 'Europe/Berlin' });
    expect(after.skipped).toEqual([]);
    expect(after.occurrences.map((e) => [e.summary, e.start.kind === 'time' ? Temporal.Instant.fromEpochMilliseconds(e.start.ms).toZonedDateTimeISO('Europe/Berlin').toPlainDateTime().toString() : e.start.date])).toEqual(
      before.occurrences.map((e) => [
        e.summary,
        e.start.kind === 'time' ? Temporal.Instant.fromEpochMilliseconds(e.start.ms).toZonedDateTimeISO('Europe/Berlin').toPlainDateTime().add({ weeks: 30 }).toString() : Temporal.PlainDate.from(e.start.date).add({ weeks: 30 }).toString(),
      ]),
    );
    expect(before.occurrences).toHaveLength(3 + 2 + 3);
  });

  it('reads UTC values of an all-day series in the zone of the file’s timed events', () => {
    // `…T230000Z` names 2026-03-30 in Berlin in summer (00:00 CEST is 22:00 UTC).
    const text = calendar([
      'BEGIN:VEVENT',
      'UID:t',
      'DTSTART;TZID=Europe/Berlin:20260105T100000',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:ad',
      'DTSTART;VALUE=DATE:20260105',
      'RRULE:FREQ=WEEKLY;COUNT=3',
      'EXDATE:20260111T230000Z',
      'END:VEVENT',
    ]);
    const out = shiftIcsWeeks(text, 12);
    expect(lines(out, 'EXDATE')).toEqual(['EXDATE:20260405T220000Z']);
    expect(ofUid(parse(text), 'ad').map((e) => span(e)[0])).toEqual(['2026-01-05', '2026-01-19']);
    expect(ofUid(parse(out), 'ad').map((e) => span(e)[0])).toEqual(['2026-03-30', '2026-04-13']);
  });

  it('leaves VTIMEZONE, VALARM and stamps alone and unfolds long lines', () => {
    const text = calendar(
      [
        'BEGIN:VTIMEZONE',
        'TZID:Custom',
        'BEGIN:STANDARD',
        'DTSTART:19700101T000000',
        'TZOFFSETFROM:+0300',
        'TZOFFSETTO:+0300',
        'END:STANDARD',
        'END:VTIMEZONE',
        'BEGIN:VEVENT',
        'UID:v',
        'DTSTAMP:20251201T090000Z',
        'DTSTART;TZID=Custom:20260105T120000',
        'SUMMARY:A long summary that a producer folded at seventy-five octets, as RFC 5',
        ' 545 asks',
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        'TRIGGER;VALUE=DATE-TIME:20260105T080000Z',
        'END:VALARM',
        'END:VEVENT',
      ],
      ['X-WR-TIMEZONE:Asia/Tokyo'],
    );
    const out = shiftIcsWeeks(text, 2);
    expect(lines(out, 'DTSTART')).toEqual(['DTSTART:19700101T000000', 'DTSTART;TZID=Custom:20260119T120000']);
    expect(lines(out, 'DTSTAMP')).toEqual(['DTSTAMP:20251201T090000Z']);
    expect(lines(out, 'TRIGGER')).toEqual(['TRIGGER;VALUE=DATE-TIME:20260105T080000Z']);
    expect(lines(out, 'SUMMARY')).toEqual(['SUMMARY:A long summary that a producer folded at seventy-five octets, as RFC 5545 asks']);
    expect(span(parse(out).occurrences[0]!)[0]).toBe(iso(Date.UTC(2026, 0, 19, 9)));
  });

  it('leaves values that are not dates for the importer to report, and refuses fractional weeks', () => {
    const text = calendar(['BEGIN:VEVENT', 'UID:x', 'DTSTART:2026-01-05', 'EXDATE:20261305T100000', 'END:VEVENT']);
    const out = shiftIcsWeeks(text, 3);
    expect(lines(out, 'DTSTART')).toEqual(['DTSTART:2026-01-05']);
    expect(lines(out, 'EXDATE')).toEqual(['EXDATE:20261305T100000']);
    expect(() => shiftIcsWeeks(text, 1.5)).toThrow(/whole number/);
  });
});

describe('anchor weeks', () => {
  const file = calendar(['BEGIN:VEVENT', 'UID:a', 'DTSTART:20260107T090000', 'END:VEVENT'], ['X-KAIROS-ANCHOR-WEEK;VALUE=DATE:20260105']);

  it('reads the declared Monday, and refuses a day that is not one', () => {
    expect(icsAnchorWeek(file)).toBe('2026-01-05');
    expect(icsAnchorWeek(calendar([]))).toBeNull();
    expect(() => icsAnchorWeek(calendar([], ['X-KAIROS-ANCHOR-WEEK:20260106']))).toThrow(/Monday/);
  });

  it('moves the file to the week of today and names the new Monday', () => {
    expect(mondayOf('2026-03-29')).toBe('2026-03-23');
    expect(mondayOf('2026-03-23')).toBe('2026-03-23');
    const a = anchorIcsToWeekOf(file, '2026-03-29');
    expect(a.weeks).toBe(11);
    expect(lines(a.text, 'DTSTART')).toEqual(['DTSTART:20260325T090000']);
    expect(icsAnchorWeek(a.text)).toBe('2026-03-23');
    expect(anchorIcsToWeekOf(file, '2025-12-31').weeks).toBe(-1);
    expect(anchorIcsToWeekOf(a.text, '2026-03-25').weeks).toBe(0);
  });

  it('leaves a file without an anchor as it is', () => {
    const plain = calendar(['BEGIN:VEVENT', 'UID:a', 'DTSTART:20200107T090000', 'END:VEVENT']);
    expect(anchorIcsToWeekOf(plain, '2026-03-29')).toEqual({ text: plain, weeks: 0, anchor: null });
  });
});
