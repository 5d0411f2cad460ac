// Privacy in a real browser: Chrome titles a page that has no <title> (and a page still loading)
// with its URL, query and fragment included. Nothing of the query may reach the raw events, the
// stored rows, the popup's answer or the export. And a "replace" import keeps nothing of the old
// history, neither the open visit's past nor closed visits still waiting in the log.
import { describe, expect, it } from 'vitest';
import type { ExportFile } from '../../src/core/api.ts';
import { scenarioPerTest } from './harness/per-test.ts';
import type { Scenario } from './harness/scenario.ts';
import { SLOW_TITLE, SLOW_TITLE_MS } from './harness/server.ts';
import { expectMatchesLedger } from './harness/verdict.ts';
import { sleep } from './harness/timeout.ts';

const SECRET = 'S3CR3T-t0ken';

/** Every record of every store, read in the worker: the privacy check is about what is stored. */
function everythingStored(s: Scenario): Promise<string> {
  return s.browser.worker.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('dwell');
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readonly');
          const out: Record<string, unknown[]> = {};
          for (const n of names) {
            const r = tx.objectStore(n).getAll();
            r.onsuccess = () => {
              out[n] = r.result as unknown[];
            };
          }
          tx.oncomplete = () => {
            db.close();
            resolve(JSON.stringify(out));
          };
        };
      }),
    undefined,
    'reading every store',
  );
}

async function exportText(s: Scenario): Promise<string> {
  return (await s.dwell.handle({ type: 'export', format: 'json' })).text;
}

describe('privacy: titles that are URLs', () => {
  const start = scenarioPerTest();

  it('a page with no <title> and a token in its URL, then a slow page whose title arrives late', async () => {
    const s = await start();
    await s.open('api', 'api.example.test', `/plain/me?access_token=${SECRET}#frag-${SECRET}`);
    await s.dwellFor(2_000);
    await s.open('slow', 'reports.other.test', `/slow/q3?session=${SECRET}`);
    await sleep(SLOW_TITLE_MS + 500); // the real title has arrived
    await s.dwellFor(1_500);
    await s.finish();
    const q = await expectMatchesLedger(s, 'untitled and slow pages');
    const titles = q.sites.flatMap((x) => x.pages ?? []).map((p) => p.title);
    // Chrome's own formatting of the URL: scheme dropped, port kept.
    const shown = `api.example.test:${s.server.port}/plain/me`;
    expect(titles, 'the untitled page keeps its URL as title, cut before the query').toContain(shown);
    expect(titles, 'the slow page ends with its real title').toContain(SLOW_TITLE);
    await s.dwell.aggregateNow();
    const stored = await everythingStored(s);
    expect(stored, 'a stored record names the page').toContain(shown);
    expect(stored, 'no stored record holds the token').not.toContain(SECRET);
    expect(stored).not.toMatch(/access_token|session=/);
    const exported = await exportText(s);
    expect(exported).toContain('reports.other.test');
    expect(exported).not.toContain(SECRET);
  });
});

describe('replace import', () => {
  const start = scenarioPerTest();

  it('after a replace only the file is there, and the open visit counts from the replace on', async () => {
    const s = await start({ settings: { batchProcessing: false, batchSize: 10 } });
    await s.open('a', 'old.example.test', '/closed');
    await s.dwellFor(2_000);
    await s.open('b', 'open.other.test', '/reading');
    await s.dwellFor(3_000);
    const file: ExportFile = {
      format: 'dwell-export',
      version: 1,
      exportedAt: new Date().toISOString(),
      days: [{ date: '2024-03-01', sites: [{ domain: 'imported.test', ms: 60_000, visits: 1, pages: [] }] }],
    };
    const before = await s.dwell.query(true);
    expect(before.sites.map((x) => x.domain).sort(), 'both sites counted before the replace').toEqual(['example.test', 'other.test']);
    const replacedAt = Date.now();
    await s.dwell.handle({ type: 'import', data: file, mode: 'replace' });
    await s.dwellFor(2_000);
    await s.finish();
    const finishedAt = Date.now();
    const after = await s.dwell.query(true);
    const ms = (d: string) => after.sites.find((x) => x.domain === d)?.ms ?? 0;
    expect(ms('example.test'), 'the closed visit before the replace is gone').toBe(0);
    expect(ms('imported.test'), 'the file, exactly').toBe(60_000);
    // The open visit (3 s before the replace) restarts at the replace: about the 2 s read after it.
    expect(ms('other.test'), 'nothing of the open visit before the replace').toBeLessThanOrEqual(finishedAt - replacedAt);
    expect(ms('other.test'), 'the open visit goes on counting after the replace').toBeGreaterThanOrEqual(2_000 - 300);
    expect(after.totalMs).toBe(60_000 + ms('other.test'));
  });
});
