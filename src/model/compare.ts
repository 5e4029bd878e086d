// Matches the results of two jobs file by file and says what changed. Pure (no `vscode`).
//
// Matching: first by `file_id`; what is left over is matched by file name (a file uploaded again gets a
// new ID but keeps its name). A job may hold several results for one file: the n-th result of a file
// in A pairs with the n-th in B (job order), the rest are "only in A/B" — never silently merged.
import type { FileClassification } from '../api/types';
import { kindOf, trustedConfidence, type TypeKind } from './summary';

export interface Side {
  resultId: string;
  fileId: string | null;
  kind: TypeKind;
  type: string | null;
  /** Null when there is no trusted confidence. */
  confidence: number | null;
}

export interface ChangedRow {
  /** A's file ID, else B's, else "" (both matched by name without an ID cannot happen: names come from IDs). */
  fileId: string;
  fileName: string | null;
  matchedBy: 'fileId' | 'name';
  a: Side;
  b: Side;
  /** B's confidence minus A's; null when either is unknown. */
  delta: number | null;
}

export interface Comparison {
  counts: { same: number; changed: number; onlyA: number; onlyB: number };
  changed: ChangedRow[];
  onlyA: Side[];
  onlyB: Side[];
  /** Pairs matched by file name (their file IDs differ or are missing). */
  matchedByName: number;
  /** Results that share a file with an earlier result of the same job. */
  duplicates: { a: number; b: number };
}

export type NameOf = (fileId: string | null) => string | undefined;

function side(item: FileClassification): Side {
  const kind = kindOf(item);
  const c = item.result?.confidence;
  return { resultId: item.id, fileId: item.file_id, kind, type: kind === 'match' ? (item.result?.type as string) : null, confidence: trustedConfidence(c) ? c : null };
}

/** The same classification: the same kind and, for a match, exactly the same type string. */
export function sameType(a: Side, b: Side): boolean {
  return a.kind === b.kind && a.type === b.type;
}

/** Groups indexes by key (in order), skipping items without one. */
function groups(items: readonly FileClassification[], keyOf: (item: FileClassification) => string | undefined, only: Set<number>): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (const i of only) {
    const key = keyOf(items[i]);
    if (key === undefined) { continue; }
    const list = map.get(key);
    if (list) { list.push(i); }
    else { map.set(key, [i]); }
  }
  return map;
}

export function compareResults(a: readonly FileClassification[], b: readonly FileClassification[], nameOf: NameOf = () => undefined): Comparison {
  const leftA = new Set(a.map((_, i) => i));
  const leftB = new Set(b.map((_, i) => i));
  const pairs: { i: number; j: number; by: ChangedRow['matchedBy'] }[] = [];
  const duplicates = { a: countDuplicates(a), b: countDuplicates(b) };

  const pass = (keyOf: (item: FileClassification) => string | undefined, by: ChangedRow['matchedBy']) => {
    const inB = groups(b, keyOf, leftB);
    for (const [key, is] of groups(a, keyOf, leftA)) {
      const js = inB.get(key) ?? [];
      for (let n = 0; n < Math.min(is.length, js.length); n++) {
        pairs.push({ i: is[n], j: js[n], by });
        leftA.delete(is[n]);
        leftB.delete(js[n]);
      }
    }
  };
  pass((item) => item.file_id ?? undefined, 'fileId');
  pass((item) => nameOf(item.file_id), 'name');

  const counts = { same: 0, changed: 0, onlyA: leftA.size, onlyB: leftB.size };
  const changed: ChangedRow[] = [];
  pairs.sort((p, q) => p.i - q.i);
  for (const { i, j, by } of pairs) {
    const sa = side(a[i]);
    const sb = side(b[j]);
    if (sameType(sa, sb)) {
      counts.same++;
      continue;
    }
    counts.changed++;
    changed.push({
      fileId: sa.fileId ?? sb.fileId ?? '',
      fileName: nameOf(sa.fileId) ?? nameOf(sb.fileId) ?? null,
      matchedBy: by,
      a: sa,
      b: sb,
      delta: sa.confidence !== null && sb.confidence !== null ? Math.round((sb.confidence - sa.confidence) * 1e6) / 1e6 : null,
    });
  }
  return {
    counts,
    changed,
    onlyA: [...leftA].map((i) => side(a[i])),
    onlyB: [...leftB].map((j) => side(b[j])),
    matchedByName: pairs.filter((p) => p.by === 'name').length,
    duplicates,
  };
}

function countDuplicates(items: readonly FileClassification[]): number {
  const seen = new Set<string>();
  let n = 0;
  for (const item of items) {
    if (!item.file_id) { continue; }
    if (seen.has(item.file_id)) { n++; }
    else { seen.add(item.file_id); }
  }
  return n;
}

export type SortColumn = 'file' | 'typeA' | 'typeB' | 'confidenceA' | 'confidenceB' | 'delta';
export const SORT_COLUMNS: readonly SortColumn[] = ['file', 'typeA', 'typeB', 'confidenceA', 'confidenceB', 'delta'];

/** A plain row as the compare page gets it (strings and numbers only). */
export interface ChangedRowView {
  fileId: string;
  file: string;
  typeA: string;
  typeB: string;
  confidenceA: number | null;
  confidenceB: number | null;
  delta: number | null;
  resultA: string;
  resultB: string;
}

/** A sorted copy; unknown numbers sort last in both directions, ties keep their order. */
export function sortRows<T extends ChangedRowView>(rows: readonly T[], column: SortColumn, descending = false): T[] {
  const dir = descending ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((p, q) => {
      const x = p.row[column];
      const y = q.row[column];
      let c: number;
      if (typeof x === 'string' || typeof y === 'string') { c = dir * String(x).localeCompare(String(y)); }
      else if (x === null || y === null) { c = x === y ? 0 : x === null ? 1 : -1; }
      else { c = dir * (x - y); }
      return c || p.index - q.index;
    })
    .map((e) => e.row);
}
