// Defensive parsing of response bodies. A page is refused (ShapeError) only when what identifies its
// rows is unusable: the body is not an object, `items` is not an array, an item is not an object, or an
// item's `id`/`classify_job_id` is unusable (and a malformed `next_page_token`, which drives paging).
// Anything only shown to a person (dates, sizes, counts, messages, a job's status…) that is malformed
// or out of range becomes null ("unknown") and is reported through the optional `warn` callback.
// Unknown fields are ignored. Confidence that cannot be trusted is flagged, not dropped.
import type {
  ClassificationResult,
  ClassifierRule,
  ClassifyJob,
  ClassifyJobResultsPage,
  ClassifyJobsPage,
  FileClassification,
  FileInfo,
} from './types';

/** Thrown by the parsers; the client turns it into an `invalidResponse` LlamaCloudError. */
export class ShapeError extends Error {
  constructor(readonly field: string, expected: string, got: unknown) {
    super(`field \`${field}\` should be ${expected} but is ${describe(got)}`);
    this.name = 'ShapeError';
  }
}

/** A display-only value that was malformed or out of range and is shown as unknown (or a row that was skipped). */
export interface ParseWarning {
  /** Where, with indexes: `items[3].created_at`. */
  path: string;
  /** Where, without indexes: `items[].created_at`. One warning per pattern is enough for a person. */
  pattern: string;
  /** What was wrong and what is shown instead, e.g. "field `response.total_size` should be … but is -1; shown as unknown". */
  message: string;
}

export type WarnFn = (warning: ParseWarning) => void;

const ignore: WarnFn = () => {};

/** `items[3].result.type` → `items[].result.type`. */
export function fieldPattern(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

function describe(value: unknown): string {
  if (value === null) { return 'null'; }
  if (value === undefined) { return 'missing'; }
  if (Array.isArray(value)) { return 'an array'; }
  if (typeof value === 'string') { return `a string (${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)})`; }
  if (typeof value === 'number') { return `a number (${value})`; }
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function object(value: unknown, field: string): Obj {
  if (!isObject(value)) { throw new ShapeError(field, 'an object', value); }
  return value;
}

export function requiredString(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0) { throw new ShapeError(`${path}.${key}`, 'a non-empty string', v); }
  return v;
}

/** Reports a display-only field that cannot be used and returns what is shown instead. */
export function unusable<T>(warn: WarnFn, path: string, expected: string, got: unknown, instead: T, shown = 'shown as unknown'): T {
  warn({ path, pattern: fieldPattern(path), message: `field \`${path}\` should be ${expected} but is ${describe(got)}; ${shown}` });
  return instead;
}

/** A display-only string: absent and null read as null; any other non-string is reported and read as null. */
export function displayString(o: Obj, key: string, path: string, warn: WarnFn): string | null {
  const v = o[key];
  if (v === undefined || v === null) { return null; }
  if (typeof v === 'string') { return v; }
  return unusable(warn, `${path}.${key}`, 'a string or null', v, null);
}

/** A display-only date-time: like `displayString`, and a string no Date can read is reported and read as null. */
export function displayDate(o: Obj, key: string, path: string, warn: WarnFn): string | null {
  const v = o[key];
  if (v === undefined || v === null) { return null; }
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) { return v; }
  return unusable(warn, `${path}.${key}`, 'a date-time string or null', v, null);
}

/** A display-only count (total_size, file_size): a whole number ≥ 0, else reported and read as null. */
export function displayCount(o: Obj, key: string, path: string, warn: WarnFn): number | null {
  const v = o[key];
  if (v === undefined || v === null) { return null; }
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) { return v; }
  return unusable(warn, `${path}.${key}`, 'a whole number ≥ 0 or null', v, null);
}

export function array(o: Obj, key: string, path: string): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) { throw new ShapeError(`${path}.${key}`, 'an array', v); }
  return v;
}

/** Empty string means "no next page" too (AIP-132). Paging depends on it, so a non-string is refused. */
export function pageToken(o: Obj, path: string): string | null {
  const token = o.next_page_token;
  if (token === undefined || token === null || token === '') { return null; }
  if (typeof token !== 'string') { throw new ShapeError(`${path}.next_page_token`, 'a string or null', token); }
  return token;
}

export function parseResult(value: unknown, path: string, warn: WarnFn = ignore): ClassificationResult | null {
  if (value === undefined || value === null) { return null; }
  if (!isObject(value)) { return unusable(warn, path, 'an object or null', value, null, 'the row is shown without a result'); }
  const type = value.type;
  const reasoning = value.reasoning;
  const result: ClassificationResult = {
    type: typeof type === 'string' ? type : null,
    confidence: null,
    reasoning: typeof reasoning === 'string' ? reasoning : '',
  };
  if (type !== null && type !== undefined && typeof type !== 'string') {
    result.typeIssue = `the server sent ${describe(type)} instead of a type`;
    unusable(warn, `${path}.type`, 'a string or null', type, null);
  }
  if (reasoning !== undefined && reasoning !== null && typeof reasoning !== 'string') {
    unusable(warn, `${path}.reasoning`, 'a string', reasoning, null, 'shown as no reasoning');
  }
  const raw = value.confidence;
  const issue = confidenceIssue(raw);
  if (issue) {
    result.confidenceIssue = issue;
    result.rawConfidence = raw;
  } else {
    result.confidence = raw as number;
  }
  return result;
}

/** Why a confidence value cannot be trusted, or undefined when it is a number in 0..1. */
export function confidenceIssue(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) { return 'the server sent no confidence'; }
  if (typeof raw !== 'number') { return `the server sent ${describe(raw)} instead of a number`; }
  if (Number.isNaN(raw)) { return 'the server sent NaN'; }
  if (raw < 0) { return `the server sent ${raw}, below 0`; }
  if (raw > 1) { return `the server sent ${raw}, above 1`; }
  return undefined;
}

export function parseFileClassification(value: unknown, path: string, warn: WarnFn = ignore): FileClassification {
  const o = object(value, path);
  return {
    id: requiredString(o, 'id', path),
    classify_job_id: requiredString(o, 'classify_job_id', path),
    file_id: displayString(o, 'file_id', path, warn),
    result: parseResult(o.result, `${path}.result`, warn),
    created_at: displayDate(o, 'created_at', path, warn),
    updated_at: displayDate(o, 'updated_at', path, warn),
  };
}

/**
 * Each result of a results page → the object the server sent for it (as JSON.parse made it), for an
 * export that writes results exactly as sent. A side table rather than a field: the parsed item keeps
 * its shape (Show Raw JSON, deepEqual in tests), and the raw object shares its strings with the parsed
 * one, so what it costs is the objects' shells, not a second copy of the text. It lives as long as the item.
 */
const rawItems = new WeakMap<FileClassification, unknown>();

/** The object the server sent for `item`, or undefined for an item that did not come from a results page. */
export function rawOf(item: FileClassification): unknown {
  return rawItems.get(item);
}

export function parseResultsPage(body: unknown, warn: WarnFn = ignore): ClassifyJobResultsPage {
  const o = object(body, 'response');
  const items = array(o, 'items', 'response');
  return {
    items: items.map((item, i) => {
      const parsed = parseFileClassification(item, `items[${i}]`, warn);
      rawItems.set(parsed, item);
      return parsed;
    }),
    next_page_token: pageToken(o, 'response'),
    total_size: displayCount(o, 'total_size', 'response', warn),
  };
}

export function parseRules(o: Obj, path: string, warn: WarnFn): ClassifierRule[] {
  const rules = o.rules;
  if (rules === undefined || rules === null) { return []; }
  if (!Array.isArray(rules)) { return unusable(warn, `${path}.rules`, 'an array', rules, [], 'shown as no rules'); }
  const parsed: ClassifierRule[] = [];
  rules.forEach((r, i) => {
    const at = `${path}.rules[${i}]`;
    if (!isObject(r)) { return unusable(warn, at, 'an object', r, undefined, 'the rule is skipped'); }
    parsed.push({ type: displayString(r, 'type', at, warn) ?? '', description: displayString(r, 'description', at, warn) ?? '' });
  });
  return parsed;
}

/** A job's status: a non-empty string, kept as is (unknown values too). Anything else reads as 'UNKNOWN'. */
export function jobStatus(o: Obj, path: string, warn: WarnFn): string {
  const v = o.status;
  if (typeof v === 'string' && v.length > 0) { return v; }
  return unusable(warn, `${path}.status`, 'a non-empty string', v, 'UNKNOWN', 'shown as UNKNOWN');
}

export function parseJob(value: unknown, path = 'response', warn: WarnFn = ignore): ClassifyJob {
  const o = object(value, path);
  return {
    id: requiredString(o, 'id', path),
    project_id: displayString(o, 'project_id', path, warn),
    status: jobStatus(o, path, warn),
    rules: parseRules(o, path, warn),
    created_at: displayDate(o, 'created_at', path, warn),
    updated_at: displayDate(o, 'updated_at', path, warn),
    error_message: displayString(o, 'error_message', path, warn),
  };
}

export function parseJobsPage(body: unknown, warn: WarnFn = ignore): ClassifyJobsPage {
  const o = object(body, 'response');
  const items = array(o, 'items', 'response');
  return {
    items: items.map((item, i) => parseJob(item, `items[${i}]`, warn)),
    next_page_token: pageToken(o, 'response'),
    total_size: displayCount(o, 'total_size', 'response', warn),
  };
}

/** One file. Without a usable `id` and `name` there is nothing to show: that throws a ShapeError. */
export function parseFile(value: unknown, path = 'response', warn: WarnFn = ignore): FileInfo {
  const o = object(value, path);
  return {
    id: requiredString(o, 'id', path),
    name: requiredString(o, 'name', path),
    file_type: displayString(o, 'file_type', path, warn),
    file_size: displayCount(o, 'file_size', path, warn),
  };
}

/**
 * Beta Files API list page: `{items: File[]}` (AIP-132). Only an unusable `items` refuses the page;
 * a file without a usable id or name is skipped (and reported), so the others still get their names.
 */
export function parseFilesPage(body: unknown, warn: WarnFn = ignore): FileInfo[] {
  const o = object(body, 'response');
  const files: FileInfo[] = [];
  array(o, 'items', 'response').forEach((f, i) => {
    try {
      files.push(parseFile(f, `items[${i}]`, warn));
    } catch (err) {
      if (!(err instanceof ShapeError)) { throw err; }
      warn({ path: err.field, pattern: fieldPattern(err.field), message: `${err.message}; that file is skipped and shown without a name` });
    }
  });
  return files;
}

/** FastAPI error bodies: `{"detail": "text"}` or `{"detail": [{loc, msg, type}]}`. */
export function parseErrorDetail(body: unknown): { detail?: string; validation?: { loc: (string | number)[]; msg: string; type?: string }[] } {
  if (!isObject(body)) { return {}; }
  const detail = body.detail;
  if (typeof detail === 'string') { return { detail }; }
  if (Array.isArray(detail)) {
    const validation = detail.filter(isObject).map((d) => ({
      loc: Array.isArray(d.loc) ? (d.loc.filter((x) => typeof x === 'string' || typeof x === 'number') as (string | number)[]) : [],
      msg: typeof d.msg === 'string' ? d.msg : 'invalid value',
      type: typeof d.type === 'string' ? d.type : undefined,
    }));
    return { validation, detail: validation.map((v) => `${v.loc.join('.')}: ${v.msg}`).join('; ') };
  }
  if (typeof body.message === 'string') { return { detail: body.message }; }
  return {};
}
