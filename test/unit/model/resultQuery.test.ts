import * as assert from 'assert';
import type { FileClassification } from '../../../src/api/types';
import {
  compareKeys,
  countTypes,
  describeCondition,
  describeFilter,
  groupByType,
  keyLabel,
  matcher,
  meetsCondition,
  NO_MATCH,
  NO_RESULT,
  parseCondition,
  runQuery,
  sortResults,
  TYPE_UNKNOWN,
  typeKey,
  type ConfidenceCondition,
} from '../../../src/model/resultQuery';

let n = 0;
const row = (type: string | null | undefined, confidence: number | null, over: Partial<FileClassification> = {}): FileClassification => ({
  id: `r${++n}`,
  classify_job_id: 'j',
  file_id: `f${n}`,
  result: type === undefined ? null : { type, confidence, reasoning: '' },
  created_at: null,
  updated_at: null,
  ...over,
});

function cond(text: string): ConfidenceCondition {
  const p = parseCondition(text);
  assert.ok(p.ok, `${text} parses`);
  assert.ok(p.condition, `${text} is a condition`);
  return p.condition;
}

describe('resultQuery: confidence conditions', () => {
  it('reads comparisons as fractions or percentages', () => {
    assert.deepStrictEqual(cond('<0.6'), { max: 60, maxInclusive: false });
    assert.deepStrictEqual(cond(' < 60% '), { max: 60, maxInclusive: false });
    assert.deepStrictEqual(cond('<60'), { max: 60, maxInclusive: false }, 'a number above 1 is a percentage');
    assert.deepStrictEqual(cond('<=0.6'), { max: 60, maxInclusive: true });
    assert.deepStrictEqual(cond('>=0.9'), { min: 90, minInclusive: true });
    assert.deepStrictEqual(cond('≥ 90%'), { min: 90, minInclusive: true });
    assert.deepStrictEqual(cond('>.5'), { min: 50, minInclusive: false });
    assert.deepStrictEqual(cond('=50%'), { min: 50, minInclusive: true, max: 50, maxInclusive: true });
    assert.deepStrictEqual(cond('<0.07'), { max: 7, maxInclusive: false }, 'no floating-point residue');
    assert.deepStrictEqual(cond('<1'), { max: 100, maxInclusive: false }, '1 is a fraction: 100%');
  });

  it('reads ranges, inclusive at both ends, in either unit', () => {
    const r = { min: 40, minInclusive: true, max: 70, maxInclusive: true };
    assert.deepStrictEqual(cond('40-70'), r);
    assert.deepStrictEqual(cond('40%-70%'), r);
    assert.deepStrictEqual(cond('40 – 70%'), r);
    assert.deepStrictEqual(cond('0.4-0.7'), r);
    assert.deepStrictEqual(cond('0.4..0.7'), r);
    assert.deepStrictEqual(cond('0-1'), { min: 0, minInclusive: true, max: 100, maxInclusive: true });
  });

  it('empty text is no condition; nonsense is a clear message', () => {
    assert.deepStrictEqual(parseCondition('  '), { ok: true, condition: undefined });
    for (const bad of ['abc', '<', '60-40', '>120%', '<-1', '40-', '1.2.3', '0.4-170']) {
      const p = parseCondition(bad);
      assert.strictEqual(p.ok, false, `${bad} is rejected`);
      assert.match(!p.ok ? p.message : '', /<0\.6, >=0\.9, 40-70 or 40%-70%/, 'the message shows the forms that work');
    }
    const p = parseCondition('60-40');
    assert.match(!p.ok ? p.message : '', /first number is larger/);
  });

  it('compares the percentage the row shows, so the filter agrees with what a person reads', () => {
    const below60 = cond('<0.6');
    assert.strictEqual(meetsCondition(0.594, below60), true, 'shows 59%');
    assert.strictEqual(meetsCondition(0.596, below60), false, 'shows 60%');
    assert.strictEqual(meetsCondition(0.6, below60), false);
    assert.strictEqual(meetsCondition(0.6, cond('<=60%')), true);
    assert.strictEqual(meetsCondition(0.9, cond('>=0.9')), true);
    assert.strictEqual(meetsCondition(0.9, cond('>0.9')), false);
    assert.strictEqual(meetsCondition(0.4, cond('40-70')), true);
    assert.strictEqual(meetsCondition(0.7, cond('40-70')), true);
    assert.strictEqual(meetsCondition(0.71, cond('40-70')), false);
    assert.strictEqual(meetsCondition(0.39, cond('40-70')), false);
    assert.strictEqual(meetsCondition(null, cond('<0.6')), false, 'unknown confidence never matches');
    assert.strictEqual(meetsCondition(Number.NaN, cond('>=0')), false);
  });

  it('describes conditions the way the view shows them', () => {
    assert.strictEqual(describeCondition(cond('<0.6')), '< 60%');
    assert.strictEqual(describeCondition(cond('<=60')), '≤ 60%');
    assert.strictEqual(describeCondition(cond('>=0.9')), '≥ 90%');
    assert.strictEqual(describeCondition(cond('>90%')), '> 90%');
    assert.strictEqual(describeCondition(cond('40%-70%')), '40–70%');
    assert.strictEqual(describeCondition(cond('=0.5')), '= 50%');
  });
});

describe('resultQuery: types, filter, order, groups', () => {
  const invoice = row('invoice', 0.92);
  const lowInvoice = row('invoice', 0.41);
  const receipt = row('receipt', 0.55);
  const noMatch = row(null, 0.31);
  const noResult = row(undefined, null);
  const oddType = row(null, 0.7);
  oddType.result!.typeIssue = 'a number';
  const unknownConf = row('contract', null);
  const items = [invoice, lowInvoice, receipt, noMatch, noResult, oddType, unknownConf];

  it('keys every result by type, with No match, No result and Type unknown apart', () => {
    assert.deepStrictEqual(items.map(typeKey), ['type:invoice', 'type:invoice', 'type:receipt', NO_MATCH, NO_RESULT, TYPE_UNKNOWN, 'type:contract']);
    assert.deepStrictEqual([NO_MATCH, NO_RESULT, TYPE_UNKNOWN, 'type:No match'].map(keyLabel), ['No match', 'No result', 'Type unknown', 'No match']);
    assert.notStrictEqual(typeKey(row('No match', 0.5)), NO_MATCH, 'a type named "No match" is still a type');
  });

  it('orders keys: types by name (numbers naturally), then No match, Type unknown, No result', () => {
    const keys = [NO_RESULT, 'type:receipt', NO_MATCH, 'type:Invoice', TYPE_UNKNOWN, 'type:form10', 'type:form9'];
    assert.deepStrictEqual([...keys].sort(compareKeys), ['type:form9', 'type:form10', 'type:Invoice', 'type:receipt', NO_MATCH, TYPE_UNKNOWN, NO_RESULT]);
  });

  it('counts types', () => {
    const counts = countTypes(items);
    assert.strictEqual(counts.get('type:invoice'), 2);
    assert.strictEqual(counts.get(NO_MATCH), 1);
    assert.strictEqual(counts.get(NO_RESULT), 1);
    assert.strictEqual([...counts.values()].reduce((a, b) => a + b), items.length);
  });

  it('filters by types (any of them) and confidence (both must hold)', () => {
    const keep = (types: string[], text?: string) =>
      items.filter(matcher({ types, confidence: text ? cond(text) : undefined }));
    assert.deepStrictEqual(keep([]), items, 'no filter keeps everything');
    assert.deepStrictEqual(keep(['type:invoice']), [invoice, lowInvoice]);
    assert.deepStrictEqual(keep(['type:invoice', NO_MATCH]), [invoice, lowInvoice, noMatch]);
    assert.deepStrictEqual(keep([NO_RESULT]), [noResult]);
    assert.deepStrictEqual(keep(['type:invoice', NO_MATCH], '<0.6'), [lowInvoice, noMatch]);
    assert.deepStrictEqual(keep([], '<60%'), [lowInvoice, receipt, noMatch], 'unknown confidences and no result are left out');
    assert.deepStrictEqual(keep(['type:nothing']), []);
  });

  it('describes a filter: types in key order, then the condition', () => {
    assert.strictEqual(describeFilter({ types: [NO_MATCH, 'type:invoice'], confidence: cond('<0.6') }), 'invoice, No match · < 60%');
    assert.strictEqual(describeFilter({ types: [], confidence: cond('>=0.9') }), '≥ 90%');
    assert.strictEqual(describeFilter({ types: [] }), '');
  });

  it('sorts by confidence either way with unknowns last and ties in server order', () => {
    const tieA = row('x', 0.55);
    const list = [unknownConf, invoice, receipt, noResult, tieA, noMatch];
    const name = (i: FileClassification) => i.id;
    assert.deepStrictEqual(sortResults(list, 'confidenceAsc', name), [noMatch, receipt, tieA, invoice, unknownConf, noResult]);
    assert.deepStrictEqual(sortResults(list, 'confidenceDesc', name), [invoice, receipt, tieA, noMatch, unknownConf, noResult]);
    const server = sortResults(list, 'server', name);
    assert.deepStrictEqual(server, list);
    assert.notStrictEqual(server, list, 'a copy: the pager’s list is never reordered');
    assert.deepStrictEqual(list[0], unknownConf, 'the input keeps its order');
  });

  it('sorts by type (then server order) and by file name (naturally, case-insensitive)', () => {
    const name = (i: FileClassification) => ({ [invoice.id]: 'b-10.pdf', [lowInvoice.id]: 'B-9.pdf', [receipt.id]: 'a.pdf' })[i.id] ?? `z-${i.id}`;
    assert.deepStrictEqual(sortResults([receipt, noMatch, lowInvoice, invoice], 'type', name), [lowInvoice, invoice, receipt, noMatch]);
    assert.deepStrictEqual(sortResults([invoice, lowInvoice, receipt], 'fileName', name), [receipt, lowInvoice, invoice]);
  });

  it('groups in key order, each group in the list’s order', () => {
    const groups = groupByType([noMatch, invoice, receipt, lowInvoice]);
    assert.deepStrictEqual(groups.map((g) => [g.label, g.items]), [
      ['invoice', [invoice, lowInvoice]],
      ['receipt', [receipt]],
      ['No match', [noMatch]],
    ]);
    assert.deepStrictEqual(groupByType([]), []);
  });

  it('runs a whole query: filter, then order, then groups, with counts', () => {
    const r = runQuery(items, { filter: { types: ['type:invoice', NO_MATCH], confidence: cond('<0.95') }, sort: 'confidenceAsc', grouped: true }, (i) => i.id);
    assert.deepStrictEqual(r.rows, [noMatch, lowInvoice, invoice]);
    assert.strictEqual(r.matched, 3);
    assert.strictEqual(r.total, items.length);
    assert.deepStrictEqual(r.groups?.map((g) => [g.key, g.items]), [['type:invoice', [lowInvoice, invoice]], [NO_MATCH, [noMatch]]]);
    const plain = runQuery(items, { filter: { types: [] }, sort: 'server', grouped: false }, (i) => i.id);
    assert.deepStrictEqual(plain.rows, items);
    assert.strictEqual(plain.groups, undefined);
  });
});
