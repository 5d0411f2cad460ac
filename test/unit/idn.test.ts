// Punycode site names shown in Unicode only when they cannot pass for another name.
import { domainToASCII, domainToUnicode } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addExclusions } from '../../src/ui/options-model.ts';
import { asciiExclusion, decodePunycode, displayDomain, isDeceptiveLabel, toAsciiHost } from '../../src/core/idn.ts';

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

describe('decodePunycode reads RFC 3492 to the letter', () => {
  it('takes upper-case digits as the lower-case ones ("ZCKZAH" is "zckzah", テスト)', () => {
    expect(decodePunycode('ZCKZAH')).toBe('テスト');
    expect(decodePunycode('bcher-KVA')).toBe('bücher');
  });

  // The ASCII that is no digit (a hyphen is the delimiter, below): each one read as a digit would
  // turn a refused label into some other name.
  const notDigits = [...Array(0x80).keys()].map((c) => String.fromCharCode(c)).filter((c) => !/[a-z0-9-]/i.test(c));

  it.each(notDigits.map((c) => [JSON.stringify(c), c]))('refuses a digit part holding %s', (_shown, c) => {
    expect(decodePunycode(`${c}a`)).toBeNull();
    expect(decodePunycode(`bcher-${c}kva`)).toBeNull();
  });

  it('a hyphen first is no delimiter (nothing comes before it), so it is a digit, and no digit: "-4ca" is refused', () => {
    expect(decodePunycode('4ca')).toBe('ä');
    expect(decodePunycode('-4ca')).toBeNull();
  });

  it('refuses a basic part that is not ASCII ("bü-", or U+0080 before the hyphen)', () => {
    expect(decodePunycode('bü-')).toBeNull();
    expect(decodePunycode('\u0080-')).toBeNull();
    expect(decodePunycode('b-')).toBe('b');
  });

  it('refuses a number too large to count exactly (400 nines), rather than throwing', () => {
    expect(decodePunycode(`${'9'.repeat(400)}a`)).toBeNull();
  });

  // Each input encodes one code point, as punycode.js encodes it.
  it.each([
    ['hb9b', 'U+D7FF, the last before the surrogates', '\ud7ff'],
    ['ib9b', 'U+D800, a lone surrogate', null],
    ['zy0c', 'U+DFFF, a lone surrogate', null],
    ['0y0c', 'U+E000, the first after them', '\ue000'],
    ['e28h', 'U+1F600, an emoji', '😀'],
    ['dn32g', 'U+10FFFF, the last code point', '\u{10ffff}'],
    ['en32g', '0x110000, past the last code point', null],
  ])('"%s" (%s) → %j', (input, _what, decoded) => {
    expect(decodePunycode(input)).toBe(decoded);
  });

  it('adapts the bias at its threshold exactly: "seoul" then two Hangul syllables, the first delta landing on 455', () => {
    expect(decodePunycode('seoul-f46tn12q')).toBe('seoul눼한');
    expect(displayDomain('xn--seoul-f46tn12q.kr')).toBe('seoul눼한.kr');
  });
});

describe('isDeceptiveLabel', () => {
  it('passes single-script labels and flags Greek look-alikes of Latin words', () => {
    expect(isDeceptiveLabel('bücher')).toBe(false);
    expect(isDeceptiveLabel('ελλάδα')).toBe(false);
    expect(isDeceptiveLabel('ορτ')).toBe(true);
  });

  it.each([
    ['ひらがな漢字', 'Hiragana with Han (Japanese)', false],
    ['カタカナ漢字', 'Katakana with Han (Japanese)', false],
    ['中文ㄅㄆ', 'Han with Bopomofo (Chinese)', false],
    ['한국漢字', 'Hangul with Han (Korean)', false],
    ['ひらがな한국', 'Hiragana with Hangul: no writing mixes them', true],
    ['ㄅㄆ한국', 'Bopomofo with Hangul: no writing mixes them', true],
  ])('%s (%s) → deceptive %s', (label, _what, deceptive) => {
    expect(isDeceptiveLabel(label)).toBe(deceptive);
  });

  it('digits and hyphens are of no script: "bücher-24" is one Latin label', () => {
    expect(isDeceptiveLabel('bücher-24')).toBe(false);
    expect(isDeceptiveLabel('москва-2024')).toBe(false);
  });

  it('a script outside the list (Ethiopic) is not shown', () => {
    expect(isDeceptiveLabel('ኢትዮጵያ')).toBe(true);
  });

  it('a Cyrillic "apple" stays a look-alike with a number after it ("аррӏе-1")', () => {
    expect(isDeceptiveLabel('аррӏе-1')).toBe(true);
  });
});

describe('toAsciiHost', () => {
  it('turns a typed Unicode name into the stored form, and rejects what is not a host', () => {
    expect(toAsciiHost('Bücher.TEST')).toBe('xn--bcher-kva.test');
    expect(toAsciiHost('not a domain')).toBeNull();
  });

  it('ignores the spaces around a typed name', () => {
    expect(toAsciiHost('  Bücher.TEST ')).toBe('xn--bcher-kva.test');
  });
});

describe('asciiExclusion', () => {
  it('leaves an ASCII entry exactly as typed, but for the spaces around it (the exclusion rule judges it)', () => {
    expect(asciiExclusion('  example.com ')).toBe('example.com');
    expect(asciiExclusion('Example.COM')).toBe('Example.COM');
  });

  it('a "*." is a wildcard only in front: "bücher.test/*." is the host bücher.test with a path', () => {
    expect(asciiExclusion('bücher.test/*.')).toBe('xn--bcher-kva.test/*.');
    expect(asciiExclusion('*.bücher.test/x')).toBe('*.xn--bcher-kva.test/x');
  });

  it('the "*." is not handed to the URL parser with the host: "*.１２７.０.０.１" (full-width digits, as an IME types them) is "*.127.0.0.1"', () => {
    // Read whole, "*.127.0.0.1" ends in a number, so the parser takes it for an IPv4 address and
    // refuses it; the host alone is one, and the wildcard goes back in front.
    expect(toAsciiHost('*.１２７.０.０.１')).toBeNull();
    expect(asciiExclusion('*.１２７.０.０.１')).toBe('*.127.0.0.1');
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
