/**
 * TZID parameter values to zones. Real files name zones in many ways; the resolver tries, in
 * order: an IANA id (also behind a `/mozilla.org/…/Europe/Berlin` style prefix, and backward
 * links such as `Europe/Kiev`), a Windows zone id, the file's own VTIMEZONE block, an Outlook
 * display name, a bare offset (`GMT+05:30`), and finally the floating zone with a warning.
 *
 * A named place wins over the file's VTIMEZONE because the tz database also knows the place's
 * history and later rule changes, which a producer's snapshot (often Windows rules back to 1601)
 * does not; the block is used when the name identifies no place.
 */
import { isValidTzid } from '../../core/index.js';
import { ianaZone } from './iana-zone.js';
import type { IcsComponent } from './read-ics.js';
import { zoneFromVtimezone } from './vtimezone-zone.js';
import { ianaOfWindowsName, zoneOfDisplayName } from './windows-zones.js';
import { FixedZone, type Zone } from './zone.js';

/**
 * Removes what producers pad TZIDs with: NUL and other control characters, surrounding
 * whitespace and quotes.
 *
 * @example cleanTzid('"Europe/Stockholm\u0000\u0000"') === 'Europe/Stockholm'
 */
export function cleanTzid(raw: string): string {
  return raw.replace(/[\u0000-\u001f\u007f]/g, '').trim().replace(/^"+|"+$/g, '').trim();
}

/** Canonical spellings found so far: asking Intl costs about a millisecond per id. */
const canonical = new Map<string, string>();

/** The canonical spelling of a valid IANA id (`europe/berlin` → `Europe/Berlin`), links kept. */
function canonicalIana(id: string): string {
  let c = canonical.get(id);
  if (c === undefined) {
    try {
      const resolved = new Intl.DateTimeFormat('en-US', { timeZone: id }).resolvedOptions().timeZone;
      c = resolved.toLowerCase() === id.toLowerCase() ? resolved : id;
    } catch {
      c = id;
    }
    if (canonical.size > 2000) canonical.clear();
    canonical.set(id, c);
  }
  return c;
}

/** An IANA id named by `tzid`, directly or as the tail of a path-like TZID; else null. */
export function ianaOf(tzid: string): string | null {
  // Read the guard into a boolean: narrowing `string` by it would leave `never` below.
  const valid: boolean = isValidTzid(tzid);
  if (valid) return canonicalIana(tzid);
  if (tzid.includes('/')) {
    const parts = tzid.split('/').filter((p) => p !== '');
    for (let n = Math.min(3, parts.length); n >= 1; n--) {
      const tail = parts.slice(parts.length - n).join('/');
      if (tail !== tzid && isValidTzid(tail)) return canonicalIana(tail);
    }
  }
  return null;
}

/**
 * The IANA zone an X-WR-TIMEZONE or TZID names directly or as a Windows id, else null.
 *
 * @example namedIana('W. Europe Standard Time') === 'Europe/Berlin'
 */
export function namedIana(raw: string): string | null {
  const tzid = cleanTzid(raw);
  if (tzid === '') return null;
  const iana = ianaOf(tzid);
  if (iana !== null) return iana;
  const win = ianaOfWindowsName(tzid);
  return win !== null && isValidTzid(win) ? win : null;
}

const OFFSET_RE = /^(?:GMT|UTC)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i;
const STANDARD_PROBES = [Date.UTC(2024, 0, 15), Date.UTC(2024, 6, 15)];

export type ZoneSource = 'iana' | 'windows' | 'vtimezone' | 'display-name' | 'offset' | 'fallback';

export interface ResolvedZone {
  zone: Zone;
  source: ZoneSource;
}

/** Resolves the TZIDs of one file, with a cache, and reports each unknown TZID once. */
export class ZoneResolver {
  private readonly cache = new Map<string, ResolvedZone>();
  private readonly blocks = new Map<string, IcsComponent>();
  private lastRaw = '';
  private last: ResolvedZone | null = null;

  /**
   * @param vtimezones the file's VTIMEZONE components
   * @param floating zone for floating times and for TZIDs nothing else explains
   * @param warn called once per TZID that fell back to `floating`
   */
  constructor(
    vtimezones: readonly IcsComponent[],
    readonly floating: Zone,
    private readonly warn: (message: string) => void,
  ) {
    for (const block of vtimezones) {
      const id = block.props.find((p) => p.name === 'TZID');
      if (id === undefined) continue;
      const key = cleanTzid(id.value);
      if (key !== '' && !this.blocks.has(key)) this.blocks.set(key, block);
    }
  }

  /** The zone a TZID parameter names. */
  zone(tzid: string): Zone {
    return this.resolve(tzid).zone;
  }

  /** The zone and how it was found. */
  resolve(raw: string): ResolvedZone {
    // Most values repeat the TZID before them, as a new string each: comparing it with the
    // last one is cheaper than hashing it for the map.
    if (raw === this.lastRaw && this.last !== null) return this.last;
    let r = this.cache.get(raw);
    if (r === undefined) {
      r = this.lookup(raw);
      this.cache.set(raw, r);
    }
    this.lastRaw = raw;
    this.last = r;
    return r;
  }

  private lookup(raw: string): ResolvedZone {
    const tzid = cleanTzid(raw);
    if (tzid === '') return { zone: this.floating, source: 'fallback' };
    if (tzid.toUpperCase() === 'Z') return { zone: ianaZone('Etc/UTC'), source: 'iana' };
    const iana = ianaOf(tzid);
    if (iana !== null) return { zone: ianaZone(iana), source: 'iana' };
    const win = ianaOfWindowsName(tzid);
    if (win !== null && isValidTzid(win)) return { zone: ianaZone(win), source: 'windows' };
    const block = this.blocks.get(tzid) ?? [...this.blocks.entries()].find(([k]) => k.toLowerCase() === tzid.toLowerCase())?.[1];
    if (block !== undefined) {
      const z = zoneFromVtimezone(block, tzid);
      if (z !== null) return { zone: z, source: 'vtimezone' };
    }
    const m = OFFSET_RE.exec(tzid);
    if (m !== null && Number(m[2]) <= 14 && Number(m[3] ?? 0) <= 59) {
      const ms = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3_600_000 + Number(m[3] ?? 0) * 60_000);
      return { zone: new FixedZone(tzid, ms), source: 'offset' };
    }
    const display = zoneOfDisplayName(tzid, (id) => STANDARD_PROBES.map((t) => ianaZone(id).offsetAt(t)));
    if (display !== null) {
      if ('iana' in display) return { zone: ianaZone(display.iana), source: 'display-name' };
      if (/^\(?\s*(UTC|GMT)/i.test(tzid)) {
        this.warn(`TZID "${tzid}" read as a fixed offset (no daylight saving time)`);
        return { zone: new FixedZone(tzid, display.offsetMs), source: 'display-name' };
      }
    }
    this.warn(`unknown TZID "${tzid}": read in ${this.floating.id}`);
    return { zone: this.floating, source: 'fallback' };
  }
}
