// The block page trusts nothing in its own URL: only a stored-form site and an http(s) page.
import { describe, expect, it } from 'vitest';
import { FOCUS_RETRY_MS, blockParams, blockReason, nextStep, recheckAt, returnsToPage, returnUrl } from '../../src/core/block-page.ts';
import type { FocusView, LimitView } from '../../src/core/api.ts';

describe('the page the block page goes back to', () => {
  it('an http(s) page, as origin + path: the query and fragment are dropped', () => {
    expect(returnUrl('https://news.test/today?session=secret#top')).toBe('https://news.test/today');
    expect(returnUrl('http://192.168.0.1:8080/a/b')).toBe('http://192.168.0.1:8080/a/b');
  });

  it('nothing else: no open redirect to script, data, browser, file or extension pages', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'chrome://settings',
      'chrome-extension://abcdefghijklmnop/page.html',
      'chrome-extension://dwellextensionid/src/options/options.html',
      'file:///etc/passwd',
      'about:blank',
      'blob:https://news.test/123',
      'view-source:https://news.test/',
      '//news.test/',
      '/relative',
      'not a url',
      '',
      null,
      undefined,
    ]) expect(returnUrl(bad), String(bad)).toBeNull();
  });
});

describe("the block page's own URL", () => {
  it('site and back read; a hostile back is dropped, the site still shown', () => {
    expect(blockParams('?site=news.test&back=https%3A%2F%2Fnews.test%2Ftoday')).toEqual({ site: 'news.test', back: 'https://news.test/today' });
    expect(blockParams('?site=news.test&back=javascript%3Aalert(1)')).toEqual({ site: 'news.test', back: null });
  });

  it('no site, or one Dwell could not have stored: nothing to show', () => {
    for (const search of ['', '?back=https%3A%2F%2Fnews.test%2F', '?site=', '?site=%3Cimg%20src%3Dx%3E', '?site=News.Test']) expect(blockParams(search), search).toBeNull();
  });
});

describe('why the block page stands, and when it goes back by itself', () => {
  const MINUTE = 60_000;
  const t1400 = Date.parse('2024-03-10T14:00:00Z');
  /** news.test is a focus site of a 25-minute session started at 14:00, read at 14:10. */
  const focusing: FocusView = { phase: 'focus', cycle: 1, cycles: 1, phaseEndsAt: t1400 + 25 * MINUTE, endsAt: t1400 + 25 * MINUTE, sites: ['news.test'], categories: [], blocksSite: true };
  const usedUp: LimitView = { site: 'news.test', minutes: 30, usedMs: 30 * MINUTE, siteUsedMs: 30 * MINUTE, allowanceMs: 30 * MINUTE, blocked: true, resetAt: t1400 + 10 * 60 * MINUTE, canSnooze: true };
  const notYet: LimitView = { ...usedUp, usedMs: 10 * MINUTE, siteUsedMs: 10 * MINUTE, blocked: false };

  it('a focus period blocks the site: the page says until 14:25 and asks again at 14:25:00.5', () => {
    const reason = blockReason(focusing, null);
    expect(reason).toEqual({ kind: 'focus', until: t1400 + 25 * MINUTE, cycle: 1, cycles: 1, limit: null });
    expect(recheckAt(reason)).toBe(t1400 + 25 * MINUTE + 500);
  });

  it('a limit not used up yet is no reason: the session is, and only it is named', () => {
    expect(blockReason(focusing, notYet)).toMatchObject({ kind: 'focus', limit: null });
  });

  it('a used-up limit during the session is named beside it (the site is not back at 14:25)', () => {
    expect(blockReason(focusing, usedUp)).toMatchObject({ kind: 'focus', limit: usedUp });
  });

  it('at 14:25 the break begins: nothing blocks, so the page that showed the session goes back', () => {
    const breakTime: FocusView = { ...focusing, phase: 'break', phaseEndsAt: t1400 + 30 * MINUTE, blocksSite: false };
    const now = blockReason(breakTime, notYet);
    expect(now).toEqual({ kind: 'none', limit: notYet });
    expect(returnsToPage('focus', now)).toBe(true);
    expect(recheckAt(now)).toBeNull();
  });

  it('the session stopped from the popup (no session any more): back too', () => {
    expect(returnsToPage('focus', blockReason(null, null))).toBe(true);
  });

  it('the session ends but the daily limit is used up: the page stays, now for the limit', () => {
    const now = blockReason(null, usedUp);
    expect(now).toEqual({ kind: 'limit', limit: usedUp });
    expect(returnsToPage('focus', now)).toBe(false);
    expect(recheckAt(now)).toBeNull();
  });

  it('the worker fails to answer focusInfo while the session is shown: the page stays and asks again in 1 s (it used to go back to a site still blocked)', () => {
    expect(nextStep('focus', undefined, notYet, true, t1400)).toEqual({ step: 'retry', at: t1400 + FOCUS_RETRY_MS });
    // A first answer without focusInfo still shows the limit.
    expect(nextStep(null, undefined, usedUp, true, t1400)).toEqual({ step: 'show', reason: { kind: 'limit', limit: usedUp }, recheckAt: null });
  });

  it('the session over with nowhere to go back to (no history, no address): the page says nothing blocks any more, not "back at …"', () => {
    expect(nextStep('focus', null, null, false, t1400)).toEqual({ step: 'show', reason: { kind: 'none', limit: null }, recheckAt: null });
    expect(nextStep('focus', null, null, true, t1400)).toEqual({ step: 'back' });
    expect(nextStep(null, focusing, null, true, t1400)).toEqual({ step: 'show', reason: blockReason(focusing, null), recheckAt: focusing.phaseEndsAt + 500 });
  });

  it('a page that showed a limit, or was opened when nothing blocked, never leaves by itself', () => {
    expect(returnsToPage('limit', blockReason(null, notYet))).toBe(false);
    expect(returnsToPage('none', blockReason(null, null))).toBe(false);
    expect(returnsToPage(null, blockReason(null, null))).toBe(false);
  });

  it('a session that does not block this site (another site, or a category it is not in) is no reason', () => {
    expect(blockReason({ ...focusing, blocksSite: false }, null)).toEqual({ kind: 'none', limit: null });
    expect(blockReason({ ...focusing, blocksSite: undefined }, usedUp)).toEqual({ kind: 'limit', limit: usedUp });
  });
});
