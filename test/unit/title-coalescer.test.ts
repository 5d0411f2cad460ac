// The title coalescer on its own (src/background/title-coalescer.ts), wired as the engine wires
// it: every body on its way into the log is shown to observe() first, including the ones the
// coalescer itself records. What a story asserts is the log: which title changes went in, when.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventBody } from '../../src/core/events.ts';
import { createTitleCoalescer, TITLE_WINDOW_MS, type TabEventBody } from '../../src/background/title-coalescer.ts';

const NEWS = 'https://news.test/today';
const DOCS = 'https://docs.test/guide';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A log behind a coalescer: `tell` is what the recorder does with any body (observe, then append). */
function loggedCoalescer() {
  const log: Array<{ body: EventBody; at: number }> = [];
  let now = 0;
  const append = (body: EventBody, at: number): void => {
    coalescer.observe(body);
    log.push({ body, at });
  };
  const coalescer = createTitleCoalescer(append);
  return {
    log,
    coalescer,
    /** Wall clock and the coalescer's timers move together. */
    elapse(ms: number): void {
      now += ms;
      vi.advanceTimersByTime(ms);
    },
    get now() {
      return now;
    },
    /** Something other than a title goes into the log now. */
    tell(body: EventBody): void {
      append(body, now);
    },
    /** A title-only change, offered now. */
    retitle(body: TabEventBody): void {
      coalescer.offer(body, now);
    },
    titles: () => log.filter((e) => e.body.k === 'tab').map((e) => [(e.body as TabEventBody).title, e.at]),
  };
}

const page = (tabId: number, windowId: number, title: string, over: Partial<TabEventBody> = {}): TabEventBody => ({
  k: 'tab',
  tabId,
  windowId,
  url: NEWS,
  domain: 'news.test',
  title,
  audible: false,
  lastAccessed: 5_000,
  ...over,
});

describe('title coalescer: what tells the log something new is recorded at once', () => {
  it.each([
    ['another page of the same site (a load the log missed)', { url: 'https://news.test/sport' }],
    ['the tab now audible', { audible: true }],
    ['the tab active since a later instant (a switch the log missed)', { lastAccessed: 7_000 }],
  ])('news tab retitled at 0, again 100 ms later with %s → both in the log at their own times', (_what, change) => {
    const l = loggedCoalescer();
    l.retitle(page(1, 1, 'News (1)'));
    l.elapse(100);
    l.retitle(page(1, 1, 'News (2)', change));
    expect(l.titles()).toEqual([
      ['News (1)', 0],
      ['News (2)', 100],
    ]);
  });

  it('same page, same tab: the second title waits for the window to close', () => {
    const l = loggedCoalescer();
    l.retitle(page(1, 1, 'News (1)'));
    l.elapse(100);
    l.retitle(page(1, 1, 'News (2)'));
    expect(l.titles()).toEqual([['News (1)', 0]]);
    l.elapse(TITLE_WINDOW_MS - 100);
    expect(l.titles()).toEqual([
      ['News (1)', 0],
      ['News (2)', 100],
    ]);
  });

  it('tab 2 retitled, then the log names tab 1 in that window: tab 2’s next title goes in at once', () => {
    const l = loggedCoalescer();
    l.retitle(page(2, 1, 'Two (1)'));
    l.elapse(50);
    l.tell(page(1, 1, 'One'));
    l.elapse(50);
    l.retitle(page(2, 1, 'Two (2)'));
    expect(l.titles()).toEqual([
      ['Two (1)', 0],
      ['One', 50],
      ['Two (2)', 100],
    ]);
  });

  it('tab 1 retitled, the log says tab 2 was activated in that window: tab 1’s next title goes in at once', () => {
    const l = loggedCoalescer();
    l.retitle(page(1, 1, 'One (1)'));
    l.elapse(50);
    l.tell({ k: 'activated', tabId: 2, windowId: 1 });
    l.elapse(50);
    l.retitle(page(1, 1, 'One (2)'));
    expect(l.titles()).toEqual([
      ['One (1)', 0],
      ['One (2)', 100],
    ]);
  });

  it('tab 1 retitled, the log repeats that tab 1 was activated: what the window shows is unchanged, the next title waits', () => {
    const l = loggedCoalescer();
    l.retitle(page(1, 1, 'One (1)'));
    l.elapse(50);
    l.tell({ k: 'activated', tabId: 1, windowId: 1 });
    l.elapse(50);
    l.retitle(page(1, 1, 'One (2)'));
    expect(l.titles()).toEqual([['One (1)', 0]]);
  });

  it('a background tab 5 of the window closes: tab 1 in front is unchanged, its next title waits', () => {
    const l = loggedCoalescer();
    l.retitle(page(1, 1, 'One (1)'));
    l.elapse(50);
    l.tell({ k: 'removed', tabId: 5, windowId: 1 });
    l.elapse(50);
    l.retitle(page(1, 1, 'One (2)'));
    expect(l.titles()).toEqual([['One (1)', 0]]);
  });

  it('the tab in front closes (the log says so): a title of that tab id afterwards goes in at once', () => {
    const l = loggedCoalescer();
    l.retitle(page(1, 1, 'One (1)'));
    l.elapse(50);
    l.tell({ k: 'removed', tabId: 1, windowId: 1 });
    l.elapse(50);
    l.retitle(page(1, 1, 'One (2)'));
    expect(l.titles()).toEqual([
      ['One (1)', 0],
      ['One (2)', 100],
    ]);
  });

  it('a snapshot showing tab 1 on the same page: tab 1’s next title waits', () => {
    const l = loggedCoalescer();
    l.retitle(page(1, 1, 'One (1)'));
    l.elapse(50);
    const { k: _k, ...shown } = page(1, 1, 'One (1)');
    l.tell({ k: 'snapshot', focused: 1, tabs: [{ ...shown, lastAccessed: 5_000 }] });
    l.elapse(50);
    l.retitle(page(1, 1, 'One (2)'));
    expect(l.titles()).toEqual([['One (1)', 0]]);
  });

  it('a boot in the log: nothing is known to be in front, tab 1’s next title goes in at once', () => {
    const l = loggedCoalescer();
    l.retitle(page(1, 1, 'One (1)'));
    l.elapse(50);
    l.tell({ k: 'boot' });
    l.elapse(50);
    l.retitle(page(1, 1, 'One (2)'));
    expect(l.titles()).toEqual([
      ['One (1)', 0],
      ['One (2)', 100],
    ]);
  });
});

describe('title coalescer: held titles and windows', () => {
  it('window 1 holds a title from 500 ms, window 2 one from 300 ms: released in time order, 300 before 500', () => {
    const l = loggedCoalescer();
    l.retitle(page(1, 1, 'One (1)'));
    l.elapse(10);
    l.retitle(page(2, 2, 'Two (1)'));
    l.elapse(290);
    l.retitle(page(2, 2, 'Two (2)'));
    l.elapse(200);
    l.retitle(page(1, 1, 'One (2)'));
    l.coalescer.release();
    expect(l.titles()).toEqual([
      ['One (1)', 0],
      ['Two (1)', 10],
      ['Two (2)', 300],
      ['One (2)', 500],
    ]);
  });

  it('a held title replaced by one that tells more keeps one window: a title held at 1150 waits for 2100', () => {
    const l = loggedCoalescer();
    l.retitle(page(1, 1, 'News (1)')); // opens the window 0–1000
    l.elapse(100);
    l.retitle(page(1, 1, 'News (2)')); // held
    l.elapse(100);
    l.retitle(page(1, 1, 'Docs (1)', { url: DOCS, domain: 'docs.test' })); // at once, drops the held one
    l.elapse(900); // 1100: the window closed with nothing held
    l.retitle(page(1, 1, 'Docs (2)', { url: DOCS, domain: 'docs.test' })); // at once, window 1100–2100
    l.elapse(50);
    l.retitle(page(1, 1, 'Docs (3)', { url: DOCS, domain: 'docs.test' })); // held
    l.elapse(50); // 1200: no other window of this tab may release it
    expect(l.titles()).toEqual([
      ['News (1)', 0],
      ['Docs (1)', 200],
      ['Docs (2)', 1100],
    ]);
    l.elapse(900);
    expect(l.titles().at(-1)).toEqual(['Docs (3)', 1150]);
  });
});
