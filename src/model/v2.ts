// Classify v2 in the shapes the tree and the panel already know: a v2 job becomes ONE result item
// (v2 has one document per job; the item's id and job id are the v2 job ID), a page of v2 jobs a page
// of such items. So the pager (dedupe, loop guard), the panel and everything built on them work on v2.
import type { V2ListFilters } from '../api/client';
import type { ClassifyJob, ClassifyJobResultsPage, ClassifyV2Job, ClassifyV2JobsPage, FileClassification } from '../api/types';

/** Statuses of a v2 job that has not finished: its result is not there yet. */
export const V2_UNFINISHED = new Set(['PENDING', 'RUNNING']);

/** The statuses the list filter offers (SDK 2.16.0). */
export const V2_STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;

/** A file the Files API can name: `document_input_type` says so, or (type unknown) the `dfl-` prefix does. */
function fileIdOf(job: ClassifyV2Job): string | null {
  if (!job.file_input) { return null; }
  if (job.document_input_type === 'file_id') { return job.file_input; }
  return job.document_input_type === null && job.file_input.startsWith('dfl-') ? job.file_input : null;
}

export function v2JobAsItem(job: ClassifyV2Job): FileClassification {
  return {
    id: job.id,
    classify_job_id: job.id,
    file_id: fileIdOf(job),
    result: job.result,
    created_at: job.created_at,
    updated_at: job.updated_at,
    v2: {
      status: job.status,
      document: job.file_input,
      document_input_type: job.document_input_type,
      rules: job.rules,
      mode: job.mode,
      parse_job_id: job.parse_job_id,
      error_message: job.error_message,
      configuration_id: job.configuration_id,
    },
  };
}

/** One v2 job as its "results": nothing while it runs (the tree says pending), else its one item. */
export function v2JobAsPage(job: ClassifyV2Job): ClassifyJobResultsPage {
  const items = V2_UNFINISHED.has(job.status) ? [] : [v2JobAsItem(job)];
  return { items, next_page_token: null, total_size: items.length };
}

export function v2ListAsPage(page: ClassifyV2JobsPage): ClassifyJobResultsPage {
  return { items: page.items.map(v2JobAsItem), next_page_token: page.next_page_token, total_size: page.total_size };
}

/** What the job list keeps about a job (status, dates, error) from a v2 job. */
export function v2JobAsMeta(job: ClassifyV2Job): ClassifyJob {
  return {
    id: job.id,
    project_id: job.project_id,
    status: job.status,
    rules: job.rules,
    created_at: job.created_at,
    updated_at: job.updated_at,
    error_message: job.error_message,
  };
}

// ---- browsed lists ---------------------------------------------------------------------------------

/** Keys of browsed v2 lists in the job list; never a job ID (IDs have no such prefix). */
export const V2_LIST_PREFIX = 'v2list-';

export function isV2ListKey(id: string): boolean {
  return id.startsWith(V2_LIST_PREFIX);
}

/** The same filters always give the same key (so browsing them twice shows one node). */
export function v2ListKey(filters: V2ListFilters): string {
  const canonical = JSON.stringify([filters.status ?? '', filters.configurationId ?? '', filters.createdOnOrAfter ?? '', filters.createdOnOrBefore ?? '']);
  // Two FNV-1a-style hashes (64 bits): at most 20 lists are kept, so a collision is out of reach.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < canonical.length; i++) {
    h1 = Math.imul(h1 ^ canonical.charCodeAt(i), 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ canonical.charCodeAt(i), 0x5bd1e995) >>> 0;
  }
  return V2_LIST_PREFIX + [h1, h2].map((h) => h.toString(16).padStart(8, '0')).join('');
}

/** "status COMPLETED · config cfg-1 · created ≥ 2026-10-01", or "all jobs". */
export function describeV2Filters(f: V2ListFilters): string {
  const parts = [
    f.status && `status ${f.status}`,
    f.configurationId && `configuration ${f.configurationId}`,
    f.createdOnOrAfter && `created ≥ ${dateOnly(f.createdOnOrAfter)}`,
    f.createdOnOrBefore && `created ≤ ${dateOnly(f.createdOnOrBefore)}`,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'all jobs';
}

function dateOnly(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T00:00:00(\.000)?Z$/.test(iso) || /^\d{4}-\d{2}-\d{2}T23:59:59\.999Z$/.test(iso) ? iso.slice(0, 10) : iso;
}

export function v2ListLabel(f: V2ListFilters): string {
  return `Classify v2 · ${describeV2Filters(f)}`;
}

export type DateParse = { ok: true; iso: string } | { ok: false; message: string };

/**
 * A typed date for a filter: `2026-10-01` (the whole day: from its start, or up to its end) or a full
 * ISO date-time. Anything else is refused with an example.
 */
export function parseFilterDate(text: string, edge: 'start' | 'end'): DateParse {
  const t = text.trim();
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (day) {
    const d = new Date(Date.UTC(+day[1], +day[2] - 1, +day[3]));
    if (d.getUTCFullYear() !== +day[1] || d.getUTCMonth() !== +day[2] - 1 || d.getUTCDate() !== +day[3]) {
      return { ok: false, message: `${t} is not a date in the calendar.` };
    }
    return { ok: true, iso: `${t}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}Z` };
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(t) && !Number.isNaN(Date.parse(t))) { return { ok: true, iso: new Date(t).toISOString() }; }
  return { ok: false, message: `“${t.slice(0, 40)}” is not a date. Type a day like 2026-10-01 or a date-time like 2026-10-01T09:30:00Z.` };
}

/** Filters kept in state may be hand-edited or from another version: keep well-formed strings only. */
export function sanitizeV2Filters(value: unknown): V2ListFilters | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) { return undefined; }
  const o = value as Record<string, unknown>;
  const f: V2ListFilters = {};
  for (const key of ['status', 'configurationId', 'createdOnOrAfter', 'createdOnOrBefore'] as const) {
    const v = o[key];
    if (typeof v === 'string' && v !== '' && v.length <= 200) { f[key] = v; }
  }
  return f;
}
