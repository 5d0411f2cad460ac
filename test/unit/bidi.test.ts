// Issue 12, item 6: a page's title may carry bidi controls that reorder what the popup shows
// ("invoice\u202Efdp.exe" reads "invoiceexe.pdf"). The store keeps the title as the page set it;
// the popup shows it neutralised, and shows markup as the text it is.
import { describe, expect, it } from 'vitest';
import { HOSTILE_TITLES } from '../fixtures/bad-input/titles.ts';
import { neutralizeBidi } from '../../src/ui/format.ts';
import { buildPageRows } from '../../src/ui/popup-model.ts';

/** Every bidi control Unicode defines (UAX #9, "explicit directional formatting" and the marks). */
const BIDI_CONTROLS = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
const controlsIn = (s: string): number[] => [...s].map((c) => c.codePointAt(0)!).filter((c) => BIDI_CONTROLS.includes(c));

describe('titles are shown with bidi controls neutralised', () => {
  it('the corpus has controls of every kind in it', () => {
    const all = new Set(HOSTILE_TITLES.flatMap((h) => controlsIn(h.title)));
    expect([...all].sort((a, b) => a - b)).toEqual(BIDI_CONTROLS);
  });

  it.each(HOSTILE_TITLES)('$name', ({ title, shown }) => {
    const text = neutralizeBidi(title);
    expect(text).toBe(shown);
    expect(controlsIn(text)).toEqual([]);
  });

  it('what the popup lists for a site: its page titles, neutralised, everything else kept', () => {
    const pages = HOSTILE_TITLES.map((h, i) => ({ url: `https://example.com/${i}`, title: h.title, ms: 1_000 + i, visits: 1 }));
    const rows = buildPageRows({ domain: 'example.com', ms: 100_000, visits: 1, pages }, 'Other pages', 'en') ?? [];
    expect(rows).toHaveLength(HOSTILE_TITLES.length);
    for (const row of rows) {
      const i = Number(row.url.split('/').pop());
      expect(neutralizeBidi(row.title)).toBe(HOSTILE_TITLES[i]!.shown);
    }
  });

  it('leaves ordinary titles untouched', () => {
    for (const t of ['Inbox (3) – Mail', 'Ünïcödé — 日本語のタイトル', '']) expect(neutralizeBidi(t)).toBe(t);
  });
});
