// The daily summary (background/daily-summary.ts): at the chosen local time, today's total and top
// three sites from the live read model (what the popup shows), one alarm at the exact moment and
// the next one set after it. The alarm and the notification are behaving fakes: the alarm keeps
// its `when`, the notification log keeps what was shown.
import { describe, expect, it, vi } from 'vitest';
import type { DaySummary, SummaryPorts } from '../../src/background/daily-summary.ts';
import type { Settings } from '../../src/settings/defaults.ts';
import { Machine } from '../fixtures/machine.ts';

class FakeSummaryPorts implements SummaryPorts {
  when: number | null = null;
  readonly shown: DaySummary[] = [];
  /** While set, chrome.alarms refuses (the extension context is going away). */
  alarmsFail = false;
  /** While set, chrome.notifications refuses (notifications turned off for Chrome). */
  notificationsFail = false;
  readonly alarm = {
    set: async (when: number) => {
      if (this.alarmsFail) throw new Error('alarms unavailable');
      this.when = when;
    },
    clear: async () => void (this.when = null),
  };
  readonly notify = {
    summary: async (s: DaySummary) => {
      if (this.notificationsFail) throw new Error('notifications are turned off');
      this.shown.push(s);
    },
  };
}

const MIN = 60_000;
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const errorsOf = async (m: Machine) => (await m.ok({ type: 'diagnostics' })).errors.map((e) => [e.where, e.message]);

/** A machine (2024-03-10 10:00 UTC) whose worker has the summary's ports, started as index.ts
 *  starts it: the alarm is scheduled at start. */
async function withSummary(flags: Partial<Settings>, tz = 0) {
  const ports = new FakeSummaryPorts();
  const m = new Machine({ tz, flags: { heartbeatSeconds: 30, ...flags }, ports: { summaryPorts: ports } });
  await m.wakeWorker();
  await m.engine.summary!.schedule();
  const win = m.browser.openWindow();
  return { m, ports, win };
}

/** Reads a.test 3 min, b.test 2 min, c.test 1 min, d.test 30 s. */
async function aMorningOfReading(m: Machine, win: number) {
  for (const [host, ms] of [['a.test', 3 * MIN], ['www.b.test', 2 * MIN], ['c.test', MIN], ['d.test', 30_000]] as const) {
    m.browser.openTab(win, `https://${host}/`, host);
    await m.pass(ms);
  }
  m.browser.blur();
  await m.engine.flush();
}

describe('the daily summary', () => {
  it('off (the default): no alarm, and an alarm that still fires shows nothing and is cleared', async () => {
    const { m, ports, win } = await withSummary({});
    expect(ports.when).toBeNull();
    await aMorningOfReading(m, win);
    expect(await m.engine.summary!.fire(m.clock.now())).toBeNull();
    expect([ports.shown, ports.when]).toEqual([[], null]);
  });

  it('on at 21:00: the alarm is set for 21:00 today; then today’s total and top three, and the alarm for tomorrow', async () => {
    const { m, ports, win } = await withSummary({ dailySummary: true });
    expect(iso(ports.when)).toBe('2024-03-10T21:00:00.000Z');
    await aMorningOfReading(m, win);
    m.clock.set(ports.when!);
    const shown = await m.engine.summary!.fire(ports.when!);
    expect(shown).toEqual({ day: '2024-03-10', totalMs: 6.5 * MIN, top: [{ domain: 'a.test', ms: 3 * MIN }, { domain: 'b.test', ms: 2 * MIN }, { domain: 'c.test', ms: MIN }] });
    expect(ports.shown).toEqual([shown]);
    expect(iso(ports.when)).toBe('2024-03-11T21:00:00.000Z');
  });

  it('a new time in the settings moves the alarm: 08:15 asked at 10:00 → tomorrow 08:15', async () => {
    const { m, ports } = await withSummary({ dailySummary: true });
    await m.world.settings.update({ dailySummaryMinute: 8 * 60 + 15 });
    await m.engine.summary!.schedule();
    expect(iso(ports.when)).toBe('2024-03-11T08:15:00.000Z');
  });

  it('the browser was closed at 21:00 and opened the next morning: yesterday’s summary is dropped, today’s alarm set', async () => {
    const { m, ports, win } = await withSummary({ dailySummary: true });
    await aMorningOfReading(m, win);
    const missed = ports.when!;
    m.clock.set(Date.parse('2024-03-11T08:00:00Z'));
    expect(await m.engine.summary!.fire(missed)).toBeNull();
    expect(ports.shown).toEqual([]);
    expect(iso(ports.when)).toBe('2024-03-11T21:00:00.000Z');
  });

  it('opened the next morning, a.test read 2 min before Chrome delivers the missed 21:00 alarm: still dropped, today’s time is not shown as that summary', async () => {
    const { m, ports } = await withSummary({ dailySummary: true });
    const missed = ports.when!;
    await m.quitBrowser();
    m.clock.set(Date.parse('2024-03-11T08:00:00Z'));
    await m.wakeWorker();
    m.browser.openTab(m.browser.openWindow(), 'https://a.test/', 'A');
    await m.pass(2 * MIN);
    expect(await m.engine.summary!.fire(missed)).toBeNull();
    expect(ports.shown).toEqual([]);
  });

  it('an alarm Chrome delivers late the same evening still shows that day', async () => {
    const { m, ports, win } = await withSummary({ dailySummary: true });
    await aMorningOfReading(m, win);
    const due = ports.when!;
    m.clock.set(due + 90 * MIN); // 22:30
    expect((await m.engine.summary!.fire(due))?.totalMs).toBe(6.5 * MIN);
  });

  it('a.test still in front at 21:00, 20 s after the last heartbeat: the summary counts to 21:00, as the popup does', async () => {
    const { m, ports, win } = await withSummary({ dailySummary: true });
    m.clock.set(ports.when! - 2 * MIN - 20_000);
    m.browser.openTab(win, 'https://a.test/', 'A');
    await m.pass(2 * MIN); // heartbeats every 30 s, the last at 20:59:40
    m.clock.set(ports.when!);
    expect((await m.engine.summary!.fire(ports.when!))?.top).toEqual([{ domain: 'a.test', ms: 2 * MIN + 20_000 }]);
  });

  it('a day with nothing counted: no notification, and the next alarm all the same', async () => {
    const { m, ports } = await withSummary({ dailySummary: true });
    m.clock.set(ports.when!);
    expect(await m.engine.summary!.fire(ports.when!)).toBeNull();
    expect([ports.shown, iso(ports.when)]).toEqual([[], '2024-03-11T21:00:00.000Z']);
  });

  it('Kathmandu (+05:45): 21:00 local is 15:15 UTC, and the day is the local one', async () => {
    const { m, ports, win } = await withSummary({ dailySummary: true }, 345);
    expect(iso(ports.when)).toBe('2024-03-10T15:15:00.000Z');
    await aMorningOfReading(m, win);
    m.clock.set(ports.when!);
    expect((await m.engine.summary!.fire(ports.when!))?.day).toBe('2024-03-10');
  });

  it('chrome.alarms refuses the alarm: "daily summary" in the error log', async () => {
    const { m, ports } = await withSummary({});
    ports.alarmsFail = true;
    await m.world.settings.update({ dailySummary: true });
    await m.engine.summary!.schedule();
    await vi.waitFor(async () => expect(await errorsOf(m)).toEqual([['daily summary', 'Error: alarms unavailable']]));
    expect(ports.when).toBeNull();
  });

  it('notifications turned off at 21:00: nothing shown, "daily summary" in the error log, and tomorrow’s alarm still set (it was not)', async () => {
    const { m, ports, win } = await withSummary({ dailySummary: true });
    await aMorningOfReading(m, win);
    ports.notificationsFail = true;
    m.clock.set(ports.when!);
    expect(await m.engine.summary!.fire(ports.when!)).toBeNull();
    await vi.waitFor(async () => expect(await errorsOf(m)).toEqual([['daily summary', 'Error: notifications are turned off']]));
    expect(iso(ports.when)).toBe('2024-03-11T21:00:00.000Z');
  });
});
