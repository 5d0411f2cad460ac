// Title changes, coalesced (docs/ARCHITECTURE.md, "Coalesced title changes"). A title alone changes
// nothing that is counted, yet any page can change it thousands of times a second, and each change
// recorded is one IndexedDB transaction: a flood kept the worker from answering for minutes. So per
// tab, a title change is recorded at once and opens a window of WINDOW_MS; changes inside it are
// held, the latest replacing the one before, and the held one is recorded when the window closes
// (opening the next), stamped with its own time. Held is only a change that tells the log nothing
// else: the tab the log last named in that window, on the same page, as audible, active since the
// same instant. Anything else recorded first releases what is held, so the log stays in time order.
// A held title dies with the worker: that loses a title, never a second of time.
import type { EventBody } from '../core/events.ts';

export type TabEventBody = Extract<EventBody, { k: 'tab' }>;

/** The window of one tab's title changes: at most one recorded event per tab per window. */
export const TITLE_WINDOW_MS = 1000;

export interface TitleCoalescer {
  /** A title-only change of an active tab, seen at `at`. */
  offer(body: TabEventBody, at: number): void;
  /** Every body on its way into the log, before it is stamped (Recorder beforeRecord): releases
   *  what is held, then learns what the log now says each window shows. */
  observe(body: EventBody): void;
  /** Records whatever is held, now. */
  release(): void;
}

/** What the log last said a window shows; null: a tab whose page the log has not been told. */
type Shown = Pick<TabEventBody, 'tabId' | 'url' | 'domain' | 'audible'> & { lastAccessed: number | null };

const shownBy = (x: Shown | TabEventBody): Shown => ({ tabId: x.tabId, url: x.url, domain: x.domain, audible: x.audible, lastAccessed: x.lastAccessed ?? null });

export function createTitleCoalescer(record: (body: EventBody, at: number) => void, windowMs = TITLE_WINDOW_MS): TitleCoalescer {
  const front = new Map<number, Shown | null>();
  /** Tabs with an open window, and the change each one holds. */
  const open = new Map<number, { body: TabEventBody; at: number } | null>();

  const tellsNothingElse = (b: TabEventBody): boolean => {
    const f = front.get(b.windowId);
    return !!f && f.tabId === b.tabId && f.url === b.url && f.domain === b.domain && f.audible === b.audible && f.lastAccessed === (b.lastAccessed ?? null);
  };

  const release = (): void => {
    const held = [...open].flatMap(([tabId, h]) => (h ? [{ tabId, ...h }] : [])).sort((a, b) => a.at - b.at);
    // All taken out first: recording one re-enters observe(), which must find nothing left to release.
    for (const h of held) open.set(h.tabId, null);
    for (const h of held) record(h.body, h.at);
  };

  const openWindow = (tabId: number): void => {
    open.set(tabId, null);
    setTimeout(() => {
      const heldOne = !!open.get(tabId);
      // Everything held goes, in time order: this tab's change may be later than another's.
      release();
      if (heldOne) openWindow(tabId);
      else open.delete(tabId);
    }, windowMs);
  };

  const learn = (body: EventBody): void => {
    switch (body.k) {
      case 'tab':
        front.set(body.windowId, shownBy(body));
        break;
      case 'activated':
        if (front.get(body.windowId)?.tabId !== body.tabId) front.set(body.windowId, null);
        break;
      case 'removed':
        if (front.get(body.windowId)?.tabId === body.tabId) front.delete(body.windowId);
        break;
      case 'windowRemoved':
        front.delete(body.windowId);
        break;
      case 'snapshot':
        front.clear();
        for (const x of body.tabs) front.set(x.windowId, shownBy(x));
        break;
      case 'boot':
        front.clear();
        break;
      default:
        break;
    }
  };

  return {
    offer(body, at) {
      if (open.has(body.tabId) && tellsNothingElse(body)) {
        open.set(body.tabId, { body, at });
        return;
      }
      // Recorded now; a change this tab still holds is older and told no more than this one.
      if (open.has(body.tabId)) open.set(body.tabId, null);
      else openWindow(body.tabId);
      record(body, at);
    },
    observe(body) {
      release();
      learn(body);
    },
    release,
  };
}
