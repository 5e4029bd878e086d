import type { CommandDeps } from './deps';
import { jobIdOf } from './deps';

/** Refresh: one job (row or argument), or the whole view — the same reload a new key or connection runs. */
export async function refresh(d: CommandDeps, arg?: unknown): Promise<void> {
  const jobId = jobIdOf(arg);
  await (jobId ? d.controller.refreshJob(jobId) : d.controller.reload());
}

export async function loadMoreCommand(d: CommandDeps, arg?: unknown): Promise<void> {
  const jobId = jobIdOf(arg);
  // Only listed jobs: a Load more row of a job removed a moment ago must not create a pager again.
  if (jobId && d.jobs.get(jobId)) { await d.controller.loadMore(jobId); }
}

export function cancelLoad(d: CommandDeps, arg?: unknown): void {
  const jobId = jobIdOf(arg);
  if (jobId) { d.controller.cancel(jobId); }
}

export async function removeJob(d: CommandDeps, arg?: unknown): Promise<void> {
  const jobId = jobIdOf(arg);
  if (!jobId) { return; }
  await d.jobs.remove(jobId, { keepPager: keepForPanel(d).includes(jobId) });
}

export async function copyJobId(d: CommandDeps, arg?: unknown): Promise<void> {
  const jobId = jobIdOf(arg);
  if (!jobId) { return; }
  await d.clipboard(jobId);
  d.ui().status(`Copied job ID ${jobId}`);
}

/** The job the result panel shows keeps its pages even when it is not listed (Previous/Next need them). */
export function keepForPanel(d: CommandDeps): string[] {
  const shown = d.panel.currentResult()?.jobId;
  return shown ? [shown] : [];
}
