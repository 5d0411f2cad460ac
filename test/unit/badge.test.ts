// The toolbar badge (background/badge.ts): today's time on the site in front or today's total, as
// the live read model counts it (what the popup shows), or the paused sign; refreshed at the
// waking events index.ts wires, never by a timer. The icon is a behaving fake: it keeps what it
// was last told and every call, as chrome.action would.
import { describe, expect, it } from 'vitest';
import type { BadgePort, BadgeView } from '../../src/background/badge.ts';
import { badgeText, normalizeBadgeMode } from '../../src/core/badge-text.ts';
import type { Settings } from '../../src/settings/defaults.ts';
import { Machine } from '../fixtures/machine.ts';

class FakeToolbarIcon implements BadgePort {
  text = '';
  paused = false;
  readonly calls: BadgeView[] = [];
  async show(view: BadgeView): Promise<void> {
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
    expect(icon.text).toBe('');
    m.browser.openTab(win, 'chrome://settings/', 'Settings');
    await refresh();
    expect(icon.text).toBe('');
    m.browser.openTab(win, 'https://a.test/other', 'A2');
    await refresh();
    expect(icon.text).toBe('2m');
    m.browser.blur();
    await refresh();
    expect(icon.text).toBe('');
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
