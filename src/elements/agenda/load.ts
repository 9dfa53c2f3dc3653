/**
 * Loads one Agenda window (PROTOCOL §7.1): the requests of each `config.mode`, all pages, and
 * the first page's `userinfo`. Demo mode reads the shared mock data instead and makes no request.
 */
import { MESSAGES, buildUrl, fetchAllPages, type CallFailure } from '../lib/http.js';
import { isObject } from '../lib/json.js';
import { mockAgendaEvents, mockUserinfo } from '../mock/mock-data.js';
import { calendarsFrom, eventToItem, freeBusyToItem, mergeItems, type AgendaItem, type CalendarInfo } from './model.js';
import type { AgendaMode } from './options.js';

/** The `Cronofy-Element` name of every Agenda call. */
export const AGENDA_HEADER = 'agenda';

/** A loaded window. */
export interface WindowData {
  items: AgendaItem[];
  calendars: Map<string, CalendarInfo>;
}

/** What one load needs. */
export interface LoadRequest {
  mode: AgendaMode;
  from: string;
  to: string;
  tzid: string;
  token: string;
  apiBase: string;
  demo: boolean;
  signal: AbortSignal;
}

type Source = { path: '/v1/events' | '/v1/free_busy'; listKey: 'events' | 'free_busy'; extra: [string, string] };

/** The requests of each mode; `free_busy_managed` makes two, in parallel. */
export function sourcesFor(mode: AgendaMode): Source[] {
  const events = (extra: [string, string]): Source => ({ path: '/v1/events', listKey: 'events', extra });
  const freeBusy = (extra: [string, string]): Source => ({ path: '/v1/free_busy', listKey: 'free_busy', extra });
  switch (mode) {
    case 'only_managed':
      return [events(['only_managed', 'true'])];
    case 'free_busy':
      return [freeBusy(['include_managed', 'true'])];
    case 'free_busy_managed':
      return [events(['only_managed', 'true']), freeBusy(['include_managed', 'false'])];
    default:
      return [events(['include_managed', 'true'])];
  }
}

/** The first-page URL of one source for window `[from, to)`. */
export function sourceUrl(req: Pick<LoadRequest, 'apiBase' | 'token' | 'from' | 'to' | 'tzid'>, source: Source): string {
  return buildUrl(req.apiBase, source.path, req.token, [
    ['from', req.from],
    ['to', req.to],
    ['tzid', req.tzid],
    ['include_geo', 'true'],
    ['include_userinfo', 'true'],
    source.extra,
  ]);
}

function toItems(listKey: Source['listKey'], list: unknown[]): Array<AgendaItem | null> {
  return listKey === 'events' ? list.map((e, i) => eventToItem(e, i)) : list.map(freeBusyToItem);
}

/** Loads a window from the API, or from mock data in demo mode. */
export async function loadWindow(req: LoadRequest): Promise<{ ok: true; data: WindowData } | CallFailure> {
  if (req.demo) {
    const events = mockAgendaEvents(req.from, req.to, req.tzid);
    return { ok: true, data: { items: mergeItems([toItems('events', events)]), calendars: calendarsFrom(mockUserinfo()) } };
  }
  const sources = sourcesFor(req.mode);
  const results = await Promise.all(
    sources.map((s) => fetchAllPages(sourceUrl(req, s), s.listKey, { token: req.token, base: req.apiBase, element: AGENDA_HEADER, signal: req.signal })),
  );
  const lists: Array<Array<AgendaItem | null>> = [];
  let userinfo: unknown;
  for (const [i, r] of results.entries()) {
    if (!r.ok) return r;
    lists.push(toItems(sources[i]!.listKey, r.items));
    userinfo ??= r.userinfo;
  }
  if (!isObject(userinfo)) return { ok: false, status: 200, message: MESSAGES.generic, errors: {} };
  return { ok: true, data: { items: mergeItems(lists), calendars: calendarsFrom(userinfo) } };
}
