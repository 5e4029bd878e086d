// The jobs a person has opened (kept across reloads, with where they were: expanded or not and how
// many results were loaded) and their recent lookups, each job with its pager. Persistence goes
// through a Memento-shaped store so this stays free of `vscode`. Nothing here holds results or secrets.
import type { ClassifyJob } from '../api/types';
import { Emitter } from './events';
import { ResultPager } from './pager';
import { isV2ListKey } from './v2';

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
  /** The person's own name for the job ("Invoices, March run"), shown in the tree and the picker. */
  label?: string;
  /** The job's row was expanded when last seen. */
  expanded?: boolean;
  /** How many results were loaded when last seen: a window reload loads that many again. */
  loaded?: number;
}

const JOBS_KEY = 'llamaClassify.openedJobs';
const RECENT_KEY = 'llamaClassify.recentJobs';
const MAX_RECENT = 10;
/** Longer labels are cut: a tree row has no room for more. */
export const MAX_LABEL_LENGTH = 80;

export class JobList {
  private _jobs: OpenedJob[];
  private _recent: string[];
  private pagers = new Map<string, { pager: ResultPager; sub: { dispose(): void } }>();
  private metaReads = new Map<string, { gen: number; read: Promise<void> }>();
  private metaFailed = new Map<string, Error>();
  /** Bumped when a job is removed or added again and when reads are invalidated: a read started before writes nothing. */
  private generations = new Map<string, number>();
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
    if (isNew) {
      this._jobs = [{ id: jobId }, ...this._jobs];
      this.bump(jobId);
    }
    if (expanded) { this.get(jobId)!.expanded = true; }
    // A browsed v2 list is a node, not a job: the picker's recent jobs leave it out.
    if (!isV2ListKey(jobId)) { this._recent = [jobId, ...this._recent.filter((id) => id !== jobId)].slice(0, MAX_RECENT); }
    // Listed at once (the first page can be asked for right away); saved meanwhile.
    this.changed.fire();
    await this.persist();
    return isNew;
  }

  /** Removes the job and drops its pager, unless `keepPager` (the result panel still shows the job). */
  async remove(jobId: string, { keepPager = false } = {}): Promise<void> {
    this._jobs = this._jobs.filter((j) => j.id !== jobId);
    this.bump(jobId);
    this.metaFailed.delete(jobId);
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

  /** Gives the job a label, or clears it when `label` is empty. Returns false when the job is not listed. */
  async setLabel(jobId: string, label: string | undefined): Promise<boolean> {
    const job = this.get(jobId);
    if (!job) { return false; }
    const clean = cleanLabel(label);
    if (clean) { job.label = clean; } else { delete job.label; }
    this.changed.fire();
    await this.persist();
    return true;
  }

  /** Re-reads the job's status, one request per job at a time. Never rejects: the results decide what the
   *  tree shows, so errors are kept (see `statusError`, `statusUnread`) rather than thrown. */
  refreshMeta(jobId: string): Promise<void> {
    if (isV2ListKey(jobId)) { return Promise.resolve(); } // a list has no status of its own
    const gen = this.generation(jobId);
    const running = this.metaReads.get(jobId);
    if (running && running.gen === gen) { return running.read; }
    const read = this.readMeta(jobId, gen).finally(() => {
      if (this.metaReads.get(jobId)?.read === read) { this.metaReads.delete(jobId); }
    });
    this.metaReads.set(jobId, { gen, read });
    return read;
  }

  /** True when the last status read failed and none is running: worth trying again after results load. */
  statusUnread(jobId: string): boolean {
    return this.metaFailed.has(jobId) && !this.metaReads.has(jobId);
  }

  /** Why the last status read failed; undefined once one succeeded. */
  statusError(jobId: string): Error | undefined {
    return this.metaFailed.get(jobId);
  }

  /** Status reads on their way (old key, old server) write nothing when they answer. */
  invalidateReads(): void {
    for (const job of this._jobs) { this.bump(job.id); }
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

  private generation(jobId: string): number {
    return this.generations.get(jobId) ?? 0;
  }

  private bump(jobId: string): void {
    this.generations.set(jobId, this.generation(jobId) + 1);
  }

  private async readMeta(jobId: string, gen: number): Promise<void> {
    let job: ClassifyJob;
    try {
      job = await this.fetchJob(jobId);
    } catch (err) {
      if (this.generation(jobId) === gen) { this.metaFailed.set(jobId, err instanceof Error ? err : new Error(String(err))); }
      return;
    }
    // Removed, added again or invalidated while the read was on its way: its answer is stale.
    if (this.generation(jobId) !== gen) { return; }
    this.metaFailed.delete(jobId);
    const entry = this.get(jobId);
    if (!entry) { return; }
    entry.meta = { status: job.status, created_at: job.created_at, error_message: job.error_message };
    await this.persist();
    this.changed.fire();
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
    const label = cleanLabel(o.label);
    if (label) { job.label = label; }
    if (o.expanded === true) { job.expanded = true; }
    if (typeof o.loaded === 'number' && Number.isInteger(o.loaded) && o.loaded > 0) { job.loaded = o.loaded; }
    jobs.push(job);
  }
  return jobs;
}

/** A label is one trimmed line of at most MAX_LABEL_LENGTH characters; anything else is no label. */
export function cleanLabel(value: unknown): string | undefined {
  if (typeof value !== 'string') { return undefined; }
  const line = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return line ? [...line].slice(0, MAX_LABEL_LENGTH).join('') : undefined;
}
