// A minimal MV3 extension, written to a temp dir at run time, for testing the harness itself
// (launch, listener wait, CDP stop, wake, relaunch) independently of Dwell: when a Dwell scenario
// fails, harness.test.ts says whether the harness can be trusted. Written from here rather than
// kept as .js files so the repo's type-aware lint has nothing untyped to choke on.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const manifest = {
  manifest_version: 3,
  name: 'dwell-e2e-probe',
  version: '1.0',
  background: { service_worker: 'sw.js', type: 'module' },
  permissions: ['tabs', 'alarms', 'storage'],
};

// Each worker start gets an id; every tab activation is kept in memory with the start it reached,
// so the test can tell a restarted worker from the old one and see which events were delivered.
const worker = `
const startId = crypto.randomUUID();
const activations = [];
chrome.tabs.onActivated.addListener((info) => { activations.push(info.tabId); });
chrome.alarms.onAlarm.addListener(() => {});
chrome.alarms.get('probe-heartbeat').then((a) => { if (!a) chrome.alarms.create('probe-heartbeat', { periodInMinutes: 0.5 }); });
self.dwell = { handle: async (m) => {
  if (m.type === 'whoami') return { ok: true, result: { startId, activations } };
  if (m.type === 'boot') {
    const { marker } = await chrome.storage.session.get('marker');
    await chrome.storage.session.set({ marker: true });
    return { ok: true, result: { newSession: !marker } };
  }
  return { ok: false, error: 'unknown command ' + m.type };
} };
`;

export function writeProbeExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dwell-e2e-probe-ext-'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'sw.js'), worker);
  return dir;
}
