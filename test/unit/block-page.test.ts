// The block page trusts nothing in its own URL: only a stored-form site and an http(s) page.
import { describe, expect, it } from 'vitest';
import { blockParams, returnUrl } from '../../src/core/block-page.ts';

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
