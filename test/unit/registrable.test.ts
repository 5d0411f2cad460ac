// The registrable domain a page is stored under (registrable.ts, tldts with the public-suffix list).
import { describe, expect, it } from 'vitest';
import { registrableDomain, storedDomain } from '../../src/core/registrable.ts';

describe('registrableDomain', () => {
  it.each([
    ['https://news.bbc.co.uk/today', 'bbc.co.uk'],
    ['https://NEWS.BBC.co.uk/', 'bbc.co.uk'],
    // github.io is in the list's private section, which Dwell leaves out: every page is one site.
    ['https://me.github.io/blog', 'github.io'],
    ['https://you.github.io/', 'github.io'],
    ['http://localhost:3000/', 'localhost'],
    ['http://[2001:DB8::ABC]/', '2001:db8::abc'],
  ])('%s → %s', (url, site) => {
    expect(registrableDomain(url)).toBe(site);
  });

  it('a host the list cannot read falls back to the host, lower case as the parser wrote it', () => {
    expect(registrableDomain('http://A*B.com/')).toBe('a*b.com');
    expect(storedDomain('http://A*B.com/')).toBeNull(); // and capture leaves it untracked
  });

  it('no web page, no domain', () => {
    expect(registrableDomain('chrome://settings/')).toBeNull();
  });
});
