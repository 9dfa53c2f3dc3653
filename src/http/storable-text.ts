/**
 * Text the stores can keep exactly, checked where input enters (bodies, query strings, paths).
 *
 * Two kinds of string cannot be stored faithfully. NUL characters: PostgreSQL cannot store or
 * compare them. Unpaired UTF-16 surrogates (what a JSON escape such as `\ud800` produces):
 * they have no UTF-8 form, so PostgreSQL stores each as U+FFFD (`lone\ud800`, `lone\udbff` and
 * `lone\ufffd` would be one id) and SQLite keeps bytes that compare unequal to the string that
 * wrote them (one event_id would become two rows). Percent-encoded bytes that are not UTF-8
 * (`%FF`, `%ED%A0%80`) are the URL form of the same fault: decoders replace them with U+FFFD.
 */

/** A NUL character or an unpaired surrogate (`u` mode: a well-formed pair is one code point). */
const UNSTORABLE_RE = /[\u0000\p{Cs}]/u;

/**
 * True when `s` holds neither NUL characters nor unpaired surrogates.
 *
 * @example isStorableText('café 🗓️') === true; isStorableText('lone\ud800') === false
 */
export function isStorableText(s: string): boolean {
  return !UNSTORABLE_RE.test(s);
}

/** True when a JSON value holds unstorable text in any string or object key, at any depth. */
export function holdsUnstorableText(v: unknown): boolean {
  if (typeof v === 'string') return !isStorableText(v);
  if (Array.isArray(v)) return v.some(holdsUnstorableText);
  if (typeof v === 'object' && v !== null) return Object.entries(v).some(([k, x]) => !isStorableText(k) || holdsUnstorableText(x));
  return false;
}

/** The value of an ASCII hex digit byte, or -1. */
function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes one `application/x-www-form-urlencoded` name or value (as URLSearchParams does:
 * `+` is a space, `%XX` a byte, a `%` without two hex digits stays), but strictly: null when
 * the bytes are not UTF-8 or the text holds a NUL character.
 *
 * @example decodeFormComponent('caf%C3%A9+1') === 'café 1'; decodeFormComponent('%FF') === null
 */
export function decodeFormComponent(raw: string): string | null {
  const plain = raw.replaceAll('+', ' ');
  if (!plain.includes('%')) return isStorableText(plain) ? plain : null;
  const source = Buffer.from(plain, 'utf8');
  const bytes = new Uint8Array(source.length);
  let n = 0;
  for (let i = 0; i < source.length; i++) {
    const b = source[i]!;
    const hi = b === 0x25 && i + 2 < source.length ? hexValue(source[i + 1]!) : -1;
    const lo = hi === -1 ? -1 : hexValue(source[i + 2]!);
    if (lo !== -1) {
      bytes[n++] = hi * 16 + lo;
      i += 2;
    } else bytes[n++] = b;
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes.subarray(0, n));
  } catch {
    return null;
  }
  return isStorableText(text) ? text : null;
}

/** A form or query parameter whose name or value is not storable text. */
export interface UnstorableParam {
  /** The name as URLSearchParams decodes it, NUL characters dropped. */
  name: string;
  /** The name itself is at fault, not only the value. */
  nameAtFault: boolean;
}

/**
 * The parameters of urlencoded text (a query string without `?`, or a form body) whose name or
 * value does not decode to storable text, in order. Cheap when nothing is percent-encoded.
 *
 * @example unstorableParams('a=1&b=%FF') → [{ name: 'b', nameAtFault: false }]
 */
export function unstorableParams(text: string): UnstorableParam[] {
  if (!text.includes('%') && isStorableText(text)) return [];
  const out: UnstorableParam[] = [];
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawName = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    const nameOk = decodeFormComponent(rawName) !== null;
    if (nameOk && decodeFormComponent(rawValue) !== null) continue;
    const loose = new URLSearchParams(rawName + '=').keys().next().value ?? '';
    out.push({ name: loose.replaceAll('\u0000', ''), nameAtFault: !nameOk });
  }
  return out;
}

/** True when a URL path has percent-encoded bytes that are not UTF-8, or an encoded NUL. */
export function pathHoldsUnstorableText(path: string): boolean {
  if (!path.includes('%')) return false;
  // `+` means nothing in a path, but it cannot affect the check either.
  return decodeFormComponent(path) === null;
}
