import * as assert from 'assert';
import type { FileClassification } from '../../../src/api/types';
import { binLabel, confidenceBin, kindLabel, shareText, summarize, validThreshold } from '../../../src/model/summary';

let n = 0;
function row(type: string | null | undefined, confidence: number | null, over: Partial<FileClassification> = {}): FileClassification {
  n++;
  return {
    id: `r${n}`,
    classify_job_id: 'j',
    file_id: `f${n}`,
    result: type === undefined ? null : { type, confidence, reasoning: '' },
    created_at: null,
    updated_at: null,
    ...over,
  };
}

describe('summary: confidence bins', () => {
  it('puts each edge in the bin it opens; 1.0 closes the last bin', () => {
    assert.strictEqual(confidenceBin(0), 0);
    assert.strictEqual(confidenceBin(0.0999), 0);
    assert.strictEqual(confidenceBin(0.1), 1);
    for (let k = 1; k <= 9; k++) { assert.strictEqual(confidenceBin(k / 10), k, `${k / 10}`); }
    assert.strictEqual(confidenceBin(0.7 - 1e-16), 7, 'float error just below an edge');
    assert.strictEqual(confidenceBin(0.95), 9);
    assert.strictEqual(confidenceBin(0.9999), 9);
    assert.strictEqual(confidenceBin(1), 9);
  });

  it('has no bin for null, NaN, infinities, strings and values out of 0..1', () => {
    for (const v of [null, undefined, Number.NaN, Infinity, -Infinity, '0.5', -0.01, 1.0001, 1.7]) {
      assert.strictEqual(confidenceBin(v), undefined, String(v));
    }
  });

  it('labels bins and shares', () => {
    assert.strictEqual(binLabel(0), '0–10 %');
    assert.strictEqual(binLabel(9), '90–100 %');
    assert.strictEqual(shareText(40, 137), '29.2%');
    assert.strictEqual(shareText(1, 3), '33.3%');
    assert.strictEqual(shareText(5, 5), '100%');
    assert.strictEqual(shareText(0, 0), '0%');
  });

  it('takes a threshold in 0..1 only', () => {
    assert.strictEqual(validThreshold(0.75), 0.75);
    assert.strictEqual(validThreshold(0), 0);
    for (const v of [undefined, 'x', 2, -1, Number.NaN]) { assert.strictEqual(validThreshold(v), 0.6, String(v)); }
  });
});

describe('summary: summarize', () => {
  it('counts types exactly as sent, keeps No match / No result / Type unknown apart from types named like them', () => {
    const items = [
      row('invoice', 0.9),
      row('invoice', 0.95),
      row('null', 0.8),
      row('', 0.8),
      row(null, 0.3),
      row(undefined, null),
      { ...row('x', 0.5), result: { type: null, typeIssue: 'a number', confidence: 0.5, reasoning: '' } },
      row('<img src=x onerror=alert(1)>', 0.5),
    ];
    const s = summarize(items);
    assert.strictEqual(s.loaded, 8);
    assert.deepStrictEqual(s.types, [
      { kind: 'match', type: 'invoice', count: 2 },
      { kind: 'match', type: '', count: 1 },
      { kind: 'match', type: '<img src=x onerror=alert(1)>', count: 1 },
      { kind: 'match', type: 'null', count: 1 },
      { kind: 'typeUnknown', type: null, count: 1 },
      { kind: 'noMatch', type: null, count: 1 },
      { kind: 'noResult', type: null, count: 1 },
    ]);
    assert.strictEqual(s.types.reduce((t, x) => t + x.count, 0), items.length);
  });

  it('bins trusted confidences and counts the rest apart', () => {
    const items = [row('a', 0.1), row('a', 1), row('a', 0.05), row('a', null), row(undefined, null), row('a', Number.NaN), row('a', 1.7), row('a', -0.2)];
    const s = summarize(items);
    assert.deepStrictEqual(s.bins, [1, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    assert.deepStrictEqual(s.noConfidence, { noResult: 1, untrusted: 4 });
    assert.strictEqual(s.bins.reduce((a, b) => a + b, 0) + 5, items.length);
  });

  it('lists results below the threshold, lowest first, ties in job order; the threshold itself is not low', () => {
    const items = [row('a', 0.5), row(null, 0.2), row('b', 0.6), row('c', 0.2), row('d', 0.59), row('e', null), row(undefined, null)];
    const s = summarize(items, 0.6);
    assert.deepStrictEqual(
      s.low.map((l) => [l.resultId, l.confidence, l.kind]),
      [
        [items[1].id, 0.2, 'noMatch'],
        [items[3].id, 0.2, 'match'],
        [items[0].id, 0.5, 'match'],
        [items[4].id, 0.59, 'match'],
      ],
    );
    assert.strictEqual(s.threshold, 0.6);
    assert.strictEqual(summarize(items, 0.3).low.length, 2);
    assert.strictEqual(summarize(items, 5).threshold, 0.6, 'a bad threshold falls back to the default');
  });

  it('summarizes nothing as zeros', () => {
    const s = summarize([]);
    assert.deepStrictEqual(s, { loaded: 0, types: [], bins: new Array(10).fill(0), noConfidence: { noResult: 0, untrusted: 0 }, low: [], threshold: 0.6 });
  });

  it('labels kinds', () => {
    assert.strictEqual(kindLabel('match', 'invoice'), 'invoice');
    assert.strictEqual(kindLabel('noMatch', null), 'No match');
    assert.strictEqual(kindLabel('noResult', null), 'No result');
    assert.strictEqual(kindLabel('typeUnknown', null), 'Type unknown');
  });
});
