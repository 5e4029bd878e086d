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
    d.ui().status(vscode.l10n.t('Already loading all results of job {0}', short));
    return;
  }
  const limit = d.loadAllLimit();
  running.add(jobId);
  try {
    const outcome = await d.ui().progress(vscode.l10n.t('Loading all results of job {0}', short), (report, signal) =>
      d.controller.loadAll(jobId, { limit, signal, onProgress: (pager) => report(progressText(pager, limit)) }),
    );
    const where = vscode.l10n.t('{0} results of job {1}', formatProgress(outcome.loaded, outcome.total), short);
    switch (outcome.outcome) {
      case 'complete':
        void d.ui().info(vscode.l10n.t('Loaded all {0} results of job {1}.', formatCount(outcome.loaded), short));
        break;
      case 'limit':
        void d.ui()
          .warn(vscode.l10n.t('Loaded {0}: Load All stops at {1} (the llamaClassify.loadAllLimit setting). Raise it to load more.', where, formatCount(limit)), vscode.l10n.t('Open Settings'))
          .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', `${SETTINGS_SECTION}.${Settings.loadAllLimit}`));
        break;
      case 'cancelled':
        d.ui().status(vscode.l10n.t('Load All cancelled: {0} are loaded and stay.', where));
        break;
      case 'stoppedEarly':
        void d.ui().warn(vscode.l10n.t('Load All ended at {0}. {1}', where, d.jobs.existingPager(jobId)?.warning ?? ''));
        break;
      case 'error':
        // A rejected key has its own notice and row; anything else is said here once.
        if (!isAuthError(outcome.error)) {
          void d.ui().warn(vscode.l10n.t('Load All stopped at {0}: {1}. The loaded results stay; run Load All again to continue.', where, outcome.error?.message ?? vscode.l10n.t('a page failed')));
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
  return total !== undefined && total > limit ? vscode.l10n.t('{0} (stops at {1}: llamaClassify.loadAllLimit)', text, formatCount(limit)) : text;
}

async function pickJob(d: CommandDeps): Promise<string | undefined> {
  if (d.jobs.jobs.length === 0) {
    void d.ui().info(vscode.l10n.t('No job is open. Open Job Results… first, then Load All Results.'));
    return undefined;
  }
  return d.ui().pickListedJob(
    vscode.l10n.t('Load All Results'),
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
