// What a per-site limit may hold: typed limits are checked with a reason for each refusal, stored
// ones are cleaned on every read of the settings.
import { describe, expect, it } from 'vitest';
import { checkSiteLimit, limitSite, normalizeSiteLimits } from '../../src/core/limit-rules.ts';
import { storedDomain } from '../../src/core/registrable.ts';
import { siteUrl } from '../../src/core/domains.ts';
import { normalizeSettings } from '../../src/settings/normalize.ts';
import { createSettingsStore } from '../../src/settings/store.ts';
import { FakeStorageArea } from '../fixtures/fake-storage.ts';

const problem = (input: { site: unknown; minutes: unknown; weekdays?: unknown }, excluded: string[] = []) => {
  const r = checkSiteLimit(input, excluded);
  return r.ok ? null : r.problem;
};

describe('a typed limit', () => {
  it('"News.TEST" for "30" minutes is news.test, 30 min every day', () => {
    expect(checkSiteLimit({ site: ' News.TEST ', minutes: '30' }, [])).toEqual({ ok: true, rule: { site: 'news.test', minutes: 30 } });
  });

  it('the site is read as an exclusion is: a URL, a wildcard and www. all name the site', () => {
    for (const typed of ['https://www.news.test/today?x=1', '*.news.test', 'www.news.test', 'news.test.']) expect(limitSite(typed)).toBe('news.test');
    for (const bad of ['', 'not a site', 'a*b.test', 'http://']) expect(limitSite(bad)).toBeNull();
  });

  it('only a leading "www." is dropped, and an IPv6 address loses its brackets as capture stores it', () => {
    expect(limitSite('awww.test')).toBe('awww.test');
    expect(limitSite('news.www.test')).toBe('news.www.test');
    expect(limitSite('[2001:db8::1]')).toBe('2001:db8::1');
    expect(limitSite('https://[2001:db8::1]/x')).toBe('2001:db8::1');
  });

  it('a limit on "[::1]" is stored as "::1" and still holds when the settings are read again', () => {
    expect(limitSite('[::1]')).toBe('::1');
    expect(limitSite('::1')).toBe('::1');
    expect(normalizeSiteLimits([{ site: '::1', minutes: 5 }])).toEqual([{ site: '::1', minutes: 5 }]);
    for (const bad of [':', '::g', '1:2:3']) expect(limitSite(bad)).toBeNull();
    // Typed with spaces, in full, or as a URL with a port; a URL whose scheme happens to be hex letters.
    expect(limitSite(' ::1 ')).toBe('::1');
    expect(limitSite('2001:db8::1')).toBe('2001:db8::1');
    expect(limitSite('http://[::1]:8080')).toBe('::1');
    expect(limitSite('add://news.test')).toBe('news.test');
  });

  it('a subdomain is counted under its site when the page maps it (Dwell keeps time per registrable domain)', () => {
    const r = checkSiteLimit({ site: 'news.bbc.co.uk', minutes: 10 }, [], (host) => storedDomain(siteUrl(host)));
    expect(r).toEqual({ ok: true, rule: { site: 'bbc.co.uk', minutes: 10 } });
  });

  it('0, negative, non-numeric, fractional and more than 24 h are refused, each with its reason', () => {
    expect(problem({ site: 'news.test', minutes: 0 })).toBe('minutes-low');
    expect(problem({ site: 'news.test', minutes: '-5' })).toBe('minutes-low');
    expect(problem({ site: 'news.test', minutes: 'abc' })).toBe('minutes-number');
    expect(problem({ site: 'news.test', minutes: '' })).toBe('minutes-number');
    expect(problem({ site: 'news.test', minutes: 1.5 })).toBe('minutes-number');
    expect(problem({ site: 'news.test', minutes: Number.NaN })).toBe('minutes-number');
    expect(problem({ site: 'news.test', minutes: 24 * 60 + 1 })).toBe('minutes-high');
    expect(problem({ site: 'news.test', minutes: 24 * 60 })).toBeNull();
    expect(problem({ site: 'news.test', minutes: 1 })).toBeNull();
  });

  it('typed minutes are digits only, spaces around allowed: " 45 " is 45; "1e3", "0x10", "10.0", "5 min" are not numbers', () => {
    expect(checkSiteLimit({ site: 'news.test', minutes: ' 45 ' }, [])).toEqual({ ok: true, rule: { site: 'news.test', minutes: 45 } });
    expect(checkSiteLimit({ site: 'news.test', minutes: '\t-3\n' }, [])).toEqual({ ok: false, problem: 'minutes-low' });
    for (const typed of ['1e3', '0x10', '10.0', '5 min', 'x5', '5x5']) expect(problem({ site: 'news.test', minutes: typed }), typed).toBe('minutes-number');
  });

  it('a limit on an excluded site is refused: Dwell does not count it, so it could never be reached', () => {
    expect(problem({ site: 'news.test', minutes: 10 }, ['news.test'])).toBe('excluded');
    expect(problem({ site: 'news.test', minutes: 10 }, ['*.news.test'])).toBe('excluded');
    expect(problem({ site: 'news.test', minutes: 10 }, ['other.test'])).toBeNull();
  });

  it('weekdays: 0–6, each once, sorted; all seven is no weekday rule; bad lists refused', () => {
    expect(checkSiteLimit({ site: 'a.test', minutes: 5, weekdays: [5, 1, 1] }, [])).toEqual({ ok: true, rule: { site: 'a.test', minutes: 5, weekdays: [1, 5] } });
    expect(checkSiteLimit({ site: 'a.test', minutes: 5, weekdays: [0, 1, 2, 3, 4, 5, 6] }, [])).toEqual({ ok: true, rule: { site: 'a.test', minutes: 5 } });
    for (const weekdays of [[], [7], [-1], ['1'], 'mon', [1, 7], [0, '6']]) expect(problem({ site: 'a.test', minutes: 5, weekdays })).toBe('weekdays');
  });
});

describe('stored limits, cleaned on every read', () => {
  it('valid rules kept (two rules for one site both stay: the stricter applies), hostile ones dropped, duplicates once', () => {
    const stored = [
      { site: 'news.test', minutes: 60 },
      { site: 'news.test', minutes: 10, weekdays: [1, 2] },
      { site: 'news.test', minutes: 60 },
      { site: 'News.Test', minutes: -1 },
      { site: 'x.test', minutes: '30' },
      { site: 42, minutes: 10 },
      null,
      'news.test',
    ];
    expect(normalizeSiteLimits(stored)).toEqual([
      { site: 'news.test', minutes: 60 },
      { site: 'news.test', minutes: 10, weekdays: [1, 2] },
    ]);
    expect(normalizeSiteLimits({ site: 'news.test' })).toEqual([]);
  });

  it('a rule is a duplicate only when site, minutes and weekdays all match', () => {
    const distinct = [
      { site: 'a.test', minutes: 30 },
      { site: 'b.test', minutes: 30 },
      { site: 'a.test', minutes: 60 },
      { site: 'a.test', minutes: 30, weekdays: [1] },
      { site: 'b.test', minutes: 60, weekdays: [1] },
    ];
    expect(normalizeSiteLimits([...distinct, { site: 'a.test', minutes: 30, weekdays: [0, 1, 2, 3, 4, 5, 6] }, { site: 'b.test', minutes: 60, weekdays: [1] }])).toEqual(distinct);
  });

  it('at most 200 rules are kept, the first 200 in stored order', () => {
    const stored = Array.from({ length: 201 }, (_, i) => ({ site: `s${i}.test`, minutes: 10 }));
    const kept = normalizeSiteLimits(stored);
    expect(kept).toHaveLength(200);
    expect(kept.at(-1)).toEqual({ site: 's199.test', minutes: 10 });
  });

  it('a stored value that is not an object is no rule, whatever fields it carries', () => {
    const fn = Object.assign(() => undefined, { site: 'fn.test', minutes: 5 });
    expect(normalizeSiteLimits([fn, { site: 'ok.test', minutes: 5 }])).toEqual([{ site: 'ok.test', minutes: 5 }]);
  });

  it('settings without limits read as none and not strict; a store round trip keeps them', async () => {
    expect(normalizeSettings({})).toMatchObject({ siteLimits: [], strictLimits: false });
    const store = createSettingsStore(new FakeStorageArea());
    await store.save({ siteLimits: [{ site: 'news.test', minutes: 30 }], strictLimits: true });
    expect(await store.load()).toMatchObject({ siteLimits: [{ site: 'news.test', minutes: 30 }], strictLimits: true });
  });
});
