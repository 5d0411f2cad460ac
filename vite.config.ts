import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };
import manifestFields from './manifest.json' with { type: 'json' };

// package.json is the one place the version is written; it goes after the description, where a
// hand-written manifest has it, so the built manifest reads the same.
const { manifest_version, name, description, ...rest } = manifestFields;
const manifest = { manifest_version, name, description, version: pkg.version, ...rest };

const SHARED_EXCLUDED = /(registrable|export-format|import-chunks|import-model|options-model|limits-model|category-edit|command-schema|transfer|dashboard-(?!url))/;

// DWELL_TEST_DB_STEP=1 builds the test variant of src/db/test-build.ts (one more upgrade step);
// defined as false otherwise, so the shipped build drops the step altogether.
const testDefines = { __DWELL_TEST_DB_STEP__: JSON.stringify(process.env.DWELL_TEST_DB_STEP === '1') };

export default defineConfig({
  plugins: [crx({ manifest })],
  define: testDefines,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome121',
    sourcemap: true,
    // Chrome has had modulepreload since 66: the polyfill was one more file (and request) on
    // every page's first paint.
    modulePreload: { polyfill: false },
    // The manifest names the popup and the options page; the dashboard is only linked to and the
    // block page only opened by the worker, so crxjs learns of them here.
    rollupOptions: {
      input: { dashboard: 'src/dashboard/dashboard.html', block: 'src/block/block.html' },
      output: {
        // The popup must paint in < 100 ms, and each module file an extension page loads costs a
        // few ms: the code the pages share (view models, formatting, the read model) goes into one
        // chunk instead of the seven the automatic split made. Kept out: what pulls in tldts
        // (the public-suffix list, 270 KB, only the worker and the options page need it) and the
        // dashboard's own view models.
        codeSplitting: {
          groups: [{ name: 'shared', test: (id: string) => /\/src\/(ui|core|db|settings)\//.test(id) && !SHARED_EXCLUDED.test(id) }],
        },
      },
    },
  },
  // crxjs' dev server is not used; the extension is always loaded from the built dist/.
  server: { port: 5173, strictPort: true, hmr: false },
});
