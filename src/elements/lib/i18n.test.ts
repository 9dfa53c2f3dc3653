import { describe, expect, it } from 'vitest';
import { Phrasebook, resolveLocale } from './i18n.js';
import { KEYS, PHRASES } from './phrases.js';

describe('locale resolution', () => {
  it.each([
    ['en', 'en', 'en', 'ltr'],
    ['en-GB', 'en-GB', 'en', 'ltr'],
    ['en-US', 'en-US', 'en', 'ltr'],
    ['de', 'de', 'de', 'ltr'],
    ['de-AT', 'de-AT', 'de', 'ltr'],
    ['fr-CA', 'fr-CA', 'fr', 'ltr'],
    ['pt', 'pt', 'pt-BR', 'ltr'],
    ['zh-Hans-CN', 'zh-Hans-CN', 'zh-CN', 'ltr'],
    ['ja', 'ja', 'ja', 'ltr'],
    ['ar-EG', 'ar-EG', 'ar', 'rtl'],
    ['he', 'he', 'he', 'rtl'],
    ['en-US-u-hc-h23', 'en-US-u-hc-h23', 'en', 'ltr'],
    ['xx', 'xx', 'en', 'ltr'],
  ])('%s → Intl %s, phrases %s, %s', (given, intl, phrases, dir) => {
    expect(resolveLocale(given)).toMatchObject({ intl, phrases, dir });
  });

  it('warns and uses en for a malformed tag', () => {
    expect(resolveLocale('not a locale!')).toMatchObject({ intl: 'en', phrases: 'en', warning: 'locale "not a locale!" is not a valid language tag: using en' });
  });
});

describe('phrases', () => {
  it('bundles a complete table for every language', () => {
    for (const [lang, text] of Object.entries(PHRASES)) expect([lang, text.split('|').length]).toEqual([lang, KEYS.length]);
  });

  it('merges host translations over the bundled phrases, ignoring unknown keys', () => {
    const book = new Phrasebook(resolveLocale('de-AT'), {
      de: { agenda: { today: 'Jetzt', unknown: 'x' }, core: { global_error: 'Fehler' } },
      'de-AT': { agenda: { today: 'Heit' } },
      en: { agenda: { next_day: 'ignored' } },
    });
    expect(book.t('agenda.today')).toBe('Heit');
    expect(book.t('core.global_error')).toBe('Fehler');
    expect(book.t('agenda.previous')).toBe('Vorheriger Tag');
  });
});
