/**
 * Public TypeScript surface of the Elements library (PROTOCOL §6, §7).
 *
 * This file holds declarations only. The build copies it verbatim to
 * `dist/elements/CronofyElements.d.ts`, and the implementation is type-checked against
 * {@link CronofyElementsLibrary}, so the shipped declarations cannot drift from the code.
 *
 * @example
 *   import { Agenda } from './CronofyElements.v0.1.0.mjs';
 *   const agenda = Agenda({ element_token: token, target_id: 'agenda', api_domain: 'https://cal.example.com' });
 *   if (agenda) agenda.update({ tzid: 'Europe/Paris' });
 */

/** Levels of log notifications, lowest first. */
export type LogLevel = 'log' | 'info' | 'warn' | 'error';

/** Display names used in the `element` field of log notifications. */
export type ElementDisplayName =
  | 'Agenda View'
  | 'Slot Picker'
  | 'Availability Viewer'
  | 'Date Time Picker'
  | 'Availability Rules'
  | 'Calendar Sync';

/** A log notification (§6.8). `errors` is `{}`, a 422 `errors` map, or the option-validation map. */
export interface LogNotification {
  notification: {
    type: LogLevel;
    element: ElementDisplayName;
    message: string;
    url: string;
    errors: Record<string, unknown>;
  };
}

/** Any notification an element sends to `callback`. Hosts must ignore types they do not know. */
export interface Notification {
  notification: { type: string; [key: string]: unknown };
  [sibling: string]: unknown;
}

/** Receives every notification of an element. */
export type NotificationCallback = (notification: Notification) => void;

/** `{ <locale>: { <context>: { <key>: text } } }`, deep-merged over the built-in phrases. */
export type Translations = Record<string, Record<string, Record<string, string>>>;

/** `styles` option. Colour keys become CSS custom properties `--kairos-<kebab-key>`. */
export interface StylesOption {
  /** CSS class prefix; classes are `<prefix>__<part>`. */
  prefix?: string;
  /** Named colours, for example `{ primary: '#0b5394', calendars: ['#c00', '#080'] }`. */
  colors?: Record<string, string | string[]>;
  height?: number | string;
  padding?: string;
  [key: string]: unknown;
}

/** `config` keys shared by every element. */
export interface CommonConfig {
  /** Console filter: `warn` (default), `error`, `none`, anything else = every level. Callbacks always get everything. */
  logs?: string;
  [key: string]: unknown;
}

/** Options every element accepts (§6.3). */
export interface CommonOptions {
  /** Required unless `demo` is true (optional for CalendarSync). */
  element_token?: string;
  /** Id of the DOM node to mount into. Default `cronofy-element-<slug>`. */
  target_id?: string;
  callback?: NotificationCallback;
  /** Mock data, no network activity at all. */
  demo?: boolean;
  /** API origin, for example `https://calendar.example.com`. `https://` is added when no scheme is given. */
  api_domain?: string;
  /** Used only when `api_domain` is absent. Default `us`. */
  data_center?: string;
  /** Base of CalendarSync's authorisation links. */
  app_domain?: string;
  /** BCP 47 tag, for example `de`, `en-GB` or `en-US-u-hc-h23`. */
  locale?: string;
  locale_modifiers?: Record<string, unknown>;
  translations?: Translations;
  /** IANA zone. Invalid → `warn` and the browser's zone. */
  tzid?: string;
  styles?: StylesOption;
  config?: CommonConfig;
  /** @deprecated use `element_token`. */
  token?: string;
  /** @deprecated use `target_id`. */
  target?: string;
  /** @deprecated use `styles.colors`. */
  colors?: Record<string, string | string[]>;
}

/** Agenda `config` (§7.1). */
export interface AgendaConfig extends CommonConfig {
  mode?: 'default' | 'only_managed' | 'free_busy' | 'free_busy_managed';
}

/** Agenda options (§7.1). */
export interface AgendaOptions extends CommonOptions {
  /** First day shown: a Date (its local calendar date) or `YYYY-MM-DD`. Default: today in `tzid`. */
  start_date?: Date | string;
  config?: AgendaConfig;
}

/** A Duration (§2.2). */
export interface DurationOption {
  minutes?: number;
  hours?: number;
}

/** An availability query as sent to `POST /v1/availability` (§5.7). Passed through mostly as is. */
export interface AvailabilityQuery {
  participants?: unknown[];
  required_duration?: DurationOption;
  query_periods?: Array<{ start: string; end: string }>;
  /** Legacy name of `query_periods`. */
  available_periods?: Array<{ start: string; end: string }>;
  query_slots?: Array<{ start: string }>;
  response_format?: 'slots' | 'overlapping_slots' | string;
  sequence?: Array<Record<string, unknown>>;
  bookable_events?: unknown;
  max_results?: number;
  start_interval?: DurationOption;
  buffer?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Options of the three availability elements. */
export interface AvailabilityElementOptions extends CommonOptions {
  availability_query?: AvailabilityQuery;
  /** @deprecated use `availability_query`. */
  query?: AvailabilityQuery;
}

/** SlotPicker options (§7.2). */
export interface SlotPickerOptions extends AvailabilityElementOptions {
  config?: CommonConfig & { mode?: 'confirm' | 'no_confirm' };
}

/** Weekday names accepted by `week_start_day`. */
export type Weekday = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';

/** AvailabilityViewer options (§7.3). */
export interface AvailabilityViewerOptions extends AvailabilityElementOptions {
  config?: CommonConfig & {
    start_time?: string;
    end_time?: string;
    interval?: number;
    mode?: 'confirm' | 'default' | 'no_confirm' | 'multi_select' | 'free_select';
    max_selection_count?: number;
    slot_selection?: 'available' | 'unrestricted';
    week_start_day?: Weekday;
    bounds_control?: boolean;
    allow_expansion?: boolean;
  };
  /** @deprecated use `config`. */
  extras?: Record<string, unknown>;
}

/** DateTimePicker options (§7.4). */
export interface DateTimePickerOptions extends AvailabilityElementOptions {
  on_month_changed?: (month: { year: number; month: number }) => Promise<{ availability_query: AvailabilityQuery }>;
  config?: CommonConfig & {
    mode?: 'confirm' | 'no_confirm';
    week_start_day?: Weekday;
    tz_list?: string[];
    display_slot_timezone?: boolean;
    display_slot_navigation?: boolean;
    selected_date?: Date | string;
    month_view_mode?: 'overflow' | 'minimal_overflow' | 'single';
    slot_button_mode?: 'summary' | 'detailed';
  };
}

/** One weekly period of an availability rule. */
export interface WeeklyPeriodOption {
  day: Weekday;
  start_time: string;
  end_time: string;
}

/** AvailabilityRules options (§7.5). */
export interface AvailabilityRulesOptions extends CommonOptions {
  availability_rule_id?: string;
  calendar_ids?: string[];
  config?: CommonConfig & {
    start_time?: string;
    end_time?: string;
    duration?: 15 | 30 | 60;
    week_start_day?: Weekday;
    default_weekly_periods?: WeeklyPeriodOption[];
    auto_create_rules?: boolean;
    keyboard_support?: 'basic';
    tz_list?: string[];
  };
  /** @deprecated use `config.duration`. */
  duration?: number;
  /** @deprecated use `config.start_time`. */
  start_time?: string;
  /** @deprecated use `config.end_time`. */
  end_time?: string;
}

/** CalendarSync options (§7.6). */
export interface CalendarSyncOptions extends CommonOptions {
  authorization?: { redirect_uri?: string; client_id?: string; scope?: string; [key: string]: string | undefined };
  authorization_url?: string;
  single_profile?: boolean;
  config?: CommonConfig & { revoke_mode?: 'trigger_and_callback' | 'callback_only' };
}

/** The object a factory returns (§6.5). */
export interface ElementHandle<O extends CommonOptions = CommonOptions> {
  /** Shallow-merges options (`config`, `availability_query`, `styles` one level deep), re-validates, re-renders and reloads. */
  update(partial?: Partial<O>): void;
  /** Re-renders with the current options and reloads. */
  refresh(): void;
  /** The resolved zone; a live value. */
  readonly context: { readonly tzid: string };
}

/** A factory: a plain function (calling it with `new` behaves the same). `false` when the target does not exist. */
export type ElementFactory<O extends CommonOptions> = (options: O) => ElementHandle<O> | false;

/** The `CronofyElements` global and the ESM default export. */
export interface CronofyElementsLibrary {
  readonly version: string;
  Agenda: ElementFactory<AgendaOptions>;
  SlotPicker: ElementFactory<SlotPickerOptions>;
  AvailabilityViewer: ElementFactory<AvailabilityViewerOptions>;
  DateTimePicker: ElementFactory<DateTimePickerOptions>;
  AvailabilityRules: ElementFactory<AvailabilityRulesOptions>;
  CalendarSync: ElementFactory<CalendarSyncOptions>;
}

export declare const version: CronofyElementsLibrary['version'];
export declare const Agenda: CronofyElementsLibrary['Agenda'];
export declare const SlotPicker: CronofyElementsLibrary['SlotPicker'];
export declare const AvailabilityViewer: CronofyElementsLibrary['AvailabilityViewer'];
export declare const DateTimePicker: CronofyElementsLibrary['DateTimePicker'];
export declare const AvailabilityRules: CronofyElementsLibrary['AvailabilityRules'];
export declare const CalendarSync: CronofyElementsLibrary['CalendarSync'];
declare const CronofyElements: CronofyElementsLibrary;
export default CronofyElements;
