// Scripted browsing for a crash-matrix trial: the PRNG picks each step (open a tab, switch tabs,
// load another page in the front tab) across the trial's sites, and how long the user dwells
// after it. Every step is a real user action through the Scenario, so the ledger follows it.
import { registrableDomain } from '../../../src/core/registrable.ts';
import type { Scenario } from '../harness/scenario.ts';
import type { Prng } from './prng.ts';

export const ALL_HOSTS = ['news.alpha.test', 'shop.beta.test', 'blog.gamma.test'] as const;
const PATHS = ['/', '/today', '/cart', '/post', '/story'];
const MAX_TABS = 4;
export const DWELL_MS: readonly [number, number] = [500, 3_000];
/** An action that ended this long before a kill has its event written (the handler writes first). */
const WRITTEN_MS = 500;

export class Browsing {
  /** Tab name → the host it shows. */
  private readonly tabs = new Map<string, string>();
  private front: string | null = null;
  private opened = 0;
  /** Hosts never shown again (a deleted site). */
  private readonly excluded = new Set<string>();
  /** When each user action started and ended (test clock). */
  private readonly actions: { start: number; end: number }[] = [];

  constructor(
    private readonly s: Scenario,
    private readonly rnd: Prng,
    readonly hosts: readonly string[],
  ) {}

  domainOf(host: string): string {
    const d = registrableDomain(this.s.url(host));
    if (!d) throw new Error(`no registrable domain for ${host}`);
    return d;
  }

  get frontHost(): string | null {
    return this.front === null ? null : (this.tabs.get(this.front) ?? null);
  }

  shownHosts(): string[] {
    return [...new Set(this.tabs.values())];
  }

  /** The site is deleted: the script never shows it again, and leaves it if it is in front. */
  async exclude(host: string): Promise<string | null> {
    this.excluded.add(host);
    return this.frontHost === host ? this.gotoIn(this.front as string, this.pickHost()) : null;
  }

  /** The latest instant Dwell surely has evidence from before `at`: the start of the last action
   *  that ended WRITTEN_MS before it (an action just before a kill may have lost its event). */
  evidenceBefore(at: number): number {
    const done = this.actions.filter((a) => a.end <= at - WRITTEN_MS);
    return done[done.length - 1]?.start ?? this.actions[0]?.start ?? at;
  }

  /** The browser died: every tab is gone. */
  forgetTabs(): void {
    this.tabs.clear();
    this.front = null;
  }

  async open(host: string): Promise<string> {
    const tab = `t${++this.opened}`;
    const path = this.rnd.pick(PATHS);
    await this.act(() => this.s.open(tab, host, path));
    this.tabs.set(tab, host);
    this.front = tab;
    return `open ${tab} on ${host}${path}`;
  }

  /** One random step; returns what it did. */
  async step(): Promise<string> {
    const r = this.rnd.next();
    const others = [...this.tabs].filter(([t, h]) => t !== this.front && !this.excluded.has(h)).map(([t]) => t);
    if (this.front === null || (this.tabs.size < MAX_TABS && r < 0.35)) return this.open(this.pickHost());
    if (others.length > 0 && r < 0.75) {
      const tab = this.rnd.pick(others);
      await this.act(() => this.s.switchTo(tab));
      this.front = tab;
      return `switch to ${tab} (${this.tabs.get(tab)})`;
    }
    return this.gotoIn(this.front, this.pickHost());
  }

  async dwell(): Promise<number> {
    const ms = this.rnd.int(DWELL_MS[0], DWELL_MS[1]);
    await this.s.dwellFor(ms);
    return ms;
  }

  /** `n` steps, each followed by a dwell. */
  async steps(n: number): Promise<string[]> {
    const done: string[] = [];
    for (let i = 0; i < n; i++) {
      done.push(await this.step());
      await this.dwell();
    }
    return done;
  }

  private async gotoIn(tab: string, host: string): Promise<string> {
    const path = this.rnd.pick(PATHS);
    await this.act(() => this.s.goto(tab, host, path));
    this.tabs.set(tab, host);
    return `load ${host}${path} in ${tab}`;
  }

  private async act(action: () => Promise<void>): Promise<void> {
    const start = Date.now();
    await action();
    this.actions.push({ start, end: Date.now() });
  }

  private pickHost(): string {
    return this.rnd.pick(this.hosts.filter((h) => !this.excluded.has(h)));
  }
}
