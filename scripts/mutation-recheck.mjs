// `npm run mutation -- --recheck`: retests only what a change can have changed, in one Stryker run
// over every scope, and merges the result into each scope's committed file
// (bench/stryker-incremental-<scope>.json). Retested: every line that held a mutant no test
// detected (survived or not covered), and every mutant of a file whose source changed since its
// scope's file was written (or that is new in a scope). Everything else keeps its last result —
// the same reuse Stryker's incremental mode makes, which here retests nearly every mutant as soon
// as a widely used test file changes (its test ids carry no locations to diff).
// `-- --recheck --only <file>,<file>`: only those files (whole or their undetected ranges), when
// a run of everything does not fit the time at hand; the other files wait for the next run.
// `--plan`: print what would be retested, run nothing.
// Caveat, as with incremental mode: a killed mutant keeps "killed" even if the test that killed
// it was weakened since; a full run (`npm run mutation`) settles that.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { SCOPES } from '../stryker.config.mjs';

const fileOf = (scope) => `bench/stryker-incremental-${scope}.json`;
const RECHECK = 'bench/mutation/recheck.json';
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const FOLD = new Set(SCOPES.fold);
const EXCLUDED = new Set(SCOPES.background.filter((p) => p.startsWith('!')).map((p) => p.slice(1)));

function scopeOf(file) {
  if (FOLD.has(file)) return 'fold';
  if (file.startsWith('src/core/')) return 'core';
  if (file.startsWith('src/background/')) return EXCLUDED.has(file) ? null : 'background';
  if (file.startsWith('src/db/') || file.startsWith('src/settings/')) return 'db-settings';
  return null;
}

const argAfter = (flag) => {
  const i = process.argv.indexOf(flag);
  return i < 0 ? null : (process.argv[i + 1] ?? '');
};
const only = argAfter('--only')?.split(',').filter(Boolean) ?? null;
const plan = process.argv.includes('--plan');

const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
const sources = ['src/core', 'src/background', 'src/db', 'src/settings'].flatMap(walk).filter((f) => f.endsWith('.ts') && scopeOf(f));

const reports = Object.fromEntries(Object.keys(SCOPES).map((s) => [s, JSON.parse(readFileSync(fileOf(s), 'utf8'))]));
const targets = [];
const wholeFiles = new Set();
const ranges = new Map(); // file → the location of each undetected mutant
for (const file of sources) {
  if (only && !only.includes(file)) continue;
  const old = reports[scopeOf(file)].files[file];
  if (!old || old.source !== readFileSync(file, 'utf8')) {
    wholeFiles.add(file);
    targets.push(file);
    continue;
  }
  const undetected = old.mutants.filter((m) => UNDETECTED.has(m.status)).map((m) => m.location);
  if (undetected.length === 0) continue;
  ranges.set(file, undetected);
  // The report's columns count from 1, a --mutate range's from 0 (its lines from 1, as here).
  for (const { start, end } of undetected) targets.push(`${file}:${start.line}:${start.column - 1}-${end.line}:${end.column - 1}`);
}
process.stdout.write(`recheck: ${wholeFiles.size} changed or new file(s) whole (${[...wholeFiles].join(', ') || 'none'}), ${[...ranges.values()].reduce((n, r) => n + r.length, 0)} range(s) of undetected mutants in ${ranges.size} file(s)\n`);
if (targets.length === 0 || plan) process.exit(0);

rmSync(RECHECK, { force: true });
// One checker and two test runners: the checker is idle between mutants, the runners are not.
const run = spawnSync('npx', ['stryker', 'run', '--concurrency', '3', '--mutate', targets.join(',')], { stdio: 'inherit', env: { ...process.env, DWELL_MUTATION_RECHECK: '1' } });
if (run.status !== 0 || !existsSync(RECHECK)) process.exit(run.status ?? 1);

// A mutant is retested if its file was whole, or if it lies within a retested range (Stryker makes
// every mutant inside a range, so those that were killed there are retested too).
const before = (a, b) => a.line < b.line || (a.line === b.line && a.column <= b.column);
const within = (m, r) => before(r.start, m.location.start) && before(m.location.end, r.end);
const retested = (file, m) => wholeFiles.has(file) || (ranges.get(file) ?? []).some((r) => within(m, r));
const fresh = JSON.parse(readFileSync(RECHECK, 'utf8'));
for (const [file, result] of Object.entries(fresh.files)) {
  const scope = scopeOf(file);
  const into = reports[scope];
  const kept = wholeFiles.has(file) ? [] : (into.files[file]?.mutants ?? []).filter((m) => !retested(file, m));
  into.files[file] = { ...result, mutants: [...kept, ...result.mutants.filter((m) => retested(file, m))] };
}
// Files gone from the source tree leave their scope too.
for (const [scope, report] of Object.entries(reports)) {
  for (const file of Object.keys(report.files)) if (!sources.includes(file)) delete report.files[file];
  writeFileSync(fileOf(scope), JSON.stringify(report));
  rmSync(`bench/mutation/report-${scope}.json`, { force: true }); // the summary reads the merged file
}
const summary = spawnSync('node', ['scripts/mutation-summary.mjs'], { stdio: 'inherit' });
process.exit(summary.status ?? 1);
