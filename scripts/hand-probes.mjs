// The hand probe of issue #9: meaningful mutants that Stryker's operators do not all produce (a
// merge import that wipes rows, a live query that forgets the gap, …). Each is applied to a clean
// copy of HEAD (a git worktree, so the working tree and anyone using it are untouched), the unit
// suite runs, and the mutant must make it fail. Prints a table and writes it beside the Stryker
// summary. It reports; it does not gate (npm test never runs it).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import console from 'node:console';
import process from 'node:process';

const OUT = 'bench/mutation/hand-probes.md';

/** name → the file and the exact text replaced (each `from` must occur once). */
const PROBES = [
  ['gap rule `>` → `>=` (exactly gapMs becomes a gap)', 'src/core/time-bookkeeping.ts', [['t - lastT > s.gapMs', 't - lastT >= s.gapMs']]],
  ['tab memory evicts the newest tab, not the oldest', 'src/core/event-handlers.ts', [['delete s.tabPages[keys[0]!]', 'delete s.tabPages[keys[keys.length - 1]!]']]],
  ['watermark set from the valid events only', 'src/db/fold-batch.ts', [['const lastSeq = raw[raw.length - 1]!.seq;', 'const lastSeq = good.length > 0 ? good[good.length - 1]!.seq : cursor.watermark;']]],
  ['holds() ignores the owner', 'src/background/lease.ts', [['isLive(lease, now) && lease.owner === owner', 'isLive(lease, now)']]],
  ['merge keeps the first title, not the latest', 'src/core/merge.ts', [['if (c.title) page.title = c.title;', 'if (c.title && !page.title) page.title = c.title;']]],
  ['import accepts an empty domain', 'src/core/export-format.ts', [["text(own(o, 'domain'), `${path}.domain`, EXPORT_LIMITS.domainLength, 1)", "text(own(o, 'domain'), `${path}.domain`, EXPORT_LIMITS.domainLength, 0)"]]],
  ['a merge import wipes the existing rows', 'src/db/transfer.ts', [["if (mode === 'replace') await deleteInTx(", "if (mode === 'replace' || mode === 'merge') await deleteInTx("]]],
  ['no boot event on a new browser session', 'src/background/startup.ts', [['const boot: EventBody[] = newSession ?', 'const boot: EventBody[] = newSession && false ?']]],
  ['live query ignores the gap when it closes the open visit', 'src/db/query.ts', [['(now < lastT || now - lastT > live.state.gapMs)', '(now < lastT)']]],
  ['live query ignores a clock behind the last event', 'src/db/query.ts', [['(now < lastT || now - lastT > live.state.gapMs)', '(now - lastT > live.state.gapMs)']]],
  ['verify never reports a difference', 'src/background/verify.ts', [['if (s !== r) differences.push', 'if (false) differences.push']]],
  ['delete-by-site does not rebuild dayTotals', 'src/db/history.ts', [['await rebuildDayTotals(tx, dayRows.map((r) => r.day));', '']]],
  ['corrupt events are folded, not skipped', 'src/db/fold-batch.ts', [['foldEvents(cursor.state, good)', 'foldEvents(cursor.state, raw)']]],
  ['history retention also deletes the cut-off day', 'src/db/history.ts', [
    ["IDBKeyRange.upperBound([cutoff, ''], true)", "IDBKeyRange.upperBound([cutoff, '\\uffff'])"],
    ['IDBKeyRange.upperBound(cutoff, true)', 'IDBKeyRange.upperBound(cutoff)'],
  ]],
];

function unitSuite(dir) {
  const started = Date.now();
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'unit', '--bail', '1', '--reporter', 'dot'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' } });
  // eslint-disable-next-line no-control-regex -- the colour codes of a tool that ignored NO_COLOR
  const output = (run.stdout + run.stderr).replace(/\u001b\[[0-9;]*m/g, '');
  const failed = output.match(/FAIL\s+(?:\|\w+\|\s+)?(test\/\S+?\.test\.ts)/)?.[1] ?? '';
  return { passed: run.status === 0, failed, seconds: (Date.now() - started) / 1000 };
}

function withMutant(dir, file, edits, fn) {
  const path = join(dir, file);
  const original = readFileSync(path, 'utf8');
  let text = original;
  for (const [from, to] of edits) {
    const at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`${file}: ${JSON.stringify(from)} must occur exactly once (the code moved: update the probe)`);
    text = text.slice(0, at) + to + text.slice(at + from.length);
  }
  writeFileSync(path, text);
  try {
    return fn();
  } finally {
    writeFileSync(path, original);
  }
}

const root = resolve('.');
const dir = mkdtempSync(join(tmpdir(), 'dwell-probes-'));
execFileSync('git', ['worktree', 'add', '--detach', dir, 'HEAD'], { stdio: 'ignore' });
try {
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const baseline = unitSuite(dir);
  if (!baseline.passed) throw new Error(`the unit suite fails on HEAD itself (${baseline.failed}): fix that first`);
  const rows = [];
  for (const [name, file, edits] of PROBES) {
    const r = withMutant(dir, file, edits, () => unitSuite(dir));
    rows.push({ name, file, killed: !r.passed, by: r.failed, seconds: r.seconds });
    console.log(`${r.passed ? 'SURVIVED' : 'killed  '}  ${name}  ${r.failed}`);
  }
  const killed = rows.filter((r) => r.killed).length;
  const md = [
    '# Hand probe (issue #9)',
    '',
    `\`node scripts/hand-probes.mjs\` at ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim()}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: **${killed} of ${rows.length} killed** by the unit suite.`,
    '',
    '| mutant | file | result | first failing test file |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${r.file} | ${r.killed ? 'killed' : '**survived**'} | ${r.by} |`),
    '',
  ].join('\n');
  writeFileSync(OUT, md);
  console.log(`\n${killed} of ${rows.length} killed; written to ${OUT}`);
  process.exitCode = killed === rows.length ? 0 : 1;
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', dir], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}
