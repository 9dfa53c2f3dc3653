import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadWindow, sourceUrl, sourcesFor } from './load.js';

const req = { from: '2026-03-01', to: '2026-03-16', tzid: 'America/New_York', token: 'tok/1+', apiBase: 'https://api.example.com' };
const userinfo = { sub: 'acc_1', 'cronofy.data': { profiles: [{ profile_calendars: [{ calendar_id: 'cal_1', calendar_name: 'Work' }] }] } };

describe('Agenda requests (§7.1)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('builds the window URL with an encoded token', () => {
    const [src] = sourcesFor('default');
    expect(sourceUrl(req, src!)).toBe(
      'https://api.example.com/v1/events?et=tok%2F1%2B&from=2026-03-01&to=2026-03-16&tzid=America%2FNew_York&include_geo=true&include_userinfo=true&include_managed=true',
    );
  });

  it.each([
    ['default', ['/v1/events?include_managed=true']],
    ['only_managed', ['/v1/events?only_managed=true']],
    ['free_busy', ['/v1/free_busy?include_managed=true']],
    ['free_busy_managed', ['/v1/events?only_managed=true', '/v1/free_busy?include_managed=false']],
  ] as const)('mode %s requests %j', (mode, want) => {
    expect(sourcesFor(mode).map((s) => `${s.path}?${s.extra.join('=')}`)).toEqual(want);
  });

  it('runs free_busy_managed requests in parallel and concatenates them', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(async (input) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 10));
        inFlight--;
        const url = String(input);
        const body = url.includes('/v1/events')
          ? { pages: { current: 1, total: 1 }, events: [{ event_uid: 'evt_1', calendar_id: 'cal_1', summary: 'Managed', start: '2026-03-08T14:00:00Z', end: '2026-03-08T15:00:00Z' }], userinfo }
          : { pages: { current: 1, total: 1 }, free_busy: [{ calendar_id: 'cal_1', start: '2026-03-08T16:00:00Z', end: '2026-03-08T17:00:00Z', free_busy_status: 'busy' }], userinfo };
        return new Response(JSON.stringify(body), { status: 200 });
      }),
    );
    const r = await loadWindow({ ...req, mode: 'free_busy_managed', demo: false, signal: new AbortController().signal });
    expect(maxInFlight).toBe(2);
    expect(r.ok && r.data.items.map((i) => i.key)).toEqual(['evt_1', 'busy_2026-03-08T16:00:00Z']);
    expect(r.ok && r.data.calendars.get('cal_1')?.name).toBe('Work');
  });

  it('fails without userinfo', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>(async () => new Response(JSON.stringify({ pages: { current: 1, total: 1 }, events: [] }), { status: 200 })));
    const r = await loadWindow({ ...req, mode: 'default', demo: false, signal: new AbortController().signal });
    expect(r.ok).toBe(false);
  });

  it('makes no request at all in demo mode', async () => {
    const fetchMock = vi.fn<typeof fetch>();
    vi.stubGlobal('fetch', fetchMock);
    const r = await loadWindow({ ...req, mode: 'default', demo: true, signal: new AbortController().signal });
    expect(r.ok && r.data.items.length).toBeGreaterThan(0);
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
