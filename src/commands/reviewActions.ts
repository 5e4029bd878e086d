// Marking results Correct / Wrong type and clearing marks: one implementation for the commands (tree
// rows, palette, keybindings) and the result panel's buttons and keys. Prompts go through the Ui seam;
// confirmations go in the status bar (never an awaited toast).
import type { FileClassification } from '../api/types';
import { typeLabel } from '../model/format';
import type { JobList } from '../model/jobList';
import { markText, type ReviewMark, type ReviewMarks } from '../model/reviewMarks';
import type { Ui } from '../ui/prompts';
// type only (no runtime vscode, the class is unit tested in plain mocha); it also tells npm run l10n
// that the l10n calls below are VS Code's
import type { l10n } from 'vscode';

/** vscode.l10n in the extension; else an English stand-in. */
export type Localiser = Pick<typeof l10n, 't'>;
const ENGLISH = { t: (message: string, ...args: Array<string | number | boolean>) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])) } as Localiser;

export class ReviewActions {
  constructor(
    readonly marks: ReviewMarks,
    private readonly jobs: JobList,
    private readonly ui: () => Ui,
    private readonly l10n: Localiser = ENGLISH,
  ) {}

  async markCorrect(jobId: string, resultId: string): Promise<ReviewMark> {
    const { l10n } = this; // a plain name, so npm run l10n finds the messages
    const mark = await this.marks.set(jobId, resultId, 'correct');
    this.ui().status(l10n.t('Marked as Correct'));
    return mark;
  }

  /** Asks for the right type and a note (both optional); undefined when the person cancels. */
  async markWrong(jobId: string, resultId: string): Promise<ReviewMark | undefined> {
    const { l10n } = this; // a plain name, so npm run l10n finds the messages
    const items = this.jobs.existingPager(jobId)?.items ?? [];
    const item = items.find((i) => i.id === resultId);
    const previous = this.marks.get(jobId, resultId);
    const answer = await this.ui().askWrongType({ current: item ? typeLabel(item.result) : 'unknown', types: typesByCount(items) });
    if (!answer) { return undefined; }
    const mark = await this.marks.set(jobId, resultId, 'wrong', {
      // Enter on "don't say" keeps a type given before, so re-marking does not lose it by accident.
      correctType: answer.correctType ?? (previous?.verdict === 'wrong' ? previous.correctType : undefined),
      note: answer.note ?? previous?.note,
    });
    this.ui().status(l10n.t('Marked as {0}', markText(mark)));
    return mark;
  }

  async clearMark(jobId: string, resultId: string): Promise<void> {
    const { l10n } = this; // a plain name, so npm run l10n finds the messages
    const had = await this.marks.clear(jobId, resultId);
    this.ui().status(had ? l10n.t('Review mark cleared') : l10n.t('This result has no review mark'));
  }

  /** Clears every mark of a job after a modal confirmation (the command's own prompt, not part of another flow). */
  async clearJob(jobId: string): Promise<number> {
    const { l10n } = this; // a plain name, so npm run l10n finds the messages
    const { correct, wrong } = this.marks.counts(jobId);
    const n = correct + wrong;
    if (n === 0) {
      this.ui().status(l10n.t('This job has no review marks'));
      return 0;
    }
    const ok = await this.ui().confirm(
      `Clear ${n === 1 ? 'the review mark' : `all ${n.toLocaleString('en-US')} review marks`} of job ${jobId}?`,
      `${correct} correct, ${wrong} wrong type. This cannot be undone.`,
      'Clear Marks',
    );
    if (!ok) { return 0; }
    const cleared = await this.marks.clearJob(jobId);
    this.ui().status(cleared === 1 ? l10n.t('Cleared 1 review mark') : l10n.t('Cleared {0} review marks', cleared.toLocaleString('en-US')));
    return cleared;
  }
}

/** The types in the loaded results, most common first (ties by name): offered as the right type. */
export function typesByCount(items: readonly FileClassification[]): string[] {
  const counts = new Map<string, number>();
  for (const i of items) {
    const t = i.result?.type;
    if (typeof t === 'string' && t.trim() && !i.result?.typeIssue) { counts.set(t, (counts.get(t) ?? 0) + 1); }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
}
