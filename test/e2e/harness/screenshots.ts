// Where the suite writes the README's screenshots (docs/screenshots): taken on every run from
// the real pages, so they show what the build does, not what it once did.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/screenshots');

/** The file a screenshot named `name` goes to (its folder made if missing). */
export function screenshotPath(name: string): string {
  mkdirSync(DIR, { recursive: true });
  return resolve(DIR, name);
}
