// §6 "a load after a lost page" in a window that is not the focused one: the loaded page belongs
// to the load's own window. The capture-driven property generator found these (the fold gave the
// loaded page to the focused window, or threw with no window focused); shrunk by hand to stories,
// with expected values worked by hand from docs/COUNTING.md §6.
import { describe, expect, it } from 'vitest';
import { playLog } from '../fixtures/browsing.ts';
import { referenceTotals } from '../fixtures/reference-model.ts';
import { SECOND, story } from '../fixtures/story.ts';

const A = 'https://a.test/x';
const B = 'https://www.b.test/';
const B2 = 'https://www.b.test/two';
const C = 'https://news.c.co.uk/p';

const sites = (o: Awaited<ReturnType<typeof playLog>>) => Object.fromEntries(o.query.sites.map((s) => [s.domain, [s.ms, s.visits]]));
const page = (o: Awaited<ReturnType<typeof playLog>>, url: string) => o.query.sites.flatMap((s) => s.pages ?? []).find((p) => p.url === url)?.ms ?? 0;

describe('a load after a lost page in a window without focus', () => {
  it('with the browser unfocused: the load is shown when the window gets the focus back', async () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(10 * SECOND).switchTo(2, 1, B) // tab 2 seen on B
      .after(10 * SECOND).switchTo(1, 1, A)
      .after(10 * SECOND).activated(2, 1) // 10:00:30: back to tab 2; its page dies with the worker
      .after(3 * SECOND).blur() // 10:00:33: another application
      .after(3 * SECOND).tab(2, 1, B2, { nav: true }) // 10:00:36: tab 2 loads B2 meanwhile
      .after(4 * SECOND).focus(1) // 10:00:40: back: B2 in front
      .after(5 * SECOND).beat().events;
    // a.test 10 + 10 s in 2 site visits; b.test B 10 s + B2 5 s in 2 site visits.
    expect(Object.fromEntries([...referenceTotals(log).days].map(([k, v]) => [k.split('|')[1], [v.ms, v.visits]]))).toEqual({ 'a.test': [20_000, 2], 'b.test': [15_000, 2] });
    const o = await playLog(log, 1000);
    expect(sites(o)).toEqual({ 'a.test': [20_000, 2], 'b.test': [15_000, 2] });
  });

  it('with another window focused: the loaded page is not counted in the focused window', async () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(10 * SECOND).focus(2).tab(5, 2, B) // 10:00:10 window 2, tab 5 on B
      .after(10 * SECOND).switchTo(6, 2, C) // 10:00:20
      .after(10 * SECOND).activated(5, 2) // 10:00:30 back to tab 5; its page is lost
      .after(3 * SECOND).focus(1) // 10:00:33 window 1 (A) again
      .after(3 * SECOND).tab(5, 2, B2, { nav: true }) // 10:00:36 tab 5 loads B2 in the background
      .after(4 * SECOND).focus(2) // 10:00:40 window 2: B2 in front
      .after(5 * SECOND).beat().events;
    const o = await playLog(log, 1000);
    // A: 10 s + 7 s (10:00:33–40); B 10 s; C 10 s; B2 5 s (10:00:40–45).
    expect.soft(page(o, A)).toBe(17_000);
    expect.soft(page(o, B2)).toBe(5_000);
    expect.soft(page(o, B)).toBe(10_000);
  });

  it('with the focus unknown (focused window closed): the loaded page replaces the stale one', async () => {
    const log = story()
      .at('10:00:00').focus(1).tab(1, 1, A)
      .after(10 * SECOND).focus(2).tab(5, 2, B) // 10:00:10
      .after(10 * SECOND).switchTo(6, 2, C) // 10:00:20
      .after(10 * SECOND).activated(5, 2) // 10:00:30 tab 5's page lost
      .after(3 * SECOND).focus(1) // 10:00:33
      .after(2 * SECOND).windowRemoved(1) // 10:00:35 focus unknown
      .after(1 * SECOND).tab(5, 2, B2, { nav: true }) // 10:00:36
      .after(4 * SECOND).focus(2) // 10:00:40
      .after(5 * SECOND).beat().events;
    const o = await playLog(log, 1000);
    expect.soft(page(o, B2)).toBe(5_000);
    expect.soft(page(o, B)).toBe(10_000);
  });
});
