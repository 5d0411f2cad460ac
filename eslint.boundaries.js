// Which layer may import which (docs/ARCHITECTURE.md, "Layers"): core imports nothing of ours;
// settings and db build on core; the worker (background) on core, db and settings; shared UI code
// on core, db and settings; pages on ui, core, settings and the read side of db. Only test/ and
// bench/ import background/. Kept apart from eslint.config.js so a unit test can lint with it.
const layer = (name) => [`**/${name}/*`, `**/${name}/**`, `../${name}/*`];
const forbid = (from, names, why) => ({
  files: [`src/${from}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', { patterns: names.map((name) => ({ group: layer(name), message: `${from}/ must not import ${name}/: ${why}` })) }],
  },
});
const PAGES = ['popup', 'options', 'dashboard', 'block'];
/** The db modules that write: pages send a command instead. */
const DB_WRITES = ['history', 'transfer', 'fold-batch', 'events', 'runs', 'meta', 'aggregates', 'upgrades'];

export const boundaries = [
  forbid('core', ['background', 'db', 'settings', 'ui', ...PAGES], 'core is pure and imports no other layer'),
  forbid('settings', ['background', 'db', 'ui', ...PAGES], 'settings build on core only'),
  forbid('db', ['background', 'settings', 'ui', ...PAGES], 'db builds on core only'),
  forbid('background', ['ui', ...PAGES], 'the worker does not depend on page code'),
  forbid('ui', ['background', ...PAGES], 'shared UI code is used by pages, not the other way round'),
  ...PAGES.map((page) => ({
    files: [`src/${page}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: layer('background'), message: `${page}/ must not import background/: pages send commands to the worker` },
          { group: DB_WRITES.flatMap((m) => [`**/db/${m}.ts`, `../db/${m}.ts`]), message: `${page}/ reads the database only: send a command to write` },
          ...PAGES.filter((p) => p !== page).map((p) => ({ group: layer(p), message: `${page}/ must not import another page (${p}/): share it through ui/` })),
        ],
      }],
    },
  })),
];
