// Messages of the summary and compare pages, both ways, and the validators for what the pages send.
// Pure (no `vscode`). As with the result panel, the pages are untrusted (they render remote text):
// the host acts only on these few messages, checked field by field.
import type { ChangedRowView } from '../model/compare';
import type { TypeKind } from '../model/summary';
import type { StatusKind } from './protocol';

export interface TypeRowView {
  kind: TypeKind;
  /** The type exactly as sent (kind 'match'); null otherwise. */
  type: string | null;
  label: string;
  count: number;
  /** "29.2%" of the loaded results. */
  share: string;
}

export interface BinView {
  label: string;
  count: number;
  share: string;
}

export interface LowItemView {
  resultId: string;
  /** File name, else file ID, else result ID. */
  label: string;
  typeLabel: string;
  percent: string;
  confidence: number;
}

export interface JobFactsView {
  status: string | null;
  created: string | null;
  updated: string | null;
  error: string | null;
  /** Null when the job could not be read (yet); [] when it has no rules. */
  rules: { type: string; description: string }[] | null;
}

export interface SummaryView {
  jobId: string;
  /** "137 of 137 results". */
  countText: string;
  loaded: number;
  total: number | null;
  /** More pages exist and the load-all limit is not reached: the page shows "Load all". */
  canLoadAll: boolean;
  /** A "Load all" of this panel runs: the page shows "Cancel". */
  loadingAll: boolean;
  types: TypeRowView[];
  bins: BinView[];
  /** "Not in the histogram: 3 (1 without a result, 2 with a confidence that cannot be trusted)", or "". */
  apartText: string;
  apartCount: number;
  /** "12 results below 60%" (of the loaded ones). */
  lowText: string;
  low: LowItemView[];
  /** How many low results exist in all (the list shows at most MAX_LOW_SHOWN). */
  lowTotal: number;
  facts: JobFactsView;
}

export type SummaryToPage = { type: 'summary'; view: SummaryView } | { type: 'status'; kind: StatusKind; text: string };
export type SummaryToHost = { type: 'ready' } | { type: 'loadAll' } | { type: 'cancelLoad' } | { type: 'openResult'; resultId: string };

export interface CompareView {
  jobA: string;
  jobB: string;
  counts: { same: number; changed: number; onlyA: number; onlyB: number };
  /** Caveats a person should read: a load limit, duplicates, matches by name. */
  notes: string[];
  rows: ChangedRowView[];
}

export type CompareToPage = { type: 'compare'; view: CompareView } | { type: 'status'; kind: StatusKind; text: string };
export type CompareToHost = { type: 'ready' } | { type: 'openPair'; index: number };

const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

function plainObject(raw: unknown): Record<string, unknown> | undefined {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
}

/** A fresh typed copy of an allowed summary-page message; undefined for anything else (extra fields too). */
export function parseSummaryMessage(raw: unknown): SummaryToHost | undefined {
  const o = plainObject(raw);
  if (!o) { return undefined; }
  const keys = Object.keys(o).length;
  if ((o.type === 'ready' || o.type === 'loadAll' || o.type === 'cancelLoad') && keys === 1) { return { type: o.type }; }
  if (o.type === 'openResult' && keys === 2 && typeof o.resultId === 'string' && ID_PATTERN.test(o.resultId)) {
    return { type: 'openResult', resultId: o.resultId };
  }
  return undefined;
}

/** The same for the compare page: `openPair` carries a row index, which the host looks up itself. */
export function parseCompareMessage(raw: unknown): CompareToHost | undefined {
  const o = plainObject(raw);
  if (!o) { return undefined; }
  const keys = Object.keys(o).length;
  if (o.type === 'ready' && keys === 1) { return { type: 'ready' }; }
  if (o.type === 'openPair' && keys === 2 && Number.isSafeInteger(o.index) && (o.index as number) >= 0) {
    return { type: 'openPair', index: o.index as number };
  }
  return undefined;
}
