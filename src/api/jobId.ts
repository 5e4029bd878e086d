// Turns what a person typed or pasted into a classify job ID, and says which API version the ID's
// shape (or the URL around it) shows. v1 job IDs are UUIDs (FastAPI answers 422 to anything else);
// Classify v2 job IDs are not documented (reference §2.6 names only the `dfl-`/`pjb-` input prefixes),
// so a bare UUID is ambiguous and a prefixed, non-UUID ID can only be v2.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** A prefixed ID such as `cjb-1a2b3c…`: lower-case letters, a dash, then ID characters. */
const PREFIXED = /^([a-z]{2,8})-[A-Za-z0-9_-]{4,119}$/;
/** v2 inputs, not jobs: a person who pastes one gets told what it is. */
const INPUT_PREFIXES: Record<string, string> = { dfl: 'a file ID', pjb: 'a parse job ID' };

export type ApiVersion = 'v1' | 'v2';

export const JOB_ID_HINT =
  'A classify job ID is a UUID like 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e, a Classify v2 job ID, or a URL that contains one.';

/** `version` is set only when the ID's shape or its URL shows it; otherwise the API is asked (model/jobSource.ts). */
export type JobIdParse = { ok: true; jobId: string; version?: ApiVersion } | { ok: false; message: string };

/**
 * Accepts a bare UUID, a bare prefixed v2 ID, or any URL/text containing exactly one job ID (e.g. a
 * LlamaCloud console link or a curl command). UUIDs are lower-cased so a job is never listed twice.
 */
export function parseJobId(input: string): JobIdParse {
  const text = input.trim();
  if (text === '') { return { ok: false, message: `Enter a job ID. ${JOB_ID_HINT}` }; }
  const token = prefixedToken(text);
  if (token) { return token; }
  // A v2 route or link: the segment after `/classify/` (not v1's `/classifier/`).
  const v2Path = /\/classify\/([A-Za-z0-9_-]{4,128})(?=[/?#\s"']|$)/i.exec(text);
  if (v2Path) {
    const id = v2Path[1];
    const explicitV2 = /\/api\/v2\/classify\//i.test(text);
    if (isUuid(id)) { return withVersion(id.toLowerCase(), explicitV2 ? 'v2' : undefined); }
    const prefixed = prefixedToken(id);
    if (prefixed) { return prefixed; }
  }
  const v1Hint: ApiVersion | undefined = /\/api\/v1\/classifier\/jobs\//i.test(text) ? 'v1' : undefined;
  const found = [...new Set((text.match(UUID) ?? []).map((m) => m.toLowerCase()))];
  if (found.length === 1) { return withVersion(found[0], v1Hint); }
  if (found.length === 0) {
    const preview = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    return { ok: false, message: `“${preview}” is not a job ID. ${JOB_ID_HINT}` };
  }
  // A results URL carries the job after `/jobs/`; prefer it over other UUIDs such as project_id.
  const afterJobs = new RegExp(`/jobs/(${UUID.source})`, 'i').exec(text);
  if (afterJobs) { return withVersion(afterJobs[1].toLowerCase(), v1Hint); }
  return { ok: false, message: `That text holds ${found.length} different IDs; paste just the job ID. ${JOB_ID_HINT}` };
}

/** A whole text that is one prefixed ID: a v2 job, or (refused with a reason) a v2 input. */
function prefixedToken(text: string): JobIdParse | undefined {
  const m = PREFIXED.exec(text);
  if (!m || isUuid(text)) { return undefined; }
  const input = INPUT_PREFIXES[m[1]];
  if (input) {
    return { ok: false, message: `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}” is ${input} (what a Classify v2 job reads), not a job ID. ${JOB_ID_HINT}` };
  }
  return { ok: true, jobId: text, version: 'v2' };
}

function withVersion(jobId: string, version: ApiVersion | undefined): JobIdParse {
  return version ? { ok: true, jobId, version } : { ok: true, jobId };
}

/** The version an ID's shape shows: anything but a UUID cannot be a v1 job; a UUID could be either. */
export function versionFromShape(id: string): ApiVersion | undefined {
  return isUuid(id) ? undefined : 'v2';
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** The first 8 characters, as the LlamaCloud console shows IDs (shorter IDs whole). */
export function shortId(id: string): string {
  return id.slice(0, 8);
}
