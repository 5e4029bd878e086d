// Typed errors a UI can act on. Messages are written for a person, include the server's `detail`,
// and never contain the API key (the client redacts it before building any error).

export type ApiErrorKind =
  | 'auth' // 401: key missing, invalid, revoked, wrong region or project
  | 'permission' // 403: resource in another org/project, role lacks permission
  | 'notFound' // 404
  | 'validation' // 422 (FastAPI `detail` list) and 400
  | 'rateLimited' // 429
  | 'server' // 5xx
  | 'http' // any other status (e.g. 402 out of credits)
  | 'network' // no response: refused, reset, DNS, dropped mid-body
  | 'timeout' // no complete response within the request timeout
  | 'cancelled' // the caller aborted
  | 'invalidResponse' // non-JSON, HTML error page, or JSON of the wrong shape
  | 'config'; // the settings prevent sending (bad base URL, plain-http key declined)

export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type?: string;
}

export interface ApiErrorInit {
  kind: ApiErrorKind;
  message: string;
  status?: number;
  detail?: string;
  validation?: ValidationIssue[];
  retryAfterMs?: number;
  attempts?: number;
  /** Method and path (no query string), for logs: `GET /api/v1/classifier/jobs/…/results`. */
  request?: string;
}

export class LlamaCloudError extends Error {
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly detail?: string;
  readonly validation?: ValidationIssue[];
  readonly retryAfterMs?: number;
  readonly attempts: number;
  readonly request?: string;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'LlamaCloudError';
    this.kind = init.kind;
    this.status = init.status;
    this.detail = init.detail;
    this.validation = init.validation;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts ?? 1;
    this.request = init.request;
  }

  /**
   * True when the right fix is a (different) API key: none is set, or LlamaCloud rejected it (401).
   * The UI offers "Set API Key…". A 403 is NOT an auth problem: see `isNoAccess`.
   */
  get isAuthProblem(): boolean {
    return this.kind === 'auth';
  }

  /**
   * True for a 403: the key works but has no access to this job's organization or project (or its
   * role lacks permission). The fix is the `llamaClassify.organizationId`/`projectId` settings or
   * access on the LlamaCloud side, never another key.
   */
  get isNoAccess(): boolean {
    return this.kind === 'permission';
  }

  /** True when trying again later may help. */
  get isTransient(): boolean {
    return ['rateLimited', 'server', 'network', 'timeout'].includes(this.kind);
  }
}

export function isLlamaCloudError(err: unknown): err is LlamaCloudError {
  return err instanceof LlamaCloudError;
}

export function isCancelled(err: unknown): boolean {
  return isLlamaCloudError(err) && err.kind === 'cancelled';
}

/** The one auth check for callers holding an unknown error: a LlamaCloudError whose `isAuthProblem` is true (401 or no key). */
export function isAuthError(err: unknown): boolean {
  return isLlamaCloudError(err) && err.isAuthProblem;
}

/** A LlamaCloudError whose `isNoAccess` is true (403: no access to the organization/project). */
export function isNoAccessError(err: unknown): boolean {
  return isLlamaCloudError(err) && err.isNoAccess;
}

/** Any thrown value as a one-line, person-readable message. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) { return err.message; }
  return String(err);
}

const withDetail = (text: string, detail?: string) => (detail ? `${text} Server said: “${detail}”` : text);

/** Builds the error for an HTTP status the client will not (or can no longer) retry. */
export function errorForStatus(
  status: number,
  detail: string | undefined,
  extra: { validation?: ValidationIssue[]; retryAfterMs?: number; attempts?: number; request?: string; what?: string },
): LlamaCloudError {
  const what = extra.what ?? 'the resource';
  const base = { status, detail, ...extra };
  switch (true) {
    case status === 401:
      return new LlamaCloudError({
        ...base,
        kind: 'auth',
        message: withDetail(
          'LlamaCloud rejected the API key (401). Check that the key is correct, not revoked, and was created in the same region (NA or EU) and project.',
          detail,
        ),
      });
    case status === 403:
      return new LlamaCloudError({
        ...base,
        kind: 'permission',
        message: withDetail(
          `The API key works, but it has no access to ${what} in this organization/project (403). ` +
            'If it belongs to another organization or project, set “llamaClassify.organizationId” and “llamaClassify.projectId” to it; ' +
            'otherwise its role may lack permission or the project may be disabled.',
          detail,
        ),
      });
    case status === 404:
      return new LlamaCloudError({
        ...base,
        kind: 'notFound',
        message: withDetail(`LlamaCloud has no ${what} (404). Check the ID, the region and the project.`, detail),
      });
    case status === 422 || status === 400: {
      const issues = extra.validation?.map((v) => `${v.loc.join('.')}: ${v.msg}`).join('; ');
      return new LlamaCloudError({
        ...base,
        kind: 'validation',
        message: `LlamaCloud rejected the request (${status})${issues ? `: ${issues}` : detail ? `: ${detail}` : '.'}`,
      });
    }
    case status === 429: {
      return new LlamaCloudError({
        ...base,
        kind: 'rateLimited',
        message: withDetail(`LlamaCloud is rate limiting requests (429).${askedToWait(extra.retryAfterMs)} Try again shortly.`, detail),
      });
    }
    case status >= 500:
      return new LlamaCloudError({
        ...base,
        kind: 'server',
        message: withDetail(
          `LlamaCloud had a server error (${status})${extra.attempts && extra.attempts > 1 ? ` after ${extra.attempts} attempts` : ''}.${askedToWait(extra.retryAfterMs)} Try again later.`,
          detail,
        ),
      });
    case status === 402:
      return new LlamaCloudError({
        ...base,
        kind: 'http',
        message: withDetail('LlamaCloud refused the request (402): the plan may be out of credits.', detail),
      });
    default:
      return new LlamaCloudError({
        ...base,
        kind: 'http',
        message: withDetail(`LlamaCloud answered with an unexpected status ${status}.`, detail),
      });
  }
}

const askedToWait = (ms: number | undefined) => (ms !== undefined ? ` It asked to wait ${formatWait(ms)}.` : '');

export function formatWait(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 1000)} s`;
}
