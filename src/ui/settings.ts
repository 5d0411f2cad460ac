// The pages' settings store: the shared settings module over chrome.storage.local, one per page.
import { createSettingsStore } from '../settings/store.ts';

export const settingsStore = createSettingsStore();
