import * as assert from 'assert';
import { parseFileClassification, parseResultsPage } from '../../../src/api/parse';
import type { FileClassification } from '../../../src/api/types';
import { CSV_COLUMNS, defaultName, encoder, type ExportFormat } from '../../../src/export/formats';
import { parseCsv } from './readBack';

/** What a server might send: unknown fields, a confidence JSON cannot carry, a type that is not text, no result. */
const SENT = [
  { id: 'r1', classify_job_id: 'j', file_id: 'f1', result: { type: 'invoice', confidence: 0.92, reasoning: 'ok, "fine"\nreally' }, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:01Z', extra: { kept: true } },
  { id: 'r2', classify_job_id: 'j', file_id: 'f2', result: { type: 42, confidence: 'NaN', reasoning: '=HYPERLINK("x")', score: 3 }, created_at: 'not a date', updated_at: null },
  { id: 'r3', classify_job_id: 'j', result: null },
  { id: 'r4', classify_job_id: 'j', file_id: null, file_name: 'from-server.pdf', result: { type: '-neg', confidence: -0.2, reasoning: '@x' } },
];
const NAMES: Record<string, string> = { f1: 'one.pdf', f2: '+two.pdf' };
const nameOf = (i: FileClassification) => (i.file_id ? NAMES[i.file_id] : undefined);

function pages(): FileClassification[][] {
  const body = { items: SENT, next_page_token: null, total_size: 4 };
  const items = parseResultsPage(JSON.parse(JSON.stringify(body))).items;
  return [items.slice(0, 1), [], items.slice(1, 3), items.slice(3)];
}

function encode(format: ExportFormat, input: FileClassification[][]): string {
  const enc = encoder(format);
  return enc.begin() + input.map((p) => enc.page(p, nameOf)).join('') + enc.end();
}

const withName = (o: Record<string, unknown>, name?: string) => (name ? { ...o, file_name: name } : o);
const EXPECTED = [withName(SENT[0], 'one.pdf'), withName(SENT[1], '+two.pdf'), SENT[2], SENT[3]];

describe('Export formats', () => {
  it('JSON array: every result exactly as sent plus file_name when known, valid JSON, one result a line', () => {
    const text = encode('json', pages());
    assert.deepStrictEqual(JSON.parse(text), EXPECTED);
    assert.strictEqual(text.split('\n').length, 4 + 3, '"[", four lines, "]" and the final newline');
    assert.ok(!text.includes('"rawConfidence"') && !text.includes('"typeIssue"'), 'nothing of the parsed form');
  });

  it('JSON array: an empty job is [] and a job without pages too', () => {
    assert.deepStrictEqual(JSON.parse(encode('json', [[]])), []);
    assert.deepStrictEqual(JSON.parse(encode('json', [])), []);
  });

  it('JSONL: one result per line, as sent plus file_name', () => {
    const text = encode('jsonl', pages());
    assert.ok(text.endsWith('\n'));
    assert.deepStrictEqual(text.trimEnd().split('\n').map((l) => JSON.parse(l)), EXPECTED);
    assert.strictEqual(encode('jsonl', [[]]), '');
  });

  it('CSV: BOM, the header in contract order, one guarded record per result', () => {
    const text = encode('csv', pages());
    assert.ok(text.startsWith('\uFEFFid,classify_job_id,'), JSON.stringify(text.slice(0, 30)));
    const rows = parseCsv(text.slice(1));
    assert.deepStrictEqual(rows[0], [...CSV_COLUMNS]);
    assert.deepStrictEqual(rows[0], ['id', 'classify_job_id', 'file_id', 'file_name', 'type', 'confidence', 'reasoning', 'created_at', 'updated_at']);
    assert.deepStrictEqual(rows.slice(1), [
      ['r1', 'j', 'f1', 'one.pdf', 'invoice', '0.92', 'ok, "fine"\nreally', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z'],
      ['r2', 'j', 'f2', "'+two.pdf", '42', 'NaN', `'=HYPERLINK("x")`, 'not a date', ''],
      ['r3', 'j', '', '', '', '', '', '', ''],
      ['r4', 'j', '', 'from-server.pdf', "'-neg", '-0.2', "'@x", '', ''],
    ]);
    assert.strictEqual(encode('csv', [[]]), '\uFEFFid,classify_job_id,file_id,file_name,type,confidence,reasoning,created_at,updated_at\r\n');
  });

  it('an item that did not come from a results page is written from its parsed fields (untrusted confidence as sent)', () => {
    const item = parseFileClassification({ id: 'x', classify_job_id: 'j', file_id: 'f1', result: { type: 'a', confidence: 7, reasoning: 'r' } }, 'items[0]');
    assert.deepStrictEqual(JSON.parse(encode('jsonl', [[item]])), {
      id: 'x', classify_job_id: 'j', file_id: 'f1', result: { type: 'a', confidence: 7, reasoning: 'r' }, created_at: null, updated_at: null, file_name: 'one.pdf',
    });
  });
});

describe('Export file names', () => {
  it('classify-<job ID>, or <label>-<short ID> with characters a file system refuses replaced', () => {
    const id = 'de1007c7-0001-4000-8000-000000000929';
    assert.strictEqual(defaultName(id, undefined), `classify-${id}`);
    assert.strictEqual(defaultName(id, 'Invoices, March run'), 'Invoices, March run-de1007c7');
    assert.strictEqual(defaultName(id, 'a/b\\c:d*e?"f<g>h|i'), 'a-b-c-d-e-f-g-h-i-de1007c7');
    assert.strictEqual(defaultName(id, '..hidden\tname'), 'hidden-name-de1007c7');
    assert.strictEqual(defaultName(id, '  '), `classify-${id}`);
  });
});
