/** A calendar name from text a file or a user gave (X-WR-CALNAME, a file name, a URL segment). */

const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * `raw` without control characters, trimmed, at most 255 characters (whole code points); null
 * when nothing is left.
 *
 * @example cleanCalendarName('  Holidays:\u0007 Germany ') // 'Holidays: Germany'
 * @example cleanCalendarName(' \u0000 ') // null
 */
export function cleanCalendarName(raw: string): string | null {
  const name = [...raw.replace(CONTROL_RE, '').trim()].slice(0, 255).join('').trim();
  return name === '' ? null : name;
}
