/**
 * Builders shared by the engine's tests (not exported from the front door).
 */
import { formatTime } from '../time.js';
import type { WeeklyPeriod } from '../types.js';
import type { AvailableInterval, BusyEvent, MemberInput, WeeklyRule } from './types.js';

/** Epoch ms of a protocol Time string. */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad time ${iso}`);
  return ms;
}

/** A timed event that blocks unless overridden. */
export function timed(uid: string, start: string, end: string, extra: Partial<BusyEvent> = {}): BusyEvent {
  return {
    eventUid: uid,
    summary: uid,
    start: { kind: 'time', ms: at(start) },
    end: { kind: 'time', ms: at(end) },
    transparency: 'opaque',
    status: 'confirmed',
    participationStatus: 'accepted',
    deleted: false,
    eventPrivate: false,
    ...extra,
  };
}

/** An all-day event over `[startDate, endDate)` that blocks unless overridden. */
export function allDay(uid: string, startDate: string, endDate: string, extra: Partial<BusyEvent> = {}): BusyEvent {
  return {
    ...timed(uid, '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z'),
    start: { kind: 'date', date: startDate },
    end: { kind: 'date', date: endDate },
    ...extra,
  };
}

const DAY_NAMES: Record<string, WeeklyPeriod['day']> = {
  sun: 'sunday',
  mon: 'monday',
  tue: 'tuesday',
  wed: 'wednesday',
  thu: 'thursday',
  fri: 'friday',
  sat: 'saturday',
};

/** A weekly rule from short day names (`mon`…) or full ones, all with the same hours. */
export function rule(tzid: string, days: readonly string[], startTime: string, endTime: string): WeeklyRule {
  return {
    tzid,
    weeklyPeriods: days.map((d) => ({ day: DAY_NAMES[d] ?? (d as WeeklyPeriod['day']), startTime, endTime })),
  };
}

/** A member with no events in UTC unless overridden. */
export function member(sub: string, extra: Partial<MemberInput> = {}): MemberInput {
  return { sub, zoneinfo: 'Etc/UTC', events: [], ...extra };
}

/** Result starts as protocol Time strings. */
export function starts(items: readonly AvailableInterval[]): string[] {
  return items.map((i) => formatTime(i.start));
}

/** Results as `[start, end]` Time string pairs. */
export function spans(items: readonly AvailableInterval[]): [string, string][] {
  return items.map((i) => [formatTime(i.start), formatTime(i.end)]);
}

/** Results as `start/end:sub,sub` strings: compact to compare. */
export function described(items: readonly AvailableInterval[]): string[] {
  return items.map((i) => `${formatTime(i.start)}/${formatTime(i.end)}:${i.participants.map((p) => p.sub).join(',')}`);
}
