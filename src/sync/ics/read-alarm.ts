/** VALARM components to the protocol's reminders (minutes before the start). */
import { parseIcsDuration } from './ics-time.js';
import type { IcsComponent } from './read-ics.js';

export const MAX_REMINDER_MINUTES = 40320;

/**
 * Minutes before the start at which a VALARM fires, or null when it cannot be said that way
 * (an absolute trigger, one relative to the end, or one after the start).
 *
 * @example alarmMinutes(valarmWithTrigger('-PT15M')) === 15
 */
export function alarmMinutes(alarm: IcsComponent): number | null {
  const trigger = alarm.props.find((p) => p.name === 'TRIGGER');
  if (trigger === undefined) return null;
  // Only alarms relative to the start can be expressed as "minutes before".
  if ((trigger.params['RELATED'] ?? 'START').toUpperCase() !== 'START') return null;
  if ((trigger.params['VALUE'] ?? 'DURATION').toUpperCase() !== 'DURATION') return null;
  const d = parseIcsDuration(trigger.value);
  if (d === null) return null;
  const ms = d.days * 86_400_000 + d.ms;
  if (ms > 0) return null;
  const minutes = Math.round(-ms / 60_000);
  return minutes <= MAX_REMINDER_MINUTES ? minutes : null;
}

