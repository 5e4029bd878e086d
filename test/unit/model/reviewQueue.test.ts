import * as assert from 'assert';
import type { FileClassification } from '../../../src/api/types';
import { ReviewMarks } from '../../../src/model/reviewMarks';
import {
  needsReview,
  nextInQueue,
  queuePosition,
  reviewSummary,
  reviewSummaryText,
  reviewTitle,
  thresholdText,
} from '../../../src/model/reviewQueue';
import { MemoryStore } from './memoryStore';

function row(id: string, type: string | null, confidence: number | null, extra: Partial<NonNullable<FileClassification['result']>> = {}): FileClassification {
  return { id, classify_job_id: 'j', file_id: null, result: { type, confidence, reasoning: '', ...extra }, created_at: null, updated_at: null };
}
const noResult = (id: string): FileClassification => ({ id, classify_job_id: 'j', file_id: null, result: null, created_at: null, updated_at: null });

describe('Review queue', () => {
  it('takes "No match" and confidences below the threshold, like the job summary\'s low-confidence list', () => {
    assert.strictEqual(needsReview(row('a', 'invoice', 0.59), 0.6), true);
    assert.strictEqual(needsReview(row('a', 'invoice', 0.599), 0.6), true, 'the summary lists it as low too');
    assert.strictEqual(needsReview(row('a', 'invoice', 0.6), 0.6), false);
    assert.strictEqual(needsReview(row('a', null, 0.95), 0.6), true, '"No match" whatever its confidence');
    assert.strictEqual(needsReview(row('a', null, null, { typeIssue: 'a number' }), 0.6), false, 'an unreadable type is not "No match"');
    assert.strictEqual(needsReview(row('a', 'invoice', null, { confidenceIssue: '1.7 is above 1' }), 0.6), false, 'no confidence to judge');
    assert.strictEqual(needsReview(noResult('a'), 0.6), false);
    assert.strictEqual(needsReview(row('a', 'invoice', 0.2), 0), false, 'threshold 0: only "No match"');
    assert.strictEqual(needsReview(row('a', 'invoice', 0.99), 1), true);
  });

  it('says the threshold as a percentage', () => {
    assert.strictEqual(thresholdText(0.6), '60%');
    assert.strictEqual(thresholdText(0.625), '62.5%');
  });

  const items = [row('r0', 'invoice', 0.9), row('r1', 'invoice', 0.4), noResult('r2'), row('r3', null, 0.8), row('r4', 'receipt', 0.7), row('r5', 'receipt', 0.1)];

  it('finds positions and neighbours in server order', () => {
    assert.deepStrictEqual(queuePosition(items, 0.6, 'r3'), { index: 1, count: 3 });
    assert.deepStrictEqual(queuePosition(items, 0.6, 'r0'), { index: -1, count: 3 });
    assert.strictEqual(nextInQueue(items, -1, 1, 0.6), 1);
    assert.strictEqual(nextInQueue(items, 1, 1, 0.6), 3);
    assert.strictEqual(nextInQueue(items, 3, 1, 0.6), 5);
    assert.strictEqual(nextInQueue(items, 5, 1, 0.6), -1);
    assert.strictEqual(nextInQueue(items, 5, -1, 0.6), 3);
    assert.strictEqual(nextInQueue(items, 1, -1, 0.6), -1);
  });

  it('titles the walk "Review 3 of 17 · below 60%", with a + while more pages may add to it', () => {
    assert.strictEqual(reviewTitle({ index: 2, count: 17 }, false, 0.6), 'Review 3 of 17 · below 60%');
    assert.strictEqual(reviewTitle({ index: 2, count: 1700 }, true, 0.75), 'Review 3 of 1,700+ · below 75%');
    assert.strictEqual(reviewTitle({ index: -1, count: 17 }, false, 0.6), 'Not in the review queue · below 60%');
  });

  it('counts what is left to review and what is wrong for the job row', async () => {
    const marks = new ReviewMarks(new MemoryStore());
    assert.deepStrictEqual(reviewSummary(items, 0.6, marks, 'j'), { toReview: 3, correct: 0, wrong: 0 });
    assert.strictEqual(reviewSummaryText(reviewSummary(items, 0.6, marks, 'j'), false), '3 to review');
    await marks.set('j', 'r1', 'wrong');
    await marks.set('j', 'r0', 'wrong'); // a result outside the queue can be marked too
    await marks.set('other', 'r3', 'correct');
    const s = reviewSummary(items, 0.6, marks, 'j');
    assert.deepStrictEqual(s, { toReview: 2, correct: 0, wrong: 2 });
    assert.strictEqual(reviewSummaryText(s, false), '2 to review · 2 wrong');
    assert.strictEqual(reviewSummaryText(s, true), '2+ to review · 2 wrong');
    await marks.set('j', 'r3', 'correct');
    await marks.set('j', 'r5', 'correct');
    assert.strictEqual(reviewSummaryText(reviewSummary(items, 0.6, marks, 'j'), false), 'all reviewed · 2 wrong');
    assert.strictEqual(reviewSummaryText({ toReview: 0, correct: 0, wrong: 0 }, false), '');
  });
});
