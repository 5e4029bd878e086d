// The jobs a person has opened (kept across reloads, with where they were: expanded or not and how
// many results were loaded) and their recent lookups, each job with its pager. Persistence goes
// through a Memento-shaped store so this stays free of `vscode`. Nothing here holds results or secrets.
import type { ClassifyJob } from '../api/types';
import { Emitter } from './events';
import { ResultPager } from './pager';

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

/** What we remember about a job between sessions: enough for the tree row. */
export interface JobMeta {
  status?: string;
  created_at?: string | null;
  error_message?: string | null;
}

export interface OpenedJob {
  id: string;
  meta?: JobMeta;
  /** The job's row was expanded when last seen. */
  expanded?: boolean;
  /** How many results were loaded when last seen: a window reload loads that many again. */
  loaded?: number;
}

const JOBS_KEY = 'llamaClassify.openedJobs';
const RECENT_KEY = 'llamaClassify.recentJobs';
const MAX_RECENT = 10;

export class JobList {
  private _jobs: OpenedJob[];
  private _recent: string[];
  private pagers = new Map<string, { pager: ResultPager; sub: { dispose(): void } }>();
  private metaReads = new Map<string, Promise<void>>();
  private metaFailed = new Set<string>();
  private readonly changed = new Emitter<void>();
  private readonly pagerChanged = new Emitter<ResultPager>();
  /** Jobs added, removed or their status changed. */
  readonly onDidChange = this.changed.event;
  /** A job's pager changed state or results. */
  readonly onDidChangePager = this.pagerChanged.event;

  constructor(
    private readonly store: KeyValueStore,
    private readonly createPager: (jobId: string) => ResultPager,
    private readonly fetchJob: (jobId: string) => Promise<ClassifyJob>,
  ) {
    this._jobs = sanitizeJobs(store.get<unknown>(JOBS_KEY));
    const recent = store.get<unknown>(RECENT_KEY);
    this._recent = Array.isArray(recent) ? recent.filter((x): x is string => typeof x === 'string').slice(0, MAX_RECENT) : [];
  }

  get jobs(): readonly OpenedJob[] {
    return this._jobs;
  }

  get recent(): readonly string[] {
    return this._recent;
  }

  get(jobId: string): OpenedJob | undefined {
    return this._jobs.find((j) => j.id === jobId);
  }

  /** Adds a job at the top (or leaves it where it is), optionally expanded, and records it as recent. Returns true when new. */
  async add(jobId: string, { expanded = false } = {}): Promise<boolean> {
    const isNew = !this.get(jobId);
    if (isNew) { this._jobs = [{ id: jobId }, ...this._jobs]; }
    if (expanded) { this.get(jobId)!.expanded = true; }
    this._recent = [jobId, ...this._recent.filter((id) => id !== jobId)].slice(0, MAX_RECENT);
    // Listed at once (the first page can be asked for right away); saved meanwhile.
    this.changed.fire();
    await this.persist();
    return isNew;
  }

  /** Removes the job and drops its pager, unless `keepPager` (the result panel still shows the job). */
  async remove(jobId: string, { keepPager = false } = {}): Promise<void> {
    this._jobs = this._jobs.filter((j) => j.id !== jobId);
    if (!keepPager) { this.drop(jobId); }
    await this.persist();
    this.changed.fire();
  }

  /** The job's pager, created on first use (no request is sent until it is asked to load). */
  pager(jobId: string): ResultPager {
    let entry = this.pagers.get(jobId);
    if (!entry) {
      const pager = this.createPager(jobId);
      entry = { pager, sub: pager.onDidChange(() => this.pagerChanged.fire(pager)) };
      this.pagers.set(jobId, entry);
    }
    return entry.pager;
  }

  existingPager(jobId: string): ResultPager | undefined {
    return this.pagers.get(jobId)?.pager;
  }

  /** Every pager, including one the result panel made for a job that is not in the list. */
  allPagers(): ResultPager[] {
    return [...this.pagers.values()].map((e) => e.pager);
  }

  /** Drops the pagers of jobs that are neither listed nor in `keep` (e.g. the job the panel shows). */
  prune(keep: Iterable<string> = []): void {
    const kept = new Set(keep);
    for (const jobId of [...this.pagers.keys()]) { if (!this.get(jobId) && !kept.has(jobId)) { this.drop(jobId); } }
  }

  async setExpanded(jobId: string, expanded: boolean): Promise<void> {
    const job = this.get(jobId);
    if (!job || !!job.expanded === expanded) { return; }
    job.expanded = expanded;
    await this.persist();
  }

  /** Remembers how many results a job had loaded, so a window reload can bring them back. */
  async rememberLoaded(jobId: string, count: number): Promise<void> {
    const job = this.get(jobId);
    if (!job || job.loaded === count) { return; }
    job.loaded = count;
    await this.persist();
  }

  /** Re-reads the job's status, one request per job at a time. Best effort: the results decide what the
   *  tree shows, so errors are swallowed (and remembered, see `statusUnread`). */
  refreshMeta(jobId: string): Promise<void> {
    let read = this.metaReads.get(jobId);
    if (!read) {
      read = this.readMeta(jobId).finally(() => this.metaReads.delete(jobId));
      this.metaReads.set(jobId, read);
    }
    return read;
  }

  /** True when the last status read failed and none is running: worth trying again after results load. */
  statusUnread(jobId: string): boolean {
    return this.metaFailed.has(jobId) && !this.metaReads.has(jobId);
  }

  dispose(): void {
    for (const jobId of [...this.pagers.keys()]) { this.drop(jobId); }
    this.changed.dispose();
    this.pagerChanged.dispose();
  }

  private drop(jobId: string): void {
    const entry = this.pagers.get(jobId);
    if (!entry) { return; }
    entry.sub.dispose();
    entry.pager.dispose();
    this.pagers.delete(jobId);
  }

  private async readMeta(jobId: string): Promise<void> {
    try {
      const job = await this.fetchJob(jobId);
      this.metaFailed.delete(jobId);
      const entry = this.get(jobId);
      if (!entry) { return; }
      entry.meta = { status: job.status, created_at: job.created_at, error_message: job.error_message };
      await this.persist();
      this.changed.fire();
    } catch {
      this.metaFailed.add(jobId);
    }
  }

  private async persist(): Promise<void> {
    await Promise.all([this.store.update(JOBS_KEY, this._jobs), this.store.update(RECENT_KEY, this._recent)]);
  }
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
const nullableText = (v: unknown) => (typeof v === 'string' ? v : null);

/** Stored state may be from an older version or hand-edited: keep what is well-formed, drop the rest. */
function sanitizeJobs(value: unknown): OpenedJob[] {
  if (!Array.isArray(value)) { return []; }
  const seen = new Set<string>();
  const jobs: OpenedJob[] = [];
  for (const v of value) {
    if (typeof v !== 'object' || v === null) { continue; }
    const o = v as Record<string, unknown>;
    if (typeof o.id !== 'string' || seen.has(o.id)) { continue; }
    seen.add(o.id);
    const job: OpenedJob = { id: o.id };
    if (typeof o.meta === 'object' && o.meta !== null) {
      const m = o.meta as Record<string, unknown>;
      job.meta = { status: text(m.status), created_at: nullableText(m.created_at), error_message: nullableText(m.error_message) };
    }
    if (o.expanded === true) { job.expanded = true; }
    if (typeof o.loaded === 'number' && Number.isInteger(o.loaded) && o.loaded > 0) { job.loaded = o.loaded; }
    jobs.push(job);
  }
  return jobs;
}
