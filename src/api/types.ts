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
