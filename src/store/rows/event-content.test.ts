import { describe, expect, it } from 'vitest';
import { importedEvent } from '../contract/fixtures.js';
import { MIN_SHARED_CHARS, contentId, fillContents, shareContents, type EventContentRow } from './event-content.js';
import { eventToRow, type EventRow } from './event-row.js';

const LONG = 'x'.repeat(MIN_SHARED_CHARS);

function row(key: string, over: Partial<EventRow> = {}): EventRow {
  return { ...eventToRow(importedEvent(key, { summary: 'Standup' })), ...over };
}

describe('shareContents', () => {
  it('points rows of one content to one content row and empties their shared columns', () => {
    const rows = [row('a'), row('b'), row('c', { description: 'another text' })];
    const full = { ...rows[0]! };
    const contents = shareContents('cal_1', rows);
    expect(contents).toHaveLength(1);
    expect(contents[0]).toEqual({ id: contentId('cal_1', full), calendar_id: 'cal_1', description: full.description, location: full.location, url: full.url, color: full.color, reminders: full.reminders, attendees: full.attendees, organizer: full.organizer, categories: full.categories });
    for (const r of rows.slice(0, 2)) expect(r).toEqual({ ...full, event_uid: r.event_uid, source_key: r.source_key, description: '', location: null, url: null, color: null, reminders: '', attendees: '', organizer: null, categories: '', content_id: contents[0]!.id });
    expect(rows[2]!.content_id).toBeNull();
    expect(rows[2]!.description).toBe('another text');
  });

  it('leaves short contents inline', () => {
    const short = { description: 'x'.repeat(MIN_SHARED_CHARS - 3), location: null, url: null, color: null, reminders: '[]', attendees: '', organizer: null, categories: '' };
    const rows = [row('a', short), row('b', short)];
    expect(shareContents('cal_1', rows)).toEqual([]);
    expect(rows.map((r) => r.content_id)).toEqual([null, null]);
    const longer = [row('a', { ...short, description: `${short.description}abc` }), row('b', { ...short, description: `${short.description}abc` })];
    expect(shareContents('cal_1', longer)).toHaveLength(1);
  });

  it('writes one content row for groups of different summaries with the same content', () => {
    const rows = [row('a'), row('b'), row('c', { summary: 'Other' }), row('d', { summary: 'Other' })];
    const contents = shareContents('cal_1', rows);
    expect(contents).toHaveLength(1);
    expect(new Set(rows.map((r) => r.content_id))).toEqual(new Set([contents[0]!.id]));
  });

  it('groups rows of one summary by their content, whatever the order', () => {
    const rows = ['a', 'b', 'c', 'd', 'e', 'f'].map((k, i) => row(k, { description: i % 2 === 0 ? `even ${LONG}` : `odd ${LONG}` }));
    const contents = shareContents('cal_1', rows);
    expect(contents.map((c) => c.description).sort()).toEqual([`even ${LONG}`, `odd ${LONG}`]);
    expect(rows.filter((r) => r.content_id === contentId('cal_1', { ...contents[0]! })).length).toBe(3);
  });

  it('refuses a row that already points to a content', () => {
    expect(() => shareContents('cal_1', [row('a', { content_id: 'ect_x' })])).toThrow(/already points/);
  });
});

describe('contentId', () => {
  it('differs by calendar and by any column, and cannot be fooled by moving text between columns', () => {
    const base = { ...row('a') };
    const id = contentId('cal_1', base);
    expect(contentId('cal_1', { ...base })).toBe(id);
    expect(contentId('cal_2', base)).not.toBe(id);
    expect(contentId('cal_1', { ...base, color: null })).not.toBe(id);
    expect(contentId('cal_1', { ...base, description: 'ab', url: 'c' })).not.toBe(contentId('cal_1', { ...base, description: 'a', url: 'bc' }));
    expect(contentId('cal_1', { ...base, url: null })).not.toBe(contentId('cal_1', { ...base, url: '\u0000null' }));
  });
});

describe('fillContents', () => {
  it('puts the content back into the rows that point to it, and fails loudly on a missing one', () => {
    const rows = [row('a'), row('b'), row('lone', { summary: 'Lone' })];
    const before = rows.map((r) => ({ ...r }));
    const contents = shareContents('cal_1', rows);
    fillContents(rows, new Map(contents.map((c) => [c.id, c])));
    expect(rows).toEqual(before.map((r, i) => ({ ...r, content_id: rows[i]!.content_id })));
    const missing: EventContentRow[] = [];
    expect(() => fillContents(rows, new Map(missing.map((c) => [c.id, c])))).toThrow(/missing content/);
  });
});
