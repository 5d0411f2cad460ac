// `npm run bench`: builds (package.json), then measures Dwell in real headless Chromium and prints
// a markdown table (also written to bench/results.md). It reports; it does not gate: a missed
// target still exits 0. A benchmark that breaks (launch, a command failing, a check) exits 1.
//
// BENCH_QUICK=1 runs smaller sizes (a smoke run of the harness; numbers are not the targets').
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { runAggregatorBench } from './aggregator.ts';
import { runCaptureBench } from './capture.ts';
import { runFloodBench } from './flood.ts';
import { runIdleBench } from './idle.ts';
import { chromePath, distDir, repoRoot } from './launch.ts';
import { runPopupBench } from './popup.ts';
import { table, type Row } from './stats.ts';

const HOW = `## How each number is measured

Every section launches headless Chromium (playwright-core launchPersistentContext) on a fresh temporary
profile with a private copy of dist/ loaded unpacked, and talks to the worker through
\`self.dwell.handle(cmd)\` evaluated in it. Worker timings are performance.now() inside the worker.

- **Aggregator throughput**: settings batchSize 1000, rawEventRetentionDays 0; alarms cleared (no
  alarm-driven run races for the lease). Per run, 100 k events (bench/seed.ts makeEvents: one window,
  6 tabs, 40 sites; a tab switch every 50 events, a navigation every 10, title changes between,
  a beat every 300, focus lost/regained every 3,000; 100 ms apart) are put in one transaction into the
  extension's \`dwell\` events store, in a fresh generation (meta generation + 1000 + run, also
  written to meta so a worker restart stays above it), and the same records into the raw-bound
  database. One \`aggregateNow\` is timed; then diagnostics.pending must be 0, the events store empty
  and no errors logged. Raw bound: same worker, loop { readwrite txn: getAll(lowerBound(last), 1000) +
  delete(bound(first, last)) }. Order of the timed steps rotates per run; ratio = median of per-run
  ratios.
- **Batch breakdown**: bench/trace.ts wraps the IndexedDB prototypes in the worker (bench only) and
  timestamps each request's creation and success and each readwrite transaction's completion;
  requests run in order within a transaction, so the gap before each success is charged to that
  request, a gap before a request's creation to worker JS.
- **Memory**: CDP to the worker target (Target.attachToTarget + sendMessageToTarget):
  Runtime.getHeapUsage every ~25 ms during a drain, every 4th reading after
  HeapProfiler.collectGarbage ("live"); growth over a GC'd baseline taken after seeding. The same
  drains are CPU-profiled (Profiler, 250 µs).
- **Capture**: the engine's own \`record()\` (self.dwell.ready) in the worker, awaited one by one and
  as a burst; then a real http tab (local server, *.test mapped to 127.0.0.1): document.title changes
  (one per task), time until the tab events are in the store (polled from a second connection).
- **Popup**: history of 730 days × 150 sites (10,000 distinct, one page per site-day, seeded PRNG)
  through \`import\` (mode replace). The popup is opened as a tab at
  chrome-extension://<id>/src/popup/popup.html; an init script's MutationObserver records
  performance.now() (origin = navigation start) when body[data-source] is set, #today-total has text
  and a site row exists ("Today"), and after a click on #range-all when aria-pressed is true and
  #range-total's text changed ("All"); "painted" = the next requestAnimationFrame. First open = first
  extension page of the browser (cold); the others warm. Probe pages (blank, and blank + the largest
  chunk) exist only in the bench's copy of dist/.
- **Flood**: a real http tab changes document.title once per task (a zero-delay message loop) for
  10 s; five \`query\` commands are sent on the worker's own timers during it (through CDP or a page,
  Chromium routes every message late during a flood) and timed there; events logged = the
  diagnostics' folded + pending count after minus before.
- **query**: \`query\` for today's range and 'all', round trip from Node and time inside the worker.
- **Dashboard overview**: on the popup section's history, dashboard.html#overview?r=30d (and r=all)
  opened in a new tab; navigation start → body[data-ready="overview"] + the next frame. The first
  open is the first dashboard page of the browser (the popup was opened before it).
- **Idle worker CPU**: one tab of a served page in front, no input, default settings (heartbeat
  30 s); V8's CPU profiler on the worker target (Profiler, 1 ms sampling) for 60 s, every sample
  but "(idle)" counted, scaled to a minute; then again with a 600-minute daily limit on that site
  (its alarm pending). The attached profiler keeps the worker awake: the most an idle minute costs.
- **Search**: on the popup section's history, the dashboard opened at #search?r=all; a value set in
  the search field with an input event, timed in the page until the status line and the list show
  the answer (+ the next frame): the first keystroke reads every page row and builds the in-memory
  index, later ones only match. Heap: CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage.
`;

const quick = !!process.env.BENCH_QUICK && process.env.BENCH_QUICK !== '0';
const WATCHDOG_MS = 9 * 60_000;

interface Section {
  name: string;
  run(): Promise<{ rows: Row[]; log: string[] }>;
}

const sections: Section[] = [
  { name: 'aggregator', run: () => runAggregatorBench(quick ? { n: 10_000, runs: 1 } : { n: 100_000, runs: 3 }) },
  { name: 'capture', run: () => runCaptureBench(quick ? { seq: 50, burst: 100, titles: 20, singles: 3 } : { seq: 300, burst: 1000, titles: 200, singles: 15 }) },
  { name: 'flood', run: () => runFloodBench(quick ? { seconds: 3, queries: 3 } : { seconds: 10, queries: 5 }) },
  { name: 'idle', run: () => runIdleBench(quick ? { seconds: 10 } : { seconds: 60 }) },
  {
    name: 'popup',
    run: () => runPopupBench(quick ? { days: 60, sites: 1000, perDay: 150, opens: 3, queries: 3 } : { days: 730, sites: 10_000, perDay: 150, opens: 6, queries: 6 }),
  },
];

function chromiumVersion(): string {
  try {
    return execFileSync(chromePath(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function playwrightVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'playwright-core', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

// BENCH_ONLY=popup,idle: those sections alone, printed and not written to bench/results.md (a
// partial table must not stand for the whole run).
const only = process.env.BENCH_ONLY?.split(',').filter(Boolean) ?? null;

async function main(): Promise<number> {
  const started = Date.now();
  distDir(); // snapshot the build now, right after `npm run build`
  const load0 = loadavg();
  const rows: Row[] = [];
  const logs: string[] = [];
  const broken: string[] = [];
  for (const s of sections) {
    if (only && !only.includes(s.name)) continue;
    const t0 = Date.now();
    process.stderr.write(`bench: ${s.name}…\n`);
    try {
      const r = await s.run();
      rows.push(...r.rows);
      logs.push(...r.log.map((l) => `${s.name}: ${l}`));
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      broken.push(`${s.name}: ${msg}`);
      rows.push({ metric: `${s.name} section`, value: 'ERROR', target: '—', pass: false });
      process.stderr.write(`bench: ${s.name} broke: ${err instanceof Error ? (err.stack ?? msg) : msg}\n`);
    }
    logs.push(`${s.name}: section took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const load1 = loadavg();
  const header = [
    `# Dwell benchmark${quick ? ' (BENCH_QUICK: reduced sizes)' : ''}`,
    '',
    `- date: ${new Date(started).toISOString()}`,
    `- browser: ${chromiumVersion()} (headless, driven by playwright-core ${playwrightVersion()}), extension loaded unpacked from dist/`,
    `- machine: ${cpus().length} CPU (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform}`,
    `- load average (1 min) at start / end: ${load0[0]!.toFixed(2)} / ${load1[0]!.toFixed(2)} — other work on the machine makes IndexedDB timings noisy`,
    `- total time: ${((Date.now() - started) / 1000).toFixed(0)} s`,
    '',
  ].join('\n');
  const body = table(rows);
  const details = ['', '## Run log', '', ...logs.map((l) => `- ${l}`), ...(broken.length ? ['', '## Broken', '', ...broken.map((b) => `- ${b}`)] : []), ''].join('\n');
  process.stdout.write(`${header}\n${body}\n${details}`);
  if (!only) writeFileSync(join(repoRoot, 'bench', 'results.md'), `${header}\n${body}\n${details}\n${HOW}`);
  return broken.length ? 1 : 0;
}

const watchdog = setTimeout(() => {
  process.stderr.write(`bench: gave up after ${WATCHDOG_MS / 60_000} minutes\n`);
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
