// A second reference for bench/http: the least work each measured route has to do, on a bare
// node:http server with better-sqlite3 and nothing else (no framework, no validation, no
// authentication, no logging). It tells how much of the gap to the hello-world is the work
// itself (a durable write per minted token; 100 event rows read and serialised) and how much
// is Kairos.
//
//   POST /mint    parse the JSON body, hash the bearer, draw a 256-bit token, insert its hash
//                 (one row, WAL, synchronous=NORMAL) and answer JSON once it is committed; the
//                 inserts of the requests that arrive together share one transaction (group
//                 commit, as Kairos does), the fastest way known here to make them durable
//   GET  /events  select 100 rows of 12 columns, answer them as JSON
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const db = new Database(join(mkdtempSync(join(tmpdir(), 'kairos-floor-')), 'floor.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`create table tokens (hash text primary key, permissions text not null, subs text not null, origin text not null, issued_at integer not null, expires_at integer not null);
create table events (event_uid text primary key, calendar_id text not null, sub text not null, summary text not null, description text not null,
  start_ms integer not null, end_ms integer not null, location text, transparency text not null, status text not null, created integer not null, updated integer not null);
create index events_sub_start on events (sub, start_ms);`);
const insertToken = db.prepare('insert into tokens values (?, ?, ?, ?, ?, ?)');
const insertAll = db.transaction((rows) => {
  for (const row of rows) insertToken.run(...row);
});
// Rows queued in this turn of the event loop, committed together after its I/O callbacks.
let queued = [];
function insertDurably(row, then) {
  queued.push({ row, then });
  if (queued.length > 1) return;
  setImmediate(() => {
    const batch = queued;
    queued = [];
    insertAll(batch.map((q) => q.row));
    for (const q of batch) q.then();
  });
}
const insertEvent = db.prepare('insert into events values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
const day0 = Date.UTC(2026, 5, 1);
db.transaction(() => {
  for (let i = 0; i < 100; i++) {
    const start = day0 + i * 3 * 3_600_000;
    insertEvent.run(`evt_${String(i).padStart(24, '0')}`, 'cal_floor00000000', 'apc_floor', `Event ${i}`, '', start, start + 1_800_000, JSON.stringify({ description: 'Room 1' }), 'opaque', 'confirmed', day0, day0);
  }
})();
const selectEvents = db.prepare('select * from events where sub = ? and start_ms < ? and end_ms > ?');
const iso = (ms) => new Date(ms).toISOString().slice(0, 19) + 'Z';

function answer(res, body) {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.url === '/mint') {
      const r = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      createHash('sha256').update(req.headers.authorization ?? '').digest('hex');
      const token = randomBytes(32).toString('base64url');
      const now = Date.now();
      const row = [createHash('sha256').update(token).digest('hex'), JSON.stringify(r.permissions), JSON.stringify(r.subs), r.origin, now, now + 64_800_000];
      insertDurably(row, () => answer(res, JSON.stringify({ element_token: { permissions: r.permissions, origin: r.origin, token, expires_in: 64800 } })));
      return;
    }
    const rows = selectEvents.all('apc_floor', day0 + 14 * 86_400_000, day0);
    answer(
      res,
      JSON.stringify({
        pages: { current: 1, total: 1 },
        events: rows.map((e) => ({
          calendar_id: e.calendar_id,
          event_uid: e.event_uid,
          summary: e.summary,
          description: e.description,
          start: iso(e.start_ms),
          end: iso(e.end_ms),
          location: JSON.parse(e.location),
          transparency: e.transparency,
          status: e.status,
          created: iso(e.created),
          updated: iso(e.updated),
        })),
      }),
    );
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stderr.write(`listening on http://127.0.0.1:${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
