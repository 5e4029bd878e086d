// Previous/Next through a job's results for the result panel: one step per key press (steps queue up
// while a page loads), the next page loaded at the end of the list, and the job's pages fetched again
// when it was removed from the view meanwhile. Imports no `vscode`, so it is unit tested.
import type { FileClassification } from '../api/types';
import type { JobController } from '../model/controller';

export interface Position {
  jobId: string;
  resultId: string;
}

export type StepOutcome =
  | { kind: 'moved'; item: FileClassification }
  /** At an end of the list: nothing to do. */
  | { kind: 'none' }
  /** Could not move; `text` says why, for the panel's status line. */
  | { kind: 'failed'; text: string };

export class ResultNavigator {
  /** Serialises steps so each key press moves exactly one result, even while a page loads. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly controller: JobController,
    /** Shows a short "working" message while a step has to load. */
    private readonly busy: (text: string) => void,
  ) {}

  /**
   * Moves by `delta` from what the panel shows when this step's turn comes (`current()`), and hands a
   * move to `apply` in turn, so the next queued step starts from there. Resolves to the outcome.
   */
  step(delta: 1 | -1, current: () => Position | undefined, apply: (from: Position, item: FileClassification) => void): Promise<StepOutcome> {
    const run = this.queue.then(async (): Promise<StepOutcome> => {
      const from = current();
      if (!from) {return { kind: 'none' };}
      const outcome = await this.move(from, delta, () => current() === from);
      if (outcome.kind === 'moved' && current() === from) { apply(from, outcome.item); }
      return outcome;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async move(from: Position, delta: 1 | -1, isCurrent: () => boolean): Promise<StepOutcome> {
    let pager = this.controller.jobs.pager(from.jobId);
    let index = pager.items.findIndex((i) => i.id === from.resultId);
    if (index < 0) {
      // The job's pages are gone (it was removed from the view): find the result again, then step.
      this.busy('Loading the job’s results…');
      const found = await this.controller.locate(from.jobId, from.resultId);
      if (!isCurrent()) {return { kind: 'none' };}
      pager = this.controller.jobs.pager(from.jobId);
      index = pager.items.findIndex((i) => i.id === from.resultId);
      if (!found.item || index < 0) {
        return { kind: 'failed', text: `Couldn't move to the ${delta > 0 ? 'next' : 'previous'} result: ${found.reason}` };
      }
    }
    const target = index + delta;
    if (target < 0) {return { kind: 'none' };}
    if (target >= pager.items.length) {
      if (!pager.hasMore) {return { kind: 'none' };}
      this.busy('Loading more results…');
      await this.controller.loadMore(from.jobId);
      if (!isCurrent()) {return { kind: 'none' };} // another result was opened meanwhile
      if (target >= pager.items.length) {
        return { kind: 'failed', text: pager.error ? `Couldn't load more results: ${pager.error.message}` : 'There are no more results.' };
      }
    }
    return { kind: 'moved', item: pager.items[target] };
  }
}
