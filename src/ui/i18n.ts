// Every visible string comes from public/_locales/<lang>/messages.json via chrome.i18n.
// Static markup names its message in data-i18n* attributes; code calls t().

/** A message, with $1…$9 substitutions. A missing message shows its key, so a gap is visible
 *  (and the messages unit test fails) instead of rendering as nothing. */
export function t(key: string, ...subs: Array<string | number>): string {
  const msg = chrome.i18n.getMessage(key, subs.map(String));
  return msg || key;
}

/** The UI locale for Intl formatting (the browser's UI language, not the page's). */
export function uiLocale(): string {
  try {
    return chrome.i18n.getUILanguage();
  } catch {
    return navigator.language;
  }
}

const ATTRS: Array<[string, string | null]> = [
  ['data-i18n', null],
  ['data-i18n-aria-label', 'aria-label'],
  ['data-i18n-title', 'title'],
  ['data-i18n-placeholder', 'placeholder'],
];

/** Fill the static page: data-i18n="<key>" sets text, data-i18n-aria-label / -title / -placeholder
 *  set those attributes. */
export function applyI18n(root: ParentNode = document): void {
  for (const [data, attr] of ATTRS) {
    for (const el of root.querySelectorAll(`[${data}]`)) {
      const key = el.getAttribute(data) ?? '';
      if (attr) el.setAttribute(attr, t(key));
      else el.textContent = t(key);
    }
  }
  document.documentElement.lang = uiLocale();
}
