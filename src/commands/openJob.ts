import { parseJobId } from '../api/jobId';
import { formatDate } from '../model/format';
import { showJob } from '../jobActions';
import type { Services } from '../services';
import type { JobPickItem } from '../ui/prompts';

/** `llamaClassify.openJob [jobId]`: from an argument, or a picker that accepts typed/pasted IDs and URLs. */
export async function openJob(s: Services, arg?: unknown): Promise<void> {
  let jobId: string | undefined;
  if (typeof arg === 'string') {
    const parsed = parseJobId(arg);
    if (!parsed.ok) {
      await s.ui.error(parsed.message);
      return;
    }
    jobId = parsed.jobId;
  } else {
    jobId = await s.ui.pickJob({
      recent: s.jobs.recent.map((id) => {
        const meta = s.jobs.get(id)?.meta;
        return { jobId: id, label: id, description: [meta?.status, formatDate(meta?.created_at)].filter(Boolean).join(' · ') || undefined };
      }),
      loadProjectJobs: () => listProjectJobs(s),
      parse: parseJobId,
    });
  }
  if (!jobId) return;
  await showJob(s, jobId);
}

async function listProjectJobs(s: Services): Promise<JobPickItem[]> {
  if (!(await s.keys.get())) return [];
  const page = await s.client.listJobs({ pageSize: 50 });
  return page.items.map((job) => ({
    jobId: job.id,
    label: job.id,
    description: [job.status, formatDate(job.created_at)].filter(Boolean).join(' · '),
    detail: job.rules.length ? `Types: ${job.rules.map((r) => r.type).join(', ')}` : undefined,
  }));
}
