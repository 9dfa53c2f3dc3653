/**
 * What counts as the same source for `kairos import`: a re-import of the same file or URL
 * replaces a calendar's events as intended; another source choosing the same calendar by its
 * default name (two exports both called "Calendar") must not replace them unasked.
 */
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ImportSource } from '../core/index.js';
import { displayUrl } from '../sync/fetch/index.js';

/** Where an import reads from: a file path as given, or a URL as parsed (parseCalendarUrl). */
export type ImportOrigin = { file: string } | { url: URL };

/** A directory's real path (links followed), or the path as it is when it cannot be read. */
function realDirectory(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/**
 * The recorded identity of an import's source.
 *
 * - A file is its absolute path, resolved against `cwd` (default: the working directory), in
 *   the directory's real path but without following a symbolic link to the file itself:
 *   `./team.ics` and `/home/me/team.ics` are the same source, also when the working directory
 *   was reached through a linked directory, and a link to the file that is pointed at each
 *   day's new export stays one source.
 * - A URL is the URL as fetched (webcal read as https, host in lower case, default port and
 *   fragment dropped) without its user name and password: another path or query is another
 *   source. Only its SHA-256 is kept, since calendar URLs often carry a secret; it is shown as
 *   its scheme and host.
 *
 * @example importSourceOf({ file: 'team.ics' }, '/home/me') // { key: 'file:/home/me/team.ics', shown: '/home/me/team.ics' }
 * @example importSourceOf({ url: new URL('https://me:pw@example.com/a.ics') }).shown // 'https://example.com/…'
 */
export function importSourceOf(origin: ImportOrigin, cwd: string = process.cwd()): ImportSource {
  if ('file' in origin) {
    const given = resolve(cwd, origin.file);
    const path = join(realDirectory(dirname(given)), basename(given));
    return { key: `file:${path}`, shown: path };
  }
  const url = new URL(origin.url.href);
  url.username = '';
  url.password = '';
  url.hash = '';
  return { key: `url:${createHash('sha256').update(url.href).digest('hex')}`, shown: displayUrl(url) };
}
