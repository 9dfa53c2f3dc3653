import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFakeApi, wireEvent, type FakeApi } from './support/fake-api.js';
import { ARTIFACTS, VERSION, buildLibrary, launchChromium, mountAgenda, norm, notes, openHost, startHost, type Browser, type Host } from './support/host.js';

let api: FakeApi;
let host: Host;
let browser: Browser;

beforeAll(async () => {
  buildLibrary();
  [api, host, browser] = await Promise.all([startFakeApi({ pageSize: 2 }), startHost(), launchChromium()]);
  api.events.push(
    wireEvent('evt_standup', '2026-03-10T14:00:00Z', '2026-03-10T14:15:00Z', { summary: 'Stand-up', recurring: true }),
    wireEvent('evt_review', '2026-03-10T15:00:00Z', '2026-03-10T16:00:00Z', {
      summary: 'Review',
      participation_status: 'needs_action',
      location: { description: 'Room 4' },
      description: 'Line one\nLine two',
      attendees: [
        { email: 'jane@example.com', display_name: 'Jane Doe', status: 'needs_action' },
        { email: 'alex@example.com', display_name: '', status: 'accepted' },
      ],
    }),
    wireEvent('evt_lunch', '2026-03-10T16:30:00Z', '2026-03-10T17:30:00Z', { summary: 'Lunch', transparency: 'transparent', calendar_id: 'cal_home_000000002' }),
    wireEvent('evt_empty', '2026-03-10T18:00:00Z', '2026-03-10T18:30:00Z', { summary: '', status: 'cancelled' }),
    wireEvent('evt_xss', '2026-03-10T19:00:00Z', '2026-03-10T19:30:00Z', { summary: '<img src=x onerror="window.pwned=1">', description: '<script>window.pwned=2</script>' }),
    wireEvent('evt_holiday', '2026-03-10', '2026-03-11', { summary: 'Holiday' }),
    wireEvent('evt_trip', '2026-03-09', '2026-03-12', { summary: 'Trip', calendar_id: 'cal_home_000000002' }),
    wireEvent('evt_far', '2026-04-20T10:00:00Z', '2026-04-20T11:00:00Z', { summary: 'Far away' }),
  );
});

afterAll(async () => {
  await Promise.all([browser?.close(), api?.close(), host?.close()]);
});

const summaries = (page: Page): Promise<string[]> => page.locator('#cronofy-agenda [part~="event-summary"]').allInnerTexts();

async function mounted(options: Record<string, unknown> = {}): Promise<Page> {
  const page = await openHost(browser.context, host);
  const token = api.token(host.origin);
  await mountAgenda(page, { element_token: token, api_domain: api.base, tzid: 'America/New_York', locale: 'en-US', start_date: '2026-03-10', ...options });
  await page.locator('#cronofy-agenda [part~="event"]').first().waitFor();
  return page;
}

describe('Agenda against the API', () => {
  it('renders the day with all-day, multi-day and timed events in order', async () => {
    const page = await mounted();
    expect(norm(await page.locator('#cronofy-agenda [part~="title"]').innerText())).toBe('Tuesday, March 10, 2026');
    expect(await summaries(page)).toEqual(['Trip', 'Holiday', 'Stand-up', 'Review', 'Lunch', '–', '<img src=x onerror="window.pwned=1">']);
    const times = (await page.locator('#cronofy-agenda [part~="events"] [part~="event-time"]').allInnerTexts()).map(norm);
    expect(times).toEqual(['10:00 AM – 10:15 AM', '11:00 AM – 12:00 PM', '12:30 PM – 1:30 PM', '2:00 PM – 2:30 PM', '3:00 PM – 3:30 PM']);
    // Two visible sections, each list named by its own heading.
    expect(await page.locator('#cronofy-agenda [part~="section-label"]').allInnerTexts()).toEqual(['All day', 'Events']);
    expect(await page.locator('#cronofy-agenda [part~="all-day"]').getAttribute('aria-labelledby')).toBe('all-day-label');
    expect(await page.locator('#cronofy-agenda ul[part~="events"]').getAttribute('aria-labelledby')).toBe('events-label');
    await page.screenshot({ path: `${ARTIFACTS}/agenda-api.png`, fullPage: true });
    await page.close();
  });

  it('renders server text as text only', async () => {
    const page = await mounted();
    await page.locator('#cronofy-agenda [part~="event-button"]', { hasText: '<img' }).click();
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    const shadowImgs = await page.evaluate(() => document.getElementById('cronofy-agenda')?.shadowRoot?.querySelectorAll('img, script').length);
    expect(shadowImgs).toBe(0);
    expect(await page.locator('#cronofy-agenda [part~="event-details"]:visible').innerText()).toContain('<script>window.pwned=2</script>');
    await page.close();
  });

  it('follows next_page with et set, and sends the library header without credentials', async () => {
    api.requests.length = 0;
    const page = await mounted();
    const gets = api.requests.filter((r) => r.method === 'GET');
    expect(gets.map((r) => r.path)).toEqual(['/v1/events', '/v1/events/pages/' + gets[1]?.path.split('/').pop(), '/v1/events/pages/' + gets[2]?.path.split('/').pop(), gets[3]?.path]);
    const first = gets[0]!;
    expect(Object.fromEntries(first.query)).toMatchObject({ from: '2026-03-03', to: '2026-03-18', tzid: 'America/New_York', include_geo: 'true', include_userinfo: 'true', include_managed: 'true' });
    for (const r of gets) {
      expect(r.headers['cronofy-element']).toBe(`v${VERSION}, agenda`);
      expect(r.headers.cookie).toBeUndefined();
      expect(r.headers.authorization).toBeUndefined();
      expect(r.headers.origin).toBe(host.origin);
      expect(r.query.getAll('et')).toHaveLength(1);
    }
    expect(api.requests.some((r) => r.method === 'OPTIONS')).toBe(true);
    await page.close();
  });

  it('styles unconfirmed, free and recurring events and colours calendars from userinfo order', async () => {
    const page = await mounted({ styles: { colors: { calendars: ['rgb(1, 2, 3)', 'rgb(4, 5, 6)'] } } });
    const row = (text: string) => page.locator('#cronofy-agenda [part~="event"]', { hasText: text });
    expect(await row('Review').getAttribute('part')).toContain('event-unconfirmed');
    expect(await row('Review').innerText()).toContain('Unconfirmed');
    expect(await row('Lunch').getAttribute('part')).toContain('event-free');
    expect(await row('Lunch').innerText()).toContain('Free');
    expect(await row('Stand-up').locator('svg').count()).toBe(1);
    expect(await row('Stand-up').innerText()).toContain('Recurring');
    const color = (text: string) => row(text).locator('[part~="event-marker"]').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await color('Review')).toBe('rgb(1, 2, 3)');
    expect(await color('Lunch')).toBe('rgb(4, 5, 6)');
    expect(await row('Review').getAttribute('class')).toContain('CronofyAgenda__event--unconfirmed');
    // A cancelled event (an imported cancelled occurrence) is struck through and says so.
    const cancelled = page.locator('#cronofy-agenda [part~="event-cancelled"]');
    expect(await cancelled.count()).toBe(1);
    expect(await cancelled.locator('[part~="event-summary"]').innerText()).toBe('–');
    expect(await cancelled.innerText()).toContain('Cancelled');
    expect(await cancelled.locator('[part~="event-summary"]').evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('line-through');
    expect(await page.locator('#cronofy-agenda [part~="event"]:not([part~="event-cancelled"]) [part~="badge-cancelled"]').count()).toBe(0);
    await page.close();
  });

  it('expands details: time, location, description, attendees and calendar name', async () => {
    const page = await mounted();
    const button = page.locator('#cronofy-agenda [part~="event-button"]', { hasText: 'Review' });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const details = norm(await page.locator('#cronofy-agenda [part~="event-details"]:visible').innerText());
    expect(details).toContain('Tue, Mar 10, 11:00 AM – 12:00 PM');
    expect(details).toContain('Room 4');
    expect(details).toContain('Line one\nLine two');
    expect(details).toContain('Jane Doe');
    expect(details).toContain('alex@example.com');
    expect(details).toContain('Work');
    await page.locator('#cronofy-agenda [part~="event-button"]', { hasText: 'Lunch' }).click();
    expect(await page.locator('#cronofy-agenda [part~="event-details"]:visible').last().innerText()).toContain('Home <b>&amp;</b>');
    await page.screenshot({ path: `${ARTIFACTS}/agenda-details.png`, fullPage: true });
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await page.close();
  });

  it('navigates days inside the window without requests and reloads outside it', async () => {
    const page = await mounted();
    const count = (): number => api.requests.filter((r) => r.method === 'GET' && r.path === '/v1/events').length;
    const before = count();
    for (let i = 0; i < 7; i++) await page.locator('#cronofy-agenda [part~="next"]').click();
    expect(norm(await page.locator('#cronofy-agenda [part~="title"]').innerText())).toBe('Tuesday, March 17, 2026');
    expect(count()).toBe(before);
    await page.locator('#cronofy-agenda [part~="next"]').click();
    await page.locator('#cronofy-agenda [part~="empty"]').waitFor();
    expect(count()).toBe(before + 1);
    const last = api.requests.filter((r) => r.path === '/v1/events').pop()!;
    expect([last.query.get('from'), last.query.get('to')]).toEqual(['2026-03-11', '2026-03-26']);
    expect(await page.locator('#cronofy-agenda [part~="empty"]').innerText()).toBe('No events');
    await page.close();
  });

  it.each([
    ['free_busy', ['/v1/free_busy?include_managed=true']],
    ['only_managed', ['/v1/events?only_managed=true']],
    ['free_busy_managed', ['/v1/events?only_managed=true', '/v1/free_busy?include_managed=false']],
  ])('mode %s makes the right requests', async (mode, want) => {
    api.requests.length = 0;
    const page = await mounted({ config: { mode } });
    const firsts = api.requests.filter((r) => r.method === 'GET' && !r.path.includes('/pages/'));
    const got = firsts.map((r) => `${r.path}?${['include_managed', 'only_managed'].filter((k) => r.query.has(k)).map((k) => `${k}=${r.query.get(k)}`).join('&')}`);
    expect(got.sort()).toEqual([...want].sort());
    if (mode === 'free_busy') expect(await summaries(page)).toContain('Busy');
    await page.close();
  });

  it('logs only: no element notifications besides logs', async () => {
    const page = await mounted();
    expect((await notes(page)).every((n) => ['log', 'info', 'warn', 'error'].includes(n.notification.type))).toBe(true);
    await page.close();
  });
});
