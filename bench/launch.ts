// Bench harness: Chromium with the built extension on a fresh profile (launched by the browser
// tests' launchBrowser, so both run the same browser with the same flags), a typed bridge to the
// worker's command API, a raw CDP channel to the worker target (heap usage, CPU profile), and a
// tiny local HTTP server for the capture page.
import type { BrowserContext, CDPSession, Worker } from 'playwright-core';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { Command, Response, ResultOf } from '../src/core/api.ts';
import { distDir as builtDist, launchBrowser, removeProfileDir } from '../test/e2e/harness/launch.ts';
import { withTimeout } from '../test/e2e/harness/timeout.ts';

export { chromePath, repoRoot } from '../test/e2e/harness/launch.ts';

let snapshot: string | null = null;
/** The build's largest JS chunk (bench-largest-chunk.html loads it). */
export let largestChunk: { name: string; bytes: number } | null = null;
/** What the popup loads: popup.html's module script, its modulepreloads and its stylesheets;
 *  bytes as stored and gzipped (the budget is in gzip). */
export let popupScripts: { files: string[]; bytes: number; gzip: number } = { files: [], bytes: 0, gzip: 0 };

/** A private copy of dist/, taken once per bench process: another `npm run build` (vite empties
 *  dist/ first) must not pull the extension out from under a running measurement. */
export function distDir(): string {
  if (snapshot) return snapshot;
  const dir = builtDist();
  const copy = mkdtempSync(join(tmpdir(), 'dwell-bench-dist-'));
  cpSync(dir, copy, { recursive: true });
  if (!existsSync(join(copy, 'manifest.json'))) throw new Error(`copying ${dir} failed (was it being rebuilt?)`);
  // Two probe pages in the copy only (never in dist/): the floor of an extension page, and the
  // same page loading the build's largest JS chunk as a module (what that chunk alone costs).
  const chunks = readdirSync(join(copy, 'assets')).filter((f) => f.endsWith('.js'));
  const largest = chunks.sort((a, b) => statSync(join(copy, 'assets', b)).size - statSync(join(copy, 'assets', a)).size)[0];
  writeFileSync(join(copy, 'bench-blank.html'), '<!doctype html><meta charset="utf-8"><title>blank</title><p>blank</p>');
  if (largest) {
    writeFileSync(join(copy, 'bench-largest-chunk.html'), `<!doctype html><meta charset="utf-8"><title>chunk</title><script type="module" src="/assets/${largest}"></script><p>chunk</p>`);
    largestChunk = { name: largest, bytes: statSync(join(copy, 'assets', largest)).size };
  }
  const popupHtml = readFileSync(join(copy, 'src/popup/popup.html'), 'utf8');
  const files = [...new Set([...popupHtml.matchAll(/\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!))];
  const bytesOf = (f: string): Buffer => readFileSync(join(copy, 'assets', f));
  popupScripts = {
    files,
    bytes: files.reduce((n, f) => n + bytesOf(f).length, 0),
    gzip: files.reduce((n, f) => n + gzipSync(bytesOf(f), { level: 9 }).length, 0),
  };
  snapshot = copy;
  process.on('exit', () => rmSync(copy, { recursive: true, force: true }));
  return copy;
}

/** A CDP channel to the service worker target (Playwright only opens CDP sessions on pages):
 *  attached from the browser session, messages wrapped in Target.sendMessageToTarget. */
export class WorkerCdp {
  private id = 0;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(
    private readonly browser: CDPSession,
    private readonly sessionId: string,
  ) {
    browser.on('Target.receivedMessageFromTarget', (ev: { sessionId?: string; message: string }) => {
      if (ev.sessionId !== this.sessionId) return;
      const m = JSON.parse(ev.message) as { id?: number; result?: unknown; error?: { message: string } };
      const w = m.id !== undefined ? this.waiting.get(m.id) : undefined;
      if (!w || m.id === undefined) return;
      this.waiting.delete(m.id);
      if (m.error) w.reject(new Error(m.error.message));
      else w.resolve(m.result);
    });
  }

  static async attach(ctx: BrowserContext, extensionId: string): Promise<WorkerCdp> {
    const browser = ctx.browser();
    if (!browser) throw new Error('no browser object for the persistent context (needed for a worker CDP session)');
    const session = await browser.newBrowserCDPSession();
    const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    if (!target) throw new Error('extension service worker target not found');
    const { sessionId } = await session.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    return new WorkerCdp(session, sessionId);
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.id;
    const answer = new Promise<T>((resolve, reject) => this.waiting.set(id, { resolve: (v) => resolve(v as T), reject }));
    this.browser.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) }).catch((e: unknown) => {
      const w = this.waiting.get(id);
      this.waiting.delete(id);
      w?.reject(e instanceof Error ? e : new Error(String(e)));
    });
    return withTimeout(answer, 30_000, `CDP ${method} on the worker`);
  }

  async heapUsed(): Promise<number> {
    const r = await this.send<{ usedSize: number }>('Runtime.getHeapUsage');
    return r.usedSize;
  }

  async detach(): Promise<void> {
    await this.browser.detach().catch(() => undefined);
  }
}

export interface Bench {
  ctx: BrowserContext;
  sw: Worker;
  extensionId: string;
  cdp: WorkerCdp;
  /** self.dwell.handle(cmd) in the worker; throws on { ok: false }. */
  handle<C extends Command>(cmd: C, timeoutMs?: number): Promise<ResultOf<C>>;
  /** Evaluates in the worker with a timeout. */
  inWorker<R, A>(fn: (arg: A) => R | Promise<R>, arg: A, what: string, timeoutMs?: number): Promise<R>;
  close(): Promise<void>;
}

export async function launch(): Promise<Bench> {
  const browser = await launchBrowser({
    extensionDir: distDir(),
    headless: true,
    viewport: { width: 400, height: 600 },
    // gc() in the worker, to read a settled heap around a drain.
    extraArgs: ['--js-flags=--expose-gc'],
  });
  const { ctx, extensionId } = browser;
  const dispose = async (): Promise<void> => {
    await browser.close().catch(() => undefined);
    removeProfileDir(browser.profileDir);
  };
  try {
    // Playwright's own handle, evaluated without the browser tests' per-call readiness check
    // (a CDP round trip that would be timed along with every measured call).
    const sw = await browser.worker.ready();
    // tsx compiles with keepNames: functions sent to evaluate() may call esbuild's __name helper.
    await sw.evaluate('self.__name = (f) => f');
    await withTimeout(sw.evaluate(() => (self as unknown as { dwell: { ready: Promise<unknown> } }).dwell.ready.then(() => undefined)), 15_000, 'engine ready');
    const cdp = await WorkerCdp.attach(ctx, extensionId);
    const inWorker = <R, A>(fn: (arg: A) => R | Promise<R>, arg: A, what: string, timeoutMs = 120_000): Promise<R> =>
      // Playwright's Unboxed<A> typing does not line up with a generic A: the argument is plain JSON here.
      withTimeout(sw.evaluate(fn as unknown as () => R | Promise<R>, arg), timeoutMs, what);
    const handle = async <C extends Command>(cmd: C, timeoutMs = 120_000): Promise<ResultOf<C>> => {
      const res = await inWorker(
        (m: Command) => (self as unknown as { dwell: { handle(c: Command): Promise<Response<unknown>> } }).dwell.handle(m),
        cmd,
        `dwell.handle(${cmd.type})`,
        timeoutMs,
      );
      if (!res.ok) throw new Error(`dwell.handle(${cmd.type}) failed: ${res.error}`);
      return res.result as ResultOf<C>;
    };
    return {
      ctx,
      sw,
      extensionId,
      cdp,
      handle,
      inWorker,
      async close() {
        await cdp.detach();
        await dispose();
      },
    };
  } catch (err) {
    await dispose();
    throw err;
  }
}

/** Settings patch merged into storage.local 'settings'; resolves after the worker's own
 *  storage.onChanged listener (registered first, so it ran first) has seen the change. */
export async function setSettings(b: Bench, patch: Record<string, unknown>): Promise<void> {
  await b.inWorker(
    async (p: Record<string, unknown>) => {
      const { settings } = await chrome.storage.local.get('settings');
      const seen = new Promise<void>((r) => {
        const l = (changes: Record<string, chrome.storage.StorageChange>, area: string): void => {
          if (area === 'local' && changes.settings) {
            chrome.storage.onChanged.removeListener(l);
            r();
          }
        };
        chrome.storage.onChanged.addListener(l);
      });
      await chrome.storage.local.set({ settings: { ...(settings as object | undefined), ...p } });
      await seen;
      // ensureAlarms runs after a settings change: let it finish before anyone clears alarms.
      await new Promise((r) => setTimeout(r, 200));
    },
    patch,
    'writing settings',
  );
}

/** No alarm-driven aggregation or heartbeats during a measurement (they would race for the lease
 *  or add events); the bench triggers aggregation itself through the aggregateNow command. */
export async function clearAlarms(b: Bench): Promise<void> {
  const left = await b.inWorker(async () => {
    await chrome.alarms.clearAll();
    return (await chrome.alarms.getAll()).length;
  }, undefined, 'clearing alarms');
  if (left !== 0) throw new Error(`${left} alarm(s) still set after clearAll`);
}

/** Serves a page whose title the capture benchmark changes. */
export async function startServer(): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end('<!doctype html><title>bench start</title><p>Dwell capture bench</p>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { server, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}
