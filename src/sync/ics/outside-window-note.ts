/**
 * The note an import gets when the file has events or free/busy blocks but none of them falls
 * in the window imported (an old export, a holiday feed of past years, a window asked for that
 * holds nothing): the import then stores nothing, which is easy to mistake for a failure. It
 * says where the file's content lies. `kairos import` and feed refreshes both report it.
 */
import { formatTime } from '../../core/index.js';
import type { IcsCounts, IcsExtent } from './types.js';

export interface OutsideWindowInput {
  counts: Pick<IcsCounts, 'events' | 'occurrences'>;
  extent: IcsExtent;
  horizon: { fromMs: number; toMs: number };
}

export interface OutsideWindowWording {
  /** What the window is called: `the import window`, `the window asked for`, `the feed's window`. */
  window: string;
  /** Appended after a colon when given: what to do about it. */
  hint?: string;
}

function plural(n: number, one: string): string {
  return `${n} ${n === 1 ? one : `${one}s`}`;
}

/** What the file holds: `159 events`, `2 free/busy blocks`, `3 events and 1 free/busy block`; `one …` when it holds one thing. */
function contentPhrase(events: number, blocks: number): string {
  if (events + blocks === 1) return events === 1 ? 'one event' : 'one free/busy block';
  const parts: string[] = [];
  if (events > 0) parts.push(plural(events, 'event'));
  if (blocks > 0) parts.push(plural(blocks, 'free/busy block'));
  return parts.join(' and ');
}

/** Where the file's content lies (IcsExtent span): `they lie between … and …`. */
function spanPhrase(span: { fromMs: number; toMs: number | null }, one: boolean, day: (ms: number) => string): string {
  const first = day(span.fromMs);
  if (span.toMs === null) return one ? `it starts on ${first}` : `the earliest starts on ${first}`;
  // The end is exclusive: what ends at midnight lies on the day before.
  const last = day(Math.max(span.fromMs, span.toMs - 1));
  if (first === last) return one ? `it falls on ${first}` : `they all fall on ${first}`;
  return `${one ? 'it lies' : 'they lie'} between ${first} and ${last}`;
}

/**
 * The note, or null when something was imported, the file holds nothing, or the recurrence
 * work budget ran out (which `skipped` reports).
 *
 * @example outsideWindowNote(r, { window: 'the import window', hint: 'pass --from and --to to import another window' })
 *   // "none of the file's 159 events falls inside the import window (2025-12-04 to 2028-12-04); they lie between 2008-01-01 and 2020-12-26: pass --from and --to to import another window"
 */
export function outsideWindowNote(r: OutsideWindowInput, wording: OutsideWindowWording): string | null {
  const events = r.counts.events;
  const blocks = r.extent.freeBusyBlocks;
  if ((events === 0 && blocks === 0) || r.counts.occurrences > 0) return null;
  // Nothing came in because the work budget ran out, not because of the window: `skipped` says so.
  if (r.extent.budgetExhausted === true) return null;
  const day = (ms: number) => formatTime(ms).slice(0, 10);
  const one = events + blocks === 1;
  const what = contentPhrase(events, blocks);
  const window = `${wording.window} (${day(r.horizon.fromMs)} to ${day(r.horizon.toMs)})`;
  const head = one ? `the file's ${what} falls outside ${window}` : `none of the file's ${what} falls inside ${window}`;
  const where = r.extent.span === null ? '' : `; ${spanPhrase(r.extent.span, one, day)}`;
  return `${head}${where}${wording.hint === undefined ? '' : `: ${wording.hint}`}`;
}
