/**
 * Helpers for the availability suites: query bodies, calls with each credential kind, and
 * pushing events and rules through the API.
 */
import { expect } from 'vitest';
import { bearer, body, type Json } from './fixtures.js';
import type { Harness } from './harness.js';

export const ORIGIN = 'https://app.example.com';

/** A valid availability query for the subs, one group requiring all; `patch` overrides fields. */
export function query(subs: string[], patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    participants: [{ members: subs.map((sub) => ({ sub })), required: 'all' }],
    required_duration: { minutes: 30 },
    query_periods: [{ start: '2026-06-02T09:00:00Z', end: '2026-06-02T17:00:00Z' }],
    ...patch,
  };
}

/** POST a body with a bearer credential (API key or access token). */
export function postWith(h: Harness, path: string, credential: string, json: unknown): Promise<Response> {
  return h.call('POST', path, { headers: bearer(credential), json });
}

/** POST a body with an element token from the page origin. */
export function postElement(h: Harness, path: string, et: string, json: unknown, origin = ORIGIN): Promise<Response> {
  return h.call('POST', `${path}?et=${encodeURIComponent(et)}`, { headers: { origin, 'cronofy-element': 'v1.0.0, SlotPicker' }, json });
}

/** Expects a 200 and returns the JSON body. */
export async function ok(res: Response): Promise<Json> {
  const text = await res.clone().text();
  expect(res.status, text).toBe(200);
  return body(res);
}

/** Expects a 200 availability answer in periods form and returns `[start, end]` pairs. */
export async function periods(res: Response): Promise<[string, string][]> {
  const b = await ok(res);
  expect(Object.keys(b)).toEqual(['available_periods']);
  return b.available_periods.map((p: Json) => [p.start, p.end]);
}

/** Expects a 200 availability answer in slots form and returns the slot starts. */
export async function slotStarts(res: Response): Promise<string[]> {
  const b = await ok(res);
  expect(Object.keys(b)).toEqual(['available_slots']);
  return b.available_slots.map((s: Json) => s.start);
}

/** Pushes a managed event through the API (202 expected). */
export async function pushEvent(h: Harness, token: string, calendarId: string, event: Record<string, unknown>): Promise<void> {
  const res = await h.call('POST', `/v1/calendars/${calendarId}/events`, { headers: bearer(token), json: event });
  expect(res.status, await res.clone().text()).toBe(202);
}

/** Upserts an availability rule through the API (200 expected). */
export async function putRule(h: Harness, token: string, rule: Record<string, unknown>): Promise<Json> {
  return ok(await postWith(h, '/v1/availability_rules', token, rule));
}

/** Mon–Fri `start`–`end` weekly periods. */
export function weekdays(start: string, end: string): { day: string; start_time: string; end_time: string }[] {
  return ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => ({ day, start_time: start, end_time: end }));
}
