// Choosing what a focus session blocks on the options page: sites typed as a daily limit's are
// (the same check), and the categories of the user's, ticked or not.
import { describe, expect, it } from 'vitest';
import { addFocusSites, focusCategoryChoices, MAX_FOCUS_SITES, removeFocusSite, setFocusCategory } from '../../src/ui/focus-options-model.ts';

describe('adding the sites a session blocks', () => {
  it('"https://news.bbc.co.uk/x www.reddit.com" are bbc.co.uk and reddit.com: a session blocks whole sites, as Dwell counts them', () => {
    const edit = addFocusSites([], 'https://news.bbc.co.uk/x www.reddit.com', []);
    expect(edit.next).toEqual(['bbc.co.uk', 'reddit.com']);
    expect(edit.added).toEqual(['bbc.co.uk', 'reddit.com']);
  });

  it('a Unicode name is stored as the browser writes it', () => {
    expect(addFocusSites([], 'bücher.test', []).next).toEqual(['xn--bcher-kva.test']);
  });

  it('the valid part of a typed list is added; what is not a site, what is excluded and what is there already are named', () => {
    const edit = addFocusSites(['news.test'], 'news.test, http://my_host/, bank.test, video.test', ['*.bank.test']);
    expect(edit).toEqual({
      next: ['news.test', 'video.test'],
      added: ['video.test'],
      invalid: ['http://my_host/'],
      excluded: ['bank.test'],
      duplicates: ['news.test'],
      overflow: [],
    });
  });

  it('an excluded site is refused: Dwell never sees its tabs, so a session could not block it', () => {
    expect(addFocusSites([], 'https://www.bank.test/login', ['bank.test'])).toMatchObject({ added: [], excluded: ['https://www.bank.test/login'] });
  });

  it('a full list takes no more', () => {
    const full = Array.from({ length: MAX_FOCUS_SITES }, (_, i) => `s${i}.test`);
    expect(addFocusSites(full, 'one-more.test', [])).toMatchObject({ added: [], overflow: ['one-more.test'] });
  });

  it('remove takes the one site out', () => {
    expect(removeFocusSite(['a.test', 'b.test'], 'a.test')).toEqual(['b.test']);
  });
});

describe('the categories a session blocks', () => {
  const categories = [
    { id: 'social', name: 'Social', colour: '#3366cc', rules: ['social.test'] },
    { id: 'news', name: 'News', colour: '#cc6633', rules: ['news.test'] },
  ];

  it('offered in the user\'s order, the chosen ones ticked', () => {
    expect(focusCategoryChoices(categories, ['news'])).toEqual([
      { id: 'social', name: 'Social', checked: false },
      { id: 'news', name: 'News', checked: true },
    ]);
  });

  it('ticking Social adds it; unticking News takes it out; a deleted category chosen before stays chosen (an import may bring it back)', () => {
    expect(setFocusCategory(['gone', 'news'], 'social', true)).toEqual(['gone', 'news', 'social']);
    expect(setFocusCategory(['gone', 'news'], 'news', false)).toEqual(['gone']);
    expect(setFocusCategory(['news'], 'news', true)).toEqual(['news']);
  });
});
