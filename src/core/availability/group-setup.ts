/**
 * Flattens participant groups into numbered member entries, with the lookups the scans need:
 * each entry's group, each group's required count, and each entry's sub in order of first
 * appearance (participants are listed once, in that order, PROTOCOL §5.7.3).
 */
import type { GroupInput, MemberInput, Participant } from './types.js';

export interface GroupSetup {
  /** Every member of every group, in request order. */
  readonly members: readonly MemberInput[];
  /** Group index of each member entry. */
  readonly groupOf: Int32Array;
  /** Members required in each group. */
  readonly needs: Int32Array;
  /** Index into `participants` of each member entry's sub. */
  readonly subIndexOf: Int32Array;
  /** One participant per distinct sub, in order of first appearance. */
  readonly participants: readonly Participant[];
}

/**
 * Numbers the members of the groups. Throws a RangeError when a group's `required` is not
 * `'all'` or an integer between 1 and its member count (the HTTP layer rejects those first).
 *
 * @example buildGroupSetup([{ required: 1, members: [a, b] }]).needs // → Int32Array [1]
 */
export function buildGroupSetup(groups: readonly GroupInput[]): GroupSetup {
  const members: MemberInput[] = [];
  const groupOf: number[] = [];
  const subIndexOf: number[] = [];
  const needs = new Int32Array(groups.length);
  const subIndex = new Map<string, number>();
  const participants: Participant[] = [];
  groups.forEach((g, gi) => {
    const size = g.members.length;
    const need = g.required === 'all' ? size : g.required;
    if (size === 0 || !Number.isInteger(need) || need < 1 || need > size) {
      throw new RangeError(`group ${gi}: required must be 'all' or 1..${size}`);
    }
    needs[gi] = need;
    for (const m of g.members) {
      let si = subIndex.get(m.sub);
      if (si === undefined) {
        si = participants.length;
        subIndex.set(m.sub, si);
        participants.push(Object.freeze({ sub: m.sub }));
      }
      members.push(m);
      groupOf.push(gi);
      subIndexOf.push(si);
    }
  });
  return { members, groupOf: Int32Array.from(groupOf), needs, subIndexOf: Int32Array.from(subIndexOf), participants };
}

/**
 * The participants whose entries are flagged, once each, in order of first appearance.
 * `subMark` is scratch space of one byte per sub, left cleared.
 *
 * @example participantsOf(setup, Uint8Array.of(1, 0, 1), new Uint8Array(setup.participants.length))
 */
export function participantsOf(setup: GroupSetup, flagged: Uint8Array, subMark: Uint8Array): Participant[] {
  const { subIndexOf, participants } = setup;
  for (let m = 0; m < flagged.length; m++) if (flagged[m] === 1) subMark[subIndexOf[m]!] = 1;
  const out: Participant[] = [];
  for (let s = 0; s < participants.length; s++) {
    if (subMark[s] === 1) {
      out.push(participants[s]!);
      subMark[s] = 0;
    }
  }
  return out;
}
