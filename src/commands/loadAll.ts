// `llamaClassify.loadAll`: every page of a job, up to `llamaClassify.loadAllLimit`, in a
// cancellable progress notification. The paging itself is JobController.loadAll; this is its face.
import * as vscode from 'vscode';
import { isAuthError } from '../api/errors';
import { shortId } from '../api/jobId';
import { SETTINGS_SECTION, Settings } from '../constants';
import { formatCount, formatProgress } from '../model/format';
import type { ResultPager } from '../model/pager';
import type { CommandDeps } from './deps';
import { jobIdOf } from './deps';

/** Jobs with a Load All running: a second one for the same job is not started. */
const running = new Set<string>();

export async function loadAll(d: CommandDeps, arg?: unknown): Promise<void> {
  const jobId = jobIdOf(arg) ?? (await pickJob(d));
  // Only listed jobs: a row of a job removed a moment ago must not create a pager again.
  if (!jobId || !d.jobs.get(jobId)) { return; }
  const short = shortId(jobId);
  if (running.has(jobId)) {
    d.ui().status(`Already loading all results of job ${short}`);
    return;
  }
  const limit = d.loadAllLimit();
  running.add(jobId);
  try {
    const outcome = await d.ui().progress(`Loading all results of job ${short}`, (report, signal) =>
      d.controller.loadAll(jobId, { limit, signal, onProgress: (pager) => report(progressText(pager, limit)) }),
    );
    const where = `${formatProgress(outcome.loaded, outcome.total)} results of job ${short}`;
    switch (outcome.outcome) {
      case 'complete':
        void d.ui().info(`Loaded all ${formatCount(outcome.loaded)} results of job ${short}.`);
        break;
      case 'limit':
        void d.ui()
          .warn(`Loaded ${where}: Load All stops at ${formatCount(limit)} (the llamaClassify.loadAllLimit setting). Raise it to load more.`, 'Open Settings')
          .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', `${SETTINGS_SECTION}.${Settings.loadAllLimit}`));
        break;
      case 'cancelled':
        d.ui().status(`Load All cancelled: ${where} are loaded and stay.`);
        break;
      case 'stoppedEarly':
        void d.ui().warn(`Load All ended at ${where}. ${d.jobs.existingPager(jobId)?.warning ?? ''}`);
        break;
      case 'error':
        // A rejected key has its own notice and row; anything else is said here once.
        if (!isAuthError(outcome.error)) {
          void d.ui().warn(`Load All stopped at ${where}: ${outcome.error?.message ?? 'a page failed'}. The loaded results stay; run Load All again to continue.`);
        }
        break;
    }
  } finally {
    running.delete(jobId);
  }
}

/** "1,250 of 2,345", and when the job is larger than the limit, where Load All stops. */
export function progressText(pager: ResultPager, limit: number): string {
  const text = formatProgress(pager.items.length, pager.totalSize);
  const total = pager.totalSize;
  return total !== undefined && total > limit ? `${text} (stops at ${formatCount(limit)}: llamaClassify.loadAllLimit)` : text;
}

async function pickJob(d: CommandDeps): Promise<string | undefined> {
  if (d.jobs.jobs.length === 0) {
    void d.ui().info('No job is open. Open Job Results… first, then Load All Results.');
    return undefined;
  }
  return d.ui().pickListedJob(
    'Load All Results',
    d.jobs.jobs.map((job) => {
      const pager = d.jobs.existingPager(job.id);
      return {
        jobId: job.id,
        label: job.label ?? shortId(job.id),
        description: [job.label ? shortId(job.id) : undefined, pager?.started ? formatProgress(pager.items.length, pager.totalSize) : undefined].filter(Boolean).join(' · ') || undefined,
        detail: job.id,
      };
    }),
  );
}
