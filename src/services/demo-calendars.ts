/**
 * The demo account's calendars: iCalendar files shipped in `assets/demo/`, written for the
 * week of Monday 2026-01-05 (their `X-KAIROS-ANCHOR-WEEK`). The seed moves them to the current
 * week (see anchorIcsToWeekOf), so a fresh server shows events around today.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One calendar to seed: its name and colour in Kairos, and the iCalendar file to import. */
export interface DemoCalendarSource {
  name: string;
  color: string;
  /** The file's text or bytes. A file that declares an anchor week is moved to the current week. */
  ics: string | Uint8Array;
}

/** The shipped files, in userinfo order (the first is the primary calendar). */
export const DEMO_CALENDAR_FILES = [
  { file: 'work.ics', name: 'Work', color: '#2563eb' },
  { file: 'personal.ics', name: 'Personal', color: '#16a34a' },
] as const;

/**
 * The folder holding the shipped files. The server bundle is dist/kairos.js, so the folder is
 * `../assets/demo/` from it, in a checkout and in an installed package alike; this module
 * itself runs from src/services/ under tests and `npm run dev`.
 *
 * @example readFileSync(join(demoAssetsDir(), 'work.ics'), 'utf8')
 */
export function demoAssetsDir(): string {
  const candidates = [new URL('../assets/demo/', import.meta.url), new URL('../../assets/demo/', import.meta.url)].map((u) => fileURLToPath(u));
  const found = candidates.find((dir) => DEMO_CALENDAR_FILES.every((f) => existsSync(dir + f.file)));
  if (found === undefined) throw new Error(`the demo calendars are missing: looked for ${DEMO_CALENDAR_FILES.map((f) => f.file).join(', ')} in ${candidates.join(' and ')}`);
  return found;
}

/**
 * The shipped demo calendars, read from disk.
 *
 * @example const [work, personal] = shippedDemoCalendars(); work.name === 'Work'
 */
export function shippedDemoCalendars(): DemoCalendarSource[] {
  const dir = demoAssetsDir();
  return DEMO_CALENDAR_FILES.map((f) => ({ name: f.name, color: f.color, ics: readFileSync(dir + f.file, 'utf8') }));
}
