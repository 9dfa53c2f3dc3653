/**
 * One imported event whose DURATION runs past what a Date can hold (a feed or file can bring
 * one in: the import takes it) must not make the account's reads fail.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importIcsIntoCalendar } from '../../src/sync/ics/index.js';
import { bearer, personAccount, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const ICS = [
  'BEGIN:VCALENDAR', 'VERSION:2.0',
  'BEGIN:VEVENT', 'UID:fine', 'DTSTART:20260603T100000Z', 'DTEND:20260603T110000Z', 'SUMMARY:Fine', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:forever', 'DTSTART:20260602T100000Z', 'DURATION:PT99999999999999S', 'SUMMARY:Forever', 'END:VEVENT',
  'END:VCALENDAR', '',
].join('\r\n');

describe('an imported event with an absurd DURATION', () => {
  let h: Harness;
  let acc: PersonAccount;

  beforeEach(async () => {
    h = await createHarness();
    const app = await h.newApp();
    acc = await personAccount(h, app.applicationId);
    await importIcsIntoCalendar(h.store, { calendarId: acc.calendarId, sub: acc.sub, text: ICS, now: h.clock(), defaultTzid: 'Europe/Berlin' });
  });
  afterEach(async () => h.close());

  for (const path of ['/v1/events?from=2026-06-01&to=2026-06-10&tzid=UTC', '/v1/free_busy?from=2026-06-01&to=2026-06-10&tzid=UTC']) {
    it(`GET ${path.split('?')[0]} still answers 200 with the account's other events`, async () => {
      const res = await h.call('GET', path, { headers: bearer(acc.accessToken) });
      const text = await res.text();
      expect(res.status, text).toBe(200);
      expect(text).toContain('2026-06-03T10:00:00Z');
    });
  }
});
