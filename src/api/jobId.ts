// Turns what a person typed or pasted into a classify job ID.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export const JOB_ID_HINT = 'A classify job ID is a UUID like 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e, or a URL that contains one.';

export type JobIdParse = { ok: true; jobId: string } | { ok: false; message: string };

/**
 * Accepts a bare UUID or any URL/text containing exactly one (e.g. a LlamaCloud console link or a
 * curl command). IDs are returned lower-cased so the same job is never listed twice.
 */
export function parseJobId(input: string): JobIdParse {
  const text = input.trim();
  if (text === '') { return { ok: false, message: `Enter a job ID. ${JOB_ID_HINT}` }; }
  const found = [...new Set((text.match(UUID) ?? []).map((m) => m.toLowerCase()))];
  if (found.length === 1) { return { ok: true, jobId: found[0] }; }
  if (found.length === 0) {
    const preview = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    return { ok: false, message: `“${preview}” is not a job ID. ${JOB_ID_HINT}` };
  }
  // A results URL carries the job after `/jobs/`; prefer it over other UUIDs such as project_id.
  const afterJobs = new RegExp(`/jobs/(${UUID.source})`, 'i').exec(text);
  if (afterJobs) { return { ok: true, jobId: afterJobs[1].toLowerCase() }; }
  return { ok: false, message: `That text holds ${found.length} different IDs; paste just the job ID. ${JOB_ID_HINT}` };
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** The first 8 characters, as the LlamaCloud console shows IDs (shorter IDs whole). */
export function shortId(id: string): string {
  return id.slice(0, 8);
}
