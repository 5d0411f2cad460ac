// The popup's once-a-second refresh. A run never overlaps the previous one (a slow IndexedDB
// read just stretches the period instead of piling queries up), and kick() — a range switch,
// a click — runs at once, or right after the run in flight, which may have used stale inputs.

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface Ticker {
  /** Run now and then every periodMs after each run ends. */
  start(): Promise<void>;
  stop(): void;
  /** Run as soon as possible; resolves after a run that began after this call. */
  kick(): Promise<void>;
}

export function createTicker(task: () => Promise<void>, periodMs: number, onError: (e: unknown) => void, timers: Timers = realTimers): Ticker {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;
  let handle: unknown = null;

  const schedule = (): void => {
    if (handle !== null) timers.clear(handle);
    handle = stopped ? null : timers.set(() => void kick(), periodMs);
  };

  const kick = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await task();
        } catch (e) {
          onError(e);
        }
      } while (again);
      running = null;
      schedule();
    })();
    return running;
  };

  return {
    start() {
      stopped = false;
      return kick();
    },
    stop() {
      stopped = true;
      schedule();
    },
    kick,
  };
}
