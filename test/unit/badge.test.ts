// The toolbar badge (background/badge.ts): today's time on the site in front or today's total, as
// the live read model counts it (what the popup shows), or the paused sign; refreshed at the
// waking events index.ts wires, never by a timer. The icon is a behaving fake: it keeps what it
// was last told and every call, as chrome.action would.
import { describe, expect, it, vi } from 'vitest';
import type { BadgePort, BadgeView } from '../../src/background/badge.ts';
import { badgeText, normalizeBadgeMode } from '../../src/core/badge-text.ts';
import type { Settings } from '../../src/settings/defaults.ts';
import { NO_WINDOW } from '../fixtures/fake-browser.ts';
import { Machine, sec } from '../fixtures/machine.ts';

class FakeToolbarIcon implements BadgePort {
  text = '';
  paused = false;
  /** While set, show() rejects as chrome.action does while the extension context goes away. */
  failing = false;
  readonly calls: BadgeView[] = [];
  async show(view: BadgeView): Promise<void> {
    if (this.failing) throw new Error('the toolbar icon is gone');
    this.calls.push(view);
    this.text = view.text;
    this.paused = view.paused;
  }
}

const MIN = 60_000;

/** A machine whose worker has a toolbar icon; `after(fn)` is a browser signal followed by the
 *  refresh index.ts runs after every waking event. */
async function withBadge(flags: Partial<Settings>) {
  const icon = new FakeToolbarIcon();
  const m = new Machine({ flags: { heartbeatSeconds: 30, ...flags }, ports: { badgePort: icon } });
  await m.wakeWorker();
  const refresh = async () => {
    await m.engine.flush();
    await m.engine.badge!.refresh();
  };
  const win = m.browser.openWindow();
  return { m, icon, win, refresh };
}

describe('the badge text fits four characters and never rounds up', () => {
  it.each([
    [0, '<1m'],
    [59_999, '<1m'],
    [60_000, '1m'],
    [59 * MIN + 59_999, '59m'],
    [60 * MIN, '1h00'],
    [65 * MIN + 59_999, '1h05'],
    [9 * 60 * MIN + 59 * MIN, '9h59'],
    [10 * 60 * MIN, '10h'],
    [24 * 60 * MIN, '24h'],
    [Number.NaN, '<1m'],
  ])('%d ms → %s', (ms, text) => {
    expect(badgeText(ms)).toBe(text);
  });

  it('a stored mode that is not one of off / site / total reads as off', () => {
    expect([normalizeBadgeMode('site'), normalizeBadgeMode('total'), normalizeBadgeMode('minutes'), normalizeBadgeMode(3)]).toEqual(['site', 'total', 'off', 'off']);
  });
});

describe('the toolbar badge', () => {
  it('off (the default): says nothing, and reads nothing', async () => {
    const { m, icon, win, refresh } = await withBadge({});
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(5 * MIN);
    await refresh();
    expect([icon.text, icon.paused]).toEqual(['', false]);
  });

  it('site: a.test 3 min 30 s, switch to b.test 40 s, back to a.test → <1m on b, then 3m on a (stored and live time alike)', async () => {
    const { m, icon, win, refresh } = await withBadge({ badge: 'site' });
    const a = m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(3.5 * MIN);
    await m.aggregate(); // part of a.test's time is stored, the rest still pending
    m.browser.openTab(win, 'https://www.b.test/x', 'B');
    await refresh();
    expect(icon.text).toBe('<1m');
    await m.pass(40_000);
    m.browser.activate(a);
    await refresh();
    expect(icon.text).toBe('3m');
    await m.pass(2 * MIN); // 5 min 30 s on a.test: the heartbeat's refresh shows it
    await refresh();
    expect(icon.text).toBe('5m');
  });

  it('total: a.test 3 min and b.test 2 min 10 s → 5m, whichever is in front', async () => {
    const { m, icon, win, refresh } = await withBadge({ badge: 'total' });
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(3 * MIN);
    m.browser.openTab(win, 'https://www.b.test/', 'B');
    await m.pass(2 * MIN + 10_000);
    await refresh();
    expect(icon.text).toBe('5m');
  });

  it('site: an untracked page (an excluded site, a browser page) or no focused window in front shows nothing', async () => {
    const { m, icon, win, refresh } = await withBadge({ badge: 'site', excludedSites: ['secret.test'] });
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(2 * MIN);
    await refresh();
    expect(icon.text).toBe('2m');
    m.browser.openTab(win, 'https://secret.test/', 'S');
    await refresh();
    expect([icon.text, icon.paused]).toEqual(['', false]); // nothing to say is not the paused sign
    m.browser.openTab(win, 'chrome://settings/', 'Settings');
    await refresh();
    expect([icon.text, icon.paused]).toEqual(['', false]);
    m.browser.openTab(win, 'https://a.test/other', 'A2');
    await refresh();
    expect(icon.text).toBe('2m');
    m.browser.blur(); // no focus (-1): asked for window -1, Chrome would answer another window's active tab
    await refresh();
    expect([icon.text, icon.paused]).toEqual(['', false]);
  });

  it('site: a window whose id is 0 is a window like any other (only -1 means no focus): a.test 2 min in it → 2m', async () => {
    const { m, icon, refresh } = await withBadge({ badge: 'site' });
    m.browser.load({ focused: NO_WINDOW, idle: 'active', windows: [{ id: 0, activeTab: { id: 50, url: 'https://a.test/', title: 'A', audible: false, lastAccessed: m.clock.now() } }] });
    m.browser.focusWindow(0);
    await m.pass(2 * MIN);
    await refresh();
    expect(icon.text).toBe('2m');
  });

  it('between heartbeats the badge counts to now, as the popup does: a.test 50 s, a refresh 15 s later (65 s) → 1m', async () => {
    const { m, icon, win, refresh } = await withBadge({ badge: 'site' });
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(50_000); // the last heartbeat was at 30 s
    m.clock.advance(15_000); // a refresh with no new event (another alarm, a settings change)
    await refresh();
    expect(icon.text).toBe('1m');
    expect(sec(await m.totals(), 'a.test')).toBe(65);
  });

  it('the icon refuses an update (chrome.action fails): "badge" in the error log, and the next refresh sets it', async () => {
    const { m, icon, win, refresh } = await withBadge({ badge: 'site' });
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(2 * MIN);
    icon.failing = true;
    await refresh();
    await vi.waitFor(async () => expect((await m.ok({ type: 'diagnostics' })).errors.map((e) => [e.where, e.message])).toEqual([['badge', 'Error: the toolbar icon is gone']]));
    expect(icon.text).toBe('');
    icon.failing = false;
    await refresh();
    expect(icon.text).toBe('2m');
  });

  it('paused: the paused sign in every mode, and the time again once resumed', async () => {
    const { m, icon, win, refresh } = await withBadge({ badge: 'site' });
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(2 * MIN);
    await m.ok({ type: 'setPaused', paused: true });
    await refresh();
    expect([icon.text, icon.paused]).toEqual(['❚❚', true]);
    await m.pass(3 * MIN); // paused time counts to no one
    await m.ok({ type: 'setPaused', paused: false });
    await refresh();
    expect([icon.text, icon.paused]).toEqual(['2m', false]);
  });

  it('an unchanged badge is not set again: a burst of refreshes is one call into the browser', async () => {
    const { m, icon, win, refresh } = await withBadge({ badge: 'site' });
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(90_000);
    await Promise.all([refresh(), refresh(), refresh()]);
    await refresh();
    expect(icon.calls).toEqual([{ text: '1m', paused: false }]);
  });
});
