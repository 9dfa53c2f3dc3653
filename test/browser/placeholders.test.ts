import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, buildLibrary, launchChromium, openHost, startHost, type Browser, type Host } from './support/host.js';
import type { Notification } from '../../src/elements/api.js';

let host: Host;
let browser: Browser;

beforeAll(async () => {
  buildLibrary();
  [host, browser] = await Promise.all([startHost(), launchChromium()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), host?.close()]);
});

const period = { start: '2026-06-01T09:00:00Z', end: '2026-06-01T17:00:00Z' };
const query = { participants: [{ members: [{ sub: 'acc_1' }], required: 'all' }], required_duration: { minutes: 30 }, query_periods: [period] };

type Name = 'SlotPicker' | 'AvailabilityViewer' | 'DateTimePicker' | 'AvailabilityRules' | 'CalendarSync';

async function mount(name: Name, options: Record<string, unknown>): Promise<{ text: string; notes: Notification[]; requests: string[] }> {
  const page = await openHost(browser.context, host);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const notes = await page.evaluate(
    ([n, o]) => {
      const got: Notification[] = [];
      window.CronofyElements[n as Name]({ target_id: 'cronofy-agenda', ...(o as object), callback: (x: Notification) => got.push(x) });
      return JSON.parse(JSON.stringify(got)) as Notification[];
    },
    [name, options] as const,
  );
  const text = await page.locator('#cronofy-agenda [part~="root"]').innerText();
  await page.screenshot({ path: `${ARTIFACTS}/placeholder-${name}.png` });
  await page.close();
  return { text, notes, requests };
}

const errorsOf = (notes: Notification[]): unknown[] => notes.filter((n) => n.notification.type === 'error').map((n) => n.notification.errors);

describe('elements not built yet: validation and a clear panel', () => {
  it.each<[Name, Record<string, unknown>, string]>([
    ['SlotPicker', { element_token: 't', availability_query: query }, 'Slot Picker'],
    ['AvailabilityViewer', { element_token: 't', availability_query: query, config: { start_time: '08:10' } }, 'Availability Viewer'],
    ['DateTimePicker', { element_token: 't', availability_query: query }, 'Date Time Picker'],
    ['AvailabilityRules', { element_token: 't', availability_rule_id: 'work' }, 'Availability Rules'],
    ['CalendarSync', { authorization: { redirect_uri: 'https://h.example/cb', client_id: 'c', scope: 'read_write' } }, 'Calendar Sync'],
  ])('%s with valid options shows "not available yet" and makes no request', async (name, options, display) => {
    const r = await mount(name, options);
    expect(r.text).toBe('This element is not available yet.');
    expect(r.requests).toEqual([]);
    expect(errorsOf(r.notes)).toEqual([]);
    expect(r.notes.map((n) => n.notification.message)).toContain(`${display} is not available in this version of the library`);
    expect(r.notes.every((n) => n.notification.element === display)).toBe(true);
  });

  it.each<[Name, Record<string, unknown>, Record<string, string[]>]>([
    ['SlotPicker', { element_token: 't' }, { availability_query: ['is required'] }],
    [
      'SlotPicker',
      { element_token: 't', query: { ...query, query_periods: [period, { start: 'x' }] }, config: { mode: 'quick' } },
      { 'availability_query.query_periods[1]': ['needs a valid start and end'], 'config.mode': ['"quick" must be one of confirm, no_confirm'] },
    ],
    [
      'AvailabilityViewer',
      { element_token: 't', availability_query: { ...query, query_periods: undefined, query_slots: [{ start: period.start }] }, extras: { end_time: '08:00', week_start_day: 'funday' } },
      {
        'availability_query.query_slots': ['is not supported by this element: use query_periods'],
        'config.end_time': ['must be after config.start_time'],
        'config.week_start_day': ['"funday" must be one of sunday, monday, tuesday, wednesday, thursday, friday, saturday'],
      },
    ],
    ['DateTimePicker', { element_token: 't', availability_query: { sequence: [{ sequence_title: 'a' }, {}] } }, { 'availability_query.sequence': ['sequence_title must be given on every item or on none'] }],
    [
      'AvailabilityRules',
      { element_token: 't', config: { default_weekly_periods: [{ day: 'monday', start_time: '09:00', end_time: '17:00' }, { day: 'moonday', start_time: '9', end_time: '08:00' }] } },
      { 'config.default_weekly_periods[1]': ['day "moonday" is not a weekday name', 'start_time must be HH:mm'] },
    ],
    ['CalendarSync', { authorization: { client_id: 'c' } }, { 'authorization.redirect_uri': ['is required'], 'authorization.scope': ['is required'] }],
  ])('%s reports fatal option errors', async (name, options, errors) => {
    const r = await mount(name, options);
    expect(r.text).toContain('There was a problem with the UI Elements configuration settings');
    expect(errorsOf(r.notes)).toEqual([errors]);
    expect(r.requests).toEqual([]);
  });

  it('demo mode needs no token or authorization, and aliases warn', async () => {
    const r = await mount('CalendarSync', { demo: true });
    expect(r.text).toBe('This element is not available yet.');
    const rules = await mount('AvailabilityRules', { demo: true, duration: 45 });
    expect(rules.notes.map((n) => n.notification.message)).toEqual(
      expect.arrayContaining([
        'The duration option is deprecated: use config.duration instead',
        'config.duration 45 must be 15, 30 or 60: using 60',
        'No availability_rule_id was given: using "default"',
      ]),
    );
  });
});
