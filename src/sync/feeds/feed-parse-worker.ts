/**
 * Worker-thread entry of the feed parse pool: parses iCalendar bytes with `parseIcs` and
 * hands the occurrences back a chunk at a time, when asked. It is built as
 * dist/feed-parse-worker.js beside the server bundle (scripts/build.mjs); from the TypeScript
 * sources it runs through tsx.
 */
import { parentPort } from 'node:worker_threads';
import { IcsError, parseIcs, type IcsParseResult, type IcsProgress } from '../ics/index.js';
import { OCCURRENCE_CHUNK, type ParseReplyMessage, type ParseRequestMessage } from './parse-messages.js';

const port = parentPort;
if (port === null) throw new Error('feed-parse-worker must run in a worker thread');

const post = (m: ParseReplyMessage): void => port.postMessage(m);

/** The finished job whose occurrences are being handed over. */
let current: { id: number; result: IcsParseResult; next: number } | null = null;

function sendNext(): void {
  if (current === null) return;
  const { id, result, next } = current;
  if (next < result.occurrences.length) {
    current.next = next + OCCURRENCE_CHUNK;
    post({ id, type: 'chunk', occurrences: result.occurrences.slice(next, next + OCCURRENCE_CHUNK) });
    return;
  }
  const { occurrences: _sent, ...rest } = result;
  current = null;
  post({ id, type: 'done', result: rest });
}

port.on('message', (m: ParseRequestMessage) => {
  if (m.type === 'more') {
    if (current?.id === m.id) sendNext();
    return;
  }
  let lastProgress = 0;
  const onProgress = (progress: IcsProgress): void => {
    // A few progress messages a second at most: they are for humans.
    const now = Date.now();
    if (now - lastProgress < 200 && progress.done !== progress.total) return;
    lastProgress = now;
    post({ id: m.id, type: 'progress', progress });
  };
  try {
    current = { id: m.id, result: parseIcs(m.bytes, { ...m.options, onProgress }), next: 0 };
    sendNext();
  } catch (err) {
    current = null;
    const e = err instanceof Error ? err : new Error(String(err));
    post({ id: m.id, type: 'error', error: { name: e.name, code: err instanceof IcsError ? err.code : null, message: e.message } });
  }
});
