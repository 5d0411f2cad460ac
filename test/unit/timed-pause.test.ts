// "Pause for 1 h" from the popup: a pause that ends by itself at its time — on its alarm, on any
// later alarm, or at the next worker start if the browser was closed then — and time counts again
// from the moment it ended.
import { describe, expect, it } from 'vitest';
import { Machine } from '../fixtures/machine.ts';
import { parseCommand } from '../../src/core/command-schema.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const newsMs = async (m: Machine): Promise<number> => (await m.totals()).sites.find((s) => s.domain === 'news.test')?.ms ?? 0;

async function readingNews(): Promise<Machine> {
  const m = new Machine();
  await m.wakeWorker();
  m.browser.openTab(m.browser.openWindow(), 'https://news.test/today', 'News');
  await m.pass(20 * SECOND);
  return m;
}

describe('a pause for one hour', () => {
  it('news 20 s, paused for 1 h: still paused at 30 min, resumed at 1 h, then 10 s more → 30 s', async () => {
    const m = await readingNews();
    await m.ok({ type: 'setPaused', paused: true, until: m.clock.now() + HOUR });
    await m.pass(30 * MINUTE);
    await m.engine.resumeIfDue(); // an alarm before the pause's time
    expect(m.world.settings.current().paused).toBe(true);
    await m.pass(30 * MINUTE);
    await m.engine.resumeIfDue(); // the pause's own alarm
    await m.engine.flush();
    expect(m.world.settings.current()).toMatchObject({ paused: false, pausedUntil: 0 });
    await m.pass(10 * SECOND);
    expect(await newsMs(m)).toBe(30 * SECOND);
  });

  it('the browser was closed when the pause ended: the next worker start resumes it', async () => {
    const m = await readingNews();
    await m.ok({ type: 'setPaused', paused: true, until: m.clock.now() + HOUR });
    await m.quitBrowser();
    m.advance(2 * HOUR);
    await m.wakeWorker();
    expect(m.world.settings.current().paused).toBe(false);
    m.browser.openTab(m.browser.openWindow(), 'https://news.test/today', 'News'); // the new session's first page
    await m.pass(10 * SECOND);
    expect(await newsMs(m)).toBe(30 * SECOND);
  });

  it('a pause without an end stays until resumed, and resuming clears a timed one', async () => {
    const m = await readingNews();
    await m.ok({ type: 'setPaused', paused: true });
    await m.pass(2 * HOUR);
    await m.engine.resumeIfDue();
    expect(m.world.settings.current()).toMatchObject({ paused: true, pausedUntil: 0 });
    await m.ok({ type: 'setPaused', paused: true, until: m.clock.now() + HOUR });
    await m.ok({ type: 'setPaused', paused: false });
    expect(m.world.settings.current()).toMatchObject({ paused: false, pausedUntil: 0 });
    expect(await newsMs(m)).toBe(20 * SECOND);
  });
});

describe('setPaused.until is checked', () => {
  it.each([
    [{ type: 'setPaused', paused: false, until: 1_700_000_000_000 }, 'only for a pause'],
    [{ type: 'setPaused', paused: true, until: 'soon' }, 'must be a time'],
    [{ type: 'setPaused', paused: true, until: 8.7e15 }, 'must be a time'],
    [{ type: 'setPaused', paused: true, until: -1 }, 'must be a time'],
  ])('%j is refused', (cmd, why) => {
    expect(() => parseCommand(cmd)).toThrow(why);
  });

  it('a valid end is kept', () => {
    expect(parseCommand({ type: 'setPaused', paused: true, until: 1_700_000_000_000 })).toEqual({ type: 'setPaused', paused: true, until: 1_700_000_000_000 });
  });
});
