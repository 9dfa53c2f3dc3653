/**
 * The body of `POST /v1/availability/explain` (not part of the Cronofy protocol): the engine's
 * explanation with wire names and Times.
 */
import { formatTime, type Explanation, type IntervalNote, type TimeRange, type UnavailabilityReason } from '../../core/index.js';

/** `details`: whether the caller may see the blocking event's uid and summary. */
function reasonToJson(r: UnavailabilityReason, details: boolean): Record<string, unknown> {
  switch (r.kind) {
    case 'before_now':
      return { reason: r.kind, now: formatTime(r.now) };
    case 'busy':
    case 'buffer': {
      const out: Record<string, unknown> = { reason: r.kind };
      if (r.kind === 'buffer') out.side = r.side;
      if (details) {
        out.event_uid = r.eventUid;
        if (r.summary !== undefined) out.summary = r.summary;
      }
      out.start = formatTime(r.start);
      out.end = formatTime(r.end);
      return out;
    }
    default:
      return { reason: r.kind };
  }
}

function noteToJson(n: IntervalNote): Record<string, unknown> {
  switch (n.kind) {
    case 'shorter_than_duration':
      return { note: n.kind, required_duration: { minutes: n.requiredDuration } };
    case 'off_grid':
      return { note: n.kind, start_interval: { minutes: n.startInterval } };
    default:
      return { note: n.kind };
  }
}

/**
 * `{ explanation: { interval, available, groups, members, notes } }`. A blocking event is
 * named (its uid and summary) only for the members `detailsFor` allows; for the others the
 * answer says when they are busy, as availability itself does, and not with what.
 *
 * @example explanationToJson(explainAvailability(query, interval), interval, () => true)
 */
export function explanationToJson(e: Explanation, interval: TimeRange, detailsFor: (sub: string) => boolean): Record<string, unknown> {
  return {
    explanation: {
      interval: { start: formatTime(interval.start), end: formatTime(interval.end) },
      available: e.available,
      groups: e.groups.map((g) => ({ required: g.required, needed: g.needed, free: g.free, satisfied: g.satisfied })),
      members: e.members.map((m) => {
        const details = detailsFor(m.sub);
        return { sub: m.sub, group: m.group, free: m.free, reasons: m.reasons.map((r) => reasonToJson(r, details)) };
      }),
      notes: e.notes.map(noteToJson),
    },
  };
}
