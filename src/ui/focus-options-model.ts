// The options page's edits of what a focus session blocks, pure. A typed site is checked exactly as
// a daily limit's site is (core/limit-rules.ts checkSiteLimit, with the host mapped to the
// registrable domain Dwell counts it under): a session blocks whole sites, as a limit does, and an
// excluded site is refused, since Dwell never sees its tabs and so could not block them.
import { checkSiteLimit } from '../core/limit-rules.ts';
import { siteUrl } from '../core/domains.ts';
import { storedDomain } from '../core/registrable.ts';
import { asciiExclusion } from '../core/idn.ts';
import type { Category } from '../core/categories.ts';
import { splitEntries } from './options-model.ts';

/** At most this many sites (the stored session holds every one of them). */
export const MAX_FOCUS_SITES = 500;

export interface FocusSitesEdit {
  next: string[];
  added: string[];
  /** Typed entries that name no site. */
  invalid: string[];
  /** Sites Dwell does not track (the exclusion list). */
  excluded: string[];
  /** Already in the list (after mapping: "https://www.news.test/x" is news.test). */
  duplicates: string[];
  /** The list is full: these were not added. */
  overflow: string[];
}

const siteOf = (host: string): string | null => storedDomain(siteUrl(host));

/** Typed entries (spaces, commas or new lines between them) added to the list, each as its site. */
export function addFocusSites(current: readonly string[], text: string, excludedSites: readonly string[]): FocusSitesEdit {
  const next = [...current];
  const edit: FocusSitesEdit = { next, added: [], invalid: [], excluded: [], duplicates: [], overflow: [] };
  for (const entry of splitEntries(text)) {
    // The minutes are a limit's, not ours: only the site part of the check is asked.
    const r = checkSiteLimit({ site: asciiExclusion(entry), minutes: 1 }, excludedSites, siteOf);
    if (!r.ok) (r.problem === 'excluded' ? edit.excluded : edit.invalid).push(entry);
    else if (next.includes(r.rule.site)) edit.duplicates.push(r.rule.site);
    else if (next.length >= MAX_FOCUS_SITES) edit.overflow.push(r.rule.site);
    else {
      next.push(r.rule.site);
      edit.added.push(r.rule.site);
    }
  }
  return edit;
}

export const removeFocusSite = (current: readonly string[], site: string): string[] => current.filter((s) => s !== site);

/** A category checked or unchecked; ids of categories deleted since stay as they were. */
export function setFocusCategory(current: readonly string[], id: string, on: boolean): string[] {
  const rest = current.filter((c) => c !== id);
  return on ? [...rest, id] : rest;
}

/** The categories to offer, in the user's order, each with whether it is chosen. */
export const focusCategoryChoices = (categories: readonly Category[], chosen: readonly string[]): Array<{ id: string; name: string; checked: boolean }> =>
  categories.map((c) => ({ id: c.id, name: c.name, checked: chosen.includes(c.id) }));
