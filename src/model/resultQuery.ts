// What the view shows of a job's loaded results: a filter (types and a confidence condition), an
// order and an optional grouping by type. Pure functions over the pager's items — nothing here
// fetches — so the tree, Find Result, export and the summary all agree on what "filtered" means.
import type { FileClassification } from '../api/types';
import { percentOf } from './format';

/** A result's category for filtering and grouping: `type:<name>`, or one of the special keys. */
export const NO_MATCH = 'special:noMatch';
export const NO_RESULT = 'special:noResult';
export const TYPE_UNKNOWN = 'special:typeUnknown';

export function typeKey(item: FileClassification): string {
  const r = item.result;
  if (!r) { return NO_RESULT; }
  if (r.typeIssue) { return TYPE_UNKNOWN; }
  return r.type === null ? NO_MATCH : `type:${r.type}`;
}

/** "invoice", "No match", "No result", "Type unknown" for a key. */
export function keyLabel(key: string): string {
  if (key === NO_MATCH) { return 'No match'; }
  if (key === NO_RESULT) { return 'No result'; }
  if (key === TYPE_UNKNOWN) { return 'Type unknown'; }
  return key.startsWith('type:') ? key.slice(5) : key;
}

/** Types sort by name; the special categories come after every type, in this order. */
const SPECIAL_ORDER = [NO_MATCH, TYPE_UNKNOWN, NO_RESULT];
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
export function compareKeys(a: string, b: string): number {
  const sa = SPECIAL_ORDER.indexOf(a);
  const sb = SPECIAL_ORDER.indexOf(b);
  if (sa < 0 && sb < 0) { return collator.compare(keyLabel(a), keyLabel(b)) || (a < b ? -1 : a > b ? 1 : 0); }
  if (sa < 0) { return -1; }
  if (sb < 0) { return 1; }
  return sa - sb;
}

// ---------------------------------------------------------------------------------------------
// Confidence condition

/**
 * Bounds in whole-or-fractional percent. Compared with the percentage a person reads on the row
 * (0.596 shows "60%", so "< 60%" leaves it out): what the filter keeps always agrees with the rows.
 */
export interface ConfidenceCondition {
  min?: number;
  minInclusive?: boolean;
  max?: number;
  maxInclusive?: boolean;
}

export type ConditionParse = { ok: true; condition: ConfidenceCondition | undefined } | { ok: false; message: string };

export const CONDITION_HINT = 'Type a condition such as <0.6, >=0.9, 40-70 or 40%-70% (empty: any confidence).';

const NUMBER = String.raw`(\d+(?:\.\d+)?|\.\d+)\s*(%?)`;
const COMPARE = new RegExp(String.raw`^(<=|>=|<|>|=|≤|≥)\s*${NUMBER}$`);
const RANGE = new RegExp(String.raw`^${NUMBER}\s*(?:-|–|\.\.|to)\s*${NUMBER}$`, 'i');

/**
 * `<0.6`, `<= 60%`, `>=0.9`, `>90`, `40-70`, `40%-70%`, `0.4-0.7`, `=50%`. A number with `%`, or
 * above 1, is a percentage; otherwise a fraction (0.6 = 60%). A range is inclusive at both ends.
 * Empty text means no condition.
 */
export function parseCondition(text: string): ConditionParse {
  const t = text.trim();
  if (t === '') { return { ok: true, condition: undefined }; }
  const bad = (why: string): ConditionParse => ({ ok: false, message: `${why} ${CONDITION_HINT}` });
  const cmp = COMPARE.exec(t);
  if (cmp) {
    const value = toPercent(cmp[2], cmp[3] === '%');
    if (value > 100) { return bad(`${t} is above 100%.`); }
    switch (cmp[1]) {
      case '<': return { ok: true, condition: { max: value, maxInclusive: false } };
      case '<=': case '≤': return { ok: true, condition: { max: value, maxInclusive: true } };
      case '>': return { ok: true, condition: { min: value, minInclusive: false } };
      case '>=': case '≥': return { ok: true, condition: { min: value, minInclusive: true } };
      default: return { ok: true, condition: { min: value, minInclusive: true, max: value, maxInclusive: true } };
    }
  }
  const range = RANGE.exec(t);
  if (range) {
    // One percent sign or a number above 1 makes both ends percentages: "40-70%" is 40% to 70%.
    const percent = range[2] === '%' || range[4] === '%' || Number(range[1]) > 1 || Number(range[3]) > 1;
    const lo = toPercent(range[1], percent);
    const hi = toPercent(range[3], percent);
    if (lo > hi) { return bad(`${t}: the first number is larger than the second.`); }
    if (hi > 100) { return bad(`${t} goes above 100%.`); }
    return { ok: true, condition: { min: lo, minInclusive: true, max: hi, maxInclusive: true } };
  }
  return bad(`“${t.length > 30 ? `${t.slice(0, 30)}…` : t}” is not a confidence condition.`);
}

function toPercent(text: string, isPercent: boolean): number {
  const n = Number(text);
  // 15 significant digits: 0.07 * 100 is 7.000000000000001 in floating point, and must read as 7.
  return isPercent || n > 1 ? n : Number((n * 100).toPrecision(15));
}

/** "< 60%", "≥ 90%", "40–70%", "= 50%". */
export function describeCondition(c: ConfidenceCondition): string {
  const p = (n: number) => `${n}%`;
  if (c.min !== undefined && c.max !== undefined) {
    if (c.min === c.max) { return `= ${p(c.min)}`; }
    return `${c.min}–${p(c.max)}`;
  }
  if (c.max !== undefined) { return `${c.maxInclusive ? '≤' : '<'} ${p(c.max)}`; }
  if (c.min !== undefined) { return `${c.minInclusive ? '≥' : '>'} ${p(c.min)}`; }
  return 'any confidence';
}

/** True when the confidence, as the row shows it, meets the condition. Unknown confidence never does. */
export function meetsCondition(confidence: number | null | undefined, c: ConfidenceCondition): boolean {
  const percent = percentOf(confidence);
  if (percent === undefined) { return false; }
  if (c.min !== undefined && (c.minInclusive ? percent < c.min : percent <= c.min)) { return false; }
  if (c.max !== undefined && (c.maxInclusive ? percent > c.max : percent >= c.max)) { return false; }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Filter, order, groups

export interface ResultFilter {
  /** Type keys to keep (`typeKey`); empty keeps every type. */
  types: readonly string[];
  /** The condition as typed (kept so the prompt shows it again); undefined: any confidence. */
  confidenceText?: string;
  confidence?: ConfidenceCondition;
}

export const NO_FILTER: ResultFilter = { types: [] };

export function isFilterActive(f: ResultFilter): boolean {
  return f.types.length > 0 || f.confidence !== undefined;
}

/** A predicate for one filter; builds its set once, so a 10,000-result pass stays linear. */
export function matcher(f: ResultFilter): (item: FileClassification) => boolean {
  if (!isFilterActive(f)) { return () => true; }
  const types = f.types.length ? new Set(f.types) : undefined;
  const cond = f.confidence;
  return (item) => (!types || types.has(typeKey(item))) && (!cond || meetsCondition(item.result?.confidence, cond));
}

/** "invoice, No match · < 60%"; "" when nothing is filtered. */
export function describeFilter(f: ResultFilter): string {
  const parts: string[] = [];
  if (f.types.length) { parts.push([...f.types].sort(compareKeys).map(keyLabel).join(', ')); }
  if (f.confidence) { parts.push(describeCondition(f.confidence)); }
  return parts.join(' · ');
}

export type SortOrder = 'server' | 'confidenceAsc' | 'confidenceDesc' | 'type' | 'fileName';
export const SORT_ORDERS: readonly SortOrder[] = ['server', 'confidenceAsc', 'confidenceDesc', 'type', 'fileName'];

export const SORT_LABELS: Record<SortOrder, string> = {
  server: 'Server order',
  confidenceAsc: 'Confidence, lowest first',
  confidenceDesc: 'Confidence, highest first',
  type: 'Type',
  fileName: 'File name',
};

/** The name a result is sorted by: its file's name when known, else its file ID, else its own ID. */
export type NameOf = (item: FileClassification) => string;

/**
 * A new array in the given order; ties (and unknown confidences, which go last either way) keep
 * server order, so rows never jump between two renders of the same data.
 */
export function sortResults(items: readonly FileClassification[], order: SortOrder, nameOf: NameOf): FileClassification[] {
  if (order === 'server') { return items.slice(); }
  const index = items.map((_, i) => i);
  let keyed: (a: number, b: number) => number;
  if (order === 'confidenceAsc' || order === 'confidenceDesc') {
    const sign = order === 'confidenceAsc' ? 1 : -1;
    const conf = items.map((i) => { const c = i.result?.confidence; return typeof c === 'number' && Number.isFinite(c) ? c : undefined; });
    keyed = (a, b) => {
      const ca = conf[a];
      const cb = conf[b];
      if (ca === undefined || cb === undefined) { return (ca === undefined ? 1 : 0) - (cb === undefined ? 1 : 0); }
      return sign * (ca - cb);
    };
  } else if (order === 'type') {
    const keys = items.map(typeKey);
    keyed = (a, b) => (keys[a] === keys[b] ? 0 : compareKeys(keys[a], keys[b]));
  } else {
    const names = items.map(nameOf);
    keyed = (a, b) => collator.compare(names[a], names[b]);
  }
  index.sort((a, b) => keyed(a, b) || a - b);
  return index.map((i) => items[i]);
}

export interface TypeGroup {
  key: string;
  label: string;
  items: FileClassification[];
}

/** Groups in key order (types by name, then No match, Type unknown, No result); each keeps the list's order. */
export function groupByType(items: readonly FileClassification[]): TypeGroup[] {
  const groups = new Map<string, FileClassification[]>();
  for (const item of items) {
    const key = typeKey(item);
    let list = groups.get(key);
    if (!list) { groups.set(key, (list = [])); }
    list.push(item);
  }
  return [...groups.keys()].sort(compareKeys).map((key) => ({ key, label: keyLabel(key), items: groups.get(key)! }));
}

/** How many results of each type key, for the filter's choices ("invoice (48)"). */
export function countTypes(items: Iterable<FileClassification>, into = new Map<string, number>()): Map<string, number> {
  for (const item of items) {
    const key = typeKey(item);
    into.set(key, (into.get(key) ?? 0) + 1);
  }
  return into;
}

/** The rows one job shows: `rows` (filtered, in order), `groups` when grouped, and the counts. */
export interface QueryResult {
  rows: FileClassification[];
  groups?: TypeGroup[];
  matched: number;
  total: number;
}

export interface QuerySpec {
  filter: ResultFilter;
  sort: SortOrder;
  grouped: boolean;
}

export function runQuery(items: readonly FileClassification[], q: QuerySpec, nameOf: NameOf): QueryResult {
  const keep = matcher(q.filter);
  const kept = isFilterActive(q.filter) ? items.filter(keep) : items;
  const rows = sortResults(kept, q.sort, nameOf);
  return { rows, groups: q.grouped ? groupByType(rows) : undefined, matched: rows.length, total: items.length };
}
