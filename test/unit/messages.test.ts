// Every string the pages (and the toolbar button) show comes from public/_locales/en/messages.json: each key the code and
// markup use must exist, each message must be used, and placeholders must be well formed
// (Chrome refuses to load an extension whose message names an undefined placeholder).
import { BADGE_MODES } from '../../src/core/badge-text.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAFETY_FLAGS, NUMBER_FIELDS } from '../../src/ui/options-model.ts';

const ROOT = join(import.meta.dirname, '..', '..');
interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string }>;
}
const messages = JSON.parse(readFileSync(join(ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Record<string, Message>;

const sources = ['src/popup', 'src/options', 'src/dashboard', 'src/block', 'src/ui', 'src/background'].flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => /\.(ts|html)$/.test(f))
    .map((f) => readFileSync(join(ROOT, dir, f), 'utf8')),
);
const all = sources.join('\n');

/** Keys built at run time from the option model (`${key}Label` and friends). */
const dynamicKeys = [
  ...NUMBER_FIELDS.flatMap((f) => [`${f.key}Label`, `${f.key}Help`, f.unit]),
  ...SAFETY_FLAGS.flatMap((k) => [`${k}Label`, `${k}What`, `${k}Risk`]),
  ...['countAudibleWhileIdle', 'recordIncognito', 'dailySummary'].flatMap((k) => [`${k}Label`, `${k}Help`]),
  ...['events', 'gaps', 'reconstructed', 'recoveries', 'clockJumps', 'corrupt', 'outages'].map((k) => `counter_${k}`),
  ...BADGE_MODES.map((mode) => `badge_${mode}`),
];

const staticKeys = new Set<string>([
  ...[...all.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)].map((m) => m[1]!),
  ...[...all.matchAll(/\bt\([^()]*\? '([A-Za-z0-9_]+)' : '([A-Za-z0-9_]+)'/g)].flatMap((m) => [m[1]!, m[2]!]),
  ...[...all.matchAll(/data-i18n(?:-[a-z-]+)?="([A-Za-z0-9_]+)"/g)].map((m) => m[1]!),
]);

describe('messages.json', () => {
  it('defines the manifest strings', () => {
    const manifest = readFileSync(join(ROOT, 'manifest.json'), 'utf8');
    const used = [...manifest.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)].map((m) => m[1]!);
    expect(used.sort()).toEqual(['extDescription', 'extName', 'extName']);
    expect(messages.extName?.message).toBe('Dwell');
    expect(messages.extDescription?.message.length).toBeGreaterThan(0);
    expect(messages.extDescription!.message.length).toBeLessThanOrEqual(132); // Chrome's limit
  });

  it('has every key the pages use', () => {
    expect(staticKeys.size).toBeGreaterThan(50);
    const missing = [...staticKeys, ...dynamicKeys].filter((k) => !messages[k]);
    expect(missing).toEqual([]);
  });

  it('uses every message it defines', () => {
    const unused = Object.keys(messages).filter(
      (k) => k !== 'extDescription' && !dynamicKeys.includes(k) && !staticKeys.has(k) && !all.includes(`'${k}'`),
    );
    expect(unused).toEqual([]);
  });

  it('has valid names and placeholders', () => {
    for (const [key, m] of Object.entries(messages)) {
      expect(key, key).toMatch(/^[A-Za-z0-9_@]+$/);
      expect(typeof m.message, key).toBe('string');
      const named = [...m.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((x) => x[1]!.toLowerCase());
      const defined = Object.keys(m.placeholders ?? {});
      expect(new Set(named), key).toEqual(new Set(defined));
      for (const p of Object.values(m.placeholders ?? {})) expect(p.content, key).toMatch(/^\$[1-9]$/);
    }
  });
});
