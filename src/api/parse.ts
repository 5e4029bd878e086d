// Defensive parsing of response bodies: unknown fields are ignored, missing optional fields are fine,
// wrong types are rejected with an error naming the field. Confidence that cannot be trusted is flagged.
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

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)})`;
  return `${typeof value === 'object' ? 'an object' : `a ${typeof value}`}`;
}

type Obj = Record<string, unknown>;

function object(value: unknown, field: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ShapeError(field, 'an object', value);
  return value as Obj;
}

function requiredString(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0) throw new ShapeError(`${path}.${key}`, 'a non-empty string', v);
  return v;
}

function optionalString(o: Obj, key: string, path: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new ShapeError(`${path}.${key}`, 'a string or null', v);
  return v;
}

function optionalCount(o: Obj, key: string, path: string): number | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new ShapeError(`${path}.${key}`, 'a whole number or null', v);
  return v;
}

function array(o: Obj, key: string, path: string): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) throw new ShapeError(`${path}.${key}`, 'an array', v);
  return v;
}

/** Empty string means "no next page" too (AIP-132). */
function pageToken(o: Obj, path: string): string | null {
  const token = optionalString(o, 'next_page_token', path);
  return token === '' ? null : token;
}

export function parseResult(value: unknown, path: string): ClassificationResult | null {
  if (value === undefined || value === null) return null;
  const o = object(value, path);
  const type = o.type;
  if (type !== null && type !== undefined && typeof type !== 'string') throw new ShapeError(`${path}.type`, 'a string or null', type);
  const reasoning = o.reasoning;
  if (reasoning !== undefined && reasoning !== null && typeof reasoning !== 'string') {
    throw new ShapeError(`${path}.reasoning`, 'a string', reasoning);
  }
  const result: ClassificationResult = {
    type: typeof type === 'string' ? type : null,
    confidence: null,
    reasoning: typeof reasoning === 'string' ? reasoning : '',
  };
  const raw = o.confidence;
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
  if (raw === undefined || raw === null) return 'the server sent no confidence';
  if (typeof raw !== 'number') return `the server sent ${describe(raw)} instead of a number`;
  if (Number.isNaN(raw)) return 'the server sent NaN';
  if (raw < 0) return `the server sent ${raw}, below 0`;
  if (raw > 1) return `the server sent ${raw}, above 1`;
  return undefined;
}

export function parseFileClassification(value: unknown, path: string): FileClassification {
  const o = object(value, path);
  return {
    id: requiredString(o, 'id', path),
    classify_job_id: requiredString(o, 'classify_job_id', path),
    file_id: optionalString(o, 'file_id', path),
    result: parseResult(o.result, `${path}.result`),
    created_at: optionalString(o, 'created_at', path),
    updated_at: optionalString(o, 'updated_at', path),
  };
}

export function parseResultsPage(body: unknown): ClassifyJobResultsPage {
  const o = object(body, 'response');
  return {
    items: array(o, 'items', 'response').map((item, i) => parseFileClassification(item, `items[${i}]`)),
    next_page_token: pageToken(o, 'response'),
    total_size: optionalCount(o, 'total_size', 'response'),
  };
}

function parseRule(value: unknown, path: string): ClassifierRule {
  const o = object(value, path);
  return { type: optionalString(o, 'type', path) ?? '', description: optionalString(o, 'description', path) ?? '' };
}

export function parseJob(value: unknown, path = 'response'): ClassifyJob {
  const o = object(value, path);
  const rules = o.rules === undefined || o.rules === null ? [] : array(o, 'rules', path);
  return {
    id: requiredString(o, 'id', path),
    project_id: optionalString(o, 'project_id', path),
    status: requiredString(o, 'status', path),
    rules: rules.map((r, i) => parseRule(r, `${path}.rules[${i}]`)),
    created_at: optionalString(o, 'created_at', path),
    updated_at: optionalString(o, 'updated_at', path),
    error_message: optionalString(o, 'error_message', path),
  };
}

export function parseJobsPage(body: unknown): ClassifyJobsPage {
  const o = object(body, 'response');
  return {
    items: array(o, 'items', 'response').map((item, i) => parseJob(item, `items[${i}]`)),
    next_page_token: pageToken(o, 'response'),
    total_size: optionalCount(o, 'total_size', 'response'),
  };
}

export function parseFile(value: unknown, path = 'response'): FileInfo {
  const o = object(value, path);
  const size = o.file_size;
  return {
    id: requiredString(o, 'id', path),
    name: requiredString(o, 'name', path),
    file_type: optionalString(o, 'file_type', path),
    file_size: typeof size === 'number' && Number.isFinite(size) ? size : null,
  };
}

/** Beta Files API list page: `{items: File[]}` (AIP-132). */
export function parseFilesPage(body: unknown): FileInfo[] {
  const o = object(body, 'response');
  return array(o, 'items', 'response').map((f, i) => parseFile(f, `items[${i}]`));
}

/** FastAPI error bodies: `{"detail": "text"}` or `{"detail": [{loc, msg, type}]}`. */
export function parseErrorDetail(body: unknown): { detail?: string; validation?: { loc: (string | number)[]; msg: string; type?: string }[] } {
  if (typeof body !== 'object' || body === null) return {};
  const detail = (body as Obj).detail;
  if (typeof detail === 'string') return { detail };
  if (Array.isArray(detail)) {
    const validation = detail
      .filter((d): d is Obj => typeof d === 'object' && d !== null)
      .map((d) => ({
        loc: Array.isArray(d.loc) ? (d.loc.filter((x) => typeof x === 'string' || typeof x === 'number') as (string | number)[]) : [],
        msg: typeof d.msg === 'string' ? d.msg : 'invalid value',
        type: typeof d.type === 'string' ? d.type : undefined,
      }));
    return { validation, detail: validation.map((v) => `${v.loc.join('.')}: ${v.msg}`).join('; ') };
  }
  if (typeof (body as Obj).message === 'string') return { detail: (body as Obj).message as string };
  return {};
}
