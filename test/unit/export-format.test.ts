// Import validation: the documented format accepted, and a corpus of broken files
// (test/fixtures/imports/bad-*.json) each rejected with a message naming the problem.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_LIMITS, MAX_DAY_MS, MAX_ROW_MS, categoriesOf, isValidDay, summarizeExport, validateExport, validateExportSteps } from '../../src/core/export-format.ts';
import { CATEGORY_LIMITS } from '../../src/core/categories.ts';
import { prepareImport, readText, type ImportPhase } from '../../src/ui/import-model.ts';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'imports');
const fixture = (name: string): Blob => new Blob([readFileSync(join(DIR, name))]);
const parsed = (name: string): unknown => JSON.parse(readFileSync(join(DIR, name), 'utf8'));
const noPause = (): Promise<void> => Promise.resolve();

/** Records every assignment to any object's `__proto__` (the setter lives on Object.prototype)
 *  until restored: what a prototype-polluting parser would do with a "__proto__" key. */
function trapPrototypeWrites(): { writes: unknown[]; restore: () => void } {
  const original = Object.getOwnPropertyDescriptor(Object.prototype, '__proto__')!;
  const writes: unknown[] = [];
  Object.defineProperty(Object.prototype, '__proto__', {
    ...original,
    set(this: object, value: unknown) {
      writes.push(value);
      original.set!.call(this, value);
    },
  });
  return { writes, restore: () => Object.defineProperty(Object.prototype, '__proto__', original) };
}

/** Fixtures named bad- under an older rule, accepted since 86160ae: a day is not capped at what
 *  one machine can count, because a merge fills one day from several machines. */
const NO_LONGER_BAD = ['bad-day-overflow.json'];

/** Every bad fixture and the exact start of the message it must produce. */
const EXPECTED: Record<string, string> = {
  'bad-truncated.json': '(file): not valid JSON',
  'bad-empty-file.json': '(file): the file is empty',
  'bad-not-utf8.json': '(file): not UTF-8 text',
  'bad-non-object.json': '(file): expected an object',
  'bad-null.json': '(file): expected an object',
  'bad-string.json': '(file): expected an object',
  'bad-format-tag.json': 'format: expected "dwell-export"',
  'bad-missing-format.json': 'format: expected "dwell-export"',
  'bad-version.json': 'version: unsupported version 99',
  'bad-version-string.json': 'version: unsupported version "1"',
  'bad-exported-at.json': 'exportedAt: expected a date and time',
  'bad-days-not-array.json': 'days: expected an array',
  'bad-negative-ms.json': 'days[1].sites[0].ms: expected a non-negative integer',
  'bad-fractional-ms.json': 'days[1].sites[0].ms: expected a non-negative integer',
  'bad-huge-ms.json': 'days[1].sites[0].ms: expected a non-negative integer',
  'bad-string-ms.json': 'days[1].sites[0].ms: expected a non-negative integer',
  'bad-visits.json': 'days[0].sites[0].visits: expected a non-negative integer',
  'bad-page-ms.json': 'days[0].sites[0].pages[1].ms: expected a non-negative integer',
  'bad-date.json': 'days[0].date: expected a valid date as YYYY-MM-DD',
  'bad-date-format.json': 'days[0].date: expected a valid date as YYYY-MM-DD',
  'bad-duplicate-day.json': 'days[2].date: duplicate day 2024-03-09',
  'bad-duplicate-domain.json': 'days[1].sites[2].domain: duplicate domain "example.com" on 2024-03-10',
  'bad-duplicate-page.json': 'days[0].sites[0].pages[2].url: duplicate page "https://example.com/"',
  'bad-huge-title.json': `days[0].sites[0].pages[0].title: string too long (5000 characters, at most ${EXPORT_LIMITS.titleLength})`,
  'bad-huge-domain.json': 'days[0].sites[0].domain: string too long',
  'bad-missing-pages.json': 'days[1].sites[1].pages: expected an array',
  'bad-missing-domain.json': 'days[1].sites[1].domain: expected a string',
  'bad-uppercase-domain.json': 'days[1].sites[1].domain: expected a lower-case domain name',
  'bad-domain-with-space.json': 'days[1].sites[1].domain: expected a domain name',
  'bad-site-not-object.json': 'days[1].sites[0]: expected an object',
  'bad-page-url.json': 'days[0].sites[0].pages[0].url: expected an http(s) URL',
  'bad-other-url.json': 'days[1].sites[0].pages[1].url: expected "(other pages)"',
  'bad-other-flag.json': 'days[1].sites[0].pages[1].other: expected true or false',
  'bad-pages-exceed-site.json': "days[0].sites[0].pages: pages add up to 70000 ms, more than the site's 60000 ms",
  'bad-proto-root.json': '(file).__proto__: forbidden key',
  'bad-proto-site.json': 'days[1].sites[1].constructor: forbidden key',
};

describe('import corpus', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

  it('has an expectation for every bad fixture (and the corpus is not empty)', () => {
    const bad = files.filter((f) => f.startsWith('bad-')).sort();
    expect(bad.length).toBeGreaterThanOrEqual(30);
    expect(bad).toEqual([...Object.keys(EXPECTED), ...NO_LONGER_BAD].sort());
  });

  it.each(NO_LONGER_BAD)('%s is accepted now: a day of several machines may hold more than 50 h', async (name) => {
    const r = await prepareImport(fixture(name), () => undefined, noPause);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.file.days.some((d) => d.sites.reduce((a, x) => a + x.ms, 0) > MAX_DAY_MS)).toBe(true);
  });

  it.each(Object.entries(EXPECTED))('%s is rejected: %s', async (name, message) => {
    const r = await prepareImport(fixture(name), () => undefined, noPause);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.startsWith(message), r.error).toBe(true);
  });

  it('rejects __proto__ keys without ever assigning through them', async () => {
    const text = readFileSync(join(DIR, 'bad-proto-root.json'), 'utf8');
    // The payload is really there: JSON.parse keeps "__proto__" as an own key, which a parser
    // that copied keys by assignment would turn into the object's prototype.
    expect(Object.keys(JSON.parse(text) as object)).toContain('__proto__');
    const trap = trapPrototypeWrites();
    let r: Awaited<ReturnType<typeof prepareImport>>;
    try {
      r = await prepareImport(new Blob([text]), () => undefined, noPause);
    } finally {
      trap.restore();
    }
    expect(r).toEqual({ ok: false, error: '(file).__proto__: forbidden key' });
    expect(trap.writes).toEqual([]);
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });

  it('rejects constructor.prototype keys without reaching Object.prototype', async () => {
    const r = await prepareImport(fixture('bad-proto-site.json'), () => undefined, noPause);
    expect(r).toEqual({ ok: false, error: 'days[1].sites[1].constructor: forbidden key' });
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });

  it('the prototype trap sees a parser that copies keys by assignment (so the checks above can fail)', () => {
    const parsed = JSON.parse(readFileSync(join(DIR, 'bad-proto-root.json'), 'utf8')) as Record<string, unknown>;
    const trap = trapPrototypeWrites();
    const naive: Record<string, unknown> = {};
    try {
      for (const [key, value] of Object.entries(parsed)) naive[key] = value;
    } finally {
      trap.restore();
    }
    expect(trap.writes).toEqual([{ polluted: true }]);
    expect((naive as { polluted?: unknown }).polluted).toBe(true);
  });

  it('accepts the good fixtures and summarizes them', async () => {
    const r = await prepareImport(fixture('good-full.json'), () => undefined, noPause);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.summary).toEqual({ days: 2, sites: 2, totalMs: 60_000 + 3_725_000 + 5_000, firstDay: '2024-03-09', lastDay: '2024-03-10' });
    const empty = await prepareImport(fixture('good-empty.json'), () => undefined, noPause);
    expect(empty).toMatchObject({ ok: true, summary: { days: 0, sites: 0, totalMs: 0, firstDay: null } });
  });
});

describe('validateExport', () => {
  it('rebuilds the file from known fields only (unknown keys dropped, other flag kept)', () => {
    const r = validateExport(parsed('good-full.json'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.file).sort()).toEqual(['days', 'exportedAt', 'format', 'version']);
    expect(r.file.days[1]?.sites[0]?.pages[1]).toEqual({ url: '(other pages)', title: '', ms: 725_000, other: true });
    expect(r.file.days[0]?.sites[0]?.pages[0]).toEqual({ url: 'https://example.com/', title: 'Example', ms: 40_000 });
  });

  it('allows pages that sum to less than the site (page detail may be partial)', () => {
    const file = { format: 'dwell-export', version: 1, exportedAt: '2024-01-01T00:00:00Z', days: [{ date: '2024-01-01', sites: [{ domain: 'a.com', ms: 10, visits: 1, pages: [{ url: 'https://a.com/', title: '', ms: 3 }] }] }] };
    expect(validateExport(file).ok).toBe(true);
  });

  it('holds a day × site to MAX_ROW_MS, not to the MAX_DAY_MS of one machine (merges fill a row)', () => {
    const site = (ms: number) => ({ format: 'dwell-export', version: 1, exportedAt: '2024-01-01T00:00:00Z', days: [{ date: '2024-01-01', sites: [{ domain: 'a.com', ms, visits: 1, pages: [] }] }] });
    expect(validateExport(site(MAX_DAY_MS + 1)).ok).toBe(true);
    expect(validateExport(site(MAX_ROW_MS)).ok).toBe(true);
    expect(validateExport(site(MAX_ROW_MS + 1))).toEqual({ ok: false, error: `days[0].sites[0].ms: too large (${MAX_ROW_MS + 1}, at most ${MAX_ROW_MS})` });
  });

  it('never reads inherited properties as fields', () => {
    const data = Object.create({ format: 'dwell-export', version: 1, exportedAt: '2024-01-01T00:00:00Z', days: [] }) as object;
    expect(validateExport(data)).toMatchObject({ ok: false, error: expect.stringMatching(/^format:/) as unknown });
  });

  it('validates in steps, yielding progress between them', () => {
    const days = Array.from({ length: 250 }, (_, i) => ({ date: `2023-${String(Math.floor(i / 28) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`, sites: [] }));
    const steps = validateExportSteps({ format: 'dwell-export', version: 1, exportedAt: '2024-01-01T00:00:00Z', days }, 100);
    const progress: number[] = [];
    let r = steps.next();
    while (!r.done) {
      progress.push(r.value.done);
      r = steps.next();
    }
    expect(progress).toEqual([100, 200]);
    expect(r.value.ok).toBe(true);
  });

  it('validates in steps: no progress step at the very end, where the result comes instead', () => {
    const days = Array.from({ length: 4 }, (_, i) => ({ date: `2023-01-0${i + 1}`, sites: [] }));
    const steps = validateExportSteps({ format: 'dwell-export', version: 1, exportedAt: '2024-01-01T00:00:00Z', days }, 2);
    const seen: unknown[] = [];
    let r = steps.next();
    while (!r.done) {
      seen.push(r.value);
      r = steps.next();
    }
    expect(seen).toEqual([{ done: 2, total: 4 }]);
    expect(r.value.ok).toBe(true);
  });

  it('checks calendar dates, leap years included', () => {
    expect(isValidDay('2024-02-29')).toBe(true);
    expect(isValidDay('2023-02-29')).toBe(false);
    expect(isValidDay('2024-13-01')).toBe(false);
    expect(isValidDay('2024-04-31')).toBe(false);
    expect(isValidDay('1969-12-31')).toBe(false);
    expect(isValidDay('2024-1-01')).toBe(false);
    expect(isValidDay('2024-00-10')).toBe(false);
    expect(isValidDay('2024-01-00')).toBe(false);
    expect(isValidDay('12024-01-01')).toBe(false);
    expect(isValidDay('2024-01-011')).toBe(false);
    expect(isValidDay('2024-01-01\n')).toBe(false);
  });

  it('summarizes distinct domains across days', () => {
    const r = validateExport(parsed('good-full.json'));
    if (!r.ok) throw new Error(r.error);
    expect(summarizeExport(r.file)).toEqual({ days: 2, sites: 2, totalMs: 3_790_000 });
  });
});

describe('the limits of a file, at the limit and one past it', () => {
  const v1 = (days: unknown[], extra: object = {}) => ({ format: 'dwell-export', version: 1, exportedAt: '2024-01-01T00:00:00Z', days, ...extra });
  const oneSite = (site: object) => v1([{ date: '2024-01-01', sites: [{ domain: 'a.com', ms: 10, visits: 1, pages: [], ...site }] }]);
  const pages = (n: number) => Array.from({ length: n }, (_, i) => ({ url: `https://a.com/p${i}`, title: '', ms: 0 }));
  const errorOf = (data: unknown) => {
    const r = validateExport(data);
    return r.ok ? null : r.error;
  };

  it(`a site with ${EXPORT_LIMITS.pagesPerSite} pages is read, one more is refused with the count`, () => {
    expect(errorOf(oneSite({ pages: pages(EXPORT_LIMITS.pagesPerSite) }))).toBeNull();
    expect(errorOf(oneSite({ pages: pages(EXPORT_LIMITS.pagesPerSite + 1) }))).toBe(
      `days[0].sites[0].pages: too many entries (${EXPORT_LIMITS.pagesPerSite + 1}, at most ${EXPORT_LIMITS.pagesPerSite})`,
    );
  });

  it('a page with bad visits is named by its path', () => {
    expect(errorOf(oneSite({ pages: [{ url: 'https://a.com/', title: '', ms: 1, visits: -1 }] }))).toBe('days[0].sites[0].pages[0].visits: expected a non-negative integer');
  });

  it('a page address with a query is quoted whole up to 200 characters, and cut with … past them', () => {
    const url = (length: number) => {
      const head = 'https://a.com/?q=';
      return head + 'x'.repeat(length - head.length);
    };
    const refused = (u: string) => errorOf(oneSite({ pages: [{ url: u, title: '', ms: 1 }] }));
    const says = (quoted: string) =>
      `days[0].sites[0].pages[0].url: expected a page address as Dwell stores it (origin and path: no query, fragment or user name) — on 2024-01-01, site a.com, page "${quoted}"`;
    expect(refused(url(200))).toBe(says(url(200)));
    expect(refused(url(201))).toBe(says(`${url(200)}…`));
  });

  it('no version is refused, saying so', () => {
    const { version: _none, ...noVersion } = v1([]);
    expect(errorOf(noVersion)).toBe('version: unsupported version undefined (expected 1 or 2)');
  });

  it('a version 1 file has no categories: a categories field in it is not read, even a broken one', () => {
    const work = { id: 'work', name: 'Work', colour: '#1f77b4', rules: ['github.com'] };
    const r = validateExport(v1([], { categories: [work] }));
    expect(r.ok && Object.keys(r.file).sort()).toEqual(['days', 'exportedAt', 'format', 'version']);
    expect(errorOf(v1([], { categories: 'not a list' }))).toBeNull();
    expect(validateExport({ ...v1([], { categories: [work] }), version: 2 })).toMatchObject({ ok: true, file: { categories: [work] } });
  });
});

describe('categories in a version 2 file, at their limits', () => {
  const category = (fields: object) => ({ id: 'work', name: 'Work', colour: '#1f77b4', rules: ['github.com'], ...fields });
  const errorOf = (categories: unknown[]) => {
    try {
      categoriesOf(categories);
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  };

  it('an id that is not a string is named by its path', () => {
    expect(errorOf([category({ id: 5 })])).toBe('categories[0].id: expected a string');
  });

  it(`a name is read up to ${CATEGORY_LIMITS.nameLength * 4} characters (then cut to ${CATEGORY_LIMITS.nameLength} as the editor cuts), refused past that`, () => {
    const long = 'n'.repeat(CATEGORY_LIMITS.nameLength * 4);
    expect(categoriesOf([category({ name: long })])[0]?.name).toBe('n'.repeat(CATEGORY_LIMITS.nameLength));
    expect(errorOf([category({ name: `${long}n` })])).toBe(`categories[0].name: string too long (${CATEGORY_LIMITS.nameLength * 4 + 1} characters, at most ${CATEGORY_LIMITS.nameLength * 4})`);
  });

  it(`a wildcard rule over a domain of ${EXPORT_LIMITS.domainLength} characters is read; one character more is refused`, () => {
    const domain = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(domain).toHaveLength(EXPORT_LIMITS.domainLength);
    expect(categoriesOf([category({ rules: [`*.${domain}`] })])[0]?.rules).toEqual([`*.${domain}`]);
    expect(errorOf([category({ rules: [`*.${domain}e`] })])).toBe(`categories[0].rules[0]: string too long (${EXPORT_LIMITS.domainLength + 3} characters, at most ${EXPORT_LIMITS.domainLength + 2})`);
  });
});

describe('prepareImport', () => {
  it('reports reading, parsing and validating progress in that order, never going back', async () => {
    const days = Array.from({ length: 400 }, (_, i) => ({ date: new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10), sites: [{ domain: 'example.com', ms: i, visits: 1, pages: [] }] }));
    const blob = new Blob([JSON.stringify({ format: 'dwell-export', version: 1, exportedAt: '2024-01-01T00:00:00Z', days })]);
    const seen: Array<[ImportPhase, number]> = [];
    const r = await prepareImport(blob, (p, f) => seen.push([p, f]), noPause);
    expect(r.ok).toBe(true);
    const order = { reading: 0, parsing: 1, validating: 2 };
    const phases = [...new Set(seen.map(([p]) => p))];
    expect(phases).toEqual(['reading', 'parsing', 'validating']);
    for (let i = 1; i < seen.length; i++) {
      const [pa, fa] = seen[i - 1]!;
      const [pb, fb] = seen[i]!;
      expect(order[pb] > order[pa] || (pb === pa && fb >= fa)).toBe(true);
    }
    expect(seen.filter(([p]) => p === 'reading').at(-1)?.[1]).toBe(1);
  });

  it('decodes UTF-8 split across stream chunks', async () => {
    const text = 'é🕐ü'.repeat(60_000); // ~540 kB: several stream chunks, edges inside characters
    const got = await readText(new Blob([text]), () => undefined);
    expect(got).toBe(text);
  });
});
