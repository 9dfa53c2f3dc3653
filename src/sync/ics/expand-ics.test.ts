/**
 * expandIcs: the compact occurrences (shared content, numeric bounds) and how they become
 * parseIcs's events.
 */
import { describe, expect, it } from 'vitest';
import type { ImportedOccurrence } from '../../core/index.js';
import { expandIcs } from './expand-ics.js';
import { importedEventOf } from './imported-event-of.js';
import { parseIcs } from './parse-ics.js';
import { calendar } from './test-helpers.js';
import type { IcsParseOptions } from './types.js';

const ev = (uid: string, ...lines: string[]): string[] => ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT'];
const fb = (uid: string, ...lines: string[]): string[] => ['BEGIN:VFREEBUSY', `UID:${uid}`, ...lines, 'END:VFREEBUSY'];
const OPTS: IcsParseOptions = { defaultTzid: 'Europe/Berlin', horizon: { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2027, 0, 1) } };
const expand = (lines: string[], opts: Partial<IcsParseOptions> = {}) => expandIcs(calendar(lines), { ...OPTS, ...opts });
const keyed = (os: ImportedOccurrence[]): Map<string, ImportedOccurrence> => new Map(os.map((o) => [o.sourceKey, o]));

describe('shared content', () => {
  const text = [
    ...ev('s', 'SUMMARY:Standup', 'LOCATION:Room 1', 'ATTENDEE;PARTSTAT=ACCEPTED;CN=Ann:mailto:ann@x', 'DTSTART;TZID=Europe/Berlin:20260105T090000', 'DURATION:PT15M', 'RRULE:FREQ=DAILY;COUNT=4'),
    ...ev('s', 'RECURRENCE-ID;TZID=Europe/Berlin:20260107T090000', 'DTSTART;TZID=Europe/Berlin:20260107T110000', 'SUMMARY:Standup (moved)'),
    ...ev('t', 'SUMMARY:Other series', 'DTSTART:20260105T120000Z', 'RRULE:FREQ=DAILY;COUNT=2'),
    ...ev('a', 'SUMMARY:Lone one', 'DTSTART:20260105T130000Z'),
    ...ev('b', 'SUMMARY:Lone one', 'DTSTART:20260105T140000Z'),
  ];

  it('gives the instances of a series one content object, built once', () => {
    const r = expand(text);
    const s = r.occurrences.filter((o) => o.sourceKey.startsWith('s#') && o.sourceKey !== 's#20260107T080000Z');
    expect(s.map((o) => o.sourceKey)).toEqual(['s#20260105T080000Z', 's#20260106T080000Z', 's#20260108T080000Z']);
    expect(new Set(s.map((o) => o.content)).size).toBe(1);
    expect(s[0]!.content).toMatchObject({ summary: 'Standup', recurring: true, tzid: 'Europe/Berlin', location: { description: 'Room 1' } });
    expect(s[0]!.content.attendees).toEqual([{ email: 'ann@x', displayName: 'Ann', status: 'accepted' }]);
  });

  it('gives an override content of its own, merged with its master', () => {
    const r = keyed(expand(text).occurrences);
    const moved = r.get('s#20260107T080000Z')!;
    const regular = r.get('s#20260105T080000Z')!;
    expect(moved.content).not.toBe(regular.content);
    expect(moved.content).toMatchObject({ summary: 'Standup (moved)', location: { description: 'Room 1' }, recurring: true });
    expect(moved.content.attendees).toEqual(regular.content.attendees);
    expect([moved.startMs, moved.endMs]).toEqual([Date.UTC(2026, 0, 7, 10), Date.UTC(2026, 0, 7, 10, 15)]);
  });

  it('gives each series and each lone event its own content, even when their fields are alike', () => {
    const r = keyed(expand(text).occurrences);
    expect(r.get('t#20260105T120000Z')!.content).toBe(r.get('t#20260106T120000Z')!.content);
    expect(r.get('t#20260105T120000Z')!.content).not.toBe(r.get('s#20260105T080000Z')!.content);
    expect(r.get('a')!.content).not.toBe(r.get('b')!.content);
    expect(r.get('a')!.content).toEqual(r.get('b')!.content);
    expect(r.get('a')!.content.recurring).toBe(false);
  });

  it('lets free/busy blocks of one type share a content object', () => {
    const r = expand(fb('f', 'FREEBUSY;FBTYPE=BUSY:20260105T090000Z/20260105T100000Z,20260106T090000Z/PT1H', 'FREEBUSY;FBTYPE=BUSY-TENTATIVE:20260107T090000Z/PT1H'));
    const [a, b, c] = r.occurrences;
    expect(r.occurrences.map((o) => o.sourceKey)).toEqual([
      'f#fb#20260105T090000Z/20260105T100000Z',
      'f#fb#20260106T090000Z/20260106T100000Z',
      'f#fb#20260107T090000Z/20260107T100000Z',
    ]);
    expect(a!.content).toBe(b!.content);
    expect(c!.content).not.toBe(a!.content);
    expect([a!.content.summary, a!.content.status, c!.content.summary, c!.content.status]).toEqual(['Busy', 'confirmed', 'Tentative', 'tentative']);
  });
});

describe('bounds', () => {
  it('gives all-day occurrences the UTC midnights of their first day and of the day after their last', () => {
    const r = expand(ev('d', 'DTSTART;VALUE=DATE:20260105', 'DTEND;VALUE=DATE:20260108', 'RRULE:FREQ=WEEKLY;COUNT=2'), { defaultTzid: 'Pacific/Auckland' });
    expect(r.occurrences.map((o) => [o.sourceKey, o.allDay, o.startMs, o.endMs])).toEqual([
      ['d#20260105', true, Date.UTC(2026, 0, 5), Date.UTC(2026, 0, 8)],
      ['d#20260112', true, Date.UTC(2026, 0, 12), Date.UTC(2026, 0, 15)],
    ]);
  });

  it('gives timed occurrences their instants', () => {
    const r = expand(ev('t', 'DTSTART;TZID=America/New_York:20260310T090000', 'DTEND;TZID=America/New_York:20260310T093000'));
    expect(r.occurrences).toEqual([{ sourceKey: 't', content: r.occurrences[0]!.content, allDay: false, startMs: Date.UTC(2026, 2, 10, 13), endMs: Date.UTC(2026, 2, 10, 13, 30) }]);
  });
});

describe('as events', () => {
  const series = [
    ...ev('w', 'SUMMARY:Weekly', 'DTSTART;TZID=Europe/Berlin:20260105T100000', 'DTEND;TZID=Europe/Berlin:20260105T110000', 'RRULE:FREQ=WEEKLY;COUNT=4', 'EXDATE;TZID=Europe/Berlin:20260112T100000'),
    ...ev('w', 'RECURRENCE-ID;TZID=Europe/Berlin:20260119T100000', 'DTSTART;TZID=Europe/Berlin:20260119T150000', 'DTEND;TZID=Europe/Berlin:20260119T153000', 'STATUS:CANCELLED'),
    ...ev('h', 'SUMMARY:Holiday', 'DTSTART;VALUE=DATE:20260106', 'RRULE:FREQ=YEARLY;COUNT=2', 'TRANSP:TRANSPARENT'),
    ...fb('f', 'FREEBUSY:20260105T070000Z/20260105T080000Z'),
  ];

  it('materialises to exactly what parseIcs returns', () => {
    const text = calendar(series);
    expect(expandIcs(text, OPTS).occurrences.map(importedEventOf)).toEqual(parseIcs(text, OPTS).occurrences);
  });

  it('gives full events with dates for all-day bounds, overrides, exclusions and busy blocks', () => {
    const events = expandIcs(calendar(series), OPTS).occurrences.map(importedEventOf);
    expect(events.map((e) => [e.sourceKey, e.start, e.end, e.status])).toEqual([
      ['f#fb#20260105T070000Z/20260105T080000Z', { kind: 'time', ms: Date.UTC(2026, 0, 5, 7) }, { kind: 'time', ms: Date.UTC(2026, 0, 5, 8) }, 'confirmed'],
      ['w#20260105T090000Z', { kind: 'time', ms: Date.UTC(2026, 0, 5, 9) }, { kind: 'time', ms: Date.UTC(2026, 0, 5, 10) }, 'confirmed'],
      ['h#20260106', { kind: 'date', date: '2026-01-06' }, { kind: 'date', date: '2026-01-07' }, 'confirmed'],
      ['w#20260119T090000Z', { kind: 'time', ms: Date.UTC(2026, 0, 19, 14) }, { kind: 'time', ms: Date.UTC(2026, 0, 19, 14, 30) }, 'cancelled'],
      ['w#20260126T090000Z', { kind: 'time', ms: Date.UTC(2026, 0, 26, 9) }, { kind: 'time', ms: Date.UTC(2026, 0, 26, 10) }, 'confirmed'],
    ]);
    expect(events[2]).toEqual({
      applicationId: null,
      eventId: null,
      summary: 'Holiday',
      description: '',
      start: { kind: 'date', date: '2026-01-06' },
      end: { kind: 'date', date: '2026-01-07' },
      tzid: 'Europe/Berlin',
      location: null,
      url: null,
      color: null,
      reminders: [],
      transparency: 'transparent',
      status: 'confirmed',
      participationStatus: 'unknown',
      attendees: [],
      organizer: null,
      categories: [],
      recurring: true,
      eventPrivate: false,
      deleted: false,
      sourceKey: 'h#20260106',
    });
    expect(events[3]).toMatchObject({ summary: 'Weekly', recurring: true, tzid: 'Europe/Berlin' });
  });
});

describe('limits', () => {
  it('tells where an override lies even after its series has reached maxOccurrences', () => {
    const r = expand([...ev('a', 'RECURRENCE-ID:20260105T000000'), ...ev('a', 'RRULE:FREQ=DAILY;COUNT=5', 'DTSTART:20260105T090000Z')], {
      defaultTzid: 'Etc/UTC',
      maxOccurrences: 3,
    });
    expect(r.occurrences.map((o) => o.sourceKey)).toEqual(['a#20260106T090000Z', 'a#20260107T090000Z', 'a#20260108T090000Z']);
    expect(r.skipped).toEqual([{ uid: 'a', line: 9, reason: 'more than 3 occurrences in the horizon; the later ones were not imported' }]);
    // The override (moved to the 09:00 instance, starting at midnight) was not emitted, but it is part of the file; the series ends by COUNT on the 9th.
    expect(r.extent.span).toEqual({ fromMs: Date.UTC(2026, 0, 5), toMs: Date.UTC(2026, 0, 9, 9) });
  });
});

describe('identity', () => {
  it('sorts by start, then by sourceKey', () => {
    const r = expand([...ev('b', 'DTSTART:20260105T090000Z'), ...ev('a', 'DTSTART:20260105T090000Z'), ...ev('c', 'DTSTART:20260104T090000Z')]);
    expect(r.occurrences.map((o) => o.sourceKey)).toEqual(['c', 'a', 'b']);
  });

  it('drops a free/busy block that a second VFREEBUSY with the same UID repeats', () => {
    const r = expand([...fb('f', 'FREEBUSY:20260105T090000Z/PT1H'), ...fb('f', 'FREEBUSY:20260105T090000Z/PT1H,20260106T090000Z/PT1H'), ...fb('g', 'FREEBUSY:20260105T090000Z/PT1H')]);
    expect(r.occurrences.map((o) => o.sourceKey)).toEqual(['f#fb#20260105T090000Z/20260105T100000Z', 'g#fb#20260105T090000Z/20260105T100000Z', 'f#fb#20260106T090000Z/20260106T100000Z']);
    expect(r.skipped).toEqual([{ uid: 'f#fb#20260105T090000Z/20260105T100000Z', reason: 'a second occurrence with the same identity was dropped' }]);
    expect(r.counts.occurrences).toBe(3);
  });

  it.each([
    ['at the same start: the one found first', 'DTSTART:20260106T090000Z', 'Lone'],
    ['at an earlier start', 'DTSTART:20260103T090000Z', 'Lone'],
    ['at a later start', 'DTSTART:20260109T090000Z', 'Series'],
  ])('keeps the first in order of two occurrences whose keys meet through a UID holding "#" (%s)', (_n, start, kept) => {
    const r = expand([...ev('a#20260106T090000Z', 'SUMMARY:Lone', start), ...ev('a', 'SUMMARY:Series', 'DTSTART:20260105T090000Z', 'RRULE:FREQ=DAILY;COUNT=3')]);
    const same = r.occurrences.filter((o) => o.sourceKey === 'a#20260106T090000Z');
    expect(same.map((o) => o.content.summary)).toEqual([kept]);
    expect(r.skipped).toEqual([{ uid: 'a#20260106T090000Z', reason: 'a second occurrence with the same identity was dropped' }]);
    expect(r.occurrences).toHaveLength(3);
  });
});
