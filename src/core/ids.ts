/**
 * Identifier formats (PROTOCOL §2.3). Randomness is passed in so that core stays pure:
 * `random(n)` must return n cryptographically random bytes.
 */

export type RandomBytes = (n: number) => Uint8Array;

/**
 * Serves small draws from one large one: a call into the system's randomness costs more than
 * making an id or a token from its bytes. Every byte is handed out once; requests over 1 KiB
 * go straight to `random`.
 *
 * @example const random = bufferedRandom((n) => new Uint8Array(randomBytes(n)));
 */
export function bufferedRandom(random: RandomBytes, blockBytes = 64 * 1024): RandomBytes {
  let pool: Uint8Array = new Uint8Array(0);
  let at = 0;
  return (n) => {
    if (n > 1024) return random(n);
    if (at + n > pool.length) {
      pool = random(blockBytes);
      at = 0;
    }
    at += n;
    return pool.subarray(at - n, at);
  };
}

const HEX = '0123456789abcdef';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += HEX[b >> 4]! + HEX[b & 15]!;
  return s;
}

/** Unpadded base64url of the bytes. */
export function base64url(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    s += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]! + B64URL[n & 63]!;
  }
  const left = bytes.length - i;
  if (left === 1) {
    const n = bytes[i]! << 16;
    s += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]!;
  } else if (left === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    s += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]!;
  }
  return s;
}

/** Alphanumeric string of `len` characters with (almost) uniform distribution. */
function alnum(random: RandomBytes, len: number): string {
  let s = '';
  while (s.length < len) {
    for (const b of random(len * 2)) {
      // 62 * 4 = 248: reject bytes >= 248 to avoid modulo bias.
      if (b < 248 && s.length < len) s += ALNUM[b % 62]!;
    }
  }
  return s;
}

/** A 256-bit random, URL-safe secret of 43 characters `[A-Za-z0-9_-]`. */
export function newSecret(random: RandomBytes): string {
  return base64url(random(32));
}

export const newAccountSub = (random: RandomBytes): string => 'acc_' + hex(random(12));
export const newApplicationCalendarSub = (random: RandomBytes): string => 'apc_' + hex(random(12));
export const newProfileId = (random: RandomBytes): string => 'pro_' + alnum(random, 24);
export const newCalendarId = (random: RandomBytes): string => 'cal_' + alnum(random, 24);
export const newEventUid = (random: RandomBytes): string => 'evt_' + alnum(random, 24);
export const newApplicationId = (random: RandomBytes): string => 'app_' + alnum(random, 20);
/** client_id: at least 16 characters `[A-Za-z0-9_-]`. */
export const newClientId = (random: RandomBytes): string => 'kairos_' + alnum(random, 24);

/** Ids of an import made at a time by externalEventUids. */
const EXTERNAL_UID_BATCH = 1024;

/**
 * Digits, then lower-case letters: base-36 numerals of one width sort as their values, in byte
 * order and under the usual collations too (PostgreSQL's `en_US` or ICU ones put `B` before
 * `a`, which would break the order of base-62 numerals).
 */
const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';
const ALNUM_CODES = Uint8Array.from(ALNUM, (c) => c.charCodeAt(0));
const BASE36_CODES = Uint8Array.from(BASE36, (c) => c.charCodeAt(0));

/** `n` in base 36 on exactly `width` digits (the low ones when it needs more). */
function base36(n: number, width: number): string {
  let s = '';
  let v = Math.floor(n);
  for (let i = 0; i < width; i++) {
    s = BASE36[v % 36]! + s;
    v = Math.floor(v / 36);
  }
  return s;
}

/**
 * Ids for the occurrences one import creates: `evt_external_` and 24 letters and digits. The
 * first 9 are `now` in milliseconds and the next 5 a count, both in base 36, so the ids of an
 * import sort in the order they are drawn and after those of earlier imports: the store's index
 * on them then grows at its end, which made writing 64,000 of them two to three times cheaper
 * than with random ids (bench/ics). The last 10 are random letters and digits (59 bits), so ids
 * drawn in the same millisecond differ and none can be guessed from another.
 *
 * @example
 *   const next = externalEventUids(Date.UTC(2026, 2, 1), random);
 *   next() // 'evt_external_0mm6zh1c000000d4xU7vrd33'
 *   next() // 'evt_external_0mm6zh1c000001cnbCHIZGHZ'
 */
export function externalEventUids(now: number, random: RandomBytes): () => string {
  const prefix = `evt_external_${base36(now, 9)}`;
  // Ids are made a batch at a time, as the bytes of one string that each id is a slice of:
  // building every id character by character cost more than writing it to the database.
  const width = prefix.length + 15;
  const bytes = new Uint8Array(EXTERNAL_UID_BATCH * width);
  for (let k = 0; k < EXTERNAL_UID_BATCH; k++) for (let c = 0; c < prefix.length; c++) bytes[k * width + c] = prefix.charCodeAt(c);
  const decoder = new TextDecoder('latin1');
  let batch = '';
  let pool: Uint8Array = new Uint8Array(0);
  let p = 0;
  let at = EXTERNAL_UID_BATCH;
  let count = 0;
  return () => {
    if (at === EXTERNAL_UID_BATCH) {
      for (let k = 0; k < EXTERNAL_UID_BATCH; k++) {
        let o = k * width + prefix.length;
        for (let d = 4, v = count + k; d >= 0; d--, v = Math.floor(v / 36)) bytes[o + d] = BASE36_CODES[v % 36]!;
        o += 5;
        for (let filled = 0; filled < 10; ) {
          if (p === pool.length) {
            pool = random(EXTERNAL_UID_BATCH * 12);
            p = 0;
          }
          const b = pool[p++]!;
          // 62 * 4 = 248: bytes >= 248 are rejected to avoid modulo bias.
          if (b < 248) bytes[o + filled++] = ALNUM_CODES[b % 62]!;
        }
      }
      batch = decoder.decode(bytes);
      count += EXTERNAL_UID_BATCH;
      at = 0;
    }
    const uid = batch.slice(at * width, (at + 1) * width);
    at++;
    return uid;
  };
}

export const SUB_RE = /^(acc|apc)_[0-9a-f]{24}$/;
export const TOKEN_RE = /^[A-Za-z0-9_-]{43,128}$/;
export const PROFILE_ID_RE = /^pro_[A-Za-z0-9]{10,40}$/;
export const CALENDAR_ID_RE = /^cal_[A-Za-z0-9_]{10,60}$/;

// C0/C1 control characters and DEL.
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/;

/** `event_id`, `application_calendar_id`: 1–255 characters, no control characters. */
export function checkFreeTextId(value: unknown): 'ok' | 'required' | 'invalid' | 'too_long' {
  if (value === undefined || value === null || value === '') return 'required';
  if (typeof value !== 'string') return 'invalid';
  if (CONTROL_RE.test(value)) return 'invalid';
  if ([...value].length > 255) return 'too_long';
  return 'ok';
}

const RULE_ID_RE = /^[\x21-\x7e]+$/;
const RULE_ID_FORBIDDEN_RE = /[/?#%\\]/;

/** `availability_rule_id`, `available_period_id`: 1–64 printable ASCII, no space and no `/ ? # % \`. */
export function checkRuleId(value: unknown): 'ok' | 'required' | 'invalid' | 'too_long' {
  if (value === undefined || value === null || value === '') return 'required';
  if (typeof value !== 'string') return 'invalid';
  if (!RULE_ID_RE.test(value) || RULE_ID_FORBIDDEN_RE.test(value)) return 'invalid';
  if (value.length > 64) return 'too_long';
  return 'ok';
}
