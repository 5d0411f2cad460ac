import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import manifest from './manifest.config.ts';

export default defineConfig({
  plugins: [crx({ manifest })],
  build: { outDir: 'dist', emptyOutDir: true, target: 'chrome121', sourcemap: true },
  // crxjs' dev server is not used; the extension is always loaded from the built dist/.
  server: { port: 5173, strictPort: true, hmr: false },
});
