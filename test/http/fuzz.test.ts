/**
 * Fuzz-ish robustness: random mutations of valid bodies never give a 5xx, and every answer is
 * a well-formed protocol response (PROTOCOL §2.5). Seeded, so failures reproduce.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, personAccount, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { seededRandom } from '../helpers/seeded-random.js';

const KEYS = new Set(['errors.required', 'errors.invalid', 'errors.not_recognized', 'errors.too_long', 'errors.too_many', 'errors.out_of_range', 'errors.not_supported']);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

class Mutator {
  constructor(readonly rnd: () => number) {}
  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  string(): string {
    const pool = ['', ' ', 'a', '\u0000', '\n', '\t', '\ud800', '😀', 'é', '%ZZ', '"', '\\', '/', '<script>', 'null', '1', 'Z', 'T', ':', '-', '+', '.'];
    let s = '';
    const n = this.int(12);
    for (let i = 0; i < n; i++) s += this.pick(pool);
    return this.pick([s, s.repeat(1 + this.int(600)), '2026-06-02T09:00:00Z', '2026-02-30', '99999-01-01T00:00:00Z', '0000-01-01', 'agenda', 'https://app.example.com', 'Europe/London']);
  }
  value(depth = 0): Json {
    switch (this.int(depth > 3 ? 6 : 9)) {
      case 0:
        return null;
      case 1:
        return this.rnd() < 0.5;
      case 2:
        return this.pick([0, -1, 1, 1.5, 1e308, -1e308, 2 ** 53, 59, 60, 1440, 40321, 100, 101]);
      case 3:
      case 4:
      case 5:
        return this.string();
      case 6:
        return Array.from({ length: this.int(4) }, () => this.value(depth + 1));
      case 7:
        return Array.from({ length: this.pick([0, 1, 5, 101, 600]) }, () => this.string());
      default: {
        const o: { [k: string]: Json } = {};
        for (let i = this.int(4); i > 0; i--) o[this.pick(['time', 'tzid', 'minutes', 'hours', 'email', 'description', 'lat', 'invite', 'reject', 'x'])] = this.value(depth + 1);
        return o;
      }
    }
  }
  /** Mutates a copy of `base`: change, drop or add fields, possibly deep inside. */
  mutateObject(base: { [k: string]: Json }): { [k: string]: Json } {
    const o = structuredClone(base);
    for (let n = 1 + this.int(3); n > 0; n--) {
      const keys = Object.keys(o);
      const op = this.int(5);
      if (op === 0 && keys.length > 0) delete o[this.pick(keys)];
      else if (op === 1) o[this.pick([...keys, 'extra', '__proto__', 'constructor'])] = this.value();
      else if (op === 2 && keys.length > 0) {
        const k = this.pick(keys);
        const v = o[k];
        if (Array.isArray(v)) v.push(this.value(1));
        else o[k] = [v ?? null];
      } else if (keys.length > 0) o[this.pick(keys)] = this.value();
    }
    return o;
  }
  /** Text-level damage to a serialised body: truncation, byte flips, junk, deep nesting. */
  mutateText(text: string): Uint8Array<ArrayBuffer> {
    const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
    switch (this.int(5)) {
      case 0:
        return bytes.slice(0, this.int(bytes.length + 1));
      case 1: {
        const copy = Uint8Array.from(bytes);
        for (let i = 1 + this.int(4); i > 0; i--) if (copy.length) copy[this.int(copy.length)] = this.int(256);
        return copy;
      }
      case 2: {
        const at = this.int(bytes.length + 1);
        const junk = Uint8Array.from({ length: 1 + this.int(8) }, () => this.int(256));
        return new Uint8Array([...bytes.subarray(0, at), ...junk, ...bytes.subarray(at)]);
      }
      case 3: {
        const d = this.pick([31, 32, 33, 500]);
        return new Uint8Array(Buffer.from(text.replace(/^\{/, `{"deep":${'['.repeat(d)}${']'.repeat(d)},`)));
      }
      default:
        return bytes;
    }
  }
}

describe('fuzz: random mutations of valid bodies', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let acc: PersonAccount;

  beforeAll(async () => {
    h = await createHarness();
    app = await h.newApp();
    acc = await personAccount(h, app.applicationId);
  });
  afterAll(async () => h.close());

  async function checkResponse(res: Response, what: string, okStatus: number): Promise<number> {
    const text = await res.text();
    expect(res.status, `${what} → ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
    expect([okStatus, 401, 403, 404, 422], `${what} → ${res.status}`).toContain(res.status);
    if (res.status === 202) expect(text).toBe('');
    else {
      const b = JSON.parse(text) as Record<string, unknown>;
      if (res.status === 422) {
        const errors = b.errors as Record<string, { key: string; description: string }[]>;
        expect(Object.keys(errors).length).toBeGreaterThan(0);
        for (const list of Object.values(errors)) for (const e of list) expect(KEYS.has(e.key), e.key).toBe(true);
      } else if (res.status !== 200) {
        expect(b).not.toHaveProperty('errors');
      }
    }
    return res.status;
  }

  it('300 element token requests', async () => {
    const m = new Mutator(seededRandom(0x5eed));
    const valid = { version: '1', permissions: ['agenda', 'availability'], subs: [acc.sub], origin: 'https://app.example.com' };
    const seen = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const obj = m.mutateObject(valid);
      const raw = i % 3 === 0 ? m.mutateText(JSON.stringify(obj)) : JSON.stringify(obj);
      const res = await h.call('POST', '/v1/element_tokens', { headers: { ...bearer(app.apiKey), 'content-type': 'application/json' }, body: raw });
      const status = await checkResponse(res, `#${i} ${Buffer.from(raw).toString('utf8').slice(0, 200)}`, 200);
      seen.set(status, (seen.get(status) ?? 0) + 1);
    }
    // The mutations exercised both outcomes.
    expect(seen.get(422) ?? 0).toBeGreaterThan(50);
    expect(seen.get(200) ?? 0).toBeGreaterThan(0);
  });

  it('300 event upserts', async () => {
    const m = new Mutator(seededRandom(0xc0ffee));
    const valid = {
      event_id: 'fuzz',
      summary: 'Fuzz',
      description: 'd',
      start: '2026-06-02T09:00:00Z',
      end: '2026-06-02T10:00:00Z',
      tzid: 'Europe/London',
      location: { description: 'Room' },
      reminders: [{ minutes: 10 }],
      transparency: 'opaque',
      attendees: { invite: [{ email: 'a@example.com' }] },
    };
    const seen = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const obj = m.mutateObject(valid);
      if (i % 2 === 0 && typeof obj.event_id !== 'string') obj.event_id = `fuzz-${i}`;
      const raw = i % 3 === 0 ? m.mutateText(JSON.stringify(obj)) : JSON.stringify(obj);
      const res = await h.call('POST', `/v1/calendars/${acc.calendarId}/events`, { headers: { ...bearer(acc.accessToken), 'content-type': 'application/json' }, body: raw });
      const status = await checkResponse(res, `#${i} ${Buffer.from(raw).toString('utf8').slice(0, 200)}`, 202);
      seen.set(status, (seen.get(status) ?? 0) + 1);
    }
    expect(seen.get(422) ?? 0).toBeGreaterThan(50);
    expect(seen.get(202) ?? 0).toBeGreaterThan(10);
    // Whatever was stored reads back as valid events.
    const list = await h.call('GET', '/v1/events?only_managed=true&include_deleted=true', { headers: bearer(acc.accessToken) });
    expect(list.status).toBe(200);
    const events = ((await list.json()) as { events: { start: string; end: string }[] }).events;
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.start).toMatch(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$/);
      expect(e.end > e.start || e.end.length !== e.start.length).toBe(true);
    }
  });

  it('300 random query strings on GET /v1/events and /v1/free_busy', async () => {
    const m = new Mutator(seededRandom(42));
    const names = ['from', 'to', 'tzid', 'include_managed', 'only_managed', 'include_deleted', 'include_geo', 'include_userinfo', 'last_modified', 'calendar_ids[]', 'localized_times', 'et'];
    for (let i = 0; i < 300; i++) {
      const parts: string[] = [];
      for (let n = m.int(5); n > 0; n--) {
        // Lone surrogates cannot be percent-encoded; the raw variant keeps other junk.
        const v = m.string().replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
        parts.push(`${m.pick(names)}=${m.rnd() < 0.7 ? encodeURIComponent(v) : v.replace(/[#&\s]/g, '')}`);
      }
      const path = `/v1/${i % 2 ? 'events' : 'free_busy'}?${parts.join('&')}`;
      const hasEt = parts.some((p) => p.startsWith('et='));
      const res = await h.call('GET', path, { headers: hasEt ? { origin: 'https://app.example.com' } : bearer(acc.accessToken) });
      await checkResponse(res, path.slice(0, 200), 200);
    }
  });
});
