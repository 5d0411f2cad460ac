// Settings in chrome.storage.local under 'settings'. Every read and write goes through
// normalizeSettings (+ toStored on write), so a page can never store an out-of-range value; the
// worker re-reads them live on storage changes.
import { SETTINGS_KEY, type Flags } from '../settings/flags.ts';
import { normalizeSettings, toStored } from '../settings/normalize.ts';

/** Stored value + a patch → what to store. Pure (unit-tested). */
export function patchSettings(stored: unknown, patch: Partial<Flags>): Flags & { version: number } {
  return toStored(normalizeSettings({ ...normalizeSettings(stored), ...patch }));
}

export async function loadSettings(): Promise<Flags> {
  const got = await chrome.storage.local.get(SETTINGS_KEY);
  return normalizeSettings(got[SETTINGS_KEY]);
}

let chain: Promise<unknown> = Promise.resolve();

/** Read-modify-write, one at a time: two quick edits (two fields, or a field and a list change)
 *  must not both start from the same old value and lose one of them. */
export function saveSettings(patch: Partial<Flags>): Promise<Flags> {
  const run = chain.then(async () => {
    const got = await chrome.storage.local.get(SETTINGS_KEY);
    const next = patchSettings(got[SETTINGS_KEY], patch);
    await chrome.storage.local.set({ [SETTINGS_KEY]: next });
    return normalizeSettings(next);
  });
  chain = run.catch(() => undefined);
  return run;
}

/** Calls back with the new settings whenever they change (from any page or the worker). */
export function onSettingsChanged(cb: (flags: Flags) => void): () => void {
  const listener = (changes: Record<string, chrome.storage.StorageChange>, area: string): void => {
    const change = changes[SETTINGS_KEY];
    if (area === 'local' && change) cb(normalizeSettings(change.newValue));
  };
  chrome.storage.onChanged.addListener(listener);
  return () => chrome.storage.onChanged.removeListener(listener);
}
