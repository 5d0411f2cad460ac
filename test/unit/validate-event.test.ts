// Every stored event is checked field by field before the fold sees it (src/core/validate-event.ts):
// one record out of range (a tab id of −1, a gap of 0 ms, an outage that ends after it was
// recorded) would otherwise be folded into the totals. Each case below is a well-formed event with
// ONE field changed, at the edge of what is allowed or just past it, so a loosened or tightened
// bound shows as a kept corrupt record or a dropped good one.
import { describe, expect, it } from 'vitest';
import { checkEvents, isValidEvent } from '../../src/core/validate-event.ts';
import { MAX_PAGE_URL } from '../../src/core/domains.ts';

/** 2024-03-10 10:00 UTC: a day every offset in use can name. */
const T = Date.UTC(2024, 2, 10, 10);
const head = { seq: 7, t: T, tz: 60 };
const page = { tabId: 3, windowId: 2, url: 'https://a.test/inbox', domain: 'a.test', title: 'Inbox', audible: false };

const GOOD = {
  activated: { ...head, k: 'activated', tabId: 3, windowId: 2 },
  removed: { ...head, k: 'removed', tabId: 3, windowId: 2 },
  tab: { ...head, k: 'tab', ...page },
  windowRemoved: { ...head, k: 'windowRemoved', windowId: 2 },
  focus: { ...head, k: 'focus', windowId: 2 },
  idle: { ...head, k: 'idle', state: 'idle', since: T - 60_000 },
  beat: { ...head, k: 'beat', scheduled: T - 1_000 },
  boot: { ...head, k: 'boot', front: { windowId: 2, tabId: 3, lastAccessed: T - 5_000 } },
  snapshot: { ...head, k: 'snapshot', focused: 2, tabs: [{ ...page, lastAccessed: T - 5_000 }] },
  pause: { ...head, k: 'pause', paused: true },
  config: { ...head, k: 'config', countAudibleWhileIdle: true, gapMs: 75_000 },
  outage: { ...head, k: 'outage', since: T - 600_000, until: T - 1_000 },
} as const;

type Kind = keyof typeof GOOD;
const good = (k: Kind, change: Record<string, unknown> = {}): Record<string, unknown> => ({ ...GOOD[k], ...change });
const snapshotOf = (tab: unknown, change: Record<string, unknown> = {}): Record<string, unknown> => good('snapshot', { tabs: [tab], ...change });
const snapTab = (change: Record<string, unknown>): Record<string, unknown> => ({ ...GOOD.snapshot.tabs[0], ...change });
const bootWith = (front: unknown): Record<string, unknown> => good('boot', { front });
/** Something that has every field a record needs but is not a plain object: a function. */
const fnWith = (fields: Record<string, unknown>): unknown => Object.assign(() => undefined, fields);

describe('an event is kept when every field is in range', () => {
  it.each(Object.keys(GOOD) as Kind[])('the well-formed %s event', (k) => {
    expect(isValidEvent(GOOD[k])).toBe(true);
  });

  it.each<[string, unknown]>([
    ['seq 0 (the first index of generation 0)', good('beat', { seq: 0 })],
    ['tab id 0', good('activated', { tabId: 0 })],
    ['focus on no window (−1)', good('focus', { windowId: -1 })],
    ['window id 0', good('removed', { windowId: 0 })],
    ['a zone 16 h east (the slack for historical zones)', good('beat', { tz: 16 * 60 })],
    ['a zone 16 h west', good('beat', { tz: -16 * 60 })],
    ['an untracked page: no url, no domain', good('tab', { url: null, domain: null, title: '' })],
    ['a url of one character', good('tab', { url: '/' })],
    [`a url of ${MAX_PAGE_URL + 256} characters (page bound + slack)`, good('tab', { url: 'u'.repeat(MAX_PAGE_URL + 256) })],
    ['a domain of one character', good('tab', { domain: 'a' })],
    ['a domain of 253 characters (the DNS bound)', good('tab', { domain: 'd'.repeat(253) })],
    ['a title of 4,096 characters', good('tab', { title: 't'.repeat(4_096) })],
    ['an empty title', good('tab', { title: '' })],
    ['a tab event that says when it became active', good('tab', { lastAccessed: T - 1 })],
    ['a tab event that does not know when it became active', good('tab', { lastAccessed: null })],
    ['a tab event that is a load', good('tab', { nav: true })],
    ['idle back to active', good('idle', { state: 'active' })],
    ['idle locked', good('idle', { state: 'locked' })],
    ['the seal beat (scheduled null)', good('beat', { scheduled: null })],
    ['a boot written before `front` existed', good('boot', { front: undefined })],
    ['a boot with nothing in front', bootWith(null)],
    ['a boot whose front tab has no lastAccessed', bootWith({ windowId: -1, tabId: 0, lastAccessed: null })],
    ['a snapshot of no tabs, browser unfocused', good('snapshot', { focused: -1, tabs: [] })],
    ['a snapshot of 10,000 tabs', good('snapshot', { tabs: Array.from({ length: 10_000 }, (_, i) => snapTab({ tabId: i })) })],
    ['a snapshot tab never active', snapshotOf(snapTab({ lastAccessed: null }))],
    ['a gap of 1 ms', good('config', { gapMs: 1 })],
    ['a gap of one day', good('config', { gapMs: 86_400_000 })],
    ['audible not counted while idle', good('config', { countAudibleWhileIdle: false })],
    ['an outage of no time', good('outage', { since: T - 1_000, until: T - 1_000 })],
    ['an outage recorded the instant it ended', good('outage', { until: T })],
  ])('kept: %s', (_what, e) => {
    expect(isValidEvent(e)).toBe(true);
  });
});

describe('an event with one field out of range is corrupt', () => {
  it.each<[string, unknown]>([
    // the record itself
    ['null', null],
    ['a number', 5],
    ['a function carrying every field of a beat', fnWith(GOOD.beat)],
    ['an unknown kind', good('beat', { k: 'nap' })],
    ['a zone 16 h 1 min east', good('beat', { tz: 16 * 60 + 1 })],
    ['seq −1', good('beat', { seq: -1 })],
    ['seq 1.5', good('beat', { seq: 1.5 })],
    // activated / removed
    ['activated on tab −1', good('activated', { tabId: -1 })],
    ['activated on tab 2.5', good('activated', { tabId: 2.5 })],
    ['activated on tab "3"', good('activated', { tabId: '3' })],
    ['removed from window −2', good('removed', { windowId: -2 })],
    ['removed from window 1.5', good('removed', { windowId: 1.5 })],
    ['removed from window −0.5', good('removed', { windowId: -0.5 })],
    // tab
    ['a tab event on tab −1', good('tab', { tabId: -1 })],
    ['a tab event on tab 0.5', good('tab', { tabId: 0.5 })],
    ['a tab event in window −2', good('tab', { windowId: -2 })],
    ['a url with its query', good('tab', { url: 'https://a.test/inbox?token=s3cret' })],
    ['a url with its fragment', good('tab', { url: 'https://a.test/inbox#msg' })],
    ['an empty url', good('tab', { url: '' })],
    [`a url of ${MAX_PAGE_URL + 257} characters`, good('tab', { url: 'u'.repeat(MAX_PAGE_URL + 257) })],
    ['a url that is a list of one string', good('tab', { url: ['https://a.test/inbox'] })],
    ['no url but a domain', good('tab', { url: null, domain: 'a.test' })],
    ['a url but no domain', good('tab', { domain: null })],
    ['an empty domain', good('tab', { domain: '' })],
    ['a domain of 254 characters', good('tab', { domain: 'd'.repeat(254) })],
    ['a domain that is a list of one string', good('tab', { domain: ['a.test'] })],
    ['a title of 4,097 characters', good('tab', { title: 't'.repeat(4_097) })],
    ['a title that is an empty list', good('tab', { title: [] })],
    ['audible "yes"', good('tab', { audible: 'yes' })],
    ['lastAccessed before 1970', good('tab', { lastAccessed: -1 })],
    ['lastAccessed as text', good('tab', { lastAccessed: String(T) })],
    ['nav "yes"', good('tab', { nav: 'yes' })],
    // windowRemoved / focus
    ['focus on window −2', good('focus', { windowId: -2 })],
    ['windowRemoved of window 0.5', good('windowRemoved', { windowId: 0.5 })],
    // idle
    ['idle state "asleep"', good('idle', { state: 'asleep' })],
    ['idle state missing', good('idle', { state: undefined })],
    ['idle since before 1970', good('idle', { since: -1 })],
    // beat
    ['a beat scheduled before 1970', good('beat', { scheduled: -1 })],
    ['a beat scheduled past the Date range', good('beat', { scheduled: 8.7e15 })],
    // boot
    ['a boot whose front is a number', bootWith(5)],
    ['a boot whose front is 0', bootWith(0)],
    ['a boot whose front is a function carrying every field', bootWith(fnWith(GOOD.boot.front))],
    ['a boot whose front window is −2', bootWith({ ...GOOD.boot.front, windowId: -2 })],
    ['a boot whose front tab is −1', bootWith({ ...GOOD.boot.front, tabId: -1 })],
    ['a boot whose front became active before 1970', bootWith({ ...GOOD.boot.front, lastAccessed: -1 })],
    // snapshot
    ['a snapshot focused on window −2', good('snapshot', { focused: -2 })],
    ['a snapshot focused on window −2 with no tabs', good('snapshot', { focused: -2, tabs: [] })],
    ['a snapshot whose tabs are not a list', good('snapshot', { tabs: { length: 0 } })],
    ['a snapshot of 10,001 tabs', good('snapshot', { tabs: Array.from({ length: 10_001 }, (_, i) => snapTab({ tabId: i })) })],
    ['a snapshot holding null', snapshotOf(null)],
    ['a snapshot holding a number', snapshotOf(7)],
    ['a snapshot holding a function carrying every field of a tab', snapshotOf(fnWith(snapTab({})))],
    ['a snapshot tab on tab −1', snapshotOf(snapTab({ tabId: -1 }))],
    ['a snapshot tab with a query in its url', snapshotOf(snapTab({ url: 'https://a.test/?q=1' }))],
    ['a snapshot tab active before 1970', snapshotOf(snapTab({ lastAccessed: -1 }))],
    ['a snapshot tab with no lastAccessed field', snapshotOf(snapTab({ lastAccessed: undefined }))],
    // pause
    ['pause "true"', good('pause', { paused: 'true' })],
    // config
    ['countAudibleWhileIdle "yes"', good('config', { countAudibleWhileIdle: 'yes' })],
    ['a gap of 1.5 ms', good('config', { gapMs: 1.5 })],
    ['a gap as text', good('config', { gapMs: '75000' })],
    ['a gap of 0 ms', good('config', { gapMs: 0 })],
    ['a gap of −75 s', good('config', { gapMs: -75_000 })],
    ['a gap of one day and 1 ms', good('config', { gapMs: 86_400_001 })],
    // outage
    ['an outage since before 1970', good('outage', { since: -1 })],
    ['an outage until past the Date range', good('outage', { until: 8.7e15 })],
    ['an outage that ends before it starts', good('outage', { since: T - 1_000, until: T - 1_001 })],
    ['an outage that ends after it was recorded', good('outage', { until: T + 1 })],
  ])('corrupt: %s', (_what, e) => {
    expect(isValidEvent(e)).toBe(false);
  });
});

describe('checkEvents', () => {
  it('a log with a zero-length gap setting between two beats: the beats fold, the setting is set aside', () => {
    const badConfig = good('config', { seq: 8, gapMs: 0 });
    const { good: kept, corrupt } = checkEvents([GOOD.beat, badConfig, good('beat', { seq: 9 })]);
    expect(kept.map((e) => e.seq)).toEqual([7, 9]);
    expect(corrupt).toEqual([badConfig]);
  });
});
