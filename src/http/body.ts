/**
 * Request bodies: bounded reading, strict UTF-8, bounded nesting, then JSON (or form data on
 * the two routes that accept it). Every failure is a 422 keyed `body` (§2.5, §2.7), except text
 * that cannot be stored (NUL, unpaired surrogates), which is keyed by the parameter holding it.
 */
import { Problems, ValidationError } from '../core/index.js';
import { holdsUnstorableText, isStorableText, unstorableParams } from './storable-text.js';

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_DEPTH = 32;

/** Reads at most `limit` bytes of the request body; more is a 422 `body` `errors.too_long`. */
export async function readBodyText(req: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const lengthHeader = req.headers.get('content-length');
  const declared = lengthHeader === null ? NaN : Number(lengthHeader);
  if (Number.isFinite(declared) && declared > limit) throw tooLong(limit);
  // With a Content-Length within the limit, the HTTP parser delivers exactly that many bytes:
  // read them at once. (On the server this takes @hono/node-server's fast path, which reads
  // the Node request directly; touching `req.body` would build a web stream and a full
  // Request around it, which cost about a sixth of a token mint.) Without one (chunked), the
  // body is read as a stream and cut off at the limit.
  if (Number.isFinite(declared)) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await req.arrayBuffer());
    } catch {
      throw ValidationError.one('body', 'errors.invalid', 'The body could not be read to its end.');
    }
    if (bytes.byteLength > limit) throw tooLong(limit);
    return decodeUtf8(bytes);
  }
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The client went away mid-body, or sent a body the HTTP parser refused: bad input.
      throw ValidationError.one('body', 'errors.invalid', 'The body could not be read to its end.');
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLong(limit);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return decodeUtf8(all);
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw ValidationError.one('body', 'errors.invalid', 'The body is not valid UTF-8.');
  }
}

function tooLong(limit: number): ValidationError {
  return ValidationError.one('body', 'errors.too_long', `The body is larger than ${limit} bytes.`);
}

/** Deepest nesting of arrays/objects in JSON text, scanning strings correctly. Stops early past `max`. */
export function jsonDepth(text: string, max = MAX_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > max) return deepest;
      }
    } else if (ch === 125 || ch === 93) depth--;
  }
  return deepest;
}

/**
 * Parses JSON text that must be an object. An empty body counts as `{}` so that each missing
 * field is reported by name.
 */
export function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  if (jsonDepth(text) > MAX_DEPTH) {
    throw ValidationError.one('body', 'errors.invalid', `The body is nested deeper than ${MAX_DEPTH} levels.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw ValidationError.one('body', 'errors.invalid', 'The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw ValidationError.one('body', 'errors.invalid', 'The body must be a JSON object.');
  }
  // JSON escapes are the only way for NUL characters or unpaired surrogates into a string.
  if (text.includes('\\u') || !isStorableText(text)) rejectUnstorable(value as Record<string, unknown>);
  return value as Record<string, unknown>;
}

const UNSTORABLE = 'must be text without NUL characters, unpaired UTF-16 surrogates or bytes that are not UTF-8';

/**
 * Throws a 422 naming each top-level parameter whose value holds unstorable text (see
 * storable-text.ts), or `body` for a parameter name that does.
 */
function rejectUnstorable(body: Record<string, unknown>): void {
  const problems = new Problems();
  for (const [key, value] of Object.entries(body)) {
    if (!isStorableText(key)) problems.add('body', 'errors.invalid', `parameter names ${UNSTORABLE}`);
    else if (holdsUnstorableText(value)) problems.add(key, 'errors.invalid', `${key} ${UNSTORABLE}`);
  }
  problems.throwIfAny();
}

/** Reads the body as a JSON object (any Content-Type, §2.1). */
export async function readJsonObject(req: Request): Promise<Record<string, unknown>> {
  return parseJsonObject(await readBodyText(req));
}

/** Reads a JSON or `application/x-www-form-urlencoded` body (token endpoints, §5.2.2, §5.3). */
export async function readJsonOrForm(req: Request): Promise<Record<string, unknown>> {
  const text = await readBodyText(req);
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const problems = new Problems();
    for (const p of unstorableParams(text)) {
      if (p.nameAtFault) problems.add('body', 'errors.invalid', `parameter names ${UNSTORABLE}`);
      else problems.add(p.name, 'errors.invalid', `${p.name} ${UNSTORABLE}`);
    }
    problems.throwIfAny();
    const out: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(text)) if (!(k in out)) out[k] = v;
    return out;
  }
  return parseJsonObject(text);
}
