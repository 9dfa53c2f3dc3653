/**
 * Locale resolution and phrase lookup (PROTOCOL §6.3, §6.10).
 *
 * Two things come out of a `locale` option: the tag handed to `Intl` (kept whole, so that an
 * explicit choice such as `en-US-u-hc-h23` is honoured everywhere), and the bundled phrase
 * table, found by exact match, then base language, then `en`.
 */
import { KEYS, LANGUAGE_DEFAULTS, PHRASES, type PhraseKey } from './phrases.js';
import { isObject } from './json.js';

const RTL = new Set(['ar', 'he', 'iw', 'fa', 'ur']);

/** The outcome of resolving a `locale` option. */
export interface ResolvedLocale {
  /** Canonical BCP 47 tag for `Intl`. */
  intl: string;
  /** Key of the bundled phrase table in use. */
  phrases: string;
  language: string;
  dir: 'ltr' | 'rtl';
  /** Set when the requested value was unusable. */
  warning?: string;
}

function defaultLocale(): string {
  const nav = typeof navigator === 'object' ? navigator : undefined;
  return nav?.languages?.[0] ?? nav?.language ?? 'en';
}

/**
 * Resolves a `locale` option (default: the browser's first language, else `en`).
 *
 * @example resolveLocale('de-AT').phrases === 'de'
 * @example resolveLocale('he').dir === 'rtl'
 */
export function resolveLocale(requested: unknown): ResolvedLocale {
  const given = typeof requested === 'string' && requested !== '' ? requested : defaultLocale();
  let intl = 'en';
  let warning: string | undefined;
  try {
    intl = Intl.getCanonicalLocales(given)[0] ?? 'en';
  } catch {
    warning = `locale "${String(requested)}" is not a valid language tag: using en`;
  }
  const loc = new Intl.Locale(intl);
  const language = loc.language;
  const regional = loc.region ? `${language}-${loc.region}` : '';
  const phrases = [regional, language, LANGUAGE_DEFAULTS[language] ?? ''].find((k) => k !== '' && PHRASES[k] !== undefined) ?? 'en';
  const out: ResolvedLocale = { intl, phrases, language, dir: RTL.has(language) ? 'rtl' : 'ltr' };
  if (warning) out.warning = warning;
  return out;
}

/** Looks phrases up in the bundled table with the host's `translations` merged over it. */
export class Phrasebook {
  private readonly table: Record<string, string> = {};

  constructor(locale: ResolvedLocale, translations: unknown) {
    const base = (PHRASES.en ?? '').split('|');
    const own = (PHRASES[locale.phrases] ?? '').split('|');
    KEYS.forEach((k, i) => {
      this.table[k] = own[i] ?? base[i] ?? k;
    });
    if (!isObject(translations)) return;
    // Lowest precedence first: base language, bundled table, then the exact tag asked for.
    for (const tag of new Set([locale.language, locale.phrases, locale.intl])) {
      const byContext = translations[tag];
      if (!isObject(byContext)) continue;
      for (const [context, entries] of Object.entries(byContext)) {
        if (!isObject(entries)) continue;
        for (const [key, text] of Object.entries(entries)) {
          const full = `${context}.${key}`;
          if (typeof text === 'string' && full in this.table) this.table[full] = text;
        }
      }
    }
  }

  /** The phrase for `key`. */
  t(key: PhraseKey): string {
    return this.table[key] ?? key;
  }
}
