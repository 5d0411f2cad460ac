// Scenario 2: one tab that navigates. Real page loads across three domains (each load ends the
// previous site's visit at once), and an SPA that changes pages with history.pushState (no load:
// two pages, one site visit).
import { describe, it } from 'vitest';
import { scenarioPerTest } from './harness/per-test.ts';
import { expectMatchesLedger } from './harness/verdict.ts';

describe('same-tab navigation', () => {
  const start = scenarioPerTest();

  it('moves time to each domain at each page load in one tab', async () => {
    const s = await start();
    await s.open('tab', 'news.example.test', '/front');
    await s.dwellFor(2_000);
    await s.goto('tab', 'video.site.test', '/watch');
    await s.dwellFor(2_500);
    await s.goto('tab', 'shop.other.test', '/cart');
    await s.dwellFor(1_800);
    // Back to the first domain: a second, separate site visit.
    await s.goto('tab', 'news.example.test', '/story');
    await s.dwellFor(2_200);
    await s.finish();
    await expectMatchesLedger(s, 'same-tab navigation across three domains');
  });

  // Between two sites the tab shows something Dwell must not count: a blank page, an excluded
  // site, or a new tab left empty before the user types an address. That time belongs to no site.
  it('counts nothing for an untracked page between two sites', async () => {
    const s = await start({ settings: { excludedSites: ['*.bank.test'] } });
    await s.open('tab', 'news.example.test', '/front');
    await s.dwellFor(1_500);
    await s.gotoUntracked('tab', 'about:blank');
    await s.dwellFor(2_000);
    await s.goto('tab', 'video.site.test', '/watch');
    await s.dwellFor(1_500);
    await s.gotoUntracked('tab', s.url('login.bank.test', '/account')); // excluded: never recorded
    await s.dwellFor(2_000);
    await s.goto('tab', 'shop.other.test', '/cart');
    await s.dwellFor(1_500);
    await s.openBlankTab(); // a new tab, left empty for a while...
    await s.dwellFor(2_000);
    await s.goto('blank1', 'docs.example.test', '/guide'); // ...then an address typed into it
    await s.dwellFor(1_500);
    await s.finish();
    await expectMatchesLedger(s, 'untracked pages between sites');
  });

  it('splits an SPA domain into pages at history.pushState, as one site visit', async () => {
    const s = await start();
    await s.open('app', 'mail.webapp.test', '/inbox');
    await s.dwellFor(2_500);
    await s.pushState('app', '/settings');
    await s.dwellFor(3_000);
    await s.pushState('app', '/inbox');
    await s.dwellFor(1_500);
    await s.finish();
    await expectMatchesLedger(s, 'SPA pushState within one domain');
  });
});
