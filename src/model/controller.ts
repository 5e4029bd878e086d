// The one owner of loading: first page, Load more, refresh, and the reload that key, connection and
// "Refresh all" changes share, plus what follows every load (file names, the remembered count, error
// reports). Built before the tree and the result panel and handed to both. Imports no `vscode`: the
// few things it needs from the editor come through `ControllerHost`.
import { isAuthError, type LlamaCloudError } from '../api/errors';
import type { FileClassification } from '../api/types';
import type { FileNameCache } from './fileNames';
import type { JobList } from './jobList';
import { MAX_REFRESH_PAGES, type ResultPager } from './pager';

export interface ControllerHost {
  /** Shows the view's progress bar while `work` runs. */
  withViewProgress(work: Promise<void>): Promise<void>;
  log: { info(message: string): void; warn(message: string): void; error(message: string): void };
  /** The key was rejected (401). Must not wait for the person: it shows a notice and returns. */
  authRejected(error: LlamaCloudError): void;
}

/** How far a lookup pages through a job for one result. */
export const MAX_LOCATE_PAGES = 20;

export interface LoadAllOptions {
  /** Stop once this many results are loaded (the `llamaClassify.loadAllLimit` setting). */
  limit: number;
  /**
   * Called before every page and at the end with what is loaded so far. A returned promise is awaited
   * before the next page is asked for (an export writes the page to disk first); a rejection ends
   * loadAll with that error.
   */
  onProgress?(pager: ResultPager): unknown;
  /** Aborting it cancels the page in flight; loaded results stay. */
  signal?: AbortSignal;
}

export interface LoadAllOutcome {
  /** complete: every result; limit: stopped at the limit; stoppedEarly: the loop guard ended paging. */
  outcome: 'complete' | 'limit' | 'cancelled' | 'error' | 'stoppedEarly';
  loaded: number;
  total: number | undefined;
  error?: Error;
}

export interface Located {
  item?: FileClassification;
  /** Why the result could not be shown, for a person. */
  reason: string;
  /** The failure is a rejected key: the tree row and the notice already say so. */
  authProblem?: boolean;
}

export class JobController {
  constructor(
    readonly jobs: JobList,
    private readonly fileNames: FileNameCache,
    private readonly host: ControllerHost,
  ) {}

  /** Loads page 1 unless it was asked for already; after a window reload, as many results as were loaded before. */
  loadFirst(jobId: string): Promise<void> {
    const pager = this.jobs.pager(jobId);
    // Already asked for: join the load that runs, or ask again after a cancelled first page (after-load work is idempotent).
    if (pager.started) { return this.track(pager, pager.loadFirst()); }
    const target = this.jobs.get(jobId)?.loaded ?? 0;
    return this.track(pager, this.host.withViewProgress(pager.loadFirst(target)));
  }

  /** The next page, or a retry of what failed last. */
  loadMore(jobId: string): Promise<void> {
    const pager = this.jobs.pager(jobId);
    return this.track(pager, pager.state === 'error' ? pager.retry() : pager.loadMore());
  }

  /** One job: its status again, and its results from page 1 up to where they were. */
  async refreshJob(jobId: string): Promise<void> {
    if (this.jobs.get(jobId)) { void this.jobs.refreshMeta(jobId); }
    const pager = this.jobs.existingPager(jobId);
    if (!pager?.started) { return; }
    await this.track(pager, this.host.withViewProgress(pager.refresh()));
  }

  /**
   * The one reload path: a new key, a new connection, or Refresh on the whole view. Every started
   * pager (also one the panel made) reloads up to where it was; statuses are read again; with
   * `newConnection` the file names of the old server are forgotten and looked up again.
   */
  async reload(opts: { newConnection?: boolean } = {}): Promise<void> {
    if (opts.newConnection) { this.fileNames.clear(); }
    this.jobs.invalidateReads(); // a status read under the old key or server writes nothing
    for (const job of this.jobs.jobs) { void this.jobs.refreshMeta(job.id); }
    const started = this.jobs.allPagers().filter((p) => p.started);
    await Promise.all(started.map((p) => this.track(p, this.host.withViewProgress(p.refresh()))));
  }

  /**
   * Loads page after page until the job is complete, the limit is reached, the signal aborts or a
   * page fails (a failure is not retried here; what failed before is retried once at the start).
   */
  async loadAll(jobId: string, opts: LoadAllOptions): Promise<LoadAllOutcome> {
    const pager = this.jobs.pager(jobId);
    const outcome = async (o: LoadAllOutcome['outcome']): Promise<LoadAllOutcome> => {
      await opts.onProgress?.(pager);
      return { outcome: o, loaded: pager.items.length, total: pager.totalSize, error: o === 'error' ? pager.error : undefined };
    };
    // Cancelled, or the job was removed meanwhile (Load more would start a new pager for it).
    const stopped = () => !!opts.signal?.aborted || this.jobs.existingPager(jobId) !== pager;
    const onAbort = () => pager.cancel();
    opts.signal?.addEventListener('abort', onAbort);
    try {
      await this.loadFirst(jobId);
      if (pager.state === 'error' && !opts.signal?.aborted) { await this.loadMore(jobId); }
      for (let pages = 0; pages < MAX_REFRESH_PAGES; pages++) {
        if (stopped()) { return outcome('cancelled'); }
        if (pager.state === 'error') { return outcome('error'); }
        if (!pager.hasMore) { return outcome(pager.stoppedEarly ? 'stoppedEarly' : 'complete'); }
        if (pager.items.length >= opts.limit) { return outcome('limit'); }
        await opts.onProgress?.(pager);
        if (stopped()) { return outcome('cancelled'); }
        await this.loadMore(jobId);
      }
      return outcome('limit');
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** A job that was still running has ended (the status poller saw it): its results, from page 1. */
  async jobFinished(jobId: string): Promise<void> {
    const pager = this.jobs.existingPager(jobId);
    // Never shown yet (collapsed): its first page loads when it is expanded.
    if (!pager?.started) { return; }
    this.host.log.info(`Job ${jobId} has ended; loading its results.`);
    await this.track(pager, this.host.withViewProgress(pager.refresh()));
  }

  cancel(jobId: string): void {
    this.jobs.existingPager(jobId)?.cancel();
  }

  /** Finds a result in the job's loaded pages, loading more (bounded) when it is not there yet. */
  async locate(jobId: string, resultId: string, maxPages = MAX_LOCATE_PAGES): Promise<Located> {
    const pager = this.jobs.pager(jobId);
    const find = () => pager.items.find((i) => i.id === resultId);
    let item = find();
    if (item) {return { item, reason: '' };}
    const failedBefore = pager.state === 'error';
    await this.loadFirst(jobId);
    if (failedBefore) { await this.loadMore(jobId); } // retry what failed earlier, once
    for (let pages = 0; !(item = find()) && pager.hasMore && pager.state !== 'error' && pages < maxPages; pages++) {
      await this.loadMore(jobId);
    }
    if (item) {return { item, reason: '' };}
    if (pager.state === 'error') {
      return { reason: `couldn't load job ${jobId}: ${pager.error?.message ?? 'unknown error'}`, authProblem: isAuthError(pager.error) };
    }
    if (pager.hasMore) {
      return {
        reason: `result ${resultId} was not found in the first ${pager.items.length.toLocaleString('en-US')} results of job ${jobId}. Open the job and load more to find it.`,
      };
    }
    return { reason: `result ${resultId} is not in job ${jobId} any more (or the job is gone).` };
  }

  private async track(pager: ResultPager, work: Promise<void>): Promise<void> {
    await work;
    this.afterLoad(pager);
  }

  /** After any load: names for every loaded row, the count to restore, and one report of a failure. */
  private afterLoad(pager: ResultPager): void {
    if (this.jobs.existingPager(pager.jobId) !== pager) { return; } // dropped meanwhile (job removed)
    if (pager.items.length) { void this.fileNames.resolve(pager.items.map((i) => i.file_id)); }
    const listed = !!this.jobs.get(pager.jobId);
    if (listed && pager.items.length) { void this.jobs.rememberLoaded(pager.jobId, pager.items.length); }
    const err = pager.state === 'error' ? pager.error : undefined;
    if (!err) {
      // The job's status could not be read last time (network down, key rejected): the server answers now.
      if (listed && this.jobs.statusUnread(pager.jobId)) { void this.jobs.refreshMeta(pager.jobId); }
      return;
    }
    this.host.log.error(`Job ${pager.jobId}: ${err.message}`);
    if (isAuthError(err)) { this.host.authRejected(err as LlamaCloudError); }
  }
}
