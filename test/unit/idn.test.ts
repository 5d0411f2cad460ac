// Punycode site names shown in Unicode only when they cannot pass for another name.
import { domainToASCII, domainToUnicode } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addExclusions } from '../../src/ui/options-model.ts';
import { decodePunycode, displayDomain, isDeceptiveLabel, toAsciiHost } from '../../src/core/idn.ts';

describe('displayDomain', () => {
  it('shows a German name in Unicode', () => {
    expect(displayDomain('xn--bcher-kva.test')).toBe('bücher.test');
  });

  it.each([
    ['xn--fiqs8s.cn', '中国.cn'],
    ['xn--80adxhks.xn--p1ai', 'москва.рф'],
    ['xn--eckwd4c7c.xn--zckzah', 'ドメイン.テスト'],
    ['www.xn--mnchen-3ya.de', 'www.münchen.de'],
  ])('shows %s as %s (one script per label, or a Japanese mix)', (stored, shown) => {
    expect(displayDomain(stored)).toBe(shown);
  });

  it('keeps a Cyrillic spelling of "apple" in punycode (whole-script confusable)', () => {
    expect(decodePunycode('80ak6aa92e')).toBe('аррӏе');
    expect(displayDomain('xn--80ak6aa92e.com')).toBe('xn--80ak6aa92e.com');
  });

  it('keeps a label mixing Latin and Cyrillic letters in punycode ("pаypal" with a Cyrillic а)', () => {
    const stored = domainToASCII('pаypal.com');
    expect(stored.startsWith('xn--')).toBe(true);
    expect(displayDomain(stored)).toBe(stored);
  });

  it('keeps names with symbols, or that do not decode, as stored', () => {
    const symbol = domainToASCII('a☃b.com');
    expect(displayDomain(symbol)).toBe(symbol);
    expect(displayDomain('xn--.com')).toBe('xn--.com');
    expect(displayDomain('xn--ab$c.com')).toBe('xn--ab$c.com');
    expect(displayDomain('example.com')).toBe('example.com');
  });
});

describe('decodePunycode', () => {
  it('agrees with Node\'s IDNA decoder on any label of letters', () => {
    const letter = fc.constantFrom(...'aäbcçdeéfgğhıijklmnñoöpqrsştuüvwxyzßабвгдежзийклмнопрстуфхцчшщыэюяαβγδεζηθλμξπσφχψω中国日本語한국어');
    fc.assert(
      fc.property(fc.array(letter, { minLength: 1, maxLength: 20 }), (chars) => {
        const ascii = domainToASCII(`${chars.join('')}.test`);
        fc.pre(ascii.startsWith('xn--'));
        const label = ascii.split('.')[0]!;
        expect(decodePunycode(label.slice(4))).toBe(domainToUnicode(label));
      }),
      { numRuns: 300 },
    );
  });
});

describe('isDeceptiveLabel', () => {
  it('passes single-script labels and flags Greek look-alikes of Latin words', () => {
    expect(isDeceptiveLabel('bücher')).toBe(false);
    expect(isDeceptiveLabel('ελλάδα')).toBe(false);
    expect(isDeceptiveLabel('ορτ')).toBe(true);
  });
});

describe('toAsciiHost', () => {
  it('turns a typed Unicode name into the stored form, and rejects what is not a host', () => {
    expect(toAsciiHost('Bücher.TEST')).toBe('xn--bcher-kva.test');
    expect(toAsciiHost('not a domain')).toBeNull();
  });
});

describe('typing a Unicode name as an exclusion', () => {
  it('stores the punycode rule the captured URLs carry', () => {
    const edit = addExclusions([], 'bücher.test, *.Москва.рф, https://münchen.de/x');
    expect(edit.invalid).toEqual([]);
    expect(edit.added).toEqual(['xn--bcher-kva.test', '*.xn--80adxhks.xn--p1ai', 'xn--mnchen-3ya.de']);
    expect(addExclusions(edit.next, 'xn--bcher-kva.test').duplicates).toEqual(['xn--bcher-kva.test']);
  });
});
