/**
 * A VTIMEZONE block turned into a zone: every observance onset (DTSTART, its RRULE, its RDATEs)
 * becomes a transition to TZOFFSETTO, at the local onset time read in TZOFFSETFROM.
 * Used only for TZIDs that name no known zone (see resolve-zone.ts).
 */
import { DAY_MS, localMsOf } from './calendar-math.js';
import { parseIcsTime, parseUtcOffset } from './ics-time.js';
import { parseRrule } from './parse-rrule.js';
import type { IcsComponent } from './read-ics.js';
import { ruleCandidates } from './rrule-candidates.js';
import { FixedZone, TableZone, type Zone } from './zone.js';

/** Onsets are generated up to this local time; later instants keep the last offset. */
const LAST_ONSET = localMsOf(2200, 1, 1);
const MAX_ONSETS_PER_OBSERVANCE = 2000;

function prop(c: IcsComponent, name: string): string | null {
  for (const p of c.props) if (p.name === name) return p.value;
  return null;
}

/**
 * The zone a VTIMEZONE defines, or null when it has no usable observance.
 *
 * @example
 *   // TZID:GMT+05:30 with one STANDARD observance at +0530
 *   zoneFromVtimezone(block, 'GMT+05:30')?.offsetAt(Date.now()) === 19_800_000
 */
export function zoneFromVtimezone(block: IcsComponent, tzid: string): Zone | null {
  const onsets: { at: number; offset: number; from: number }[] = [];
  for (const obs of block.children) {
    if (obs.name !== 'STANDARD' && obs.name !== 'DAYLIGHT') continue;
    const from = parseUtcOffset(prop(obs, 'TZOFFSETFROM') ?? '');
    const to = parseUtcOffset(prop(obs, 'TZOFFSETTO') ?? '');
    const start = parseIcsTime(prop(obs, 'DTSTART') ?? '', null);
    if (to === null || start === null) continue;
    const offFrom = from ?? to;
    const startLocal = start.kind === 'date' ? start.day * DAY_MS : start.kind === 'local' ? start.localMs : start.ms + offFrom;
    const add = (local: number): void => {
      onsets.push({ at: local - offFrom, offset: to, from: offFrom });
    };
    add(startLocal);
    for (const p of obs.props) {
      if (p.name === 'RRULE') {
        const rule = parseRrule(p.value);
        if ('error' in rule) continue;
        const until = rule.until;
        let n = 0;
        const budget = { left: 200_000, exhausted: false };
        for (const local of ruleCandidates(rule, startLocal, false, { endLocal: LAST_ONSET, skipToLocal: null, budget })) {
          if (local === startLocal) continue;
          const at = local - offFrom;
          if (until !== null) {
            const limit = until.kind === 'utc' ? until.ms : until.kind === 'local' ? until.localMs - offFrom : (until.day + 1) * DAY_MS - offFrom;
            if (at > limit) break;
          }
          if (rule.count !== null && n + 1 >= rule.count) break;
          onsets.push({ at, offset: to, from: offFrom });
          if (++n >= MAX_ONSETS_PER_OBSERVANCE) break;
        }
      } else if (p.name === 'RDATE') {
        for (const v of p.value.split(',')) {
          const t = parseIcsTime(v.split('/')[0] ?? '', null);
          if (t === null) continue;
          if (t.kind === 'utc') onsets.push({ at: t.ms, offset: to, from: offFrom });
          else add(t.kind === 'date' ? t.day * DAY_MS : t.localMs);
        }
      }
    }
  }
  if (onsets.length === 0) return null;
  onsets.sort((a, b) => a.at - b.at);
  const distinct = new Set(onsets.map((o) => o.offset));
  if (distinct.size === 1) return new FixedZone(tzid, onsets[0]!.offset);
  const at: number[] = [];
  const offsets: number[] = [];
  for (const o of onsets) {
    if (at.length > 0 && at[at.length - 1] === o.at) offsets[offsets.length - 1] = o.offset;
    else {
      at.push(o.at);
      offsets.push(o.offset);
    }
  }
  return new TableZone(tzid, at, offsets, onsets[0]!.from);
}
