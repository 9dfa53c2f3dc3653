import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFakeApi, wireEvent, type FakeApi } from './support/fake-api.js';
import { ARTIFACTS, buildLibrary, launchChromium, mountAgenda, openHost, startHost, type Browser, type Host } from './support/host.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let api: FakeApi;
let host: Host;
let browser: Browser;

beforeAll(async () => {
  buildLibrary();
  [api, host, browser] = await Promise.all([startFakeApi(), startHost(), launchChromium()]);
  api.events.push(
    wireEvent('evt_a', '2026-03-10T14:00:00Z', '2026-03-10T15:00:00Z', { summary: 'Planning', recurring: true, location: { description: 'Room 1' } }),
    wireEvent('evt_b', '2026-03-10T16:00:00Z', '2026-03-10T17:00:00Z', {
      summary: 'Interview',
      participation_status: 'needs_action',
      attendees: [
        { email: 'a@example.com', display_name: 'Ann', status: 'accepted' },
        { email: 'b@example.com', display_name: 'Bob', status: 'needs_action' },
      ],
    }),
    wireEvent('evt_c', '2026-03-10T18:00:00Z', '2026-03-10T19:00:00Z', { summary: 'Gym', transparency: 'transparent', calendar_id: 'cal_home_000000002' }),
    wireEvent('evt_d', '2026-03-10', '2026-03-11', { summary: 'Holiday' }),
  );
});

afterAll(async () => {
  await Promise.all([browser?.close(), api?.close(), host?.close()]);
});

interface AxeResult {
  violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }>;
}

async function axe(page: Page): Promise<AxeResult['violations']> {
  await page.addScriptTag({ path: AXE });
  const r = (await page.evaluate(() => (window as unknown as { axe: { run: (ctx: Document) => Promise<AxeResult> } }).axe.run(document))) as AxeResult;
  return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}

async function light(): Promise<Page> {
  const page = await openHost(browser.context, host);
  await mountAgenda(page, { element_token: api.token(host.origin), api_domain: api.base, tzid: 'America/New_York', locale: 'en-US', start_date: '2026-03-10' });
  await page.locator('#cronofy-agenda [part~="event"]').first().waitFor();
  return page;
}

/** The focused element, looking through shadow roots, described by its part and text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    if (!a || a === document.body) return 'body';
    return `${a.getAttribute('part') ?? a.tagName}:${a.getAttribute('aria-label') ?? (a.textContent ?? '').trim().slice(0, 40)}`;
  });
}

describe('accessibility', () => {
  it('axe finds no violations in the rendered Agenda (API data, details open and closed)', async () => {
    const page = await light();
    expect(await axe(page)).toEqual([]);
    await page.locator('#cronofy-agenda [part~="event-button"]', { hasText: 'Interview' }).click();
    await page.locator('#cronofy-agenda [part~="event-button"]', { hasText: 'Planning' }).click();
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it('the scan sees inside the shadow root (a planted violation is found)', async () => {
    const page = await light();
    await page.evaluate(() => {
      const bad = document.createElement('button');
      document.getElementById('cronofy-agenda')?.shadowRoot?.firstElementChild?.appendChild(bad);
    });
    expect((await axe(page)).map((v) => v.id)).toEqual(['button-name']);
    await page.close();
  });

  it('axe finds no violations in demo mode, in an RTL locale, or in the error states', async () => {
    const page = await openHost(browser.context, host);
    await mountAgenda(page, { demo: true });
    await page.locator('#cronofy-agenda [part~="event"]').first().waitFor();
    expect(await axe(page)).toEqual([]);
    await mountAgenda(page, { demo: true, locale: 'he' });
    await page.locator('#cronofy-agenda [part~="event"]').first().waitFor();
    expect(await axe(page)).toEqual([]);
    await mountAgenda(page, { config: { mode: 'x' } });
    expect(await axe(page)).toEqual([]);
    await mountAgenda(page, { element_token: 'bad', api_domain: api.base });
    await page.locator('#cronofy-agenda [part~="error"]').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it('keyboard alone reaches every control and operates it', async () => {
    const page = await light();
    const stops: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      stops.push(await focused(page));
    }
    const controls = await page.evaluate(() =>
      [...(document.getElementById('cronofy-agenda')?.shadowRoot?.querySelectorAll('button, [href], input, select, textarea, [tabindex]') ?? [])].map(
        (a) => `${a.getAttribute('part') ?? a.tagName}:${a.getAttribute('aria-label') ?? (a.textContent ?? '').trim().slice(0, 40)}`,
      ),
    );
    expect(controls.length).toBe(7);
    for (const c of controls) expect(stops).toContain(c);
    expect(stops.slice(0, 3)).toEqual(['nav previous:Previous day', 'today:Today', 'nav next:Next day']);

    // Enter on "next", arrows inside the header, Space on an event.
    await page.locator('#cronofy-agenda [part~="next"]').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#cronofy-agenda [part~="title"]').innerText()).toBe('Wednesday, March 11, 2026');
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator('#cronofy-agenda [part~="title"]').innerText()).toBe('Tuesday, March 10, 2026');
    expect(await focused(page)).toBe('nav next:Next day');
    await page.locator('#cronofy-agenda [part~="event-button"]', { hasText: 'Planning' }).focus();
    await page.keyboard.press('Space');
    expect(await page.locator('#cronofy-agenda [part~="event-button"]', { hasText: 'Planning' }).getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('#cronofy-agenda [part~="event-details"]:visible').innerText()).toContain('Room 1');
    await page.keyboard.press('Enter');
    expect(await page.locator('#cronofy-agenda [part~="event-details"]:visible').count()).toBe(0);
    await page.locator('#cronofy-agenda [part~="today"]').focus();
    await page.screenshot({ path: `${ARTIFACTS}/agenda-focus.png` });
    await page.close();
  });
});
