// The extension's service worker as the tests see it: is it running, stop it the way Chrome does,
// wake it, and evaluate in it. Playwright's Worker object does not notice a CDP stop and
// evaluate() on a stopped worker hangs forever, so every call here first checks that the worker
// is running (CDP target list) and bounds the evaluate with a timeout.
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { sleep, waitFor, withTimeout } from './timeout.ts';

export type StopMethod = 'closeTarget' | 'stopAllWorkers';

/** Evaluated in the worker until true: its script has run and registered its listeners. */
const LISTENERS_READY = `(() => chrome.tabs.onActivated.hasListeners() && typeof self.dwell?.handle === 'function')()`;

export class ExtensionWorker {
  /** Page-level session for the ServiceWorker domain (the browser session has no such domain). */
  private pageSession: { page: Page; session: CDPSession } | null = null;
  /** How many times Chrome reported this extension's worker as 'stopped' (workerVersionUpdated). */
  private stopsSeen = 0;
  private lastStatus = new Map<string, string>();
  private constructor(
    private readonly ctx: BrowserContext,
    readonly extensionId: string,
    private readonly browserSession: CDPSession,
  ) {}

  static async attach(ctx: BrowserContext, extensionId: string): Promise<ExtensionWorker> {
    const browser = ctx.browser();
    if (!browser) throw new Error('no Browser for this context: cannot open a browser CDP session');
    const session = await withTimeout(browser.newBrowserCDPSession(), 10_000, 'opening a browser CDP session');
    const worker = new ExtensionWorker(ctx, extensionId, session);
    // Opened now so that a stop right after a tab switch is not delayed by the session set-up.
    await worker.swSession();
    return worker;
  }

  get origin(): string {
    return `chrome-extension://${this.extensionId}/`;
  }

  private async targetId(): Promise<string | null> {
    const { targetInfos } = await withTimeout(this.browserSession.send('Target.getTargets'), 10_000, 'CDP Target.getTargets');
    return targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(this.origin))?.targetId ?? null;
  }

  /** A running worker has a service_worker target; a stopped one has none (Chrome reuses the id). */
  async isRunning(): Promise<boolean> {
    return (await this.targetId()) !== null;
  }

  /** Stops the worker as Chrome does when it decides to; resolves once Chrome reports it stopped
   *  (it may already be starting again if an event was waiting). Returns the instant (test clock)
   *  the stop command was sent. */
  async stop(method: StopMethod = 'closeTarget'): Promise<number> {
    const session = await this.swSession();
    const stopsBefore = this.stopsSeen;
    let sentAt = Date.now();
    if (method === 'closeTarget') {
      const id = await this.targetId();
      if (!id) throw new Error('cannot stop the worker: it is not running');
      sentAt = Date.now();
      await withTimeout(this.browserSession.send('Target.closeTarget', { targetId: id }), 10_000, 'CDP Target.closeTarget on the worker');
    } else {
      await withTimeout(session.send('ServiceWorker.stopAllWorkers'), 10_000, 'CDP ServiceWorker.stopAllWorkers');
    }
    // Polling "is it running" would miss a stop followed at once by a restart: count the
    // 'stopped' transitions Chrome reports instead.
    await waitFor(() => (this.stopsSeen > stopsBefore ? true : undefined), 10_000, `Chrome to report the worker stopped after ${method}`);
    return sentAt;
  }

  /** Waits (bounded) until something — an alarm, a browser event — has started the worker. */
  async waitUntilRunning(timeoutMs: number, why: string): Promise<void> {
    await waitFor(async () => ((await this.isRunning()) ? true : undefined), timeoutMs, why, 100);
  }

  /** Starts a stopped worker without any browser event (as Chrome does for an alarm or a message):
   *  for reading results when no user action should happen. */
  async wake(): Promise<void> {
    if (await this.isRunning()) return;
    const session = await this.swSession();
    await withTimeout(session.send('ServiceWorker.startWorker', { scopeURL: this.origin }), 10_000, 'CDP ServiceWorker.startWorker');
  }

  /** Waits until the worker is running and its listeners are registered; returns Playwright's
   *  handle to it. Fails fast (with the reason) rather than hang when the worker stays stopped. */
  async ready(timeoutMs = 15_000): Promise<Worker> {
    const deadline = Date.now() + timeoutMs;
    await waitFor(
      async () => ((await this.isRunning()) ? true : undefined),
      timeoutMs,
      'the service worker to be running (it is stopped: wake it with a browser event, an alarm, or wake())',
    );
    for (;;) {
      const candidates = this.ctx.serviceWorkers().filter((w) => w.url().startsWith(this.origin)).reverse();
      for (const w of candidates) {
        const ok = await withTimeout(w.evaluate(LISTENERS_READY), 2_000, 'probe').catch(() => false);
        if (ok === true) return w;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeoutMs} ms: the service worker is running but no Playwright handle answered with its listeners registered`);
      }
      await sleep(20);
    }
  }

  /** evaluate() in the running worker, bounded. */
  async evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A, what: string, timeoutMs = 30_000): Promise<R> {
    const w = await this.ready();
    // Playwright types the argument as Unboxed<A>; for the plain JSON values passed here it is A.
    const call = w.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown);
    return withTimeout(call, timeoutMs, `evaluating in the worker: ${what}`);
  }

  private async swSession(): Promise<CDPSession> {
    if (this.pageSession && !this.pageSession.page.isClosed()) return this.pageSession.session;
    const page = this.ctx.pages().find((p) => !p.isClosed());
    if (!page) throw new Error('no open page to attach a ServiceWorker CDP session to');
    const session = await withTimeout(this.ctx.newCDPSession(page), 10_000, 'opening a page CDP session');
    session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) {
        if (!v.scriptURL.startsWith(this.origin)) continue;
        if (v.runningStatus === 'stopped' && this.lastStatus.get(v.versionId) !== 'stopped') this.stopsSeen += 1;
        this.lastStatus.set(v.versionId, v.runningStatus);
      }
    });
    await withTimeout(session.send('ServiceWorker.enable'), 10_000, 'CDP ServiceWorker.enable');
    this.pageSession = { page, session };
    return session;
  }

  detach(): void {
    this.pageSession = null;
  }
}
