import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CALENDAR_ID_RE,
  PROFILE_ID_RE,
  SUB_RE,
  TOKEN_RE,
  base64url,
  bufferedRandom,
  externalEventUids,
  checkFreeTextId,
  checkRuleId,
  newAccountSub,
  newApplicationCalendarSub,
  newCalendarId,
  newClientId,
  newEventUid,
  newProfileId,
  newSecret,
} from './ids.js';

const random = (n: number) => new Uint8Array(randomBytes(n));
const T_FIXED = Date.UTC(2026, 2, 1, 12);
/** A generator that always returns the same byte (worst case for the alphabet mapping). */
const constant = (b: number) => (n: number) => new Uint8Array(n).fill(b);

describe('generated identifiers (PROTOCOL §2.3)', () => {
  it('account subs are acc_ + 24 lower-case hex digits', () => {
    for (let i = 0; i < 50; i++) expect(newAccountSub(random)).toMatch(/^acc_[0-9a-f]{24}$/);
    expect(newAccountSub(constant(255))).toBe('acc_' + 'f'.repeat(24));
    expect(newAccountSub(constant(0))).toBe('acc_' + '0'.repeat(24));
  });

  it('application calendar subs are apc_ + 24 lower-case hex digits', () => {
    for (let i = 0; i < 50; i++) expect(newApplicationCalendarSub(random)).toMatch(/^apc_[0-9a-f]{24}$/);
  });

  it('SUB_RE accepts exactly those forms', () => {
    const table: [string, boolean][] = [
      ['acc_5700a00eb0ccd07000000000', true],
      ['apc_5700a00eb0ccd07000000000', true],
      ['acc_5700A00EB0CCD07000000000', false],
      ['acc_5700a00eb0ccd0700000000', false],
      ['acc_5700a00eb0ccd070000000000', false],
      ['acc_5700a00eb0ccd0700000000g', false],
      ['usr_5700a00eb0ccd07000000000', false],
      ['acc_1', false],
      ['', false],
    ];
    for (const [v, ok] of table) expect(SUB_RE.test(v), v).toBe(ok);
  });

  it('secrets are 43 characters of [A-Za-z0-9_-] with 256 random bits, and distinct', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const s = newSecret(random);
      expect(s).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(TOKEN_RE.test(s)).toBe(true);
      seen.add(s);
    }
    expect(seen.size).toBe(200);
    // Every byte value maps into the URL-safe alphabet.
    expect(newSecret(constant(255))).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSecret(constant(0xfb))).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('base64url has no padding and uses - and _', () => {
    expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(base64url(new Uint8Array([0]))).toBe('AA');
    expect(base64url(new Uint8Array([]))).toBe('');
  });

  it('TOKEN_RE accepts 43–128 URL-safe characters only', () => {
    const table: [string, boolean][] = [
      ['a'.repeat(43), true],
      ['a'.repeat(128), true],
      ['a'.repeat(42), false],
      ['a'.repeat(129), false],
      ['A-_z09'.repeat(8), true],
      ['a'.repeat(42) + '=', false],
      ['a'.repeat(42) + '+', false],
      ['a'.repeat(42) + '/', false],
      ['a'.repeat(42) + '.', false],
      ['a'.repeat(42) + '%', false],
    ];
    for (const [v, ok] of table) expect(TOKEN_RE.test(v), v).toBe(ok);
  });

  it('profile, calendar and event ids have their documented forms', () => {
    for (let i = 0; i < 50; i++) {
      expect(newProfileId(random)).toMatch(PROFILE_ID_RE);
      expect(newCalendarId(random)).toMatch(CALENDAR_ID_RE);
      expect(newEventUid(random)).toMatch(/^evt_[A-Za-z0-9]+$/);
      expect(newClientId(random)).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    }
    // A generator that gives only rejected bytes for a while still terminates with a valid id.
    let calls = 0;
    const mostlyHigh = (n: number) => (calls++ < 3 ? new Uint8Array(n).fill(250) : random(n));
    expect(newCalendarId(mostlyHigh)).toMatch(CALENDAR_ID_RE);
  });
});

describe('bufferedRandom', () => {
  it('hands out each byte of its blocks once, in order, and passes large draws through', () => {
    let counter = 0;
    const calls: number[] = [];
    // The source numbers its bytes, so that each draw shows which ones it got.
    const source = (n: number) => {
      calls.push(n);
      return Uint8Array.from({ length: n }, () => counter++ % 256);
    };
    const random = bufferedRandom(source, 100);
    const draws = [random(32), random(32), random(32), random(32), random(2000)];
    expect(calls).toEqual([100, 100, 2000]);
    expect([...draws[0]!]).toEqual(Array.from({ length: 32 }, (_, i) => i));
    expect([...draws[1]!]).toEqual(Array.from({ length: 32 }, (_, i) => 32 + i));
    expect([...draws[2]!]).toEqual(Array.from({ length: 32 }, (_, i) => 64 + i));
    // The fourth does not fit in the 4 bytes left: it comes from a new block.
    expect([...draws[3]!]).toEqual(Array.from({ length: 32 }, (_, i) => 100 + i));
    expect(draws[4]).toHaveLength(2000);
    expect(draws.slice(0, 4).every((d) => d.length === 32)).toBe(true);
  });
});

describe('externalEventUids', () => {
  it('draws evt_external_ + 24 letters and digits that sort in drawing order, after an earlier import’s', () => {
    const earlier = externalEventUids(Date.UTC(2026, 2, 1), random);
    const later = externalEventUids(Date.UTC(2026, 2, 1) + 1, random);
    const first = Array.from({ length: 3000 }, earlier);
    const second = Array.from({ length: 3000 }, later);
    for (const uid of [...first, ...second]) expect(uid).toMatch(/^evt_external_[A-Za-z0-9]{24}$/);
    const all = [...first, ...second];
    expect([...all].sort()).toEqual(all);
    // Also under a language's collation (as a PostgreSQL database in en_US sorts text).
    expect([...all].sort((a, b) => a.localeCompare(b, 'en'))).toEqual(all);
    expect(new Set(all).size).toBe(all.length);
  });

  it('differ in their random part when drawn in the same millisecond', () => {
    const a = externalEventUids(T_FIXED, random);
    const b = externalEventUids(T_FIXED, random);
    const x = a();
    const y = b();
    expect(x.slice(0, 27)).toBe(y.slice(0, 27));
    expect(x).not.toBe(y);
  });

  it('maps bytes without bias even when the source gives only bytes the alphabet must reject at first', () => {
    let calls = 0;
    const mostlyHigh = (n: number) => (calls++ < 3 ? new Uint8Array(n).fill(250) : random(n));
    expect(externalEventUids(T_FIXED, mostlyHigh)()).toMatch(/^evt_external_[A-Za-z0-9]{24}$/);
  });
});

describe('checkFreeTextId (event_id, application_calendar_id)', () => {
  const table: [string, unknown, string][] = [
    ['a simple id', 'booking-42', 'ok'],
    ['one character', 'x', 'ok'],
    ['255 characters', 'a'.repeat(255), 'ok'],
    ['255 emoji (code points, not UTF-16 units)', '😀'.repeat(255), 'ok'],
    ['spaces and punctuation', 'my event / #1 ?%\\', 'ok'],
    ['non-ASCII letters', 'réunion-東京', 'ok'],
    ['256 characters', 'a'.repeat(256), 'too_long'],
    ['256 emoji', '😀'.repeat(256), 'too_long'],
    ['absent', undefined, 'required'],
    ['null', null, 'required'],
    ['empty', '', 'required'],
    ['a number', 42, 'invalid'],
    ['an array', ['a'], 'invalid'],
    ['a newline', 'a\nb', 'invalid'],
    ['a tab', 'a\tb', 'invalid'],
    ['a NUL', 'a\u0000b', 'invalid'],
    ['DEL', 'a\u007fb', 'invalid'],
    ['a C1 control', 'a\u0085b', 'invalid'],
  ];
  it.each(table)('%s → %s', (_name, value, expected) => {
    expect(checkFreeTextId(value)).toBe(expected);
  });
});

describe('checkRuleId (availability_rule_id, available_period_id)', () => {
  const table: [string, unknown, string][] = [
    ['default', 'default', 'ok'],
    ['printable punctuation', 'a-b_c.d:e@f!$&\'()*+,;=~[]{}|^`"<>', 'ok'],
    ['64 characters', 'r'.repeat(64), 'ok'],
    ['65 characters', 'r'.repeat(65), 'too_long'],
    ['a space', 'my rule', 'invalid'],
    ['a slash', 'a/b', 'invalid'],
    ['a question mark', 'a?b', 'invalid'],
    ['a hash', 'a#b', 'invalid'],
    ['a percent', 'a%20b', 'invalid'],
    ['a backslash', 'a\\b', 'invalid'],
    ['non-ASCII', 'règle', 'invalid'],
    ['a control character', 'a\u0001', 'invalid'],
    ['a tab', 'a\tb', 'invalid'],
    ['absent', undefined, 'required'],
    ['null', null, 'required'],
    ['empty', '', 'required'],
    ['a number', 7, 'invalid'],
  ];
  it.each(table)('%s → %s', (_name, value, expected) => {
    expect(checkRuleId(value)).toBe(expected);
  });
});
