// One settings module for the worker and the pages: what a person changes on the options page
// while the popup pauses tracking is never lost, and nobody sees an out-of-range value.
import { describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../src/settings/store.ts';
import { defaults, limits, shapes, SETTINGS_KEY, SETTINGS_VERSION, type Settings } from '../../src/settings/defaults.ts';
import { normalizeSettings } from '../../src/settings/normalize.ts';
import { workerSettings } from '../../src/background/chrome-ports.ts';
import { FakeStorageArea } from '../fixtures/fake-storage.ts';

describe('settings store', () => {
  it('two quick edits from one page both land (saves run one at a time)', async () => {
    const area = new FakeStorageArea();
    const page = createSettingsStore(area);
    await Promise.all([page.save({ idleSeconds: 120 }), page.save({ excludedSites: ['Bank.example'] }), page.save({ batchProcessing: false })]);
    const s = await page.load();
    expect(s.idleSeconds).toBe(120);
    expect(s.excludedSites).toEqual(['bank.example']);
    expect(s.batchProcessing).toBe(false);
    expect(area.maxReadsInFlight, 'never two read-modify-writes at once').toBe(1);
  });

  it('the worker sees a page change, and the page sees the worker pause, through one listener each', async () => {
    const area = new FakeStorageArea();
    const page = createSettingsStore(area);
    const workerStore = createSettingsStore(area);
    const worker = await workerSettings(workerStore);
    workerStore.onChange((next) => worker.changed(next));
    const seenByPage: Settings[] = [];
    const stop = page.onChange((next) => seenByPage.push(next));
    await page.save({ heartbeatSeconds: 60 });
    expect(worker.current().heartbeatSeconds).toBe(60);
    await worker.update({ paused: true });
    expect(seenByPage.at(-1)?.paused).toBe(true);
    expect(seenByPage.at(-1)?.heartbeatSeconds, 'the worker kept the page change').toBe(60);
    stop();
    await worker.update({ paused: false });
    expect(seenByPage.at(-1)?.paused, 'unsubscribed').toBe(true);
  });

  it('stored junk reads as defaults, out-of-range numbers are clamped, and what is written has a version', async () => {
    const area = new FakeStorageArea();
    area.poke(SETTINGS_KEY, { idleSeconds: 1, batchSize: 'many', paused: 'yes', excludedSites: ['ok.test', 42, 'not a domain'], surprise: true });
    const store = createSettingsStore(area);
    const s = await store.load();
    expect(s).toEqual({ ...defaults, idleSeconds: limits.idleSeconds.min, excludedSites: ['ok.test'] });
    await store.save({});
    const raw = (await area.get(SETTINGS_KEY))[SETTINGS_KEY] as Record<string, unknown>;
    expect(raw.version).toBe(SETTINGS_VERSION);
    expect(raw).not.toHaveProperty('surprise');
  });

  it('a hand edit that made the excluded sites one string, not a list: no exclusions (nothing invented, nothing half-read)', () => {
    expect(normalizeSettings({ excludedSites: 'bank.example' }).excludedSites).toEqual([]);
    expect(normalizeSettings({}).excludedSites).toEqual([]);
  });

  it('a "settings" key changing in another storage area (session, sync) is not taken for the settings', async () => {
    const area = new FakeStorageArea();
    const seen: Settings[] = [];
    createSettingsStore(area).onChange((s) => seen.push(s));
    area.changedIn('session', { [SETTINGS_KEY]: { newValue: { paused: true } } });
    expect(seen).toEqual([]);
    await createSettingsStore(area).save({ paused: true });
    expect(seen.map((s) => s.paused), 'the local change, once').toEqual([true]);
  });

  it('every setting in defaults is read by its kind (a new setting needs no new code)', () => {
    const flipped = Object.fromEntries(
      Object.entries(defaults).map(([k, v]) => [k, typeof v === 'boolean' ? !v : typeof v === 'number' ? limits[k as keyof typeof limits].max + 1 : ['A.test']]),
    );
    const s = normalizeSettings(flipped);
    for (const [k, v] of Object.entries(defaults)) {
      const got = s[k as keyof Settings];
      // A structured setting is read by its own function (its cases are in its own test file).
      if (Object.hasOwn(shapes, k)) expect(got, k).toEqual(shapes[k as keyof typeof shapes](flipped[k]));
      else if (typeof v === 'boolean') expect(got, k).toBe(!v);
      else if (typeof v === 'number') expect(got, k).toBe(limits[k as keyof typeof limits].max);
      else expect(got, k).toEqual(k === 'focusCategories' ? [] : ['a.test']); // a category id is no domain
    }
    expect(normalizeSettings({ focusCategories: ['work', 'work', 'Not an id!'] }).focusCategories).toEqual(['work']);
    expect(Object.keys(s).sort()).toEqual(Object.keys(defaults).sort());
  });
});
