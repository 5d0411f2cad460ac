// The export file format, pure: validation of untrusted files (import), a summary for previews,
// and the CSV rendering. Used by the options page (preview before writing) and by the engine.
//
// Format (version 1):
//   { format: "dwell-export", version: 1, exportedAt: ISO-8601 string,
//     days: [{ date: "YYYY-MM-DD", sites: [{ domain, ms, visits, pages: [{ url, title, ms, visits?, other? }] }] }] }
//   (page `visits` was added later, optional: older files import with 0 page visits)
// Version 2 = version 1 + what follows, each optional (a field absent is not in the file's data):
//   categories: [{ id, name, colour: "#rrggbb", rules: ["example.com" | "*.example.com"] }]
//   (core/categories.ts);
//   days[].sites[].hours: [24 whole ms, one per local hour 0–23], adding up to at most the site's
//   ms (core/hours.ts: the rest is time without an hour — rows written before Dwell kept hours,
//   or imported from a file without them). Version 1 files still import. Export writes version 2.
//
// Decisions (documented here because the engine relies on them):
// - Whatever Dwell stores it can export and import again (export ∘ import is the identity), so
//   the limits below bound what the STORE can hold, not what one machine can count in a day.
//   One machine counts at most MAX_DAY_MS in a local day (only one visit counts at any instant),
//   but a merge replaces each day × site row whole with the file's, so a day that several files
//   (machines) fill holds their sites side by side — 60 h made of many sites is a valid day.
//   There is therefore no cap on a day's sum.
// - ms and visits of a row (day × site, and each page) are whole, non-negative and at most
//   MAX_ROW_MS / MAX_ROW_VISITS: MAX_SAFE_INTEGER / (the number of dates the store can name,
//   1970-01-01 … 2999-12-31), ~23.9 × 10⁹ (277 days of time). A site's all-time rollup sums one
//   row per date, so it stays an exact integer; 2⁵³−1 visits in one row would make it inexact.
//   A store passes the cap only by living one date over and over (the clock set back into it
//   ~130 times, each pass adding at most MAX_DAY_MS) or by capture topping up a hand-made row
//   already at the cap; the fold never clips counted time, so such a row is named on re-import.
// - Domains are what capture stores (registrable.ts storedDomain over a parsed URL): the
//   registrable domain, when it passes the one rule capture, import and "Delete one site" share
//   (domains.ts isStorableDomain: a lower-case LDH host name, punycode for Unicode names, a
//   canonical IPv4 address, or an IPv6 address as the URL standard writes it, without brackets).
//   So "__proto__", "<b>", 'a"onmouseover="…', "my_host", "news.bbc.co.uk" (capture keeps
//   "bbc.co.uk") and "1.2.3" are refused, and every imported site is one "Delete one site" can
//   name. A public-suffix list that
//   dropped a suffix since the file was written can make an old domain fail this test: it is
//   refused with its path, never rewritten.
// - The pages of a site may sum to LESS than the site's ms (a hand-made or trimmed file may omit
//   page detail, even `pages: []`), never to more: pages are a breakdown of the site's time.
// - Pages: at most PAGE_CAP_PER_SITE_DAY distinct rows plus one `other: true` row whose url is
//   OTHER_URL; every other url must be one capture could store (isStorablePageUrl: http(s)
//   origin + path as the URL parser writes it, so no query, fragment or user name); a file with
//   any other url is refused, naming the day, site and url, never stripped; no url twice within
//   a day × site. Titles are cleaned as capture cleans them (title.ts).
// - No date twice in a file, no domain twice within a day. Dates are 1970-01-01 … 2999-12-31.
// - Unknown keys are ignored and never copied: the result is rebuilt from known fields only.
//   "__proto__", "constructor" and "prototype" keys anywhere reject the file (JSON.parse makes
//   them plain own properties, so nothing is polluted by reading them; they are simply refused).
// - Strings are bounded (EXPORT_LIMITS) so a hostile file cannot balloon the database.
import { OTHER_URL, PAGE_CAP_PER_SITE_DAY, type Day } from './aggregates.ts';
import type { ExportFile, ExportPage, ExportSite } from './api.ts';
import { isStorableDomain, isStorablePageUrl, parseWebUrl, siteUrl } from './domains.ts';
import { DAY_MS, MAX_TIME, MIN_TIME, isValidDay } from './days.ts';
import { storedDomain } from './registrable.ts';
import { cleanTitle } from './title.ts';
import { hoursProblem } from './hours.ts';
import { CATEGORY_LIMITS, cleanName, isCategoryId, isColour, normalizeCategoryRule, type Category } from './categories.ts';

export { isValidDay };

export const EXPORT_FORMAT = 'dwell-export';
export const EXPORT_VERSION = 2;
/** Every version a file may have: a newer one adds optional fields to the one before. */
export const IMPORT_VERSIONS: readonly number[] = [1, 2];
/** The longest local day (24 h plus a move from UTC+14 to UTC−12): what one machine can count
 *  in a day. Not a limit on a stored day, which merges can fill from several machines. */
export const MAX_DAY_MS = 50 * 3_600_000;
const STORABLE_DATES = (MAX_TIME + 1 - MIN_TIME) / DAY_MS;
/** Per row (day × site, day × page): a site's sum over every storable date stays exact. */
export const MAX_ROW_MS = Math.floor(Number.MAX_SAFE_INTEGER / STORABLE_DATES);
export const MAX_ROW_VISITS = MAX_ROW_MS;

export const EXPORT_LIMITS = {
  days: 36_600,
  sitesPerDay: 10_000,
  pagesPerSite: PAGE_CAP_PER_SITE_DAY + 1,
  domainLength: 253,
  urlLength: 8_192,
  titleLength: 4_096,
  exportedAtLength: 64,
} as const;

export type ExportValidation = { ok: true; file: ExportFile } | { ok: false; error: string };
export interface ValidationProgress {
  done: number;
  total: number;
}

class Invalid extends Error {}
const fail = (path: string, message: string): never => {
  throw new Invalid(`${path}: ${message}`);
};

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
type Obj = Record<string, unknown>;

function object(x: unknown, path: string): Obj {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) fail(path, 'expected an object');
  const o = x as Obj;
  for (const key of Object.keys(o)) if (FORBIDDEN_KEYS.has(key)) fail(`${path}.${key}`, 'forbidden key');
  return o;
}
/** Own properties only: an inherited "constructor" must never stand in for a missing field. */
const own = (o: Obj, key: string): unknown => (Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined);

function array(x: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(x)) fail(path, 'expected an array');
  const a = x as unknown[];
  if (a.length > max) fail(path, `too many entries (${a.length}, at most ${max})`);
  return a;
}
function count(x: unknown, path: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) fail(path, 'expected a non-negative integer');
  const n = x as number;
  if (n > max) fail(path, `too large (${n}, at most ${max})`);
  return n;
}
function text(x: unknown, path: string, max: number, min = 0): string {
  if (typeof x !== 'string') fail(path, 'expected a string');
  const s = x as string;
  if (s.length > max) fail(path, `string too long (${s.length} characters, at most ${max})`);
  if (s.length < min) fail(path, 'expected a non-empty string');
  return s;
}

/** The row a page belongs to, named in its reasons: a path alone is hard to find in a big file. */
interface RowName {
  date: string;
  domain: string;
}
/** Long enough to recognise the page, short enough that a hostile url cannot flood the message. */
const quoted = (url: string): string => JSON.stringify(url.length > 200 ? `${url.slice(0, 200)}…` : url);

function page(x: unknown, path: string, row: RowName): ExportPage {
  const o = object(x, path);
  const other = own(o, 'other');
  if (other !== undefined && typeof other !== 'boolean') fail(`${path}.other`, 'expected true or false');
  const url = text(own(o, 'url'), `${path}.url`, EXPORT_LIMITS.urlLength, 1);
  if (other === true) {
    if (url !== OTHER_URL) fail(`${path}.url`, `expected "${OTHER_URL}" for the other-pages row`);
  } else if (!parseWebUrl(url)) {
    fail(`${path}.url`, 'expected an http(s) URL');
  } else if (!isStorablePageUrl(url)) {
    // Refused, not stripped: a file holding a query string was not written by Dwell, and what it
    // means to hold is not for the import to guess.
    fail(`${path}.url`, `expected a page address as Dwell stores it (origin and path: no query, fragment or user name) — on ${row.date}, site ${row.domain}, page ${quoted(url)}`);
  }
  // Cleaned as capture cleans it: Chrome's title of a page without <title> is its URL, query included.
  const title = cleanTitle(text(own(o, 'title'), `${path}.title`, EXPORT_LIMITS.titleLength));
  const ms = count(own(o, 'ms'), `${path}.ms`, MAX_ROW_MS);
  // Optional: files written before page visits were exported have none (they import as 0).
  const rawVisits = own(o, 'visits');
  const visits = rawVisits === undefined ? {} : { visits: count(rawVisits, `${path}.visits`, MAX_ROW_VISITS) };
  return other === true ? { url, title, ms, ...visits, other: true } : { url, title, ms, ...visits };
}

/** A domain capture could have stored (see the header), or the reason it is not one. */
function domainProblem(domain: string): string | null {
  if (domain !== domain.toLowerCase()) return 'expected a lower-case domain name';
  if (!isStorableDomain(domain)) return 'expected a domain name (a host name, an IPv4 address or an IPv6 address)';
  const registrable = storedDomain(siteUrl(domain));
  return registrable === domain ? null : `expected a registrable domain (Dwell records ${JSON.stringify(registrable)}, not ${JSON.stringify(domain)})`;
}

/** Domains repeat on every day of a file: each distinct one is checked once per validation. */
type DomainCheck = (domain: string, path: string) => void;
function domainChecker(): DomainCheck {
  const good = new Set<string>();
  return (domain, path) => {
    if (good.has(domain)) return;
    const problem = domainProblem(domain);
    if (problem) fail(path, problem);
    good.add(domain);
  };
}

/** Version 2 slots, copied (never the file's own array) or absent. */
function hoursOf(o: Obj, path: string, ms: number, version: number): Pick<ExportSite, 'hours'> {
  const raw = own(o, 'hours');
  if (raw === undefined || version < 2) return {};
  const problem = hoursProblem(raw, ms);
  if (problem) fail(`${path}.hours`, problem);
  return { hours: [...(raw as number[])] };
}

function site(x: unknown, path: string, date: string, checkDomain: DomainCheck, version: number): ExportSite {
  const o = object(x, path);
  const domain = text(own(o, 'domain'), `${path}.domain`, EXPORT_LIMITS.domainLength, 1);
  checkDomain(domain, `${path}.domain`);
  const ms = count(own(o, 'ms'), `${path}.ms`, MAX_ROW_MS);
  const visits = count(own(o, 'visits'), `${path}.visits`, MAX_ROW_VISITS);
  const raw = array(own(o, 'pages'), `${path}.pages`, EXPORT_LIMITS.pagesPerSite);
  const pages: ExportPage[] = [];
  const urls = new Set<string>();
  let pageMs = 0;
  raw.forEach((p, i) => {
    const pg = page(p, `${path}.pages[${i}]`, { date, domain });
    if (urls.has(pg.url)) fail(`${path}.pages[${i}].url`, `duplicate page ${JSON.stringify(pg.url)}`);
    urls.add(pg.url);
    pageMs += pg.ms;
    pages.push(pg);
  });
  if (pageMs > ms) fail(`${path}.pages`, `pages add up to ${pageMs} ms, more than the site's ${ms} ms`);
  return { domain, ms, visits, pages, ...hoursOf(o, path, ms, version) };
}

function day(x: unknown, path: string, checkDomain: DomainCheck, version: number): { date: Day; sites: ExportSite[] } {
  const o = object(x, path);
  const date = text(own(o, 'date'), `${path}.date`, 10);
  if (!isValidDay(date)) fail(`${path}.date`, 'expected a valid date as YYYY-MM-DD');
  const raw = array(own(o, 'sites'), `${path}.sites`, EXPORT_LIMITS.sitesPerDay);
  const sites: ExportSite[] = [];
  const domains = new Set<string>();
  raw.forEach((s, i) => {
    const st = site(s, `${path}.sites[${i}]`, date, checkDomain, version);
    if (domains.has(st.domain)) fail(`${path}.sites[${i}].domain`, `duplicate domain ${JSON.stringify(st.domain)} on ${date}`);
    domains.add(st.domain);
    sites.push(st);
  });
  return { date, sites };
}

/** A file's categories as Dwell writes them (core/categories.ts), or the reason with its path.
 *  Refused rather than cleaned, as every other field: a rule with a scheme, path or query string,
 *  a repeated id or a bad colour was not written by Dwell. A name is trimmed as the editor trims. */
export function categoriesOf(x: unknown, path = 'categories'): Category[] {
  const raw = array(x, path, CATEGORY_LIMITS.categories);
  const ids = new Set<string>();
  return raw.map((entry, i) => {
    const at = `${path}[${i}]`;
    const o = object(entry, at);
    const id = text(own(o, 'id'), `${at}.id`, CATEGORY_LIMITS.idLength, 1);
    if (!isCategoryId(id)) fail(`${at}.id`, 'expected letters, digits, "-" or "_"');
    if (ids.has(id)) fail(`${at}.id`, `duplicate category id ${JSON.stringify(id)}`);
    ids.add(id);
    const name = cleanName(text(own(o, 'name'), `${at}.name`, CATEGORY_LIMITS.nameLength * 4, 1));
    if (!name) fail(`${at}.name`, 'expected a non-empty name');
    const colour = text(own(o, 'colour'), `${at}.colour`, 7, 1);
    if (!isColour(colour)) fail(`${at}.colour`, 'expected a colour as #rrggbb (lower case)');
    const rules = array(own(o, 'rules'), `${at}.rules`, CATEGORY_LIMITS.rulesPerCategory).map((r, j) => rule(r, `${at}.rules[${j}]`));
    const repeated = rules.findIndex((r, j) => rules.indexOf(r) !== j);
    if (repeated >= 0) fail(`${at}.rules[${repeated}]`, `duplicate rule ${JSON.stringify(rules[repeated])}`);
    return { id, name, colour, rules };
  });
}

function rule(x: unknown, path: string): string {
  const r = text(x, path, EXPORT_LIMITS.domainLength + 2, 1);
  if (normalizeCategoryRule(r) !== r) fail(path, `expected a domain or *.domain as Dwell stores it (lower case, punycode, no scheme, path, query or fragment), got ${quoted(r)}`);
  return r;
}

/** The fields a version adds, read from the root: each version's reader extends the one before. */
function extras(root: Obj, version: number): Pick<ExportFile, 'categories'> {
  if (version < 2) return {};
  const categories = own(root, 'categories');
  return categories === undefined ? {} : { categories: categoriesOf(categories) };
}

/** Validation in steps of `daysPerStep` days, yielding progress between steps, so a page can
 *  show a progress bar and stay responsive on large files. Returns the result when done. */
export function* validateExportSteps(data: unknown, daysPerStep = 200): Generator<ValidationProgress, ExportValidation, void> {
  try {
    const root = object(data, '(file)');
    if (own(root, 'format') !== EXPORT_FORMAT) fail('format', `expected "${EXPORT_FORMAT}" (this is not a Dwell export)`);
    const version = own(root, 'version');
    if (typeof version !== 'number' || !IMPORT_VERSIONS.includes(version)) fail('version', `unsupported version ${JSON.stringify(version) ?? 'undefined'} (expected ${IMPORT_VERSIONS.join(' or ')})`);
    const v = version as ExportFile['version'];
    const exportedAt = text(own(root, 'exportedAt'), 'exportedAt', EXPORT_LIMITS.exportedAtLength, 1);
    if (Number.isNaN(Date.parse(exportedAt))) fail('exportedAt', 'expected a date and time (ISO 8601)');
    // Read before the days: a bad category is named at once, not after a long validation.
    const added = extras(root, v);
    const raw = array(own(root, 'days'), 'days', EXPORT_LIMITS.days);
    const days: ExportFile['days'] = [];
    const dates = new Set<string>();
    const checkDomain = domainChecker();
    for (let i = 0; i < raw.length; i++) {
      const d = day(raw[i], `days[${i}]`, checkDomain, v);
      if (dates.has(d.date)) fail(`days[${i}].date`, `duplicate day ${d.date}`);
      dates.add(d.date);
      days.push(d);
      if ((i + 1) % daysPerStep === 0 && i + 1 < raw.length) yield { done: i + 1, total: raw.length };
    }
    return { ok: true, file: { format: EXPORT_FORMAT, version: v, exportedAt, days, ...added } };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: e.message };
    throw e;
  }
}

/** Full validation in one go. The result is a fresh object holding only the documented fields. */
export function validateExport(data: unknown): ExportValidation {
  const steps = validateExportSteps(data, Number.MAX_SAFE_INTEGER);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** days = days in the file, sites = distinct domains, totalMs = all site time. */
export function summarizeExport(file: ExportFile): { days: number; sites: number; totalMs: number } {
  const domains = new Set<string>();
  let totalMs = 0;
  for (const d of file.days) {
    for (const s of d.sites) {
      domains.add(s.domain);
      totalMs += s.ms;
    }
  }
  return { days: file.days.length, sites: domains.size, totalMs };
}

/** One CSV field (RFC 4180), safe to open in a spreadsheet. A text field starting with = + - @
 *  (or tab / CR) would run as a formula in Excel, LibreOffice or Sheets (CSV injection), so it gets
 *  a leading single quote, which spreadsheets show as text. Then a field holding a comma, a quote,
 *  CR or LF is quoted and its quotes doubled. Numbers are written as they are. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per day × site, in file order: `date,domain,ms,visits`. CRLF line ends (RFC 4180),
 *  including after the last row. */
export function toCsv(file: ExportFile): string {
  const lines = ['date,domain,ms,visits'];
  for (const d of file.days) {
    for (const s of d.sites) lines.push([csvField(d.date), csvField(s.domain), csvField(s.ms), csvField(s.visits)].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
