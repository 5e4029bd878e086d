import * as vscode from 'vscode';
import { errorMessage } from '../api/errors';
import { parseJobId, type ApiVersion, type JobIdParse } from '../api/jobId';
import { formatDate } from '../model/format';
import { readStatus } from '../model/jobStatus';
import type { JobPickItem, PickJobRequest } from '../ui/prompts';
import type { CommandDeps } from './deps';

/**
 * `llamaClassify.openJob [jobId]`: from an argument, or a picker that accepts typed/pasted IDs and URLs
 * of v1 and Classify v2 jobs. The version is never asked: the ID's shape or URL says it, the picker's
 * lists know it, or the API is asked on first load (model/jobSource.ts).
 */
export async function openJob(d: CommandDeps, arg?: unknown): Promise<void> {
  let jobId: string | undefined;
  if (typeof arg === 'string') {
    const parsed = parseJobId(arg);
    if (!parsed.ok) {
      void d.ui().error(parsed.message);
      return;
    }
    jobId = parsed.jobId;
    if (parsed.version) { await d.versions.remember(jobId, parsed.version); }
  } else {
    await d.view.focus();
    jobId = await pickJob(d, d.jobs.recent);
  }
  if (!jobId) { return; }
  await d.view.showJob(jobId);
}

/**
 * The job picker (pasted ID or URL, the given jobs, the project's v1 and v2 jobs), shared with the
 * summary and compare commands. The version the pasted URL or the chosen list showed is remembered.
 */
export async function pickJob(d: CommandDeps, jobIds: readonly string[], opts: Pick<PickJobRequest, 'title' | 'verb' | 'recentLabel'> = {}): Promise<string | undefined> {
  /** Versions the pasted text or the listed jobs showed, by job ID. */
  const hints = new Map<string, ApiVersion>();
  const parse = (text: string): JobIdParse => {
    const parsed = parseJobId(text);
    if (parsed.ok && parsed.version) { hints.set(parsed.jobId, parsed.version); }
    return parsed;
  };
  const jobId = await d.ui().pickJob({
    ...opts,
    recent: jobIds.map((id) => {
      const entry = d.jobs.get(id);
      // A labelled job reads by its label; the ID stays in the description, so typing it still finds the job.
      return {
        jobId: id,
        label: entry?.label ?? id,
        description: describe(entry?.label ? id : undefined, d.source.versionOf(id), entry?.meta?.status, entry?.meta?.created_at),
      };
    }),
    loadProjectJobs: () => listProjectJobs(d, hints),
    parse,
  });
  const hint = jobId && hints.get(jobId);
  if (jobId && hint) { await d.versions.remember(jobId, hint); }
  return jobId;
}

/**
 * "v2 · Succeeded · Oct 14, 2026, 9:30 AM" (after the job ID when the job has a label); the version is
 * "v1?" while a UUID has not been asked about. Statuses read as words, as on the job rows.
 */
function describe(id: string | undefined, version: ApiVersion | undefined, status: string | undefined, created: string | null | undefined): string {
  return [id, version ?? 'v1?', readStatus(status)?.word, formatDate(created)].filter(Boolean).join(' · ');
}

/** The label of a listed (labelled) job, else its ID. */
function labelled(d: CommandDeps, jobId: string): { label: string; id?: string } {
  const label = d.jobs.get(jobId)?.label;
  return label ? { label, id: jobId } : { label: jobId };
}

/** The project's recent v1 and v2 jobs. One API failing still lists the other's; both failing is an error. */
async function listProjectJobs(d: CommandDeps, hints: Map<string, ApiVersion>): Promise<JobPickItem[]> {
  if (!(await d.keys.get())) { return []; }
  const [v1, v2] = await Promise.allSettled([d.client.listJobs({ pageSize: 50 }), d.client.listV2Jobs({ pageSize: 50 })]);
  const items: JobPickItem[] = [];
  if (v2.status === 'fulfilled') {
    for (const job of v2.value.items) {
      hints.set(job.id, 'v2');
      const { label, id } = labelled(d, job.id);
      items.push({
        jobId: job.id,
        label,
        description: describe(id, 'v2', job.status, job.created_at),
        detail: [job.file_input && vscode.l10n.t('Document: {0}', job.file_input), job.rules.length ? vscode.l10n.t('Types: {0}', job.rules.map((r) => r.type).join(', ')) : undefined].filter(Boolean).join(' · ') || undefined,
      });
    }
  }
  if (v1.status === 'fulfilled') {
    for (const job of v1.value.items) {
      hints.set(job.id, 'v1');
      const { label, id } = labelled(d, job.id);
      items.push({
        jobId: job.id,
        label,
        description: describe(id, 'v1', job.status, job.created_at),
        detail: job.rules.length ? vscode.l10n.t('Types: {0}', job.rules.map((r) => r.type).join(', ')) : undefined,
      });
    }
  }
  if (v1.status === 'rejected' && v2.status === 'rejected') { throw v1.reason; }
  const failed = v1.status === 'rejected' ? ['v1', v1.reason] : v2.status === 'rejected' ? ['v2', v2.reason] : undefined;
  if (failed) { d.log.warn(`Open Job Results: couldn't list ${failed[0]} jobs: ${errorMessage(failed[1])}`); }
  return items;
}
