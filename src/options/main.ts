// Options page: what a person decides first (tracking, excluded sites, limits, categories, export /
// import, delete history), then tuning, safety features and diagnostics under Advanced.
//
// Stable hooks for e2e tests (id = data-testid):
//   settings-status                  "Saved" / save errors (role=status)
//   open-dashboard, open-categories  links to the dashboard (overview, categories)
//   advanced (details), advanced-toggle (its summary): storage, safety features and diagnostics;
//                                    open when the URL ends in #advanced
//   setting-<key>                    number inputs: idleSeconds, heartbeatSeconds, batchSize,
//                                    rawEventRetentionDays, historyRetentionDays;
//                                    setting-<key>-problem holds the input's error
//   setting-countAudibleWhileIdle, setting-recordIncognito   checkboxes
//   flag-processingLock, flag-batchProcessing, flag-sequenceTracking   feature-flag checkboxes
//   incognito-access                 whether Chrome's "Allow in Incognito" is on (data-allowed)
//   excluded-list (li data-testid="excluded-item" data-rule, button "excluded-remove"),
//   exclude-input, exclude-add, exclude-problem
//   limit-list (li "limit-item" data-site, input "limit-item-minutes", button "limit-remove"),
//   limit-site, limit-minutes, limit-day-<0..6>, limit-add, limit-problem, limit-strict
//   category-limit-list (li "category-limit-item" data-category, input "category-limit-item-minutes",
//   button "category-limit-remove"), category-limit-category (select), category-limit-minutes,
//   category-limit-day-<0..6>, category-limit-add, category-limit-problem,
//   category-limit-no-categories (shown, with a link to the dashboard, while there are none)
//   focus (section id; options.html#focus): focus-sites (li "focus-site" data-site, button
//   "focus-site-remove"), focus-site-input, focus-site-add, focus-site-problem, focus-categories
//   (fieldset; checkboxes "focus-category-<id>"), focus-categories-none, focus-length,
//   focus-break, focus-cycles (number inputs; "<id>-problem" holds each one's error)
//   export-json, export-csv, export-status (data-filename after a download)
//   import-file, import-progress, import-error, import-preview (import-days, import-sites,
//   import-total, import-period), import-mode-merge, import-mode-replace, import-confirm,
//   import-cancel, import-result
//   delete-site-input, delete-site, delete-day-input, delete-day, delete-all, delete-status,
//   confirm-dialog (confirm-text, confirm-ok, confirm-cancel) for every deletion and import "replace"
//   diag-refresh, diag-aggregate, diag-verify, diag-status, diag-pending, diag-watermark, diag-lock,
//   diag-lock-expires, diag-generation, diag-open-visit, diag-counter-<events|gaps|reconstructed|
//   recoveries|clockJumps>, diag-runs (tr "diag-run"), diag-errors (li "diag-error"),
//   verify-result (verify-status with data-ok, verify-coverage, verify-differences with tr "verify-difference")
// body[data-ready="true"] once settings are shown.
import { byId, setText } from '../ui/dom.ts';
import { dashboardUrl } from '../ui/dashboard-url.ts';
import { applyI18n, t, uiLocale } from '../ui/i18n.ts';
import { describeError, knownErrorKey } from '../ui/error-message.ts';
import { errorText, send } from '../ui/messaging.ts';
import { settingsStore } from '../ui/settings.ts';
import type { Settings } from '../settings/defaults.ts';
import { mountDelete } from './delete-view.ts';
import { mountDiagnostics } from './diagnostics-view.ts';
import { mountExclusions } from './exclusions.ts';
import { mountLimits } from './limits-view.ts';
import { mountCategoryLimits } from './category-limits-view.ts';
import { mountFocusOptions } from './focus-view.ts';
import { mountExport } from './export-view.ts';
import { mountImport } from './import-view.ts';
import { mountSettingsForm } from './settings-form.ts';

const locale = uiLocale();
applyI18n();
byId<HTMLAnchorElement>('open-dashboard').href = chrome.runtime.getURL(dashboardUrl('overview'));
for (const id of ['open-categories', 'category-limit-make', 'focus-make-categories']) byId<HTMLAnchorElement>(id).href = chrome.runtime.getURL(dashboardUrl('categories'));
// Tuning and diagnostics wait under Advanced; a link to #advanced (or a reload there) opens it.
const advanced = byId<HTMLDetailsElement>('advanced');
if (location.hash === '#advanced') advanced.open = true;
advanced.addEventListener('toggle', () => history.replaceState(null, '', advanced.open ? '#advanced' : location.pathname));

const status = byId('settings-status');
const announce = (ok: boolean, message: string): void => {
  status.className = ok ? 'status ok' : 'status error';
  // Cleared first so a second "Saved" in a row is announced again.
  setText(status, '');
  requestAnimationFrame(() => setText(status, message));
};

const form = mountSettingsForm({ tracking: byId('tracking-fields'), storage: byId('storage-fields'), flags: byId('flag-fields') }, announce);
const exclusions = mountExclusions(announce);
const limits = mountLimits(announce);
const categoryLimits = mountCategoryLimits(announce);
const focus = mountFocusOptions(announce);
const show = (flags: Settings): void => {
  form.show(flags);
  exclusions.show(flags);
  limits.show(flags);
  categoryLimits.show(flags);
  focus.show(flags);
};

const diagnostics = mountDiagnostics(locale);
const reportDiag = (e: unknown): void => setText(byId('diag-status'), describeError(e, (text) => t('errorDiagnostics', text)));

const deleter = mountDelete(locale, () => afterDataChange());
function afterDataChange(): void {
  diagnostics.refresh().catch(reportDiag);
  send({ type: 'query', range: 'all' })
    .then((r) => deleter.showSites(r.sites.map((s) => s.domain)))
    .catch((e: unknown) => {
      deleter.showSites([]); // only the suggestion list is lost
      // A database from a newer Dwell refuses every command: say so at the top, where it is seen.
      if (knownErrorKey(e)) announce(false, describeError(e, errorText));
    });
}

mountExport();
mountImport(locale, afterDataChange);

chrome.extension
  .isAllowedIncognitoAccess()
  .then((allowed) => {
    const el = byId('incognito-access');
    el.dataset.allowed = String(allowed);
    setText(el, t(allowed ? 'incognitoAllowed' : 'incognitoNotAllowed'));
  })
  .catch(() => undefined); // unknown: the line stays empty

settingsStore.onChange(show);
settingsStore.load()
  .then((flags) => {
    show(flags);
    // The popup's "Choose what a session blocks" opens #focus: the lists filled in above it have
    // moved it since the browser scrolled to it.
    if (location.hash === '#focus') byId('focus').scrollIntoView();
    document.body.dataset.ready = 'true';
  })
  .catch((e: unknown) => announce(false, t('errorLoad', errorText(e))));
afterDataChange();
