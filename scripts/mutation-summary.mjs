// Turns Stryker's JSON report into the few figures a reviewer reads: the score, the mutants per
// status, the score per file and every mutant no test noticed. Printed, and written as markdown
// beside the report so that a change in the score shows up in a diff. It reports; it does not gate.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { SCOPES } from '../stryker.config.mjs';

// The last run's report, or else the committed incremental file: Stryker writes both in the same
// schema (with the sources), and only the incremental file is committed, so a fresh clone still
// shows the figures of the last run.
const reportOf = (scope) => [`bench/mutation/report-${scope}.json`, `bench/stryker-incremental-${scope}.json`].find((path) => existsSync(path));
// Survivors judged equivalent (no test can tell them from the original), each with its reason:
// matched by file, the original code and the replacement, so a line moving does not lose them.
// One file per scope (bench/mutation/equivalents-<scope>.json), so scopes are reviewed apart.
const EQUIVALENTS = 'bench/mutation/equivalents-<scope>.json';
const equivalents = Object.keys(SCOPES)
  .map((scope) => EQUIVALENTS.replace('<scope>', scope))
  .filter((path) => existsSync(path))
  .flatMap((path) => JSON.parse(readFileSync(path, 'utf8')));
// An entry may name its line, where the same text is mutated elsewhere in the file to no such effect.
const whyEquivalent = (m) =>
  equivalents.find((e) => e.file === m.file && e.original === m.original && e.replacement === m.replacement && (e.line === undefined || e.line === m.line))?.why ?? null;
const SUMMARY = 'bench/mutation/summary.md';

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const STATUS_ORDER = ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'RuntimeError', 'Ignored', 'Pending'];
const REPLACEMENT_WIDTH = 70;

function originalOf(source, { start, end }) {
  const lines = source.split('\n');
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  return [lines[start.line - 1].slice(start.column - 1), ...lines.slice(start.line, end.line - 1), lines[end.line - 1].slice(0, end.column - 1)].join('\n');
}

function mutantsOf(report) {
  return Object.entries(report.files).flatMap(([file, result]) =>
    result.mutants.map((m) => ({ file, line: m.location.start.line, original: originalOf(result.source, m.location), ...m })),
  );
}

// Stryker's definition: compile and runtime errors say nothing about the tests, so they are not
// valid mutants; ignored and pending ones were never run.
function score(mutants) {
  const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
  const valid = detected + mutants.filter((m) => UNDETECTED.has(m.status)).length;
  return { detected, valid, percent: valid === 0 ? null : (100 * detected) / valid };
}

function formatScore({ detected, valid, percent }) {
  return percent === null ? 'n/a (no valid mutants)' : `${percent.toFixed(2)} % (${detected} of ${valid})`;
}

function countBy(items, key) {
  const counts = new Map();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

// One table cell: a replacement may span lines and contain pipes.
function cell(text) {
  const flat = String(text ?? '').replace(/\s+/g, ' ').trim();
  const short = flat.length > REPLACEMENT_WIDTH ? `${flat.slice(0, REPLACEMENT_WIDTH - 1)}…` : flat;
  return `\`${short.replaceAll('|', '\\|').replaceAll('`', "'")}\``;
}

function statusTable(mutants) {
  const counts = countBy(mutants, (m) => m.status);
  const rows = STATUS_ORDER.filter((s) => counts.has(s)).map((s) => `| ${s} | ${counts.get(s)} |`);
  return ['| status | mutants |', '|---|---:|', ...rows, `| **total** | ${mutants.length} |`];
}

function fileTable(mutants) {
  const files = [...new Set(mutants.map((m) => m.file))].sort();
  const rows = files.map((file) => {
    const own = mutants.filter((m) => m.file === file);
    return `| ${file} | ${own.length} | ${formatScore(score(own))} |`;
  });
  return ['| file | mutants | score |', '|---|---:|---|', ...rows];
}

function survivorTable(mutants) {
  const survivors = mutants
    .filter((m) => UNDETECTED.has(m.status))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  if (survivors.length === 0) return ['None: every valid mutant was detected.'];
  const rows = survivors.map((m) => `| ${m.file}:${m.line} | ${m.mutatorName} | ${cell(m.original)} → ${cell(m.replacement)} | ${m.status} | ${whyEquivalent(m) ?? 'not explained yet'} |`);
  return ['| where | mutator | original → replacement | status | equivalent because |', '|---|---|---|---|---|', ...rows];
}

const listed = (mutants) => mutants.filter((m) => UNDETECTED.has(m.status) && whyEquivalent(m)).length;
const scoreWithoutEquivalents = (mutants) => score(mutants.filter((m) => !(UNDETECTED.has(m.status) && whyEquivalent(m))));

const stamp = (path) => statSync(path).mtime.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

function scopeTable(runs) {
  const rows = Object.keys(SCOPES).map((scope) => {
    const run = runs.find((r) => r.scope === scope);
    return run ? `| ${scope} | ${run.date} | ${run.mutants.length} | ${formatScore(score(run.mutants))} |` : `| ${scope} | not run yet | | |`;
  });
  return ['| scope | report of | mutants | score |', '|---|---|---:|---|', ...rows];
}

function render(runs) {
  const mutants = runs.flatMap((r) => r.mutants);
  const missing = Object.keys(SCOPES).filter((scope) => !runs.some((r) => r.scope === scope));
  return [
    '# Mutation testing',
    '',
    '`npm run mutation [-- scope …]`: StrykerJS over the unit tests, scope by scope (stryker.config.mjs).',
    'Score = (killed + timeout) / (killed + timeout + survived + no coverage).',
    '',
    `**Score: ${formatScore(score(mutants))}**${missing.length ? ` — over the scopes run so far; not run yet: ${missing.join(', ')}` : ' — every scope'}`,
    '',
    `Survivors listed as equivalent, with the reason (bench/mutation/equivalents-<scope>.json): ${listed(mutants)}; counting them as not valid mutants, the score would be ${formatScore(scoreWithoutEquivalents(mutants))}.`,
    '',
    ...scopeTable(runs),
    '',
    ...statusTable(mutants),
    '',
    '## Per file',
    '',
    ...fileTable(mutants),
    '',
    '## Not detected (survived or not covered)',
    '',
    ...survivorTable(mutants),
    '',
  ].join('\n');
}

const runs = Object.keys(SCOPES)
  .filter((scope) => reportOf(scope) !== undefined)
  .map((scope) => ({ scope, date: stamp(reportOf(scope)), mutants: mutantsOf(JSON.parse(readFileSync(reportOf(scope), 'utf8'))) }));
if (runs.length === 0) throw new Error('no mutation report yet: run `npm run mutation` first');
const markdown = render(runs);
writeFileSync(SUMMARY, markdown);
process.stdout.write(`${markdown}\n(written to ${SUMMARY})\n`);
