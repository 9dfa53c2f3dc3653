/**
 * The browser library served by the server (PROTOCOL §6.1): `/js/CronofyElements.v{X.Y.Z}.js`
 * (immutable), `/js/CronofyElements.js` (short cache) and the ESM build, with
 * `Access-Control-Allow-Origin: *`. Files are read once and kept gzip-compressed in memory.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
  cache: string;
}

export interface ElementAssets {
  /** The library version found on disk, e.g. `0.1.0`, or null when the library is not built. */
  version: string | null;
  /** The response for `/js/<name>`, or null. */
  respond(name: string, acceptEncoding: string | null): Response | null;
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
        gzip: gzipSync(body, { level: 9 }),
        type: TYPES[ext === '.d.ts' ? '.ts' : ext]!,
        cache: versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      });
    }
  }
  return {
    version,
    respond(name, acceptEncoding) {
      const a = assets.get(name);
      if (!a) return null;
      const gzip = /\bgzip\b/i.test(acceptEncoding ?? '');
      const headers: Record<string, string> = {
        'content-type': a.type,
        'cache-control': a.cache,
        'access-control-allow-origin': '*',
        'x-content-type-options': 'nosniff',
        vary: 'Accept-Encoding',
      };
      if (gzip) headers['content-encoding'] = 'gzip';
      return new Response(new Uint8Array(gzip ? a.gzip : a.body), { status: 200, headers });
    },
  };
}
