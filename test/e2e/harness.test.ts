// The harness itself, against a minimal probe extension (not Dwell): launch with the listeners
// registered, a CDP stop that really stops the worker, a wake by a real tab activation, a stopped
// worker failing fast instead of hanging, and a relaunch on the same profile. When a Dwell
// scenario fails, this says whether the harness can be trusted.
import { afterAll, describe, expect, it } from 'vitest';
import { chromePath, launchBrowser, removeProfileDir, type Browser } from './harness/launch.ts';
import { writeProbeExtension } from './harness/probe-extension.ts';
import { rmSync } from 'node:fs';

interface WhoAmI {
  startId: string;
  activations: number[];
}

type ProbeResponse<T> = { ok: true; result: T } | { ok: false; error: string };

async function probe<T>(b: Browser, type: string): Promise<T> {
  const r = await b.worker.evaluate(
    (m: { type: string }) => (self as unknown as { dwell: { handle(m: { type: string }): Promise<ProbeResponse<unknown>> } }).dwell.handle(m),
    { type },
    `probe ${type}`,
  );
  if (!r.ok) throw new Error(r.error);
  return r.result as T;
}

describe('harness', () => {
  const ext = writeProbeExtension();
  afterAll(() => rmSync(ext, { recursive: true, force: true }));

  it('names the install command when Chromium is missing', () => {
    const saved = process.env.CHROME_PATH;
    process.env.CHROME_PATH = '/nonexistent/chromium';
    try {
      expect(() => chromePath()).toThrow(/apt-get install -y chromium/);
    } finally {
      if (saved === undefined) delete process.env.CHROME_PATH;
      else process.env.CHROME_PATH = saved;
    }
  });

  it('stops the worker through CDP, wakes it with browser events, and relaunches on the same profile', async () => {
    let b = await launchBrowser({ extensionDir: ext });
    const profile = b.profileDir;
    try {
      const first = await probe<WhoAmI>(b, 'whoami');
      expect((await probe<{ newSession: boolean }>(b, 'boot')).newSession).toBe(true);

      const tab = await b.ctx.newPage();
      const afterOpen = await probe<WhoAmI>(b, 'whoami');
      expect(afterOpen.startId).toBe(first.startId);
      expect(afterOpen.activations.length).toBeGreaterThan(first.activations.length);

      for (const method of ['closeTarget', 'stopAllWorkers'] as const) {
        await b.worker.stop(method);
        expect(await b.worker.isRunning(), `${method} stops the worker`).toBe(false);
        // A stopped worker fails fast with the reason, rather than hanging the suite.
        await expect(b.worker.ready(500)).rejects.toThrow(/stopped/);
        const base = b.ctx.pages()[0];
        if (!base) throw new Error('the launch page is gone');
        await base.bringToFront(); // a real tab activation starts the worker again
        const woken = await probe<WhoAmI>(b, 'whoami');
        expect(woken.startId, `${method}: a new worker instance`).not.toBe(first.startId);
        expect(woken.activations.length, `${method}: the waking activation is delivered`).toBe(1);
        await tab.bringToFront();
      }

      await b.worker.stop();
      await b.worker.wake(); // no browser event: CDP starts it
      expect((await probe<WhoAmI>(b, 'whoami')).activations).toEqual([]);

      await b.close();
      b = await launchBrowser({ extensionDir: ext, profileDir: profile });
      expect((await probe<{ newSession: boolean }>(b, 'boot')).newSession, 'storage.session is empty after a relaunch').toBe(true);
      const alarms = await b.worker.evaluate(() => chrome.alarms.getAll(), undefined, 'alarms');
      expect(alarms.map((a) => a.name)).toContain('probe-heartbeat');
    } finally {
      await b.close();
      removeProfileDir(profile);
    }
  });
});
