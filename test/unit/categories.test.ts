// Categories: which category a site falls in (exact and wildcard rules, overlaps), how stored
// lists are cleaned, and what an import does to them.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CATEGORY_LIMITS, categoryLookup, categoryOf, importCategories, normalizeCategories, normalizeCategoryRule, type Category } from '../../src/core/categories.ts';
import { normalizeSettings } from '../../src/settings/normalize.ts';

const cat = (id: string, rules: string[], name = id, colour = '#336699'): Category => ({ id, name, colour, rules });

describe('a site falls in the category whose rule names it', () => {
  const work = cat('work', ['github.com', '*.atlassian.net']);
  const news = cat('news', ['bbc.co.uk']);

  it.each([
    ['github.com', 'work'],
    ['www.github.com', 'work'], // an exact rule covers the www. form, as an exclusion does
    ['atlassian.net', 'work'],
    ['acme.atlassian.net', 'work'],
    ['bbc.co.uk', 'news'],
    ['gist.github.com', null], // an exact rule is not a wildcard
    ['notgithub.com', null],
    ['evilatlassian.net', null],
    ['example.org', null],
  ])('%s → %s', (site, id) => {
    expect(categoryOf(site, [work, news])).toBe(id);
  });

  it('with no categories every site is uncategorised', () => {
    expect(categoryOf('github.com', [])).toBeNull();
  });
});

describe('overlapping rules: the most specific wins, then the earlier category', () => {
  it('an exact rule beats a wildcard, whatever the order', () => {
    const broad = cat('broad', ['*.github.io']);
    const mine = cat('mine', ['me.github.io']);
    expect(categoryOf('me.github.io', [broad, mine])).toBe('mine');
    expect(categoryOf('you.github.io', [broad, mine])).toBe('broad');
  });

  it('a longer wildcard beats a shorter one', () => {
    const all = cat('all', ['*.example.com']);
    const blog = cat('blog', ['*.blog.example.com']);
    expect(categoryOf('a.blog.example.com', [all, blog])).toBe('blog');
    expect(categoryOf('shop.example.com', [all, blog])).toBe('all');
  });

  it('between equal rules, the category earlier in the list', () => {
    expect(categoryOf('x.com', [cat('first', ['x.com']), cat('second', ['x.com'])])).toBe('first');
    expect(categoryOf('x.com', [cat('second', ['x.com']), cat('first', ['x.com'])])).toBe('second');
  });

  // www.intranet is found both under its own two labels and under its last one ("intranet"
  // covers www.intranet as an exact rule does): the rules of both must be weighed together.
  it('www.intranet: the exact rule "intranet" beats "*.www.intranet", though found second', () => {
    expect(categoryOf('www.intranet', [cat('wild', ['*.www.intranet']), cat('exact', ['intranet'])])).toBe('exact');
  });

  it('www.intranet: between the exact rules "www.intranet" and "intranet", the earlier category', () => {
    expect(categoryOf('www.intranet', [cat('first', ['www.intranet']), cat('second', ['intranet'])])).toBe('first');
    expect(categoryOf('www.intranet', [cat('first', ['intranet']), cat('second', ['www.intranet'])])).toBe('first');
  });

  it('a site written with a trailing dot falls in the category of the site without it', () => {
    expect(categoryOf('github.com.', [cat('work', ['github.com'])])).toBe('work');
  });
});

/** The rule written again from its description, independently of domains.ts. */
function spec(site: string, categories: readonly Category[]): string | null {
  const candidates: Array<{ index: number; rank: number }> = [];
  categories.forEach((c, index) => {
    for (const r of c.rules) {
      if (r.startsWith('*.')) {
        const base = r.slice(2);
        if (site === base || site.endsWith(`.${base}`)) candidates.push({ index, rank: base.length });
      } else if (site === r || site === `www.${r}`) {
        candidates.push({ index, rank: Infinity });
      }
    }
  });
  candidates.sort((a, b) => b.rank - a.rank || a.index - b.index);
  const first = candidates[0];
  return first ? (categories[first.index]?.id ?? null) : null;
}

describe('categoryOf agrees with the rule as written', () => {
  const label = fc.constantFrom('a', 'b', 'www', 'co', 'example');
  const domain = fc.array(label, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('.'));
  const rule = fc.tuple(fc.boolean(), domain).map(([wild, d]) => (wild ? `*.${d}` : d));
  const categories = fc.array(fc.array(rule, { maxLength: 4 }), { maxLength: 5 }).map((lists) => lists.map((rules, i) => cat(`c${i}`, rules)));

  it('for every site and list of categories', () => {
    fc.assert(fc.property(domain, categories, (site, cats) => {
      expect(categoryOf(site, cats)).toBe(spec(site, cats));
      expect(categoryLookup(cats)(site)).toBe(spec(site, cats));
    }), { numRuns: 2000 });
  });
});

describe('rules are read as exclusions are', () => {
  it.each([
    ['GitHub.com', 'github.com'],
    ['*.Example.com.', '*.example.com'],
    ['https://www.example.com/page?token=1#x', 'www.example.com'],
    ['bücher.test', 'xn--bcher-kva.test'],
    ['*.bücher.test', '*.xn--bcher-kva.test'],
  ])('%j → %j', (input, rule) => {
    expect(normalizeCategoryRule(input)).toBe(rule);
  });

  it.each(['', 'not a domain', '*.', 'a..b', '<b>'])('refuses %j', (input) => {
    expect(normalizeCategoryRule(input)).toBeNull();
  });

  it('a Unicode rule matches the site as stored (punycode)', () => {
    const rule = normalizeCategoryRule('bücher.test') ?? '';
    expect(categoryOf('xn--bcher-kva.test', [cat('books', [rule])])).toBe('books');
  });
});

describe('stored categories are cleaned on every read', () => {
  it('a new profile has none', () => {
    expect(normalizeSettings(undefined).categories).toEqual([]);
  });

  it('a profile stored before categories existed reads as none, the rest unchanged', () => {
    const s = normalizeSettings({ version: 1, idleSeconds: 120, excludedSites: ['a.com'] });
    expect(s.categories).toEqual([]);
    expect(s.idleSeconds).toBe(120);
    expect(s.excludedSites).toEqual(['a.com']);
  });

  it('keeps good entries, in order, and drops or mends the bad', () => {
    const stored = [
      { id: 'work', name: '  Work   stuff ', colour: '#AABBCC', rules: ['GitHub.com', 'not a domain', 'github.com', 42, '*.bücher.test'] },
      { id: 'work', name: 'Second work', colour: '#000000', rules: [] }, // repeated id
      { id: 'bad id!', name: 'x', colour: '#000000', rules: [] },
      { id: 'nocolour', name: 'x', colour: 'red', rules: [] },
      { id: 'noname', name: '   ', colour: '#000000', rules: [] },
      { id: 'norules', name: 'Fine', colour: '#123456' },
      'a string',
      null,
      { id: 'long', name: 'n'.repeat(500), colour: '#123456', rules: 'github.com' },
    ];
    expect(normalizeSettings({ categories: stored }).categories).toEqual([
      { id: 'work', name: 'Work stuff', colour: '#aabbcc', rules: ['github.com', '*.xn--bcher-kva.test'] },
      { id: 'norules', name: 'Fine', colour: '#123456', rules: [] },
      { id: 'long', name: 'n'.repeat(CATEGORY_LIMITS.nameLength), colour: '#123456', rules: [] },
    ]);
  });

  it('an id of up to 64 letters, digits, "-" or "_", and a colour of exactly "#rrggbb"', () => {
    const stored = [
      cat('a'.repeat(CATEGORY_LIMITS.idLength), []),
      cat('b'.repeat(CATEGORY_LIMITS.idLength + 1), []),
      cat('two words', []),
      cat('ok_id-2', []),
      cat('prefixed', [], 'x', 'x#aabbcc'),
      cat('longer', [], 'x', '#aabbccdd'),
    ];
    expect(normalizeCategories(stored).map((c) => c.id)).toEqual(['a'.repeat(CATEGORY_LIMITS.idLength), 'ok_id-2']);
  });

  it('a name is trimmed before it is cut, and the cut trimmed again', () => {
    const stored = [
      cat('lead', [], `   ${'n'.repeat(100)}`),
      cat('gap', [], `${'n'.repeat(CATEGORY_LIMITS.nameLength - 1)} tail`),
    ];
    expect(normalizeCategories(stored).map((c) => c.name)).toEqual(['n'.repeat(CATEGORY_LIMITS.nameLength), 'n'.repeat(CATEGORY_LIMITS.nameLength - 1)]);
  });

  it('a function carrying a category\'s fields is no category', () => {
    const fn = Object.defineProperties(() => undefined, {
      id: { value: 'fn' },
      name: { value: 'Function' },
      colour: { value: '#123456' },
      rules: { value: [] },
    });
    expect(normalizeCategories([fn, cat('plain', [])]).map((c) => c.id)).toEqual(['plain']);
  });

  it('not a list at all: none', () => {
    expect(normalizeSettings({ categories: { id: 'x' } }).categories).toEqual([]);
  });

  it('bounds the number of categories and of rules', () => {
    const many = Array.from({ length: CATEGORY_LIMITS.categories + 20 }, (_, i) => cat(`c${i}`, Array.from({ length: CATEGORY_LIMITS.rulesPerCategory + 5 }, (_, j) => `s${j}.com`)));
    const out = normalizeCategories(many);
    expect(out).toHaveLength(CATEGORY_LIMITS.categories);
    expect(out[0]?.rules).toHaveLength(CATEGORY_LIMITS.rulesPerCategory);
  });
});

describe('what an import does to the categories', () => {
  const mine = [cat('work', ['github.com'], 'Work'), cat('fun', ['youtube.com'], 'Fun')];
  const file = [cat('work', ['gitlab.com'], 'Work (laptop)'), cat('news', ['bbc.co.uk'], 'News')];

  it('merge: the file replaces a category with its id, adds the new ones, keeps the rest', () => {
    expect(importCategories(mine, file, 'merge')).toEqual([file[0], mine[1], file[1]]);
  });

  it('replace: the file\'s list becomes the list', () => {
    expect(importCategories(mine, file, 'replace')).toEqual(file);
    expect(importCategories(mine, [], 'replace')).toEqual([]);
  });

  it('a file without categories (version 1) leaves them alone in either mode', () => {
    expect(importCategories(mine, undefined, 'merge')).toEqual(mine);
    expect(importCategories(mine, undefined, 'replace')).toEqual(mine);
  });
});
