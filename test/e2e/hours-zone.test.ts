// Hourly slots in real Chromium (docs/COUNTING.md §17), in a zone whose hours begin at :15 UTC
// (Asia/Kathmandu, UTC+05:45) and across a local hour boundary. A boundary is up to an hour
// away, so the browser runs under libfaketime (Debian's `faketime` package, which .ci/run
// installs) with its clock set a fixed offset ahead: every process of it sees the real clock +
// the offset, which puts the next local hour 15 s after launch. The ledger keeps the real clock,
// so its boundary is the browser's boundary − the offset; durations are the same on both.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioPerTest } from './harness/per-test.ts';
import { expectMatchesLedger } from './harness/verdict.ts';

const FAKETIME_LIB = process.env.FAKETIME_LIB ?? '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
const HOUR = 3_600_000;
const KATHMANDU_MS = (5 * 60 + 45) * 60_000;
/** How long after launch the browser's clock reaches the boundary: set-up and the page's load fit in it. */
const LEAD_MS = 15_000;

/** The first Kathmandu hour boundary at least an hour after `t` (UTC ms), and its local hour. */
function boundaryAfter(t: number): { at: number; hour: number } {
  const at = Math.ceil((t + HOUR + KATHMANDU_MS) / HOUR) * HOUR - KATHMANDU_MS;
  return { at, hour: new Date(at + KATHMANDU_MS).getUTCHours() };
}

describe('hourly slots in a :45 zone', () => {
  const start = scenarioPerTest();

  it('a page read from about 14 s before a local hour to 5 s after it: both hours hold their seconds, within 1 s of the ledger', async () => {
    expect(existsSync(FAKETIME_LIB), `libfaketime at ${FAKETIME_LIB} (apt-get install faketime)`).toBe(true);
    const boundary = boundaryAfter(Date.now());
    const offsetS = Math.round((boundary.at - LEAD_MS - Date.now()) / 1000);
    const s = await start({ env: { TZ: 'Asia/Kathmandu', LD_PRELOAD: FAKETIME_LIB, FAKETIME: `+${offsetS}s` } });
    const real = boundary.at - offsetS * 1000; // the boundary on the ledger's clock
    const zone = await s.browser.worker.evaluate(() => ({ offset: new Date().getTimezoneOffset(), now: Date.now() }), undefined, 'the worker clock');
    expect(zone.offset, 'the worker runs in Kathmandu time').toBe(-345);
    expect(Math.abs(zone.now - Date.now() - offsetS * 1000), 'the worker clock runs the offset ahead').toBeLessThan(1_000);

    await s.open('read', 'news.example.test', '/long');
    const openedAt = s.ledger.now();
    expect(real - openedAt, 'the page opened before the boundary').toBeGreaterThan(3_000);
    await s.dwellFor(Math.max(0, real + 5_000 - Date.now()));
    await s.finish();

    const before = s.ledger.msBetween('example.test', 0, real);
    const after = s.ledger.msBetween('example.test', real, Number.MAX_SAFE_INTEGER);
    const site = (await s.dwell.query(true)).sites.find((x) => x.domain === 'example.test');
    const hours = site?.hours ?? [];
    const last = (boundary.hour + 23) % 24;
    console.log(
      `[e2e] Kathmandu ${String(last).padStart(2, '0')}:59 → ${String(boundary.hour).padStart(2, '0')}:00 (browser clock +${offsetS} s): ` +
        `ledger ${before} + ${after} ms, slots ${hours[last]} + ${hours[boundary.hour]} ms`,
    );
    expect(hours, 'the site has its 24 slots').toHaveLength(24);
    expect(Math.abs(hours[last]! - before), `hour ${last}: ${hours[last]} ms, ledger ${before} ms`).toBeLessThanOrEqual(1_000);
    expect(Math.abs(hours[boundary.hour]! - after), `hour ${boundary.hour}: ${hours[boundary.hour]} ms, ledger ${after} ms`).toBeLessThanOrEqual(1_000);
    expect(hours.reduce((a, b) => a + b, 0), 'every ms in an hour').toBe(site?.ms);
    await expectMatchesLedger(s, 'across a Kathmandu hour boundary');
  });
});
