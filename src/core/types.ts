/**
 * Domain types shared by store, sync, http and the availability engine.
 * Instants are epoch milliseconds (UTC); all-day bounds are `YYYY-MM-DD` strings.
 */

export type Permission = 'agenda' | 'availability' | 'managed_availability' | 'account_management';
export const PERMISSIONS: readonly Permission[] = ['agenda', 'availability', 'managed_availability', 'account_management'];

export type Scope =
  | 'read_write'
  | 'read_account'
  | 'list_calendars'
  | 'create_calendar'
  | 'read_events'
  | 'read_free_busy'
  | 'create_event'
  | 'delete_event';

export interface Application {
  applicationId: string;
  clientId: string;
  name: string;
  redirectUris: string[];
  active: boolean;
  createdAt: number;
}

export type AccountKind = 'account' | 'application_calendar';

export interface Account {
  sub: string;
  kind: AccountKind;
  email: string | null;
  name: string | null;
  /** The account's default IANA zone (userinfo `zoneinfo`). */
  zoneinfo: string;
  createdAt: number;
}

/** An application's access to an account. */
export interface Authorization {
  applicationId: string;
  sub: string;
  scope: string;
  status: 'active' | 'revoked';
  createdAt: number;
}

/** Where a profile's calendars come from. */
export type ProfileSource =
  | { type: 'local' }
  | {
      type: 'ics_feed';
      url: string;
      /** Seconds between polls. */
      intervalSeconds: number;
      etag: string | null;
      lastModified: string | null;
      lastFetchedAt: number | null;
      lastSuccessAt: number | null;
      /**
       * When the copy held was last expanded and stored (a 200): its series cover the horizon
       * around that time, and a 304 does not move it. Absent on feeds stored before it was kept.
       */
      importedAt?: number | null;
      lastError: string | null;
      /**
       * Not to be polled before this instant: the feed's server answered 429 or 503 with a
       * Retry-After. Absent on feeds stored before it was kept.
       */
      retryAfter?: number | null;
      /**
       * Named after the URL's host because no name was given: the first copy imported renames
       * the feed (profile and calendar) after its X-WR-CALNAME, when it has one. Absent or false
       * otherwise.
       */
      nameFromFeed?: boolean;
    }
  | {
      type: 'caldav';
      url: string;
      username: string | null;
      /** Encrypted or otherwise protected by the sync layer; never logged. */
      secret: string | null;
      lastFetchedAt: number | null;
      lastError: string | null;
    };

export interface Profile {
  profileId: string;
  sub: string;
  providerName: string;
  providerService: string;
  profileName: string;
  connected: boolean;
  initialSyncRequired: boolean;
  revoked: boolean;
  source: ProfileSource;
  createdAt: number;
}

export interface Calendar {
  calendarId: string;
  profileId: string;
  sub: string;
  name: string;
  readonly: boolean;
  deleted: boolean;
  primary: boolean;
  color: string | null;
  createdAt: number;
}

/**
 * Where the imported content of a calendar came from, recorded by `kairos import` with that
 * content, so that a later import by default name can tell one source from another.
 */
export interface ImportSource {
  /** Identifies the source; compared for equality, never shown (`file:/abs/path`, `url:` and a SHA-256). */
  key: string;
  /** How messages name it: a file's absolute path, or a URL's scheme and host (`https://host/…`). */
  shown: string;
}

export type EventBound = { kind: 'time'; ms: number } | { kind: 'date'; date: string };

export type Transparency = 'opaque' | 'transparent' | 'unknown';
export type EventStatus = 'confirmed' | 'tentative' | 'cancelled';
export type ParticipationStatus = 'needs_action' | 'accepted' | 'declined' | 'tentative' | 'unknown';

export interface Attendee {
  email: string;
  displayName: string | null;
  status: ParticipationStatus;
}

export interface EventLocation {
  description?: string;
  lat?: number;
  long?: number;
}

export interface CalendarEvent {
  eventUid: string;
  calendarId: string;
  sub: string;
  /** Set for managed events: the application that created the event. */
  applicationId: string | null;
  /** The application's own id, for managed events. */
  eventId: string | null;
  summary: string;
  description: string;
  start: EventBound;
  end: EventBound;
  /** The event's own zone (all-day events: informative only). */
  tzid: string;
  location: EventLocation | null;
  url: string | null;
  color: string | null;
  reminders: { minutes: number }[];
  transparency: Transparency;
  status: EventStatus;
  participationStatus: ParticipationStatus;
  attendees: Attendee[];
  organizer: { email: string; displayName: string | null } | null;
  categories: string[];
  recurring: boolean;
  eventPrivate: boolean;
  deleted: boolean;
  created: number;
  updated: number;
  /**
   * Identity of an imported event within its calendar (for example the iCalendar UID plus the
   * occurrence's recurrence id). Re-imports match on it. Null for managed events.
   */
  sourceKey: string | null;
}

/**
 * What the occurrences of one imported component have in common: every field of a
 * CalendarEvent but its identity, bounds, timestamps and deleted flag. The occurrences of a
 * series share one object, so that an import carries (and stores) it once.
 */
export type ImportedContent = Pick<
  CalendarEvent,
  | 'summary'
  | 'description'
  | 'tzid'
  | 'location'
  | 'url'
  | 'color'
  | 'reminders'
  | 'transparency'
  | 'status'
  | 'participationStatus'
  | 'attendees'
  | 'organizer'
  | 'categories'
  | 'recurring'
  | 'eventPrivate'
>;

/**
 * One occurrence of an imported calendar, in the compact form imports are stored from: its
 * identity within the calendar, its bounds as numbers, and its content by reference (never
 * mutated once built). Its CalendarEvent is the content plus these, unmanaged and not deleted.
 *
 * @example
 *   { sourceKey: 'standup@x#20260105T080000Z', content, allDay: false, startMs: Date.UTC(2026, 0, 5, 8), endMs: Date.UTC(2026, 0, 5, 8, 15) }
 *   { sourceKey: 'trip@x', content, allDay: true, startMs: Date.UTC(2026, 0, 5), endMs: Date.UTC(2026, 0, 8) } // 5–7 January
 */
export interface ImportedOccurrence {
  /** Identity within the calendar (see CalendarEvent.sourceKey). */
  sourceKey: string;
  content: ImportedContent;
  /** True: the bounds are dates, given as the UTC midnights of the first day and of the day after the last. */
  allDay: boolean;
  startMs: number;
  endMs: number;
}

export interface WeeklyPeriod {
  day: 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';
  /** `HH:mm`, as sent. */
  startTime: string;
  /** `HH:mm` or `24:00`, as sent. */
  endTime: string;
}

export interface AvailabilityRule {
  applicationId: string;
  sub: string;
  availabilityRuleId: string;
  tzid: string;
  calendarIds: string[];
  weeklyPeriods: WeeklyPeriod[];
  updatedAt: number;
}

export interface AvailablePeriod {
  applicationId: string;
  sub: string;
  availablePeriodId: string;
  start: number;
  end: number;
  tzid: string | null;
}

/** What a credential row grants. */
export type CredentialKind = 'api_key' | 'access_token' | 'refresh_token' | 'element_token';

export interface Credential {
  /** SHA-256 (hex) of the credential's secret text: the only form in which it is stored. */
  hash: string;
  kind: CredentialKind;
  applicationId: string;
  /** access/refresh tokens: the account. */
  sub: string | null;
  /** access/refresh tokens: space-separated scopes. */
  scope: string | null;
  /** element tokens. */
  permissions: Permission[];
  /** element tokens: ordered subs, the first is the primary sub. */
  subs: string[];
  /** element tokens: normalised origin. */
  origin: string | null;
  issuedAt: number;
  /** null = never expires. */
  expiresAt: number | null;
  revoked: boolean;
}

/** A stored page of a paged list response (PROTOCOL §2.6). */
export interface PageSnapshot {
  /** SHA-256 (hex) of the page id. */
  idHash: string;
  /** Hash of the credential that made the first request; pages answer only to it. */
  credentialHash: string;
  resource: 'events' | 'free_busy' | 'available_periods';
  /** The account whose data the page holds; its pages go when one of its profiles is revoked. */
  sub: string;
  /** The complete JSON response body of this page. */
  body: string;
  expiresAt: number;
}
