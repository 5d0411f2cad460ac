// `npm run mutation [-- scope …]`: StrykerJS scope by scope (stryker.config.mjs: fold, core,
// background, db-settings; all of them when none is named), each incremental, then the merged
// summary. A scope's report is written when it finishes, so an interrupted run keeps the scopes
// already done.
import { spawnSync } from 'node:child_process';
import process from 'node:process';
import { SCOPES } from '../stryker.config.mjs';

if (process.argv.includes('--recheck')) {
  const rest = process.argv.slice(2).filter((a) => a !== '--recheck');
  const recheck = spawnSync('node', ['scripts/mutation-recheck.mjs', ...rest], { stdio: 'inherit' });
  process.exit(recheck.status ?? 1);
}
const asked = process.argv.slice(2);
const scopes = asked.length > 0 ? asked : Object.keys(SCOPES);
for (const scope of scopes) {
  if (!(scope in SCOPES)) throw new Error(`unknown scope ${scope}: expected one of ${Object.keys(SCOPES).join(', ')}`);
}
for (const scope of scopes) {
  const run = spawnSync('npx', ['stryker', 'run'], { stdio: 'inherit', env: { ...process.env, DWELL_MUTATION_SCOPE: scope } });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
const summary = spawnSync('node', ['scripts/mutation-summary.mjs'], { stdio: 'inherit' });
process.exit(summary.status ?? 1);
