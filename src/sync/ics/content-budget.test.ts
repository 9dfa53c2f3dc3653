/**
 * The content budget: an override carries its series' attendees, description and categories,
 * so a small file of one large series and thousands of one-line overrides would make an import
 * write its series' texts thousands of times over. expandIcs bounds the distinct content an
 * import takes (maxContentChars) and reports the rest as skipped.
 */
import { describe, expect, it } from 'vitest';
import { ContentSizer } from './content-size.js';
import { DEFAULT_MAX_CONTENT_CHARS, expandIcs } from './expand-ics.js';
import { calendar } from './test-helpers.js';

const HORIZON = { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2046, 0, 1) };

/** One daily series with `attendees` long attendees and a 4,000-character description, and `overrides` one-line moves of it. */
function amplifying(attendees: number, overrides: number): string {
  const master = [
    'BEGIN:VEVENT', 'UID:fat', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260105T090000Z', 'DURATION:PT1H', 'RRULE:FREQ=DAILY',
    'SUMMARY:Fat', `DESCRIPTION:${'d'.repeat(4000)}`,
    ...Array.from({ length: attendees }, (_, i) => `ATTENDEE;CN=${'n'.repeat(100)}${i}:mailto:person${i}.${'a'.repeat(60)}@example.com`),
    'END:VEVENT',
  ];
  const moved = Array.from({ length: overrides }, (_, i) => {
    const day = new Date(Date.UTC(2026, 0, 5) + i * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    return ['BEGIN:VEVENT', 'UID:fat', 'DTSTAMP:20260101T000000Z', `RECURRENCE-ID:${day}T090000Z`, `DTSTART:${day}T100000Z`, 'DURATION:PT1H', 'END:VEVENT'];
  });
  return calendar([...master, ...moved.flat()]);
}

function contentChars(r: ReturnType<typeof expandIcs>): number {
  const sizer = new ContentSizer();
  return [...new Set(r.occurrences.map((o) => o.content))].reduce((n, c) => n + sizer.size(c), 0);
}

describe('content budget', () => {
  it('stops taking new content past maxContentChars, says so once, and keeps the rest of the series', () => {
    const text = amplifying(200, 400);
    const whole = expandIcs(text, { defaultTzid: 'Etc/UTC', horizon: HORIZON, maxOccurrences: 10_000 });
    expect(whole.skipped).toEqual([]);
    const all = contentChars(whole);
    // Each override repeats the series' 200 attendees: about 40,000 characters, 400 times.
    expect(all).toBeGreaterThan(400 * 35_000);

    const limit = Math.floor(all / 4);
    const bounded = expandIcs(text, { defaultTzid: 'Etc/UTC', horizon: HORIZON, maxOccurrences: 10_000, maxContentChars: limit });
    expect(contentChars(bounded)).toBeLessThanOrEqual(limit);
    expect(contentChars(bounded)).toBeGreaterThan(limit * 0.9);
    expect(bounded.skipped).toEqual([
      { reason: `the events' texts come to more than ${(limit / (1024 * 1024)).toFixed(1)} MiB in all (overrides repeat their series' attendees, description and categories); later events and overrides with texts of their own were not imported` },
    ]);
    // What was taken is what the whole import has, up to where the budget ran out.
    expect(bounded.occurrences.length).toBeGreaterThan(0);
    expect(bounded.occurrences.length).toBeLessThan(whole.occurrences.length);
    const keys = new Set(whole.occurrences.map((o) => `${o.sourceKey} ${o.startMs}`));
    for (const o of bounded.occurrences) expect(keys.has(`${o.sourceKey} ${o.startMs}`)).toBe(true);
    // The series' own instances (one content, taken first) all come in; only overrides are left out.
    const instances = (r: typeof whole) => r.occurrences.filter((o) => o.startMs % 86_400_000 === 9 * 3_600_000).length;
    expect(instances(bounded)).toBe(instances(whole));
  });

  it('counts a content shared by many occurrences once', () => {
    // A series of 5,000 instances with a large content is one content: far under the budget.
    const text = amplifying(200, 0);
    const r = expandIcs(text, { defaultTzid: 'Etc/UTC', horizon: HORIZON, maxContentChars: 100_000 });
    expect(r.skipped).toEqual([{ uid: 'fat', line: expect.any(Number), reason: 'more than 5000 occurrences in the horizon; the later ones were not imported' }]);
    expect(r.occurrences).toHaveLength(5000);
  });

  it('bounds, by default, a 2 MiB file whose overrides would repeat a 160 KB series 3,000 times', () => {
    const text = amplifying(1000, 3000);
    expect(text.length).toBeLessThan(2.5 * 1024 * 1024);
    const r = expandIcs(text, { defaultTzid: 'Etc/UTC', horizon: HORIZON });
    expect(contentChars(r)).toBeLessThanOrEqual(DEFAULT_MAX_CONTENT_CHARS);
    expect(r.skipped.map((s) => s.reason)).toContain(
      "the events' texts come to more than 64 MiB in all (overrides repeat their series' attendees, description and categories); later events and overrides with texts of their own were not imported",
    );
  });
});
