// The jobs a person has opened (kept across reloads) and their recent lookups, each with its pager.
// Persistence goes through a Memento-shaped store so this stays free of `vscode`.
import type { ClassifyJob } from '../api/types';
import { Emitter } from './events';
import { ResultPager } from './pager';

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

/** What we remember about a job between sessions: enough for the tree row, never results or secrets. */
export interface JobMeta {
  status?: string;
  created_at?: string | null;
  error_message?: string | null;
}

export interface OpenedJob {
  id: string;
  meta?: JobMeta;
}

const JOBS_KEY = 'llamaClassify.openedJobs';
const RECENT_KEY = 'llamaClassify.recentJobs';
const MAX_RECENT = 10;

export class JobList {
  private _jobs: OpenedJob[];
  private _recent: string[];
  private pagers = new Map<string, ResultPager>();
  private metaReads = new Map<string, Promise<void>>();
  private metaFailed = new Set<string>();
  private readonly changed = new Emitter<void>();
  /** Jobs added, removed or their status changed. */
  readonly onDidChange = this.changed.event;

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

  /** Adds a job at the top (or leaves it where it is) and records it as recent. Returns true when new. */
  async add(jobId: string): Promise<boolean> {
    const isNew = !this.get(jobId);
    if (isNew) this._jobs = [{ id: jobId }, ...this._jobs];
    this._recent = [jobId, ...this._recent.filter((id) => id !== jobId)].slice(0, MAX_RECENT);
    await this.persist();
    this.changed.fire();
    return isNew;
  }

  async remove(jobId: string): Promise<void> {
    this._jobs = this._jobs.filter((j) => j.id !== jobId);
    this.pagers.get(jobId)?.dispose();
    this.pagers.delete(jobId);
    await this.persist();
    this.changed.fire();
  }

  /** The job's pager, created on first use (no request is sent until it is asked to load). */
  pager(jobId: string): ResultPager {
    let pager = this.pagers.get(jobId);
    if (!pager) {
      pager = this.createPager(jobId);
      this.pagers.set(jobId, pager);
    }
    return pager;
  }

  existingPager(jobId: string): ResultPager | undefined {
    return this.pagers.get(jobId);
  }

  /** Every pager, including those the result panel made for a job that is not in the list. */
  allPagers(): ResultPager[] {
    return [...this.pagers.values()];
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

  private async readMeta(jobId: string): Promise<void> {
    try {
      const job = await this.fetchJob(jobId);
      this.metaFailed.delete(jobId);
      const entry = this.get(jobId);
      if (!entry) return;
      entry.meta = { status: job.status, created_at: job.created_at, error_message: job.error_message };
      await this.persist();
      this.changed.fire();
    } catch {
      this.metaFailed.add(jobId);
    }
  }

  dispose(): void {
    for (const pager of this.pagers.values()) pager.dispose();
    this.pagers.clear();
    this.changed.dispose();
  }

  private async persist(): Promise<void> {
    await this.store.update(JOBS_KEY, this._jobs);
    await this.store.update(RECENT_KEY, this._recent);
  }
}

function sanitizeJobs(value: unknown): OpenedJob[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const jobs: OpenedJob[] = [];
  for (const v of value) {
    if (typeof v !== 'object' || v === null || typeof (v as OpenedJob).id !== 'string' || seen.has((v as OpenedJob).id)) continue;
    seen.add((v as OpenedJob).id);
    const meta = (v as OpenedJob).meta;
    jobs.push({ id: (v as OpenedJob).id, meta: typeof meta === 'object' && meta !== null ? meta : undefined });
  }
  return jobs;
}
