// Pages through one classify job's results. Owns the loaded items (a PageAccumulator), the state and
// the one request in flight; the tree and the panel only render it.
//
// Runs: every load (next page, refresh) is a run. At most one run is current. A refresh supersedes
// the current run (aborting its request); a superseded run never writes anything — not the items,
// not the state, not the abort controller — so the state always describes the current run, and a
// caller that awaited a superseded run waits for the run that replaced it instead.
import { isCancelled, isLlamaCloudError } from '../api/errors';
import type { ClassifyJobResultsPage, FileClassification } from '../api/types';
import { Emitter } from './events';
import { PageAccumulator } from './pageAccumulator';

export type PagerState = 'idle' | 'loading' | 'error' | 'complete';

export type FetchPage = (pageToken: string | undefined, signal: AbortSignal) => Promise<ClassifyJobResultsPage>;

/** Bounds a refresh when the server keeps adding results. */
export const MAX_REFRESH_PAGES = 10_000;

type Op = 'more' | 'refresh';

interface Run {
  readonly op: Op;
  readonly abort: AbortController;
  promise: Promise<void>;
}

/** The next page, fetched in the background after a page is shown, so Load more shows it at once. */
interface Ahead {
  readonly token: string;
  readonly abort: AbortController;
  /** Resolves to the page, or undefined when the background fetch failed (Load more then fetches it). */
  readonly promise: Promise<ClassifyJobResultsPage | undefined>;
  page?: ClassifyJobResultsPage;
}

export interface PagerOptions {
  /** Read before each background fetch: the `llamaClassify.prefetch` setting. Default: off. */
  prefetch?: () => boolean;
  /** The clock for the pause after a 429 (tests pass their own). */
  now?: () => number;
}

/** After a 429, no background fetch for this long (or the server's Retry-After, if longer). */
export const RATE_LIMIT_PAUSE_MS = 30_000;

export class ResultPager {
  private acc = new PageAccumulator();
  private _state: PagerState = 'idle';
  private _started = false;
  private _error: Error | undefined;
  private run: Run | undefined;
  private lastFailed: Op | undefined;
  private ahead: Ahead | undefined;
  /** The server said 429: no background fetch before this time. */
  private pausedUntil = 0;
  private disposed = false;
  private readonly changed = new Emitter<ResultPager>();
  /** Fires after every state or item change. */
  readonly onDidChange = this.changed.event;

  constructor(
    readonly jobId: string,
    private readonly fetchPage: FetchPage,
    private readonly options: PagerOptions = {},
  ) {}

  get items(): readonly FileClassification[] {
    return this.acc.items;
  }
  get state(): PagerState {
    return this._state;
  }
  /** True once a first page was asked for. */
  get started(): boolean {
    return this._started;
  }
  get nextToken(): string | undefined {
    return this.acc.nextToken;
  }
  /** The server's count; may be absent or an estimate, so never below what is loaded, and exact once complete. */
  get totalSize(): number | undefined {
    if (this.acc.done) { return this.acc.items.length; }
    const reported = this.acc.reportedTotal;
    return reported === undefined ? undefined : Math.max(reported, this.acc.items.length);
  }
  get hasMore(): boolean {
    return this.acc.nextToken !== undefined;
  }
  get error(): Error | undefined {
    return this._error;
  }
  /** Set when paging was ended by the loop guard, or duplicates were dropped. */
  get warning(): string | undefined {
    const n = this.acc.duplicatesDropped;
    const duplicates = n > 0 ? `The server sent ${n} result${n === 1 ? '' : 's'} more than once; each is shown once.` : undefined;
    return [this.acc.stopReason, duplicates].filter(Boolean).join(' ') || undefined;
  }
  /** True when the loop guard ended paging before the server said it was done. */
  get stoppedEarly(): boolean {
    return this.acc.stopReason !== undefined;
  }
  get duplicatesDropped(): number {
    return this.acc.duplicatesDropped;
  }
  get pagesLoaded(): number {
    return this.acc.pagesLoaded;
  }
  get loading(): boolean {
    return this._state === 'loading';
  }
  /** Which load is running: the next page or a refresh; undefined when none. */
  get runningOp(): Op | undefined {
    return this.run?.op;
  }
  /** The token of the page fetched (or being fetched) in the background, if any. */
  get prefetchedToken(): string | undefined {
    return this.ahead?.token;
  }

  /**
   * Loads page 1 unless it was already asked for. With `target` (results loaded before a window
   * reload), keeps paging until at least that many are loaded, so the user finds their place again.
   */
  loadFirst(target = 0): Promise<void> {
    if (this.run) { return this.run.promise; }
    // Asked for already: loaded, or failed (Retry is the person's call). A cancelled first page is asked for again.
    if (this._started && (this.acc.pagesLoaded > 0 || this._state === 'error')) { return Promise.resolve(); }
    return target > 1 ? this.refresh(target) : this.loadMore();
  }

  /**
   * Loads the next page. While any load runs, returns that run's promise instead (one request at a
   * time). A page already fetched in the background is shown at once, without a request.
   */
  loadMore(): Promise<void> {
    if (this.run) { return this.run.promise; }
    if (this.disposed || (this._started && this.acc.done)) { return Promise.resolve(); }
    const token = this.acc.nextToken;
    const acc = this.acc;
    // A background page is always the page after the last one loaded (it is dropped whenever that changes).
    const ahead = this.ahead;
    this.ahead = undefined; // handed to this Load more, not aborted
    if (ahead?.page) {
      acc.append(ahead.page, token);
      this._error = undefined;
      this._state = acc.done ? 'complete' : 'idle';
      this.changed.fire(this);
      this.prefetchNext();
      return Promise.resolve();
    }
    return this.start('more', async (signal) => {
      // The background fetch of this page is still on its way: wait for it rather than ask twice.
      const early = ahead ? await untilAborted(ahead, signal) : undefined;
      const page = early ?? (await this.fetchPage(token, signal));
      return () => acc.append(page, token);
    });
  }

  /**
   * Re-fetches from page 1 up to at least as many results as were loaded (or `target`), so the user
   * keeps their place. The old results stay visible until the new list is complete; a failure or a
   * cancel keeps them. Supersedes any load that is running.
   */
  refresh(target?: number): Promise<void> {
    if (this.disposed) { return Promise.resolve(); }
    const goal = Math.max(target ?? this.acc.items.length, 1);
    this.run?.abort.abort();
    this.dropAhead();
    return this.start('refresh', async (signal) => {
      const fresh = new PageAccumulator();
      for (let pages = 0; pages < MAX_REFRESH_PAGES; pages++) {
        const token = fresh.nextToken;
        fresh.append(await this.fetchPage(token, signal), token);
        if (fresh.items.length >= goal || fresh.nextToken === undefined) { break; }
      }
      return () => (this.acc = fresh);
    });
  }

  /** Repeats whatever failed last: the next page, or a refresh. */
  retry(): Promise<void> {
    return this.lastFailed === 'refresh' ? this.refresh() : this.loadMore();
  }

  /** Aborts the running load (and a background fetch). Loaded results stay; the state returns to what the results say. */
  cancel(): void {
    this.run?.abort.abort();
    this.dropAhead();
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
    this.changed.dispose();
  }

  private start(op: Op, work: (signal: AbortSignal) => Promise<() => void>): Promise<void> {
    const run: Run = { op, abort: new AbortController(), promise: Promise.resolve() };
    this.run = run;
    this._started = true;
    this._state = 'loading';
    this._error = undefined;
    this.changed.fire(this);
    run.promise = this.execute(run, work);
    return run.promise;
  }

  private async execute(run: Run, work: (signal: AbortSignal) => Promise<() => void>): Promise<void> {
    let apply: (() => void) | undefined;
    let failure: unknown;
    try {
      apply = await work(run.abort.signal);
    } catch (err) {
      failure = err;
    }
    if (this.run !== run) {
      // Superseded: the current run owns the state. Settle when it does.
      return this.run?.promise;
    }
    this.run = undefined;
    if (apply) {
      apply();
      this._state = this.acc.done ? 'complete' : 'idle';
    } else if (run.abort.signal.aborted || isCancelled(failure)) {
      this._state = this.acc.done ? 'complete' : 'idle';
    } else {
      this._state = 'error';
      this.lastFailed = run.op;
      this._error = failure instanceof Error ? failure : new Error(String(failure));
      this.pauseIfRateLimited(failure);
    }
    this.changed.fire(this); // a no-op once disposed: the emitter has no listeners left
    if (apply) { this.prefetchNext(); }
  }

  /** One page ahead, in the background: never while a load runs, never twice, never while rate limited. */
  private prefetchNext(): void {
    const token = this.acc.nextToken;
    if (token === undefined || this.run || this.ahead || this.disposed || this.now() < this.pausedUntil || !this.options.prefetch?.()) {
      return;
    }
    const abort = new AbortController();
    const ahead: Ahead = {
      token,
      abort,
      promise: this.fetchPage(token, abort.signal).then(
        (page) => {
          ahead.page = page;
          return page;
        },
        (err: unknown) => {
          if (this.ahead === ahead) { this.ahead = undefined; }
          this.pauseIfRateLimited(err);
          return undefined; // a failed background fetch is not an error to show: Load more asks again
        },
      ),
    };
    this.ahead = ahead;
  }

  private pauseIfRateLimited(err: unknown): void {
    if (isLlamaCloudError(err) && err.kind === 'rateLimited') {
      this.pausedUntil = this.now() + Math.max(err.retryAfterMs ?? 0, RATE_LIMIT_PAUSE_MS);
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Forgets the background fetch and aborts it. */
  private dropAhead(): void {
    this.ahead?.abort.abort();
    this.ahead = undefined;
  }
}


/** The background page, or undefined when the run is cancelled first (the background fetch is aborted too). */
function untilAborted(ahead: Ahead, signal: AbortSignal): Promise<ClassifyJobResultsPage | undefined> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      ahead.abort.abort();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort);
    void ahead.promise.then((page) => {
      signal.removeEventListener('abort', onAbort);
      resolve(page);
    });
  });
}
