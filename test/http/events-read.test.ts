/** GET /v1/events parameters, selection, sorting and userinfo (PROTOCOL §5.6.1, §4.5 E2). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCalendar, authorizeFor, bearer, body, expect202, expect422, importedEvent, personAccount, type Json, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const ORIGIN = 'https://app.example.com';

describe('GET /v1/events', () => {
  let h: Harness;
  let app: { applicationId: string; apiKey: string };
  let acc: PersonAccount;

  beforeEach(async () => {
    // 2026-06-01T10:00:00Z
    h = await createHarness();
    app = await h.newApp();
    acc = await personAccount(h, app.applicationId);
  });
  afterEach(async () => h.close());

  const read = (query: string, token = acc.accessToken) => h.call('GET', `/v1/events?${query}`, { headers: bearer(token) });
  const summaries = async (query: string, token = acc.accessToken): Promise<string[]> => {
    const res = await read(query, token);
    const b = await body(res);
    expect(res.status, JSON.stringify(b)).toBe(200);
    return b.events.map((e: Json) => e.summary);
  };
  const managed = (event_id: string, summary: string, start: string, end: string) =>
    h.call('POST', `/v1/calendars/${acc.calendarId}/events`, { headers: bearer(acc.accessToken), json: { event_id, summary, start, end } });

  describe('default window: today −16 days to today +201 days, in tzid', () => {
    it('in Etc/UTC', async () => {
      // today = 2026-06-01 → [2026-05-16T00:00Z, 2026-12-19T00:00Z)
      await importedEvent(h, acc, { summary: 'ends at from', start: '2026-05-15T23:00:00Z', end: '2026-05-16T00:00:00Z' });
      await importedEvent(h, acc, { summary: 'ends after from', start: '2026-05-15T23:00:00Z', end: '2026-05-16T00:00:01Z' });
      await importedEvent(h, acc, { summary: 'starts before to', start: '2026-12-18T23:59:59Z', end: '2026-12-19T01:00:00Z' });
      await importedEvent(h, acc, { summary: 'starts at to', start: '2026-12-19T00:00:00Z', end: '2026-12-19T01:00:00Z' });
      await importedEvent(h, acc, { summary: 'all-day ends at from', start: '2026-05-15', end: '2026-05-16' });
      await importedEvent(h, acc, { summary: 'all-day last day', start: '2026-12-18', end: '2026-12-19' });
      await importedEvent(h, acc, { summary: 'all-day at to', start: '2026-12-19', end: '2026-12-20' });
      expect(await summaries('')).toEqual(['ends after from', 'all-day last day', 'starts before to']);
    });

    it('today is taken in tzid', async () => {
      // At 2026-06-01T10:00Z it is already 2026-06-02 in Kiritimati (UTC+14): from = 2026-05-17 00:00+14.
      await importedEvent(h, acc, { summary: 'May 16 UTC evening', start: '2026-05-16T09:00:00Z', end: '2026-05-16T09:30:00Z' });
      await importedEvent(h, acc, { summary: 'just inside', start: '2026-05-16T09:30:00Z', end: '2026-05-16T10:00:01Z' });
      expect(await summaries('tzid=Pacific/Kiritimati')).toEqual(['just inside']);
      expect(await summaries('')).toEqual(['May 16 UTC evening', 'just inside']);
    });

    it('managed events are not restricted by the default window, but are by explicit bounds', async () => {
      await expect202(await managed('far', 'Far future', '2027-06-01T09:00:00Z', '2027-06-01T10:00:00Z'));
      await expect202(await managed('past', 'Long ago', '2025-01-01T09:00:00Z', '2025-01-01T10:00:00Z'));
      await importedEvent(h, acc, { summary: 'Far imported', start: '2027-06-01T09:00:00Z', end: '2027-06-01T10:00:00Z' });
      expect(await summaries('include_managed=true')).toEqual(['Long ago', 'Far future']);
      expect(await summaries('only_managed=true')).toEqual(['Long ago', 'Far future']);
      expect(await summaries('include_managed=true&from=2026-06-01&to=2026-06-30')).toEqual([]);
      expect((await summaries('include_managed=true&from=2027-05-01&to=2027-07-01')).sort()).toEqual(['Far future', 'Far imported']);
      // Without include_managed the bypass does not apply.
      expect(await summaries('')).toEqual([]);
    });
  });

  describe('explicit bounds', () => {
    it('timed events: start < to and end > from, at 00:00 in tzid', async () => {
      // Window 2026-06-10 .. 2026-06-12 in America/New_York = [06-10T04:00Z, 06-12T04:00Z).
      const table: [string, string, string, boolean][] = [
        ['a', '2026-06-10T03:00:00Z', '2026-06-10T04:00:00Z', false],
        ['b', '2026-06-10T03:00:00Z', '2026-06-10T04:00:01Z', true],
        ['c', '2026-06-12T03:59:59Z', '2026-06-12T05:00:00Z', true],
        ['d', '2026-06-12T04:00:00Z', '2026-06-12T05:00:00Z', false],
        ['e', '2026-06-01T00:00:00Z', '2026-06-30T00:00:00Z', true],
      ];
      for (const [summary, start, end] of table) await importedEvent(h, acc, { summary, start, end });
      const expected = table.filter((r) => r[3]).map((r) => r[0]);
      expect((await summaries('from=2026-06-10&to=2026-06-12&tzid=America/New_York')).sort()).toEqual(expected);
    });

    it('all-day events: start date < to and exclusive end date > from, whatever tzid', async () => {
      const table: [string, string, string, boolean][] = [
        ['ends at from', '2026-06-09', '2026-06-10', false],
        ['first day', '2026-06-10', '2026-06-11', true],
        ['spans', '2026-06-01', '2026-06-20', true],
        ['last day', '2026-06-11', '2026-06-12', true],
        ['starts at to', '2026-06-12', '2026-06-13', false],
      ];
      for (const [summary, start, end] of table) await importedEvent(h, acc, { summary, start, end });
      const expected = table.filter((r) => r[3]).map((r) => r[0]).sort();
      for (const tz of ['Etc/UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
        expect((await summaries(`from=2026-06-10&to=2026-06-12&tzid=${tz}`)).sort(), tz).toEqual(expected);
      }
    });

    it('from ≥ to → 422 invalid', async () => {
      for (const q of ['from=2026-06-10&to=2026-06-10', 'from=2026-06-11&to=2026-06-10', 'from=2030-01-01', 'to=2026-01-01']) {
        const res = await read(q);
        expect(res.status, q).toBe(422);
        const b = await body(res);
        const keys = Object.entries(b.errors as Record<string, { key: string }[]>).flatMap(([k, v]) => v.map((x) => `${k}:${x.key}`));
        expect(keys.some((k) => /^(from|to):errors\.invalid$/.test(k)), q).toBe(true);
      }
    });

    it('malformed bounds and zones → 422 naming the parameter', async () => {
      await expect422(await read('from=2026-6-1&to=2026-06-10'), { from: ['errors.invalid'] });
      await expect422(await read('from=2026-06-01&to=2026-02-30'), { to: ['errors.invalid'] });
      await expect422(await read('from=99999-01-01&to=2026-06-10'), { from: ['errors.invalid'] });
      await expect422(await read('from=0000-01-01&to=2026-06-10'), { from: ['errors.invalid'] });
      await expect422(await read('from=2026-06-01T00:00:00Z&to=2026-06-10'), { from: ['errors.invalid'] });
      await expect422(await read('tzid=Mars/Base'), { tzid: ['errors.invalid'] });
      await expect422(await read('tzid=+01:00'), { tzid: ['errors.invalid'] });
      await expect422(await read('last_modified=yesterday'), { last_modified: ['errors.invalid'] });
    });

    it('a date of the right form outside the accepted years or the calendar is described as such', async () => {
      const res = await read('from=0001-01-01&to=2026-02-30');
      expect(res.status).toBe(422);
      expect((await body(res)).errors).toEqual({
        from: [{ key: 'errors.invalid', description: 'from must be a date in the years 1900–2199' }],
        to: [{ key: 'errors.invalid', description: 'to is not a day of the calendar (2026-02-30)' }],
      });
    });

    it('tzid accepts backward links', async () => {
      for (const tz of ['UTC', 'Europe/Kiev', 'US/Eastern', 'Etc/GMT%2B5']) expect((await read(`tzid=${tz}`)).status, tz).toBe(200);
    });
  });

  describe('managed filters', () => {
    beforeEach(async () => {
      await expect202(await managed('m1', 'Mine', '2026-06-02T09:00:00Z', '2026-06-02T10:00:00Z'));
      await importedEvent(h, acc, { summary: 'Imported', start: '2026-06-02T08:00:00Z', end: '2026-06-02T08:30:00Z' });
      const other = await h.newApp('Other');
      const theirs = await authorizeFor(h, other.applicationId, acc.sub);
      await expect202(
        await h.call('POST', `/v1/calendars/${acc.calendarId}/events`, { headers: bearer(theirs), json: { event_id: 'm1', summary: 'Theirs', start: '2026-06-02T11:00:00Z', end: '2026-06-02T12:00:00Z' } }),
      );
    });
    const W = 'from=2026-06-01&to=2026-06-05';

    it.each([
      ['', ['Imported', 'Theirs']],
      ['&include_managed=false', ['Imported', 'Theirs']],
      ['&include_managed=true', ['Imported', 'Mine', 'Theirs']],
      ['&only_managed=true', ['Mine']],
      ['&only_managed=true&include_managed=false', ['Mine']],
      ['&only_managed=false&include_managed=true', ['Imported', 'Mine', 'Theirs']],
    ])('%s', async (q, expected) => {
      expect(await summaries(W + q)).toEqual(expected);
    });

    it('only the calling application sees event_id', async () => {
      const b = await body(await read(`${W}&include_managed=true`));
      const byName = Object.fromEntries(b.events.map((e: Json) => [e.summary, e]));
      expect(byName.Mine.event_id).toBe('m1');
      expect(byName.Theirs).not.toHaveProperty('event_id');
      expect(byName.Imported).not.toHaveProperty('event_id');
      expect(byName.Imported.event_uid).toMatch(/^evt_external_/);
    });

    it('with an element token, managed means managed by the token application', async () => {
      const et = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN });
      const res = await h.call('GET', `/v1/events?${W}&only_managed=true&et=${et}`, { headers: { origin: ORIGIN } });
      expect((await body(res)).events.map((e: Json) => e.summary)).toEqual(['Mine']);
    });
  });

  describe('query booleans', () => {
    it.each(['true', 'TRUE', 'True', '1'])('include_managed=%s is true', async (v) => {
      await expect202(await managed('m1', 'Mine', '2026-06-02T09:00:00Z', '2026-06-02T10:00:00Z'));
      expect(await summaries(`from=2026-06-01&to=2026-06-05&include_managed=${v}`)).toEqual(['Mine']);
    });
    it.each(['false', 'FALSE', '0'])('include_managed=%s is false', async (v) => {
      await expect202(await managed('m1', 'Mine', '2026-06-02T09:00:00Z', '2026-06-02T10:00:00Z'));
      expect(await summaries(`from=2026-06-01&to=2026-06-05&include_managed=${v}`)).toEqual([]);
    });
    it.each(['include_managed', 'only_managed', 'include_deleted', 'include_geo', 'include_userinfo'])('%s=yes → 422 invalid', async (name) => {
      await expect422(await read(`${name}=yes`), { [name]: ['errors.invalid'] });
    });
    it('several bad booleans are all reported', async () => {
      await expect422(await read('include_managed=yes&include_geo=2&from=bad'), {
        include_managed: ['errors.invalid'],
        include_geo: ['errors.invalid'],
        from: ['errors.invalid'],
      });
    });
    it('unknown parameters, include_moved and localized_times are ignored', async () => {
      expect((await read('include_moved=true&localized_times=true&whatever=1&calendar=x')).status).toBe(200);
    });
  });

  describe('last_modified', () => {
    it('returns only events updated at or after it', async () => {
      await importedEvent(h, acc, { summary: 'old', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z', updated: Date.parse('2026-05-01T00:00:00Z') });
      await importedEvent(h, acc, { summary: 'exact', start: '2026-06-02T10:00:00Z', end: '2026-06-02T11:00:00Z', updated: Date.parse('2026-05-20T12:00:00Z') });
      await importedEvent(h, acc, { summary: 'new', start: '2026-06-02T11:00:00Z', end: '2026-06-02T12:00:00Z', updated: Date.parse('2026-05-30T00:00:00Z') });
      expect(await summaries('last_modified=2026-05-20T12:00:00Z')).toEqual(['exact', 'new']);
      expect(await summaries('last_modified=2026-05-20T14:00:00%2B02:00')).toEqual(['exact', 'new']);
      expect(await summaries('last_modified=2026-05-20T12:00:01Z')).toEqual(['new']);
    });
  });

  describe('calendar_ids', () => {
    it('restricts to the listed calendars, with [] or repeated names', async () => {
      const second = await addCalendar(h, acc);
      await importedEvent(h, acc, { summary: 'one', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z' });
      await importedEvent(h, { sub: acc.sub, calendarId: second }, { summary: 'two', start: '2026-06-02T10:00:00Z', end: '2026-06-02T11:00:00Z' });
      expect(await summaries('')).toEqual(['one', 'two']);
      expect(await summaries(`calendar_ids[]=${second}`)).toEqual(['two']);
      expect(await summaries(`calendar_ids%5B%5D=${second}`)).toEqual(['two']);
      expect(await summaries(`calendar_ids=${acc.calendarId}`)).toEqual(['one']);
      expect(await summaries(`calendar_ids[]=${acc.calendarId}&calendar_ids[]=${second}`)).toEqual(['one', 'two']);
    });

    it("another account's calendar → 422 calendar_ids not_recognized", async () => {
      const other = await personAccount(h, app.applicationId);
      await expect422(await read(`calendar_ids[]=${acc.calendarId}&calendar_ids[]=${other.calendarId}`), { calendar_ids: ['errors.not_recognized'] });
      await expect422(await read('calendar_ids[]=cal_nope'), { calendar_ids: ['errors.not_recognized'] });
      // Also with an element token: calendars must be the primary sub's.
      const et = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub, other.sub], origin: ORIGIN });
      const res = await h.call('GET', `/v1/events?calendar_ids[]=${other.calendarId}&et=${et}`, { headers: { origin: ORIGIN } });
      await expect422(res, { calendar_ids: ['errors.not_recognized'] });
    });
  });

  describe('include_geo', () => {
    it('adds lat/long only when asked', async () => {
      await importedEvent(h, acc, { summary: 'geo', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z', location: { description: 'Office', lat: 51.5, long: -0.12 } });
      const plain = (await body(await read(''))).events[0];
      expect(plain.location).toEqual({ description: 'Office' });
      const geo = (await body(await read('include_geo=true'))).events[0];
      expect(geo.location.description).toBe('Office');
      expect(Number(geo.location.lat)).toBe(51.5);
      expect(Number(geo.location.long)).toBe(-0.12);
    });
  });

  describe('include_userinfo', () => {
    it('the first page carries userinfo identical to GET /v1/userinfo', async () => {
      const b = await body(await read('include_userinfo=true'));
      const ui = await body(await h.call('GET', '/v1/userinfo', { headers: bearer(acc.accessToken) }));
      expect(b.userinfo).toEqual(ui);
      expect(Object.keys(b).sort()).toEqual(['events', 'pages', 'userinfo']);
      expect(b.pages).toEqual({ current: 1, total: 1 });
      expect((await body(await read(''))).userinfo).toBeUndefined();
    });

    it('with an element token, for the primary sub', async () => {
      const et = await h.mint(app.apiKey, { permissions: ['agenda'], subs: [acc.sub], origin: ORIGIN });
      const b = await body(await h.call('GET', `/v1/events?include_userinfo=true&et=${et}`, { headers: { origin: ORIGIN } }));
      expect(b.userinfo.sub).toBe(acc.sub);
      expect(b.userinfo['cronofy.data'].profiles[0].profile_calendars[0].calendar_id).toBe(acc.calendarId);
    });
  });

  describe('sorting', () => {
    it('by start then event_uid; all-day items sit at 00:00 in tzid', async () => {
      await importedEvent(h, acc, { uid: 'evt_external_b', summary: 'B 04:00Z', start: '2026-06-02T04:00:00Z', end: '2026-06-02T05:00:00Z' });
      await importedEvent(h, acc, { uid: 'evt_external_a', summary: 'A 04:00Z', start: '2026-06-02T04:00:00Z', end: '2026-06-02T04:30:00Z' });
      await importedEvent(h, acc, { uid: 'evt_external_c', summary: 'all day', start: '2026-06-02', end: '2026-06-03' });
      await importedEvent(h, acc, { uid: 'evt_external_d', summary: '03:00Z', start: '2026-06-02T03:00:00Z', end: '2026-06-02T03:30:00Z' });
      await importedEvent(h, acc, { uid: 'evt_external_e', summary: '00:30Z', start: '2026-06-02T00:30:00Z', end: '2026-06-02T01:00:00Z' });
      const W = 'from=2026-06-01&to=2026-06-05';
      // UTC: the all-day item is at 00:00Z, before everything.
      expect(await summaries(`${W}`)).toEqual(['all day', '00:30Z', '03:00Z', 'A 04:00Z', 'B 04:00Z']);
      // New York (UTC−4): all-day at 04:00Z ties with A and B and sorts by uid between them.
      expect(await summaries(`${W}&tzid=America/New_York`)).toEqual(['00:30Z', '03:00Z', 'A 04:00Z', 'B 04:00Z', 'all day']);
      // Tokyo (UTC+9): 2026-06-02 00:00 local is 2026-06-01T15:00Z.
      expect(await summaries(`${W}&tzid=Asia/Tokyo`)).toEqual(['all day', '00:30Z', '03:00Z', 'A 04:00Z', 'B 04:00Z']);
    });
  });

  describe('deleted events', () => {
    it('are hidden unless include_deleted=true', async () => {
      await importedEvent(h, acc, { summary: 'gone', start: '2026-06-02T09:00:00Z', end: '2026-06-02T10:00:00Z', deleted: true });
      await importedEvent(h, acc, { summary: 'here', start: '2026-06-02T10:00:00Z', end: '2026-06-02T11:00:00Z' });
      expect(await summaries('')).toEqual(['here']);
      const b = await body(await read('include_deleted=true'));
      expect(b.events.map((e: Json) => [e.summary, e.deleted])).toEqual([
        ['gone', true],
        ['here', false],
      ]);
    });
  });

  describe('event objects', () => {
    it('imported events keep their enumerations and attendees; times are 20-character UTC strings', async () => {
      await importedEvent(h, acc, {
        summary: '',
        start: '2026-06-02T09:00:00Z',
        end: '2026-06-02T10:00:00Z',
        status: 'tentative',
        participationStatus: 'needs_action',
        transparency: 'transparent',
        recurring: true,
        attendees: [{ email: 'x@example.com', displayName: null, status: 'declined' }],
        organizer: { email: 'boss@example.com', displayName: 'Boss' },
      });
      const [e] = (await body(await read(''))).events;
      expect(e).toMatchObject({
        summary: '',
        description: '',
        status: 'tentative',
        participation_status: 'needs_action',
        transparency: 'transparent',
        recurring: true,
        attendees: [{ email: 'x@example.com', display_name: 'x@example.com', status: 'declined' }],
        organizer: { email: 'boss@example.com', display_name: 'Boss' },
        // On a writable calendar it can be deleted by event_uid (§5.6.4), not updated (no event_id).
        options: { delete: true, update: false, change_participation_status: false },
      });
      for (const k of ['start', 'end', 'created', 'updated']) expect(e[k]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      // As the options say: the delete works, and a deleted event offers nothing more.
      const del = await h.call('DELETE', `/v1/calendars/${acc.calendarId}/events`, { headers: bearer(acc.accessToken), json: { event_uid: e.event_uid } });
      expect(del.status).toBe(202);
      const [gone] = (await body(await read('include_deleted=true'))).events;
      expect(gone).toMatchObject({ event_uid: e.event_uid, deleted: true, options: { delete: false, update: false, change_participation_status: false } });
    });
  });

  it('an empty result is one page', async () => {
    const b = await body(await read('from=2026-06-01&to=2026-06-02'));
    expect(b).toEqual({ pages: { current: 1, total: 1 }, events: [] });
  });
});
