/**
 * The Agenda against the real, built server: the host page on http://localhost:P1, the API on
 * http://127.0.0.1:P2 (two origins, so CORS and the token's origin binding are real), with
 * paging through next_page (page size 10).
 *
 * 1. The account is the demo the server seeds from its own iCalendar files (assets/demo/).
 * 2. The server's own demo page at `/`, as `npm start` serves it, over the real clock.
 * 3. The account is loaded from a real Google export in ../shared/fixtures/ics (or
 *    KAIROS_FIXTURES_DIR). Without that folder the test fails: CI has it.
 *
 * The expected rows are read off the files by hand, never taken from the server's answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../helpers/cli.js';
import { ARTIFACTS, launchChromium, mountAgenda, norm, notes, openHost, startHost, type Browser, type Host } from './support/host.js';
import { buildAll, mintAgendaToken, printedDemo, readFixture, seedDatabase, startKairos } from './support/kairos-server.js';

let host: Host;
let browser: Browser;
let dir: string;
const servers: RunningServer[] = [];

beforeAll(async () => {
  buildAll();
  dir = mkdtempSync(join(tmpdir(), 'kairos-browser-'));
  [host, browser] = await Promise.all([startHost(), launchChromium()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), host?.close(), ...servers.map((s) => s.stop())]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const agenda = (page: Page, root = '#cronofy-agenda') => page.locator(root);
const title = async (page: Page): Promise<string> => norm(await agenda(page).locator('[part~="title"]').innerText());

/** The day as shown: all-day rows, then timed rows, each as `summary | time label`. */
async function rows(page: Page, root?: string): Promise<{ allDay: string[]; timed: string[] }> {
  const read = async (section: string): Promise<string[]> => {
    const items = agenda(page, root).locator(`[part~="${section}"] [part~="event"]`);
    const out: string[] = [];
    for (let i = 0; i < (await items.count()); i++) {
      const item = items.nth(i);
      out.push(`${norm(await item.locator('[part~="event-summary"]').innerText())} | ${norm(await item.locator('[part~="event-time"]').innerText())}`);
    }
    return out;
  };
  return { allDay: await read('all-day'), timed: await read('events') };
}

async function next(page: Page, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await agenda(page).locator('[part~="next"]').click();
}

/** Paths the page requested from the API (another origin than the page's). */
const apiRequests = new WeakMap<Page, string[]>();

async function mountOn(server: RunningServer, token: string, options: Record<string, unknown>): Promise<Page> {
  const page = await openHost(browser.context, host);
  const seen: string[] = [];
  apiRequests.set(page, seen);
  page.on('request', (r) => {
    if (r.url().startsWith(server.url + '/')) seen.push(new URL(r.url()).pathname);
  });
  await mountAgenda(page, { element_token: token, api_domain: server.url, locale: 'en-US', ...options });
  await agenda(page).locator('[part~="event"], [part~="empty"]').first().waitFor();
  return page;
}

describe('Agenda against the built server, on another origin', () => {
  it('renders the demo account the server seeded from its own iCalendar files', async () => {
    // Wednesday of the week Europe moves to summer time (Sunday 2026-03-29); New York moved
    // on 2026-03-08. The files were written for the week of 2026-01-05: the server moves
    // them 11 weeks on, to the week of Monday 2026-03-23.
    const server = await startKairos(['--database', join(dir, 'demo.db'), '--now', '2026-03-25T09:00:00Z', '--page-size', '10'], { TZ: 'Europe/Berlin' });
    servers.push(server);
    const demo = printedDemo(server);
    expect(demo.events).toBe(105);
    const token = await mintAgendaToken(server, demo.apiKey, demo.sub, host.origin);
    const page = await mountOn(server, token, { tzid: 'Europe/Berlin', start_date: '2026-03-24' });

    // Tuesday, from the files' Tuesday 2026-01-06 (work.ics, personal.ics):
    // - Late deploy window, 21:00–24:00 UTC on Monday: 22:00–01:00 in Berlin (CET), so it
    //   spans midnight and ends here at 1:00 AM;
    // - Dentist 08:00 and the stand-up 09:30, floating: the account's wall-clock time;
    // - the customer call (09:00) and the New York sync (10:00) in America/New_York: New York
    //   is on EDT (UTC−4) and Berlin still on CET (UTC+1), so 14:00 and 15:00 here, an hour
    //   earlier than in the files' own week.
    expect(await title(page)).toBe('Tuesday, March 24, 2026');
    expect(await rows(page)).toEqual({
      allDay: ['Late deploy window | – 1:00 AM'],
      timed: ['Dentist | 8:00 AM – 8:45 AM', 'Team stand-up | 9:30 AM – 9:45 AM', 'Customer call: Boston clinic | 2:00 PM – 3:00 PM', 'Weekly sync with New York | 3:00 PM – 4:00 PM'],
    });
    expect(await agenda(page).locator('[part~="event"]', { hasText: 'Team stand-up' }).innerText()).toContain('Recurring');
    // The page on localhost read the API on 127.0.0.1, ten events a page.
    expect(host.origin).toMatch(/^http:\/\/localhost:\d+$/);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(apiRequests.get(page)!.filter((p) => p.startsWith('/v1/events/pages/')).length).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: `${ARTIFACTS}/agenda-real-demo-tuesday.png`, fullPage: true });

    // Wednesday 25: the webinar is written in UTC (14:00 UTC = 3:00 PM CET).
    await next(page, 1);
    expect(await rows(page)).toEqual({
      allDay: [],
      timed: ['Team stand-up | 9:30 AM – 9:45 AM', 'Lunch with Ana | 12:00 PM – 12:45 PM', 'Focus time | 1:00 PM – 3:00 PM', 'Release webinar | 3:00 PM – 4:00 PM'],
    });
    expect(await agenda(page).locator('[part~="event"]', { hasText: 'Focus time' }).innerText()).toContain('Free');

    // Friday 27: the stand-up moved from 09:30 to 11:00 (RECURRENCE-ID), after the retro.
    await next(page, 2);
    expect(await rows(page)).toEqual({
      allDay: [],
      timed: ['Release retro | 10:00 AM – 10:45 AM', 'Team stand-up | 11:00 AM – 11:15 AM', 'Lunch & learn: time zones | 12:30 PM – 1:30 PM', 'Weekly update | 4:00 PM – 4:30 PM'],
    });

    // Sunday 29, the day of the change: the day is 23 hours long, so times carry the zone.
    await next(page, 2);
    expect(await title(page)).toBe('Sunday, March 29, 2026');
    expect(await rows(page)).toEqual({ allDay: ["Mum's birthday | All day"], timed: ['Video call with Grandma | 5:00 PM GMT+2 – 5:30 PM GMT+2'] });

    // Monday 30, on summer time: the floating and Berlin times are unchanged.
    await next(page, 1);
    expect(await rows(page)).toEqual({
      allDay: [],
      timed: ['Team stand-up | 9:30 AM – 9:45 AM', 'Quarterly planning | 10:00 AM – 12:30 PM', 'Focus time | 1:00 PM – 3:00 PM'],
    });
    expect((await notes(page)).filter((n) => n.notification.type === 'error')).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/agenda-real-demo-monday.png`, fullPage: true });
    await page.close();
  });

  it('shows the seeded demo on the server’s own page at /, around the real today', async () => {
    // No clock injection: the demo is moved to the real current week, as `npm start` does it.
    const server = await startKairos(['--database', join(dir, 'start.db')], { TZ: 'Europe/Berlin' });
    servers.push(server);
    expect(printedDemo(server).events).toBe(105);
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${server.url}/`);
    await page.locator('#real-agenda [part~="event"]').first().waitFor();
    await page.locator('#demo-agenda [part~="event"]').first().waitFor();
    // Today's rows in the files' reference week, by weekday (work.ics, personal.ics): the
    // shown day is today in the browser's zone, Europe/Berlin, as is the account's.
    const byWeekday: Record<number, string[]> = {
      1: ['Late deploy window', 'Team stand-up', 'Design review', 'Focus time', 'Interview: backend engineer', 'Dinner with friends'],
      2: ['Late deploy window', 'Dentist', 'Team stand-up', 'Customer call: Boston clinic', 'Weekly sync with New York'],
      3: ['Team stand-up', 'Lunch with Ana', 'Focus time', 'Release webinar'],
      4: ['Release day', 'Team stand-up', '1:1 with Sam (cancelled)'],
      5: ['Release retro', 'Team stand-up', 'Lunch & learn: time zones', 'Weekly update'],
      6: ['Running club', "Farmers' market"],
      7: ["Mum's birthday", 'Video call with Grandma'],
    };
    const weekday = await page.evaluate(() => {
      const name = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'Europe/Berlin' }).format(new Date());
      return ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(name) + 1;
    });
    const shown = await rows(page, '#real-agenda');
    expect([...shown.allDay, ...shown.timed].map((r) => r.split(' | ')[0])).toEqual(byWeekday[weekday]);
    expect(errors).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/demo-page-real-today.png`, fullPage: true });
    await page.close();
  });

  it('opens the demo page on the server’s own today when its clock is set with --now', async () => {
    const server = await startKairos(['--database', join(dir, 'start-now.db'), '--now', '2026-03-25T09:00:00Z'], { TZ: 'Europe/Berlin' });
    servers.push(server);
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/`);
    await page.locator('#real-agenda [part~="event"]').first().waitFor();
    expect(norm(await page.locator('#real-agenda [part~="title"]').innerText())).toMatch(/Wednesday, March 25, 2026/);
    const shown = await rows(page, '#real-agenda');
    expect([...shown.allDay, ...shown.timed].map((r) => r.split(' | ')[0])).toEqual(['Team stand-up', 'Lunch with Ana', 'Focus time', 'Release webinar']);
    await page.close();
  });

  it('renders an account loaded from a real Google export (google-school-dst-exdates.ics)', async () => {
    // A school timetable in America/Chicago from 2020: weekly series across the end of US
    // summer time (2020-11-01), with EXDATEs. The server's clock is set into that autumn, so
    // the import horizon (a year back, two ahead) covers it.
    const now = '2020-11-15T12:00:00Z';
    const db = join(dir, 'school.db');
    const seed = await seedDatabase(db, { now, tzid: 'America/Chicago', calendars: [{ name: 'School', color: '#b45309', ics: readFixture('google-school-dst-exdates.ics') }] });
    const server = await startKairos(['--database', db, '--now', now, '--no-demo', '--page-size', '10']);
    servers.push(server);
    const token = await mintAgendaToken(server, seed.clientSecret, seed.sub, host.origin);

    // Thursday 2020-11-19 in Chicago: "Event#1" (UID c4p6, MO/TU/TH/FR 08:15 from 11-16),
    // "Event#2" (29kb, TH 10:15), "Event#3" (7l8ium, TH 12:30).
    const page = await mountOn(server, token, { tzid: 'America/Chicago', start_date: '2020-11-19' });
    expect(await title(page)).toBe('Thursday, November 19, 2020');
    expect(await rows(page)).toEqual({ allDay: [], timed: ['Event#1 | 8:15 AM – 8:30 AM', 'Event#2 | 10:15 AM – 10:30 AM', 'Event#3 | 12:30 PM – 12:45 PM'] });
    await page.screenshot({ path: `${ARTIFACTS}/agenda-real-export-chicago.png`, fullPage: true });
    // A week earlier nothing: c4p6 had not begun, and 29kb and 7l8ium exclude 2020-11-12.
    for (let i = 0; i < 7; i++) await agenda(page).locator('[part~="previous"]').click();
    expect(await title(page)).toBe('Thursday, November 12, 2020');
    await agenda(page).locator('[part~="empty"]').waitFor();
    expect(norm(await agenda(page).locator('[part~="empty"]').innerText())).toBe('No events');
    await page.close();

    // Shown in Berlin, across the week between Europe's (10-25) and America's (11-01) change.
    // Friday 2020-10-30: p1lc8 "Event#2" FR 10:15 CDT = 15:15 UTC = 4:15 PM CET; m4dpn70
    // "Event#4" FR 14:15 CDT = 8:15 PM CET. mji2s "Event#3" only starts on 11-06.
    const berlin = await mountOn(server, token, { tzid: 'Europe/Berlin', start_date: '2020-10-30' });
    expect(await rows(berlin)).toEqual({ allDay: [], timed: ['Event#2 | 4:15 PM – 4:30 PM', 'Event#4 | 8:15 PM – 8:30 PM'] });
    // Friday 2020-11-06: Chicago is on CST now, so 10:15 is 5:15 PM CET; m4dpn70 and mji2s
    // exclude 11-06 (mji2s's EXDATE is its own DTSTART).
    await next(berlin, 7);
    expect(await title(berlin)).toBe('Friday, November 6, 2020');
    expect(await rows(berlin)).toEqual({ allDay: [], timed: ['Event#2 | 5:15 PM – 5:30 PM'] });
    expect((await notes(berlin)).filter((n) => n.notification.type === 'error')).toEqual([]);
    await berlin.screenshot({ path: `${ARTIFACTS}/agenda-real-export-berlin.png`, fullPage: true });
    await berlin.close();
  });
});
