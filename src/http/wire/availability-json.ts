/** Availability results on the wire (PROTOCOL §5.7.3, §5.8, §4.6): times end in `:00Z`. */
import { formatTime, type AvailabilityResult, type AvailableInterval, type Sequence } from '../../core/index.js';

/** `{ start, end, participants: [{ sub }] }`. */
export function intervalToJson(i: AvailableInterval): Record<string, unknown> {
  return { start: formatTime(i.start), end: formatTime(i.end), participants: i.participants.map((p) => ({ sub: p.sub })) };
}

/** `{ available_periods }` for `periods`, `{ available_slots }` for `slots` and `overlapping_slots`. */
export function availabilityToJson(r: AvailabilityResult): Record<string, unknown> {
  const items = r.items.map(intervalToJson);
  return r.format === 'periods' ? { available_periods: items } : { available_slots: items };
}

/** `{ sequences: [{ sequence: [{ sequence_id, start, end, participants }] }] }`; ids keep their JSON type. */
export function sequencesToJson(sequences: readonly Sequence[]): Record<string, unknown> {
  return {
    sequences: sequences.map((s) => ({
      sequence: s.steps.map((step) => ({ sequence_id: step.sequenceId, ...intervalToJson(step) })),
    })),
  };
}
