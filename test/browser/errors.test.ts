import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApi, wireEvent, type FakeApi } from './support/fake-api.js';
import { ARTIFACTS, VERSION, buildLibrary, launchChromium, mountAgenda, notes, openHost, startHost, type Browser, type Host } from './support/host.js';

let api: FakeApi;
let host: Host;
let browser: Browser;

const GENERIC = 'There was a problem fetching data: the API could not be reached or returned an unexpected response.';

beforeAll(async () => {
  buildLibrary();
  [api, host, browser] = await Promise.all([startFakeApi(), startHost(), launchChromium()]);
  api.events.push(wireEvent('evt_1', '2026-03-10T14:00:00Z', '2026-03-10T15:00:00Z', { summary: 'Secret meeting' }));
});

afterAll(async () => {
  await Promise.all([browser?.close(), api?.close(), host?.close()]);
});

const errorsOf = async (page: import('playwright-core').Page) => (await notes(page)).filter((n) => n.notification.type === 'error');

describe('failures', () => {
  it('a token for another origin fails at the preflight: error state and one error notification', async () => {
    api.requests.length = 0;
    const page = await openHost(browser.context, host);
    const token = api.token('https://other.example.com');
    await mountAgenda(page, { element_token: token, api_domain: api.base, start_date: '2026-03-10', tzid: 'UTC' });
    const box = page.locator('#cronofy-agenda [part~="error"]');
    await box.waitFor();
    expect(await box.innerText()).toBe('There was an error loading the element');
    expect(await box.getAttribute('role')).toBe('alert');
    await page.waitForTimeout(200);
    const errors = await errorsOf(page);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.notification).toMatchObject({ type: 'error', element: 'Agenda View', message: GENERIC, errors: {} });
    expect(api.requests.map((r) => r.method)).toEqual(['OPTIONS']);
    expect(await page.locator('#cronofy-agenda', { hasText: 'Secret meeting' }).count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/agenda-cors-error.png` });
    await page.close();
  });

  it('an unknown token gives the 401 message', async () => {
    const page = await openHost(browser.context, host);
    await mountAgenda(page, { element_token: 'not-a-token', api_domain: api.base, tzid: 'UTC' });
    await page.locator('#cronofy-agenda [part~="error"]').waitFor();
    expect((await errorsOf(page)).map((n) => n.notification.message)).toEqual(['There was a problem fetching data: check your element_token is valid.']);
    // A user action after a failure tries again (the library itself never retries).
    const gets = (): number => api.requests.filter((r) => r.method === 'GET' && r.query.get('et') === 'not-a-token').length;
    const before = gets();
    await page.locator('#cronofy-agenda [part~="next"]').click();
    await expect.poll(async () => (await errorsOf(page)).length).toBe(2);
    expect(gets()).toBe(before + 1);
    await page.close();
  });

  it('an unreachable API gives the generic message', async () => {
    const page = await openHost(browser.context, host);
    await mountAgenda(page, { element_token: 'x', api_domain: 'http://127.0.0.1:9', tzid: 'UTC' });
    await page.locator('#cronofy-agenda [part~="error"]').waitFor();
    expect((await errorsOf(page)).map((n) => n.notification.message)).toEqual([GENERIC]);
    await page.close();
  });
});

describe('option validation (§6.6)', () => {
  it('renders the configuration box, notifies once, makes no request and recovers on update', async () => {
    api.requests.length = 0;
    const page = await openHost(browser.context, host);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await mountAgenda(page, { api_domain: api.base, config: { mode: 'everything' }, tzid: 'UTC', start_date: '2026-03-10' });
    const box = page.locator('#cronofy-agenda [part~="config-error"]');
    expect(await box.getAttribute('role')).toBe('alert');
    const text = await box.innerText();
    expect(text).toContain('There was a problem with the UI Elements configuration settings');
    expect(text).toContain('element_token is required unless demo is true');
    expect(text).toContain('config.mode "everything" must be one of default, only_managed, free_busy, free_busy_managed');
    const errors = await errorsOf(page);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.notification.errors).toEqual({
      element_token: ['is required unless demo is true'],
      'config.mode': ['"everything" must be one of default, only_managed, free_busy, free_busy_managed'],
    });
    expect(await page.evaluate(() => typeof window.handle)).toBe('object');
    await page.screenshot({ path: `${ARTIFACTS}/agenda-config-error.png` });
    await page.waitForTimeout(100);
    expect(requests).toEqual([]);
    expect(api.requests).toEqual([]);

    const token = api.token(host.origin);
    await page.evaluate((t) => {
      if (window.handle) window.handle.update({ element_token: t, config: { mode: 'default' } });
    }, token);
    await page.locator('#cronofy-agenda [part~="event-summary"]').first().waitFor();
    expect(await page.locator('#cronofy-agenda [part~="event-summary"]').allInnerTexts()).toEqual(['Secret meeting']);
    await page.close();
  });

  it('returns false and notifies when the target does not exist; new gives the same result', async () => {
    const page = await openHost(browser.context, host);
    const result = await page.evaluate(() => {
      const got: unknown[] = [];
      const r = window.CronofyElements.Agenda({ demo: true, target_id: 'missing', callback: (n) => got.push(n) });
      const Ctor = window.CronofyElements.Agenda as unknown as new (o: unknown) => unknown;
      const viaNew = new Ctor({ demo: true, target_id: 'cronofy-agenda', callback: () => undefined }) as { refresh?: unknown };
      return { r, got, viaNew: typeof viaNew.refresh };
    });
    expect(result.r).toBe(false);
    expect(result.got).toContainEqual({
      notification: expect.objectContaining({ type: 'error', element: 'Agenda View', message: '`missing` is not a valid DOM element' }),
    });
    expect(result.viaNew).toBe('function');
    await page.close();
  });

  it('warns for deprecated aliases and a default target', async () => {
    const page = await openHost(browser.context, host);
    await page.evaluate(() => {
      document.getElementById('second')!.id = 'cronofy-element-agenda';
      window.notes = [];
      window.CronofyElements.Agenda({ token: 'x', demo: true, colors: { primary: 'red' }, tzid: 'Nowhere/Place', callback: (n) => window.notes.push(n) });
    });
    const warns = (await notes(page)).filter((n) => n.notification.type === 'warn').map((n) => n.notification.message);
    expect(warns).toEqual(
      expect.arrayContaining([
        'The token option is deprecated: use element_token instead',
        'The colors option is deprecated: use styles.colors instead',
        'No target_id was given: using cronofy-element-agenda',
        'You are running in demo mode. No API requests will be made',
        expect.stringMatching(/^tzid "Nowhere\/Place" is not a valid time zone: using Europe\/Berlin$/),
      ]),
    );
    expect(await page.locator('#cronofy-element-agenda [part~="event"]').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('filters the console with config.logs but always calls back', async () => {
    const page = await openHost(browser.context, host);
    const lines: string[] = [];
    page.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
    const demoLine = 'warning: [Agenda View] You are running in demo mode. No API requests will be made';
    for (const logs of ['none', 'error']) {
      await mountAgenda(page, { demo: true, config: { logs } });
      expect((await notes(page)).map((n) => n.notification.message)).toContain('You are running in demo mode. No API requests will be made');
    }
    await page.waitForTimeout(200);
    expect(lines).toEqual([]);
    await mountAgenda(page, { demo: true });
    await page.waitForTimeout(200);
    expect(lines).toEqual([demoLine]);
    await page.evaluate(() => window.CronofyElements.Agenda({ demo: true, target_id: 'second', config: { logs: 'all' } }));
    await page.waitForTimeout(200);
    expect(lines.slice(1)).toEqual(['info: [Agenda View] No callback was provided: notifications are only logged', demoLine]);
    await page.close();
  });
});

describe('distribution (§6.1)', () => {
  it('defines one global, survives a second load, and keeps mounted elements working', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${host.origin}/blank`);
    const result = await page.evaluate(async () => {
      const load = (): Promise<void> =>
        new Promise<void>((resolve, reject) => {
          const s = document.createElement('script');
          s.src = '/js/CronofyElements.js';
          s.onload = () => resolve();
          s.onerror = () => reject(new Error('load failed'));
          document.body.appendChild(s);
        });
      const before = new Set(Object.getOwnPropertyNames(window));
      const keys = (): string[] => Object.getOwnPropertyNames(window).filter((k) => !before.has(k));
      await load();
      const afterFirst = keys();
      const first = window.CronofyElements;
      const h = first.Agenda({ demo: true, target_id: 'cronofy-agenda', callback: () => undefined });
      const errors: string[] = [];
      window.addEventListener('error', (e) => errors.push(String(e.message)));
      await load();
      const replaced = window.CronofyElements !== first;
      if (h) h.update({ tzid: 'Asia/Tokyo' });
      return { afterFirst, newGlobals: keys(), errors, replaced, tz: h ? h.context.tzid : null, version: window.CronofyElements.version, names: Object.keys(window.CronofyElements).sort() };
    });
    expect(result.errors).toEqual([]);
    expect(result.afterFirst).toEqual(['CronofyElements']);
    expect(result.newGlobals).toEqual(['CronofyElements']);
    expect(result.replaced).toBe(true);
    expect(result.tz).toBe('Asia/Tokyo');
    expect(result.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(result.names).toEqual(['Agenda', 'AvailabilityRules', 'AvailabilityViewer', 'CalendarSync', 'DateTimePicker', 'SlotPicker', 'version']);
    expect(await page.locator('#cronofy-agenda [part~="event"]').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('the ESM build has named exports and a default object', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${host.origin}/`);
    // A string, so that the test runner does not rewrite the dynamic import.
    const names = (await page.evaluate(`import('/js/CronofyElements.v${VERSION}.mjs').then((m) => ({
      named: Object.keys(m).sort(), dflt: Object.keys(m.default).sort(), same: m.Agenda === m.default.Agenda }))`)) as { named: string[]; dflt: string[]; same: boolean };
    expect(names.named).toEqual(['Agenda', 'AvailabilityRules', 'AvailabilityViewer', 'CalendarSync', 'DateTimePicker', 'SlotPicker', 'default', 'version']);
    expect(names.dflt).toEqual(['Agenda', 'AvailabilityRules', 'AvailabilityViewer', 'CalendarSync', 'DateTimePicker', 'SlotPicker', 'version']);
    expect(names.same).toBe(true);
    await page.close();
  });
});
