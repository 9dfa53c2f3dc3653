/**
 * The browser library served by the server (PROTOCOL §6.1): `/js/CronofyElements.v{X.Y.Z}.js`
 * (immutable), `/js/CronofyElements.js` (short cache) and the ESM build, with
 * `Access-Control-Allow-Origin: *`. Files are read once and kept gzip-compressed in memory.
 * Each answer carries a strong ETag per encoding, so that a page revalidating the short-cached
 * script after five minutes gets a bodiless 304 while the file is unchanged.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Asset {
  body: Buffer;
  gzip: Buffer;
  /** The ETag of the identity body; the gzip body's is the same with a `-gz` suffix. */
  tag: string;
  type: string;
  cache: string;
}

export interface ElementAssets {
  /** The library version found on disk, e.g. `0.1.0`, or null when the library is not built. */
  version: string | null;
  /** The response for `/js/<name>`, or null. */
  respond(name: string, acceptEncoding: string | null, ifNoneMatch?: string | null): Response | null;
}

/** True when an Accept-Encoding header accepts gzip (`gzip` or `*` with a q-value above 0). */
export function acceptsGzip(acceptEncoding: string | null): boolean {
  if (!acceptEncoding) return false;
  let star = false;
  for (const part of acceptEncoding.split(',')) {
    const [coding = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    const accepted = Number.isFinite(weight) && weight > 0;
    if (coding === 'gzip' || coding === 'x-gzip') return accepted;
    if (coding === '*') star = accepted;
  }
  return star;
}

/** True when an If-None-Match header names `tag` (or is `*`); weak comparison, per RFC 9110. */
function matchesTag(ifNoneMatch: string | null | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === tag);
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/** Loads the built library from `dir` (normally dist/elements). */
export function loadElementAssets(dir: string | null): ElementAssets {
  const assets = new Map<string, Asset>();
  let version: string | null = null;
  if (dir !== null && existsSync(dir)) {
    for (const name of readdirSync(dir)) {
      const ext = /\.(d\.ts|mjs|js)$/.exec(name)?.[0];
      if (!ext) continue;
      const versioned = /^CronofyElements\.v(\d+\.\d+\.\d+)\./.exec(name);
      if (versioned) version = versioned[1]!;
      const body = readFileSync(join(dir, name));
      assets.set(name, {
        body,
        tag: createHash('sha256').update(body).digest('base64url').slice(0, 27),
        gzip: gzipSync(body, { level: 9 }),
        type: TYPES[ext === '.d.ts' ? '.ts' : ext]!,
        cache: versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      });
    }
  }
  return {
    version,
    respond(name, acceptEncoding, ifNoneMatch) {
      const a = assets.get(name);
      if (!a) return null;
      const gzip = acceptsGzip(acceptEncoding);
      const etag = `"${a.tag}${gzip ? '-gz' : ''}"`;
      const headers: Record<string, string> = {
        'cache-control': a.cache,
        'access-control-allow-origin': '*',
        vary: 'Accept-Encoding',
        etag,
      };
      if (matchesTag(ifNoneMatch, etag)) return new Response(null, { status: 304, headers });
      headers['content-type'] = a.type;
      headers['x-content-type-options'] = 'nosniff';
      if (gzip) headers['content-encoding'] = 'gzip';
      return new Response(new Uint8Array(gzip ? a.gzip : a.body), { status: 200, headers });
    },
  };
}
