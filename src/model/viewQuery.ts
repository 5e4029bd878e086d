// The view's one filter, order and grouping, shared by every job in the view and kept across
// reloads. Other features (export, the summary) read it here: `matches`, `results`, `describe`,
// `onDidChange`. Each job's rows are computed once per change of its results or of the query.
import type { FileClassification } from '../api/types';
import { Emitter } from './events';
import type { KeyValueStore } from './jobList';
import {
  describeFilter,
  isFilterActive,
  matcher,
  NO_FILTER,
  parseCondition,
  runQuery,
  SORT_LABELS,
  SORT_ORDERS,
  type NameOf,
  type QueryResult,
  type QuerySpec,
  type ResultFilter,
  type SortOrder,
} from './resultQuery';

const STATE_KEY = 'llamaClassify.viewQuery';

interface Stored {
  types?: unknown;
  confidence?: unknown;
  sort?: unknown;
  grouped?: unknown;
}

interface Cached {
  items: readonly FileClassification[];
  length: number;
  version: number;
  namesVersion: number;
  result: QueryResult;
}

export class ViewQuery {
  private spec: QuerySpec;
  private keep: (item: FileClassification) => boolean;
  private _version = 0;
  private cache = new Map<string, Cached>();
  private readonly changed = new Emitter<void>();
  /** The filter, order or grouping changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly store: KeyValueStore) {
    this.spec = restore(store.get<unknown>(STATE_KEY));
    this.keep = matcher(this.spec.filter);
  }

  get filter(): ResultFilter {
    return this.spec.filter;
  }
  get sort(): SortOrder {
    return this.spec.sort;
  }
  get grouped(): boolean {
    return this.spec.grouped;
  }
  /** Increases with every change: a cheap "is my copy still current?". */
  get version(): number {
    return this._version;
  }
  get filtered(): boolean {
    return isFilterActive(this.spec.filter);
  }
  /** Anything other than every result in server order: loaded results alone may not tell the whole story. */
  get active(): boolean {
    return this.filtered || this.spec.sort !== 'server' || this.spec.grouped;
  }

  /** True when the result passes the filter (every result does when nothing is filtered). */
  matches(item: FileClassification): boolean {
    return this.keep(item);
  }

  /** "invoice, No match · < 60%"; "" with no filter. */
  describe(): string {
    return describeFilter(this.spec.filter);
  }

  sortLabel(): string {
    return SORT_LABELS[this.spec.sort];
  }

  /**
   * One job's rows under the query. Cached per job until its results, the query or (for a sort by
   * file name) the known names change; pass `namesVersion` to say when names changed.
   */
  results(jobId: string, items: readonly FileClassification[], nameOf: NameOf, namesVersion = 0): QueryResult {
    const names = this.spec.sort === 'fileName' ? namesVersion : 0;
    const hit = this.cache.get(jobId);
    if (hit && hit.items === items && hit.length === items.length && hit.version === this._version && hit.namesVersion === names) { return hit.result; }
    const result = runQuery(items, this.spec, nameOf);
    this.cache.set(jobId, { items, length: items.length, version: this._version, namesVersion: names, result });
    return result;
  }

  /** Drops a job's cached rows (the job was removed). */
  forget(jobId: string): void {
    this.cache.delete(jobId);
  }

  setFilter(filter: ResultFilter): Promise<void> {
    return this.update({ ...this.spec, filter });
  }
  clearFilter(): Promise<void> {
    return this.update({ ...this.spec, filter: NO_FILTER });
  }
  setSort(sort: SortOrder): Promise<void> {
    return this.update({ ...this.spec, sort });
  }
  setGrouped(grouped: boolean): Promise<void> {
    return this.update({ ...this.spec, grouped });
  }

  dispose(): void {
    this.changed.dispose();
    this.cache.clear();
  }

  private async update(spec: QuerySpec): Promise<void> {
    this.spec = spec;
    this.keep = matcher(spec.filter);
    this._version++;
    this.changed.fire();
    const stored: Stored = { types: spec.filter.types, confidence: spec.filter.confidenceText, sort: spec.sort, grouped: spec.grouped };
    await this.store.update(STATE_KEY, stored);
  }
}

/** Stored state may be from an older version or hand-edited: keep what is well-formed, drop the rest. */
function restore(value: unknown): QuerySpec {
  const o = (typeof value === 'object' && value !== null ? value : {}) as Stored;
  const types = Array.isArray(o.types) ? [...new Set(o.types.filter((t): t is string => typeof t === 'string'))] : [];
  const text = typeof o.confidence === 'string' ? o.confidence : undefined;
  const parsed = text ? parseCondition(text) : undefined;
  const filter: ResultFilter = parsed?.ok && parsed.condition ? { types, confidenceText: text, confidence: parsed.condition } : { types };
  const sort = SORT_ORDERS.includes(o.sort as SortOrder) ? (o.sort as SortOrder) : 'server';
  return { filter, sort, grouped: o.grouped === true };
}
