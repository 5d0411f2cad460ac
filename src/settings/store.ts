// The one settings module for every context (the worker, the popup, the options page), after
// refined-github's options-storage.ts: load, a serialised read-modify-write save, and a change
// listener, over chrome.storage.local (or a fake of it in tests). Every value read or written
// goes through normalizeSettings, so no context can store or see an out-of-range value.
import { SETTINGS_KEY, type Settings } from './defaults.ts';
import { normalizeSettings, toStored } from './normalize.ts';

/** The part of chrome.storage.local (and its onChanged event) the store uses. */
export interface SettingsArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  onChanged: {
    addListener(cb: (changes: Record<string, { newValue?: unknown }>, areaName: string) => void): void;
    removeListener(cb: (changes: Record<string, { newValue?: unknown }>, areaName: string) => void): void;
  };
}

export interface SettingsStore {
  load(): Promise<Settings>;
  /** Stored value + patch, written back; saves run one at a time, so two quick edits (from one
   *  page, or a page and the worker's pause) never both start from the same old value. */
  save(patch: Partial<Settings>): Promise<Settings>;
  /** Calls back with the new settings whenever any context saves; returns the unsubscribe. */
  onChange(cb: (settings: Settings) => void): () => void;
}

/** Stored value + a patch → what to store. Pure. */
export function patchSettings(stored: unknown, patch: Partial<Settings>): Settings & { version: number } {
  return toStored(normalizeSettings({ ...normalizeSettings(stored), ...patch }));
}

function chromeArea(): SettingsArea {
  return {
    get: (key) => chrome.storage.local.get(key),
    set: (items) => chrome.storage.local.set(items),
    onChanged: chrome.storage.onChanged,
  };
}

export function createSettingsStore(area: SettingsArea = chromeArea()): SettingsStore {
  let chain: Promise<unknown> = Promise.resolve();
  return {
    async load() {
      return normalizeSettings((await area.get(SETTINGS_KEY))[SETTINGS_KEY]);
    },
    save(patch) {
      const run = chain.then(async () => {
        const next = patchSettings((await area.get(SETTINGS_KEY))[SETTINGS_KEY], patch);
        await area.set({ [SETTINGS_KEY]: next });
        return normalizeSettings(next);
      });
      chain = run.catch(() => undefined);
      return run;
    },
    onChange(cb) {
      const listener = (changes: Record<string, { newValue?: unknown }>, areaName: string): void => {
        const change = changes[SETTINGS_KEY];
        if (areaName === 'local' && change) cb(normalizeSettings(change.newValue));
      };
      area.onChanged.addListener(listener);
      return () => area.onChanged.removeListener(listener);
    },
  };
}
