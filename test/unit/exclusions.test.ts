// Excluded-site rules: what the options page accepts (normalizeExclusion) and what they match.
import { describe, expect, it } from 'vitest';
import { isExcluded, normalizeExclusion } from '../../src/core/domains.ts';
import { addExclusions, removeExclusion, splitEntries } from '../../src/ui/options-model.ts';
import { Machine } from '../fixtures/machine.ts';

describe('normalizeExclusion', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  Example.COM  ', 'example.com'],
    ['*.example.com', '*.example.com'],
    ['*.Example.com.', '*.example.com'],
    ['https://www.example.com/path?q=1', 'www.example.com'],
    ['example.com/some/page', 'example.com'],
    ['localhost', 'localhost'],
    ['192.168.1.10', '192.168.1.10'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
  ])('%j → %j', (input, rule) => {
    expect(normalizeExclusion(input)).toBe(rule);
  });

  it('refuses an entry that holds a URL but is none: which host was meant, example.com or bank.test?', () => {
    expect(normalizeExclusion('example.com/https://bank.test')).toBeNull();
    expect(normalizeExclusion('https://bank.test/?from=example.com')).toBe('bank.test');
  });

  it('takes an IPv6 address in brackets, and only the whole of one', () => {
    expect(normalizeExclusion('[::1]')).toBe('[::1]');
    expect(normalizeExclusion('x[::1]')).toBeNull();
    expect(normalizeExclusion('[::1]x')).toBeNull();
  });

  it.each(['', '   ', 'not a domain', 'exa_mple.com', '*.', '*', 'http://', 'a..b', '.com', 'foo@bar.com', '<script>'])('rejects %j', (input) => {
    expect(normalizeExclusion(input)).toBeNull();
  });
});

describe('isExcluded', () => {
  const rules = ['example.com', '*.corp.net'];
  it.each([
    ['example.com', true],
    ['www.example.com', true],
    ['EXAMPLE.com.', true],
    ['mail.example.com', false], // an exact rule is the domain and its www. form only
    ['notexample.com', false],
    ['corp.net', true],
    ['a.b.corp.net', true],
    ['evilcorp.net', false],
    ['corp.net.evil.org', false],
  ])('%s → %s', (host, excluded) => {
    expect(isExcluded(host, rules)).toBe(excluded);
  });

  it('excludes nothing with no rules', () => {
    expect(isExcluded('example.com', [])).toBe(false);
  });
});

describe('adding and removing exclusions in the options page', () => {
  it('splits on commas, spaces, semicolons and new lines', () => {
    expect(splitEntries(' a.com, b.org;c.net\n*.d.io  ')).toEqual(['a.com', 'b.org', 'c.net', '*.d.io']);
  });

  it('normalizes valid entries, reports invalid ones and duplicates, never stores the invalid', () => {
    const edit = addExclusions(['example.com'], 'WWW.Foo.com, bad_entry, example.com, *.bar.org, *.bar.org');
    expect(edit.added).toEqual(['www.foo.com', '*.bar.org']);
    expect(edit.invalid).toEqual(['bad_entry']);
    expect(edit.duplicates).toEqual(['example.com', '*.bar.org']);
    expect(edit.next).toEqual(['example.com', 'www.foo.com', '*.bar.org']);
  });

  it('leaves the list untouched when nothing is valid', () => {
    const current = ['a.com'];
    const edit = addExclusions(current, 'bad_one nope!');
    expect(edit.next).toEqual(['a.com']);
    expect(edit.invalid).toEqual(['bad_one', 'nope!']);
    expect(current).toEqual(['a.com']);
  });

  it('"not a domain" typed in the box is three words, not three sites: all refused, nothing added', () => {
    const edit = addExclusions([], 'not a domain');
    expect(edit.invalid).toEqual(['not', 'a', 'domain']);
    expect(edit.next).toEqual([]);
  });

  it('a one-label name is taken as localhost or as a wildcard; bücher.de and an IP as typed', () => {
    const edit = addExclusions([], 'intranet *.intranet localhost bücher.de 10.0.0.1 [::1]');
    expect(edit.invalid).toEqual(['intranet']);
    expect(edit.added).toEqual(['*.intranet', 'localhost', 'xn--bcher-kva.de', '10.0.0.1', '[::1]']);
  });

  it('removes one rule', () => {
    expect(removeExclusion(['a.com', '*.b.com'], '*.b.com')).toEqual(['a.com']);
  });
});

describe('a site excluded while it is in front', () => {
  it('news.test 20 s, then excluded from the popup, 20 s more: 20 s, not 40 s', async () => {
    const m = new Machine();
    await m.wakeWorker();
    const win = m.browser.openWindow();
    m.browser.openTab(win, 'https://news.test/today', 'News');
    await m.pass(20_000);
    await m.world.settings.update({ excludedSites: ['*.news.test'] });
    m.engine.settingsChanged(); // storage.onChanged reaches the worker
    await m.engine.flush();
    await m.pass(20_000);
    const sites = Object.fromEntries((await m.totals()).sites.map((s) => [s.domain, s.ms]));
    expect(sites).toEqual({ 'news.test': 20_000 });
  });

  it('and a rule removed counts the site again from then on', async () => {
    const m = new Machine({ flags: { excludedSites: ['news.test'] } });
    await m.wakeWorker();
    const win = m.browser.openWindow();
    m.browser.openTab(win, 'https://news.test/today', 'News');
    await m.pass(20_000);
    await m.world.settings.update({ excludedSites: [] });
    m.engine.settingsChanged(); // storage.onChanged reaches the worker
    await m.engine.flush();
    await m.pass(15_000);
    const sites = Object.fromEntries((await m.totals()).sites.map((s) => [s.domain, s.ms]));
    expect(sites).toEqual({ 'news.test': 15_000 });
  });
});
