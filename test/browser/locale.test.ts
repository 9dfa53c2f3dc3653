import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFakeApi, wireEvent, type FakeApi } from './support/fake-api.js';
import { ARTIFACTS, buildLibrary, launchChromium, mountAgenda, norm, openHost, startHost, type Browser, type Host } from './support/host.js';

let api: FakeApi;
let host: Host;
let browser: Browser;

beforeAll(async () => {
  buildLibrary();
  [api, host, browser] = await Promise.all([startFakeApi({ pageSize: 3 }), startHost(), launchChromium()]);
  api.events.push(
    // Spring forward, America/New_York 2026-03-08: 02:00 EST → 03:00 EDT (a 23-hour day).
    wireEvent('spring_0130', '2026-03-08T06:30:00Z', '2026-03-08T07:00:00Z', { summary: 'Before the change' }),
    wireEvent('spring_0330', '2026-03-08T07:30:00Z', '2026-03-08T08:00:00Z', { summary: 'After the change' }),
    wireEvent('spring_2330', '2026-03-09T03:30:00Z', '2026-03-09T03:45:00Z', { summary: 'Late evening' }),
    wireEvent('spring_next', '2026-03-09T04:30:00Z', '2026-03-09T04:45:00Z', { summary: 'Next day' }),
    wireEvent('spring_prev', '2026-03-08T04:30:00Z', '2026-03-08T04:45:00Z', { summary: 'Day before' }),
    // Fall back, 2026-11-01: 02:00 EDT → 01:00 EST (a 25-hour day; 01:30 happens twice).
    wireEvent('fall_first', '2026-11-01T05:30:00Z', '2026-11-01T05:45:00Z', { summary: 'First 1:30' }),
    wireEvent('fall_second', '2026-11-01T06:30:00Z', '2026-11-01T06:45:00Z', { summary: 'Second 1:30' }),
    wireEvent('fall_2330', '2026-11-02T04:30:00Z', '2026-11-02T04:45:00Z', { summary: 'Late evening' }),
    wireEvent('fall_next', '2026-11-02T05:30:00Z', '2026-11-02T05:45:00Z', { summary: 'Next day' }),
    wireEvent('fall_prev', '2026-11-01T03:30:00Z', '2026-11-01T03:45:00Z', { summary: 'Day before' }),
    // BUG-033: all-day events A (one day) and B (three days, DTEND exclusive).
    wireEvent('bug033_A', '2026-07-04', '2026-07-05', { summary: 'A' }),
    wireEvent('bug033_B', '2026-07-06', '2026-07-09', { summary: 'B' }),
    // BUG-035: 09:00Z and 21:00Z.
    wireEvent('bug035_am', '2026-06-01T09:00:00Z', '2026-06-01T09:30:00Z', { summary: 'Morning' }),
    wireEvent('bug035_pm', '2026-06-01T21:00:00Z', '2026-06-01T21:30:00Z', { summary: 'Evening' }),
  );
});

afterAll(async () => {
  await Promise.all([browser?.close(), api?.close(), host?.close()]);
});

async function agendaOn(options: Record<string, unknown>): Promise<Page> {
  const page = await openHost(browser.context, host);
  await mountAgenda(page, { element_token: api.token(host.origin), api_domain: api.base, ...options });
  await page.locator('#cronofy-agenda [part~="event"], #cronofy-agenda [part~="empty"]').first().waitFor();
  return page;
}

async function rows(page: Page): Promise<Array<[string, string]>> {
  const items = page.locator('#cronofy-agenda [part~="events"] [part~="event-button"]');
  const out: Array<[string, string]> = [];
  for (let i = 0; i < (await items.count()); i++) {
    const b = items.nth(i);
    out.push([norm(await b.locator('[part~="event-time"]').innerText()), await b.locator('[part~="event-summary"]').innerText()]);
  }
  return out;
}

const starts = async (page: Page): Promise<string[]> => (await rows(page)).map(([t]) => t.split(' – ')[0] ?? '');

describe('locale "de" in America/New_York on DST days', () => {
  it('2026-03-08 (23 hours): right local times and day buckets', async () => {
    const page = await agendaOn({ locale: 'de', tzid: 'America/New_York', start_date: '2026-03-08' });
    expect(await page.locator('#cronofy-agenda [part~="title"]').innerText()).toBe('Sonntag, 8. März 2026');
    const got = await rows(page);
    expect(got.map(([, s]) => s)).toEqual(['Before the change', 'After the change', 'Late evening']);
    const labels = got.map(([t]) => t);
    // On a day whose offset changes, labels carry the zone (and ICU then pads the hour).
    expect(labels).toEqual([
      expect.stringMatching(/^0?1:30 GMT-5 – 0?3:00 GMT-4$/),
      expect.stringMatching(/^0?3:30 GMT-4 – 0?4:00 GMT-4$/),
      expect.stringMatching(/^23:30 GMT-4 – 23:45 GMT-4$/),
    ]);
    expect(await page.locator('#cronofy-agenda [lang="de"]').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/agenda-de-2026-03-08.png`, fullPage: true });
    await page.close();
  });

  it('2026-11-01 (25 hours): both 1:30s, the late evening, nothing from the next day', async () => {
    const page = await agendaOn({ locale: 'de', tzid: 'America/New_York', start_date: '2026-11-01' });
    expect(await page.locator('#cronofy-agenda [part~="title"]').innerText()).toBe('Sonntag, 1. November 2026');
    const got = await rows(page);
    expect(got.map(([, s]) => s)).toEqual(['First 1:30', 'Second 1:30', 'Late evening']);
    expect(got.map(([t]) => t)).toEqual([
      expect.stringMatching(/^0?1:30 GMT-4 – 0?1:45 GMT-4$/),
      expect.stringMatching(/^0?1:30 GMT-5 – 0?1:45 GMT-5$/),
      expect.stringMatching(/^23:30 GMT-5 – 23:45 GMT-5$/),
    ]);
    await page.locator('#cronofy-agenda [part~="next"]').click();
    expect(await page.locator('#cronofy-agenda [part~="title"]').innerText()).toBe('Montag, 2. November 2026');
    expect((await rows(page)).map(([t, s]) => [t, s])).toEqual([['0:30 – 0:45', 'Next day']]);
    await page.close();
  });
});

describe('BUG-033: all-day events are dates; DTEND is exclusive', () => {
  for (const tz of ['America/New_York', 'Asia/Tokyo']) {
    it(`shows A on 2026-07-04 and B on 07-06..07-08 for a viewer in ${tz} (en-US)`, async () => {
      const page = await agendaOn({ locale: 'en-US', tzid: tz, start_date: '2026-07-03' });
      const shown: Record<string, string[]> = {};
      for (const date of ['2026-07-03', '2026-07-04', '2026-07-05', '2026-07-06', '2026-07-07', '2026-07-08', '2026-07-09']) {
        shown[date] = await page.locator('#cronofy-agenda [part~="all-day"] [part~="event-summary"]').allInnerTexts();
        await page.locator('#cronofy-agenda [part~="next"]').click();
      }
      expect(shown).toEqual({
        '2026-07-03': [],
        '2026-07-04': ['A'],
        '2026-07-05': [],
        '2026-07-06': ['B'],
        '2026-07-07': ['B'],
        '2026-07-08': ['B'],
        '2026-07-09': [],
      });
      // Labels: en-US { weekday: 'short', month: 'short', day: 'numeric' } of the calendar dates.
      await page.evaluate(() => window.handle && window.handle.update({ start_date: '2026-07-07' }));
      await page.locator('#cronofy-agenda [part~="event-button"]', { hasText: 'B' }).click();
      expect(await page.locator('#cronofy-agenda [part~="event-details"]:visible dd').first().innerText()).toBe('Mon, Jul 6 – Wed, Jul 8');
      await page.evaluate(() => window.handle && window.handle.update({ start_date: '2026-07-04' }));
      await page.locator('#cronofy-agenda [part~="event-button"]', { hasText: 'A' }).click();
      expect(await page.locator('#cronofy-agenda [part~="event-details"]:visible dd').first().innerText()).toBe('Sat, Jul 4');
      await page.close();
    });
  }
});

describe('BUG-035: hour cycle from the locale; an explicit choice persists', () => {
  const expected: Record<string, { firstDay: number; hourCycle: string; labels?: [string, string]; dir: string }> = {
    'en-US': { firstDay: 7, hourCycle: 'h12', labels: ['9:00 AM', '9:00 PM'], dir: 'ltr' },
    'en-GB': { firstDay: 1, hourCycle: 'h23', labels: ['9:00', '21:00'], dir: 'ltr' },
    'de-DE': { firstDay: 1, hourCycle: 'h23', labels: ['9:00', '21:00'], dir: 'ltr' },
    'he-IL': { firstDay: 7, hourCycle: 'h23', labels: ['9:00', '21:00'], dir: 'rtl' },
    'ar-EG': { firstDay: 6, hourCycle: 'h12', dir: 'rtl' },
  };
  for (const [locale, want] of Object.entries(expected)) {
    it(`${locale}: ${want.hourCycle}${want.labels ? `, labels ${want.labels.join(' / ')}` : ''}`, async () => {
      const page = await agendaOn({ locale, tzid: 'UTC', start_date: '2026-06-01' });
      const labels = await starts(page);
      if (want.labels) expect(labels).toEqual(want.labels);
      else expect(labels.every((l) => /[صم]/.test(l))).toBe(true); // Arabic AM/PM markers: 12-hour
      const intl = await page.evaluate((l) => {
        const loc = new Intl.Locale(l) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
        return {
          hourCycle: new Intl.DateTimeFormat(l, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).resolvedOptions().hourCycle,
          firstDay: (loc.getWeekInfo?.() ?? loc.weekInfo)?.firstDay,
        };
      }, locale);
      expect(intl).toEqual({ hourCycle: want.hourCycle, firstDay: want.firstDay });
      expect(await page.locator('#cronofy-agenda [part~="root"]').getAttribute('dir')).toBe(want.dir);
      if (want.dir === 'rtl') await page.screenshot({ path: `${ARTIFACTS}/agenda-${locale}.png`, fullPage: true });
      await page.close();
    });
  }

  it('en-US with an explicit 24-hour choice keeps 24-hour labels through every step', async () => {
    const page = await agendaOn({ locale: 'en-US-u-hc-h23', tzid: 'UTC', start_date: '2026-06-01' });
    const twentyFour = (labels: string[]): void => {
      expect(labels.join(' ')).not.toMatch(/AM|PM/);
    };
    // Step 1: the list.
    const list = await starts(page);
    expect(list).toEqual(['09:00', '21:00']);
    // Step 2: the details of the selected event.
    await page.locator('#cronofy-agenda [part~="event-button"]', { hasText: 'Evening' }).click();
    const details = norm(await page.locator('#cronofy-agenda [part~="event-details"]:visible dd').first().innerText());
    expect(details).toContain('21:00');
    twentyFour([details]);
    // Step 3: after navigating away and back, and after an update from the host.
    await page.locator('#cronofy-agenda [part~="next"]').click();
    await page.locator('#cronofy-agenda [part~="previous"]').click();
    twentyFour(await starts(page));
    await page.evaluate(() => window.handle && window.handle.update({ styles: { colors: { primary: '#0b5394' } } }));
    await page.locator('#cronofy-agenda [part~="event"]').first().waitFor();
    expect(await starts(page)).toEqual(['09:00', '21:00']);
    await page.close();
  });
});
