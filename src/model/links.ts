// Links that open a job (and a result) in the editor: `<scheme>://<extension id>/open?jobId=…&resultId=…`.
// Everything in a link is untrusted (it can come from any web page or chat): every parameter is checked,
// and a link that is not exactly right is refused with the reason, before anything changes.
import { parseJobId } from '../api/jobId';
import { isV2ListKey } from './v2';

export const LINK_PATH = '/open';
const PARAMS = ['jobId', 'resultId'] as const;
/** Result IDs are UUIDs today; accept any plain token, never text with spaces, slashes or markup. */
const RESULT_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

export type LinkParse = { ok: true; jobId: string; resultId?: string } | { ok: false; message: string };

/** The link to a job, or to one of its results. `scheme` is the editor's (vscode, vscode-insiders, code-oss…). */
export function buildLink(scheme: string, extensionId: string, jobId: string, resultId?: string): string {
  const query = new URLSearchParams({ jobId: linkedJobId(jobId, resultId) });
  if (resultId !== undefined) { query.set('resultId', resultId); }
  return `${scheme}://${extensionId}${LINK_PATH}?${query.toString()}`;
}

/**
 * The job a link names. A row of a browsed Classify v2 list is a v2 job of its own (the row's ID is
 * the job's ID), and the list is no job at all: a link to such a row opens that job.
 */
export function linkedJobId(jobId: string, resultId?: string): string {
  return isV2ListKey(jobId) && resultId !== undefined ? resultId : jobId;
}

const preview = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

/** Reads a link's path and query (as `vscode.Uri` gives them: path, and the query without `?`). */
export function parseLink(path: string, query: string): LinkParse {
  if (path !== LINK_PATH) {
    return { ok: false, message: `the link asks for “${preview(path) || '/'}”, which this extension does not know (links look like …${LINK_PATH}?jobId=…).` };
  }
  const params = new URLSearchParams(query);
  const values = new Map<string, string>();
  for (const [key, value] of params) {
    if (!(PARAMS as readonly string[]).includes(key)) { return { ok: false, message: `the link has an unknown parameter “${preview(key)}” (only jobId and resultId are allowed).` }; }
    if (values.has(key)) { return { ok: false, message: `the link gives ${key} more than once.` }; }
    values.set(key, value);
  }
  const rawJob = values.get('jobId');
  if (rawJob === undefined || rawJob.trim() === '') { return { ok: false, message: 'the link has no jobId.' }; }
  const job = parseJobId(rawJob);
  // The job ID itself, not a text or URL that happens to contain one (UUIDs come back lower-cased; v2 IDs as given).
  if (!job.ok || job.jobId.toLowerCase() !== rawJob.trim().toLowerCase()) {
    return { ok: false, message: `the link's jobId “${preview(rawJob)}” is not a classify job ID.` };
  }
  const resultId = values.get('resultId');
  if (resultId === undefined) { return { ok: true, jobId: job.jobId }; }
  if (!RESULT_ID.test(resultId)) { return { ok: false, message: `the link's resultId “${preview(resultId)}” is not a result ID.` }; }
  return { ok: true, jobId: job.jobId, resultId };
}
