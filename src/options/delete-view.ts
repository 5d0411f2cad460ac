// Delete history: one site (every day), one day, or everything — each behind a confirmation.
import type { DeleteScope } from '../core/api.ts';
import { byId, h, setText } from '../ui/dom.ts';
import { formatNumber } from '../ui/format.ts';
import { t } from '../ui/i18n.ts';
import { describeError } from '../ui/error-message.ts';
import { send } from '../ui/messaging.ts';
import { parseDayToDelete, parseSiteToDelete, type Parsed } from '../ui/options-model.ts';
import { confirmAction } from '../ui/confirm.ts';

export function mountDelete(locale: string, onDeleted: () => void): { showSites(domains: string[]): void } {
  const status = byId('delete-status');
  const siteInput = byId<HTMLInputElement>('delete-site-input');
  const dayInput = byId<HTMLInputElement>('delete-day-input');

  const run = async (scope: DeleteScope, question: string): Promise<void> => {
    if (!(await confirmAction(question, t('delete')))) return;
    try {
      const r = await send({ type: 'deleteHistory', scope });
      setText(status, t('deleted', formatNumber(r.deletedDays, locale), formatNumber(r.deletedRows, locale)));
      onDeleted();
    } catch (e) {
      setText(status, describeError(e, (text) => t('errorDelete', text)));
    }
  };

  const guarded = (parsed: Parsed<string>, go: (value: string) => Promise<void>): void => {
    if (!parsed.ok) {
      setText(status, t(parsed.problem.key, ...parsed.problem.subs));
      return;
    }
    void go(parsed.value);
  };

  byId('delete-site').addEventListener('click', () =>
    guarded(parseSiteToDelete(siteInput.value), (site) => run({ site }, t('confirmDeleteSite', site))));
  byId('delete-day').addEventListener('click', () =>
    guarded(parseDayToDelete(dayInput.value), (day) => run({ day }, t('confirmDeleteDay', day))));
  byId('delete-all').addEventListener('click', () => void run({ all: true }, t('confirmDeleteAll')));

  return {
    showSites(domains) {
      byId('known-sites').replaceChildren(...domains.map((d) => h('option', { value: d })));
    },
  };
}
