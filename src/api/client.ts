// LlamaCloud REST client on node-fetch: Bearer auth, per-request timeout and cancellation, bounded
// retries with backoff, typed errors and defensive parsing. Imports no `vscode`.
import fetch, { type Response } from 'node-fetch';
import { LlamaCloudError, errorForStatus, formatWait } from './errors';
import { ShapeError, parseErrorDetail, parseFile, parseFilesPage, parseJob, parseJobsPage, parseResultsPage, type WarnFn } from './parse';
import { parseV2Job, parseV2JobsPage } from './parseV2';
import { DEFAULT_RETRY_POLICY, decideRetry, parseRetryAfter, type RetryPolicy } from './retry';
import type { ClassifyJob, ClassifyJobResultsPage, ClassifyJobsPage, ClassifyV2Job, ClassifyV2JobsPage, FileInfo } from './types';

export interface ClientConfig {
  /** Scheme, host and optional path prefix, without a trailing slash. */
  baseUrl: string;
  apiKey: string | undefined;
  organizationId?: string;
  projectId?: string;
  timeoutMs: number;
  retry?: RetryPolicy;
  userAgent: string;
}

/** One line per HTTP attempt, for the log channel. Holds no header and no query string. */
export interface RequestLogEntry {
  method: string;
  path: string;
  status?: number;
  outcome: 'ok' | 'http-error' | 'network' | 'timeout' | 'cancelled' | 'invalid-response';
  ms: number;
  /** 0 for the first attempt. */
  retry: number;
  note?: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface ResultsPageRequest extends RequestOptions {
  pageToken?: string;
  pageSize?: number;
}

/** Filters of `GET /api/v2/classify` (reference §2.6); dates are ISO-8601 date-times. */
export interface V2ListFilters {
  status?: string;
  configurationId?: string;
  createdOnOrAfter?: string;
  createdOnOrBefore?: string;
}

export interface V2ListRequest extends ResultsPageRequest, V2ListFilters {}

/** v2 declares page_size 1..100. */
export const V2_MAX_PAGE_SIZE = 100;

type Query = Record<string, string | number | string[] | undefined>;

/** Which kind of answer a parser reads; warnings are de-duplicated per kind and field pattern. */
type Source = 'results' | 'job' | 'jobs' | 'file' | 'files' | 'v2job' | 'v2jobs';

export class LlamaCloudClient {
  /** `source field-pattern` pairs already reported through `onWarning`. */
  private readonly warned = new Set<string>();

  constructor(
    private readonly config: () => ClientConfig | Promise<ClientConfig>,
    private readonly onRequest: (entry: RequestLogEntry) => void = () => {},
    /** Injected for tests of jitter; production uses Math.random. */
    private readonly random: () => number = Math.random,
    /**
     * Told, once per client for each kind of answer and field pattern (e.g. `response.total_size`,
     * `items[].created_at`), about a display-only value the server sent malformed or out of range and
     * that is shown as unknown, or a file skipped from a batch lookup. One line for the log; holds no key.
     */
    private readonly onWarning: (message: string) => void = () => {},
  ) {}

  /** One page of a classify job's results. `page_token`/`page_size` are undeclared by the spec but harmless. */
  getResults(jobId: string, req: ResultsPageRequest = {}): Promise<ClassifyJobResultsPage> {
    return this.request(
      `/api/v1/classifier/jobs/${encodeURIComponent(jobId)}/results`,
      { page_token: req.pageToken, page_size: req.pageSize },
      'results',
      parseResultsPage,
      `results for classify job ${jobId}`,
      req.signal,
    );
  }

  getJob(jobId: string, opts: RequestOptions = {}): Promise<ClassifyJob> {
    return this.request(`/api/v1/classifier/jobs/${encodeURIComponent(jobId)}`, {}, 'job', (b, w) => parseJob(b, 'response', w), `classify job ${jobId}`, opts.signal);
  }

  listJobs(req: ResultsPageRequest = {}): Promise<ClassifyJobsPage> {
    return this.request(
      '/api/v1/classifier/jobs',
      { page_token: req.pageToken, page_size: req.pageSize },
      'jobs',
      parseJobsPage,
      'classify jobs',
      req.signal,
    );
  }

  /** One Classify v2 job, its result inside (`GET /api/v2/classify/{job_id}`). */
  getV2Job(jobId: string, opts: RequestOptions = {}): Promise<ClassifyV2Job> {
    return this.request(`/api/v2/classify/${encodeURIComponent(jobId)}`, {}, 'v2job', (b, w) => parseV2Job(b, 'response', w), `classify v2 job ${jobId}`, opts.signal);
  }

  /** A page of Classify v2 jobs (`GET /api/v2/classify`); page_size is kept within the declared 1..100. */
  listV2Jobs(req: V2ListRequest = {}): Promise<ClassifyV2JobsPage> {
    const size = req.pageSize === undefined ? undefined : Math.min(V2_MAX_PAGE_SIZE, Math.max(1, Math.floor(req.pageSize)));
    return this.request(
      '/api/v2/classify',
      {
        status: req.status,
        configuration_id: req.configurationId,
        created_at_on_or_after: req.createdOnOrAfter,
        created_at_on_or_before: req.createdOnOrBefore,
        page_size: size,
        page_token: req.pageToken,
      },
      'v2jobs',
      parseV2JobsPage,
      'classify v2 jobs',
      req.signal,
    );
  }

  getFile(fileId: string, opts: RequestOptions = {}): Promise<FileInfo> {
    return this.request(`/api/v1/beta/files/${encodeURIComponent(fileId)}`, {}, 'file', (b, w) => parseFile(b, 'response', w), `file ${fileId}`, opts.signal);
  }

  /**
   * Looks up many files in as few requests as possible. Files the server does not return are absent
   * from the map, and so are files it returns without a usable id or name (reported through onWarning).
   */
  async getFiles(ids: readonly string[], opts: RequestOptions = {}): Promise<Map<string, FileInfo>> {
    const unique = [...new Set(ids)];
    const found = new Map<string, FileInfo>();
    const BATCH = 100;
    for (let i = 0; i < unique.length; i += BATCH) {
      const batch = unique.slice(i, i + BATCH);
      const page = await this.request(
        '/api/v1/beta/files',
        { file_ids: batch, page_size: batch.length },
        'files',
        parseFilesPage,
        'files',
        opts.signal,
      );
      for (const f of page) { found.set(f.id, f); }
    }
    return found;
  }

  private async request<T>(
    path: string,
    query: Query,
    source: Source,
    parse: (body: unknown, warn: WarnFn) => T,
    what: string,
    signal?: AbortSignal,
  ): Promise<T> {
    const cfg = await this.config();
    const policy = cfg.retry ?? DEFAULT_RETRY_POLICY;
    const request = `GET ${path}`;
    if (!cfg.apiKey) {
      throw new LlamaCloudError({
        kind: 'auth',
        message: 'No LlamaCloud API key is set. Run “LlamaCloud Classify: Set API Key…”.',
        request,
        attempts: 0,
      });
    }
    const url = buildUrl(cfg, path, query);
    const redact = (text: string | undefined) => (text === undefined ? undefined : redactSecret(text, cfg.apiKey));
    const warn: WarnFn = (w) => {
      const key = `${source} ${w.pattern}`;
      if (this.warned.has(key)) { return; }
      this.warned.add(key);
      this.onWarning(
        redactSecret(`Unexpected value in ${what} from LlamaCloud: ${w.message}. Other values at \`${w.pattern}\` are not reported again.`, cfg.apiKey),
      );
    };

    for (let attempt = 0; ; attempt++) {
      throwIfCancelled(signal, request, attempt);
      const started = Date.now();
      const log = (entry: Omit<RequestLogEntry, 'method' | 'path' | 'ms' | 'retry'>) =>
        this.onRequest({ method: 'GET', path, ms: Date.now() - started, retry: attempt, ...entry });

      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), cfg.timeoutMs);
      const onCallerAbort = () => timeout.abort();
      signal?.addEventListener('abort', onCallerAbort);
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, {
          method: 'GET',
          headers: {
            Authorization: `Bearer ${cfg.apiKey}`,
            Accept: 'application/json',
            'User-Agent': cfg.userAgent,
            'X-Retry-Count': String(attempt),
          },
          signal: timeout.signal,
          redirect: 'error',
        });
        text = await response.text();
      } catch (err) {
        if (signal?.aborted) {
          log({ outcome: 'cancelled' });
          throw cancelledError(request, attempt + 1);
        }
        const timedOut = timeout.signal.aborted;
        const reason = timedOut ? `no complete answer within ${formatWait(cfg.timeoutMs)}` : networkReason(err);
        log({ outcome: timedOut ? 'timeout' : 'network', note: redact(reason) });
        const decision = decideRetry({ retryIndex: attempt, policy, random: this.random });
        if (decision.retry) {
          await sleep(decision.delayMs, signal, request, attempt + 1);
          continue;
        }
        throw new LlamaCloudError({
          kind: timedOut ? 'timeout' : 'network',
          message: timedOut
            ? `LlamaCloud did not answer in time (${reason}, ${attempt + 1} attempt${attempt ? 's' : ''}). Check your connection or raise “llamaClassify.requestTimeoutSeconds”.`
            : `Could not reach LlamaCloud at ${new URL(cfg.baseUrl).host}: ${redact(reason)} (${attempt + 1} attempt${attempt ? 's' : ''}). Check your connection, proxy and the base URL.`,
          attempts: attempt + 1,
          request,
        });
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onCallerAbort);
      }

      if (!response.ok) {
        const { detail, validation } = parseErrorDetail(tryJson(text));
        const retryAfterMs = parseRetryAfter((name) => response.headers.get(name));
        log({ outcome: 'http-error', status: response.status });
        const decision = decideRetry({
          retryIndex: attempt,
          status: response.status,
          retryAfterMs,
          shouldRetryHeader: response.headers.get('x-should-retry'),
          policy,
          random: this.random,
        });
        if (decision.retry) {
          await sleep(decision.delayMs, signal, request, attempt + 1);
          continue;
        }
        throw errorForStatus(response.status, redact(detail ?? htmlTitle(text)), {
          validation: validation?.map((v) => ({ ...v, msg: redactSecret(v.msg, cfg.apiKey) })),
          retryAfterMs,
          attempts: attempt + 1,
          request,
          what,
        });
      }

      try {
        const value = parse(parseJsonBody(text, response.headers.get('content-type')), warn);
        log({ outcome: 'ok', status: response.status });
        return value;
      } catch (err) {
        const reason = err instanceof ShapeError || err instanceof BodyError ? err.message : String(err);
        log({ outcome: 'invalid-response', status: response.status, note: redact(reason) });
        throw new LlamaCloudError({
          kind: 'invalidResponse',
          status: response.status,
          message: `LlamaCloud sent a response this extension cannot read (${redact(reason)}). The API may have changed, or a proxy answered instead; see the log.`,
          attempts: attempt + 1,
          request,
        });
      }
    }
  }
}

class BodyError extends Error {}

function parseJsonBody(text: string, contentType: string | null): unknown {
  if (/text\/html/i.test(contentType ?? '') || /^\s*<(!doctype|html)/i.test(text)) {
    const title = htmlTitle(text);
    throw new BodyError(`an HTML page${title ? ` titled “${title}”` : ''} instead of JSON`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError(text.trim() === '' ? 'an empty body instead of JSON' : 'malformed JSON');
  }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function htmlTitle(text: string): string | undefined {
  const m = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(text);
  return m ? m[1].trim() : undefined;
}

/** A connection error (node-fetch FetchError, its `cause`, or anything thrown) in words. */
export function networkReason(err: unknown): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string } };
  const code = e?.code ?? e?.cause?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return 'the connection was closed before the answer was complete';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name could not be resolved';
    case 'ETIMEDOUT':
      return 'the connection timed out';
    default:
      return e?.message ?? String(err);
  }
}

export function buildUrl(cfg: Pick<ClientConfig, 'baseUrl' | 'organizationId' | 'projectId'>, path: string, query: Query): string {
  const url = new URL(cfg.baseUrl.replace(/\/+$/, '') + path);
  const all: Query = { ...query, organization_id: cfg.organizationId || undefined, project_id: cfg.projectId || undefined };
  for (const [key, value] of Object.entries(all)) {
    if (value === undefined || value === '') { continue; }
    if (Array.isArray(value)) { value.forEach((v) => url.searchParams.append(key, v)); }
    else { url.searchParams.set(key, String(value)); }
  }
  return url.toString();
}

/** Removes every occurrence of the secret from a text that may have come back from the server. */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) { return text; }
  return text.split(secret).join('[redacted]');
}

function cancelledError(request: string, attempts: number): LlamaCloudError {
  return new LlamaCloudError({ kind: 'cancelled', message: 'The request was cancelled.', attempts, request });
}

function throwIfCancelled(signal: AbortSignal | undefined, request: string, attempts: number) {
  if (signal?.aborted) { throw cancelledError(request, attempts); }
}

function sleep(ms: number, signal: AbortSignal | undefined, request: string, attempts: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) { return reject(cancelledError(request, attempts)); }
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError(request, attempts));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort);
  });
}
