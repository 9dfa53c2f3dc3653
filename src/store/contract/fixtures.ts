/** Builders of domain values for the contract suite. Every field is set, so round trips are total. */
import type {
  Account,
  Application,
  AvailabilityRule,
  AvailablePeriod,
  Calendar,
  CalendarEvent,
  Credential,
  EventBound,
  ImportedContent,
  Profile,
} from '../../core/index.js';
import type { Store } from '../store.js';

export const APP_A = 'app_AAAAAAAAAAAAAAAAAAAA';
export const APP_B = 'app_BBBBBBBBBBBBBBBBBBBB';
export const SUB_1 = 'acc_111111111111111111111111';
export const SUB_2 = 'acc_222222222222222222222222';
export const SUB_3 = 'apc_333333333333333333333333';
export const PRO_1 = 'pro_profile1xxxxxxxxxxxxxx';
export const PRO_2 = 'pro_profile2xxxxxxxxxxxxxx';
export const CAL_1 = 'cal_calendar1xxxxxxxxxxxxx';
export const CAL_2 = 'cal_calendar2xxxxxxxxxxxxx';
/** A calendar of SUB_2. */
export const CAL_3 = 'cal_calendar3xxxxxxxxxxxxx';

export const T0 = Date.UTC(2026, 5, 1, 9, 0, 0);
export const HOUR = 3_600_000;

export function makeApplication(applicationId: string, over: Partial<Application> = {}): Application {
  return {
    applicationId,
    clientId: `kairos_${applicationId.slice(4)}`,
    name: `App ${applicationId}`,
    redirectUris: ['https://host.example/callback', 'https://host.example/other'],
    active: true,
    createdAt: T0,
    ...over,
  };
}

export function makeAccount(sub: string, over: Partial<Account> = {}): Account {
  return { sub, kind: 'account', email: `${sub}@example.com`, name: `Name ${sub}`, zoneinfo: 'Europe/Paris', createdAt: T0, ...over };
}

export function makeProfile(profileId: string, sub: string, over: Partial<Profile> = {}): Profile {
  return {
    profileId,
    sub,
    providerName: 'cronofy',
    providerService: 'cronofy',
    profileName: `profile ${profileId}`,
    connected: true,
    initialSyncRequired: false,
    revoked: false,
    source: { type: 'local' },
    createdAt: T0,
    ...over,
  };
}

export function makeCalendar(calendarId: string, profileId: string, sub: string, over: Partial<Calendar> = {}): Calendar {
  return {
    calendarId,
    profileId,
    sub,
    name: `Calendar ${calendarId}`,
    readonly: false,
    deleted: false,
    primary: false,
    color: '#336699',
    createdAt: T0,
    ...over,
  };
}

export function makeCredential(hash: string, over: Partial<Credential> = {}): Credential {
  return {
    hash,
    kind: 'access_token',
    applicationId: APP_A,
    sub: SUB_1,
    scope: 'read_events create_event',
    permissions: [],
    subs: [],
    origin: null,
    issuedAt: T0,
    expiresAt: T0 + HOUR,
    revoked: false,
    ...over,
  };
}

export const time = (ms: number): EventBound => ({ kind: 'time', ms });
export const date = (d: string): EventBound => ({ kind: 'date', date: d });

let counter = 0;

/** A timed, unmanaged event of SUB_1 on CAL_1 from T0 to T0 + 1 h, with every field filled. */
export function makeEvent(over: Partial<CalendarEvent> = {}): CalendarEvent {
  counter += 1;
  return {
    eventUid: `evt_${String(counter).padStart(24, '0')}`,
    calendarId: CAL_1,
    sub: SUB_1,
    applicationId: null,
    eventId: null,
    summary: 'Planning',
    description: 'Quarterly planning — “quotes” and ünïcødé',
    start: time(T0),
    end: time(T0 + HOUR),
    tzid: 'Europe/Paris',
    location: { description: 'Room 1', lat: 48.8566, long: 2.3522 },
    url: 'https://meet.example/abc',
    color: '#aa0000',
    reminders: [{ minutes: 10 }, { minutes: 60 }],
    transparency: 'opaque',
    status: 'confirmed',
    participationStatus: 'accepted',
    attendees: [
      { email: 'a@example.com', displayName: 'A', status: 'accepted' },
      { email: 'b@example.com', displayName: null, status: 'needs_action' },
    ],
    organizer: { email: 'a@example.com', displayName: 'A' },
    categories: ['work', 'planning'],
    recurring: false,
    eventPrivate: false,
    deleted: false,
    created: T0 - HOUR,
    updated: T0 - HOUR,
    sourceKey: null,
    ...over,
  };
}

/** The content of an imported occurrence: plain text, no lists, no location. */
export function makeImportedContent(over: Partial<ImportedContent> = {}): ImportedContent {
  return {
    summary: 'Imported',
    description: '',
    tzid: 'Europe/Paris',
    location: null,
    url: null,
    color: null,
    reminders: [],
    transparency: 'opaque',
    status: 'confirmed',
    participationStatus: 'unknown',
    attendees: [],
    organizer: null,
    categories: [],
    recurring: false,
    eventPrivate: false,
    ...over,
  };
}

/** An imported event of CAL_1 identified by `sourceKey`. */
export function importedEvent(sourceKey: string, over: Partial<CalendarEvent> = {}): CalendarEvent {
  return makeEvent({ sourceKey, summary: `Imported ${sourceKey}`, ...over });
}

export function makeRule(ruleId: string, over: Partial<AvailabilityRule> = {}): AvailabilityRule {
  return {
    applicationId: APP_A,
    sub: SUB_1,
    availabilityRuleId: ruleId,
    tzid: 'America/New_York',
    calendarIds: [CAL_1],
    weeklyPeriods: [
      { day: 'monday', startTime: '09:00', endTime: '12:00' },
      { day: 'monday', startTime: '13:00', endTime: '24:00' },
    ],
    updatedAt: T0,
    ...over,
  };
}

export function makePeriod(id: string, start: number, end: number, over: Partial<AvailablePeriod> = {}): AvailablePeriod {
  return { applicationId: APP_A, sub: SUB_1, availablePeriodId: id, start, end, tzid: null, ...over };
}

/**
 * Two applications, three accounts (SUB_1 with profiles PRO_1 → CAL_1, CAL_2; SUB_2 with
 * PRO_2 → CAL_3; SUB_3 an application calendar account), all authorising APP_A.
 */
export async function seed(store: Store): Promise<void> {
  await store.createApplication(makeApplication(APP_A));
  await store.createApplication(makeApplication(APP_B, { createdAt: T0 + 1 }));
  await store.createAccount(makeAccount(SUB_1));
  await store.createAccount(makeAccount(SUB_2));
  await store.createAccount(makeAccount(SUB_3, { kind: 'application_calendar', email: null, name: null }));
  await store.createProfile(makeProfile(PRO_1, SUB_1));
  await store.createProfile(makeProfile(PRO_2, SUB_2));
  await store.createCalendar(makeCalendar(CAL_1, PRO_1, SUB_1, { primary: true }));
  await store.createCalendar(makeCalendar(CAL_2, PRO_1, SUB_1, { createdAt: T0 + 1 }));
  await store.createCalendar(makeCalendar(CAL_3, PRO_2, SUB_2));
}
