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
  /** At an end of the list: nothing to do; `text`, when set, says so (a filtered walk that loaded pages). */
  | { kind: 'none'; text?: string }
  /** Could not move; `text` says why, for the panel's status line. */
  | { kind: 'failed'; text: string };

/** Which results a walk visits: every one (plain Previous/Next), or a filtered sequence (the review queue). */
export type Accept = (item: FileClassification) => boolean;

/** How many pages one filtered step loads at most before it stops and says so (a key press is never endless). */
export const MAX_SEEK_PAGES = 20;

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
   * move to `apply` in turn, so the next queued step starts from there. Resolves to the outcome. With
   * `accept`, moves to the nearest result it accepts, loading further pages as needed (bounded).
   */
  step(
    delta: 1 | -1,
    current: () => Position | undefined,
    apply: (from: Position, item: FileClassification) => void,
    accept?: Accept,
  ): Promise<StepOutcome> {
    const run = this.queue.then(async (): Promise<StepOutcome> => {
      const from = current();
      if (!from) {return { kind: 'none' };}
      const outcome = await this.move(from, delta, () => current() === from, accept);
      if (outcome.kind === 'moved' && current() === from) { apply(from, outcome.item); }
      return outcome;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The first result of a job that `accept` takes, loading the first page and further ones as needed (bounded). */
  async first(jobId: string, accept: Accept, isCurrent: () => boolean): Promise<StepOutcome> {
    await this.controller.loadFirst(jobId);
    if (!isCurrent()) { return { kind: 'none' }; }
    const pager = this.controller.jobs.pager(jobId);
    if (pager.state === 'error' && pager.items.length === 0) {
      return { kind: 'failed', text: `Couldn't load job ${jobId}: ${pager.error?.message ?? 'unknown error'}` };
    }
    return this.seek(jobId, -1, 1, accept, isCurrent);
  }

  private async move(from: Position, delta: 1 | -1, isCurrent: () => boolean, accept?: Accept): Promise<StepOutcome> {
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
    return this.seek(from.jobId, index, delta, accept, isCurrent);
  }

  /** From `index`, the nearest accepted result in direction `delta`; at the end of the loaded ones, the next page. */
  private async seek(jobId: string, index: number, delta: 1 | -1, accept: Accept | undefined, isCurrent: () => boolean): Promise<StepOutcome> {
    const pager = this.controller.jobs.pager(jobId);
    const take = accept ?? (() => true);
    let checked = index; // the last index looked at
    for (let pages = 0; ; pages++) {
      for (let i = checked + delta; i >= 0 && i < pager.items.length; i += delta) {
        if (take(pager.items[i])) { return { kind: 'moved', item: pager.items[i] }; }
        checked = i;
      }
      if (delta < 0 || !pager.hasMore) {
        return { kind: 'none', text: accept && pages > 0 ? 'There are no more results to review.' : undefined };
      }
      if (pages >= (accept ? MAX_SEEK_PAGES : 1)) {
        return { kind: 'none', text: `Nothing to review in the next ${pager.items.length - 1 - index} results. Press Next to look further.` };
      }
      checked = pager.items.length - 1;
      this.busy('Loading more results…');
      await this.controller.loadMore(jobId);
      if (!isCurrent()) {return { kind: 'none' };} // another result was opened meanwhile
      if (pager.items.length - 1 === checked) {
        return { kind: 'failed', text: pager.error ? `Couldn't load more results: ${pager.error.message}` : 'There are no more results.' };
      }
    }
  }
}
