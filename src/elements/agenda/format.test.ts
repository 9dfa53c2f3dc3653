import { describe, expect, it } from 'vitest';
import { AgendaFormats } from './format.js';
import { eventToItem, type AgendaItem } from './model.js';

const ev = (start: string, end: string): AgendaItem => eventToItem({ event_uid: 'e', start, end }, 0) as AgendaItem;
const norm = (s: string): string => s.replace(/[\u202f\u00a0]/g, ' ');

describe('Agenda labels', () => {
  it('formats all-day ranges on calendar dates, end exclusive, in any zone (BUG-033)', () => {
    for (const tz of ['America/New_York', 'Asia/Tokyo']) {
      const f = new AgendaFormats('en-US', tz);
      expect(f.fullRange(ev('2026-07-04', '2026-07-05'))).toBe('Sat, Jul 4');
      expect(f.fullRange(ev('2026-07-06', '2026-07-09'))).toBe('Mon, Jul 6 – Wed, Jul 8');
    }
  });

  it('uses the locale’s hour cycle, and an explicit -u-hc- choice (BUG-035)', () => {
    const at = (locale: string): string[] => ['2026-06-01T09:00:00Z', '2026-06-01T21:00:00Z'].map((t) => norm(new AgendaFormats(locale, 'UTC').timeOf(Date.parse(t))));
    expect(at('en-US')).toEqual(['9:00 AM', '9:00 PM']);
    expect(at('en-GB')).toEqual(['9:00', '21:00']);
    expect(at('de-DE')).toEqual(['9:00', '21:00']);
    expect(at('he-IL')).toEqual(['9:00', '21:00']);
    // An explicit 24-hour choice on an en-US page: 24-hour labels, no AM/PM.
    expect(at('en-US-u-hc-h23')).toEqual(['09:00', '21:00']);
  });

  it('labels rows: time ranges, zone names on DST days, and spans', () => {
    const f = new AgendaFormats('en-US', 'America/New_York');
    const item = ev('2026-11-01T05:30:00Z', '2026-11-01T06:45:00Z');
    expect(norm(f.rowLabel(item, '2026-11-01', false, false, 'All day'))).toBe('1:30 AM – 1:45 AM');
    expect(norm(f.rowLabel(item, '2026-11-01', false, true, 'All day'))).toBe('1:30 AM EDT – 1:45 AM EST');
    const span = ev('2026-03-10T01:00:00Z', '2026-03-12T12:00:00Z'); // 21:00 on the 9th to 08:00 on the 12th
    expect(norm(f.rowLabel(span, '2026-03-09', true, false, 'All day'))).toBe('9:00 PM –');
    expect(f.rowLabel(span, '2026-03-10', true, false, 'All day')).toBe('All day');
    expect(norm(f.rowLabel(span, '2026-03-12', true, false, 'All day'))).toBe('– 8:00 AM');
    expect(f.rowLabel(ev('2026-03-10', '2026-03-11'), '2026-03-10', true, false, 'Ganztägig')).toBe('Ganztägig');
  });

  it('formats the header date as a calendar date', () => {
    expect(new AgendaFormats('de', 'Pacific/Kiritimati').longDate('2026-03-08')).toBe('Sonntag, 8. März 2026');
    expect(new AgendaFormats('en-US', 'Pacific/Pago_Pago').longDate('2026-03-08')).toBe('Sunday, March 8, 2026');
  });
});
