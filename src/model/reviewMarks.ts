// A person's review verdicts on results: "Correct" or "Wrong type" (optionally with the right type and a
// note), per job, kept across reloads in a Memento-shaped store (workspace state). Only IDs and what the
// person typed are stored: no result data, nothing secret. Imports no `vscode`, so it is unit tested.
import { Emitter } from './events';
import type { KeyValueStore } from './jobList';

export type Verdict = 'correct' | 'wrong';

export interface ReviewMark {
  verdict: Verdict;
  /** The type the person says is right (wrong only); absent when they did not say. */
  correctType?: string;
  note?: string;
  /** When it was marked (ISO). */
  at: string;
}

export interface MarkCounts {
  correct: number;
  wrong: number;
}

const MARKS_KEY = 'llamaClassify.reviewMarks';
/** Bounds, so hand-edited or runaway state cannot grow without end. */
export const MAX_MARKED_JOBS = 200;
export const MAX_MARKS_PER_JOB = 20_000;
export const MAX_TYPE_LENGTH = 200;
export const MAX_NOTE_LENGTH = 2000;

type JobMarks = Map<string, ReviewMark>;

export class ReviewMarks {
  /** jobId → resultId → mark; a job's entry is moved to the end when it changes (least recently marked first). */
  private jobs = new Map<string, JobMarks>();
  private readonly changed = new Emitter<string>();
  /** Fires with the job ID whose marks changed. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.jobs = sanitize(store.get<unknown>(MARKS_KEY));
  }

  get(jobId: string, resultId: string): ReviewMark | undefined {
    return this.jobs.get(jobId)?.get(resultId);
  }

  /** The job's marks (a copy), by result ID. */
  marksOf(jobId: string): ReadonlyMap<string, ReviewMark> {
    return new Map(this.jobs.get(jobId) ?? []);
  }

  counts(jobId: string): MarkCounts {
    const counts = { correct: 0, wrong: 0 };
    for (const m of this.jobs.get(jobId)?.values() ?? []) { counts[m.verdict]++; }
    return counts;
  }

  /** Jobs that hold at least one mark, most recently marked first. */
  markedJobs(): string[] {
    return [...this.jobs.keys()].reverse();
  }

  async set(jobId: string, resultId: string, verdict: Verdict, details: { correctType?: string; note?: string } = {}): Promise<ReviewMark> {
    const mark: ReviewMark = { verdict, at: this.now().toISOString() };
    const type = verdict === 'wrong' ? clean(details.correctType, MAX_TYPE_LENGTH) : undefined;
    const note = clean(details.note, MAX_NOTE_LENGTH);
    if (type) { mark.correctType = type; }
    if (note) { mark.note = note; }
    const marks = this.jobs.get(jobId) ?? new Map<string, ReviewMark>();
    this.jobs.delete(jobId); // re-inserted last: the most recently marked job
    marks.delete(resultId);
    marks.set(resultId, mark);
    while (marks.size > MAX_MARKS_PER_JOB) { marks.delete(marks.keys().next().value as string); }
    this.jobs.set(jobId, marks);
    while (this.jobs.size > MAX_MARKED_JOBS) { this.jobs.delete(this.jobs.keys().next().value as string); }
    this.changed.fire(jobId);
    await this.persist();
    return mark;
  }

  /** Removes one mark; false when there was none. */
  async clear(jobId: string, resultId: string): Promise<boolean> {
    const marks = this.jobs.get(jobId);
    if (!marks?.delete(resultId)) { return false; }
    if (marks.size === 0) { this.jobs.delete(jobId); }
    this.changed.fire(jobId);
    await this.persist();
    return true;
  }

  /** Removes every mark of a job; returns how many there were. */
  async clearJob(jobId: string): Promise<number> {
    const n = this.jobs.get(jobId)?.size ?? 0;
    if (!this.jobs.delete(jobId)) { return 0; }
    this.changed.fire(jobId);
    await this.persist();
    return n;
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async persist(): Promise<void> {
    const out: Record<string, Record<string, ReviewMark>> = {};
    for (const [jobId, marks] of this.jobs) { out[jobId] = Object.fromEntries(marks); }
    await this.store.update(MARKS_KEY, out);
  }
}

/** Trimmed, bounded text, or undefined when empty or not a string. */
function clean(text: unknown, max: number): string | undefined {
  if (typeof text !== 'string') { return undefined; }
  const t = text.trim();
  return t ? t.slice(0, max) : undefined;
}

const ID = /^[A-Za-z0-9_-]{1,128}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Stored state may be from an older version or hand-edited: keep the well-formed marks, drop the rest. */
function sanitize(raw: unknown): Map<string, JobMarks> {
  const jobs = new Map<string, JobMarks>();
  if (!isObject(raw)) { return jobs; }
  for (const [jobId, value] of Object.entries(raw).slice(-MAX_MARKED_JOBS)) {
    if (!ID.test(jobId) || !isObject(value)) { continue; }
    const marks: JobMarks = new Map();
    for (const [resultId, m] of Object.entries(value).slice(-MAX_MARKS_PER_JOB)) {
      if (!ID.test(resultId) || !isObject(m) || (m.verdict !== 'correct' && m.verdict !== 'wrong')) { continue; }
      const mark: ReviewMark = { verdict: m.verdict, at: typeof m.at === 'string' ? m.at : '' };
      const type = m.verdict === 'wrong' ? clean(m.correctType, MAX_TYPE_LENGTH) : undefined;
      const note = clean(m.note, MAX_NOTE_LENGTH);
      if (type) { mark.correctType = type; }
      if (note) { mark.note = note; }
      marks.set(resultId, mark);
    }
    if (marks.size) { jobs.set(jobId, marks); }
  }
  return jobs;
}

/** "Correct", "Wrong type (should be receipt)": the mark in words, for descriptions, tooltips and the panel. */
export function markText(mark: ReviewMark | undefined): string {
  if (!mark) { return 'Not reviewed'; }
  if (mark.verdict === 'correct') { return 'Correct'; }
  return mark.correctType ? `Wrong type (should be ${mark.correctType})` : 'Wrong type';
}
