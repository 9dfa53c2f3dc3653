/** Event upsert and delete (PROTOCOL §5.6.3, §5.6.4). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCalendar, authorizeFor, bearer, body, expect202, expect422, importedEvent, personAccount, type Json, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const BASE = { event_id: 'booking-1', summary: 'Interview', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' };
const WINDOW = 'from=2026-05-25&to=2026-06-20';

describe('event writes', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let acc: PersonAccount;

  beforeEach(async () => {
    h = await createHarness();
    app = await h.newApp();
    acc = await personAccount(h, app.applicationId);
  });
  afterEach(async () => h.close());

  const upsert = (json: unknown, calendarId = acc.calendarId, token = acc.accessToken) =>
    h.call('POST', `/v1/calendars/${calendarId}/events`, { headers: bearer(token), json });
  const del = (json: unknown, calendarId = acc.calendarId, token = acc.accessToken) =>
    h.call('DELETE', `/v1/calendars/${calendarId}/events`, { headers: bearer(token), json });
  const list = async (query = '', token = acc.accessToken): Promise<Json[]> => {
    const res = await h.call('GET', `/v1/events?${WINDOW}&include_managed=true${query}`, { headers: bearer(token) });
    expect(res.status).toBe(200);
    return (await body(res)).events;
  };

  describe('upsert', () => {
    it('creates a managed event: 202 with an empty body, visible at once with the full event shape', async () => {
      await expect202(await upsert({ ...BASE, description: 'Round 2', location: { description: 'Room 1' } }));
      const [e, ...rest] = await list();
      expect(rest).toEqual([]);
      expect(Object.keys(e).sort()).toEqual(
        [
          'attendees',
          'calendar_id',
          'categories',
          'created',
          'deleted',
          'description',
          'end',
          'event_id',
          'event_private',
          'event_uid',
          'location',
          'options',
          'organizer',
          'participation_status',
          'recurring',
          'start',
          'status',
          'summary',
          'transparency',
          'updated',
        ].sort(),
      );
      expect(e).toMatchObject({
        calendar_id: acc.calendarId,
        event_id: 'booking-1',
        summary: 'Interview',
        description: 'Round 2',
        start: '2026-06-02T09:00:00Z',
        end: '2026-06-02T10:00:00Z',
        deleted: false,
        created: '2026-06-01T10:00:00Z',
        updated: '2026-06-01T10:00:00Z',
        location: { description: 'Room 1' },
        transparency: 'opaque',
        status: 'confirmed',
        categories: [],
        recurring: false,
        options: { delete: true, update: true, change_participation_status: false },
      });
      expect(e.event_uid).toMatch(/^evt_/);
      expect(e.event_uid).not.toMatch(/^evt_external_/);
    });

    it('an empty description is "" and never null', async () => {
      await expect202(await upsert(BASE));
      const [e] = await list();
      expect(e.description).toBe('');
    });

    it('updates: given fields replace, omitted fields stay, event_uid never changes', async () => {
      await expect202(await upsert({ ...BASE, description: 'Keep me', transparency: 'transparent', location: { description: 'Room 1' } }));
      const [before] = await list();
      h.clock.advance(60_000);
      await expect202(await upsert({ event_id: 'booking-1', summary: 'Interview (moved)', start: '2026-06-03T09:00:00Z', end: '2026-06-03T11:00:00Z' }));
      const [after, ...rest] = await list();
      expect(rest).toEqual([]);
      expect(after.event_uid).toBe(before.event_uid);
      expect(after).toMatchObject({
        summary: 'Interview (moved)',
        description: 'Keep me',
        transparency: 'transparent',
        location: { description: 'Room 1' },
        start: '2026-06-03T09:00:00Z',
        end: '2026-06-03T11:00:00Z',
        created: before.created,
        updated: '2026-06-01T10:01:00Z',
      });
      // Only event_id: nothing else changes.
      await expect202(await upsert({ event_id: 'booking-1' }));
      const [again] = await list();
      expect({ ...again, updated: null }).toEqual({ ...after, updated: null });
    });

    it('the same event_id on another calendar is a different event', async () => {
      const second = await addCalendar(h, acc);
      await expect202(await upsert(BASE));
      await expect202(await upsert({ ...BASE, summary: 'Other' }, second));
      const events = await list();
      expect(events).toHaveLength(2);
      expect(new Set(events.map((e) => e.event_uid)).size).toBe(2);
      expect(events.map((e) => [e.calendar_id, e.summary]).sort()).toEqual([[acc.calendarId, 'Interview'], [second, 'Other']].sort());
    });

    it('the same event_id from another application is a different event; to it, ours is not managed', async () => {
      const other = await h.newApp('Other');
      const theirToken = await authorizeFor(h, other.applicationId, acc.sub);
      await expect202(await upsert(BASE));
      await expect202(await upsert({ ...BASE, summary: 'Theirs' }, acc.calendarId, theirToken));
      const mine = await list('&only_managed=true');
      expect(mine.map((e) => e.summary)).toEqual(['Interview']);
      const theirsOnly = await list('&only_managed=true', theirToken);
      expect(theirsOnly.map((e) => e.summary)).toEqual(['Theirs']);
      // Without include_managed, another application's events are ordinary events, without event_id.
      const res = await h.call('GET', `/v1/events?${WINDOW}`, { headers: bearer(theirToken) });
      const plain: Json[] = (await body(res)).events;
      expect(plain.map((e) => e.summary)).toEqual(['Interview']);
      expect(plain[0]).not.toHaveProperty('event_id');
      expect(plain[0].options).toEqual({ delete: false, update: false, change_participation_status: false });
    });

    it('all-day events take Dates; end is exclusive', async () => {
      await expect202(await upsert({ ...BASE, start: '2026-06-02', end: '2026-06-04' }));
      const [e] = await list();
      expect(e.start).toBe('2026-06-02');
      expect(e.end).toBe('2026-06-04');
    });

    it('Time with zone: the instant is stored, output as a UTC Time', async () => {
      await expect202(await upsert({ ...BASE, start: { time: '2026-06-02T09:00:00+02:00', tzid: 'Europe/Paris' }, end: { time: '2026-06-02T08:30:00Z', tzid: 'Europe/Paris' } }));
      const [e] = await list();
      expect(e.start).toBe('2026-06-02T07:00:00Z');
      expect(e.end).toBe('2026-06-02T08:30:00Z');
    });

    it('offsets and zero fractions are accepted and output as plain UTC', async () => {
      await expect202(await upsert({ ...BASE, start: '2026-06-02T09:00:00.000-01:00', end: '2026-06-02T12:00:00.0+01:00' }));
      const [e] = await list();
      expect([e.start, e.end]).toEqual(['2026-06-02T10:00:00Z', '2026-06-02T11:00:00Z']);
    });

    it('a Time start and Time-with-zone end are the same kind', async () => {
      await expect202(await upsert({ ...BASE, end: { time: '2026-06-02T10:00:00Z', tzid: 'UTC' } }));
      expect(await list()).toHaveLength(1);
    });

    it('bounds of the right form outside 1900–2199 or the calendar → 422 saying so; an offset cannot carry a Time out', async () => {
      const res = await upsert({ ...BASE, start: '1900-01-01T00:00:00+14:00', end: '0001-01-01' });
      expect(res.status).toBe(422);
      expect((await res.json()).errors).toEqual({
        start: [{ key: 'errors.invalid', description: 'start must be a time in the years 1900–2199 (UTC)' }],
        end: [{ key: 'errors.invalid', description: 'end must be a date in the years 1900–2199' }],
      });
      expect(await list()).toHaveLength(0);
    });

    it('mixed kinds → 422 invalid, on create and on update', async () => {
      for (const [start, end] of [
        ['2026-06-02', '2026-06-03T10:00:00Z'],
        ['2026-06-02T09:00:00Z', '2026-06-03'],
        [{ time: '2026-06-02T09:00:00Z', tzid: 'UTC' }, '2026-06-03'],
      ]) {
        const res = await upsert({ ...BASE, start, end });
        expect(res.status).toBe(422);
        const keys = Object.values((await res.json()).errors as Record<string, { key: string }[]>).flat().map((x) => x.key);
        expect(keys).toContain('errors.invalid');
      }
      await expect202(await upsert(BASE));
      const res = await upsert({ event_id: BASE.event_id, start: '2026-06-02' });
      expect(res.status).toBe(422);
      // The stored event is unchanged.
      expect((await list())[0].start).toBe(BASE.start);
    });

    it('end ≤ start → 422 invalid', async () => {
      for (const [start, end] of [
        ['2026-06-02T10:00:00Z', '2026-06-02T10:00:00Z'],
        ['2026-06-02T10:00:00Z', '2026-06-02T09:59:59Z'],
        ['2026-06-02T10:00:00+00:00', '2026-06-02T11:00:00+01:00'],
        ['2026-06-02', '2026-06-02'],
        ['2026-06-03', '2026-06-02'],
      ]) {
        const res = await upsert({ ...BASE, start, end });
        expect(res.status, `${start} ${end}`).toBe(422);
      }
      // An update that only moves start past the stored end is refused too.
      await expect202(await upsert(BASE));
      expect((await upsert({ event_id: BASE.event_id, start: '2026-06-02T11:00:00Z' })).status).toBe(422);
      expect(await list()).toHaveLength(1);
    });

    it('required fields on create', async () => {
      await expect422(await upsert({ event_id: 'x' }), { summary: ['errors.required'], start: ['errors.required'], end: ['errors.required'] });
      await expect422(await upsert({ ...BASE, event_id: undefined }), { event_id: ['errors.required'] });
      await expect422(await upsert({ ...BASE, summary: '' }), { summary: ['errors.required'] });
      await expect422(await upsert({ ...BASE, summary: null }), { summary: ['errors.required'] });
      expect(await list()).toEqual([]);
    });

    const limits: [string, Record<string, unknown>, Record<string, string[]> | null][] = [
      ['summary of 1024 characters', { summary: 's'.repeat(1024) }, null],
      ['summary of 1024 emoji', { summary: '📅'.repeat(1024) }, null],
      ['summary of 1025 characters', { summary: 's'.repeat(1025) }, { summary: ['errors.too_long'] }],
      ['description of 4096 characters', { description: 'd'.repeat(4096) }, null],
      ['description of 4097 characters', { description: 'd'.repeat(4097) }, { description: ['errors.too_long'] }],
      ['summary a number', { summary: 5 }, { summary: ['errors.invalid'] }],
      ['event_id of 255 characters', { event_id: 'e'.repeat(255) }, null],
      ['event_id of 256 characters', { event_id: 'e'.repeat(256) }, { event_id: ['errors.too_long'] }],
      ['event_id with a control character', { event_id: 'a\u0007b' }, { event_id: ['errors.invalid'] }],
      ['event_id a number', { event_id: 42 }, { event_id: ['errors.invalid'] }],
      ['5 reminders', { reminders: [0, 10, 20, 30, 40320].map((minutes) => ({ minutes })) }, null],
      ['6 reminders', { reminders: [1, 2, 3, 4, 5, 6].map((minutes) => ({ minutes })) }, { reminders: ['errors.too_many'] }],
      ['a reminder of 40321 minutes', { reminders: [{ minutes: 40321 }] }, { reminders: ['errors.out_of_range'] }],
      ['a negative reminder', { reminders: [{ minutes: -1 }] }, { reminders: ['errors.out_of_range'] }],
      ['a string reminder', { reminders: [{ minutes: '10' }] }, { reminders: ['errors.invalid'] }],
      ['reminders not an array', { reminders: { minutes: 10 } }, { reminders: ['errors.invalid'] }],
      ['an unknown tzid', { tzid: 'Mars/Olympus' }, { tzid: ['errors.invalid'] }],
      ['a backward-link tzid', { tzid: 'Europe/Kiev' }, null],
      ['transparency "busy"', { transparency: 'busy' }, { transparency: ['errors.not_recognized'] }],
      ['a javascript url', { url: 'javascript:alert(1)' }, { url: ['errors.invalid'] }],
      ['a long url', { url: 'https://x.example/' + 'a'.repeat(2048) }, { url: ['errors.too_long'] }],
      ['an https url', { url: 'https://meet.example/abc' }, null],
      ['a bad colour', { color: 'red' }, { color: ['errors.invalid'] }],
      ['a colour', { color: '#A1B2C3' }, null],
      ['a start that is not a Time', { start: '2026-06-02T09:00:00.5Z' }, { start: ['errors.invalid'] }],
      ['an end with an unknown zone', { end: { time: '2026-06-02T10:00:00Z', tzid: 'Nowhere/City' } }, { end: ['errors.invalid'] }],
      ['an absurd year', { start: '99999-06-02T09:00:00Z' }, { start: ['errors.invalid'] }],
      ['year 0000', { start: '0000-06-02' }, { start: ['errors.invalid'] }],
      ['a latitude out of range', { location: { description: 'x', lat: 91, long: 0 } }, { location: ['errors.invalid'] }],
      ['attendees.invite not an array', { attendees: { invite: 'a@b.c' } }, { attendees: ['errors.invalid'] }],
    ];
    it.each(limits)('%s', async (_name, patch, expected) => {
      const res = await upsert({ ...BASE, ...patch });
      if (expected === null) await expect202(res);
      else {
        await expect422(res, expected);
        expect(await list()).toEqual([]);
      }
    });

    it('reports several problems together', async () => {
      await expect422(await upsert({ event_id: '', summary: 's'.repeat(2000), start: 'soon', end: 'later', transparency: 'x' }), {
        event_id: ['errors.required'],
        summary: ['errors.too_long'],
        start: ['errors.invalid'],
        end: ['errors.invalid'],
        transparency: ['errors.not_recognized'],
      });
    });

    it('attendees: invite adds with needs_action, reject removes', async () => {
      await expect202(await upsert({ ...BASE, attendees: { invite: [{ email: 'a@example.com', display_name: 'A' }, { email: 'b@example.com' }] } }));
      let [e] = await list();
      expect(e.attendees).toEqual([
        { email: 'a@example.com', display_name: 'A', status: 'needs_action' },
        { email: 'b@example.com', display_name: 'b@example.com', status: 'needs_action' },
      ]);
      await expect202(await upsert({ event_id: BASE.event_id, attendees: { reject: [{ email: 'A@example.com' }] } }));
      [e] = await list();
      expect(e.attendees.map((a: Json) => a.email)).toEqual(['b@example.com']);
    });

    it('attendees: at most 500 per event; re-invites and case variants do not count twice', async () => {
      const invites = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ email: `p${from + i}@example.com`, display_name: `P ${from + i}` }));
      await expect202(await upsert({ ...BASE, attendees: { invite: invites(0, 300) } }));
      await expect202(await upsert({ event_id: BASE.event_id, attendees: { invite: invites(300, 200) } }));
      expect((await list())[0].attendees).toHaveLength(500);
      // One more would exceed the cap: refused, and the event is unchanged.
      await expect422(await upsert({ event_id: BASE.event_id, summary: 'Changed', attendees: { invite: invites(500, 1) } }), { attendees: ['errors.too_many'] });
      let [e] = await list();
      expect(e.summary).toBe('Interview');
      expect(e.attendees).toHaveLength(500);
      // Already invited (in any case, or twice in one list): nothing to add, so accepted.
      await expect202(await upsert({ event_id: BASE.event_id, attendees: { invite: [{ email: 'P7@EXAMPLE.com' }, { email: 'p7@example.com' }, ...invites(0, 10)] } }));
      // Making room first: a reject and an invite in one upsert stay within the cap.
      await expect202(await upsert({ event_id: BASE.event_id, attendees: { invite: invites(500, 1), reject: [{ email: 'p0@example.com' }] } }));
      [e] = await list();
      expect(e.attendees).toHaveLength(500);
      expect(e.attendees.map((a: Json) => a.email)).toContain('p500@example.com');
      expect(e.attendees.map((a: Json) => a.email)).not.toContain('p0@example.com');
      expect(e.attendees.filter((a: Json) => a.email.toLowerCase() === 'p7@example.com')).toHaveLength(1);
      // More than 500 in one list is too many as well.
      await expect422(await upsert({ ...BASE, event_id: 'other', attendees: { invite: invites(0, 501) } }), { attendees: ['errors.too_many'] });
      await expect422(await upsert({ ...BASE, event_id: 'other', attendees: { reject: invites(0, 501) } }), { attendees: ['errors.too_many'] });
    });

    it('a read-only or deleted calendar → 422 calendar_id invalid', async () => {
      const ro = await addCalendar(h, acc, { readonly: true });
      const gone = await addCalendar(h, acc, { deleted: true });
      await expect422(await upsert(BASE, ro), { calendar_id: ['errors.invalid'] });
      await expect422(await upsert(BASE, gone), { calendar_id: ['errors.invalid'] });
    });

    it('reports the calendar and the body problems in one 422', async () => {
      const ro = await addCalendar(h, acc, { readonly: true });
      await expect422(await upsert({ ...BASE, summary: 'x'.repeat(1025), transparency: 'sometimes' }, ro), {
        calendar_id: ['errors.invalid'],
        summary: ['errors.too_long'],
        transparency: ['errors.not_recognized'],
      });
    });

    it('works on application calendars', async () => {
      const apc = await h.newAccount(app.applicationId);
      await expect202(await upsert(BASE, apc.calendarId, apc.accessToken));
      expect((await list('', apc.accessToken)).map((e) => e.summary)).toEqual(['Interview']);
    });
  });

  describe('delete', () => {
    it('by event_id: 202 empty, gone at once, idempotent; include_deleted shows it deleted', async () => {
      await expect202(await upsert(BASE));
      const [created] = await list();
      h.clock.advance(1000);
      await expect202(await del({ event_id: BASE.event_id }));
      expect(await list()).toEqual([]);
      await expect202(await del({ event_id: BASE.event_id }));
      await expect202(await del({ event_id: 'never-existed' }));
      const withDeleted = await list('&include_deleted=true');
      expect(withDeleted).toHaveLength(1);
      expect(withDeleted[0]).toMatchObject({ event_uid: created.event_uid, deleted: true, updated: '2026-06-01T10:00:01Z' });
      expect(withDeleted[0].options).toEqual({ delete: false, update: false, change_participation_status: false });
    });

    it('by event_uid, also for an imported event on a writable calendar', async () => {
      await expect202(await upsert(BASE));
      const [created] = await list();
      await expect202(await del({ event_uid: created.event_uid }));
      expect(await list()).toEqual([]);
      const uid = await importedEvent(h, acc, { start: '2026-06-03T09:00:00Z', end: '2026-06-03T10:00:00Z' });
      expect(await list()).toHaveLength(1);
      await expect202(await del({ event_uid: uid }));
      expect(await list()).toEqual([]);
      await expect202(await del({ event_uid: uid }));
      await expect202(await del({ event_uid: 'evt_unknown' }));
    });

    it('by event_uid on a read-only calendar → 422', async () => {
      const ro = await addCalendar(h, acc, { readonly: true });
      const uid = await importedEvent(h, { sub: acc.sub, calendarId: ro }, { start: '2026-06-03T09:00:00Z', end: '2026-06-03T10:00:00Z' });
      await expect422(await del({ event_uid: uid }, ro), { calendar_id: ['errors.invalid'] });
      expect(await list()).toHaveLength(1);
    });

    it('an event_uid of another calendar does nothing', async () => {
      const second = await addCalendar(h, acc);
      const uid = await importedEvent(h, { sub: acc.sub, calendarId: second }, { start: '2026-06-03T09:00:00Z', end: '2026-06-03T10:00:00Z' });
      await expect202(await del({ event_uid: uid }));
      expect(await list()).toHaveLength(1);
    });

    it("another application's event_id does not match", async () => {
      const other = await h.newApp('Other');
      const theirToken = await authorizeFor(h, other.applicationId, acc.sub);
      await expect202(await upsert(BASE, acc.calendarId, theirToken));
      await expect202(await del({ event_id: BASE.event_id }));
      expect(await list('', theirToken)).toHaveLength(1);
    });

    it("another application's managed event cannot be deleted by its event_uid", async () => {
      const other = await h.newApp('Other');
      const theirToken = await authorizeFor(h, other.applicationId, acc.sub);
      await expect202(await upsert(BASE, acc.calendarId, theirToken));
      const [theirs] = await list('', theirToken);
      // Seen by this application as an ordinary event it may not delete…
      const [seen] = await list();
      expect(seen).toMatchObject({ event_uid: theirs.event_uid, options: { delete: false } });
      // …and a delete by its event_uid is a no-op (202, as for an unknown uid).
      await expect202(await del({ event_uid: theirs.event_uid }));
      expect(await list('', theirToken)).toMatchObject([{ event_uid: theirs.event_uid, deleted: false }]);
      // The owner still can.
      await expect202(await del({ event_uid: theirs.event_uid }, acc.calendarId, theirToken));
      expect(await list('', theirToken)).toEqual([]);
    });

    it('both or neither of event_id and event_uid → 422', async () => {
      await expect202(await upsert(BASE));
      const [e] = await list();
      for (const json of [{}, { event_id: BASE.event_id, event_uid: e.event_uid }, { event_id: null, event_uid: null }]) {
        const res = await del(json);
        expect(res.status, JSON.stringify(json)).toBe(422);
        expect(await body(res)).toHaveProperty('errors');
      }
      expect(await list()).toHaveLength(1);
      // A DELETE without a body at all is also a 422, never a 5xx.
      const bare = await h.call('DELETE', `/v1/calendars/${acc.calendarId}/events`, { headers: bearer(acc.accessToken) });
      expect(bare.status).toBe(422);
    });

    it('a deleted event upserted again comes back', async () => {
      await expect202(await upsert(BASE));
      await expect202(await del({ event_id: BASE.event_id }));
      await expect202(await upsert({ event_id: BASE.event_id, summary: 'Back' }));
      const events = await list();
      expect(events.map((e) => [e.summary, e.deleted])).toEqual([['Back', false]]);
    });
  });
});
