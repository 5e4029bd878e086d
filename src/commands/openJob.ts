import * as vscode from 'vscode';
import { parseJobId } from '../api/jobId';
import { formatDate } from '../model/format';
import { readStatus } from '../model/jobStatus';
import type { JobPickItem, PickJobRequest } from '../ui/prompts';
import type { CommandDeps } from './deps';

/** `llamaClassify.openJob [jobId]`: from an argument, or a picker that accepts typed/pasted IDs and URLs. */
export async function openJob(d: CommandDeps, arg?: unknown): Promise<void> {
  let jobId: string | undefined;
  if (typeof arg === 'string') {
    const parsed = parseJobId(arg);
    if (!parsed.ok) {
      void d.ui().error(parsed.message);
      return;
    }
    jobId = parsed.jobId;
  } else {
    await d.view.focus();
    jobId = await pickJob(d, d.jobs.recent);
  }
  if (!jobId) { return; }
  await d.view.showJob(jobId);
}

/** The job picker (pasted ID or URL, the given jobs, the project's jobs), shared with the summary and compare commands. */
export function pickJob(d: CommandDeps, jobIds: readonly string[], opts: Pick<PickJobRequest, 'title' | 'verb' | 'recentLabel'> = {}): Promise<string | undefined> {
  return d.ui().pickJob({
    ...opts,
    recent: jobIds.map((id) => {
      const entry = d.jobs.get(id);
      const meta = entry?.meta;
      // A labelled job reads by its label; the ID stays in the description, so typing it still finds the job.
      return {
        jobId: id,
        label: entry?.label ?? id,
        description: [entry?.label ? id : undefined, readStatus(meta?.status)?.word, formatDate(meta?.created_at)].filter(Boolean).join(' · ') || undefined,
      };
    }),
    loadProjectJobs: () => listProjectJobs(d),
    parse: parseJobId,
  });
}

async function listProjectJobs(d: CommandDeps): Promise<JobPickItem[]> {
  if (!(await d.keys.get())) { return []; }
  const page = await d.client.listJobs({ pageSize: 50 });
  return page.items.map((job) => ({
    jobId: job.id,
    label: d.jobs.get(job.id)?.label ?? job.id,
    description: [d.jobs.get(job.id)?.label ? job.id : undefined, job.status, formatDate(job.created_at)].filter(Boolean).join(' · '),
    detail: job.rules.length ? vscode.l10n.t('Types: {0}', job.rules.map((r) => r.type).join(', ')) : undefined,
  }));
}
