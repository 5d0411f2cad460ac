// A batch of closed visits becomes one delta per stored row (src/core/merge.ts). A page's title
// is the last one known: a later visit that knew no title (the tab still loading, a page with no
// <title>) must not blank the one an earlier visit saw.
import { describe, expect, it } from 'vitest';
import type { Contribution } from '../../src/core/aggregates.ts';
import { mergeContributions, pageKeyOf } from '../../src/core/merge.ts';

const inbox = (title: string, ms: number, pageVisits: number): Contribution => ({ day: '2024-03-10', domain: 'a.test', url: 'https://a.test/inbox', title, ms, pageVisits, siteVisits: pageVisits });

describe('page deltas keep the last title known', () => {
  it('inbox 20 s titled "Inbox (3)", then 5 s while it reloads with no title: 25 s, 2 visits, still "Inbox (3)"', () => {
    const d = mergeContributions([inbox('Inbox (3)', 20_000, 1), inbox('', 5_000, 1)]);
    expect(d.pages.get(pageKeyOf('2024-03-10', 'a.test', 'https://a.test/inbox'))).toEqual({ day: '2024-03-10', domain: 'a.test', url: 'https://a.test/inbox', title: 'Inbox (3)', ms: 25_000, visits: 2 });
  });

  it('a newer title replaces the older one', () => {
    const d = mergeContributions([inbox('Inbox (3)', 20_000, 1), inbox('Inbox (4)', 5_000, 0)]);
    expect(d.pages.get(pageKeyOf('2024-03-10', 'a.test', 'https://a.test/inbox'))?.title).toBe('Inbox (4)');
  });
});
