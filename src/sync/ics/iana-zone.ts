/**
 * IANA zones backed by the runtime's tz database through Temporal. Offsets are read once per
 * block of years as a transition table, then looked up without Temporal: a Temporal conversion
 * costs about 10 µs, far too much for one per imported value.
 */
import { Temporal } from 'temporal-polyfill';
import type { Zone } from './zone.js';

/** Eight years per block: a handful of transitions each, filled on first use. */
const BLOCK_MS = 8 * 365.25 * 86_400_000;
/**
 * Offsets are read between these instants, and those at the nearer one serve beyond: a
 * calendar can state absurd lengths (a DURATION of millions of weeks), which must not make
 * Temporal throw, and no occurrence outside the years 1900–2199 is imported anyway.
 */
const EARLIEST_MS = Date.UTC(1800, 0, 1);
const LATEST_MS = Date.UTC(2300, 0, 1);

interface Block {
  start: number;
  at: number[];
  offsets: number[];
}

function offsetOf(tzid: string, ms: number): number {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tzid).offsetNanoseconds / 1e6;
}

function buildBlock(tzid: string, index: number): Block {
  const start = Math.floor(index * BLOCK_MS);
  const end = Math.floor((index + 1) * BLOCK_MS);
  const at: number[] = [start];
  const offsets: number[] = [offsetOf(tzid, start)];
  let zdt: Temporal.ZonedDateTime | null = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(tzid);
  // A block never holds more than a few dozen real transitions; the bound only guards the loop.
  for (let i = 0; i < 512; i++) {
    zdt = zdt.getTimeZoneTransition('next');
    if (zdt === null || zdt.epochMilliseconds >= end) break;
    at.push(zdt.epochMilliseconds);
    offsets.push(zdt.offsetNanoseconds / 1e6);
  }
  return { start, at, offsets };
}

/** A zone of the tz database, e.g. `Europe/Berlin` or a backward link such as `Europe/Kiev`. */
export class IanaZone implements Zone {
  readonly id: string;
  readonly iana: string;
  private readonly blocks = new Map<number, Block>();
  // Conversions come in runs within one block; the last one is checked before the map.
  private lastIndex = Number.NaN;
  private lastBlock: Block | null = null;

  constructor(tzid: string) {
    this.id = tzid;
    this.iana = tzid;
  }

  offsetAt(instant: number): number {
    // NaN too reads as the earliest.
    const utcMs = instant <= LATEST_MS ? (instant >= EARLIEST_MS ? instant : EARLIEST_MS) : LATEST_MS;
    const index = Math.floor(utcMs / BLOCK_MS);
    let block = index === this.lastIndex ? this.lastBlock : this.blocks.get(index);
    if (block === undefined || block === null) {
      block = buildBlock(this.id, index);
      this.blocks.set(index, block);
    }
    this.lastIndex = index;
    this.lastBlock = block;
    const at = block.at;
    let i = at.length - 1;
    while (i > 0 && at[i]! > utcMs) i--;
    return block.offsets[i]!;
  }
}

const cache = new Map<string, IanaZone>();

/**
 * The shared zone object for an IANA id the runtime knows (check with `isValidTzid` first).
 * Zones are immutable facts, so one instance per id serves every import.
 *
 * @example ianaZone('Europe/Berlin').offsetAt(Date.UTC(2026, 6, 1)) === 7_200_000
 */
export function ianaZone(tzid: string): IanaZone {
  let z = cache.get(tzid);
  if (z === undefined) {
    if (cache.size > 1000) cache.clear();
    z = new IanaZone(tzid);
    cache.set(tzid, z);
  }
  return z;
}
