import { loadMore, refreshAll, refreshJob } from '../jobActions';
import type { Services } from '../services';
import type { Node } from '../tree/nodes';

/** Commands from tree rows get the node; from keybindings or tests, a job ID string. */
export function jobIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null && typeof (arg as Node).jobId === 'string') return (arg as Node).jobId;
  return undefined;
}

export async function refresh(s: Services, arg?: unknown): Promise<void> {
  const jobId = jobIdOf(arg);
  await (jobId ? refreshJob(s, jobId) : refreshAll(s));
}

export async function loadMoreCommand(s: Services, arg?: unknown): Promise<void> {
  const jobId = jobIdOf(arg);
  if (jobId && s.jobs.get(jobId)) await loadMore(s, jobId);
}

export function cancelLoad(s: Services, arg?: unknown): void {
  const jobId = jobIdOf(arg);
  if (jobId) s.jobs.existingPager(jobId)?.cancel();
}

export async function removeJob(s: Services, arg?: unknown): Promise<void> {
  const jobId = jobIdOf(arg);
  if (jobId) await s.jobs.remove(jobId);
}

export async function copyJobId(s: Services, arg?: unknown): Promise<void> {
  const jobId = jobIdOf(arg);
  if (!jobId) return;
  await s.clipboard(jobId);
  s.ui.status(`Copied job ID ${jobId}`);
}
