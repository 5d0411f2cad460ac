// The scheduled moment is exactly when stored + live time reaches the limit: for random histories
// (switches among three sites, loads, blur and focus, idle, worker stops, aggregation runs, time
// zones with DST days, starts close to midnight) driven through the real engine and the worker's
// limits module on the behaving fakes, the person then stays on the limited site; the block page
// must come at an instant where the site's time today (the popup's read model) equals the
// allowance to the millisecond — never earlier, never a heartbeat later. DWELL_PROPERTY_RUNS
// runs longer hunts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LimitRig } from '../fixtures/limit-rig.ts';

const RUNS = Number(process.env.DWELL_PROPERTY_RUNS ?? 60);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const SITES = ['https://news.test/a', 'https://other.test/', 'https://www.third.test/x'];

// Europe/Berlin's 2024 spring-forward day; a fixed +05:30; UTC.
const berlin = (t: number) => (t >= Date.parse('2024-03-31T01:00:00Z') && t < Date.parse('2024-10-27T01:00:00Z') ? 120 : 60);
const zones = [() => 0, () => 330, berlin];

type Step =
  | { k: 'open'; site: number }
  | { k: 'switch'; tab: number }
  | { k: 'nav'; site: number }
  | { k: 'pass'; ms: number }
  | { k: 'blur' }
  | { k: 'focus' }
  | { k: 'idle' }
  | { k: 'active' }
  | { k: 'restart' }
  | { k: 'aggregate' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant('open' as const), site: fc.nat(2) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('switch' as const), tab: fc.nat(5) }), weight: 3 },
  { arbitrary: fc.record({ k: fc.constant('nav' as const), site: fc.nat(2) }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('pass' as const), ms: fc.integer({ min: 1, max: 4 * MINUTE }) }), weight: 5 },
  { arbitrary: fc.constant({ k: 'blur' as const }), weight: 1 },
  { arbitrary: fc.constant({ k: 'focus' as const }), weight: 1 },
  { arbitrary: fc.constant({ k: 'idle' as const }), weight: 1 },
  { arbitrary: fc.constant({ k: 'active' as const }), weight: 1 },
  { arbitrary: fc.constant({ k: 'restart' as const }), weight: 1 },
  { arbitrary: fc.constant({ k: 'aggregate' as const }), weight: 1 },
);

const scenario = fc.record({
  zone: fc.nat(zones.length - 1),
  // Minutes before a local midnight (Berlin's spring-forward night for the Berlin zone).
  startBeforeMidnight: fc.integer({ min: 1, max: 180 }),
  minutes: fc.integer({ min: 1, max: 20 }),
  steps: fc.array(step, { maxLength: 25 }),
});

async function play(s: { zone: number; startBeforeMidnight: number; minutes: number; steps: Step[] }): Promise<void> {
  const tz = zones[s.zone]!;
  const midnight = Date.parse('2024-03-31T00:00:00Z') - tz(Date.parse('2024-03-30T12:00:00Z')) * MINUTE;
  const r = new LimitRig({ start: midnight - s.startBeforeMidnight * MINUTE, tz, flags: { siteLimits: [{ site: 'news.test', minutes: s.minutes }] } });
  await r.wake();
  const win = r.browser.openWindow();
  const tabs = [r.browser.openTab(win, SITES[1]!, 'Other')];
  await r.event();
  const live = () => tabs.filter((id) => r.browser.tabIdsOf(win).includes(id));
  for (const st of s.steps) {
    if (st.k === 'open') tabs.push(r.browser.openTab(win, SITES[st.site]!, `T${st.site}`));
    else if (st.k === 'switch') r.browser.activate(live()[st.tab % live().length]!);
    else if (st.k === 'nav') r.browser.navigate(r.browser.activeTabIdOf(win)!, SITES[st.site]!);
    else if (st.k === 'pass') await r.pass(st.ms);
    else if (st.k === 'blur') r.browser.blur();
    else if (st.k === 'focus') r.browser.focusWindow(win);
    else if (st.k === 'idle') r.browser.setIdle('idle');
    else if (st.k === 'active') r.browser.setIdle('active');
    else if (st.k === 'restart') {
      await r.stop();
      await r.wake();
    } else await r.m.aggregate();
    if (st.k !== 'pass' && st.k !== 'restart' && st.k !== 'aggregate') await r.event();
  }
  // The person goes to the limited site and stays.
  const before = r.blocks.length;
  r.browser.focusWindow(win);
  r.browser.setIdle('active');
  r.browser.navigate(r.browser.activeTabIdOf(win)!, SITES[0]!);
  await r.event();
  const stayedFrom = r.clock.now();
  const allowance = s.minutes * MINUTE;
  // At most the allowance plus a day change: the block must have come by then.
  // The allowance, or what is left of the day and a whole allowance of the next.
  for (let i = 0; i < 400 && r.blocks.length === before; i++) await r.pass(7 * SECOND);
  expect(r.blocks.length, 'blocked at all').toBeGreaterThan(before);
  const { at, usedMs } = r.blocks[before]!;
  // The moment is exact: the time counted today is the allowance, to the ms — unless the site was
  // already used up when the person came back, in which case the block came at once.
  if (at === stayedFrom) expect(usedMs).toBeGreaterThanOrEqual(allowance);
  else expect(usedMs, `blocked ${at - stayedFrom} ms after coming back`).toBe(allowance);
}

describe('the limit is reached at the scheduled moment', () => {
  it('for random histories through the real engine', async () => {
    await fc.assert(fc.asyncProperty(scenario, (s) => play(s)), { numRuns: RUNS });
  });
});
