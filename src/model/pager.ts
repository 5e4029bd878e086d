// Pages through one classify job's results. Owns the loaded items, the next token and the state; the
// tree only renders it. Never loses or duplicates an item: pages are de-duplicated by id, a failed
// page keeps what was loaded, and a server that repeats itself ends paging with a report instead of
// looping (reference §7: `page_token` is undeclared, so we cannot assume it is honoured).
import { LlamaCloudError, isCancelled } from '../api/errors';
import type { ClassifyJobResultsPage, FileClassification } from '../api/types';
import { Emitter } from './events';

export type PagerState = 'idle' | 'loading' | 'error' | 'complete';

export type FetchPage = (pageToken: string | undefined, signal: AbortSignal) => Promise<ClassifyJobResultsPage>;

export interface PagerSnapshot {
  state: PagerState;
  items: readonly FileClassification[];
  totalSize: number | undefined;
  hasMore: boolean;
  error: Error | undefined;
  warning: string | undefined;
}

/** Stops a refresh from paging forever when the server keeps adding results. */
const MAX_REFRESH_PAGES = 10_000;

export class ResultPager {
  private _items: FileClassification[] = [];
  private ids = new Set<string>();
  private seenTokens = new Set<string>();
  private _nextToken: string | undefined;
  private _totalSize: number | undefined;
  private _state: PagerState = 'idle';
  private _started = false;
  private _error: Error | undefined;
  /** Why the loop guard ended paging, if it did. */
  private stopReason: string | undefined;
  private _duplicatesDropped = 0;
  private _pagesLoaded = 0;
  private inflight: Promise<void> | undefined;
  private lastFailed: 'more' | 'refresh' | undefined;
  private abort: AbortController | undefined;
  private readonly changed = new Emitter<ResultPager>();
  /** Fires after every state or item change. */
  readonly onDidChange = this.changed.event;

  constructor(readonly jobId: string, private readonly fetchPage: FetchPage) {}

  get items(): readonly FileClassification[] {
    return this._items;
  }
  get state(): PagerState {
    return this._state;
  }
  /** True once a first page was asked for. */
  get started(): boolean {
    return this._started;
  }
  get nextToken(): string | undefined {
    return this._nextToken;
  }
  /** The server's count; may be absent or an estimate, so never larger than what we know is loaded when complete. */
  get totalSize(): number | undefined {
    if (this._state === 'complete') return this._items.length;
    if (this._totalSize === undefined) return undefined;
    return Math.max(this._totalSize, this._items.length);
  }
  get hasMore(): boolean {
    return this._nextToken !== undefined;
  }
  get error(): Error | undefined {
    return this._error;
  }
  /** Set when paging was ended by the loop guard, or duplicates were dropped. */
  get warning(): string | undefined {
    const n = this._duplicatesDropped;
    const duplicates = n > 0 ? `The server sent ${n} result${n === 1 ? '' : 's'} more than once; each is shown once.` : undefined;
    return [this.stopReason, duplicates].filter(Boolean).join(' ') || undefined;
  }
  /** True when the loop guard ended paging before the server said it was done. */
  get stoppedEarly(): boolean {
    return this.stopReason !== undefined;
  }
  get duplicatesDropped(): number {
    return this._duplicatesDropped;
  }
  get pagesLoaded(): number {
    return this._pagesLoaded;
  }
  get loading(): boolean {
    return this._state === 'loading';
  }

  snapshot(): PagerSnapshot {
    return {
      state: this._state,
      items: this._items,
      totalSize: this.totalSize,
      hasMore: this.hasMore,
      error: this._error,
      warning: this.warning,
    };
  }

  /** Loads page 1 unless it was already asked for. Resolves when done; failures land in `state`/`error`. */
  loadFirst(): Promise<void> {
    if (this._started) return this.inflight ?? Promise.resolve();
    return this.loadMore();
  }

  /** Loads the next page. A call while a page is loading returns that same promise (single flight). */
  loadMore(): Promise<void> {
    if (this.inflight) return this.inflight;
    if (this._state === 'complete') return Promise.resolve();
    this._started = true;
    this.inflight = this.run('more', async (signal) => {
      const page = await this.fetchPage(this._nextToken, signal);
      this.append(page, this._nextToken);
    }).finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  /**
   * Re-fetches from page 1 up to at least as many items as were loaded, so the user keeps their place
   * (GitHub PR #151). The old items stay visible until the new list is ready; a failure keeps them.
   */
  refresh(): Promise<void> {
    this.cancel();
    const target = Math.max(this._items.length, 1);
    this._started = true;
    this.inflight = this.run('refresh', async (signal) => {
      const fresh = new ResultPager(this.jobId, this.fetchPage);
      for (let pages = 0; pages < MAX_REFRESH_PAGES; pages++) {
        const page = await this.fetchPage(fresh._nextToken, signal);
        fresh.append(page, fresh._nextToken);
        if (fresh._items.length >= target || fresh._nextToken === undefined) break;
      }
      this.adopt(fresh);
    }).finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  /** Repeats whatever failed last: the next page, or a refresh. */
  retry(): Promise<void> {
    return this.lastFailed === 'refresh' ? this.refresh() : this.loadMore();
  }

  /** Aborts the page being loaded. Loaded items stay; the state returns to what it was. */
  cancel(): void {
    this.abort?.abort();
  }

  dispose(): void {
    this.cancel();
    this.changed.dispose();
  }

  private async run(op: 'more' | 'refresh', work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    const before = this._state;
    this._state = 'loading';
    this._error = undefined;
    this.changed.fire(this);
    try {
      await work(abort.signal);
      this._state = this._nextToken === undefined ? 'complete' : 'idle';
    } catch (err) {
      if (abort.signal.aborted || isCancelled(err)) {
        this._state = before === 'complete' ? 'complete' : 'idle';
      } else {
        this._state = 'error';
        this.lastFailed = op;
        this._error = err instanceof Error ? err : new Error(String(err));
      }
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
    this.changed.fire(this);
  }

  private append(page: ClassifyJobResultsPage, usedToken: string | undefined): void {
    this._pagesLoaded++;
    if (usedToken !== undefined) this.seenTokens.add(usedToken);
    let added = 0;
    let dropped = 0;
    for (const item of page.items) {
      if (this.ids.has(item.id)) {
        dropped++;
        continue;
      }
      this.ids.add(item.id);
      this._items.push(item);
      added++;
    }
    this._duplicatesDropped += dropped;
    if (page.total_size !== null) this._totalSize = page.total_size;

    const next = page.next_page_token ?? undefined;
    if (next !== undefined && (next === usedToken || this.seenTokens.has(next))) {
      this._nextToken = undefined;
      this.stopReason = `The server sent a page token it had already sent, so paging stopped at ${this._items.length} results to avoid a loop. Some results may be missing.`;
    } else if (next !== undefined && added === 0) {
      this._nextToken = undefined;
      this.stopReason = `The server sent a page with no new results (${page.items.length ? 'only repeats' : 'empty'}) and a further page token, so paging stopped at ${this._items.length} results. Some results may be missing.`;
    } else {
      this._nextToken = next;
    }
  }

  private adopt(fresh: ResultPager): void {
    this._items = fresh._items;
    this.ids = fresh.ids;
    this.seenTokens = fresh.seenTokens;
    this._nextToken = fresh._nextToken;
    this._totalSize = fresh._totalSize;
    this.stopReason = fresh.stopReason;
    this._duplicatesDropped = fresh._duplicatesDropped;
    this._pagesLoaded = fresh._pagesLoaded;
    fresh.dispose();
  }
}

export function isAuthError(err: unknown): boolean {
  return err instanceof LlamaCloudError && err.isAuthProblem;
}
