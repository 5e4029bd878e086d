// Shapes of the LlamaCloud API as this extension reads them, after validation (see parse.ts).
// Nullability follows the most permissive of the published spec and SDK 2.15.

/**
 * v1 classify job status. There is no RUNNING in v1; unknown values are kept as-is. 'UNKNOWN' is this
 * extension's own: the server sent no status, or not a string (see parse.ts).
 */
export type ClassifyJobStatus = 'PENDING' | 'SUCCESS' | 'ERROR' | 'PARTIAL_SUCCESS' | 'CANCELLED' | 'UNKNOWN' | (string & {});

export interface ClassificationResult {
  /** The document type that best matches, or null if no rule matched (or the server sent no readable type: see `typeIssue`). */
  type: string | null;
  /** Set when the server's `type` was neither a string nor null, saying what it was; `type` is then null but does NOT mean "no match". */
  typeIssue?: string;
  /** Declared 0..1. Null when the server sent NaN, a non-number or a value out of range: see `confidenceIssue`. */
  confidence: number | null;
  /** Set when the server's confidence could not be trusted, saying what was wrong (e.g. "1.7 is above 1"). */
  confidenceIssue?: string;
  /** The raw value the server sent, kept for "Show raw JSON" when it was not trusted. */
  rawConfidence?: unknown;
  reasoning: string;
}

export interface FileClassification {
  id: string;
  classify_job_id: string;
  /** Optional and nullable since Jan 2026 (SDK 2.15): a row may have no file. */
  file_id: string | null;
  /** Optional and nullable: absent or null means the file has no result (e.g. a PARTIAL_SUCCESS job). */
  result: ClassificationResult | null;
  /** Null when absent, or when the server sent something no Date can read (reported as a warning). */
  created_at: string | null;
  updated_at: string | null;
  /** Set only on a Classify v2 job shown as a result (its id is then the v2 job ID). */
  v2?: V2Details;
}

/** One page of results (AIP-132). */
export interface ClassifyJobResultsPage {
  items: FileClassification[];
  /** Absent, null or "" means there is no further page. */
  next_page_token: string | null;
  /** "Only populated when specifically requested… may be an estimate": never trusted for completeness. Null when absent or not a whole number ≥ 0. */
  total_size: number | null;
}

export interface ClassifierRule {
  type: string;
  description: string;
}

export interface ClassifyJob {
  id: string;
  project_id: string | null;
  status: ClassifyJobStatus;
  rules: ClassifierRule[];
  created_at: string | null;
  updated_at: string | null;
  error_message: string | null;
}

export interface ClassifyJobsPage {
  items: ClassifyJob[];
  next_page_token: string | null;
  total_size: number | null;
}

/** Beta Files API object, reduced to what the UI shows. */
export interface FileInfo {
  id: string;
  name: string;
  file_type: string | null;
  file_size: number | null;
}

export type Region = 'na' | 'eu';

export const REGION_BASE_URLS: Record<Region, string> = {
  na: 'https://api.cloud.llamaindex.ai',
  eu: 'https://api.cloud.eu.llamaindex.ai',
};

/**
 * Classify v2 job status (SDK 2.16.0). Unknown values are kept as-is; 'UNKNOWN' is this extension's
 * own (no readable status). Some staging docs omit CANCELLED: nothing here depends on the full list.
 */
export type ClassifyV2Status = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'UNKNOWN' | (string & {});

/** A Classify v2 job: one document per job, its result inside the job (reference §2.6). */
export interface ClassifyV2Job {
  id: string;
  status: ClassifyV2Status;
  /** The document: a file `dfl-…`, a parse job `pjb-…` or a URL. Staging docs call it `document_input_value`; both are read. */
  file_input: string | null;
  /** 'file_id' | 'parse_job_id' | 'url' per the SDK; kept as sent. */
  document_input_type: string | null;
  rules: ClassifierRule[];
  mode: string | null;
  configuration_id: string | null;
  parse_job_id: string | null;
  error_message: string | null;
  /** Absent or null until the job completes; `type` null means no rule matched. */
  result: ClassificationResult | null;
  project_id: string | null;
  created_at: string | null;
  updated_at: string | null;
}

export interface ClassifyV2JobsPage {
  items: ClassifyV2Job[];
  next_page_token: string | null;
  total_size: number | null;
}

/** What only a v2 job has, carried on the result item the tree and panel show (see model/v2.ts). */
export interface V2Details {
  status: ClassifyV2Status;
  /** `file_input` as sent (also when it is not a file the Files API can name). */
  document: string | null;
  document_input_type: string | null;
  rules: ClassifierRule[];
  mode: string | null;
  parse_job_id: string | null;
  error_message: string | null;
  configuration_id: string | null;
}
