// Editing per-site limits on the options page: what is saved, and why a limit is refused.
import { describe, expect, it } from 'vitest';
import { addLimit, removeLimit, setLimitMinutes } from '../../src/ui/limits-model.ts';

const typed = (site: string, minutes: string, weekdays: number[] = []) => ({ site, minutes, weekdays });

describe('adding a limit', () => {
  it('"https://news.bbc.co.uk/x" for 20 min is bbc.co.uk (time is kept per site)', () => {
    expect(addLimit([], typed('https://news.bbc.co.uk/x', '20'), [])).toEqual({ ok: true, next: [{ site: 'bbc.co.uk', minutes: 20 }] });
  });

  it('a Unicode name is stored as the browser writes it', () => {
    expect(addLimit([], typed('bücher.test', '5'), [])).toEqual({ ok: true, next: [{ site: 'xn--bcher-kva.test', minutes: 5 }] });
  });

  it('weekdays: all seven or none is every day; some is a rule for those days', () => {
    expect(addLimit([], typed('a.test', '5', [0, 1, 2, 3, 4, 5, 6]), [])).toEqual({ ok: true, next: [{ site: 'a.test', minutes: 5 }] });
    expect(addLimit([], typed('a.test', '5', [1, 3]), [])).toEqual({ ok: true, next: [{ site: 'a.test', minutes: 5, weekdays: [1, 3] }] });
  });

  it('refusals carry their reason; nothing is added', () => {
    const cur = [{ site: 'a.test', minutes: 5 }];
    expect(addLimit(cur, typed('a.test', '10'), [])).toEqual({ ok: false, problem: 'duplicate' });
    expect(addLimit(cur, typed('b.test', '0'), [])).toEqual({ ok: false, problem: 'minutes-low' });
    expect(addLimit(cur, typed('b.test', 'ten'), [])).toEqual({ ok: false, problem: 'minutes-number' });
    expect(addLimit(cur, typed('b.test', '1441'), [])).toEqual({ ok: false, problem: 'minutes-high' });
    expect(addLimit(cur, typed('b.test', '5'), ['b.test'])).toEqual({ ok: false, problem: 'excluded' });
    expect(addLimit(cur, typed('not a site', '5'), [])).toEqual({ ok: false, problem: 'site' });
    // Another day set for the same site is a second rule.
    expect(addLimit(cur, typed('a.test', '1', [1]), [])).toMatchObject({ ok: true });
  });
});

describe('a limit for some hours of the day', () => {
  const nineToFive = { from: 9, to: 17 };

  it('09:00–17:00 on weekdays is stored with its window; 00:00–24:00 is all day, stored as no window', () => {
    expect(addLimit([], { ...typed('a.test', '30', [1, 2, 3, 4, 5]), window: nineToFive }, [])).toEqual({ ok: true, next: [{ site: 'a.test', minutes: 30, weekdays: [1, 2, 3, 4, 5], window: nineToFive }] });
    expect(addLimit([], { ...typed('a.test', '30'), window: { from: 0, to: 24 } }, [])).toEqual({ ok: true, next: [{ site: 'a.test', minutes: 30 }] });
  });

  it('a window that ends before it starts is refused, naming the window', () => {
    expect(addLimit([], { ...typed('a.test', '30'), window: { from: 17, to: 9 } }, [])).toEqual({ ok: false, problem: 'window' });
  });

  it('the same site on the same days in another window is a second rule; in the same window it is the one to edit', () => {
    const cur = addLimit([], { ...typed('a.test', '30'), window: nineToFive }, []);
    if (!cur.ok) throw new Error('setup');
    expect(addLimit(cur.next, typed('a.test', '120'), [])).toMatchObject({ ok: true });
    expect(addLimit(cur.next, { ...typed('a.test', '10'), window: { from: 18, to: 22 } }, [])).toMatchObject({ ok: true });
    expect(addLimit(cur.next, { ...typed('a.test', '10'), window: nineToFive }, [])).toEqual({ ok: false, problem: 'duplicate' });
  });

  it('new minutes keep the window (they used to drop it, making an office-hours limit an all-day one)', () => {
    const cur = [{ site: 'a.test', minutes: 30, window: nineToFive }];
    expect(setLimitMinutes(cur, 0, '45', [])).toEqual({ ok: true, next: [{ site: 'a.test', minutes: 45, window: nineToFive }] });
  });
});

describe('editing and removing', () => {
  const cur = [{ site: 'a.test', minutes: 5 }, { site: 'b.test', minutes: 9, weekdays: [2] }];

  it('new minutes keep the site and its days; bad minutes change nothing', () => {
    expect(setLimitMinutes(cur, 1, '30', [])).toEqual({ ok: true, next: [cur[0], { site: 'b.test', minutes: 30, weekdays: [2] }] });
    expect(setLimitMinutes(cur, 1, '-1', [])).toEqual({ ok: false, problem: 'minutes-low' });
  });

  it('remove takes the one rule out', () => {
    expect(removeLimit(cur, 0)).toEqual([cur[1]]);
  });
});
