import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };
import manifestFields from './manifest.json' with { type: 'json' };

// package.json is the one place the version is written; it goes after the description, where a
// hand-written manifest has it, so the built manifest reads the same.
const { manifest_version, name, description, ...rest } = manifestFields;
const manifest = { manifest_version, name, description, version: pkg.version, ...rest };

export default defineConfig({
  plugins: [crx({ manifest })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome121',
    sourcemap: true,
    // The manifest names the popup and the options page; the dashboard is only linked to, so
    // crxjs learns of it here.
    rollupOptions: { input: { dashboard: 'src/dashboard/dashboard.html' } },
  },
  // crxjs' dev server is not used; the extension is always loaded from the built dist/.
  server: { port: 5173, strictPort: true, hmr: false },
});
