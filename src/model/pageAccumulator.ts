// Accumulates the pages of one job's results: each result once (by id), in server order, and a loop
// guard for servers that repeat themselves. The results route declares no paging parameters (README,
// "What the API does and does not promise"), so a token that comes back, or a page that brings nothing
// new, ends paging with a report instead of a loop.
import type { ClassifyJobResultsPage, FileClassification } from '../api/types';

export class PageAccumulator {
  readonly items: FileClassification[] = [];
  private readonly ids = new Set<string>();
  private readonly seenTokens = new Set<string>();
  private _nextToken: string | undefined;
  private _totalSize: number | undefined;
  private _stopReason: string | undefined;
  private _duplicatesDropped = 0;
  private _pagesLoaded = 0;

  get nextToken(): string | undefined {
    return this._nextToken;
  }
  /** The server's last `total_size`, unchecked (it may be missing or an estimate). */
  get reportedTotal(): number | undefined {
    return this._totalSize;
  }
  /** Why the loop guard ended paging, if it did. */
  get stopReason(): string | undefined {
    return this._stopReason;
  }
  get duplicatesDropped(): number {
    return this._duplicatesDropped;
  }
  get pagesLoaded(): number {
    return this._pagesLoaded;
  }
  /** True after a page said there is no further page (or the loop guard ended paging). */
  get done(): boolean {
    return this._pagesLoaded > 0 && this._nextToken === undefined;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Adds a page fetched with `usedToken` (undefined for the first page). Returns how many results were new. */
  append(page: ClassifyJobResultsPage, usedToken: string | undefined): number {
    this._pagesLoaded++;
    if (usedToken !== undefined) { this.seenTokens.add(usedToken); }
    let added = 0;
    for (const item of page.items) {
      if (this.ids.has(item.id)) {
        this._duplicatesDropped++;
        continue;
      }
      this.ids.add(item.id);
      this.items.push(item);
      added++;
    }
    if (page.total_size !== null) { this._totalSize = page.total_size; }

    const next = page.next_page_token ?? undefined;
    if (next !== undefined && this.seenTokens.has(next)) {
      this._nextToken = undefined;
      this._stopReason = `The server sent a page token it had already sent, so paging stopped at ${this.items.length} results to avoid a loop. Some results may be missing.`;
    } else if (next !== undefined && added === 0) {
      this._nextToken = undefined;
      this._stopReason = `The server sent a page with no new results (${page.items.length ? 'only repeats' : 'empty'}) and a further page token, so paging stopped at ${this.items.length} results. Some results may be missing.`;
    } else {
      this._nextToken = next;
    }
    return added;
  }
}
