import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { IcsError, expandIcs } from '../ics/index.js';
import { FeedError } from './feed-error.js';
import { IcsParsePool } from './ics-parse-pool.js';
import { OCCURRENCE_CHUNK } from './parse-messages.js';
import { resolveParseWorkerEntry } from './parse-worker-entry.js';
import { bigFeedIcs, loopResponsiveness } from './test-helpers.js';

const options = { defaultTzid: 'Europe/Berlin', horizon: { fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2028, 0, 1) } };
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('IcsParsePool', () => {
  const pool = new IcsParsePool({ size: 1 });
  afterAll(async () => {
    await pool.close();
  });

  it('runs the TypeScript worker entry through tsx when there is no built one', () => {
    expect(pool.mode).toBe('worker');
    expect(resolveParseWorkerEntry()).toMatchObject({ kind: 'ts' });
  });

  it('gives exactly what expandIcs gives, over several chunks, and forwards progress', async () => {
    const text = bigFeedIcs(OCCURRENCE_CHUNK * 2 + 17);
    const phases = new Set<string>();
    const viaWorker = await pool.parse(bytes(text), options, (p) => phases.add(p.phase));
    const inline = expandIcs(bytes(text), options);
    expect(viaWorker.occurrences).toHaveLength(OCCURRENCE_CHUNK * 2 + 17);
    expect(viaWorker).toEqual(inline);
    expect(phases.has('parse')).toBe(true);
  });

  it('brings a content shared by a series across chunks as one object, cloned once', async () => {
    const n = OCCURRENCE_CHUNK + 500;
    const text = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kairos//tests//EN',
      'BEGIN:VEVENT', 'UID:hourly@example.com', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260101T000000Z', 'DTEND:20260101T003000Z',
      `RRULE:FREQ=HOURLY;COUNT=${n}`, 'SUMMARY:Hourly', `DESCRIPTION:${'Long text. '.repeat(50)}`, 'END:VEVENT',
      ...bigFeedIcs(3).split('\r\n').slice(3, -2),
      'END:VCALENDAR', '',
    ].join('\r\n');
    const viaWorker = await pool.parse(bytes(text), options);
    const inline = expandIcs(bytes(text), options);
    expect(viaWorker).toEqual(inline);
    const hourly = viaWorker.occurrences.filter((o) => o.sourceKey.startsWith('hourly@'));
    expect(hourly).toHaveLength(n);
    expect(new Set(hourly.map((o) => o.content)).size).toBe(1);
    expect(new Set(viaWorker.occurrences.map((o) => o.content)).size).toBe(new Set(inline.occurrences.map((o) => o.content)).size);
  });

  it('rejects with IcsError for what is not a calendar, and keeps working', async () => {
    const err = await pool.parse(bytes('<html>nope</html>'), options).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IcsError);
    expect((err as IcsError).code).toBe('not_ics');
    const ok = await pool.parse(bytes(bigFeedIcs(3)), options);
    expect(ok.occurrences).toHaveLength(3);
  });

  it('keeps the event loop responsive during a large parse, unlike parsing inline', async () => {
    const text = bigFeedIcs(30_000); // about 15 MB
    expect(text.length).toBeGreaterThan(14_000_000);
    // Warm up: the worker's code and the main thread's message handling are compiled on first use.
    await pool.parse(bytes(text), options);
    // The worker first: the garbage of the inline parse must not be collected on its time.
    const forWorker = bytes(text);
    let count = 0;
    const worker = await loopResponsiveness(async () => (count = (await pool.parse(forWorker, options)).occurrences.length));
    const forInline = bytes(text);
    const inline = await loopResponsiveness(async () => expandIcs(forInline, options).occurrences.length);
    expect(count).toBe(30_000);
    // Parsed inline, the loop is held for the whole parse: no tick, utilisation near 1. In the
    // worker, the timer keeps firing and the loop mostly waits (the occurrences arrive in
    // chunks, each cloned in a task of its own).
    expect(inline.ticks).toBe(0);
    expect(inline.utilization).toBeGreaterThan(0.9);
    expect(worker.ticks).toBeGreaterThan(20);
    expect(worker.utilization).toBeLessThan(0.5);
    expect(worker.gapMs).toBeLessThan(inline.gapMs / 3);
  });

  it('fails a parse that runs past its time, alone, and starts a fresh worker for the next', async () => {
    const slow = new IcsParsePool({ size: 1, timeoutMs: 1 });
    try {
      const err = await slow.parse(bytes(bigFeedIcs(2000)), options).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FeedError);
      expect((err as FeedError).message).toBe('parsing the feed took longer than 0.001 s');
    } finally {
      await slow.close();
    }
    const p = new IcsParsePool({ size: 1 });
    const pending = p.parse(bytes(bigFeedIcs(2000)), options).catch((e: unknown) => e);
    await p.close();
    expect(((await pending) as FeedError).code).toBe('aborted');
    expect(((await p.parse(bytes(bigFeedIcs(1)), options).catch((e: unknown) => e)) as FeedError).code).toBe('aborted');
  });

  it('parses on the calling thread when there is no worker entry', async () => {
    const inline = new IcsParsePool({ entry: null });
    expect(inline.mode).toBe('inline');
    expect((await inline.parse(bytes(bigFeedIcs(5)), options)).occurrences).toHaveLength(5);
  });

  it('prefers a built entry beside the module, and finds none where there is nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-entry-'));
    try {
      const base = pathToFileURL(join(dir, 'kairos.js')).href;
      expect(resolveParseWorkerEntry(base)).toBeNull();
      writeFileSync(join(dir, 'feed-parse-worker.js'), '');
      expect(resolveParseWorkerEntry(base)).toEqual({ kind: 'js', url: new URL('./feed-parse-worker.js', base) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
