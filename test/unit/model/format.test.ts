import * as assert from 'assert';
import type { FileClassification } from '../../../src/api/types';
import {
  confidenceBand,
  formatCount,
  formatDate,
  formatPercent,
  formatProgress,
  percentOf,
  typeLabel,
  itemAccessibilityLabel,
  jobAccessibilityLabel,
  loadMoreAccessibilityLabel,
  itemDescription,
  itemLabel,
  reasoningPreview,
} from '../../../src/model/format';

const row = (over: Partial<FileClassification> = {}): FileClassification => ({
  id: 'r1',
  classify_job_id: 'j1',
  file_id: 'f1',
  result: { type: 'invoice', confidence: 0.923, reasoning: 'Because.' },
  created_at: null,
  updated_at: null,
  ...over,
});

describe('result text', () => {
  it('labels by file name, else file ID, else result ID', () => {
    assert.strictEqual(itemLabel(row(), 'a.pdf'), 'a.pdf');
    assert.strictEqual(itemLabel(row(), undefined), 'f1');
    assert.strictEqual(itemLabel(row({ file_id: null }), undefined), 'r1');
  });
  it('describes type and confidence, No match, No result, and untrusted confidence', () => {
    assert.strictEqual(itemDescription(row()), 'invoice · 92%');
    assert.strictEqual(itemDescription(row({ result: { type: null, confidence: 0.31, reasoning: '' } })), 'No match · 31%');
    assert.strictEqual(itemDescription(row({ result: null })), 'No result');
    assert.strictEqual(itemDescription(row({ result: { type: 'x', confidence: null, reasoning: '', confidenceIssue: 'NaN' } })), 'x · confidence ?');
  });
  it('bands confidence and reads it out for screen readers', () => {
    assert.deepStrictEqual([0.95, 0.8, 0.79, 0.5, 0.49, null].map(confidenceBand), ['high', 'high', 'medium', 'medium', 'low', 'unknown']);
    assert.strictEqual(itemAccessibilityLabel(row(), 'a.pdf'), 'a.pdf: type invoice, confidence 92%, high');
  });
  it('counts with thousands separators, and says "loaded" when the total is unknown', () => {
    assert.strictEqual(formatProgress(50, 2345), '50 of 2,345');
    assert.strictEqual(formatProgress(50, undefined), '50 loaded');
  });
  it('previews reasoning on one line with an ellipsis', () => {
    assert.strictEqual(reasoningPreview('a\n\nb   c'), 'a b c');
    assert.strictEqual(reasoningPreview('x'.repeat(300), 10), `${'x'.repeat(9)}…`);
  });
});

describe('confidence bands come from the percentage shown', () => {
  it('two rows that read the same percentage are in the same band', () => {
    assert.strictEqual(formatPercent(0.796), '80%');
    assert.strictEqual(confidenceBand(0.796), 'high', '0.796 reads "80%", like 0.80');
    assert.strictEqual(confidenceBand(0.8), 'high');
    assert.strictEqual(formatPercent(0.495), '50%');
    assert.strictEqual(confidenceBand(0.495), 'medium', '0.495 reads "50%", like 0.5');
    assert.strictEqual(confidenceBand(0.5), 'medium');
    assert.strictEqual(confidenceBand(0.7949), 'medium');
    assert.strictEqual(formatPercent(0.7949), '79%');
    assert.strictEqual(confidenceBand(0.494), 'low');
    assert.strictEqual(formatPercent(0.494), '49%');
    assert.deepStrictEqual([0, 1, Number.NaN, undefined].map(confidenceBand), ['low', 'high', 'unknown', 'unknown']);
  });

  it('a screen reader never hears "null" or "undefined"', () => {
    const odd = [
      row({ result: { type: null, confidence: null, reasoning: '', confidenceIssue: 'the server sent no confidence' } }),
      row({ result: { type: '', confidence: 0.5, reasoning: '' } }),
      row({ result: { type: '  ', confidence: Number.NaN, reasoning: '' } }),
      row({ result: null, file_id: null }),
    ];
    for (const r of odd) {
      const text = itemAccessibilityLabel(r, undefined);
      assert.doesNotMatch(text, /null|undefined|NaN/, text);
    }
    assert.strictEqual(itemAccessibilityLabel(odd[0], 'a.pdf'), 'a.pdf: no match, confidence unknown');
    // no file name: the short ID, not a 36-character UUID read aloud
    assert.strictEqual(itemAccessibilityLabel(row({ file_id: '2dca00df-00f8-4000-8000-000000000001' }), undefined), 'file 2dca00df: type invoice, confidence 92%, high');
    assert.strictEqual(itemAccessibilityLabel(row({ id: '8e38b1ac-0108-4000-8000-000000000001', file_id: null, result: null }), undefined), 'result 8e38b1ac: no result');
    assert.strictEqual(itemAccessibilityLabel(odd[1], 'a.pdf'), 'a.pdf: type empty, confidence 50%, medium');
    assert.strictEqual(itemAccessibilityLabel(row({ result: { type: 'invoice', confidence: 0.796, reasoning: '' } }), 'a.pdf'), 'a.pdf: type invoice, confidence 80%, high');
  });
});

describe('a type the server sent unreadably', () => {
  it('reads "Type unknown", never "No match"', () => {
    const odd = row({ result: { type: null, typeIssue: 'the server sent a number (3) instead of a type', confidence: 0.7, reasoning: '' } });
    assert.strictEqual(itemDescription(odd), 'Type unknown · 70%');
    assert.strictEqual(itemAccessibilityLabel(odd, 'a.pdf'), 'a.pdf: type unknown, confidence 70%, medium');
  });
});

describe('dates, counts and type labels', () => {
  it('formats a date in the given locale; missing is undefined; unreadable stays as sent', () => {
    assert.strictEqual(formatDate('2026-10-14T09:30:00Z', 'en-US')?.includes('2026'), true);
    assert.strictEqual(formatDate(null), undefined);
    assert.strictEqual(formatDate(''), undefined);
    assert.strictEqual(formatDate('not a date'), 'not a date');
  });
  it('counts with separators and says loaded when the total is unknown', () => {
    assert.strictEqual(formatCount(1234567), '1,234,567');
    assert.strictEqual(formatProgress(0, 0), '0 of 0');
    assert.strictEqual(formatProgress(1000, undefined), '1,000 loaded');
  });
  it('labels No result, No match and a type', () => {
    assert.strictEqual(typeLabel(null), 'No result');
    assert.strictEqual(typeLabel({ type: null, confidence: 0.1, reasoning: '' }), 'No match');
    assert.strictEqual(typeLabel({ type: 'invoice', confidence: 0.1, reasoning: '' }), 'invoice');
    assert.strictEqual(percentOf(0.004), 0);
    assert.strictEqual(percentOf(Number.POSITIVE_INFINITY), undefined);
    assert.strictEqual(formatPercent(null), undefined);
  });
  it('previews reasoning: short text whole, long text cut to max with an ellipsis', () => {
    assert.strictEqual(reasoningPreview('  short  '), 'short');
    assert.strictEqual(reasoningPreview('abcdef', 6), 'abcdef');
    assert.strictEqual(reasoningPreview('abcdefg', 6), 'abcde…');
  });
});

describe('screen-reader labels for job and Load more rows', () => {
  it('a job: its label and short ID, the row state in words, the counts once', () => {
    assert.strictEqual(jobAccessibilityLabel('3f2a1b9c', undefined, 'Succeeded · 50 of 2,345', '50 of 2,345'), 'Classify job 3f2a1b9c, Succeeded, 50 of 2,345 results loaded');
    assert.strictEqual(jobAccessibilityLabel('3f2a1b9c', 'March run', 'Failed: password protected', undefined), 'Classify job March run, 3f2a1b9c, Failed: password protected');
    assert.strictEqual(jobAccessibilityLabel('3f2a1b9c', undefined, '12 loaded', '12 loaded'), 'Classify job 3f2a1b9c, 12 results loaded');
    assert.strictEqual(jobAccessibilityLabel('3f2a1b9c', undefined, 'Succeeded · no results', undefined), 'Classify job 3f2a1b9c, Succeeded, no results');
    assert.strictEqual(jobAccessibilityLabel('3f2a1b9c', undefined, undefined, undefined), 'Classify job 3f2a1b9c');
  });

  it('Load more: what it does and how far, without reading the visible label twice', () => {
    assert.strictEqual(loadMoreAccessibilityLabel('idle', 50, 2345), 'Load more results, 50 of 2,345 loaded');
    assert.strictEqual(loadMoreAccessibilityLabel('loading', 50, undefined), 'Loading more results, 50 loaded');
    assert.strictEqual(loadMoreAccessibilityLabel('error', 1000, 2345), 'Loading more failed, retry, 1,000 of 2,345 loaded');
  });
});
