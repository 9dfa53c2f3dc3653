/**
 * VFREEBUSY components (a free/busy publish or reply) to busy blocks. Each FREEBUSY period of
 * type BUSY, BUSY-UNAVAILABLE or BUSY-TENTATIVE becomes an opaque event named after its type,
 * so that it blocks availability like any other event; FREE periods are not imported.
 */
import type { ImportedContent, ImportedOccurrence } from '../../core/index.js';
import { buildContent } from './build-content.js';
import { boundedUid } from './bounded-uid.js';
import { hashText } from './hash-text.js';
import { endOf, instantOf } from './component-timing.js';
import type { ExpandEnv } from './expand-env.js';
import { parseIcsPeriod } from './ics-time.js';
import type { IcsComponent } from './read-ics.js';
import type { SourceFields } from './read-vevent.js';
import type { IcsIssue } from './types.js';

const TYPES: Record<string, { summary: string; status: 'confirmed' | 'tentative' }> = {
  BUSY: { summary: 'Busy', status: 'confirmed' },
  'BUSY-UNAVAILABLE': { summary: 'Unavailable', status: 'confirmed' },
  'BUSY-TENTATIVE': { summary: 'Tentative', status: 'tentative' },
};

const NO_EMAILS: readonly string[] = [];

/**
 * The busy blocks of one VFREEBUSY that overlap `[fromMs, toMs)`. `onBlock` is told of every
 * busy block, inside the horizon or not (each once). Blocks of one type share one content
 * object, kept in `contents` (by summary) so that an import builds each once.
 *
 * @example readFreeBusy(vfreebusy, env, 0, Infinity, issues, new Map()) // [{ sourceKey: 'uid#fb#20140416T151500Z/…', content: { summary: 'Busy', … }, … }, …]
 */
export function readFreeBusy(
  comp: IcsComponent,
  env: ExpandEnv,
  fromMs: number,
  toMs: number,
  skipped: IcsIssue[],
  contents: Map<string, ImportedContent>,
  onBlock?: (startMs: number, endMs: number) => void,
): ImportedOccurrence[] {
  const uidText = comp.props.find((p) => p.name === 'UID')?.value;
  const uidProp = uidText === undefined ? undefined : boundedUid(uidText);
  const organizer = comp.props.find((p) => p.name === 'ORGANIZER')?.value.trim() ?? '';
  const uid = uidProp !== undefined && uidProp !== '' ? uidProp : `kairos-freebusy-${hashText(organizer)}`;
  const prefix = env.keys.busyPrefix(uid);
  const out: ImportedOccurrence[] = [];
  const seen = new Set<string>();
  for (const p of comp.props) {
    if (p.name !== 'FREEBUSY') continue;
    const type = TYPES[(p.params['FBTYPE'] ?? 'BUSY').toUpperCase()];
    if (type === undefined) continue;
    for (const raw of p.value.split(',')) {
      const per = parseIcsPeriod(raw.trim(), p.params['TZID'] ?? null);
      if (per === null) {
        skipped.push({ uid, line: comp.line, reason: `FREEBUSY period "${raw.trim().slice(0, 60)}" is malformed` });
        continue;
      }
      const start = instantOf(per.start, env, env.zones.floating);
      const end = per.end !== null ? instantOf(per.end, env, env.zones.floating) : endOf(env.zones.floating, start, per.duration);
      if (end <= start) continue;
      const key = env.keys.key(prefix, `${env.keys.utc(start)}/${env.keys.utc(end)}`);
      if (seen.has(key)) continue;
      seen.add(key);
      onBlock?.(start, end);
      if (start >= toMs || end <= fromMs) continue;
      let content = contents.get(type.summary);
      if (content === undefined) {
        const fields: SourceFields = { summary: type.summary, status: type.status, transparency: 'opaque' };
        content = buildContent(fields, 'Etc/UTC', false, NO_EMAILS);
        contents.set(type.summary, content);
      }
      out.push({ sourceKey: key, content, allDay: false, startMs: start, endMs: end });
    }
  }
  return out;
}
