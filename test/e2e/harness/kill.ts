// The browser dies hard: SIGKILL to every process of it at once, as a crash or a power cut would
// end it. Unlike Browser.close() (a quit), Chrome gets no shutdown: no tab or window removal
// events reach Dwell, and nothing more is written. Linux only (it reads /proc), like the CI image.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Browser } from './launch.ts';
import { sleep, withTimeout } from './timeout.ts';

function readProc(pid: string, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null; // it ended while we looked
  }
}

/** Every live process of the browser on this profile: the processes that carry
 *  --user-data-dir=<profile> (the browser, zygotes, GPU, network and storage services,
 *  renderers) and their descendants (crash handlers carry no profile flag). */
export function browserPids(profileDir: string): number[] {
  if (!existsSync('/proc/self/cmdline')) throw new Error('killing the browser hard needs /proc (Linux)');
  const flag = `--user-data-dir=${profileDir}`;
  const found = new Set<string>();
  const parentOf = new Map<string, string>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    if (readProc(pid, 'cmdline')?.split('\0').includes(flag)) found.add(pid);
    // stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read after the last ')'.
    const stat = readProc(pid, 'stat');
    const ppid = stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
    if (ppid) parentOf.set(pid, ppid);
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parentOf) {
      if (!found.has(pid) && found.has(ppid)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  return [...found].map(Number);
}

function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

const killAll = (pids: number[]): void => signalAll(pids, 'SIGKILL');

/** The machine sleeps with no lock signal: every process of the browser is stopped (SIGSTOP) for
 *  `ms`, then continued. No process runs meanwhile, so nothing — no alarm, no event, no write —
 *  happens in the browser; the wall clock moves on. Returns the instants (test clock) the stop
 *  and the continue signals went out. */
export async function freezeBrowser(browser: Browser, ms: number): Promise<{ stoppedAt: number; resumedAt: number }> {
  const pids = browserPids(browser.profileDir);
  if (pids.length === 0) throw new Error(`no process of the browser on ${browser.profileDir} to stop`);
  const stoppedAt = Date.now();
  signalAll(pids, 'SIGSTOP');
  try {
    await sleep(ms);
  } finally {
    // Every process found, even one that might have been missed the first time round.
    signalAll([...new Set([...pids, ...browserPids(browser.profileDir)])], 'SIGCONT');
  }
  return { stoppedAt, resumedAt: Date.now() };
}

/** SIGKILLs the browser and waits until none of its processes is left and Playwright has seen
 *  the context close. Returns the instant (test clock) the first signals went out. The profile
 *  stays, for a relaunch on it. */
export async function killBrowser(browser: Browser): Promise<number> {
  const first = browserPids(browser.profileDir);
  if (first.length === 0) throw new Error(`no process of the browser on ${browser.profileDir} to kill`);
  const closed = new Promise<void>((resolve) => browser.ctx.once('close', () => resolve()));
  browser.worker.detach();
  const at = Date.now();
  killAll(first);
  // A renderer forked in the meantime is not in the first list: kill until none is left.
  const deadline = Date.now() + 10_000;
  for (let left = browserPids(browser.profileDir); left.length > 0; left = browserPids(browser.profileDir)) {
    if (Date.now() > deadline) throw new Error(`browser processes still alive 10 s after SIGKILL: ${left.join(', ')}`);
    killAll(left);
    await sleep(20);
  }
  await withTimeout(closed, 10_000, 'Playwright to see the killed browser close');
  return at;
}
