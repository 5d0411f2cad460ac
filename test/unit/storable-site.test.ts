// Issue 12: ONE rule for a site name (isStorableDomain). Whatever capture stores, an export of it
// imports back and "Delete one site" names it; a host with no storable name is left untracked
// (its time is not counted, its switch still ends the visit before it).
import { describe, expect, it } from 'vitest';
import { Machine } from '../fixtures/machine.ts';
import { validateExport } from '../../src/core/export-format.ts';
import { parseSiteToDelete } from '../../src/ui/options-model.ts';
import type { Command, ExportFile } from '../../src/core/api.ts';

const MINUTE = 60_000;

const ok = <C extends Command>(m: Machine, cmd: C) => m.ok(cmd);
const exported = (m: Machine): Promise<ExportFile> => m.exported();
const sitesIn = (file: ExportFile): Record<string, number> => Object.fromEntries(file.days.flatMap((d) => d.sites.map((s) => [s.domain, s.ms])));

/** A minute on `url`, then a minute on a.test: what did the store keep? */
async function aMinuteOn(url: string): Promise<{ m: Machine; file: ExportFile }> {
  const m = new Machine();
  await m.wakeWorker();
  const win = m.browser.openWindow();
  m.browser.openTab(win, 'https://before.test/', 'Before');
  await m.pass(MINUTE);
  m.browser.openTab(win, url, 'The page');
  await m.pass(MINUTE);
  m.browser.openTab(win, 'https://after.test/', 'After');
  await m.pass(MINUTE);
  m.browser.openTab(win, 'https://end.test/', 'End');
  await m.aggregate();
  return { m, file: await exported(m) };
}

describe('a host with no storable site name is not counted, and ends the visit before it', () => {
  it.each([
    ['an underscore host', 'http://my_host/x'],
    ['an underscore host under a private name', 'http://build_box.local/'],
    ['a host with a "*"', 'http://a*b.com/'],
    ['a label of 64 characters', `http://${'a'.repeat(64)}.test/`],
    ['an empty label', 'http://a..test/'],
  ])('%s: %s', async (_what, url) => {
    const { file } = await aMinuteOn(url);
    expect(sitesIn(file)).toEqual({ 'before.test': MINUTE, 'after.test': MINUTE });
    expect(validateExport(file)).toMatchObject({ ok: true });
  });
});

describe('every site capture stores exports, imports back and is deleted by name', () => {
  it.each([
    ['an underscore label under a registrable domain', 'https://my_host.example.com/x', 'example.com'],
    ['a trailing dot', 'https://example.com./', 'example.com'],
    ['Unicode (stored as punycode)', 'https://bücher.de/', 'xn--bcher-kva.de'],
    ['IPv4', 'http://127.0.0.1:8080/', '127.0.0.1'],
    ['IPv6 loopback', 'http://[::1]:8080/', '::1'],
    ['IPv6 in capitals', 'https://[2001:DB8::1]/', '2001:db8::1'],
    ['IPv4-mapped IPv6', 'http://[::ffff:1.2.3.4]/', '::ffff:102:304'],
  ])('%s: %s → %s', async (_what, url, site) => {
    const { m, file } = await aMinuteOn(url);
    expect(sitesIn(file)).toEqual({ 'before.test': MINUTE, [site]: MINUTE, 'after.test': MINUTE });
    expect(validateExport(file)).toMatchObject({ ok: true });

    const other = new Machine();
    await other.wakeWorker();
    await ok(other, { type: 'import', data: file, mode: 'replace' });
    expect((await exported(other)).days).toEqual(file.days);

    const typed = parseSiteToDelete(site);
    expect(typed).toEqual({ ok: true, value: site });
    await ok(m, { type: 'deleteHistory', scope: { site } });
    expect(sitesIn(await exported(m))).toEqual({ 'before.test': MINUTE, 'after.test': MINUTE });
  });
});
