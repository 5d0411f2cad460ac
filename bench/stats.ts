// Small helpers for the bench table.

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export const fmtInt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
export const fmtMs = (n: number, digits = 1): string => (Number.isFinite(n) ? `${n.toFixed(digits)} ms` : '—');
export const fmtMB = (bytes: number): string => (Number.isFinite(bytes) ? `${(bytes / 1_048_576).toFixed(1)} MB` : '—');

export interface Row {
  metric: string;
  value: string;
  target: string;
  /** null = informational (no target). */
  pass: boolean | null;
  note?: string;
}

export function table(rows: readonly Row[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  const lines = ['| metric | measured | target | result |', '|---|---:|---:|:---:|'];
  for (const r of rows) {
    const result = r.pass === null ? 'info' : r.pass ? 'pass' : '**FAIL**';
    lines.push(`| ${esc(r.metric)} | ${esc(r.value)} | ${esc(r.target)} | ${result} |`);
  }
  return lines.join('\n');
}
