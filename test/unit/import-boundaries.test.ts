// The layer rule (eslint.boundaries.js) is real: a core module that imports the database, or a
// page that imports the worker, is refused with a message naming the layers.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { boundaries } from '../../eslint.boundaries.js';

const eslint = new ESLint({
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...boundaries],
});

async function messagesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import directions', () => {
  it('core importing db is refused', async () => {
    expect(await messagesFor('src/core/bad.ts', "import { openDwellDb } from '../db/open.ts';\nexport const x = openDwellDb;\n")).toEqual([
      'no-restricted-imports: \'../db/open.ts\' import is restricted from being used by a pattern. core/ must not import db/: core is pure and imports no other layer',
    ]);
  });

  it('a type-only import counts too (core/api.ts once imported db/schema.ts types)', async () => {
    const msgs = await messagesFor('src/core/api.ts', "import type { LeaseRecord } from '../db/schema.ts';\nexport type L = LeaseRecord;\n");
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toContain('core/ must not import db/');
  });

  it('a page importing the worker, or a db module that writes, is refused', async () => {
    const worker = await messagesFor('src/popup/bad.ts', "import { createEngine } from '../background/engine.ts';\nexport const e = createEngine;\n");
    expect(worker[0]).toContain('popup/ must not import background/');
    const write = await messagesFor('src/options/bad.ts', "import { deleteHistory } from '../db/history.ts';\nexport const d = deleteHistory;\n");
    expect(write[0]).toContain('options/ reads the database only');
  });

  it('db importing settings, and ui importing background, are refused', async () => {
    expect((await messagesFor('src/db/bad.ts', "import { defaults } from '../settings/defaults.ts';\nexport const d = defaults;\n"))[0]).toContain('db/ must not import settings/');
    expect((await messagesFor('src/ui/bad.ts', "import { verify } from '../background/verify.ts';\nexport const v = verify;\n"))[0]).toContain('ui/ must not import background/');
  });

  it('the allowed directions pass', async () => {
    expect(await messagesFor('src/popup/ok.ts', "import { liveQuery } from '../db/query.ts';\nimport { fmt } from '../ui/format.ts';\nexport const q = [liveQuery, fmt];\n")).toEqual([]);
    expect(await messagesFor('src/background/ok.ts', "import { readCursor } from '../db/meta.ts';\nimport { defaults } from '../settings/defaults.ts';\nexport const r = [readCursor, defaults];\n")).toEqual([]);
  });
});
