// The toolbar icon says when tracking is paused: a badge, and the tooltip in words. Set from the
// settings (at start and on every change), so it is right in every window and after a restart.
import type { Settings } from '../settings/defaults.ts';

export const PAUSED_BADGE = '❚❚';

export async function showPausedBadge(flags: Pick<Settings, 'paused'>): Promise<void> {
  await Promise.all([
    chrome.action.setBadgeText({ text: flags.paused ? PAUSED_BADGE : '' }),
    chrome.action.setBadgeBackgroundColor({ color: '#6b7280' }),
    chrome.action.setTitle({ title: chrome.i18n.getMessage(flags.paused ? 'actionTitlePaused' : 'extName') }),
  ]);
}
