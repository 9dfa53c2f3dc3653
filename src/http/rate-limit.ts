/**
 * In-process rate limits (PROTOCOL §2.8). Per element token: a sliding log of the last
 * `limit` request times, so "at most N in any window" holds exactly. Per application: the
 * same for one second and one minute. Limits are per server process.
 */
import { ApiError } from '../core/index.js';
import type { RateLimitConfig } from './deps.js';

class SlidingLog {
  private readonly logs = new Map<string, { times: number[]; next: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records a hit at `now`, or returns the seconds to wait when the window is full. */
  hit(key: string, now: number): number | null {
    let log = this.logs.get(key);
    if (!log) {
      log = { times: new Array<number>(this.limit).fill(-Infinity), next: 0 };
      this.logs.set(key, log);
    }
    // `next` points at the oldest of the last `limit` hits.
    const oldest = log.times[log.next]!;
    if (now - oldest < this.windowMs) return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
    log.times[log.next] = now;
    log.next = (log.next + 1) % this.limit;
    return null;
  }

  /** Drops keys whose newest hit is older than the window. */
  sweep(now: number): void {
    for (const [key, log] of this.logs) {
      const newest = log.times[(log.next + this.limit - 1) % this.limit]!;
      if (now - newest >= this.windowMs) this.logs.delete(key);
    }
  }

  get size(): number {
    return this.logs.size;
  }
}

export class RateLimiter {
  private readonly token: SlidingLog | null;
  private readonly appSecond: SlidingLog | null;
  private readonly appMinute: SlidingLog | null;
  private lastSweep = 0;

  constructor(config: RateLimitConfig) {
    this.token = config.perElementToken ? new SlidingLog(config.perElementToken.limit, config.perElementToken.windowMs) : null;
    this.appSecond = config.perApplication ? new SlidingLog(config.perApplication.perSecond, 1000) : null;
    this.appMinute = config.perApplication ? new SlidingLog(config.perApplication.perMinute, 60_000) : null;
  }

  checkElementToken(tokenHash: string, now: number): void {
    this.maybeSweep(now);
    const wait = this.token?.hit(tokenHash, now) ?? null;
    if (wait !== null) throw new ApiError('rate_limited', 'Too many requests for this element token.', wait);
  }

  checkApplication(applicationId: string, now: number): void {
    const w1 = this.appSecond?.hit(applicationId, now) ?? null;
    if (w1 !== null) throw new ApiError('rate_limited', 'Too many requests for this application.', w1);
    const w2 = this.appMinute?.hit(applicationId, now) ?? null;
    if (w2 !== null) throw new ApiError('rate_limited', 'Too many requests for this application.', w2);
  }

  private maybeSweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    this.token?.sweep(now);
    this.appSecond?.sweep(now);
    this.appMinute?.sweep(now);
  }
}
