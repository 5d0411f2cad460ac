// The block page: which limit, the time used today, when it resets, and "5 more minutes"
// (unless strict, or already used today). All it is told comes from its own URL and is checked
// (core/block-page.ts); every text goes in as text.
import { blockParams, type BlockParams } from '../core/block-page.ts';
import type { LimitView } from '../core/api.ts';
import { applyI18n, t, uiLocale } from '../ui/i18n.ts';
import { send, errorText } from '../ui/messaging.ts';
import { formatClock, formatDuration } from '../ui/format.ts';
import { byId, setText } from '../ui/dom.ts';

/** Back to the blocked page: through the tab's history, which still holds its whole URL (Dwell
 *  never wrote its query anywhere), else to its origin + path. */
function goBack(p: BlockParams): void {
  if (history.length > 1) history.back();
  else if (p.back) location.replace(p.back);
}

function show(p: BlockParams, info: LimitView | null): void {
  const locale = uiLocale();
  setText(byId('block-site'), p.site);
  const back = byId<HTMLButtonElement>('block-back');
  back.hidden = !p.back && history.length <= 1;
  if (!info) {
    setText(byId('block-limit'), t('blockNoLimit'));
    return;
  }
  setText(byId('block-limit'), t('blockLimit', formatDuration(info.minutes * 60_000, locale)));
  setText(byId('block-used'), t('blockUsed', formatDuration(info.usedMs, locale)));
  setText(byId('block-reset'), t('blockReset', formatClock(info.resetAt, locale)));
  byId('block-snooze').hidden = !info.canSnooze || !info.blocked;
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
  try {
    show(p, await send({ type: 'limitInfo', site: p.site }));
  } catch (e) {
    show(p, null);
    problem(t('blockError', errorText(e)));
  }
}

void main();
