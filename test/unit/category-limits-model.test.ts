// Editing category limits on the options page: what is saved, and why a limit is refused — the
// same minutes and weekdays rules as a site's limit (core/limit-rules.ts checkCategoryLimit).
import { describe, expect, it } from 'vitest';
import { addCategoryLimit, categoryName, categoryProblemKey, removeCategoryLimit, setCategoryLimitMinutes } from '../../src/ui/category-limits-model.ts';

const categories = [
  { id: 'social', name: 'Social', colour: '#3366cc', rules: ['social.test', 'chat.test'] },
  { id: 'news', name: 'News', colour: '#cc6633', rules: ['news.test'] },
];
const typed = (category: string, minutes: string, weekdays: number[] = []) => ({ category, minutes, weekdays });

describe('adding a category limit', () => {
  it('Social, 30 minutes a day', () => {
    expect(addCategoryLimit([], typed('social', '30'), categories)).toEqual({ ok: true, next: [{ category: 'social', minutes: 30 }] });
  });

  it('weekdays: all seven or none is every day; some is a rule for those days', () => {
    expect(addCategoryLimit([], typed('news', '10', [0, 1, 2, 3, 4, 5, 6]), categories)).toEqual({ ok: true, next: [{ category: 'news', minutes: 10 }] });
    expect(addCategoryLimit([], typed('news', '10', [1, 2, 3, 4, 5]), categories)).toEqual({ ok: true, next: [{ category: 'news', minutes: 10, weekdays: [1, 2, 3, 4, 5] }] });
  });

  it('refusals carry their reason and a message of their own; nothing is added', () => {
    const cur = [{ category: 'social', minutes: 30 }];
    const cases = [
      [typed('social', '20'), 'duplicate', 'limitProblemCategoryDuplicate'],
      [typed('', '20'), 'category', 'limitProblemCategory'],
      [typed('work', '20'), 'category', 'limitProblemCategory'], // no such category of the user's
      [typed('news', '0'), 'minutes-low', 'limitProblemLow'],
      [typed('news', 'ten'), 'minutes-number', 'limitProblemNumber'],
      [typed('news', '1441'), 'minutes-high', 'limitProblemHigh'],
    ] as const;
    for (const [input, problem, key] of cases) {
      const edit = addCategoryLimit(cur, input, categories);
      expect(edit, JSON.stringify(input)).toEqual({ ok: false, problem });
      if (!edit.ok) expect(categoryProblemKey(edit.problem)).toBe(key);
    }
    // Other days for the same category are a second rule.
    expect(addCategoryLimit(cur, typed('social', '5', [6]), categories)).toMatchObject({ ok: true });
  });
});

describe('a category limit for some hours of the day', () => {
  it('Social, 20 minutes between 09:00 and 17:00: stored with its window, a second rule beside the all-day one, kept when its minutes change', () => {
    const window = { from: 9, to: 17 };
    const allDay = [{ category: 'social', minutes: 60 }];
    expect(addCategoryLimit(allDay, { ...typed('social', '20'), window }, categories)).toEqual({ ok: true, next: [...allDay, { category: 'social', minutes: 20, window }] });
    expect(addCategoryLimit([{ category: 'social', minutes: 20, window }], { ...typed('social', '5'), window }, categories)).toEqual({ ok: false, problem: 'duplicate' });
    expect(addCategoryLimit([], { ...typed('social', '20'), window: { from: 9, to: 9 } }, categories)).toEqual({ ok: false, problem: 'window' });
    expect(setCategoryLimitMinutes([{ category: 'social', minutes: 20, window }], 0, '25')).toEqual({ ok: true, next: [{ category: 'social', minutes: 25, window }] });
  });
});

describe('editing and removing', () => {
  const cur = [{ category: 'social', minutes: 30 }, { category: 'gone', minutes: 9, weekdays: [2] }];

  it('new minutes keep the category and its days, also of a category deleted since; bad minutes change nothing', () => {
    expect(setCategoryLimitMinutes(cur, 1, '45')).toEqual({ ok: true, next: [cur[0], { category: 'gone', minutes: 45, weekdays: [2] }] });
    expect(setCategoryLimitMinutes(cur, 0, '-1')).toEqual({ ok: false, problem: 'minutes-low' });
  });

  it('remove takes the one rule out', () => {
    expect(removeCategoryLimit(cur, 0)).toEqual([cur[1]]);
  });

  it('a rule is listed under its category\'s name, or as deleted', () => {
    expect(categoryName(categories, 'social')).toBe('Social');
    expect(categoryName(categories, 'gone')).toBeNull();
  });
});
