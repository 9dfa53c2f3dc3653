/**
 * Worker-thread entry of the feed parse pool: expands iCalendar bytes with `expandIcs` and
 * hands the occurrences back a chunk at a time, when asked, each content once. It is built as
 * dist/feed-parse-worker.js beside the server bundle (scripts/build.mjs); from the TypeScript
 * sources it runs through tsx.
 */
import { parentPort } from 'node:worker_threads';
import type { ImportedContent } from '../../core/index.js';
import { IcsError, expandIcs, type IcsExpansion, type IcsProgress } from '../ics/index.js';
import { OCCURRENCE_CHUNK, type ParseReplyMessage, type ParseRequestMessage, type WireOccurrence } from './parse-messages.js';

const port = parentPort;
if (port === null) throw new Error('feed-parse-worker must run in a worker thread');

const post = (m: ParseReplyMessage): void => port.postMessage(m);

/** The finished job whose occurrences are being handed over, and the position of each content sent. */
let current: { id: number; result: IcsExpansion; next: number; sent: Map<ImportedContent, number> } | null = null;

function sendNext(): void {
  if (current === null) return;
  const { id, result, next, sent } = current;
  if (next < result.occurrences.length) {
    current.next = next + OCCURRENCE_CHUNK;
    const contents: ImportedContent[] = [];
    const occurrences: WireOccurrence[] = [];
    for (const o of result.occurrences.slice(next, next + OCCURRENCE_CHUNK)) {
      let at = sent.get(o.content);
      if (at === undefined) {
        at = sent.size;
        sent.set(o.content, at);
        contents.push(o.content);
      }
      occurrences.push({ sourceKey: o.sourceKey, content: at, allDay: o.allDay, startMs: o.startMs, endMs: o.endMs });
    }
    post({ id, type: 'chunk', contents, occurrences });
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
    current = { id: m.id, result: expandIcs(m.bytes, { ...m.options, onProgress }), next: 0, sent: new Map() };
    sendNext();
  } catch (err) {
    current = null;
    const e = err instanceof Error ? err : new Error(String(err));
    post({ id: m.id, type: 'error', error: { name: e.name, code: err instanceof IcsError ? err.code : null, message: e.message } });
  }
});
