// The review queue: which results need a person (confidence below the threshold, and every "No match"),
// where a result sits in that queue, and the wording of its position. Works on a job's loaded results in
// server order; the panel loads further pages as the walk reaches the end. Pure, so unit tested.
import type { FileClassification } from '../api/types';
import { formatCount } from './format';
import type { ReviewMarks } from './reviewMarks';
import { trustedConfidence } from './summary';

/**
 * True for "No match" (whatever its confidence) and for a confidence below the threshold — the same
 * "low confidence" the job summary lists (model/summary.ts), so both read the setting alike. A result
 * with no result or a confidence that cannot be trusted is not in the queue: there is no confidence to judge.
 */
export function needsReview(item: FileClassification, threshold: number): boolean {
  const r = item.result;
  if (!r) { return false; }
  if (r.type === null && !r.typeIssue) { return true; }
  return trustedConfidence(r.confidence) && !r.confidenceIssue && r.confidence < threshold;
}

/** "60%" (0.6), "62.5%" (0.625). */
export function thresholdText(threshold: number): string {
  return `${Math.round(threshold * 1000) / 10}%`;
}

export interface QueuePosition {
  /** 0-based place of the result in the queue; -1 when it is not in it. */
  index: number;
  /** Queue entries among the loaded results. */
  count: number;
}

export function queuePosition(items: readonly FileClassification[], threshold: number, resultId: string): QueuePosition {
  let count = 0;
  let index = -1;
  for (const item of items) {
    if (!needsReview(item, threshold)) { continue; }
    if (item.id === resultId) { index = count; }
    count++;
  }
  return { index, count };
}

/** The index (in `items`) of the next queue entry after `from` (delta 1) or before it (-1); -1 when none is loaded. */
export function nextInQueue(items: readonly FileClassification[], from: number, delta: 1 | -1, threshold: number): number {
  for (let i = from + delta; i >= 0 && i < items.length; i += delta) {
    if (needsReview(items[i], threshold)) { return i; }
  }
  return -1;
}

/**
 * "Review 3 of 17 · below 60%"; "Review 3 of 17+ · below 60%" while more pages may hold more; "Not in
 * the review queue · below 60%" for a result outside it (opened from the tree).
 */
export function reviewTitle(pos: QueuePosition, hasMore: boolean, threshold: number): string {
  const below = `below ${thresholdText(threshold)}`;
  if (pos.index < 0) { return `Not in the review queue · ${below}`; }
  return `Review ${formatCount(pos.index + 1)} of ${formatCount(pos.count)}${hasMore ? '+' : ''} · ${below}`;
}

export interface ReviewSummary {
  /** Loaded queue entries without a mark. */
  toReview: number;
  /** Every mark of the job (also on results not loaded now). */
  correct: number;
  wrong: number;
}

export function reviewSummary(items: readonly FileClassification[], threshold: number, marks: ReviewMarks, jobId: string): ReviewSummary {
  let toReview = 0;
  for (const item of items) { if (needsReview(item, threshold) && !marks.get(jobId, item.id)) { toReview++; } }
  const { correct, wrong } = marks.counts(jobId);
  return { toReview, correct, wrong };
}

/** The job row's part: "17 to review · 5 wrong", "all reviewed", or '' when there is nothing to say. */
export function reviewSummaryText(s: ReviewSummary, hasMore: boolean): string {
  const parts: string[] = [];
  if (s.toReview > 0) { parts.push(`${formatCount(s.toReview)}${hasMore ? '+' : ''} to review`); }
  else if (s.correct + s.wrong > 0 && !hasMore) { parts.push('all reviewed'); }
  if (s.wrong > 0) { parts.push(`${formatCount(s.wrong)} wrong`); }
  return parts.join(' · ');
}
