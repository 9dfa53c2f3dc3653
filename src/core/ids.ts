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
