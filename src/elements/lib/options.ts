/**
 * The options every element shares (PROTOCOL §6.3): legacy aliases, `update()` merging, and
 * validation of the common keys. Pure apart from reading `navigator`, `Intl` and `CSS`.
 */
import { browserTimeZone, isValidTimeZone } from './dates.js';
import { apiBase } from './domains.js';
import { isObject } from './json.js';
import { Phrasebook, resolveLocale, type ResolvedLocale } from './i18n.js';
import { show, type Report } from './report.js';

/** Options as the host gave them. */
export type RawOptions = Record<string, unknown>;

/** A legacy option name and the path of its current name (`config.duration`). */
export interface Alias {
  from: string;
  to: string;
}

/** Aliases every element accepts. */
export const COMMON_ALIASES: readonly Alias[] = [
  { from: 'token', to: 'element_token' },
  { from: 'target', to: 'target_id' },
  { from: 'colors', to: 'styles.colors' },
];

/** Keys merged one level deep by `update()`. */
const DEEP_KEYS = new Set(['config', 'availability_query', 'styles']);

/**
 * Moves legacy aliases to their current names, warning once for each. When both forms are
 * given, the current name wins. Returns a new object; the input is not modified.
 *
 * @example renameAliases({ token: 't' }, COMMON_ALIASES, report) // → { element_token: 't' }, one warning
 */
export function renameAliases(raw: RawOptions, aliases: readonly Alias[], report: Report): RawOptions {
  const out: RawOptions = { ...raw };
  for (const { from, to } of aliases) {
    if (!(from in out)) continue;
    const value = out[from];
    delete out[from];
    report.warn(`The ${from} option is deprecated: use ${to} instead`);
    const [head = '', sub] = to.split('.');
    if (sub === undefined) {
      if (out[head] === undefined) out[head] = value;
    } else {
      const container = isObject(out[head]) ? { ...out[head] } : {};
      if (container[sub] === undefined) container[sub] = value;
      out[head] = container;
    }
  }
  return out;
}

/**
 * `update()` merging (§6.5): shallow, except `config`, `availability_query` and `styles`,
 * which are merged one level deep.
 */
export function mergeOptions(current: RawOptions, partial: RawOptions): RawOptions {
  const out: RawOptions = { ...current };
  for (const [k, v] of Object.entries(partial)) {
    const prev = out[k];
    out[k] = DEEP_KEYS.has(k) && isObject(prev) && isObject(v) ? { ...prev, ...v } : v;
  }
  return out;
}

/** The common options after validation. */
export interface CommonResolved {
  token: string;
  demo: boolean;
  apiBase: string;
  tzid: string;
  locale: ResolvedLocale;
  phrases: Phrasebook;
  prefix: string;
  /** String colours of `styles.colors`, validated. */
  colors: Record<string, string>;
  /** `styles.colors` as given (array values included), for elements with their own keys. */
  rawColors: Record<string, unknown>;
  config: Record<string, unknown>;
}

const PREFIX_RE = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/** True when `value` is a CSS colour the browser accepts (anything, outside a browser). */
export function isColor(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  return typeof CSS === 'undefined' || typeof CSS.supports !== 'function' || CSS.supports('color', value);
}

/** What the element tells the common validation about itself. */
export interface CommonSpec {
  prefix: string;
  tokenOptional?: boolean;
}

/** Validates the common options (§6.3, §6.6), recording problems in `report`. */
export function validateCommon(raw: RawOptions, spec: CommonSpec, report: Report): CommonResolved {
  const ignore = (key: string, type: string): void => report.warn(`${key} should be ${type}: it is ignored`);
  const demo = Boolean(raw.demo);
  if (raw.demo !== undefined && typeof raw.demo !== 'boolean') report.warn(`demo should be a boolean: using ${demo}`);
  const token = typeof raw.element_token === 'string' ? raw.element_token : '';
  const badType = raw.element_token !== undefined && typeof raw.element_token !== 'string';
  if (!demo && (badType || (token === '' && !spec.tokenOptional))) {
    report.error('element_token', badType ? 'must be a string' : 'is required unless demo is true');
  }
  if (raw.callback === undefined) report.info('No callback was provided: notifications are only logged');
  else if (typeof raw.callback !== 'function') ignore('callback', 'a function');
  for (const k of ['api_domain', 'app_domain', 'locale', 'tzid'] as const) {
    if (raw[k] !== undefined && typeof raw[k] !== 'string') ignore(k, 'a string');
  }
  for (const k of ['translations', 'styles', 'config'] as const) {
    if (raw[k] !== undefined && !isObject(raw[k])) ignore(k, 'an object');
  }

  let tzid = browserTimeZone();
  if (isValidTimeZone(raw.tzid)) tzid = raw.tzid;
  else if (typeof raw.tzid === 'string') report.warn(`tzid ${show(raw.tzid)} is not a valid time zone: using ${tzid}`);

  const locale = resolveLocale(raw.locale);
  if (locale.warning) report.warn(locale.warning);

  const styles = isObject(raw.styles) ? raw.styles : {};
  let prefix = spec.prefix;
  if (typeof styles.prefix === 'string' && PREFIX_RE.test(styles.prefix)) prefix = styles.prefix;
  else if (styles.prefix !== undefined) report.warn(`styles.prefix ${show(styles.prefix)} is not a valid class name: using ${prefix}`);
  const rawColors = isObject(styles.colors) ? styles.colors : {};
  const colors: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawColors)) {
    if (isColor(v)) colors[k] = v;
    else if (!Array.isArray(v)) report.warn(`styles.colors.${k} ${show(v)} is not a valid colour: it is ignored`);
  }
  return {
    token,
    demo,
    apiBase: apiBase(raw),
    tzid,
    locale,
    phrases: new Phrasebook(locale, raw.translations),
    prefix,
    colors,
    rawColors,
    config: isObject(raw.config) ? raw.config : {},
  };
}
