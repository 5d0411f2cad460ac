// The toolbar button while tracking is paused (background/badge.ts): the badge, its colour and
// the tooltip in words, and all of it back to plain Dwell on resume.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeChrome } from '../fixtures/fake-chrome.ts';
import { showPausedBadge } from '../../src/background/badge.ts';

let browser: FakeChrome;
beforeEach(() => {
  browser = new FakeChrome();
  vi.stubGlobal('chrome', browser);
});
afterEach(() => vi.unstubAllGlobals());

describe('the toolbar button', () => {
  it('paused: "❚❚" on grey, tooltip "Dwell — tracking is paused"; resumed: no badge, tooltip "Dwell"', async () => {
    await showPausedBadge({ paused: true });
    expect(browser.button).toEqual({ text: '❚❚', color: '#6b7280', title: 'Dwell — tracking is paused' });
    await showPausedBadge({ paused: false });
    expect(browser.button).toEqual({ text: '', color: '#6b7280', title: 'Dwell' });
  });
});
