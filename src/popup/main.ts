// Popup: today's total, the site in front, a range switch, a daily chart and the top sites with
// their pages — live, re-queried every second (the numbers include the open visit).
//
// Stable hooks for e2e tests (id = data-testid unless noted):
//   today-total            today's total (text)
//   pause-toggle           pause/resume button; data-paused="true|false"
//   paused-note            shown while paused
//   current-site           section for the site in front (hidden when none, or when the site has
//                          a row, which then stands in for it); inside:
//     current-domain, current-time, current-title
//   limit-note             the daily limit of the site in front and the time left (hidden when none);
//                          for a category's limit, the category's name and its time used today
//   focus (section)        a focus session: focus-start-25, focus-start-50, focus-minutes (own
//                          length, whole minutes) + focus-start; while one runs focus-status
//                          ("Focus · 24:59" / "Break · 04:59"), focus-cycle ("Cycle 2 of 4", hidden
//                          for one period) and focus-stop; focus-problem (role=alert) says why a
//                          start was refused, focus-setup links to the options' #focus section
//   range-today, range-7d, range-30d, range-all   range buttons (aria-pressed="true" = selected)
//   chart                  <figure> (hidden for Today/All); svg data-testid="chart-svg",
//                          bars data-testid="chart-bar" data-day="YYYY-MM-DD"
//   range-total            total of the selected range
//   site-list              <ul>; rows: li data-testid="site-row" data-domain="…"
//                          (aria-current="true" on the site in front), inside: button
//                          data-testid="site-toggle" (aria-expanded), site-domain, site-time,
//                          site-share, site-now-title (on the current row), and ul data-testid="page-list" with li data-testid="page-row"
//                          data-url="…" (page-title, page-path, page-time)
//   sites-rest             "+ N more sites" button (aria-expanded): shows up to 200 more rows
//   sites-note             "Showing 200 of N more sites" when that is not all of them
//   empty-state            shown when the range has no time
//   popup-error            error line (role=alert)
//   exclude-site           "Don't track <site in front>" (adds *.site to the exclusions)
//   excluded-note          says which site is no longer tracked
//   open-options           opens the options page
// body[data-source] = "direct" | "message" once the first answer arrived (which source served it).
import type { FocusView, LimitView, QueryResult } from '../core/api.ts';
import { FOCUS_STORAGE_KEY } from '../core/focus.ts';
import { buildChart } from '../ui/chart-model.ts';
import { describeError } from '../ui/error-message.ts';
import { byId, setText } from '../ui/dom.ts';
import { applyI18n, t, uiLocale } from '../ui/i18n.ts';
import { formatClock, formatDuration, formatNumber, neutralizeBidi } from '../ui/format.ts';
import { errorText, send } from '../ui/messaging.ts';
import { focusPanel, focusRefusal, parseFocusMinutes, type Message } from '../ui/focus-model.ts';
import { MORE_ROWS, ROWS, buildPageRows, buildPopupView, excludeSite, faviconUrl, limitNote, pauseEnd, type LimitNote, type PopupView } from '../ui/popup-model.ts';
import { isRangeKind, rangeFor, type RangeKind } from '../ui/range.ts';
import { settingsStore } from '../ui/settings.ts';
import { dashboardUrl } from '../ui/dashboard-url.ts';
import { onlyHours } from '../ui/limit-hours.ts';
import { createTicker } from '../ui/ticker.ts';
import { renderChart } from './chart.ts';
import { SiteList } from './site-list.ts';
import { createPopupSource } from './source.ts';

const RANGE_KEY = 'dwell.popup.range';
const locale = uiLocale();
const icon = (pageUrl: string): string => faviconUrl(pageUrl, (p) => chrome.runtime.getURL(p));

let kind: RangeKind = (() => {
  const saved = localStorage.getItem(RANGE_KEY);
  return isRangeKind(saved) ? saved : 'today';
})();
let expanded: string | null = null;
let showMore = false;
let paused = false;
let pausedUntil = 0;

const els = {
  today: byId('today-total'),
  pause: byId<HTMLButtonElement>('pause-toggle'),
  pausedNote: byId('paused-note'),
  pauseFor: byId('pause-for'),
  current: byId('current'),
  currentIcon: byId<HTMLImageElement>('current-favicon'),
  currentDomain: byId('current-domain'),
  currentTime: byId('current-time'),
  currentTitle: byId('current-title'),
  range: byId('range'),
  chart: byId('chart'),
  rangeTotal: byId('range-total'),
  exclude: byId<HTMLButtonElement>('exclude-site'),
  excludedNote: byId('excluded-note'),
  limitNote: byId('limit-note'),
  rest: byId('sites-rest'),
  restNote: byId('sites-note'),
  empty: byId('empty'),
  error: byId('error'),
};

let source = 'direct';
const stats = createPopupSource((e) => {
  source = 'message';
  console.warn('Dwell: reading the database directly failed; asking the worker instead.', e);
});
const sites = new SiteList(
  byId<HTMLUListElement>('sites'),
  { now: t('nowBadge'), loading: t('loading'), pagesOf: (d) => t('pagesOf', d) },
  icon,
  (domain) => {
    expanded = expanded === domain ? null : domain;
    void ticker.kick();
  },
);

function showError(e: unknown): void {
  els.error.hidden = false;
  // A rollback left a newer database: say so and that the data is safe, not just "could not load".
  setText(els.error, describeError(e, (text) => t('errorLoad', text)));
}

function render(r: QueryResult): void {
  const view = buildPopupView(r, locale, ROWS, showMore ? MORE_ROWS : 0);
  setText(els.today, view.todayText);
  els.current.hidden = !view.current || view.current.inList;
  if (view.current) {
    const src = icon(view.current.icon);
    if (els.currentIcon.getAttribute('src') !== src) els.currentIcon.src = src;
    setText(els.currentDomain, view.current.label);
    setText(els.currentTime, view.current.time);
    setText(els.currentTitle, neutralizeBidi(view.current.title));
  }
  showExclude(view.current);
  showLimit(r.current);
  setText(els.rangeTotal, view.rangeText);
  const pages = expanded ? buildPageRows(r.sites.find((s) => s.domain === expanded), t('otherPages'), locale) : null;
  sites.update(view.rows, expanded, pages);
  renderRest(view.rest);
  els.empty.hidden = !view.empty;
  if (view.empty) setText(els.empty, t(kind === 'today' ? 'emptyToday' : 'emptyRange'));
  const chart = r.range !== 'all' && (kind === '7d' || kind === '30d') ? buildChart(r.daily, r.range, r.today, { width: 300, height: 64, gap: 2 }, locale) : null;
  renderChart(els.chart, chart, chart ? t(kind === '7d' ? 'chartCaption7' : 'chartCaption30', chart.maxText) : '');
  document.body.dataset.source = source;
  // Which range the numbers on screen belong to (tests and the benchmark wait for it).
  document.body.dataset.renderedRange = r.range === 'all' ? 'all' : kind;
}

function renderRest(rest: PopupView['rest']): void {
  els.rest.hidden = !rest;
  els.restNote.hidden = !rest || !showMore || rest.shown >= rest.count;
  if (!rest) return;
  els.rest.setAttribute('aria-expanded', String(showMore));
  setText(els.rest, showMore ? t('fewerSites') : t('moreSites', formatNumber(rest.count, locale), rest.time));
  if (!els.restNote.hidden) setText(els.restNote, t('moreShownOf', formatNumber(rest.shown, locale), formatNumber(rest.count, locale)));
}

let inFront: { domain: string; label: string } | null = null;

/** The limit of the site in front, asked of the worker once per site and local hour (it knows
 *  today's snooze; a limit's window of the day opens or closes on the hour). */
let limitOf: { site: string; hour: number; info: LimitView | null } | null = null;

function showLimit(current: QueryResult['current']): void {
  const site = current?.domain ?? null;
  const hour = new Date().getHours();
  if (site && (limitOf?.site !== site || limitOf.hour !== hour)) {
    // The last answer for this site stands until the new one arrives (no blink on the hour).
    const asked = { site, hour, info: limitOf?.site === site ? limitOf.info : null };
    limitOf = asked;
    send({ type: 'limitInfo', site })
      .then((info) => {
        asked.info = info;
        if (limitOf === asked) void ticker.kick();
      })
      .catch(() => undefined); // no limit shown: the block page still enforces it
  }
  const note = current && limitOf?.site === current.domain ? limitNote(limitOf.info, current.msToday, Date.now()) : null;
  els.limitNote.hidden = !note;
  if (!note) return;
  // A limit for some hours of the day says which: its time and its block hold only then.
  setText(els.limitNote, limitText(note) + onlyHours(note.window, locale));
}

function limitText(note: LimitNote): string {
  const limit = formatDuration(note.limitMs, locale);
  const left = formatDuration(note.leftMs, locale);
  if (note.category === null) return note.reached ? t('limitNoteReached', limit) : t('limitNoteLeft', limit, left);
  // A category's limit: its name (the user's own text) and the time of all its sites today.
  const name = neutralizeBidi(note.category);
  const used = formatDuration(note.usedMs, locale);
  return note.reached ? t('limitNoteCategoryReached', name, limit, used) : t('limitNoteCategoryLeft', name, limit, used, left);
}

// ---- focus session -------------------------------------------------------------------------
// The worker owns the session (its plan is stored when it starts); the popup asks where it stands
// when it opens, when the stored session changes and when the phase shown is over by its clock,
// and counts the phase down on the ticker in between.
const focus = {
  section: byId('focus'),
  idle: byId('focus-idle'),
  own: byId('focus-own'),
  running: byId('focus-running'),
  status: byId('focus-status'),
  cycle: byId('focus-cycle'),
  stop: byId<HTMLButtonElement>('focus-stop'),
  minutes: byId<HTMLInputElement>('focus-minutes'),
  problem: byId('focus-problem'),
  setupLine: byId('focus-setup-line'),
  setup: byId<HTMLAnchorElement>('focus-setup'),
};
const FOCUS_OPTIONS = 'src/options/options.html#focus';
let focusView: FocusView | null = null;
/** The phase end already asked about: the answer may still name it for a moment (clock skew). */
let askedAtEnd: number | null = null;

const say = (m: Message): string => t(m.key, ...m.subs);

function askFocus(): void {
  send({ type: 'focusInfo' })
    .then((view) => {
      focusView = view;
      showFocus();
    })
    .catch(() => undefined); // the last answer stays shown; the next change or phase end asks again
}

function showFocusProblem(text: string | null, setup = false): void {
  focus.problem.hidden = text === null;
  setText(focus.problem, text ?? '');
  focus.setupLine.hidden = !setup;
}

function showFocus(now = Date.now()): void {
  const panel = focusPanel(focusView, now);
  focus.idle.hidden = panel.kind === 'running';
  focus.own.hidden = panel.kind === 'running';
  focus.running.hidden = panel.kind !== 'running';
  if (panel.kind === 'running') {
    setText(focus.status, `${t(panel.phaseKey)} · ${panel.countdown}`);
    focus.cycle.hidden = !panel.cycle;
    setText(focus.cycle, panel.cycle ? say(panel.cycle) : '');
    if (panel.phaseOver && focusView && askedAtEnd !== focusView.phaseEndsAt) {
      askedAtEnd = focusView.phaseEndsAt;
      askFocus();
    }
  }
}

/** The button pressed is gone (Start became Stop, or back): the keyboard stays in the section. */
function refocus(hadFocus: boolean): void {
  if (!hadFocus || focus.section.contains(document.activeElement)) return;
  (focus.running.hidden ? byId<HTMLButtonElement>('focus-start-25') : focus.stop).focus();
}

function startFocus(minutes: number, own: boolean): void {
  const hadFocus = focus.section.contains(document.activeElement);
  const buttons = [...focus.section.querySelectorAll<HTMLButtonElement>('#focus-idle button, #focus-own button')];
  for (const b of buttons) b.disabled = true;
  showFocusProblem(null);
  send({ type: 'focusStart', minutes })
    .then((r) => {
      if (r.problem) {
        const refusal = focusRefusal(r.problem);
        showFocusProblem(say(refusal.message), refusal.setup);
        return;
      }
      focusView = r.view;
      showFocus();
      // The popup's own length is remembered for next time (the options page edits it too); the
      // session runs whether or not that is saved.
      if (own) settingsStore.save({ focusMinutes: minutes }).catch(() => undefined);
    })
    .catch((e: unknown) => showFocusProblem(t('focusError', errorText(e))))
    .finally(() => {
      for (const b of buttons) b.disabled = false;
      showFocus();
      refocus(hadFocus);
    });
}

function startOwn(): void {
  const parsed = parseFocusMinutes(focus.minutes.value);
  if (!parsed.ok) {
    focus.minutes.setAttribute('aria-invalid', 'true');
    showFocusProblem(say(parsed.problem));
    return;
  }
  focus.minutes.removeAttribute('aria-invalid');
  startFocus(parsed.minutes, true);
}

for (const id of ['focus-start-25', 'focus-start-50']) {
  const b = byId<HTMLButtonElement>(id);
  b.addEventListener('click', () => startFocus(Number(b.dataset.minutes), false));
}
byId('focus-start').addEventListener('click', startOwn);
focus.minutes.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') {
    e.preventDefault();
    startOwn();
  }
});
focus.stop.addEventListener('click', () => {
  const hadFocus = focus.section.contains(document.activeElement);
  focus.stop.disabled = true;
  send({ type: 'focusStop' })
    .then(() => {
      focusView = null;
      showFocusProblem(null);
    })
    .catch((e: unknown) => showFocusProblem(t('focusError', errorText(e))))
    .finally(() => {
      focus.stop.disabled = false;
      showFocus();
      refocus(hadFocus);
    });
});
focus.setup.href = chrome.runtime.getURL(FOCUS_OPTIONS);
focus.setup.addEventListener('click', (e) => {
  e.preventDefault(); // a link followed in the popup would open the options inside the popup
  chrome.tabs.create({ url: chrome.runtime.getURL(FOCUS_OPTIONS) }).catch(showError);
});
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && FOCUS_STORAGE_KEY in changes) askFocus();
});

function showExclude(current: PopupView['current']): void {
  inFront = current;
  els.exclude.hidden = !current;
  if (current) setText(els.exclude, t('dontTrackSite', current.label));
}

async function refresh(): Promise<void> {
  const asked = { kind, expanded };
  const now = Date.now();
  showFocus(now);
  // All history has 10,000 sites in a long profile: ask only for the rows the list can show.
  const limit = kind === 'all' ? ROWS + (showMore ? MORE_ROWS : 0) : undefined;
  const result = await stats.query(rangeFor(kind, now), expanded ? { pages: expanded, now } : { now, ...(limit !== undefined ? { limit } : {}) });
  // The user switched range or expanded another site meanwhile: the ticker runs again at once.
  if (asked.kind !== kind || asked.expanded !== expanded) return;
  els.error.hidden = true;
  render(result);
}

const ticker = createTicker(refresh, 1000, showError);

function showRange(): void {
  for (const b of els.range.querySelectorAll<HTMLButtonElement>('button[data-range]')) b.setAttribute('aria-pressed', String(b.dataset.range === kind));
}

function showPaused(): void {
  els.pause.dataset.paused = String(paused);
  setText(els.pause, t(paused ? 'resume' : 'pause'));
  els.pausedNote.hidden = !paused;
  els.pauseFor.hidden = paused;
  setText(els.pausedNote, pausedUntil > 0 ? t('pausedUntilNote', formatClock(pausedUntil, uiLocale())) : t('pausedNote'));
}

/** A timed pause from the popup; the worker resumes it at `until` (its own alarm). */
function pauseUntil(until: number): void {
  send({ type: 'setPaused', paused: true, until })
    .then((r) => {
      paused = r.paused;
      pausedUntil = until;
      showPaused();
    })
    .catch(showError);
}
byId('pause-hour').addEventListener('click', () => pauseUntil(pauseEnd('hour', Date.now())));
byId('pause-tomorrow').addEventListener('click', () => pauseUntil(pauseEnd('tomorrow', Date.now())));

els.range.addEventListener('click', (e) => {
  const next = (e.target as Element).closest<HTMLButtonElement>('button[data-range]')?.dataset.range;
  if (!isRangeKind(next) || next === kind) return;
  kind = next;
  showMore = false;
  localStorage.setItem(RANGE_KEY, kind);
  showRange();
  void ticker.kick();
});

els.rest.addEventListener('click', () => {
  showMore = !showMore;
  void ticker.kick();
});

els.pause.addEventListener('click', () => {
  els.pause.disabled = true;
  send({ type: 'setPaused', paused: !paused })
    .then((r) => {
      paused = r.paused;
      pausedUntil = 0;
      showPaused();
    })
    .catch(showError)
    .finally(() => {
      els.pause.disabled = false;
    });
});

els.exclude.addEventListener('click', () => {
  const site = inFront;
  if (!site) return;
  els.exclude.disabled = true;
  settingsStore
    .load()
    .then(async (f) => {
      const rules = excludeSite(f.excludedSites, site.domain);
      if (rules) await settingsStore.save({ excludedSites: rules });
      els.excludedNote.hidden = false;
      setText(els.excludedNote, t('siteNotTracked', site.label));
    })
    .catch(showError)
    .finally(() => {
      els.exclude.disabled = false;
    });
});

// Every site of the range, sortable and searchable: the dashboard's all-sites table, in a tab.
byId('open-dashboard').addEventListener('click', () => {
  chrome.tabs.create({ url: chrome.runtime.getURL(dashboardUrl('sites', { r: kind })) }).catch(showError);
});

byId('open-options').addEventListener('click', () => {
  chrome.runtime.openOptionsPage().catch(showError);
});

// Today's numbers first: the query opens the database now, which runs while the rest is set up
// (every line below finishes before its answer can be rendered).
const firstPaint = ticker.start();
applyI18n();
showRange();
showPaused();
/** The own-length field starts at the saved length, unless the user is typing in it. */
function showFocusMinutes(minutes: number): void {
  if (document.activeElement !== focus.minutes && focus.minutes.getAttribute('aria-invalid') !== 'true') focus.minutes.value = String(minutes);
}
settingsStore.onChange((f) => {
  paused = f.paused;
  pausedUntil = f.pausedUntil;
  showPaused();
  showFocusMinutes(f.focusMinutes);
});
settingsStore.load()
  .then((f) => {
    paused = f.paused;
    pausedUntil = f.pausedUntil;
    showPaused();
    showFocusMinutes(f.focusMinutes);
  })
  .catch(showError);
// The worker is asked about a focus session once the numbers are on screen: a stopped worker's
// start then does not compete with the first paint.
void firstPaint.then(askFocus);
