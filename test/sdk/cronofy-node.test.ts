/**
 * Compatibility point C3 (PROTOCOL §1): Cronofy's official Node SDK (the `cronofy` package)
 * works against Kairos once the host changes only its base URL. The SDK has no option for it:
 * its constructor fixes `urls.api` to https://api.cronofy.com, and the host sets
 * `client.urls.api` afterwards. Each test drives the real SDK (axios over HTTP) against the
 * real app listening on a loopback port, with the harness's clock, and checks what comes back;
 * after each, no credential a client held may appear in the request log (§8.6). Run on SQLite,
 * and on PostgreSQL when KAIROS_TEST_POSTGRES is set.
 *
 * How the SDK encodes its requests, which these tests rely on: GET options become a query
 * string (`qs`, arrays as `name[]=…`); POST and DELETE options become a JSON body (DELETE
 * included), minus `access_token`, which goes into `Authorization: Bearer`; path ids are
 * concatenated without percent-encoding; `next_page` is fetched as given, with the other
 * options appended as a query string. A 202 resolves to `''`; any status ≥ 400 rejects with an
 * Error whose `statusCode` is the status and whose `error.entity` is the parsed JSON body.
 */
import { serve } from '@hono/node-server';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/http/index.js';
import { testPostgresUrl } from '../../src/store/testing/postgres-target.js';
import { addCalendar, importedEvent, personAccount, type Json, type PersonAccount } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';

const require = createRequire(import.meta.url);
const SDK_VERSION: string = (require('cronofy/package.json') as { version: string }).version;

/** An error the SDK rejects with (or passes to a callback) for a status ≥ 400. */
interface SdkError extends Error {
  statusCode?: number;
  error?: { url: string; entity: Json };
}
type Callback = (err: SdkError | null, result?: Json) => void;
type SdkMethod = (options?: Record<string, unknown> | Callback, callback?: Callback) => Promise<Json>;
type MethodName =
  | 'applicationCalendar'
  | 'refreshAccessToken'
  | 'requestAccessToken'
  | 'userInfo'
  | 'accountInformation'
  | 'profileInformation'
  | 'listCalendars'
  | 'createCalendar'
  | 'createEvent'
  | 'readEvents'
  | 'deleteEvent'
  | 'deleteExternalEvent'
  | 'bulkDeleteEvents'
  | 'freeBusy'
  | 'requestElementToken'
  | 'availability'
  | 'sequencedAvailability'
  | 'upsertAvailabilityRule'
  | 'listAvailabilityRules'
  | 'readAvailabilityRule'
  | 'deleteAvailabilityRule'
  | 'upsertAvailablePeriod'
  | 'listAvailablePeriods'
  | 'deleteAvailablePeriods'
  | 'revokeProfileAuthorization'
  | OutsideName;
/** SDK methods for APIs outside the protocol (§5.12 and the routes §5.1 does not list). */
const OUTSIDE = [
  'revokeAuthorization',
  'batch',
  'createBookableEvent',
  'readBookableEvents',
  'upsertRegistrationBookableEvent',
  'deleteRegistrationBookableEvent',
  'realTimeScheduling',
  'realTimeSequencing',
  'createSmartInvite',
  'getSmartInvite',
  'cancelSmartInvite',
  'createNotificationChannel',
  'listNotificationChannels',
  'deleteNotificationChannel',
  'conferencingServiceAuthorizations',
  'authorizeWithServiceAccount',
  'addToCalendar',
  'elevatedPermissions',
  'listAccessibleCalendars',
  'delegatedAuthorizations',
] as const;
type OutsideName = (typeof OUTSIDE)[number];
type CronofyClient = { config: Record<string, unknown>; urls: { api: string } } & Record<MethodName, SdkMethod>;
const Cronofy = require('cronofy') as new (config: Record<string, unknown>) => CronofyClient;

/** Small pages, so that a handful of items spans several of them. */
const PAGE_SIZE = 2;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const ORIGIN = 'http://localhost:5555';

/** The form Kairos answers Times in (whole seconds, `Z`). */
const wire = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
/** The form a Node host sends them in: `toISOString()`, with zero milliseconds. */
const sent = (ms: number) => new Date(ms).toISOString();
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Every item of a paged list, following `pages.next_page` with the same options, as the SDK's README shows. */
async function everything(client: CronofyClient, method: 'readEvents' | 'freeBusy' | 'listAvailablePeriods', key: string, options: Record<string, unknown> = {}): Promise<Json[]> {
  let page = await client[method](options);
  const items: Json[] = [...page[key]];
  while (page.pages.next_page) {
    page = await client[method]({ ...options, next_page: page.pages.next_page });
    items.push(...page[key]);
  }
  return items;
}

/** Resolves with the SDK's error; fails the test when the call succeeds. */
async function rejection(call: Promise<unknown>): Promise<SdkError> {
  try {
    await call;
  } catch (err) {
    return err as SdkError;
  }
  throw new Error('the SDK call succeeded');
}

const url = testPostgresUrl();
const engines = url ? ([['sqlite', undefined], ['postgres', url]] as const) : ([['sqlite', undefined]] as const);

for (const [engine, postgresUrl] of engines) {
  describe(`Cronofy Node SDK ${SDK_VERSION} against Kairos on ${engine}`, () => {
    let h: Harness;
    let server: Server;
    let base: string;
    let app: { applicationId: string; clientId: string; apiKey: string };
    /** 00:00Z of the day after the server's current day. */
    let tomorrow: number;
    /** The server's request log, and every client made, whose credentials must stay out of it. */
    let log: string;
    let clients: CronofyClient[];

    beforeEach(async () => {
      log = '';
      clients = [];
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          log += chunk.toString('utf8');
          done();
        },
      });
      h = await createHarness({ config: { pageSize: PAGE_SIZE }, logger: createLogger({ destination: sink }), ...(postgresUrl ? { postgresUrl } : {}) });
      server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
      await once(server, 'listening');
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // As `kairos serve --port 0` does: the public base URL names the port, so that absolute
      // links (pages.next_page) lead back here.
      h.config.baseUrl = base;
      app = await h.newApp();
      tomorrow = Math.floor(h.clock.now / DAY) * DAY + DAY;
    });
    afterEach(async () => {
      server.closeAllConnections();
      server.close();
      await h.close();
      expectCredentialsOutOfLog();
    });

    /** No credential any client sent or was given appears in the request log (§8.6). */
    function expectCredentialsOutOfLog(): void {
      const secrets = clients.flatMap((c) => [c.config.client_secret, c.config.access_token, c.config.refresh_token]).filter((v): v is string => typeof v === 'string' && v.length >= 32);
      expect(secrets.length).toBeGreaterThan(0);
      expect(log).toContain('"msg":"request"');
      for (const secret of new Set(secrets)) expect(log.includes(secret.slice(0, 20)), `a credential appears in the log`).toBe(false);
    }

    /** An SDK client whose only change is its base URL. */
    const sdk = (config: Record<string, unknown>): CronofyClient => {
      const client = new Cronofy(config);
      expect(client.urls.api).toBe('https://api.cronofy.com');
      client.urls.api = base;
      clients.push(client);
      return client;
    };
    const hostClient = () => sdk({ client_id: app.clientId, client_secret: app.apiKey });
    const person = (opts: Parameters<typeof personAccount>[2] = {}) => personAccount(h, app.applicationId, opts);
    const personClient = (acc: PersonAccount) => sdk({ client_id: app.clientId, client_secret: app.apiKey, access_token: acc.accessToken });

    it('applicationCalendar issues tokens the client keeps; refreshAccessToken renews them after expiry', async () => {
      const client = hostClient();
      const first = await client.applicationCalendar({ application_calendar_id: 'room-42' });
      expect(first).toMatchObject({ token_type: 'bearer', expires_in: 10_800, scope: 'read_write', application_calendar_id: 'room-42' });
      expect(first.sub).toMatch(/^apc_[0-9a-f]{24}$/);
      expect(first.account_id).toBe(first.sub);
      expect(first.linking_profile).toEqual({ provider_name: 'cronofy', profile_id: expect.stringMatching(/^pro_/), profile_name: 'room-42' });
      // The SDK stores the tokens and uses them for later calls.
      expect(client.config.access_token).toBe(first.access_token);
      expect(client.config.refresh_token).toBe(first.refresh_token);
      expect((await client.userInfo()).sub).toBe(first.sub);

      // Idempotent per application_calendar_id: same sub, fresh tokens.
      const again = await client.applicationCalendar({ application_calendar_id: 'room-42' });
      expect(again.sub).toBe(first.sub);
      expect(again.access_token).not.toBe(first.access_token);

      // Three hours later the access token has expired...
      h.clock.advance(10_800 * 1000);
      const expired = await rejection(client.userInfo());
      expect(expired.statusCode).toBe(401);
      expect(expired.error!.entity).toEqual({ error: 'token_expired', error_description: expect.any(String) });
      // ...and the refresh token (not rotated) gives a new one, which the client takes up.
      const refreshed = await client.refreshAccessToken();
      expect(refreshed).toMatchObject({ token_type: 'bearer', expires_in: 10_800, refresh_token: again.refresh_token, sub: first.sub, account_id: first.sub, scope: 'read_write' });
      expect(refreshed.access_token).not.toBe(again.access_token);
      expect(client.config.access_token).toBe(refreshed.access_token);
      expect((await client.userInfo()).sub).toBe(first.sub);

      // Token endpoint errors are RFC 6749 bodies with status 400.
      const badRefresh = await rejection(client.refreshAccessToken({ refresh_token: 'not-a-refresh-token-at-all-xxxxxxxxxxxxxxxxxx' }));
      expect(badRefresh.statusCode).toBe(400);
      expect(badRefresh.error!.entity).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });
      const badCode = await rejection(client.requestAccessToken({ code: 'unknown-code', redirect_uri: 'https://app.example.com/callback' }));
      expect(badCode.statusCode).toBe(400);
      expect(badCode.error!.entity.error).toBe('invalid_grant');
      const badClient = await rejection(sdk({ client_id: app.clientId, client_secret: 'wrong', refresh_token: first.refresh_token }).refreshAccessToken());
      expect(badClient.statusCode).toBe(400);
      expect(badClient.error!.entity.error).toBe('invalid_client');
    });

    it('userInfo, accountInformation and listCalendars describe the account; profileInformation is a JSON 404', async () => {
      const acc = await person({ email: 'jane@example.com', name: 'Jane Doe', zoneinfo: 'Europe/Berlin' });
      const other = await addCalendar(h, acc, { name: 'Holidays', readonly: true });
      const client = personClient(acc);

      const info = await client.userInfo();
      expect(info).toMatchObject({ sub: acc.sub, email: 'jane@example.com', name: 'Jane Doe', zoneinfo: 'Europe/Berlin', 'cronofy.type': 'account' });
      const profiles = info['cronofy.data'].profiles as Json[];
      expect(profiles.map((p) => [p.profile_id, p.provider_name, p.profile_connected])).toEqual([[acc.profileId, 'google', true]]);
      expect(profiles[0].profile_calendars.map((c: Json) => [c.calendar_id, c.calendar_name, c.calendar_readonly, c.calendar_primary])).toEqual(
        expect.arrayContaining([
          [acc.calendarId, 'Work', false, true],
          [other, 'Holidays', true, false],
        ]),
      );
      expect(profiles[0].profile_calendars).toHaveLength(2);

      expect(await client.accountInformation()).toEqual({
        account: { account_id: acc.sub, email: 'jane@example.com', name: 'Jane Doe', scope: 'read_write', default_tzid: 'Europe/Berlin' },
      });

      const { calendars } = await client.listCalendars();
      expect(calendars).toHaveLength(2);
      for (const c of calendars as Json[]) expect(c).toMatchObject({ profile_id: acc.profileId, provider_name: 'google', calendar_deleted: false });
      expect((calendars as Json[]).map((c) => c.calendar_id).sort()).toEqual([acc.calendarId, other].sort());

      // GET /v1/profiles is not part of the protocol's host subset (§5.1): an unknown route.
      const profilesCall = await rejection(client.profileInformation());
      expect(profilesCall.statusCode).toBe(404);
      expect(profilesCall.error!.entity).toEqual({ error: 'not_found', error_description: expect.any(String) });
    });

    it('createCalendar adds a calendar to the profile; a profile of another account is a 422', async () => {
      const acc = await person();
      const stranger = await person();
      const client = personClient(acc);
      const { calendar } = await client.createCalendar({ profile_id: acc.profileId, name: 'Bookings', color: '#49BED8' });
      expect(calendar).toMatchObject({ profile_id: acc.profileId, calendar_name: 'Bookings', calendar_readonly: false, calendar_deleted: false, calendar_primary: false });
      expect(calendar.calendar_id).toMatch(/^cal_[A-Za-z0-9_]{10,60}$/);
      expect(((await client.listCalendars()).calendars as Json[]).map((c) => c.calendar_id).sort()).toEqual([acc.calendarId, calendar.calendar_id].sort());

      const err = await rejection(client.createCalendar({ profile_id: stranger.profileId }));
      expect(err.statusCode).toBe(422);
      expect(err.error!.entity).toEqual({
        errors: {
          name: [{ key: 'errors.required', description: expect.any(String) }],
          profile_id: [{ key: 'errors.not_recognized', description: expect.any(String) }],
        },
      });
    });

    it('createEvent with Time, Date and time-with-zone bounds; readEvents with from, to, tzid, calendar_ids[] and include_managed', async () => {
      const acc = await person();
      const second = await addCalendar(h, acc, { name: 'Second' });
      const elsewhere = await addCalendar(h, acc, { name: 'Elsewhere' });
      const imported = await importedEvent(h, acc, { start: wire(tomorrow + 8 * HOUR), end: wire(tomorrow + 9 * HOUR), summary: 'Imported' });
      const client = personClient(acc);

      // Time bounds as a Node host writes them (toISOString: zero milliseconds).
      expect(await client.createEvent({ calendar_id: acc.calendarId, event_id: 'timed', summary: 'Timed', description: 'Agenda', start: sent(tomorrow + 10 * HOUR), end: sent(tomorrow + 11 * HOUR), location: { description: 'Room 1' } })).toBe('');
      // Date bounds: an all-day event, end exclusive.
      expect(await client.createEvent({ calendar_id: second, event_id: 'all-day', summary: 'Offsite', start: dateOf(tomorrow + DAY), end: dateOf(tomorrow + 2 * DAY) })).toBe('');
      // Time-with-zone bounds: 14:00 in Tokyo is 05:00Z.
      const tokyo = `${dateOf(tomorrow + 2 * DAY)}T14:00:00+09:00`;
      const tokyoEnd = `${dateOf(tomorrow + 2 * DAY)}T15:30:00+09:00`;
      expect(await client.createEvent({ calendar_id: acc.calendarId, event_id: 'zoned', summary: 'Zoned', tzid: 'Asia/Tokyo', start: { time: tokyo, tzid: 'Asia/Tokyo' }, end: { time: tokyoEnd, tzid: 'Asia/Tokyo' } })).toBe('');
      // Not asked for: a managed event on a calendar left out of calendar_ids.
      await client.createEvent({ calendar_id: elsewhere, event_id: 'elsewhere', summary: 'Elsewhere', start: sent(tomorrow + 12 * HOUR), end: sent(tomorrow + 13 * HOUR) });

      const window = { from: dateOf(tomorrow), to: dateOf(tomorrow + 3 * DAY), tzid: 'Etc/UTC', calendar_ids: [acc.calendarId, second] };
      const all = await everything(client, 'readEvents', 'events', { ...window, include_managed: true });
      expect(all.map((e) => [e.event_id ?? e.event_uid, e.calendar_id, e.start, e.end])).toEqual([
        [imported, acc.calendarId, wire(tomorrow + 8 * HOUR), wire(tomorrow + 9 * HOUR)],
        ['timed', acc.calendarId, wire(tomorrow + 10 * HOUR), wire(tomorrow + 11 * HOUR)],
        ['all-day', second, dateOf(tomorrow + DAY), dateOf(tomorrow + 2 * DAY)],
        ['zoned', acc.calendarId, wire(tomorrow + 2 * DAY + 5 * HOUR), wire(tomorrow + 2 * DAY + 6.5 * HOUR)],
      ]);
      const timed = all.find((e) => e.event_id === 'timed');
      expect(timed).toMatchObject({ summary: 'Timed', description: 'Agenda', location: { description: 'Room 1' }, deleted: false, transparency: 'opaque', status: 'confirmed' });
      expect(timed.event_uid).toMatch(/^evt_/);

      // Without include_managed (default false) only the imported event is left.
      const unmanaged = await client.readEvents(window);
      expect(unmanaged.events.map((e: Json) => e.event_uid)).toEqual([imported]);
      expect(unmanaged.pages).toEqual({ current: 1, total: 1 });

      // tzid places the Dates: the zoned event (05:00Z) is on its day in UTC, but on the day
      // before in Honolulu (UTC−10), whose window for that day starts at 10:00Z.
      const day = { from: dateOf(tomorrow + 2 * DAY), to: dateOf(tomorrow + 3 * DAY), only_managed: true, calendar_ids: [acc.calendarId] };
      expect((await client.readEvents({ ...day, tzid: 'Etc/UTC' })).events.map((e: Json) => e.event_id)).toEqual(['zoned']);
      expect((await client.readEvents({ ...day, tzid: 'Pacific/Honolulu' })).events).toEqual([]);

      // A second upsert of one event_id updates it in place.
      await client.createEvent({ calendar_id: acc.calendarId, event_id: 'timed', summary: 'Timed (moved)', start: sent(tomorrow + 15 * HOUR), end: sent(tomorrow + 16 * HOUR) });
      const moved = (await client.readEvents({ ...window, only_managed: true, calendar_ids: [acc.calendarId] })).events as Json[];
      expect(moved.map((e) => [e.event_id, e.event_uid, e.summary, e.start, e.description])).toEqual([
        ['timed', timed.event_uid, 'Timed (moved)', wire(tomorrow + 15 * HOUR), 'Agenda'],
        ['zoned', expect.stringMatching(/^evt_/), 'Zoned', wire(tomorrow + 2 * DAY + 5 * HOUR), ''],
      ]);

      // Without from and to, managed events are not held to the default window (§5.6.1).
      await client.createEvent({ calendar_id: acc.calendarId, event_id: 'far', summary: 'Far ahead', start: sent(tomorrow + 300 * DAY), end: sent(tomorrow + 300 * DAY + HOUR) });
      const undated = await everything(client, 'readEvents', 'events', { only_managed: true, calendar_ids: [acc.calendarId] });
      expect(undated.map((e) => [e.event_id, e.start])).toEqual([
        ['timed', wire(tomorrow + 15 * HOUR)],
        ['zoned', wire(tomorrow + 2 * DAY + 5 * HOUR)],
        ['far', wire(tomorrow + 300 * DAY)],
      ]);
    });

    it('readEvents, freeBusy and their pages: next_page is absolute and followed with the first options appended, as the SDK does', async () => {
      const acc = await person();
      const client = personClient(acc);
      const ids = ['e1', 'e2', 'e3', 'e4', 'e5'];
      for (const [i, id] of ids.entries()) {
        await client.createEvent({ calendar_id: acc.calendarId, event_id: id, summary: id, start: sent(tomorrow + (9 + i) * HOUR), end: sent(tomorrow + (9 + i) * HOUR + 30 * 60_000) });
      }
      const options = { from: dateOf(tomorrow), to: dateOf(tomorrow + DAY), tzid: 'Europe/London', include_managed: true, include_userinfo: true, calendar_ids: [acc.calendarId] };
      const pages: Json[] = [await client.readEvents(options)];
      while (pages.at(-1).pages.next_page) {
        const next = pages.at(-1).pages.next_page as string;
        expect(next).toMatch(new RegExp(`^${base}/v1/events/pages/[A-Za-z0-9_-]{43,128}$`));
        // The README's way: the same options plus next_page. The SDK appends them to the URL;
        // the page ignores them (§2.6), here even a different tzid.
        pages.push(await client.readEvents({ ...options, tzid: 'Asia/Tokyo', next_page: next }));
      }
      expect(pages.map((p) => [p.pages.current, p.pages.total])).toEqual([
        [1, 3],
        [2, 3],
        [3, 3],
      ]);
      expect(pages.flatMap((p) => p.events.map((e: Json) => e.event_id))).toEqual(ids);
      // userinfo rides on the first page only.
      expect(pages[0].userinfo.sub).toBe(acc.sub);
      expect(pages.slice(1).map((p) => 'userinfo' in p)).toEqual([false, false]);

      // A page is bound to the (application, account) of the first request.
      const other = await person();
      const foreign = await rejection(personClient(other).readEvents({ next_page: pages[0].pages.next_page }));
      expect(foreign.statusCode).toBe(404);
      expect(foreign.error!.entity.error).toBe('not_found');

      const busy: Json[] = [];
      let fb = await client.freeBusy({ from: dateOf(tomorrow), to: dateOf(tomorrow + DAY), tzid: 'Etc/UTC', include_managed: true });
      busy.push(...fb.free_busy);
      while (fb.pages.next_page) {
        expect(fb.pages.next_page).toMatch(new RegExp(`^${base}/v1/free_busy/pages/[A-Za-z0-9_-]{43,128}$`));
        // Only next_page this time: nothing else is appended.
        busy.push(...(fb = await client.freeBusy({ next_page: fb.pages.next_page })).free_busy);
      }
      expect(fb.pages).toEqual({ current: 3, total: 3 });
      expect(busy.map((b) => [b.calendar_id, b.start, b.end, b.free_busy_status])).toEqual(
        ids.map((_, i) => [acc.calendarId, wire(tomorrow + (9 + i) * HOUR), wire(tomorrow + (9 + i) * HOUR + 30 * 60_000), 'busy']),
      );
    });

    it('freeBusy lists the blocking events only, tentative ones as tentative', async () => {
      const acc = await person();
      const client = personClient(acc);
      await importedEvent(h, acc, { start: wire(tomorrow + 9 * HOUR), end: wire(tomorrow + 10 * HOUR) });
      await importedEvent(h, acc, { start: wire(tomorrow + 11 * HOUR), end: wire(tomorrow + 12 * HOUR), status: 'tentative' });
      await importedEvent(h, acc, { start: wire(tomorrow + 13 * HOUR), end: wire(tomorrow + 14 * HOUR), participationStatus: 'declined' });
      await client.createEvent({ calendar_id: acc.calendarId, event_id: 'free', summary: 'Free', transparency: 'transparent', start: sent(tomorrow + 15 * HOUR), end: sent(tomorrow + 16 * HOUR) });
      await client.createEvent({ calendar_id: acc.calendarId, event_id: 'busy', summary: 'Busy', start: sent(tomorrow + 17 * HOUR), end: sent(tomorrow + 18 * HOUR) });
      const window = { from: dateOf(tomorrow), to: dateOf(tomorrow + DAY), tzid: 'Etc/UTC' };
      expect(await everything(client, 'freeBusy', 'free_busy', { ...window, include_managed: true })).toEqual([
        { calendar_id: acc.calendarId, start: wire(tomorrow + 9 * HOUR), end: wire(tomorrow + 10 * HOUR), free_busy_status: 'busy' },
        { calendar_id: acc.calendarId, start: wire(tomorrow + 11 * HOUR), end: wire(tomorrow + 12 * HOUR), free_busy_status: 'tentative' },
        { calendar_id: acc.calendarId, start: wire(tomorrow + 17 * HOUR), end: wire(tomorrow + 18 * HOUR), free_busy_status: 'busy' },
      ]);
      // Managed events are left out by default.
      expect((await client.freeBusy(window)).free_busy.map((b: Json) => b.start)).toEqual([wire(tomorrow + 9 * HOUR), wire(tomorrow + 11 * HOUR)]);
    });

    it('deleteEvent (event_id) and deleteExternalEvent (event_uid) answer 202; bulkDeleteEvents is refused with a JSON 404', async () => {
      const acc = await person();
      const client = personClient(acc);
      const imported = await importedEvent(h, acc, { start: wire(tomorrow + 8 * HOUR), end: wire(tomorrow + 9 * HOUR) });
      await client.createEvent({ calendar_id: acc.calendarId, event_id: 'keep', summary: 'Keep', start: sent(tomorrow + 10 * HOUR), end: sent(tomorrow + 11 * HOUR) });
      await client.createEvent({ calendar_id: acc.calendarId, event_id: 'drop', summary: 'Drop', start: sent(tomorrow + 12 * HOUR), end: sent(tomorrow + 13 * HOUR) });
      const window = { from: dateOf(tomorrow), to: dateOf(tomorrow + DAY), tzid: 'Etc/UTC', include_managed: true };
      const live = async () => (await everything(client, 'readEvents', 'events', window)).map((e) => e.event_id ?? e.event_uid);
      expect(await live()).toEqual([imported, 'keep', 'drop']);

      // The SDK sends DELETE with a JSON body.
      expect(await client.deleteEvent({ calendar_id: acc.calendarId, event_id: 'drop' })).toBe('');
      expect(await client.deleteEvent({ calendar_id: acc.calendarId, event_id: 'drop' })).toBe('');
      expect(await client.deleteExternalEvent({ calendar_id: acc.calendarId, event_uid: imported })).toBe('');
      expect(await live()).toEqual(['keep']);
      const withDeleted = await everything(client, 'readEvents', 'events', { ...window, include_deleted: true });
      expect(withDeleted.map((e) => [e.event_id ?? e.event_uid, e.deleted])).toEqual([
        [imported, true],
        ['keep', false],
        ['drop', true],
      ]);

      // Bulk delete (DELETE /v1/events) is not provided: an unsupported method on a known path.
      const bulk = await rejection(client.bulkDeleteEvents({ calendar_ids: [acc.calendarId] }));
      expect(bulk.statusCode).toBe(404);
      expect(bulk.error!.entity).toEqual({ error: 'not_found', error_description: expect.any(String) });
      expect(await live()).toEqual(['keep']);
    });

    it('requestElementToken mints a token (API key as bearer, version "1") that works from its origin', async () => {
      const acc = await person();
      const client = hostClient();
      const { element_token } = await client.requestElementToken({ permissions: ['agenda', 'availability', 'agenda'], subs: [acc.sub], origin: 'HTTP://LocalHost:5555/' });
      expect(Object.keys(element_token).sort()).toEqual(['expires_in', 'origin', 'permissions', 'token']);
      expect(element_token).toMatchObject({ permissions: ['agenda', 'availability'], origin: ORIGIN, expires_in: 64_800 });
      expect(element_token.token).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
      const res = await fetch(`${base}/v1/userinfo?et=${encodeURIComponent(element_token.token)}`, { headers: { origin: ORIGIN } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as Json).sub).toBe(acc.sub);

      const err = await rejection(client.requestElementToken({ permissions: ['calendar'], subs: ['acc_000000000000000000000000'], origin: `${ORIGIN}/page` }));
      expect(err.statusCode).toBe(422);
      expect(Object.fromEntries(Object.entries(err.error!.entity.errors as Record<string, Json[]>).map(([k, v]) => [k, v.map((x) => x.key)]))).toEqual({
        permissions: ['errors.not_recognized'],
        subs: ['errors.not_recognized'],
        origin: ['errors.invalid'],
      });
    });

    it('availability: periods through the legacy available_periods key, slots with the API key, and a 422 for a window over 35 days', async () => {
      const acc = await person();
      const room = await hostClient().applicationCalendar({ application_calendar_id: 'room-1' });
      await importedEvent(h, acc, { start: wire(tomorrow + 10 * HOUR), end: wire(tomorrow + 11 * HOUR) });
      const client = personClient(acc);
      const window = [{ start: sent(tomorrow + 9 * HOUR), end: sent(tomorrow + 12 * HOUR) }];

      const periods = await client.availability({ participants: [{ members: [{ sub: acc.sub }], required: 'all' }], required_duration: { minutes: 30 }, available_periods: window });
      expect(periods).toEqual({
        available_periods: [
          { start: wire(tomorrow + 9 * HOUR), end: wire(tomorrow + 10 * HOUR), participants: [{ sub: acc.sub }] },
          { start: wire(tomorrow + 11 * HOUR), end: wire(tomorrow + 12 * HOUR), participants: [{ sub: acc.sub }] },
        ],
      });

      // With the API key instead of the account's token; one of two members suffices.
      const slots = await client.availability({
        access_token: app.apiKey,
        participants: [{ members: [acc.sub, { sub: room.sub }], required: 1 }],
        required_duration: { minutes: 60 },
        start_interval: { minutes: 60 },
        query_periods: window,
        response_format: 'slots',
      });
      expect(slots.available_slots.map((s: Json) => [s.start, s.end, s.participants.map((p: Json) => p.sub)])).toEqual([
        [wire(tomorrow + 9 * HOUR), wire(tomorrow + 10 * HOUR), [acc.sub, room.sub]],
        [wire(tomorrow + 10 * HOUR), wire(tomorrow + 11 * HOUR), [room.sub]],
        [wire(tomorrow + 11 * HOUR), wire(tomorrow + 12 * HOUR), [acc.sub, room.sub]],
      ]);

      const tooLong = await rejection(
        client.availability({ participants: [{ members: [{ sub: acc.sub }] }], required_duration: { minutes: 30 }, query_periods: [{ start: sent(tomorrow), end: sent(tomorrow + 36 * DAY) }] }),
      );
      expect(tooLong.statusCode).toBe(422);
      expect(tooLong.error!.entity.errors.query_periods.map((x: Json) => x.key)).toEqual(['errors.too_long']);
    });

    it('sequencedAvailability returns steps in ordinal order with sequence_id types kept', async () => {
      const acc = await person();
      await importedEvent(h, acc, { start: wire(tomorrow + 10 * HOUR), end: wire(tomorrow + 11 * HOUR) });
      const client = personClient(acc);
      const participants = [{ members: [{ sub: acc.sub }], required: 'all' }];
      const r = await client.sequencedAvailability({
        sequence: [
          { sequence_id: 'debrief', ordinal: 2, participants, required_duration: { minutes: 30 }, sequence_title: 'Debrief' },
          { sequence_id: 7, ordinal: 1, participants, required_duration: { minutes: 30 } },
        ],
        query_periods: [{ start: sent(tomorrow + 9 * HOUR), end: sent(tomorrow + 12 * HOUR) }],
        max_results: 3,
      });
      const steps = (r.sequences as Json[]).map((s) => s.sequence.map((x: Json) => [x.sequence_id, x.start, x.end]));
      const at = (hours: number) => wire(tomorrow + hours * HOUR);
      expect(steps).toEqual([
        [
          [7, at(9), at(9.5)],
          ['debrief', at(9.5), at(10)],
        ],
        [
          [7, at(9.25), at(9.75)],
          ['debrief', at(11), at(11.5)],
        ],
        [
          [7, at(9.5), at(10)],
          ['debrief', at(11), at(11.5)],
        ],
      ]);
    });

    it('availability rules: upsert, list (bytewise), read with an unencoded id, delete; a rule drives managed availability', async () => {
      const acc = await person();
      const client = personClient(acc);
      // The SDK puts the id into the path as it is: its `+`, `:`, `{`, `}` must come back intact.
      const id = 'work+hours:{v2}';
      const weekday = WEEKDAYS[new Date(tomorrow).getUTCDay()]!;
      const rule = { availability_rule_id: id, tzid: 'Asia/Tokyo', calendar_ids: [acc.calendarId], weekly_periods: [{ day: weekday, start_time: '18:00', end_time: '19:30' }] };
      expect(await client.upsertAvailabilityRule(rule)).toEqual({ availability_rule: rule });
      expect(await client.upsertAvailabilityRule({ availability_rule_id: 'Zeta', tzid: 'Etc/UTC', weekly_periods: [] })).toEqual({
        availability_rule: { availability_rule_id: 'Zeta', tzid: 'Etc/UTC', calendar_ids: [], weekly_periods: [] },
      });
      expect(((await client.listAvailabilityRules()).availability_rules as Json[]).map((r) => r.availability_rule_id)).toEqual(['Zeta', id]);
      expect(await client.readAvailabilityRule({ availability_rule_id: id })).toEqual({ availability_rule: rule });

      // 18:00–19:30 in Tokyo is 09:00–10:30Z; an event at 10:00Z cuts it short.
      await importedEvent(h, acc, { start: wire(tomorrow + 10 * HOUR), end: wire(tomorrow + 11 * HOUR) });
      const managed = await client.availability({
        participants: [{ members: [{ sub: acc.sub, managed_availability: true, availability_rule_ids: [id] }], required: 'all' }],
        required_duration: { minutes: 30 },
        query_periods: [{ start: sent(tomorrow), end: sent(tomorrow + DAY) }],
      });
      expect(managed.available_periods.map((p: Json) => [p.start, p.end])).toEqual([[wire(tomorrow + 9 * HOUR), wire(tomorrow + 10 * HOUR)]]);

      expect(await client.deleteAvailabilityRule({ availability_rule_id: id })).toBe('');
      expect(await client.deleteAvailabilityRule({ availability_rule_id: id })).toBe('');
      const gone = await rejection(client.readAvailabilityRule({ availability_rule_id: id }));
      expect(gone.statusCode).toBe(404);
      expect(gone.error!.entity).toEqual({ error: 'not_found', error_description: expect.any(String) });
      expect(((await client.listAvailabilityRules()).availability_rules as Json[]).map((r) => r.availability_rule_id)).toEqual(['Zeta']);

      const invalid = await rejection(client.upsertAvailabilityRule({ availability_rule_id: 'bad', tzid: 'Mars/Olympus', calendar_ids: [], weekly_periods: [{ day: 'funday', start_time: '09:00', end_time: '08:00' }] }));
      expect(invalid.statusCode).toBe(422);
      expect(Object.keys(invalid.error!.entity.errors).sort()).toEqual(['calendar_ids', 'tzid', 'weekly_periods']);
    });

    it('available periods: upsert (Time and time-with-zone), list across pages, delete one and all', async () => {
      const acc = await person();
      const client = personClient(acc);
      expect(await client.upsertAvailablePeriod({ available_period_id: 'p1', start: sent(tomorrow + 13 * HOUR), end: sent(tomorrow + 14 * HOUR) })).toBe('');
      const tokyoDay = dateOf(tomorrow);
      expect(await client.upsertAvailablePeriod({ available_period_id: 'p2', start: { time: `${tokyoDay}T23:00:00+09:00`, tzid: 'Asia/Tokyo' }, end: { time: `${tokyoDay}T23:59:00+09:00`, tzid: 'Asia/Tokyo' } })).toBe('');
      expect(await client.upsertAvailablePeriod({ available_period_id: 'p3', start: sent(tomorrow + DAY + 9 * HOUR), end: sent(tomorrow + DAY + 10 * HOUR) })).toBe('');
      // Outside the window read below.
      await client.upsertAvailablePeriod({ available_period_id: 'p4', start: sent(tomorrow + 5 * DAY), end: sent(tomorrow + 5 * DAY + HOUR) });

      const options = { from: dateOf(tomorrow), to: dateOf(tomorrow + 2 * DAY), tzid: 'Etc/UTC' };
      const first = await client.listAvailablePeriods(options);
      expect(first.pages).toEqual({ current: 1, total: 2, next_page: expect.stringMatching(new RegExp(`^${base}/v1/available_periods/pages/[A-Za-z0-9_-]{43,128}$`)) });
      const second = await client.listAvailablePeriods({ ...options, next_page: first.pages.next_page });
      expect(second.pages).toEqual({ current: 2, total: 2 });
      // 23:00–23:59 in Tokyo is 14:00–14:59Z.
      expect([...first.available_periods, ...second.available_periods]).toEqual([
        { available_period_id: 'p1', start: wire(tomorrow + 13 * HOUR), end: wire(tomorrow + 14 * HOUR) },
        { available_period_id: 'p2', start: wire(tomorrow + 14 * HOUR), end: wire(tomorrow + 14 * HOUR + 59 * 60_000) },
        { available_period_id: 'p3', start: wire(tomorrow + DAY + 9 * HOUR), end: wire(tomorrow + DAY + 10 * HOUR) },
      ]);

      // The periods restrict a member with managed availability.
      const managed = await client.availability({
        participants: [{ members: [{ sub: acc.sub, managed_availability: true }], required: 'all' }],
        required_duration: { minutes: 60 },
        query_periods: [{ start: sent(tomorrow), end: sent(tomorrow + DAY) }],
      });
      expect(managed.available_periods.map((p: Json) => [p.start, p.end])).toEqual([[wire(tomorrow + 13 * HOUR), wire(tomorrow + 14 * HOUR + 59 * 60_000)]]);

      const err = await rejection(client.listAvailablePeriods({ from: options.from, to: options.to }));
      expect(err.statusCode).toBe(422);
      expect(err.error!.entity.errors.tzid.map((x: Json) => x.key)).toEqual(['errors.required']);

      expect(await client.deleteAvailablePeriods({ available_period_id: 'p1' })).toBe('');
      expect((await everything(client, 'listAvailablePeriods', 'available_periods')).map((p) => p.available_period_id)).toEqual(['p2', 'p3', 'p4']);
      expect(await client.deleteAvailablePeriods({ delete_all: true })).toBe('');
      expect(await client.listAvailablePeriods()).toEqual({ pages: { current: 1, total: 1 }, available_periods: [] });
    });

    it('revokeProfileAuthorization removes the profile, its calendars and events; a second revoke is a 404', async () => {
      const acc = await person();
      const client = personClient(acc);
      await importedEvent(h, acc, { start: wire(tomorrow + 9 * HOUR), end: wire(tomorrow + 10 * HOUR) });
      await client.createEvent({ calendar_id: acc.calendarId, event_id: 'mine', summary: 'Mine', start: sent(tomorrow + 11 * HOUR), end: sent(tomorrow + 12 * HOUR) });
      const window = { from: dateOf(tomorrow), to: dateOf(tomorrow + DAY), tzid: 'Etc/UTC', include_managed: true };
      expect((await client.readEvents(window)).events.map((e: Json) => e.summary)).toEqual(['Imported', 'Mine']);

      expect(await client.revokeProfileAuthorization({ profile_id: acc.profileId })).toBe('');
      expect(await client.listCalendars()).toEqual({ calendars: [] });
      expect((await client.userInfo())['cronofy.data'].profiles).toEqual([]);
      expect((await client.readEvents(window)).events).toEqual([]);
      const again = await rejection(client.revokeProfileAuthorization({ profile_id: acc.profileId }));
      expect(again.statusCode).toBe(404);
      expect(again.error!.entity.error).toBe('not_found');
    });

    it('SDK methods for APIs outside the protocol get a JSON 404, and the credentials they misplace stay out of the log', async () => {
      const acc = await person();
      const client = personClient(acc);
      const ids = { bookable_event_id: 'bkb_1', registration_id: 'reg_1', channel_id: 'chn_1', smart_invite_id: 'inv_1', recipient_email: 'a@example.com' };
      const outcomes: [string, number | undefined, Json][] = [];
      for (const method of OUTSIDE) {
        const err = await rejection(client[method]({ ...ids }));
        outcomes.push([method, err.statusCode, err.error!.entity]);
      }
      expect(outcomes).toEqual(OUTSIDE.map((m) => [m, 404, { error: 'not_found', error_description: expect.any(String) }]));
      // readBookableEvents puts the client secret into the query string as bearer_token: the
      // request is logged with the value redacted.
      expect(log).toMatch(/"url":"\/v1\/bookable_events\/bkb_1\?[^"]*bearer_token=\[redacted\]/);
      expectCredentialsOutOfLog();
      // Nothing was changed on the way.
      expect((await client.userInfo())['cronofy.data'].profiles.map((p: Json) => p.profile_id)).toEqual([acc.profileId]);
    });

    it('errors reach promises and callbacks with Kairos\u2019s JSON body: 422, 401 and 403', async () => {
      const acc = await person();
      const client = personClient(acc);
      const invalid = await rejection(client.createEvent({ calendar_id: acc.calendarId, event_id: 'bad', summary: 'Bad', start: sent(tomorrow + 2 * HOUR), end: sent(tomorrow + HOUR) }));
      expect(invalid.statusCode).toBe(422);
      expect(invalid.error).toEqual({ url: `${base}/v1/calendars/${acc.calendarId}/events`, entity: { errors: { end: [{ key: 'errors.invalid', description: expect.any(String) }] } } });
      expect(JSON.parse(invalid.message)).toEqual(invalid.error!.entity);
      // Non-zero milliseconds are not a Time (§2.2).
      const fraction = await rejection(client.createEvent({ calendar_id: acc.calendarId, event_id: 'bad', summary: 'Bad', start: '2030-01-01T09:00:00.500Z', end: '2030-01-01T10:00:00Z' }));
      expect(fraction.error!.entity.errors.start.map((x: Json) => x.key)).toEqual(['errors.invalid']);

      const unknown = sdk({ access_token: 'no-such-token' });
      const viaCallback = await new Promise<{ err: SdkError | null; result: Json }>((resolve) => {
        void unknown.userInfo((err, result) => resolve({ err, result }));
      });
      expect(viaCallback.result).toBeUndefined();
      expect(viaCallback.err!.statusCode).toBe(401);
      expect(viaCallback.err!.error).toEqual({ url: `${base}/v1/userinfo`, entity: { error: 'invalid_credentials', error_description: expect.any(String) } });
      const viaPromise = await rejection(unknown.readEvents({ from: dateOf(tomorrow), to: dateOf(tomorrow + DAY) }));
      expect(viaPromise.statusCode).toBe(401);
      expect(viaPromise.error!.entity.error).toBe('invalid_credentials');

      // The API key is not an account's credential.
      const wrongKind = await rejection(sdk({ access_token: app.apiKey }).listCalendars());
      expect(wrongKind.statusCode).toBe(403);
      expect(wrongKind.error!.entity).toEqual({ error: 'credential_not_accepted', error_description: expect.any(String) });
    });
  });
}
