// Issue: query strings stored through titles, malformed deletes that wiped everything, and
// "deleted" time that came back. Each story is what an unlucky user or a careless page did.
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { Machine, sec, visits } from '../fixtures/machine.ts';
import { MALFORMED_COMMANDS } from '../fixtures/bad-input/commands.ts';
import { cleanTitle } from '../../src/core/title.ts';
import { openDwellDb } from '../../src/db/open.ts';
import { UPGRADES } from '../../src/db/upgrades.ts';
import { DB_VERSION, type DwellDB } from '../../src/db/schema.ts';
import type { Command, ExportFile, Response } from '../../src/core/api.ts';
import { initialState } from '../../src/core/state.ts';

async function browsing(opts: ConstructorParameters<typeof Machine>[0] = {}) {
  const m = new Machine(opts);
  await m.wakeWorker();
  const win = m.browser.openWindow();
  return { m, win };
}

/** Everything Dwell keeps, as one string: raw events, rows, rollups, the cursor, and an export. */
async function everythingStored(m: Machine): Promise<string> {
  const stores = ['events', 'meta', 'days', 'siteTotals', 'dayTotals', 'runs'] as const;
  const all = await Promise.all(stores.map((s) => m.db.getAll(s)));
  const exp = await send(m, { type: 'export', format: 'json' });
  return JSON.stringify(all) + (exp.ok ? exp.result.text : '');
}

const send = <C extends Command>(m: Machine, cmd: C) => m.engine.handle(cmd);
const sendRaw = (m: Machine, msg: unknown) => m.engine.handle(msg as Command) as Promise<Response<unknown>>;

describe('titles never keep a query string or a fragment', () => {
  it.each([
    ['example.test/api?access_token=SECRET#FRAG', 'example.test/api'],
    ['localhost:8080/v1/items?key=SECRET', 'localhost:8080/v1/items'],
    ['https://example.test/a/b?x=1', 'https://example.test/a/b'],
    ['example.test/page#SECRET-FRAGMENT', 'example.test/page'],
    ['bücher.test/suche?q=geheim', 'bücher.test/suche'],
    ['xn--bcher-kva.test/suche?q=geheim', 'xn--bcher-kva.test/suche'],
    ['127.0.0.1:3000/?token=SECRET', '127.0.0.1:3000/'],
    ['[::1]:8080/x?token=SECRET', '[::1]:8080/x'],
    ['user@mail.example.test/inbox?sid=SECRET', 'user@mail.example.test/inbox'],
    // Chrome unescapes the query it shows: a space inside it must not save the rest.
    ['example.test/search?q=my secret words&token=SECRET', 'example.test/search'],
    ['Results for example.test/s?q=SECRET and more', 'Results for example.test/s and more'],
    ['Shared link (example.test/doc?invite=SECRET)', 'Shared link (example.test/doc'],
  ])('%s → %s', (title, clean) => {
    expect(cleanTitle(title)).toBe(clean);
  });

  it.each(['Why? – FAQ', 'Q&A #3', 'Node.js? A guide', 'C# in depth', 'What is 1.5? Maths', 'Issue #42 · repo', 'Version 2.0? Yes!', 'e.g. this?'])(
    'a real title stays whole: %s',
    (title) => {
      expect(cleanTitle(title)).toBe(title);
    },
  );

  it('bounds the length after cleaning (a long query does not push the page name out)', () => {
    const title = `example.test/x?${'a'.repeat(5000)}`;
    expect(cleanTitle(title)).toBe('example.test/x');
    expect(cleanTitle('t'.repeat(900))).toHaveLength(500);
  });

  it('a page with no <title> (Chrome shows its URL) leaves no token anywhere, export included', async () => {
    const { m, win } = await browsing();
    m.browser.openTab(win, 'https://api.example.test/v1/me?access_token=SECRET#FRAG', 'api.example.test/v1/me?access_token=SECRET#FRAG');
    await m.pass(10_000);
    m.browser.openTab(win, 'https://b.test/', 'B');
    await m.pass(5_000);
    const q = await m.storedTotals();
    expect(sec(q, 'example.test')).toBe(10);
    expect(q.sites.find((s) => s.domain === 'example.test')?.pages?.[0]?.title).toBe('api.example.test/v1/me');
    const stored = await everythingStored(m);
    expect(stored).not.toMatch(/SECRET|FRAG|access_token/);
  });

  it('a slow page whose title arrives late: the URL-title first, then the real one', async () => {
    const { m, win } = await browsing();
    const tab = m.browser.openTab(win, 'https://slow.test/report?session=SECRET', 'slow.test/report?session=SECRET');
    await m.pass(3_000);
    m.browser.setTitle(tab, 'Quarterly report');
    await m.pass(4_000);
    const live = await m.totals();
    expect(live.current?.title).toBe('Quarterly report');
    const q = await m.storedTotals();
    expect(sec(q, 'slow.test')).toBe(7);
    expect(await everythingStored(m)).not.toMatch(/SECRET|session=/);
  });
});

describe('titles stored by an older version are cleaned on upgrade', () => {
  const dirty = 'example.test/api?access_token=SECRET#FRAG';

  /** A database as version 1 left it: a raw event, a row and a fold state with a dirty title. */
  async function versionOneDatabase(name: string): Promise<void> {
    const db = await openDB<DwellDB>(name, 1, {
      upgrade: (d, _old, _new, tx) => {
        void UPGRADES[0]!(d, tx);
      },
    });
    const t = Date.parse('2024-03-10T10:00:00Z');
    const state = { ...initialState(), v: 1 } as unknown as ReturnType<typeof initialState>;
    const info = { url: 'https://example.test/api', domain: 'example.test', title: dirty, audible: false };
    state.windows = { 1: { tabId: 7, info } };
    state.tabPages = { 7: info };
    state.visit = { windowId: 1, tabId: 7, page: info.url, domain: info.domain, title: dirty, start: t, startDay: '2024-03-10', settled: {}, runStart: t, runTz: 0 };
    delete (state.counters as Partial<typeof state.counters>).corrupt;
    await db.put('events', { seq: 2 ** 20 + 1, t, tz: 0, k: 'tab', tabId: 7, windowId: 1, ...info });
    await db.put('events', { seq: 2 ** 20 + 2, t, tz: 0, k: 'snapshot', focused: 1, tabs: [{ tabId: 7, windowId: 1, ...info, lastAccessed: t }] });
    await db.put('days', { day: '2024-03-10', domain: 'example.test', ms: 5000, visits: 1, pages: { 'https://example.test/api': { title: dirty, ms: 5000, visits: 1 } } });
    await db.put('meta', { key: 'cursor', watermark: 2 ** 20, state });
    db.close();
  }

  it('events, page rows and the fold state lose the query; the open visit and the time stay', async () => {
    const name = `v1-titles-${Date.now()}`;
    await versionOneDatabase(name);
    const db = await openDwellDb(name);
    expect(db.version).toBe(DB_VERSION);
    const all = JSON.stringify(await Promise.all([db.getAll('events'), db.getAll('days'), db.getAll('meta')]));
    expect(all).not.toMatch(/SECRET|FRAG/);
    expect(all).toContain('example.test/api');
    const row = await db.get('days', ['2024-03-10', 'example.test']);
    expect(row?.ms).toBe(5000);
    const cursor = await db.get('meta', 'cursor');
    expect(cursor?.key === 'cursor' && cursor.state.visit?.title).toBe('example.test/api');
    db.close();
  });

  it('the version is the number of upgrade steps, and a fresh database runs them all', async () => {
    expect(DB_VERSION).toBe(UPGRADES.length);
    const db = await openDwellDb(`fresh-${Date.now()}`);
    expect([...db.objectStoreNames].sort()).toEqual(['dayTotals', 'days', 'events', 'meta', 'runs', 'siteTotals']);
    db.close();
  });
});

describe('a malformed command acts on nothing', () => {
  it.each(MALFORMED_COMMANDS.map((c) => [c.name, c] as const))('%s', async (_name, bad) => {
    const { m, win } = await browsing();
    m.browser.openTab(win, 'https://kept.test/', 'Kept');
    await m.pass(10_000);
    m.browser.openTab(win, 'https://other.test/', 'Other');
    await m.pass(1_000);
    await m.aggregate();
    const before = await m.db.getAll('days');
    const r = await sendRaw(m, bad.msg);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(bad.says);
    expect(await m.db.getAll('days')).toEqual(before);
    expect(m.world.settings.current().paused).toBe(false);
    expect(sec(await m.storedTotals(), 'kept.test')).toBe(10);
  });

  it('the well-formed commands still work (delete all, pause)', async () => {
    const { m, win } = await browsing();
    m.browser.openTab(win, 'https://kept.test/', 'Kept');
    await m.pass(10_000);
    expect((await send(m, { type: 'setPaused', paused: true })).ok).toBe(true);
    expect(m.world.settings.current().paused).toBe(true);
    const del = await send(m, { type: 'deleteHistory', scope: { all: true } });
    expect(del.ok).toBe(true);
    expect((await m.storedTotals()).totalMs).toBe(0);
  });
});

/** A file with one site on one day. */
const fileWith = (domain: string, ms: number): ExportFile => ({
  format: 'dwell-export',
  version: 1,
  exportedAt: '2024-03-01T00:00:00.000Z',
  days: [{ date: '2024-03-01', sites: [{ domain, ms, visits: 1, pages: [] }] }],
});

describe('"replace" import keeps nothing of the old history', () => {
  it('A 8 s closed but not aggregated, B open 6 s: after replace only the file, then B from the replace on', async () => {
    const { m, win } = await browsing();
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(8_000);
    m.browser.openTab(win, 'https://b.test/', 'B');
    await m.pass(6_000);
    const r = await send(m, { type: 'import', data: fileWith('imported.test', 60_000), mode: 'replace' });
    expect(r.ok).toBe(true);
    const right = await m.totals();
    expect(sec(right, 'a.test')).toBe(0);
    expect(sec(right, 'b.test')).toBe(0);
    expect(sec(right, 'imported.test')).toBe(60);
    await m.pass(2_000);
    const later = await m.storedTotals();
    expect(sec(later, 'a.test')).toBe(0);
    expect(sec(later, 'b.test')).toBe(2);
    expect(later.totalMs).toBe(62_000);
  });
});

describe('delete, replace and export drain the whole backlog whatever the batch flag', () => {
  async function longBacklog() {
    const { m, win } = await browsing({ flags: { batchProcessing: false, batchSize: 10 } });
    const a = m.browser.openTab(win, 'https://a.test/', 'A');
    const b = m.browser.openTab(win, 'https://b.test/', 'B');
    // 212 switches: far more than one 10-event batch.
    for (let i = 0; i < 106; i++) {
      m.browser.activate(a);
      await m.pass(1_000);
      m.browser.activate(b);
      await m.pass(1_000);
    }
    m.browser.openTab(win, 'https://c.test/', 'C');
    await m.pass(1_000);
    return m;
  }

  it('delete site a.test: none of its time is left, b.test keeps all of its own', async () => {
    const m = await longBacklog();
    const del = await send(m, { type: 'deleteHistory', scope: { site: 'a.test' } });
    expect(del.ok).toBe(true);
    const q = await m.totals();
    expect(sec(q, 'a.test')).toBe(0);
    expect(sec(q, 'b.test')).toBe(106);
    for (let i = 0; i < 30; i++) await m.aggregate();
    expect(sec(await m.totals(), 'a.test')).toBe(0);
  });

  it('export holds every site of the backlog', async () => {
    const m = await longBacklog();
    const r = await send(m, { type: 'export', format: 'json' });
    if (!r.ok) throw new Error(r.error);
    const file = JSON.parse(r.result.text) as ExportFile;
    const ms = (d: string) => file.days.flatMap((x) => x.sites).filter((s) => s.domain === d).reduce((a, s) => a + s.ms, 0);
    expect(ms('a.test')).toBe(106_000);
    expect(ms('b.test')).toBe(106_000);
  });

  it('a run held by another worker (a live lease) does not let deleted time come back', async () => {
    const m = await longBacklog();
    await m.db.put('meta', { key: 'lease', owner: 'another-worker/1', acquiredAt: m.clock.now(), expiresAt: m.clock.now() + 60_000 });
    const del = await send(m, { type: 'deleteHistory', scope: { site: 'b.test' } });
    expect(del.ok).toBe(true);
    await m.db.delete('meta', 'lease');
    for (let i = 0; i < 30; i++) await m.aggregate();
    const q = await m.totals();
    expect(sec(q, 'b.test')).toBe(0);
    expect(sec(q, 'a.test')).toBe(106);
  });
});

describe('one corrupt event wedges nothing', () => {
  it('t = 8.7e15 in the log while a page is in front: aggregate, query, export, delete all answer', async () => {
    const { m, win } = await browsing();
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(10_000);
    await m.db.put('events', { seq: 2 ** 40, t: 8.7e15, tz: 0, k: 'beat', scheduled: null });
    await m.db.put('events', { seq: 2 ** 40 + 1, t: m.clock.now(), tz: 99_999, k: 'beat', scheduled: null });
    await m.db.put('events', { seq: 2 ** 40 + 2, t: m.clock.now(), tz: 0, k: 'tab', tabId: -5, windowId: 1, url: 'https://a.test/?t=1', domain: 'a.test', title: '', audible: false } as never);
    const query = await send(m, { type: 'query', range: 'all' });
    expect(query.ok && sec(query.result, 'a.test')).toBe(10);
    const before = await send(m, { type: 'diagnostics' });
    const run = await m.aggregate();
    expect(before.ok && run.events).toBe(before.ok && before.result.pending);
    const exp = await send(m, { type: 'export', format: 'csv' });
    expect(exp.ok).toBe(true);
    const diag = await send(m, { type: 'diagnostics' });
    if (!diag.ok) throw new Error(diag.error);
    expect(diag.result.counters.corrupt).toBe(3);
    expect(diag.result.watermark).toBe(2 ** 40 + 2);
    expect(diag.result.errors.some((e) => /3 corrupt event/.test(e.message))).toBe(true);
    expect(diag.result.pending).toBe(0);
    const del = await send(m, { type: 'deleteHistory', scope: { day: (await m.totals()).today } });
    expect(del.ok).toBe(true);
    expect(visits(await m.totals(), 'a.test')).toBe(0);
  });
});
