/** Public shapes of the iCalendar importer. */
import type { CalendarEvent, ImportedOccurrence } from '../../core/index.js';

/** An occurrence ready for storage: everything but the ids and timestamps the store assigns. */
export type ImportedEvent = Omit<CalendarEvent, 'eventUid' | 'calendarId' | 'sub' | 'created' | 'updated' | 'sourceKey'> & {
  /** `UID` for a lone event; `UID#<recurrence id>` for an occurrence of a series (see README). */
  sourceKey: string;
};

/** Something in the file that was dropped (`skipped`) or repaired (`warnings`). */
export interface IcsIssue {
  uid?: string;
  /** 1-based line of the file as written (folded lines count one each) where the component or line starts, when known. */
  line?: number;
  reason: string;
}

export interface IcsCounts {
  /** Series and lone events: VEVENTs grouped by UID (overrides join their series). */
  events: number;
  /** VEVENT components read. */
  components: number;
  /** VEVENT components with a RECURRENCE-ID. */
  overrides: number;
  /** Occurrences returned, free/busy blocks included. */
  occurrences: number;
  /** FREEBUSY periods of VFREEBUSY components imported as busy blocks. */
  freeBusyPeriods: number;
}

export type IcsPhase = 'parse' | 'expand' | 'store';

export interface IcsProgress {
  phase: IcsPhase;
  /** Units done in this phase: lines (parse), series (expand), occurrences (store). */
  done: number;
  total: number;
}

export interface IcsParseOptions {
  /** Zone for floating times when the file has no usable X-WR-TIMEZONE (the account's zone). */
  defaultTzid: string;
  /** Only occurrences that overlap `[fromMs, toMs)` are returned (see README for all-day events). */
  horizon: { fromMs: number; toMs: number };
  /** Most occurrences taken from one series (default 5,000). */
  maxOccurrences?: number;
  /** Most occurrences per import (default 200,000). */
  maxTotalOccurrences?: number;
  /** Longest accepted text, in UTF-16 code units (default 32 Mi). */
  maxInputChars?: number;
  /** Recurrence work budget per import, in rule steps (default 10,000,000). */
  maxWork?: number;
  /**
   * Most characters of event content (texts and lists) per import, each distinct content
   * counted once (default 64 Mi): overrides repeat their series' texts.
   */
  maxContentChars?: number;
  /** The account's addresses: its ATTENDEE PARTSTAT becomes the event's participation status. */
  accountEmails?: readonly string[];
  onProgress?: (p: IcsProgress) => void;
}

/**
 * What the file holds whatever the horizon, so that a caller can say where its content lies
 * when none of it falls inside the horizon. Read along with the parse, at no extra expansion;
 * once the import-wide occurrence limit stops the parse, what follows is not counted.
 */
export interface IcsExtent {
  /** Busy blocks of the file's VFREEBUSY components, inside the horizon or not (`counts.freeBusyPeriods` counts those returned). */
  freeBusyBlocks: number;
  /**
   * Where the file's events and busy blocks lie: the earliest start, and an instant by which
   * every one has ended, null when a series has no known end (no UNTIL, and no COUNT that
   * expansion counted to its end: a series counted past the horizon's end is not followed
   * further). The end is exact for lone events, blocks and series ended by COUNT, and an upper
   * bound for series ended by UNTIL. Null when the file has neither events nor blocks.
   */
  span: { fromMs: number; toMs: number | null } | null;
  /** Set when the recurrence work budget ran out: series after that point were not expanded, inside the horizon or not. */
  budgetExhausted?: true;
}

export interface IcsParseResult {
  /** X-WR-CALNAME, if any. */
  calendarName: string | null;
  /** X-WR-TIMEZONE resolved to an IANA id, if any. */
  calendarTzid: string | null;
  occurrences: ImportedEvent[];
  counts: IcsCounts;
  /** Components, occurrences or values that were not imported, with the reason. */
  skipped: IcsIssue[];
  /** Problems that were repaired or worked around; nothing was lost because of them. */
  warnings: IcsIssue[];
  extent: IcsExtent;
}

/**
 * What `expandIcs` returns: an `IcsParseResult` whose occurrences are in their compact form,
 * sorted by start, then sourceKey. Occurrences with the same content share one object.
 */
export interface IcsExpansion extends Omit<IcsParseResult, 'occurrences'> {
  occurrences: ImportedOccurrence[];
}
