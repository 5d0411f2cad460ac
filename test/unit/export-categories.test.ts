// Export format version 2: version 1 + the user's categories. A Dwell export carries them, an
// import takes them back exactly, version 1 files still import, and a hostile categories array is
// refused with the place it went wrong.
import { describe, expect, it } from 'vitest';
import { Machine } from '../fixtures/machine.ts';
import { EXPORT_VERSION, validateExport } from '../../src/core/export-format.ts';
import { CATEGORY_LIMITS, type Category } from '../../src/core/categories.ts';
import type { ExportFile } from '../../src/core/api.ts';
import { applyImportedCategories } from '../../src/ui/import-model.ts';
import { createSettingsStore } from '../../src/settings/store.ts';
import { FakeStorageArea } from '../fixtures/fake-storage.ts';

const MINUTE = 60_000;
const work: Category = { id: 'work', name: 'Work', colour: '#1f77b4', rules: ['github.com', '*.atlassian.net'] };
const fun: Category = { id: 'fun', name: 'Fun 🎮', colour: '#ff7f0e', rules: ['xn--bcher-kva.test'] };

async function someHistory(): Promise<Machine> {
  const m = new Machine();
  await m.wakeWorker();
  const win = m.browser.openWindow();
  m.browser.openTab(win, 'https://github.com/dwell', 'Dwell');
  await m.pass(MINUTE);
  m.browser.openTab(win, 'https://end.test/', 'End');
  await m.aggregate();
  return m;
}

const exportWith = async (m: Machine, categories?: Category[]): Promise<ExportFile> =>
  JSON.parse((await m.ok({ type: 'export', format: 'json', ...(categories ? { categories } : {}) })).text) as ExportFile;

const file = (categories: unknown, version = 2): unknown => ({ format: 'dwell-export', version, exportedAt: '2024-03-10T12:00:00.000Z', days: [], categories });

describe('export writes version 2 with the categories', () => {
  it('the page\'s categories are in the file, and validating it gives the same file back', async () => {
    const m = await someHistory();
    const exported = await exportWith(m, [work, fun]);
    expect(exported.version).toBe(EXPORT_VERSION);
    expect(EXPORT_VERSION).toBe(2);
    expect(exported.categories).toEqual([work, fun]);
    const v = validateExport(exported);
    expect(v).toEqual({ ok: true, file: exported });
  });

  it('export ∘ import ∘ export is the identity: days and categories', async () => {
    const m = await someHistory();
    const first = await exportWith(m, [work, fun]);
    const other = new Machine();
    await other.wakeWorker();
    await other.ok({ type: 'import', data: first, mode: 'replace' });
    const store = createSettingsStore(new FakeStorageArea());
    await applyImportedCategories(store, first, 'replace');
    const again = await exportWith(other, (await store.load()).categories);
    expect({ ...again, exportedAt: first.exportedAt }).toEqual(first);
  });

  it('an export asked without categories has no categories field (nothing is invented)', async () => {
    const m = await someHistory();
    expect(await exportWith(m)).not.toHaveProperty('categories');
  });

  it('the export command refuses categories a file could not hold', async () => {
    const m = await someHistory();
    const r = await m.engine.handle({ type: 'export', format: 'json', categories: [{ ...work, rules: ['github.com/?token=1'] }] } as never);
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.error).toMatch(/^export\.categories\[0\]\.rules\[0\]: expected a domain/);
  });
});

describe('version 1 files still import', () => {
  it('a version 1 file with no categories is valid and holds none', () => {
    const v = validateExport({ format: 'dwell-export', version: 1, exportedAt: '2024-03-10T12:00:00.000Z', days: [] });
    expect(v).toMatchObject({ ok: true, file: { version: 1 } });
    expect(v.ok && v.file).not.toHaveProperty('categories');
  });

  it('a categories field in a version 1 file is not read (version 1 has none)', () => {
    const v = validateExport(file([{ junk: true }], 1));
    expect(v.ok && v.file).not.toHaveProperty('categories');
  });

  it('a version from the future is refused, naming the versions this build reads', () => {
    expect(validateExport(file([], 3))).toEqual({ ok: false, error: 'version: unsupported version 3 (expected 1 or 2)' });
  });
});

describe('a hostile categories array is refused, naming where', () => {
  it.each([
    ['not an array', { id: 'x' }, 'categories: expected an array'],
    ['an entry that is not an object', ['work'], 'categories[0]: expected an object'],
    ['a number for a name', [{ ...work, name: 42 }], 'categories[0].name: expected a string'],
    ['an empty name', [{ ...work, name: '   ' }], 'categories[0].name: expected a non-empty name'],
    ['a huge name', [{ ...work, name: 'x'.repeat(10_000) }], 'categories[0].name: string too long'],
    ['an id with markup', [{ ...work, id: '<img src=x>' }], 'categories[0].id: expected letters, digits'],
    ['a repeated id', [work, { ...fun, id: 'work' }], 'categories[1].id: duplicate category id "work"'],
    ['a colour that is not #rrggbb', [{ ...work, colour: 'red;background:url(x)' }], 'categories[0].colour: string too long'],
    ['an upper-case colour', [{ ...work, colour: '#ABCDEF' }], 'categories[0].colour: expected a colour as #rrggbb'],
    ['rules that are not a list', [{ ...work, rules: 'github.com' }], 'categories[0].rules: expected an array'],
    ['a rule with a query string', [{ ...work, rules: ['github.com?token=secret'] }], 'categories[0].rules[0]: expected a domain or *.domain'],
    ['a rule that is a URL', [{ ...work, rules: ['https://github.com/x'] }], 'categories[0].rules[0]: expected a domain or *.domain'],
    ['an upper-case rule', [{ ...work, rules: ['GitHub.com'] }], 'categories[0].rules[0]: expected a domain or *.domain'],
    ['a repeated rule', [{ ...work, rules: ['github.com', 'github.com'] }], 'categories[0].rules[1]: duplicate rule "github.com"'],
    ['a "__proto__" key', [JSON.parse('{"__proto__": {}, "id": "x"}') as unknown], 'categories[0].__proto__: forbidden key'],
    ['too many categories', Array.from({ length: CATEGORY_LIMITS.categories + 1 }, (_, i) => ({ ...work, id: `c${i}` })), `categories: too many entries (${CATEGORY_LIMITS.categories + 1}, at most ${CATEGORY_LIMITS.categories})`],
    ['too many rules', [{ ...work, rules: Array.from({ length: CATEGORY_LIMITS.rulesPerCategory + 1 }, (_, i) => `s${i}.com`) }], 'categories[0].rules: too many entries'],
  ])('%s', (_what, categories, message) => {
    const v = validateExport(file(categories));
    expect(v.ok).toBe(false);
    expect(!v.ok && v.error).toContain(message);
  });

  it('a name with extra white space is trimmed as the editor trims it', () => {
    const v = validateExport(file([{ ...work, name: '  Deep   work ' }]));
    expect(v.ok && v.file.categories?.[0]?.name).toBe('Deep work');
  });

  it('unknown keys of a category are not copied', () => {
    const v = validateExport(file([{ ...work, onclick: 'alert(1)' }]));
    expect(v.ok && v.file.categories).toEqual([work]);
  });

  it('the worker refuses the whole file and writes nothing', async () => {
    const m = await someHistory();
    const before = await m.exported();
    const bad = { ...before, categories: [{ ...work, rules: ['github.com?token=1'] }] };
    const r = await m.engine.handle({ type: 'import', data: bad, mode: 'replace' });
    expect(!r.ok && r.error).toMatch(/^Import rejected: categories\[0\]\.rules\[0\]/);
    expect((await m.exported()).days).toEqual(before.days);
  });
});

describe('what an import does to the categories in the settings', () => {
  const mine: Category[] = [{ ...work, name: 'Work (desktop)' }, { id: 'news', name: 'News', colour: '#2ca02c', rules: ['bbc.co.uk'] }];

  async function storeWith(categories: Category[]) {
    const store = createSettingsStore(new FakeStorageArea());
    await store.save({ categories, idleSeconds: 120 });
    return store;
  }

  it('merge: the file\'s category replaces the one with its id, new ones are added, the rest kept', async () => {
    const store = await storeWith(mine);
    await applyImportedCategories(store, { format: 'dwell-export', version: 2, exportedAt: 'x', days: [], categories: [work, fun] }, 'merge');
    const s = await store.load();
    expect(s.categories).toEqual([work, mine[1], fun]);
    expect(s.idleSeconds).toBe(120);
  });

  it('replace: the file\'s categories become the list', async () => {
    const store = await storeWith(mine);
    await applyImportedCategories(store, { format: 'dwell-export', version: 2, exportedAt: 'x', days: [], categories: [fun] }, 'replace');
    expect((await store.load()).categories).toEqual([fun]);
  });

  it('a version 1 file leaves the categories as they are, even on replace', async () => {
    const store = await storeWith(mine);
    await applyImportedCategories(store, { format: 'dwell-export', version: 1, exportedAt: 'x', days: [] }, 'replace');
    expect((await store.load()).categories).toEqual(mine);
  });
});
