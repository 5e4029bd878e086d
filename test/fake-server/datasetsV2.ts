// Classify v2 jobs for the fake server, in the SDK 2.16.0 `ClassifyGetResponse` shape (reference §2.6).
// The reference documents no v2 job ID format, so these IDs use an invented `cls-` prefix (shape-detected
// as v2 by the extension), and one v2 job has a bare UUID (ambiguous: found only by the v1→v2 fallback).
// Dataset kind 13 (see datasets.ts; kinds 1–12 are v1 jobs): files `dfl-` + fakeId(0x0fd, n), the bare-UUID job fakeId(0x00d, 1).
import { fakeId, seededRandom, type FakeFile } from './datasets';

export interface FakeV2Job {
  id: string;
  status: 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
  document_input_type: 'file_id' | 'parse_job_id' | 'url';
  file_input: string;
  configuration_id: string | null;
  parse_job_id: string | null;
  error_message: string | null;
  result: { type: string | null; confidence: number; reasoning: string } | null;
  created_at: string;
  /** Another project's job: every read answers 403 and lists leave it out. */
  forbidden?: boolean;
}

export const V2_RULES = [
  { type: 'invoice', description: 'A bill from a vendor with an invoice number and amounts due.' },
  { type: 'receipt', description: 'Proof of a completed payment from a merchant.' },
  { type: 'contract', description: 'An agreement between named parties with clauses and signatures.' },
];

const v2Id = (n: number) => `cls-${n.toString(36).padStart(4, '0')}${(Math.floor(seededRandom(0xc1a55 + n)() * 36 ** 8)).toString(36).padStart(8, '0')}`;
const V2_KIND = 13;
const fileId = (n: number) => `dfl-${fakeId(0x0f0 + V2_KIND, n)}`;
const BASE = Date.UTC(2026, 9, 1, 8, 0, 0);
const at = (hours: number) => new Date(BASE + hours * 3_600_000).toISOString();

export const V2_JOB_IDS = {
  invoice: v2Id(1),
  noMatch: v2Id(2),
  failed: v2Id(3),
  pending: v2Id(4),
  parseInput: v2Id(5),
  running: v2Id(6),
  forbidden: v2Id(7),
  /** PENDING, then RUNNING, then COMPLETED over its first status reads (the server's default `statusAfterReads` quirk). */
  finishing: v2Id(8),
  /** A v2 job whose ID is a bare UUID: v1 answers 404 for it, v2 finds it. */
  bareUuid: fakeId(V2_KIND, 1),
};

export const V2_CONFIGS = { invoices: 'cfg-invoices', archive: 'cfg-archive' };
/** How many COMPLETED jobs of the archive configuration exist (to page through). */
export const V2_ARCHIVE_COUNT = 120;

export function buildV2Dataset(): { jobs: FakeV2Job[]; files: Map<string, FakeFile> } {
  const files = new Map<string, FakeFile>();
  const jobs: FakeV2Job[] = [];
  const base = { configuration_id: V2_CONFIGS.invoices, parse_job_id: null, error_message: null, document_input_type: 'file_id' as const };
  const addFile = (id: string, name: string) => files.set(id, { id, name, file_type: 'pdf', file_size: 48_213 });

  jobs.push({ ...base, id: V2_JOB_IDS.invoice, status: 'COMPLETED', file_input: fileId(1), parse_job_id: 'pjb-7d1e2f3a4b5c', created_at: at(1),
    result: { type: 'invoice', confidence: 0.93, reasoning: 'An invoice number (INV-2026-0107), a due date and line items with a total.' } });
  addFile(fileId(1), 'acme-invoice-0107.pdf');
  jobs.push({ ...base, id: V2_JOB_IDS.noMatch, status: 'COMPLETED', file_input: fileId(2), created_at: at(2),
    result: { type: null, confidence: 0.22, reasoning: 'No rule matched: the document is a cover letter.' } });
  addFile(fileId(2), 'cover-letter.pdf');
  jobs.push({ ...base, id: V2_JOB_IDS.failed, status: 'FAILED', file_input: fileId(3), created_at: at(3), result: null,
    error_message: 'Parsing failed: the file is password protected.' });
  jobs.push({ ...base, id: V2_JOB_IDS.pending, status: 'PENDING', file_input: fileId(4), created_at: at(4), result: null });
  jobs.push({ ...base, id: V2_JOB_IDS.parseInput, status: 'COMPLETED', document_input_type: 'parse_job_id', file_input: 'pjb-0a1b2c3d4e5f', parse_job_id: 'pjb-0a1b2c3d4e5f', created_at: at(5),
    result: { type: 'receipt', confidence: 0.81, reasoning: 'A merchant, a paid total and a card payment.' } });
  jobs.push({ ...base, id: V2_JOB_IDS.running, status: 'RUNNING', file_input: fileId(6), created_at: at(6), result: null });
  jobs.push({ ...base, id: V2_JOB_IDS.forbidden, status: 'COMPLETED', file_input: fileId(7), created_at: at(7), forbidden: true,
    result: { type: 'invoice', confidence: 0.9, reasoning: 'Not yours.' } });
  jobs.push({ ...base, id: V2_JOB_IDS.bareUuid, status: 'COMPLETED', file_input: fileId(8), created_at: at(8),
    result: { type: 'contract', confidence: 0.68, reasoning: 'Named parties, numbered clauses and signature lines.' } });
  addFile(fileId(8), 'supplier-agreement.pdf');
  // Stored as it ends; the server reads it as PENDING → RUNNING until its status was read a few times. Created Oct 2.
  jobs.push({ ...base, id: V2_JOB_IDS.finishing, status: 'COMPLETED', file_input: fileId(9), created_at: at(20),
    result: { type: 'receipt', confidence: 0.87, reasoning: 'A merchant, a paid total and the card used.' } });
  addFile(fileId(9), 'corner-shop-receipt.pdf');

  const types = ['invoice', 'receipt', 'contract', null];
  for (let i = 0; i < V2_ARCHIVE_COUNT; i++) {
    const rnd = seededRandom(0xa2c + i);
    const type = types[Math.floor(rnd() * types.length)];
    const confidence = Math.round((type ? 0.5 + rnd() * 0.5 : 0.1 + rnd() * 0.3) * 1000) / 1000;
    const file = fileId(100 + i);
    if (i % 10 !== 0) { addFile(file, `archive-${String(i + 1).padStart(3, '0')}.pdf`); } // every tenth name unknown
    jobs.push({ ...base, id: v2Id(100 + i), configuration_id: V2_CONFIGS.archive, status: 'COMPLETED', file_input: file, created_at: at(24 * 10 + i),
      result: { type, confidence, reasoning: type ? `Archive document ${i + 1} reads as a ${type}.` : `Archive document ${i + 1} matched no rule.` } });
  }
  return { jobs, files };
}

/** The job as `GET /api/v2/classify/{id}` returns it (SDK 2.16.0 field names). */
/** `unfinished`: the status the job reads as while it is not done yet (then it has no result). */
export function v2JobJson(job: FakeV2Job, projectId: string, unfinished?: string) {
  return {
    id: job.id,
    configuration: { rules: V2_RULES, mode: 'FAST', parsing_configuration: { lang: 'en', max_pages: 5, target_pages: null } },
    configuration_id: job.configuration_id,
    document_input_type: job.document_input_type,
    file_input: job.file_input,
    project_id: projectId,
    user_id: 'user-fake',
    status: unfinished ?? job.status,
    result: unfinished ? null : job.result,
    error_message: job.error_message,
    parse_job_id: job.parse_job_id,
    transaction_id: null,
    created_at: job.created_at,
    updated_at: job.created_at,
  };
}
