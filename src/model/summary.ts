// What a job's loaded results add up to: results per type, a confidence histogram and the results
// below the low-confidence threshold. Pure (no `vscode`): the summary panel renders it, the tests
// check it against the fake server's data.
import type { FileClassification } from '../api/types';

/** match: a type; noMatch: type null; noResult: result null; typeUnknown: the server's type was not a string or null. */
export type TypeKind = 'match' | 'noMatch' | 'noResult' | 'typeUnknown';

export interface TypeCount {
  kind: TypeKind;
  /** The type exactly as the server sent it; null for every other kind. */
  type: string | null;
  count: number;
}

export interface LowConfidence {
  resultId: string;
  fileId: string | null;
  kind: TypeKind;
  type: string | null;
  confidence: number;
}

export interface Summary {
  loaded: number;
  /** Most results first; equal counts by type name, the kinds without a type last. */
  types: TypeCount[];
  /** bins[i] counts confidences in [i/10, (i+1)/10); the last bin includes 1.0. */
  bins: number[];
  /** Results in no bin: no result at all, or a confidence that cannot be trusted (null, NaN, out of 0..1). */
  noConfidence: { noResult: number; untrusted: number };
  /** Every result below the threshold, lowest first (ties: in job order). */
  low: LowConfidence[];
  threshold: number;
}

export const BIN_COUNT = 10;
export const DEFAULT_LOW_CONFIDENCE_THRESHOLD = 0.6;
/** How many results "Load all" loads at most (when there is no `llamaClassify.loadAllLimit` setting). */
export const LOAD_ALL_LIMIT = 10_000;

/** A trusted confidence: a finite number in 0..1. */
export function trustedConfidence(c: unknown): c is number {
  return typeof c === 'number' && Number.isFinite(c) && c >= 0 && c <= 1;
}

/**
 * The histogram bin of a confidence: 0.1 → 1, 0.95 → 9, 1.0 → 9 (the last bin is closed). Undefined
 * when the value cannot be trusted. The tiny epsilon puts a value a float rounding short of an edge
 * (0.7 computed as 0.6999999999999999) in the bin a person reading "70 %" expects.
 */
export function confidenceBin(c: unknown): number | undefined {
  if (!trustedConfidence(c)) { return undefined; }
  return Math.min(BIN_COUNT - 1, Math.floor(c * BIN_COUNT + 1e-9));
}

/** A threshold from settings: a number in 0..1, else the default. */
export function validThreshold(v: unknown): number {
  return trustedConfidence(v) ? v : DEFAULT_LOW_CONFIDENCE_THRESHOLD;
}

export function kindOf(item: FileClassification): TypeKind {
  const r = item.result;
  if (!r) { return 'noResult'; }
  if (r.typeIssue || (r.type !== null && typeof r.type !== 'string')) { return 'typeUnknown'; }
  return r.type === null ? 'noMatch' : 'match';
}

const KIND_ORDER: Record<TypeKind, number> = { match: 0, typeUnknown: 1, noMatch: 2, noResult: 3 };

export function summarize(items: readonly FileClassification[], threshold: number = DEFAULT_LOW_CONFIDENCE_THRESHOLD): Summary {
  const limit = validThreshold(threshold);
  const byType = new Map<string, TypeCount>();
  const bins = new Array<number>(BIN_COUNT).fill(0);
  const noConfidence = { noResult: 0, untrusted: 0 };
  const low: (LowConfidence & { index: number })[] = [];
  items.forEach((item, index) => {
    const kind = kindOf(item);
    const type = kind === 'match' ? (item.result?.type as string) : null;
    // A Map key per kind, so a type literally named "null" or "" never merges with No result / No match.
    const key = kind === 'match' ? `t:${type}` : kind;
    const entry = byType.get(key);
    if (entry) { entry.count++; }
    else { byType.set(key, { kind, type, count: 1 }); }
    const c = item.result?.confidence;
    const bin = confidenceBin(c);
    if (bin === undefined) {
      if (item.result) { noConfidence.untrusted++; }
      else { noConfidence.noResult++; }
      return;
    }
    bins[bin]++;
    if ((c as number) < limit) { low.push({ resultId: item.id, fileId: item.file_id, kind, type, confidence: c as number, index }); }
  });
  const types = [...byType.values()].sort(
    (a, b) => b.count - a.count || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.type ?? '').localeCompare(b.type ?? ''),
  );
  low.sort((a, b) => a.confidence - b.confidence || a.index - b.index);
  return { loaded: items.length, types, bins, noConfidence, low: low.map(({ index: _, ...rest }) => rest), threshold: limit };
}

/** "0–10 %", …, "90–100 %": the bins' labels. */
export function binLabel(bin: number): string {
  return `${bin * 10}–${(bin + 1) * 10} %`;
}

/** The share of `count` in `total`, one decimal: "29.2%"; "0%" of nothing. */
export function shareText(count: number, total: number): string {
  if (total <= 0) { return '0%'; }
  const pct = Math.round((count / total) * 1000) / 10;
  return `${pct.toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
}

/** What a person reads for a type row: the type, or "No match", "No result", "Type unknown". */
export function kindLabel(kind: TypeKind, type: string | null): string {
  switch (kind) {
    case 'match':
      return type ?? '';
    case 'noMatch':
      return 'No match';
    case 'noResult':
      return 'No result';
    default:
      return 'Type unknown';
  }
}
