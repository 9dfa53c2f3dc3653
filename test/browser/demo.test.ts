import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, buildLibrary, launchChromium, mountAgenda, notes, openHost, startHost, type Browser, type Host } from './support/host.js';

let host: Host;
let browser: Browser;

beforeAll(async () => {
  buildLibrary();
  [host, browser] = await Promise.all([startHost(), launchChromium()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), host?.close()]);
});

describe('demo mode (§6.9)', () => {
  it('makes zero network requests, whatever the user does', async () => {
    const page = await openHost(browser.context, host);
    const seen: string[] = [];
    const routed: string[] = [];
    page.on('request', (r) => seen.push(r.url()));
    await page.route('**/*', async (route) => {
      routed.push(route.request().url());
      await route.abort();
    });
    const resourcesBefore = await page.evaluate(() => performance.getEntriesByType('resource').length);

    await mountAgenda(page, { demo: true, api_domain: 'https://api.example.com', tzid: 'America/New_York' });
    await page.locator('#cronofy-agenda [part~="event"]').first().waitFor();
    const agenda = page.locator('#cronofy-agenda');
    for (let i = 0; i < 10; i++) await agenda.locator('[part~="next"]').click();
    for (let i = 0; i < 20; i++) await agenda.locator('[part~="previous"]').click();
    await agenda.locator('[part~="today"]').click();
    await agenda.locator('[part~="event-button"]').first().click();
    await page.evaluate(() => {
      if (!window.handle) return;
      window.handle.update({ tzid: 'Asia/Tokyo', locale: 'ja' });
      window.handle.refresh();
    });
    await agenda.locator('[part~="event"]').first().waitFor();
    await page.waitForTimeout(500);

    expect(seen).toEqual([]);
    expect(routed).toEqual([]);
    expect(await page.evaluate(() => performance.getEntriesByType('resource').length)).toBe(resourcesBefore);
    await page.close();
  });

  it('warns once per validation and shows about eight mock events around today', async () => {
    const page = await openHost(browser.context, host);
    await mountAgenda(page, { demo: true, tzid: 'Europe/London', locale: 'en-GB' });
    await page.locator('#cronofy-agenda [part~="event"]').first().waitFor();
    const warns = (await notes(page)).filter((n) => n.notification.type === 'warn').map((n) => n.notification.message);
    expect(warns).toEqual(['You are running in demo mode. No API requests will be made']);
    const today = await page.evaluate(() => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date()));
    expect(await page.locator('#cronofy-agenda [part~="title"]').innerText()).toBe(today);
    const summaries = await page.locator('#cronofy-agenda [part~="event-summary"]').allInnerTexts();
    expect(summaries).toEqual(expect.arrayContaining(['Sam’s birthday', 'Product review', 'Lunch with Sam', 'Focus time']));
    expect(await page.locator('#cronofy-agenda [part~="event-unconfirmed"]').count()).toBeGreaterThan(0);
    expect(await page.locator('#cronofy-agenda [part~="event-free"]').count()).toBeGreaterThan(0);
    const markers = await page.locator('#cronofy-agenda [part~="event-marker"]').evaluateAll((els) => new Set(els.map((e) => getComputedStyle(e).backgroundColor)).size);
    expect(markers).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: `${ARTIFACTS}/agenda-demo.png`, fullPage: true });
    await page.locator('#cronofy-agenda [part~="next"]').click();
    expect(await page.locator('#cronofy-agenda [part~="all-day"] [part~="event-summary"]').allInnerTexts()).toContain('Design conference');
    await page.close();
  });
});
