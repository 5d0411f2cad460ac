// The block page: why the site is blocked — a focus session (until when) or a daily limit (the
// site's or its category's: the limit, the time used today, when it resets) — and "5 more
// minutes" for a limit (unless strict, or already used today; never for a session). All it is told
// comes from its own URL and is checked (core/block-page.ts); every text goes in as text.
//
// A focus block lifts by itself: the page asks the worker again just after the focus period ends
// (phaseEndsAt + 500 ms) and whenever the stored session changes (a boundary announced, the
// session stopped from the popup), and returns to the blocked page once nothing blocks it.
import { blockParams, blockReason, nextStep, type BlockParams, type BlockReason } from '../core/block-page.ts';
import type { LimitView } from '../core/api.ts';
import { FOCUS_STORAGE_KEY } from '../core/focus.ts';
import { applyI18n, t, uiLocale } from '../ui/i18n.ts';
import { send, errorText } from '../ui/messaging.ts';
import { formatClock, formatDuration, neutralizeBidi } from '../ui/format.ts';
import { byId, setText } from '../ui/dom.ts';
import { onlyHours } from '../ui/limit-hours.ts';

/** The page has somewhere to return to: the tab's history, else the blocked page's origin + path. */
const canGoBack = (p: BlockParams): boolean => history.length > 1 || !!p.back;

/** Back to the blocked page: through the tab's history, which still holds its whole URL (Dwell
 *  never wrote its query anywhere), else to its origin + path. */
function goBack(p: BlockParams): void {
  if (history.length > 1) history.back();
  else if (p.back) location.replace(p.back);
}

function setTitle(key: string): void {
  const title = t(key);
  setText(byId('block-heading'), title);
  document.title = title;
}

/** The lines of a daily limit (or, with none, that none applies). */
function showLimit(info: LimitView | null): void {
  const locale = uiLocale();
  const lines = ['block-limit', 'block-used', 'block-reset'].map((id) => byId(id));
  for (const el of lines) el.hidden = !info;
  if (!info) return;
  const limit = formatDuration(info.minutes * 60_000, locale);
  const used = formatDuration(info.usedMs, locale);
  // A category's limit counts all its sites together: its name says whose time is shown.
  const category = info.category === undefined ? null : neutralizeBidi(info.category);
  setText(lines[0]!, (category === null ? t('blockLimit', limit) : t('blockLimitCategory', category, limit)) + onlyHours(info.window, locale));
  setText(lines[1]!, category === null ? t('blockUsed', used) : t('blockUsedCategory', category, used));
  setText(lines[2]!, t('blockReset', formatClock(info.resetAt, locale)));
}

function show(p: BlockParams, reason: BlockReason): void {
  const locale = uiLocale();
  setText(byId('block-site'), p.site);
  byId('block-back').hidden = !p.back && history.length <= 1;
  const focus = byId('block-focus');
  const cycle = byId('block-cycle');
  focus.hidden = reason.kind !== 'focus';
  cycle.hidden = reason.kind !== 'focus' || reason.cycles <= 1;
  const snooze = byId('block-snooze');
  if (reason.kind === 'focus') {
    setTitle('blockFocusTitle');
    const until = formatClock(reason.until, locale);
    // With a used-up limit as well, the site is not back when the period ends: the limit says until when.
    setText(focus, reason.limit ? t('blockFocusThenLimit', until) : t('blockFocusUntil', until));
    setText(cycle, t('focusCycleOf', String(reason.cycle), String(reason.cycles)));
    showLimit(reason.limit);
    snooze.hidden = true; // "5 more minutes" lifts a limit, never a session
    return;
  }
  setTitle(reason.kind === 'none' ? 'blockNothingTitle' : 'blockTitle');
  showLimit(reason.limit);
  if (!reason.limit) {
    const line = byId('block-limit');
    line.hidden = false;
    setText(line, t('blockNoLimit'));
  }
  snooze.hidden = reason.kind !== 'limit' || !reason.limit.canSnooze;
}

function problem(text: string): void {
  const el = byId('block-problem');
  setText(el, text);
  el.hidden = false;
}

async function main(): Promise<void> {
  applyI18n();
  const p = blockParams(location.search);
  if (!p) return problem(t('blockBadLink'));
  byId('block-back').addEventListener('click', () => goBack(p));
  byId('block-snooze').addEventListener('click', () => {
    send({ type: 'snoozeLimit', site: p.site }).then(
      ({ granted }) => (granted ? goBack(p) : problem(t('blockSnoozeRefused'))),
      (e: unknown) => problem(t('blockError', errorText(e))),
    );
  });

  /** What the page shows now: the last evaluation's reason (null before the first answer). */
  let shown: BlockReason['kind'] | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let asking = 0;
  const evaluate = async (): Promise<void> => {
    const mine = ++asking;
    const [focus, limit] = await Promise.all([
      // undefined: no answer (a worker without sessions still shows the limit).
      send({ type: 'focusInfo', site: p.site }).catch(() => undefined),
      send({ type: 'limitInfo', site: p.site }),
    ]);
    if (mine !== asking) return; // a later evaluation (a storage change meanwhile) decides
    const next = nextStep(shown, focus, limit, canGoBack(p), Date.now());
    if (next.step === 'back') return goBack(p);
    if (next.step === 'retry') return recheck(next.at);
    shown = next.reason.kind;
    show(p, next.reason);
    recheck(next.recheckAt);
  };
  const recheck = (at: number | null): void => {
    if (timer !== null) clearTimeout(timer);
    timer = at === null ? null : setTimeout(() => void evaluate().catch(report), Math.max(0, at - Date.now()));
  };
  const report = (e: unknown): void => {
    if (shown === null) show(p, blockReason(null, null));
    problem(t('blockError', errorText(e)));
  };
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && FOCUS_STORAGE_KEY in changes) evaluate().catch(report);
  });
  await evaluate().catch(report);
}

void main();
