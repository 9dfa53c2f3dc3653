/** What expanding a series needs to know about the import it is part of. */
import type { ZoneEnv } from './component-timing.js';
import type { ImportedOccurrence } from '../../core/index.js';
import type { SourceKeyText } from './source-key-text.js';
import type { IcsIssue } from './types.js';

export interface ExpandEnv extends ZoneEnv {
  fromMs: number;
  toMs: number;
  /** All-day window: days d with `d < toDay && d + length > fromDay` overlap the horizon. */
  fromDay: number;
  toDay: number;
  maxPerSeries: number;
  budget: { left: number; exhausted: boolean };
  /**
   * The account's addresses, lower-cased, each once. A list: there are one or two, and
   * comparing with them costs less than hashing every attendee's address.
   */
  accountEmails: readonly string[];
  /** Formats the import's sourceKeys. */
  keys: SourceKeyText;
  /** Stores one occurrence; false once the import-wide limit is reached. */
  emit(o: ImportedOccurrence): boolean;
  skip(issue: IcsIssue): void;
  warn(issue: IcsIssue): void;
  /**
   * Told where each lone event, override and series lies, inside the horizon or not: its
   * start and an instant by which it has ended (null: the series has no end).
   */
  cover?(fromMs: number, toMs: number | null): void;
}
