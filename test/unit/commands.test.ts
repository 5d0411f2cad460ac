// The command API (background/commands.ts) as the pages use it: which aggregator run each command
// asks for (the run log in diagnostics names it, and says whether the backlog was drained whole),
// the export's file name and type, and the errors a page is shown.
import { describe, expect, it } from 'vitest';
import { Machine } from '../fixtures/machine.ts';
import type { Command, ExportFile } from '../../src/core/api.ts';

/** A machine whose periodic runs fold one 10-event batch at a time, with `loads` page loads of
 *  busy.test waiting in the log (far more than one batch). */
async function withBacklog(loads = 40) {
  const m = new Machine({ flags: { batchProcessing: false, batchSize: 10 } });
  await m.wakeWorker();
  const win = m.browser.openWindow();
  const tab = m.browser.openTab(win, 'https://busy.test/feed', 'Feed');
  const more = async (n: number) => {
    for (let i = 0; i < n; i += 1) {
      m.clock.advance(1_000);
      m.browser.navigate(tab, `https://busy.test/feed?item=${i}`);
    }
    await m.engine.flush();
  };
  await more(loads);
  return { m, more };
}

/** The runs recorded so far, newest first: which command asked, and whether it went on past one
 *  batch (with batch processing off, only a whole drain does). */
async function runs(m: Machine) {
  const d = await m.ok({ type: 'diagnostics' });
  return d.runs.map((r) => ({ trigger: r.trigger, whole: r.batches > 1 }));
}

const pending = async (m: Machine) => (await m.ok({ type: 'diagnostics' })).pending;

async function refusal<C extends Command>(m: Machine, cmd: C): Promise<string> {
  const r = await m.engine.handle(cmd);
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.result)}`);
  return r.error;
}

describe('each command asks for its own run', () => {
  it('"Aggregate now" with 40 loads waiting and batch processing off: one run named "command", one batch, more left', async () => {
    const { m } = await withBacklog();
    await m.ok({ type: 'aggregateNow' });
    expect(await runs(m)).toEqual([{ trigger: 'command', whole: false }]);
    expect(await pending(m)).toBeGreaterThan(0);
  });

  it('an export drains the whole backlog first, in a run named "export"', async () => {
    const { m } = await withBacklog();
    await m.ok({ type: 'export', format: 'json' });
    expect(await runs(m)).toEqual([{ trigger: 'export', whole: true }]);
    expect(await pending(m)).toBe(0);
  });

  it('deleting a site drains the whole backlog first, in a run named "delete"', async () => {
    const { m } = await withBacklog();
    await m.ok({ type: 'deleteHistory', scope: { site: 'busy.test' } });
    expect(await runs(m)).toEqual([{ trigger: 'delete', whole: true }]);
    expect(await pending(m)).toBe(0);
  });

  it('import "replace": the whole backlog is drained first, in a run named "import"; a dry run or a merge asks for no run', async () => {
    const { m, more } = await withBacklog();
    const file: ExportFile = await m.exported();
    await more(40);
    await m.ok({ type: 'import', data: file, mode: 'replace', dryRun: true });
    await m.ok({ type: 'import', data: file, mode: 'merge' });
    await m.ok({ type: 'import', data: JSON.stringify(file), mode: 'merge', dryRun: true });
    expect(await runs(m)).toEqual([{ trigger: 'export', whole: true }]);
    await m.ok({ type: 'import', data: file, mode: 'replace' });
    expect(await runs(m)).toEqual([
      { trigger: 'import', whole: true },
      { trigger: 'export', whole: true },
    ]);
  });

  it('a chunked import committed as "replace" drains the whole backlog in a run named "import"; committed as "merge", no run', async () => {
    const { m, more } = await withBacklog();
    const file: ExportFile = await m.exported();
    await more(40);
    await m.ok({ type: 'importChunk', id: 'merge-1', index: 0, continues: false, days: file.days });
    await m.ok({ type: 'importCommit', id: 'merge-1', chunks: 1, mode: 'merge', version: 1, exportedAt: file.exportedAt });
    expect((await runs(m)).map((r) => r.trigger)).toEqual(['export']);
    await m.ok({ type: 'importChunk', id: 'replace-1', index: 0, continues: false, days: file.days });
    await m.ok({ type: 'importCommit', id: 'replace-1', chunks: 1, mode: 'replace', version: 1, exportedAt: file.exportedAt });
    expect(await runs(m)).toEqual([
      { trigger: 'import', whole: true },
      { trigger: 'export', whole: true },
    ]);
  });
});

describe('the export file', () => {
  it('exported at 2024-03-10 14:05:09.250 UTC: dwell-2024-03-10-14-05-09.json as application/json, .csv as text/csv', async () => {
    const m = new Machine();
    await m.wakeWorker();
    m.clock.set(Date.parse('2024-03-10T14:05:09.250Z'));
    const json = await m.ok({ type: 'export', format: 'json' });
    expect([json.filename, json.mime]).toEqual(['dwell-2024-03-10-14-05-09.json', 'application/json']);
    expect((JSON.parse(json.text) as ExportFile).format).toBe('dwell-export');
    const csv = await m.ok({ type: 'export', format: 'csv' });
    expect([csv.filename, csv.mime]).toEqual(['dwell-2024-03-10-14-05-09.csv', 'text/csv']);
    expect(csv.text.startsWith('{')).toBe(false);
  });
});

describe('what a page is told when a command cannot be done', () => {
  it('a file that is not JSON: "Import rejected: not valid JSON (…)", with the parser\'s reason', async () => {
    const m = new Machine();
    await m.wakeWorker();
    const error = await refusal(m, { type: 'import', data: '{"format": "dwell-export", ', mode: 'merge' });
    expect(error).toMatch(/^Import rejected: not valid JSON \(.+\)$/);
  });

  it('the block page asks a worker built without daily limits: it says so, for info and for a snooze', async () => {
    const m = new Machine({ flags: { siteLimits: [{ site: 'news.test', minutes: 1 }] } });
    await m.wakeWorker();
    expect(await refusal(m, { type: 'limitInfo', site: 'news.test' })).toBe('daily limits are not enforced by this worker');
    expect(await refusal(m, { type: 'snoozeLimit', site: 'news.test' })).toBe('daily limits are not enforced by this worker');
  });

  it('the popup asks a worker built without daily limits for a focus session: it says so, for a start, a stop and the session shown', async () => {
    const m = new Machine({ flags: { focusSites: ['news.test'] } });
    await m.wakeWorker();
    const refused = 'focus sessions are not enforced by this worker';
    expect(await refusal(m, { type: 'focusStart', minutes: 25 })).toBe(refused);
    expect(await refusal(m, { type: 'focusStop' })).toBe(refused);
    expect(await refusal(m, { type: 'focusInfo' })).toBe(refused);
  });
});
