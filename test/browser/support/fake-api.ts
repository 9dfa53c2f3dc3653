/**
 * A small fake of the server's element routes (PROTOCOL §4), enough for the Agenda: CORS
 * preflights answered with the token's origin, origin binding, userinfo, events and
 * free_busy with `from`/`to`/`tzid` selection, and paging through absolute `next_page` URLs.
 * The real server (src/http) will replace it.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Temporal } from 'temporal-polyfill';

/** A wire event (§5.6.1), as the server sends it. */
export type WireEvent = Record<string, unknown> & { event_uid: string; calendar_id: string; start: string; end: string };

/** One request the fake API saw. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
}

/** The fake API and what it saw. */
export interface FakeApi {
  base: string;
  requests: SeenRequest[];
  /** Registers a token bound to `origin`. */
  token(origin: string, token?: string): string;
  events: WireEvent[];
  close(): Promise<void>;
}

/** A userinfo with two calendars on one profile (§5.4). */
export function userinfoFor(sub: string): Record<string, unknown> {
  const cal = (id: string, name: string): Record<string, unknown> => ({
    calendar_id: id,
    calendar_name: name,
    calendar_readonly: false,
    calendar_deleted: false,
    calendar_primary: id === 'cal_work_000000001',
    calendar_integrated_conferencing_available: false,
    calendar_attachments_available: false,
    permission_level: 'unrestricted',
  });
  return {
    sub,
    email: 'jane@example.com',
    name: 'Jane Doe',
    zoneinfo: 'Europe/London',
    'cronofy.type': 'account',
    'cronofy.data': {
      authorization: { scope: 'read_write', status: 'active' },
      profiles: [
        {
          provider_name: 'google',
          provider_service: 'gsuite',
          profile_id: 'pro_fake0000001',
          profile_name: 'jane@example.com',
          profile_connected: true,
          profile_initial_sync_required: false,
          profile_calendars: [cal('cal_work_000000001', 'Work'), cal('cal_home_000000002', 'Home <b>&amp;</b>')],
        },
      ],
      conferencing_profiles: [],
    },
  };
}

function dayStart(date: string, tz: string): number {
  return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: tz }).epochMilliseconds;
}

function selected(e: WireEvent, from: string, to: string, tz: string): boolean {
  if (e.start.length === 10) return e.start < to && e.end > from;
  return Date.parse(e.start) < dayStart(to, tz) && Date.parse(e.end) > dayStart(from, tz);
}

const CORS_BASE = {
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Cronofy-Element, Content-Type',
  'Access-Control-Max-Age': '600',
  Vary: 'Origin',
};

/**
 * Starts the fake API on 127.0.0.1 (a free port). `pageSize` items per page.
 *
 * @example const api = await startFakeApi({ pageSize: 2 }); const et = api.token('http://localhost:1234');
 */
export async function startFakeApi(opts: { pageSize?: number } = {}): Promise<FakeApi> {
  const pageSize = opts.pageSize ?? 2;
  const tokens = new Map<string, { origin: string }>();
  const pages = new Map<string, { token: string; body: Record<string, unknown> }>();
  const requests: SeenRequest[] = [];
  const api: FakeApi = {
    base: '',
    requests,
    events: [],
    token(origin, token = randomBytes(32).toString('base64url')) {
      tokens.set(token, { origin });
      return token;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const send = (res: ServerResponse, status: number, body: unknown, origin: string | undefined): void => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Vary: 'Origin' };
    if (origin) headers['Access-Control-Allow-Origin'] = origin;
    res.writeHead(status, headers).end(JSON.stringify(body));
  };

  const paged = (token: string, listKey: string, items: unknown[], extra: Record<string, unknown>): Record<string, unknown> => {
    const chunks: unknown[][] = [];
    for (let i = 0; i < items.length; i += pageSize) chunks.push(items.slice(i, i + pageSize));
    if (chunks.length === 0) chunks.push([]);
    const ids = chunks.map(() => randomBytes(16).toString('base64url'));
    const resource = listKey === 'events' ? 'events' : 'free_busy';
    const bodyOf = (i: number): Record<string, unknown> => {
      const p: Record<string, unknown> = { current: i + 1, total: chunks.length };
      if (i + 1 < chunks.length) p.next_page = `${api.base}/v1/${resource}/pages/${ids[i + 1]}`;
      return { pages: p, [listKey]: chunks[i] };
    };
    chunks.forEach((_, i) => pages.set(ids[i]!, { token, body: bodyOf(i) }));
    return { ...bodyOf(0), ...extra };
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers });
    const origin = req.headers.origin;
    const et = url.searchParams.get('et') ?? '';
    const grant = tokens.get(et);
    if (req.method === 'OPTIONS') {
      const headers: Record<string, string> = { ...CORS_BASE };
      const allow = grant ? grant.origin : origin;
      if (allow) headers['Access-Control-Allow-Origin'] = allow;
      res.writeHead(204, headers).end();
      return;
    }
    if (!grant) return send(res, 401, { error: 'invalid_token', error_description: 'unknown token' }, origin);
    if (origin !== grant.origin) return send(res, 403, { error: 'origin_mismatch', error_description: 'origin' }, origin);
    const allow = grant.origin;
    const page = /^\/v1\/(events|free_busy)\/pages\/([\w-]+)$/.exec(url.pathname);
    if (page) {
      const stored = pages.get(page[2]!);
      if (!stored || stored.token !== et) return send(res, 404, { error: 'not_found', error_description: 'page' }, allow);
      return send(res, 200, stored.body, allow);
    }
    const userinfo = userinfoFor('acc_000000000000000000000001');
    if (url.pathname === '/v1/userinfo') return send(res, 200, userinfo, allow);
    if (url.pathname === '/v1/events' || url.pathname === '/v1/free_busy') {
      const q = url.searchParams;
      const tz = q.get('tzid') ?? 'Etc/UTC';
      const from = q.get('from') ?? '1900-01-01';
      const to = q.get('to') ?? '2199-12-31';
      const list = api.events.filter((e) => selected(e, from, to, tz)).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
      const extra = q.get('include_userinfo') === 'true' ? { userinfo } : {};
      if (url.pathname === '/v1/events') return send(res, 200, paged(et, 'events', list, extra), allow);
      const fb = list
        .filter((e) => e.transparency !== 'transparent')
        .map((e) => ({ calendar_id: e.calendar_id, start: e.start, end: e.end, free_busy_status: e.participation_status === 'tentative' ? 'tentative' : 'busy' }));
      return send(res, 200, paged(et, 'free_busy', fb, extra), allow);
    }
    send(res, 404, { error: 'not_found', error_description: 'route' }, allow);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  api.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}

/** Builds a wire event with sensible defaults. */
export function wireEvent(uid: string, start: string, end: string, extra: Record<string, unknown> = {}): WireEvent {
  return {
    calendar_id: 'cal_work_000000001',
    event_uid: uid,
    summary: uid,
    description: '',
    start,
    end,
    deleted: false,
    created: '2026-01-01T00:00:00Z',
    updated: '2026-01-01T00:00:00Z',
    participation_status: 'accepted',
    attendees: [],
    organizer: { email: 'jane@example.com', display_name: 'Jane Doe' },
    transparency: 'opaque',
    status: 'confirmed',
    categories: [],
    recurring: false,
    event_private: false,
    options: { delete: true, update: true, change_participation_status: true },
    ...extra,
  };
}
