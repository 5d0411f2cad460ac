// CSV export: RFC 4180 quoting and the spreadsheet formula-injection guard.
import { describe, expect, it } from 'vitest';
import type { ExportFile } from '../../src/core/api.ts';
import { csvField, toCsv } from '../../src/core/export-format.ts';

const file = (sites: Array<{ domain: string; ms: number; visits: number }>, date = '2024-03-10'): ExportFile => ({
  format: 'dwell-export',
  version: 1,
  exportedAt: '2024-03-10T12:00:00Z',
  days: [{ date, sites: sites.map((s) => ({ ...s, pages: [] })) }],
});

/** A minimal RFC 4180 reader, to check that what we write reads back to the same fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  return rows;
}

describe('csvField', () => {
  it('leaves plain text and numbers alone', () => {
    expect(csvField('example.com')).toBe('example.com');
    expect(csvField(0)).toBe('0');
    expect(csvField(3_725_000)).toBe('3725000');
  });

  it('quotes commas, quotes, CR and LF, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('"')).toBe('""""');
  });

  it('prefixes a leading = + - @ (and tab, CR) with a single quote', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField('a=b')).toBe('a=b'); // only a leading character is dangerous
  });
});

describe('toCsv', () => {
  it('writes a header and one CRLF-terminated row per day × site', () => {
    const csv = toCsv({
      ...file([]),
      days: [
        { date: '2024-03-09', sites: [{ domain: 'a.com', ms: 5, visits: 1, pages: [] }] },
        { date: '2024-03-10', sites: [{ domain: 'a.com', ms: 7, visits: 2, pages: [] }, { domain: 'b.org', ms: 9, visits: 3, pages: [] }] },
      ],
    });
    expect(csv).toBe('date,domain,ms,visits\r\n2024-03-09,a.com,5,1\r\n2024-03-10,a.com,7,2\r\n2024-03-10,b.org,9,3\r\n');
  });

  it('writes only the header for an empty file', () => {
    expect(toCsv({ ...file([]), days: [] })).toBe('date,domain,ms,visits\r\n');
  });

  it('round-trips hostile domains through an RFC 4180 reader', () => {
    const hostile = ['x,y', 'q"uote', 'new\nline', '=cmd|calc', '-1', '@at', 'cr\r\nlf'];
    const csv = toCsv(file(hostile.map((domain, i) => ({ domain, ms: i, visits: i }))));
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['date', 'domain', 'ms', 'visits']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['x,y', 'q"uote', 'new\nline', "'=cmd|calc", "'-1", "'@at", 'cr\r\nlf']);
    expect(rows.slice(1).every((r) => r.length === 4)).toBe(true);
  });
});
