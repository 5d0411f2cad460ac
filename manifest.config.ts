import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };

// Permissions are only what the code calls: tabs (url/title/lastAccessed), alarms (heartbeat and
// aggregation), idle, storage (+ unlimitedStorage for long history), favicon (popup icons).
// No host permissions and no externally_connectable: nothing outside the extension talks to it.
export default defineManifest({
  manifest_version: 3,
  name: '__MSG_extName__',
  description: '__MSG_extDescription__',
  version: pkg.version,
  default_locale: 'en',
  minimum_chrome_version: '121',
  icons: { 16: 'icons/16.png', 48: 'icons/48.png', 128: 'icons/128.png' },
  action: { default_popup: 'src/popup/popup.html', default_title: '__MSG_extName__' },
  options_ui: { page: 'src/options/options.html', open_in_tab: true },
  background: { service_worker: 'src/background/index.ts', type: 'module' },
  permissions: ['tabs', 'alarms', 'idle', 'storage', 'unlimitedStorage', 'favicon'],
  incognito: 'spanning',
});
