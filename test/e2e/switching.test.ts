// Scenario 1: two sites in two tabs, switched back and forth several times. Every switch is a real
// tab activation; each site must get exactly the time it was in front, one visit per stretch.
import { describe, it } from 'vitest';
import { scenarioPerTest } from './harness/per-test.ts';
import { expectMatchesLedger } from './harness/verdict.ts';

describe('tab switching', () => {
  const start = scenarioPerTest();

  it('splits time between two sites switched back and forth', async () => {
    const s = await start();
    await s.open('news', 'news.example.test', '/today');
    await s.dwellFor(1_200);
    await s.open('video', 'video.site.test', '/watch');
    await s.dwellFor(1_500);
    const script: Array<[tab: string, ms: number]> = [
      ['news', 2_000], ['video', 1_200], ['news', 2_500], ['video', 1_500], ['news', 800], ['video', 2_000], ['news', 1_200],
    ];
    for (const [tab, ms] of script) {
      await s.switchTo(tab);
      await s.dwellFor(ms);
    }
    await s.finish();
    await expectMatchesLedger(s, 'two sites switched back and forth');
  });
});
