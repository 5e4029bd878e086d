import * as vscode from 'vscode';
import { shortId } from '../api/jobId';
import { MAX_LABEL_LENGTH } from '../model/jobList';
import { readStatus } from '../model/jobStatus';
import { formatCount } from '../model/format';
import { isV2ListKey } from '../model/v2';
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
  if (!jobId || !d.jobs.get(jobId)) { return; }
  const before = d.query.filtered ? d.view.provider.shown(jobId) : undefined;
  await d.controller.loadMore(jobId);
  if (!before) { return; }
  // Under a filter, a new page may add few visible rows or none: say what it brought.
  const after = d.view.provider.shown(jobId);
  const added = after.total - before.total;
  if (added > 0) {
    d.ui().status(`${formatCount(added)} more loaded: ${formatCount(after.matched - before.matched)} match the filter (${formatCount(after.matched)} of ${formatCount(after.total)} in all)`);
  }
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
  // A result row copies its own job (a row of a browsed v2 list is a job of its own).
  const node = arg as { kind?: string; item?: { classify_job_id?: unknown } } | undefined;
  const own = node?.kind === 'result' && typeof node.item?.classify_job_id === 'string' ? node.item.classify_job_id : undefined;
  const jobId = own ?? jobIdOf(arg);
  if (!jobId) { return; }
  if (isV2ListKey(jobId)) {
    d.ui().status(vscode.l10n.t('A Classify v2 list is not a job: copy the job ID of one of its rows'));
    return;
  }
  await d.clipboard(jobId);
  d.ui().status(vscode.l10n.t('Copied job ID {0}', jobId));
}

/** The job the result panel shows keeps its pages even when it is not listed (Previous/Next need them). */
export function keepForPanel(d: CommandDeps): string[] {
  const shown = d.panel.currentResult()?.jobId;
  return shown ? [shown] : [];
}

/** `llamaClassify.renameJob [node | jobId]` (Label Job…): the person's own name for a listed job; empty clears it. */
export async function renameJob(d: CommandDeps, arg?: unknown): Promise<void> {
  let jobId = jobIdOf(arg);
  if (!jobId) {
    // Browsed v2 lists are named by their filters: only jobs are offered.
    const labelable = d.jobs.jobs.filter((j) => !isV2ListKey(j.id));
    if (labelable.length === 0) {
      void d.ui().info(vscode.l10n.t('No job is open yet. Open one with Open Job Results…, then label it.'));
      return;
    }
    jobId = await d.ui().pickListedJob(
      vscode.l10n.t('Label Job'),
      labelable.map((j) => ({
        jobId: j.id,
        label: j.label ?? shortId(j.id),
        description: [j.label ? shortId(j.id) : undefined, readStatus(j.meta?.status)?.word].filter(Boolean).join(' · ') || undefined,
        detail: j.id,
      })),
    );
    if (!jobId) { return; }
  }
  if (isV2ListKey(jobId)) {
    void d.ui().info(vscode.l10n.t('A Classify v2 list is named by its filters. Open one of its jobs (Open Job Results…) to label it.'));
    return;
  }
  const job = d.jobs.get(jobId);
  if (!job) {
    void d.ui().info(vscode.l10n.t('Job {0} is not open. Open it with Open Job Results…, then label it.', jobId));
    return;
  }
  const text = await d.ui().inputText({
    title: vscode.l10n.t('Label Job {0}', shortId(jobId)),
    prompt: vscode.l10n.t('A name for this job, shown in the tree and the job picker. Leave empty to remove the label.'),
    value: job.label ?? '',
    placeHolder: 'e.g. Invoices, March run',
    validate: (v) => (v.trim().length > MAX_LABEL_LENGTH ? vscode.l10n.t('At most {0} characters.', MAX_LABEL_LENGTH) : undefined),
  });
  if (text === undefined) { return; } // cancelled: nothing changes
  if (!(await d.jobs.setLabel(jobId, text))) { return; } // removed meanwhile
  d.ui().status(text.trim() ? vscode.l10n.t('Labelled job {0} “{1}”', shortId(jobId), d.jobs.get(jobId)?.label ?? '') : vscode.l10n.t('Removed the label of job {0}', shortId(jobId)));
}
