import * as assert from 'assert';
import { csvCell, csvRecord } from '../../../src/export/csv';
import { parseCsv } from './readBack';

describe('CSV cells (RFC 4180 and the formula guard)', () => {
  it('quotes a field with a comma, a quote, CR or LF, doubling quotes; leaves others bare', () => {
    assert.strictEqual(csvCell('plain text'), 'plain text');
    assert.strictEqual(csvCell('a,b'), '"a,b"');
    assert.strictEqual(csvCell('say "hi"'), '"say ""hi"""');
    assert.strictEqual(csvCell('two\nlines'), '"two\nlines"');
    assert.strictEqual(csvCell('cr\rhere'), '"cr\rhere"');
    assert.strictEqual(csvCell('crlf\r\nhere'), '"crlf\r\nhere"');
    assert.strictEqual(csvCell(''), '');
    assert.strictEqual(csvCell('請求書 🧾'), '請求書 🧾');
  });

  it("prefixes ' to text starting with =, +, -, @, a tab or CR, and quotes it when needed", () => {
    assert.strictEqual(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
    assert.strictEqual(csvCell('+1'), "'+1");
    assert.strictEqual(csvCell('-2+3'), "'-2+3");
    assert.strictEqual(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.strictEqual(csvCell('\t=1'), "'\t=1");
    assert.strictEqual(csvCell('\r=1'), `"'\r=1"`);
    assert.strictEqual(csvCell('=1,2'), `"'=1,2"`);
    // Only the start counts.
    assert.strictEqual(csvCell('a=1'), 'a=1');
    assert.strictEqual(csvCell(' =1'), ' =1');
  });

  it('writes numbers as numbers (a negative one too), null and absent as empty, other values as guarded JSON', () => {
    assert.strictEqual(csvCell(0.92), '0.92');
    assert.strictEqual(csvCell(-0.2), '-0.2');
    assert.strictEqual(csvCell(0), '0');
    assert.strictEqual(csvCell(null), '');
    assert.strictEqual(csvCell(undefined), '');
    assert.strictEqual(csvCell(true), 'true');
    assert.strictEqual(csvCell({ a: 1, b: 'x' }), '"{""a"":1,""b"":""x""}"');
    assert.strictEqual(csvCell(['-1']), '"[""-1""]"');
  });

  it('records end with CRLF and read back to the same values', () => {
    const values = ['id-1', '=cmd|" /C calc"!A0', 'a,b', 'line1\r\nline2', '', '"quoted"', '-x', '@y', '\tz'];
    const text = csvRecord(values) + csvRecord(['second', 'row']);
    assert.ok(text.endsWith('\r\n'));
    const rows = parseCsv(text);
    assert.deepStrictEqual(rows, [
      ['id-1', `'=cmd|" /C calc"!A0`, 'a,b', 'line1\r\nline2', '', '"quoted"', "'-x", "'@y", "'\tz"],
      ['second', 'row'],
    ]);
  });
});
