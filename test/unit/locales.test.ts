// Every locale under public/_locales must say everything en says, with the same placeholders, or
// Chrome shows the key name (a missing message) or refuses to load the extension (a placeholder the
// message names but does not define). A value left in English is usually a forgotten translation.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const LOCALES = join(import.meta.dirname, '..', '..', 'public', '_locales');
interface Message {
  message: unknown;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
type Messages = Record<string, Message>;

const read = (locale: string): Messages =>
  JSON.parse(readFileSync(join(LOCALES, locale, 'messages.json'), 'utf8')) as Messages;
const en = read('en');
const others = readdirSync(LOCALES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'en')
  .map((d) => d.name)
  .sort();

const manifestKeys = [
  ...new Set([...readFileSync(join(LOCALES, '..', '..', 'manifest.json'), 'utf8').matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)].map((m) => m[1]!)),
];

/** Values that may equal the English one, by key, with the locales where that is right. */
const SAME_AS_ENGLISH: Record<string, { locales: string[] | 'all'; why: string }> = {
  extName: { locales: 'all', why: 'the product name is never translated' },
  dashColRank: { locales: 'all', why: '"#" is a symbol, not a word' },
  excludePlaceholder: { locales: 'all', why: 'example domains, not words' },
  limitWhenInWindow: { locales: ['de', 'es', 'fr', 'pt_BR'], why: 'two placeholders and a comma: no word to translate' },
  dashTotal: { locales: ['fr', 'es', 'pt_BR'], why: '"Total" is the word in French, Spanish and Portuguese' },
  previewSites: { locales: ['fr', 'pt_BR'], why: '"Sites" is the French and Portuguese plural too' },
  dashSiteCount: { locales: ['fr', 'pt_BR'], why: '"Sites" is the French and Portuguese plural too' },
  limitSiteLabel: { locales: ['fr', 'pt_BR'], why: '"Site" is the French and Portuguese word too' },
  verifySite: { locales: ['fr', 'pt_BR'], why: '"Site" is the French and Portuguese word too' },
  dashColSite: { locales: ['fr', 'pt_BR'], why: '"Site" is the French and Portuguese word too' },
  dashColPage: { locales: ['fr'], why: '"Page" is the French word too' },
  categoryName: { locales: ['de'], why: '"Name" is the German word too' },
  openDashboard: { locales: ['de'], why: '"Dashboard" is the usual German UI word' },
  focusMinutesUnit: { locales: ['fr', 'es', 'pt_BR'], why: '"min" is the abbreviation of minutes in French, Spanish and Portuguese too' },
  unitMinutes: { locales: ['fr'], why: '"minutes" is the French word too' },
};

const placeholderNames = (text: string): string[] =>
  [...text.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();
/** Chrome matches placeholder names case-insensitively; compare names and contents, not examples. */
const definitions = (m: Message): Record<string, string> =>
  Object.fromEntries(
    Object.entries(m.placeholders ?? {})
      .map(([name, p]) => [name.toLowerCase(), p.content] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

describe('locales', () => {
  it('exist for at least five languages besides English', () => {
    expect(others.length, `locales: ${others.join(', ')}`).toBeGreaterThanOrEqual(5);
  });

  describe.each(others)('%s', (locale) => {
    const messages = read(locale);

    it('has exactly the keys of en', () => {
      const missing = Object.keys(en).filter((k) => !(k in messages));
      const extra = Object.keys(messages).filter((k) => !(k in en));
      expect({ missing, extra }, `${locale}: keys differ from en`).toEqual({ missing: [], extra: [] });
    });

    it('follows Chrome\'s rules: names of [A-Za-z0-9_@], each message a string', () => {
      const badNames = Object.keys(messages).filter((k) => !/^[A-Za-z0-9_@]+$/.test(k));
      const notStrings = Object.entries(messages)
        .filter(([, m]) => typeof m.message !== 'string')
        .map(([k]) => k);
      expect({ badNames, notStrings }, locale).toEqual({ badNames: [], notStrings: [] });
    });

    it('has the manifest\'s strings, the description within Chrome\'s 132 characters', () => {
      expect(manifestKeys).toEqual(expect.arrayContaining(['extName', 'extDescription']));
      const missing = manifestKeys.filter((k) => typeof messages[k]?.message !== 'string');
      expect(missing, locale).toEqual([]);
      expect(String(messages.extDescription?.message).length, locale).toBeLessThanOrEqual(132);
    });

    it('uses and defines the same placeholders as en', () => {
      const mismatches = Object.entries(en)
        .filter(([key]) => key in messages)
        .filter(([key, m]) => {
          const mine = messages[key]!;
          const used = placeholderNames(String(mine.message)).join();
          return used !== placeholderNames(String(m.message)).join() ||
            JSON.stringify(definitions(mine)) !== JSON.stringify(definitions(m));
        })
        .map(([key]) => `${locale}.${key}`);
      expect(mismatches).toEqual([]);
    });

    it('translates every message, except the allowlisted ones', () => {
      const untranslated = Object.entries(en)
        .filter(([key, m]) => messages[key]?.message === m.message)
        .map(([key]) => key)
        .filter((key) => {
          const allowed = SAME_AS_ENGLISH[key]?.locales;
          return !(allowed === 'all' || allowed?.includes(locale));
        });
      expect(untranslated, `${locale}: still English`).toEqual([]);
    });
  });

  it('allowlists only values that really are the English ones, each with a reason', () => {
    const stale = Object.entries(SAME_AS_ENGLISH).flatMap(([key, entry]) =>
      (entry.locales === 'all' ? others : entry.locales)
        .filter((locale) => !others.includes(locale) || read(locale)[key]?.message !== en[key]?.message)
        .map((locale) => `${locale}.${key}`),
    );
    expect(stale).toEqual([]);
    for (const [key, entry] of Object.entries(SAME_AS_ENGLISH)) expect(entry.why.length, key).toBeGreaterThan(10);
  });
});
