import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApi, wireEvent, type FakeApi } from './support/fake-api.js';
import { buildLibrary, launchChromium, mountAgenda, openHost, startHost, type Browser, type Host } from './support/host.js';

let api: FakeApi;
let host: Host;
let browser: Browser;

beforeAll(async () => {
  buildLibrary();
  [api, host, browser] = await Promise.all([startFakeApi(), startHost(), launchChromium()]);
  api.events.push(wireEvent('evt_1', '2026-03-10T14:00:00Z', '2026-03-10T15:00:00Z', { summary: 'One' }));
});

afterAll(async () => {
  await Promise.all([browser?.close(), api?.close(), host?.close()]);
});

/** Counts live listeners added through EventTarget, page-wide, before the library loads. */
const COUNT_LISTENERS = `(() => {
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  window.__listeners = { added: 0, removed: 0 };
  EventTarget.prototype.addEventListener = function (type, l, o) { window.__listeners.added++; return add.call(this, type, l, o); };
  EventTarget.prototype.removeEventListener = function (type, l, o) { window.__listeners.removed++; return remove.call(this, type, l, o); };
})();`;

describe('update() and refresh()', () => {
  it('update with a new token reloads with it; refresh reloads; neither adds listeners', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(COUNT_LISTENERS);
    await page.goto(`${host.origin}/`);
    await page.waitForFunction(() => typeof window.CronofyElements === 'object');
    const first = api.token(host.origin);
    await mountAgenda(page, { element_token: first, api_domain: api.base, tzid: 'UTC', start_date: '2026-03-10' });
    await page.locator('#cronofy-agenda [part~="event"]').first().waitFor();
    const listeners = (): Promise<{ added: number; removed: number }> => page.evaluate(() => (window as unknown as { __listeners: { added: number; removed: number } }).__listeners);
    const afterMount = await listeners();

    const cdp = await browser.context.newCDPSession(page);
    const cdpCount = async (): Promise<number> => {
      const { result } = (await cdp.send('Runtime.evaluate', { expression: "document.getElementById('cronofy-agenda')" })) as { result: { objectId: string } };
      const { listeners: l } = (await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId, depth: -1, pierce: true })) as { listeners: unknown[] };
      return l.length;
    };
    const cdpAfterMount = await cdpCount();

    const second = api.token(host.origin);
    api.requests.length = 0;
    for (let i = 0; i < 25; i++) {
      await page.evaluate((t) => window.handle && window.handle.update({ element_token: t, config: { logs: 'none' } }), i % 2 === 0 ? second : first);
      await page.evaluate(() => window.handle && window.handle.refresh());
    }
    await page.evaluate((t) => window.handle && window.handle.update({ element_token: t }), second);
    await page.locator('#cronofy-agenda [part~="event"]').first().waitFor();
    await page.waitForTimeout(300);
    const tokensUsed = api.requests.filter((r) => r.method === 'GET').map((r) => r.query.get('et'));
    expect(tokensUsed.at(-1)).toBe(second);
    expect(new Set(tokensUsed)).toEqual(new Set([first, second]));
    expect(await page.locator('#cronofy-agenda [part~="event-summary"]').allInnerTexts()).toEqual(['One']);

    const afterUpdates = await listeners();
    expect(afterUpdates.added - afterUpdates.removed).toBe(afterMount.added - afterMount.removed);
    expect(await cdpCount()).toBe(cdpAfterMount);
    expect(cdpAfterMount).toBe(2);

    // Mounting again on the same target replaces the element and its two listeners.
    for (let i = 0; i < 5; i++) await mountAgenda(page, { demo: true, config: { logs: 'none' } });
    await page.locator('#cronofy-agenda [part~="event"]').first().waitFor();
    expect(await cdpCount()).toBe(2);
    await page.close();
  });

  it('update() without options only warns; context.tzid is live', async () => {
    const page = await openHost(browser.context, host);
    await mountAgenda(page, { demo: true, tzid: 'Europe/Paris' });
    const r = await page.evaluate(() => {
      const h = window.handle;
      if (!h) return null;
      const before = window.notes.length;
      const tz1 = h.context.tzid;
      h.update();
      const added = window.notes.slice(before).map((n) => `${n.notification.type}: ${String(n.notification.message)}`);
      h.update({ tzid: 'Asia/Kolkata' });
      return { tz1, added, tz2: h.context.tzid };
    });
    expect(r).toEqual({ tz1: 'Europe/Paris', added: ['warn: update() needs an object of options to change: nothing was updated'], tz2: 'Asia/Kolkata' });
    await page.close();
  });

  it('the latest request wins when updates race', async () => {
    const page = await openHost(browser.context, host);
    const good = api.token(host.origin);
    // Mount with a bad token and update in the same task: the first load is aborted before
    // its 401 can arrive, so it neither renders nor notifies.
    await page.evaluate(
      ([t, base]) => {
        window.notes = [];
        window.handle = window.CronofyElements.Agenda({
          target_id: 'cronofy-agenda',
          element_token: 'unknown-token',
          api_domain: base,
          tzid: 'UTC',
          start_date: '2026-03-10',
          callback: (n) => window.notes.push(n),
        });
        if (window.handle) window.handle.update({ element_token: t });
      },
      [good, api.base] as const,
    );
    await page.locator('#cronofy-agenda [part~="event"]').first().waitFor();
    await page.waitForTimeout(300);
    expect(await page.locator('#cronofy-agenda [part~="error"]').count()).toBe(0);
    expect(await page.evaluate(() => window.notes.filter((n) => n.notification.type === 'error').length)).toBe(0);
    await page.close();
  });
});
