// Live status: a listed job that has not finished (PENDING, RUNNING) is checked again on a backoff
// schedule until it ends, then `onFinished` loads its results without a click. It reads statuses only
// through the job list's `refreshMeta`, so any job kind whose meta carries a status is polled alike.
// Polls run only while `setActive(true)` (the view visible and the window focused), at most one per
// job; a failed check backs off to a slow schedule and keeps trying. Imports no `vscode`.
import { errorMessage } from '../api/errors';
import { Emitter, type Event } from './events';
import { isLiveStatus } from './jobStatus';

/** The part of JobList the poller needs (an interface, so tests can drive it directly). */
export interface PolledJobs {
  readonly jobs: readonly { id: string; meta?: { status?: string } }[];
  readonly onDidChange: Event<void>;
  /** Reads the status again; resolves (never rejects) once the read is written or has failed. */
  refreshMeta(jobId: string): Promise<void>;
  /** Why the last status read failed, or undefined once one succeeded. */
  statusError(jobId: string): Error | undefined;
}

export interface PollClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: PollClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface PollSchedule {
  /** The first check after a job is seen unfinished. */
  firstMs: number;
  /** Each successful check multiplies the interval by this, up to `maxMs`. */
  factor: number;
  maxMs: number;
  /** After a failed check: at least this long, doubling per failure up to `errorMaxMs`. */
  errorMs: number;
  errorMaxMs: number;
}

export const POLL_SCHEDULE: PollSchedule = { firstMs: 2000, factor: 2, maxMs: 30_000, errorMs: 30_000, errorMaxMs: 120_000 };

/** What the tree shows about a polled job. */
export interface PollState {
  /** The time between this check and the next. */
  intervalMs: number;
  /** The last check failed with this (the job is still checked, more slowly). */
  error?: string;
  /** Checks wait until the view is visible and the window focused again. */
  paused: boolean;
}

interface Entry {
  intervalMs: number;
  dueAt: number;
  timer?: unknown;
  inFlight: boolean;
  error?: string;
}

export class StatusPoller {
  private readonly entries = new Map<string, Entry>();
  private active = false;
  private readonly changed = new Emitter<string>();
  private readonly sub: { dispose(): void };
  /** A job's poll state changed (interval, error, paused): its row should be drawn again. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly jobs: PolledJobs,
    /** A polled job ended (its status is final now): load its results. */
    private readonly onFinished: (jobId: string) => void,
    private readonly clock: PollClock = realClock,
    private readonly schedule: PollSchedule = POLL_SCHEDULE,
  ) {
    this.sub = jobs.onDidChange(() => this.sync());
    this.sync();
  }

  /** True while the view is visible and the window focused: only then do checks run. */
  setActive(active: boolean): void {
    if (active === this.active) { return; }
    this.active = active;
    for (const [jobId, entry] of this.entries) {
      if (active) { this.arm(jobId, entry); } else { this.disarm(entry); }
      this.changed.fire(jobId);
    }
  }

  state(jobId: string): PollState | undefined {
    const e = this.entries.get(jobId);
    return e && { intervalMs: e.intervalMs, error: e.error, paused: !this.active };
  }

  /** The jobs being polled (for tests and the log). */
  get polled(): string[] {
    return [...this.entries.keys()];
  }

  dispose(): void {
    this.sub.dispose();
    for (const e of this.entries.values()) { this.disarm(e); }
    this.entries.clear();
    this.changed.dispose();
  }

  /** Starts polling unfinished jobs, stops for jobs that ended or were removed. */
  private sync(): void {
    const listed = new Map(this.jobs.jobs.map((j) => [j.id, j.meta?.status]));
    for (const [jobId, entry] of [...this.entries]) {
      if (listed.has(jobId) && isLiveStatus(listed.get(jobId))) { continue; }
      this.disarm(entry);
      this.entries.delete(jobId); // a poll still in flight finds its entry gone and writes nothing
      // Ended while polled (not removed, not unknown): its results are there now.
      if (listed.get(jobId) !== undefined) { this.onFinished(jobId); }
    }
    for (const [jobId, status] of listed) {
      if (!isLiveStatus(status) || this.entries.has(jobId)) { continue; }
      const entry: Entry = { intervalMs: this.schedule.firstMs, dueAt: this.clock.now() + this.schedule.firstMs, inFlight: false };
      this.entries.set(jobId, entry);
      if (this.active) { this.arm(jobId, entry); }
      this.changed.fire(jobId);
    }
  }

  private arm(jobId: string, entry: Entry): void {
    if (entry.inFlight || entry.timer !== undefined) { return; }
    entry.timer = this.clock.setTimeout(() => {
      entry.timer = undefined;
      void this.poll(jobId, entry);
    }, Math.max(0, entry.dueAt - this.clock.now()));
  }

  private disarm(entry: Entry): void {
    if (entry.timer !== undefined) { this.clock.clearTimeout(entry.timer); }
    entry.timer = undefined;
  }

  private async poll(jobId: string, entry: Entry): Promise<void> {
    if (this.entries.get(jobId) !== entry || entry.inFlight || !this.active) { return; }
    entry.inFlight = true;
    try {
      await this.jobs.refreshMeta(jobId);
    } catch {
      // refreshMeta does not reject; statusError says what failed.
    } finally {
      entry.inFlight = false;
    }
    // Removed, ended or re-added meanwhile: this poll's entry is gone, it changes nothing.
    if (this.entries.get(jobId) !== entry) { return; }
    const err = this.jobs.statusError(jobId);
    const s = this.schedule;
    if (err) {
      entry.error = errorMessage(err);
      entry.intervalMs = Math.min(Math.max(s.errorMs, entry.intervalMs * 2), s.errorMaxMs);
    } else {
      entry.error = undefined;
      entry.intervalMs = Math.min(entry.intervalMs * s.factor, s.maxMs);
    }
    entry.dueAt = this.clock.now() + entry.intervalMs;
    if (this.active) { this.arm(jobId, entry); }
    this.changed.fire(jobId);
  }
}
