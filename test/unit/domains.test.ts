// The bounds of what capture stores (domains.ts): a site name of at most 253 characters, a page
// url of at most MAX_PAGE_URL, cut to that bound when longer, and no page at all when even its
// origin does not fit.
import { describe, expect, it } from 'vitest';
import { isStorableDomain, isStorablePageUrl, MAX_DOMAIN, MAX_PAGE_URL, trackedUrl } from '../../src/core/domains.ts';

/** A host name of `length` characters: labels of 63 "a"s, then one of "b"s (1 to 63 of them). */
function hostOf(length: number): string {
  const full = Math.floor((length - 1) / 64);
  const name = `${'a'.repeat(63)}.`.repeat(full) + 'b'.repeat(length - 64 * full);
  if (name.length !== length) throw new Error(`no host of ${length} characters this way`);
  return name;
}

const everything = { excludedSites: [], recordIncognito: false };

describe('a site name is at most 253 characters', () => {
  it('253 characters is a name, 254 is not, and the empty name is none', () => {
    expect(isStorableDomain(hostOf(MAX_DOMAIN))).toBe(true);
    expect(isStorableDomain(hostOf(MAX_DOMAIN + 1))).toBe(false);
    expect(isStorableDomain('')).toBe(false);
  });
});

describe('a page url is at most MAX_PAGE_URL characters', () => {
  const at = (length: number): string => `https://example.com/${'p'.repeat(length - 'https://example.com/'.length)}`;

  it('one of exactly MAX_PAGE_URL is storable, and capture keeps it whole', () => {
    expect(isStorablePageUrl(at(MAX_PAGE_URL))).toBe(true);
    expect(trackedUrl(at(MAX_PAGE_URL), false, everything)).toBe(at(MAX_PAGE_URL));
  });

  it('one character more is not storable, and capture cuts it to the bound', () => {
    expect(isStorablePageUrl(at(MAX_PAGE_URL + 1))).toBe(false);
    expect(trackedUrl(at(MAX_PAGE_URL + 1), false, everything)).toBe(at(MAX_PAGE_URL));
  });

  it('a 5000-character path is cut to its first MAX_PAGE_URL characters, query dropped', () => {
    expect(trackedUrl(`${at(5000)}?q=1`, false, everything)).toBe(at(MAX_PAGE_URL));
  });
});

describe('a page whose origin leaves no room for a path is not recorded (a cut would name another host)', () => {
  it('an origin of MAX_PAGE_URL - 1 characters: the site root, which just fits', () => {
    const host = hostOf(MAX_PAGE_URL - 1 - 'http://'.length);
    expect(trackedUrl(`http://${host}/page`, false, everything)).toBe(`http://${host}/`);
  });

  it.each([0, 1, 30])('an origin of MAX_PAGE_URL + %i characters: nothing', (over) => {
    const host = hostOf(MAX_PAGE_URL + over - 'http://'.length);
    expect(trackedUrl(`http://${host}/page`, false, everything)).toBeNull();
  });
});
