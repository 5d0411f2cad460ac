// The options page's rules, pure: which fields exist, how typed input is checked, how the
// excluded-sites list changes. Messages are i18n keys (+ substitutions); the page translates.
import { limits, type Settings } from '../settings/defaults.ts';
import { normalizeExclusion } from '../core/domains.ts';
import { asciiExclusion } from '../core/idn.ts';
import { storedDomain } from '../core/registrable.ts';
import { isValidDay } from '../core/days.ts';

export type SafetyFlag = 'processingLock' | 'batchProcessing' | 'sequenceTracking';
export type NumberKey = keyof typeof limits;
export type ToggleKey = 'countAudibleWhileIdle' | 'recordIncognito' | 'dailySummary';

/** Message keys: <key>Label, <key>What (what it does), <key>Risk (risk of turning it off). */
export const SAFETY_FLAGS: readonly SafetyFlag[] = ['processingLock', 'batchProcessing', 'sequenceTracking'];

export interface NumberField {
  key: NumberKey;
  min: number;
  max: number;
  /** Message key of the unit shown after the input. */
  unit: 'unitSeconds' | 'unitDays' | 'unitEvents';
}

export const NUMBER_FIELDS: readonly NumberField[] = [
  { key: 'idleSeconds', ...limits.idleSeconds, unit: 'unitSeconds' },
  { key: 'heartbeatSeconds', ...limits.heartbeatSeconds, unit: 'unitSeconds' },
  { key: 'batchSize', ...limits.batchSize, unit: 'unitEvents' },
  { key: 'rawEventRetentionDays', ...limits.rawEventRetentionDays, unit: 'unitDays' },
  { key: 'historyRetentionDays', ...limits.historyRetentionDays, unit: 'unitDays' },
];

export interface Problem {
  key: string;
  subs: string[];
}
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: Problem };

/** Typed text → a whole number inside the field's limits. Out-of-range input is refused with a
 *  message rather than silently clamped, so what is saved is what the user sees. */
export function parseNumberField(field: Pick<NumberField, 'min' | 'max'>, raw: string): Parsed<number> {
  const s = raw.trim();
  const range = { key: 'errorRange', subs: [String(field.min), String(field.max)] };
  if (!/^\d+$/.test(s)) return { ok: false, problem: { key: 'errorWholeNumber', subs: [String(field.min), String(field.max)] } };
  const n = Number(s);
  if (n < field.min || n > field.max) return { ok: false, problem: range };
  return { ok: true, value: n };
}

/** Split what was typed in the "add sites" box: commas, spaces and new lines separate entries. */
export function splitEntries(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}

export interface ExclusionEdit {
  next: string[];
  added: string[];
  invalid: string[];
  /** Already in the list (after normalizing: "WWW.Example.com/x" is "www.example.com"). */
  duplicates: string[];
}

/** What a person types must look like a site: "not a domain" is three words, not three host
 *  names. So a typed rule names a dotted domain, an IP address, localhost, or a wildcard
 *  ("*.intranet" for a one-label name). Only typing is held to this: a stored single-label rule
 *  stays valid (normalizeExclusion), so no saved exclusion is ever dropped. */
function looksLikeSite(rule: string): boolean {
  return rule.startsWith('*.') || rule.includes('.') || rule.startsWith('[') || rule === 'localhost';
}

/** Add typed entries to the list: each is normalized (normalizeExclusion); invalid ones are
 *  reported and nothing of them is stored. */
export function addExclusions(current: readonly string[], text: string): ExclusionEdit {
  const next = [...current];
  const edit: ExclusionEdit = { next, added: [], invalid: [], duplicates: [] };
  for (const entry of splitEntries(text)) {
    const rule = normalizeExclusion(asciiExclusion(entry));
    if (!rule || !looksLikeSite(rule)) edit.invalid.push(entry);
    else if (next.includes(rule)) edit.duplicates.push(rule);
    else {
      next.push(rule);
      edit.added.push(rule);
    }
  }
  return edit;
}

export const removeExclusion = (current: readonly string[], rule: string): string[] => current.filter((r) => r !== rule);

/** A bare IPv6 address ("::1", "2001:db8::1", "[::1]"): two colons at least, which no host
 *  name with a port has. Such input gets the brackets a URL writes it with. */
const IPV6 = /^\[?([0-9a-f.]*:[0-9a-f.]*:[0-9a-f:.]*)\]?$/;

/** What was typed, as a URL whose host is the site, or null. */
function siteInputUrl(raw: string): string | null {
  const ipv6 = IPV6.exec(raw.trim().toLowerCase());
  if (ipv6) return `https://[${ipv6[1]}]/`;
  const host = normalizeExclusion(raw);
  return host && !host.startsWith('*.') ? `https://${host}/` : null;
}

/** "Delete one site" input → the site name history is kept under ("www.bbc.co.uk",
 *  "https://news.bbc.co.uk/x" → "bbc.co.uk", "[::1]" → "::1"), by the rule capture stores with
 *  (storedDomain), or a problem. */
export function parseSiteToDelete(raw: string): Parsed<string> {
  const url = siteInputUrl(raw);
  const domain = url ? storedDomain(url) : null;
  return domain ? { ok: true, value: domain } : { ok: false, problem: { key: 'errorSite', subs: [raw.trim()] } };
}

export function parseDayToDelete(raw: string): Parsed<string> {
  return isValidDay(raw) ? { ok: true, value: raw } : { ok: false, problem: { key: 'errorDay', subs: [] } };
}

/** The fields a settings form shows, from the current flags. */
export function formValues(flags: Settings): Record<NumberKey, string> & Record<SafetyFlag | ToggleKey, boolean> {
  const out = {} as Record<NumberKey, string> & Record<SafetyFlag | ToggleKey, boolean>;
  for (const f of NUMBER_FIELDS) out[f.key] = String(flags[f.key]);
  for (const k of SAFETY_FLAGS) out[k] = flags[k];
  out.countAudibleWhileIdle = flags.countAudibleWhileIdle;
  out.dailySummary = flags.dailySummary;
  out.recordIncognito = flags.recordIncognito;
  return out;
}
