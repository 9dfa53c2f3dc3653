/**
 * Windows time-zone names to IANA zones: the CLDR windowsZones table (territory 001) via
 * windows-iana, plus Outlook's display names (`(UTC-05:00) Eastern Time (US & Canada)`), which
 * some exports write as TZIDs without any VTIMEZONE.
 */
import { WINDOWS_TO_IANA_MAP } from 'windows-iana';
import { isValidTzid } from '../../core/index.js';

let byName: Map<string, string> | null = null;

/**
 * The IANA zone of a Windows zone id (case-insensitive), or null.
 *
 * @example ianaOfWindowsName('W. Europe Standard Time') === 'Europe/Berlin'
 * @example ianaOfWindowsName('US Mountain Standard Time') === 'America/Phoenix'
 */
export function ianaOfWindowsName(name: string): string | null {
  if (byName === null) {
    byName = new Map();
    for (const row of WINDOWS_TO_IANA_MAP) {
      const first = row.iana[0];
      if (row.territory === '001' && first !== undefined) byName.set(row.windowsName.toLowerCase(), first);
    }
  }
  return byName.get(name.trim().toLowerCase()) ?? null;
}

/** Display names that name a region rather than cities. */
const REGION_NAMES: Record<string, string> = {
  'eastern time (us & canada)': 'America/New_York',
  'central time (us & canada)': 'America/Chicago',
  'mountain time (us & canada)': 'America/Denver',
  'pacific time (us & canada)': 'America/Los_Angeles',
  'pacific time (us & canada); tijuana': 'America/Los_Angeles',
  'atlantic time (canada)': 'America/Halifax',
  'alaska': 'America/Anchorage',
  'hawaii': 'Pacific/Honolulu',
  'arizona': 'America/Phoenix',
  'saskatchewan': 'America/Regina',
  'newfoundland': 'America/St_Johns',
  'indiana (east)': 'America/Indiana/Indianapolis',
  'coordinated universal time': 'Etc/UTC',
  'universal coordinated time': 'Etc/UTC',
  'greenwich mean time : dublin, edinburgh, lisbon, london': 'Europe/London',
  'dublin, edinburgh, lisbon, london': 'Europe/London',
  'amsterdam, berlin, bern, rome, stockholm, vienna': 'Europe/Berlin',
  'brussels, copenhagen, madrid, paris': 'Europe/Paris',
  'belgrade, bratislava, budapest, ljubljana, prague': 'Europe/Budapest',
  'sarajevo, skopje, warsaw, zagreb': 'Europe/Warsaw',
  'canberra, melbourne, sydney': 'Australia/Sydney',
  'osaka, sapporo, tokyo': 'Asia/Tokyo',
  'chennai, kolkata, mumbai, new delhi': 'Asia/Kolkata',
  'beijing, chongqing, hong kong, urumqi': 'Asia/Shanghai',
  'auckland, wellington': 'Pacific/Auckland',
};

let cityIndex: Map<string, string> | null = null;

function cities(): Map<string, string> {
  if (cityIndex === null) {
    cityIndex = new Map();
    const ids = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    for (const id of ids) {
      const city = id.slice(id.lastIndexOf('/') + 1).replace(/_/g, ' ').toLowerCase();
      if (!cityIndex.has(city)) cityIndex.set(city, id);
    }
  }
  return cityIndex;
}

const DISPLAY_RE = /^\(?\s*(?:UTC|GMT)\s*(?:([+-])\s*(\d{1,2})(?::?(\d{2}))?)?\s*\)?\s*(.*)$/i;

/**
 * Reads an Outlook display name. Returns the IANA zone when the region or one of the cities is
 * recognised (and, for cities, the zone's standard offset agrees with the one in parentheses),
 * else the offset in parentheses in milliseconds, else null.
 *
 * @example zoneOfDisplayName('(UTC-05:00) Eastern Time (US & Canada)') // { iana: 'America/New_York' }
 * @example zoneOfDisplayName('(GMT+10:00) Canberra, Melbourne, Sydney') // { iana: 'Australia/Sydney' }
 */
export function zoneOfDisplayName(name: string, standardOffsetOf: (iana: string) => number[]): { iana: string } | { offsetMs: number } | null {
  const m = DISPLAY_RE.exec(name.trim());
  if (m === null) return null;
  const offsetMs = m[2] === undefined ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3_600_000 + Number(m[3] ?? 0) * 60_000);
  const rest = (m[4] ?? '').trim().toLowerCase();
  const region = REGION_NAMES[rest];
  if (region !== undefined && isValidTzid(region)) return { iana: region };
  for (const token of rest.split(/[,;:&()]|\band\b/)) {
    const city = token.trim();
    if (city === '') continue;
    const iana = cities().get(city);
    if (iana !== undefined && (m[2] === undefined || standardOffsetOf(iana).includes(offsetMs))) return { iana };
  }
  if (m[2] === undefined && rest !== '') return null;
  return { offsetMs };
}
