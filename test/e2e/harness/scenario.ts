// The scenario runner: one browser with Dwell, the page server, and a ground-truth ledger that is
// updated by every user action the script performs. Each action's instant on the test's clock is
// the midpoint of the call that performs it (the server answers in about a millisecond, so the
// uncertainty is a few ms); signals fired in the worker report the worker's own Date.now().
import type { Page } from 'playwright-core';
import type { Settings } from '../../../src/settings/defaults.ts';
import { launchBrowser, removeProfileDir, type Browser, type LaunchOptions } from './launch.ts';
import { startPageServer, type PageServer } from './server.ts';
import { Ledger, type IdleState, type LedgerTotals } from './ledger.ts';
import { DwellClient } from './dwell.ts';
import type { StopMethod } from './worker.ts';
import { sleep, withTimeout } from './timeout.ts';
import { freezeBrowser } from './kill.ts';

export type StartOptions = LaunchOptions & {
  settings?: Partial<Settings>;
  /** The test reads "today" (a limit's allowance, the badge, today's imported rows) for this
   *  long: if local midnight falls inside it, start just after midnight instead. Across midnight
   *  the allowance and "today" rightly start again, which the test's ledger sums do not model
   *  (CI's "34s left" after 51 s read on 12-04 is exactly what a browser clock put before
   *  midnight with libfaketime shows). */
  sameDayMs?: number;
};

export interface StopRecord {
  /** What had just happened, for the report. */
  after: string;
  /** ms between that action completing and the stop command being sent. */
  delayMs: number;
}

export class Scenario {
  readonly ledger = new Ledger();
  readonly stops: StopRecord[] = [];
  private readonly pages = new Map<string, Page>();
  private blankTabs = 0;
  private lastAction = { what: 'launch', doneAt: Date.now() };

  private constructor(
    public browser: Browser,
    readonly server: PageServer,
    public dwell: DwellClient,
    private readonly extensionDir: string | undefined,
  ) {}

  static async start(opts: StartOptions = {}): Promise<Scenario> {
    if (opts.sameDayMs !== undefined) await clearOfMidnight(opts.sameDayMs);
    const server = await startPageServer();
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser(opts);
      const s = new Scenario(browser, server, new DwellClient(browser.worker), opts.extensionDir);
      if (opts.settings) await s.dwell.setSettings(opts.settings);
      return s;
    } catch (err) {
      if (browser) {
        await browser.close().catch(() => undefined);
        if (!opts.profileDir) removeProfileDir(browser.profileDir);
      }
      await server.close();
      throw err;
    }
  }

  url(host: string, path = '/'): string {
    return this.server.url(host, path);
  }

  page(tab: string): Page {
    const p = this.pages.get(tab);
    if (!p) throw new Error(`no tab named ${tab}`);
    return p;
  }

  /** Opens a new tab (it becomes active) and loads `host` + `path` in it. */
  async open(tab: string, host: string, path = '/'): Promise<void> {
    const page = await this.timed(`open ${tab}`, () => this.browser.ctx.newPage(), (at) => this.ledger.activate(tab, at));
    this.pages.set(tab, page);
    await this.goto(tab, host, path);
  }

  /** Same-tab navigation (a real page load). */
  async goto(tab: string, host: string, path = '/'): Promise<void> {
    const url = this.url(host, path);
    await this.timed(
      `load ${url} in ${tab}`,
      () => withTimeout(this.page(tab).goto(url, { waitUntil: 'commit' }), 15_000, `loading ${url}`),
      (at) => this.ledger.tabShows(tab, url, at),
    );
  }

  /** Same-tab navigation to a page Dwell does not track (about:blank, data:, …). */
  async gotoUntracked(tab: string, url: string): Promise<void> {
    await this.timed(
      `load ${url} in ${tab}`,
      () => withTimeout(this.page(tab).goto(url, { waitUntil: 'commit' }), 15_000, `loading ${url}`),
      (at) => this.ledger.tabShows(tab, null, at),
    );
  }

  /** SPA navigation: history.pushState in the page (no load; the tab's URL changes). */
  async pushState(tab: string, path: string): Promise<void> {
    const page = this.page(tab);
    const url = new URL(path, page.url()).href;
    await this.timed(
      `pushState ${path} in ${tab}`,
      () => withTimeout(page.evaluate((p) => history.pushState({}, '', p), path), 10_000, 'history.pushState'),
      (at) => this.ledger.tabShows(tab, url, at),
    );
  }

  /** The page changes its own title (an onUpdated event for Dwell; same page, nothing for the ledger). */
  async setTitle(tab: string, title: string): Promise<void> {
    await withTimeout(this.page(tab).evaluate((t) => { document.title = t; }, title), 10_000, 'document.title');
  }

  /** A backlog of `count` real events for the aggregator, written through the worker's own
   *  recorder (sequence numbers, one transaction each, as capture writes them). They are
   *  heartbeats: evidence that the browser is alive, which changes nothing the ledger counts.
   *  Title churn no longer builds a backlog: capture coalesces title-only changes to about one
   *  event a second (docs/ARCHITECTURE.md, "Coalesced title changes"). */
  async backlog(count: number): Promise<void> {
    const failed = await this.browser.worker.evaluate(
      async (n: number) => {
        type Rec = { record(body: unknown): Promise<number | null> };
        const engine = await (self as unknown as { dwell: { ready: Promise<Rec> } }).dwell.ready;
        const seqs = await Promise.all(Array.from({ length: n }, () => engine.record({ k: 'beat', scheduled: null })));
        return seqs.filter((x) => x === null).length;
      },
      count,
      `record ${count} heartbeats`,
      60_000,
    );
    if (failed > 0) throw new Error(`${failed} of ${count} heartbeat writes failed`);
  }

  /** The user switches to another tab (a real tab activation). */
  async switchTo(tab: string): Promise<void> {
    const page = this.page(tab);
    await this.timed(`switch to ${tab}`, () => withTimeout(page.bringToFront(), 10_000, `bringToFront ${tab}`), (at) => this.ledger.activate(tab, at));
  }

  /** Ends the ledger the way a user stops looking at a site: a new blank tab comes to the front. */
  async openBlankTab(): Promise<void> {
    const tab = `blank${++this.blankTabs}`;
    const page = await this.timed('open a blank tab', () => this.browser.ctx.newPage(), (at) => this.ledger.activate(tab, at));
    this.pages.set(tab, page);
  }

  /** Chrome stops the service worker (as it does when it decides to), right now. */
  async stopWorker(method: StopMethod = 'closeTarget'): Promise<void> {
    const sentAt = await this.browser.worker.stop(method);
    this.stops.push({ after: this.lastAction.what, delayMs: sentAt - this.lastAction.doneAt });
  }

  /** The worker's thread is busy for `ms` (as while folding a large batch): browser events that
   *  arrive meanwhile wait in its queue, and a stop before they run loses them — the way a switch
   *  gets lost for real. Returns at once; the busy spell starts in the worker's next task. */
  async workerBusy(ms: number): Promise<void> {
    await this.browser.worker.evaluate(
      (n: number) => {
        setTimeout(() => {
          const end = Date.now() + n;
          while (Date.now() < end) {
            // spin: nothing else runs on the worker's thread meanwhile
          }
        }, 0);
      },
      ms,
      'busy worker',
    );
  }

  /** Chrome starts the stopped worker with no tab event (as for an alarm): Dwell's start-up
   *  snapshot is all it learns from. */
  async wakeWorker(): Promise<void> {
    await this.browser.worker.wake();
    await this.browser.worker.ready();
    this.lastAction = { what: 'worker start', doneAt: Date.now() };
  }

  /** Fires chrome.idle.onStateChanged through the worker's real listeners. `intervalSeconds` is
   *  the detection interval Dwell was configured with: the ledger back-dates 'idle' by it. */
  async idle(state: IdleState, intervalSeconds: number): Promise<void> {
    const t = await this.browser.worker.evaluate(
      (s: IdleState) => {
        const at = Date.now();
        // dispatch() is the extension event's own (untyped) way to run every registered listener.
        (chrome.idle.onStateChanged as unknown as { dispatch(x: IdleState): void }).dispatch(s);
        return at;
      },
      state,
      `dispatch idle ${state}`,
    );
    this.ledger.setIdle(state, t, t - intervalSeconds * 1000);
    this.lastAction = { what: `idle ${state}`, doneAt: Date.now() };
  }

  /** Fires chrome.windows.onFocusChanged (WINDOW_ID_NONE, or back to the real window) through the
   *  worker's listeners: headless Chromium cannot move the OS focus itself. */
  async windowFocus(focused: boolean): Promise<void> {
    const t = await this.browser.worker.evaluate(
      async (f: boolean) => {
        const id = f ? (await chrome.windows.getLastFocused()).id ?? chrome.windows.WINDOW_ID_NONE : chrome.windows.WINDOW_ID_NONE;
        const at = Date.now();
        (chrome.windows.onFocusChanged as unknown as { dispatch(x: number): void }).dispatch(id);
        return at;
      },
      focused,
      'dispatch windows.onFocusChanged',
    );
    this.ledger.focus(focused, t);
    this.lastAction = { what: focused ? 'focus back' : 'focus lost', doneAt: Date.now() };
  }

  /** Time passes with the user looking at whatever is in front. */
  async dwellFor(ms: number): Promise<void> {
    await sleep(ms);
  }

  /** The user stops looking at every site: a blank tab comes to the front and the ledger closes.
   *  Returns the ground truth; nothing is aggregated. */
  async stopLooking(): Promise<LedgerTotals> {
    await this.openBlankTab();
    this.ledger.end(this.lastActionMid);
    return this.ledger.totals();
  }

  /** Closes the ledger (stopLooking), then folds everything with aggregateNow. */
  async finish(): Promise<void> {
    await this.stopLooking();
    await this.dwell.aggregateNow();
  }

  /** The machine sleeps for `ms` with no lock signal (every browser process SIGSTOPped, then
   *  SIGCONTinued): the ledger counts nothing meanwhile. */
  async sleepMachine(ms: number): Promise<void> {
    const { stoppedAt, resumedAt } = await freezeBrowser(this.browser, ms);
    this.ledger.machineAsleep(true, stoppedAt);
    this.ledger.machineAsleep(false, resumedAt);
    this.lastAction = { what: 'machine sleep', doneAt: resumedAt };
  }

  /** The user quits the browser (the profile stays). */
  async closeBrowser(): Promise<void> {
    await this.timed('close the browser', () => this.browser.close(), (at) => this.ledger.browserClosed(at));
    this.pages.clear();
  }

  /** The user starts the browser again on the same profile (Dwell's data must still be there). */
  async relaunch(): Promise<void> {
    this.browser = await launchBrowser({ profileDir: this.browser.profileDir, extensionDir: this.extensionDir });
    this.dwell = new DwellClient(this.browser.worker);
    this.lastAction = { what: 'relaunch', doneAt: Date.now() };
  }

  /** Closes the browser and the server and deletes the profile (unless KEEP_PROFILE). */
  async dispose(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.close();
    removeProfileDir(this.browser.profileDir);
  }

  private lastActionMid = 0;

  private async timed<T>(what: string, action: () => Promise<T>, record: (at: number) => void): Promise<T> {
    const before = Date.now();
    const result = await action();
    const after = Date.now();
    this.lastActionMid = Math.round((before + after) / 2);
    record(this.lastActionMid);
    this.lastAction = { what, doneAt: after };
    return result;
  }
}

/** Waits past the next local midnight (the browser's zone: this process's, unless a test sets
 *  TZ) when it falls within the next `spanMs`. */
async function clearOfMidnight(spanMs: number): Promise<void> {
  const now = new Date();
  const untilMidnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime() - now.getTime();
  if (untilMidnight > spanMs) return;
  console.log(`[e2e] local midnight in ${untilMidnight} ms: this test starts after it`);
  await sleep(untilMidnight + 2_000);
}
