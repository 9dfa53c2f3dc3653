/**
 * The text of occurrence identities (`sourceKey`, see README): `UID` for a lone event,
 * `UID#<recurrence id>` for an occurrence of a series, where the id is `YYYYMMDDTHHMMSSZ`
 * (timed) or `YYYYMMDD` (all-day), and `UID#fb#<start>/<end>` for a free/busy block.
 *
 * One instance per import. The date and time-of-day parts repeat across series, so each is
 * formatted once; keys are made flat strings at once (see flat-string.ts), because the sort and
 * the identity check compare and hash every one of them.
 *
 * It also tells whether two keys of the import can be equal (`canRepeat`), which the identity
 * check uses to avoid hashing every key (see uniqueOccurrences).
 */
import { DAY_MS, icsDateOfDay } from './calendar-math.js';
import { flatString } from './flat-string.js';

function two(n: number): string {
  return (n < 10 ? '0' : '') + n;
}

/**
 * Makes the source keys of one import (see the top of this file).
 *
 * @example
 *   const keys = new SourceKeyText();
 *   keys.utcKey(keys.prefix('standup@x'), Date.UTC(2026, 0, 5, 8)) // 'standup@x#20260105T080000Z'
 */
export class SourceKeyText {
  private readonly dates = new Map<number, string>();
  private readonly times = new Map<number, string>();
  private repeatable = false;

  /**
   * False while the keys made so far are distinct by construction, given distinct ids within
   * each series: no UID holds `#` (so no key of one UID can read as a key of another) and
   * every instant is a whole second (so distinct instants have distinct texts). Free/busy
   * blocks are the exception: two VFREEBUSY components with one UID can repeat a block, with
   * the same start and end, which its key names.
   */
  get canRepeat(): boolean {
    return this.repeatable;
  }

  /** The key of a lone event: its UID. */
  lone(uid: string): string {
    if (uid.indexOf('#') >= 0) this.repeatable = true;
    return uid;
  }

  /** `UID#`, the start of every key of a series; make it once per series. */
  prefix(uid: string): string {
    if (uid.indexOf('#') >= 0) this.repeatable = true;
    return flatString(uid + '#');
  }

  /** `UID#fb#`, the start of every key of a VFREEBUSY component. */
  busyPrefix(uid: string): string {
    if (uid.indexOf('#') >= 0) this.repeatable = true;
    return flatString(uid + '#fb#');
  }

  /**
   * The key `prefix + id`, flat.
   *
   * @example keys.key(keys.busyPrefix('f'), '20260105T080000Z/20260105T090000Z') === 'f#fb#20260105T080000Z/20260105T090000Z'
   */
  key(prefix: string, id: string): string {
    return flatString(prefix + id);
  }

  /**
   * The key of a timed series' instance: `prefix` (see `prefix`) and the instant as
   * `YYYYMMDDTHHMMSSZ`, joined once.
   *
   * @example keys.utcKey(keys.prefix('a@x'), Date.UTC(2026, 0, 5, 8)) === 'a@x#20260105T080000Z'
   */
  utcKey(prefix: string, ms: number): string {
    const day = Math.floor(ms / DAY_MS);
    return flatString(prefix + this.date(day) + this.time(ms, day));
  }

  /**
   * The key of an all-day series' instance: `prefix` and the day as `YYYYMMDD`.
   *
   * @example keys.dateKey(keys.prefix('a@x'), 20458) === 'a@x#20260105'
   */
  dateKey(prefix: string, day: number): string {
    return flatString(prefix + this.date(day));
  }

  /**
   * `YYYYMMDD` of a day number (as icsDateOfDay).
   *
   * @example new SourceKeyText().date(20458) === '20260105'
   */
  date(day: number): string {
    let s = this.dates.get(day);
    if (s === undefined) {
      s = icsDateOfDay(day);
      this.dates.set(day, s);
    }
    return s;
  }

  /**
   * `YYYYMMDDTHHMMSSZ` of an instant (as icsUtcOf).
   *
   * @example new SourceKeyText().utc(Date.UTC(2026, 0, 5, 8)) === '20260105T080000Z'
   */
  utc(ms: number): string {
    const day = Math.floor(ms / DAY_MS);
    return flatString(this.date(day) + this.time(ms, day));
  }

  /** `THHMMSSZ` of the instant `ms` on day `day`. */
  private time(ms: number, day: number): string {
    if (ms % 1000 !== 0) this.repeatable = true;
    const sod = Math.floor((ms - day * DAY_MS) / 1000);
    let time = this.times.get(sod);
    if (time === undefined) {
      time = `T${two(Math.floor(sod / 3600))}${two(Math.floor((sod % 3600) / 60))}${two(sod % 60)}Z`;
      this.times.set(sod, time);
    }
    return time;
  }
}
