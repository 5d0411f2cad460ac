// Diagnostics: what the aggregator did and holds (diagnostics command), plus "Aggregate now" and
// "Verify consistency" (recompute covered days from raw events and list any differences).
import type { RunSummary } from '../core/api.ts';
import { buildDiagnosticsView, buildVerifyView } from '../ui/diagnostics-model.ts';
import { byId, h, setText } from '../ui/dom.ts';
import { formatNumber } from '../ui/format.ts';
import { t } from '../ui/i18n.ts';
import { describeError } from '../ui/error-message.ts';
import { send } from '../ui/messaging.ts';

export function mountDiagnostics(locale: string): { refresh(): Promise<void> } {
  const status = byId('diag-status');

  const refresh = async (): Promise<void> => {
    const d = buildDiagnosticsView(await send({ type: 'diagnostics' }), Date.now(), t('lockFree'), locale);
    setText(byId('diag-pending'), d.pending);
    setText(byId('diag-watermark'), d.watermark);
    setText(byId('diag-lock'), d.lock);
    setText(byId('diag-lock-expires'), d.lockExpires);
    setText(byId('diag-generation'), d.rollovers === null ? d.generation : t('diagGenerationRolledOver', d.generation, d.rollovers));
    setText(byId('diag-open-visit'), d.openVisit);
    byId('diag-counters').replaceChildren(
      ...d.counters.flatMap((c) => [h('dt', {}, t(`counter_${c.key}`)), h('dd', { id: `diag-counter-${c.key}`, 'data-testid': `diag-counter-${c.key}` }, c.value)]),
    );
    byId('diag-runs').replaceChildren(
      ...d.runs.map((r) => h('tr', { 'data-testid': 'diag-run' }, ...[r.when, r.trigger, r.events, r.batches, r.duration, r.lock, r.errors].map((x) => h('td', {}, x)))),
    );
    const errors = d.errors.map((e) => h('li', { 'data-testid': 'diag-error' }, `${e.when} · ${e.where}: ${e.message}`));
    byId('diag-errors').replaceChildren(...(errors.length ? errors : [h('li', { class: 'subtle' }, t('none'))]));
  };

  const busy = (button: HTMLButtonElement, work: () => Promise<void>): void => {
    button.disabled = true;
    work()
      .catch((e: unknown) => setText(status, describeError(e, (text) => t('errorDiagnostics', text))))
      .finally(() => {
        button.disabled = false;
      });
  };

  const summary = (r: RunSummary): string =>
    t('runSummary', formatNumber(r.events, locale), formatNumber(r.batches, locale), formatNumber(r.durationMs, locale), r.lock) + (r.more ? ` ${t('runMore')}` : '');

  const refreshButton = byId<HTMLButtonElement>('diag-refresh');
  refreshButton.addEventListener('click', () => busy(refreshButton, refresh));

  const aggregate = byId<HTMLButtonElement>('diag-aggregate');
  aggregate.addEventListener('click', () =>
    busy(aggregate, async () => {
      setText(status, summary(await send({ type: 'aggregateNow' })));
      await refresh();
    }));

  const verify = byId<HTMLButtonElement>('diag-verify');
  verify.addEventListener('click', () =>
    busy(verify, async () => {
      setText(status, t('verifying'));
      const v = buildVerifyView(await send({ type: 'verify' }), locale);
      byId('verify-result').hidden = false;
      const verifyStatus = byId('verify-status');
      verifyStatus.className = v.ok ? 'ok' : 'error';
      verifyStatus.dataset.ok = String(v.ok);
      setText(verifyStatus, v.ok ? t('verifyOk') : t('verifyDiffers', formatNumber(v.differences.length, locale)));
      setText(byId('verify-coverage'), v.coveredDays ? t('verifyCoverage', v.coverage, formatNumber(v.coveredDays, locale)) : t('verifyNoCoverage'));
      byId('verify-table').hidden = v.differences.length === 0;
      byId('verify-differences').replaceChildren(
        ...v.differences.map((x) => h('tr', { 'data-testid': 'verify-difference' }, ...[x.day, x.domain, x.stored, x.recomputed, x.delta].map((c) => h('td', {}, c)))),
      );
      setText(status, '');
    }));

  return { refresh };
}
