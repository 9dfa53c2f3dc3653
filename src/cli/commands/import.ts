/** `kairos import`: an .ics file or http(s)/webcal URL into a calendar of an account, all or nothing. */
import { readFile, stat } from 'node:fs/promises';
import { checkFreeTextId, dateProblem, parseDate, parseTime, SUB_RE } from '../../core/index.js';
import { checkImportRequest, importIcs, importSourceName, importSourceOf, ImportError, type ImportIcsOutcome, type ImportIcsRequest, type ImportOrigin } from '../../services/index.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, FetchError, displayUrl, fetchCalendarUrl, parseCalendarUrl } from '../../sync/fetch/index.js';
import { DEFAULT_MAX_INPUT_CHARS, IcsError, defaultImportHorizon, type IcsPhase } from '../../sync/ics/index.js';
import { UsageError, databaseUrl, parse } from '../args.js';
import { importJson, importSummary } from '../import-report.js';
import { print, type Output } from '../output.js';
import { createProgressBar, type ProgressStream } from '../progress-bar.js';
import { withStore } from '../runtime.js';

const DEFAULT_TIMEOUT_MS = 30_000;

export const IMPORT_HELP = `Usage:
  kairos import --sub SUB [--calendar NAME_OR_ID] [options] FILE_OR_URL

Imports an iCalendar (.ics) file, or an http(s) or webcal URL that serves one, into a calendar
of the account SUB (acc_… or apc_…). Re-importing the same source updates events in place
(matched by UID) and removes those that vanished from it. Each import is all or nothing: on any
error the calendar stays exactly as it was.

  --sub SUB               the account (required)
  --calendar NAME_OR_ID   a calendar id (cal_…), or a calendar name; a name that no calendar
                          has is created. Default: the file's X-WR-CALNAME, else the file name
                          (URL: last path segment), found or created among imported calendars;
                          refused if that calendar holds events imported from another file or URL
  --timeout SECS          URL only: give up after SECS seconds in all (default ${DEFAULT_TIMEOUT_MS / 1000}),
                          or after ${DEFAULT_CONNECT_TIMEOUT_MS / 1000} s without a connection
  --from DATE|TIME        start of the import horizon (default: a year ago)
  --to DATE|TIME          end of the import horizon (default: two years ahead)
  --database DB           SQLite path or postgres:// URL (default ./data/kairos.db; env KAIROS_DATABASE)
  --json                  print a JSON result (every skipped item with its reason)

New calendars go into the account's "Imported calendars" profile (provider ics) and are
read-only. Only occurrences inside the horizon are imported: reads beyond it see none.
Limits: ${DEFAULT_MAX_INPUT_CHARS / (1024 * 1024)} MiB per file, 5,000 occurrences per series, 200,000 per import,
about 64 MiB of event texts per import (an override counts its series' attendees again).`;

const MAX_TIMEOUT_SECONDS = 3600;
// Any scheme://, and the fetched schemes with fewer slashes (`http:/host/…`, a typo URL parsers
// accept): taken for a file name, such a URL would be printed back whole, password included.
const URL_RE = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/|(?:https?|webcals?):)/i;

/** Phases and their units: lines read, series expanded, occurrences stored. */
const PHASE_LABEL: Record<IcsPhase, string> = { parse: 'Reading lines', expand: 'Expanding series', store: 'Storing occurrences' };

export interface ImportIo {
  /** Where the progress bar goes (drawn only on a TTY). */
  progress: ProgressStream;
  /** The bar's clock, which paces its redraws (default Date.now). */
  clock?: () => number;
}

function seconds(raw: string): number {
  const s = raw.trim();
  const n = Number(s);
  if (!/^\d+(\.\d+)?$/.test(s) || !(n >= 0.1 && n <= MAX_TIMEOUT_SECONDS)) {
    throw new UsageError(`--timeout must be a number of seconds from 0.1 to ${MAX_TIMEOUT_SECONDS} (got "${raw}")`);
  }
  return n * 1000;
}

/** A Date (midnight UTC) or a Time. */
function instant(flag: string, raw: string): number {
  const date = parseDate(raw);
  if (date !== null) return Date.parse(`${date}T00:00:00Z`);
  const ms = parseTime(raw);
  if (ms === null) {
    // A date of the right form: say what is wrong with it (years outside 1900–2199, say).
    if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
      const problem = dateProblem(flag, raw);
      throw new UsageError(problem.includes(raw) ? problem : `${problem} (got "${raw}")`);
    }
    throw new UsageError(`${flag} must be a date such as 2026-01-01 or a time such as 2026-01-01T00:00:00Z (got "${raw}")`);
  }
  return ms;
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** `it is 40.0 MiB, more than …`, in bytes when the two would read alike. */
function overLimit(size: number, limit: number): string {
  if (mib(size) !== mib(limit)) return `it is ${mib(size)}, more than the import limit of ${mib(limit)}`;
  return `it is ${size.toLocaleString('en-US')} bytes, more than the import limit of ${limit.toLocaleString('en-US')} bytes (${mib(limit)})`;
}

async function readIcsFile(path: string): Promise<Uint8Array> {
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new Error(`cannot import ${path}: it is a directory`);
    size = s.size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`cannot import ${path}: no such file`);
    if (code === 'EACCES') throw new Error(`cannot import ${path}: permission denied`);
    throw err;
  }
  // Checked before reading, so that a huge file is refused at once.
  if (size > DEFAULT_MAX_INPUT_CHARS) throw new Error(`cannot import ${path}: ${overLimit(size, DEFAULT_MAX_INPUT_CHARS)}`);
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    throw new Error(`cannot import ${path}: ${(err as Error).message}`);
  }
}

/**
 * Downloads the calendar at `url`. The operator runs the command on their own machine and chose
 * the URL, so private addresses are fetched (unlike feeds, whose URLs come from API callers).
 */
async function download(
  url: URL,
  shown: string,
  timeoutMs: number,
  webcal: boolean,
  onProgress: (received: number, total: number | null) => void,
): Promise<{ body: Uint8Array; contentType: string | null }> {
  try {
    const fetched = await fetchCalendarUrl(url.href, { etag: null, lastModified: null }, { timeoutMs, allowPrivateAddresses: true, userAgent: 'Kairos calendar import', onProgress });
    // Asked without validators, the fetcher answers a 304 as an HTTP error: this only narrows the type.
    if (fetched.status === 'not_modified') throw new FetchError('http_status', 'the server answered HTTP 304 (Not Modified)');
    return fetched;
  } catch (err) {
    // The fetcher's message names the host at most; the operator gave the URL, so it is shown
    // here, without its password.
    if (!(err instanceof FetchError)) throw err;
    // webcal:// names no protocol of its own: it is read as https, which a plain-HTTP server cannot answer.
    let hint = '';
    if (webcal && err.code === 'tls') {
      const plain = new URL(url.href);
      plain.protocol = 'http:';
      hint = `; a webcal:// URL is fetched over https: for a server that speaks plain HTTP only, import ${displayUrl(plain)} instead`;
    }
    throw new Error(`cannot import ${shown}: ${err.message}${hint}`);
  }
}

/** A calendar name as a shell word: in double quotes, or in single quotes when it holds what double quotes expand. */
export function shellQuoted(name: string): string {
  return /["$`\\!]/.test(name) ? `'${name.replace(/'/g, `'\\''`)}'` : `"${name}"`;
}

/** What to type after an import was refused for replacing another source's events (ImportError `other_source`). */
function conflictAdvice(name: string): string {
  return `To replace them, pass --calendar ${shellQuoted(name)}; to import beside them, into a calendar of its own, pass --calendar NEW_NAME`;
}

export async function importCommand(argv: string[], o: Output): Promise<number> {
  return runImport(argv, o, { progress: process.stderr });
}

/** The command with its terminal passed in (tests give a fake TTY). */
export async function runImport(argv: string[], o: Output, io: ImportIo): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { sub: { type: 'string' }, calendar: { type: 'string' }, timeout: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    { positionals: 1 },
  );
  if (values.help) return o.out(IMPORT_HELP), 0;
  const json = o.json || values.json === true;
  const sub = values.sub;
  if (sub === undefined || sub === '') throw new UsageError('--sub is required: the account to import into (acc_… or apc_…)');
  if (!SUB_RE.test(sub)) throw new UsageError(`--sub must be an account sub: acc_ or apc_ and 24 hex digits, as account create and the API print it (got "${sub.slice(0, 64)}")`);
  const source = positionals[0];
  if (source === undefined || source === '') throw new UsageError(`a FILE or URL to import is required\n\n${IMPORT_HELP}`);
  const calendar = values.calendar;
  if (calendar !== undefined && checkFreeTextId(calendar) !== 'ok') throw new UsageError('--calendar must be a calendar id or a name of 1–255 characters without control characters');
  if (calendar !== undefined && calendar.trim() !== calendar) throw new UsageError('--calendar must not start or end with spaces');

  let url: URL | null = null;
  if (URL_RE.test(source)) {
    try {
      url = parseCalendarUrl(source);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  } else if (values.timeout !== undefined) throw new UsageError('--timeout applies to URLs only');
  const timeoutMs = values.timeout === undefined ? DEFAULT_TIMEOUT_MS : seconds(values.timeout);

  let horizon: ImportIcsRequest['horizon'];
  if (values.from !== undefined || values.to !== undefined) {
    const fallback = defaultImportHorizon(Date.now());
    const fromMs = values.from === undefined ? fallback.fromMs : instant('--from', values.from);
    const toMs = values.to === undefined ? fallback.toMs : instant('--to', values.to);
    if (fromMs >= toMs) throw new UsageError('--from must be before --to');
    horizon = { fromMs, toMs };
  }

  const bar = createProgressBar(io.progress, io.clock);
  const shownSource = url === null ? source : displayUrl(url);
  let outcome: ImportIcsOutcome;
  try {
    outcome = await withStore(databaseUrl(values.database), async (deps) => {
      try {
        await checkImportRequest(deps, sub, calendar);
      } catch (err) {
        throw err instanceof ImportError ? new UsageError(err.message) : err;
      }
      let bytes: Uint8Array;
      let contentType: string | null = null;
      if (url === null) bytes = await readIcsFile(source);
      else {
        const fetched = await download(url, shownSource, timeoutMs, /^\s*webcals?:/i.test(source), (n, total) => bar?.update('Downloading bytes', n, total));
        bytes = fetched.body;
        contentType = fetched.contentType;
      }
      const origin: ImportOrigin = url === null ? { file: source } : { url };
      const req: ImportIcsRequest = { sub, bytes, fallbackName: importSourceName(origin), source: importSourceOf(origin) };
      if (calendar !== undefined) req.calendar = calendar;
      if (horizon !== undefined) req.horizon = horizon;
      try {
        return await importIcs(deps, req, (p) => bar?.update(PHASE_LABEL[p.phase], p.done, p.phase === 'parse' && p.done === 0 ? null : p.total));
      } catch (err) {
        if (err instanceof IcsError) {
          const served = contentType !== null && err.code === 'not_ics' ? ` (served as ${contentType.slice(0, 100)})` : '';
          throw new Error(`cannot import ${shownSource}${served}: ${err.message}`);
        }
        if (err instanceof ImportError) throw new Error(`cannot import ${shownSource}: ${err.message}${err.conflict === null ? '' : `. ${conflictAdvice(err.conflict.calendar.name)}`}`);
        if (err instanceof Error) throw new Error(`the import of ${shownSource} failed and nothing was changed: ${err.message}`);
        throw err;
      }
    });
  } finally {
    // Cleared before any message or result is printed.
    bar?.finish();
  }
  print({ ...o, json }, importJson(outcome, shownSource), importSummary(outcome));
  return 0;
}
