/**
 * Shared fixtures for the HTTP suites: person accounts (`acc_…`) created straight in the store,
 * imported (non-managed) events, and assertions for the protocol's error bodies.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { newAccountSub, newCalendarId, newEventUid, newProfileId, type CalendarEvent } from '../../src/core/index.js';
import { issueAccessToken } from '../../src/services/index.js';
import type { Harness } from './harness.js';

export const random = (n: number) => new Uint8Array(randomBytes(n));

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

export interface PersonAccount {
  sub: string;
  accessToken: string;
  refreshToken: string;
  calendarId: string;
  profileId: string;
}

/**
 * A person's account authorising `applicationId`, with one local profile and one writable
 * primary calendar, and an access token with `scope`.
 */
export async function personAccount(
  h: Harness,
  applicationId: string,
  opts: { scope?: string; zoneinfo?: string; email?: string; name?: string } = {},
): Promise<PersonAccount> {
  const deps = { store: h.store, clock: h.clock, random };
  const now = h.clock();
  const sub = newAccountSub(random);
  const scope = opts.scope ?? 'read_write';
  await h.store.createAccount({
    sub,
    kind: 'account',
    email: opts.email ?? `${sub}@example.com`,
    name: opts.name ?? 'Test Person',
    zoneinfo: opts.zoneinfo ?? 'Europe/London',
    createdAt: now,
  });
  await h.store.upsertAuthorization({ applicationId, sub, scope, status: 'active', createdAt: now });
  const profileId = newProfileId(random);
  await h.store.createProfile({
    profileId,
    sub,
    providerName: 'google',
    providerService: 'gsuite',
    profileName: `${sub}@example.com`,
    connected: true,
    initialSyncRequired: false,
    revoked: false,
    source: { type: 'local' },
    createdAt: now,
  });
  const calendarId = newCalendarId(random);
  await h.store.createCalendar({ calendarId, profileId, sub, name: 'Work', readonly: false, deleted: false, primary: true, color: null, createdAt: now });
  const t = await issueAccessToken(deps, { applicationId, sub, scope, ttlSeconds: 10_800 });
  return { sub, accessToken: t.accessToken, refreshToken: t.refreshToken, calendarId, profileId };
}

/** Authorises an existing account for another application and gives an access token for it. */
export async function authorizeFor(h: Harness, applicationId: string, sub: string, scope = 'read_write'): Promise<string> {
  await h.store.upsertAuthorization({ applicationId, sub, scope, status: 'active', createdAt: h.clock() });
  const t = await issueAccessToken({ store: h.store, clock: h.clock, random }, { applicationId, sub, scope, ttlSeconds: 10_800 });
  return t.accessToken;
}

/** Adds a calendar to an account's profile. */
export async function addCalendar(h: Harness, acc: { sub: string; profileId: string }, patch: { readonly?: boolean; deleted?: boolean; name?: string } = {}): Promise<string> {
  const calendarId = newCalendarId(random);
  await h.store.createCalendar({
    calendarId,
    profileId: acc.profileId,
    sub: acc.sub,
    name: patch.name ?? 'Other',
    readonly: patch.readonly ?? false,
    deleted: patch.deleted ?? false,
    primary: false,
    color: null,
    createdAt: h.clock(),
  });
  return calendarId;
}

type Bound = string;
const bound = (v: Bound) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? { kind: 'date' as const, date: v } : { kind: 'time' as const, ms: Date.parse(v) });

/** An imported (non-managed) event of the account's calendar, as the store keeps it. */
export function importedEventRecord(
  acc: { sub: string; calendarId: string },
  e: { start: Bound; end: Bound; summary?: string; uid?: string; now?: number } & Partial<Omit<CalendarEvent, 'start' | 'end'>>,
): CalendarEvent {
  const { start, end, uid, now = Date.UTC(2026, 5, 1), ...rest } = e;
  const eventUid = uid ?? 'evt_external_' + newEventUid(random).slice(4);
  return {
    eventUid,
    calendarId: acc.calendarId,
    sub: acc.sub,
    applicationId: null,
    eventId: null,
    summary: 'Imported',
    description: '',
    start: bound(start),
    end: bound(end),
    tzid: 'Etc/UTC',
    location: null,
    url: null,
    color: null,
    reminders: [],
    transparency: 'opaque',
    status: 'confirmed',
    participationStatus: 'accepted',
    attendees: [],
    organizer: null,
    categories: [],
    recurring: false,
    eventPrivate: false,
    deleted: false,
    created: now,
    updated: now,
    sourceKey: 'src:' + eventUid,
    ...rest,
  };
}

/** An imported (non-managed) event, written straight to the store. Returns its uid. */
export async function importedEvent(
  h: Harness,
  acc: { sub: string; calendarId: string },
  e: { start: Bound; end: Bound; summary?: string; uid?: string } & Partial<Omit<CalendarEvent, 'start' | 'end'>>,
): Promise<string> {
  const record = importedEventRecord(acc, { now: h.clock(), ...e });
  await h.store.putEvent(record);
  return record.eventUid;
}

/** Response bodies are inspected loosely: each test asserts the exact shape it cares about. */
// biome-ignore lint: test-only escape hatch for reading arbitrary JSON bodies
export type Json = any;

/** Parses a JSON response body, asserting the protocol's content type. */
export async function body(res: Response): Promise<Json> {
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return res.json();
}

/** Asserts a non-422 error: status, `error` code, JSON body without a top-level `errors` key. */
export async function expectError(res: Response, status: number, code: string): Promise<Json> {
  const text = await res.clone().text();
  expect(res.status, text).toBe(status);
  const b = await body(res);
  expect(b.error).toBe(code);
  expect(typeof b.error_description).toBe('string');
  expect(b).not.toHaveProperty('errors');
  return b;
}

/**
 * Asserts a 422 whose `errors` map has exactly these parameters, each with exactly these keys
 * (in any order).
 */
export async function expect422(res: Response, expected: Record<string, string[]>): Promise<Json> {
  const text = await res.clone().text();
  expect(res.status, text).toBe(422);
  const b = await body(res);
  const got: Record<string, string[]> = {};
  for (const [param, list] of Object.entries(b.errors as Record<string, { key: string; description: string }[]>)) {
    for (const item of list) expect(typeof item.description).toBe('string');
    got[param] = [...new Set(list.map((x) => x.key))].sort();
  }
  const want = Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, [...new Set(v)].sort()]));
  expect(got).toEqual(want);
  return b;
}

/** Asserts a 202 with an empty body. */
export async function expect202(res: Response): Promise<void> {
  const text = await res.text();
  expect(res.status, text).toBe(202);
  expect(text).toBe('');
}
