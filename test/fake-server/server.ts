// A fake LlamaCloud API on 127.0.0.1 for tests and the demo: the reference's shapes, Bearer auth,
// FastAPI-style errors, opaque page tokens, and fault injection a test can set per request or per job.
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';
import { buildDataset, FAKE_PROJECT_ID, JOB_IDS, jobTypes, RULE_DESCRIPTIONS, seededRandom, type FakeFile, type FakeJob } from './datasets';
import { buildV2Dataset, V2_JOB_IDS, v2JobJson, type FakeV2Job } from './datasetsV2';

export const DEFAULT_API_KEY = 'llx-fake-demo-key-0000';
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;
/** Classify v2 declares page_size 1..100 and answers 422 above (FastAPI `le=100`). */
const V2_MAX_PAGE_SIZE = 100;
/** `setQuirks(V2_LIST_QUIRKS, …)` applies paging quirks to `GET /api/v2/classify`. */
export const V2_LIST_QUIRKS = 'v2:list';

/** Per-job behaviours that model servers which do not follow AIP-132 to the letter. */
export interface JobQuirks {
  /** Every page answers with the same next_page_token (a loop if the client trusts it). */
  repeatToken?: boolean;
  /** page_token is ignored: every request gets page 1 and its token. */
  ignorePageToken?: boolean;
  /** Each page after the first starts with the last N items of the previous page again. */
  duplicateAcrossPages?: number;
  /** total_size: exact (default), missing, or wrong (half the real count). */
  totalSize?: 'exact' | 'missing' | 'wrong';
  /**
   * The job is unfinished for its first N status reads (v1 `GET …/jobs/{id}`; v2 `GET /api/v2/classify/{id}`,
   * which is the job's status and its result at once), then has its own status: v1 reads PENDING; v2
   * reads PENDING for the first half, then RUNNING (see `unfinishedStatus`). Until then its results are
   * an empty page (v2: no `result`); once done, its rows are served.
   */
  statusAfterReads?: number;
}

/** What an unfinished job reads as after `reads` of its `statusAfterReads` status reads; undefined once done. */
export function unfinishedStatus(reads: number, after: number | undefined, api: 'v1' | 'v2' = 'v1'): string | undefined {
  if (after === undefined || reads >= after) { return undefined; }
  if (api === 'v1') { return 'PENDING'; }
  return reads < Math.ceil(after / 2) ? 'PENDING' : 'RUNNING';
}

/** Jobs that start unfinished in every fake server (tests can change it with setQuirks). */
const DEFAULT_QUIRKS: [string, JobQuirks][] = [
  [JOB_IDS.finishing, { statusAfterReads: 2 }],
  // Reads 0–1 PENDING, 2 RUNNING, then COMPLETED: opening it takes two reads (rows, then status).
  [V2_JOB_IDS.finishing, { statusAfterReads: 3 }],
];

export interface Fault {
  /** Matches when the request path contains this string (or matches the RegExp). Default: any API path. */
  path?: string | RegExp;
  /** Matches only the page with this page_token ("" = the first page). */
  pageToken?: string;
  /** How many matching requests it affects; default 1. Use Infinity for "forever". */
  times?: number;
  /** Answer with this status and body (JSON unless a string). */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait before answering (then answer normally unless another field says otherwise). */
  delayMs?: number;
  kind?: 'drop-mid-body' | 'reset' | 'malformed-json' | 'html' | 'wrong-shape';
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  authorized: boolean;
  status: number;
  fault?: string;
  at: number;
}

export interface FakeServerOptions {
  port?: number;
  host?: '127.0.0.1';
  apiKey?: string;
  /** Every request fails with a random 500/502/503 at this rate (0..1), seeded: for the soak test. */
  randomFailures?: { rate: number; seed: number };
}

export interface FakeServer {
  url: string;
  apiKey: string;
  jobs: { id: string; label: string; status: string; count: number }[];
  /** The Classify v2 jobs it serves (datasetsV2.ts). */
  v2Jobs: readonly FakeV2Job[];
  requests: RecordedRequest[];
  /** Queue a fault; the first queued fault that matches a request is used. */
  fault(f: Fault): void;
  clearFaults(): void;
  setQuirks(jobId: string, quirks: JobQuirks): void;
  addJob(job: FakeJob): void;
  addV2Job(job: FakeV2Job): void;
  setRandomFailures(r: FakeServerOptions['randomFailures']): void;
  /** How often the job's status was read (for `statusAfterReads`). */
  statusReads(jobId: string): number;
  /** Changes the key the server accepts (to test a revoked key). */
  setApiKey(key: string): void;
  close(): Promise<void>;
}

export async function startFakeServer(opts: FakeServerOptions = {}): Promise<FakeServer> {
  const data = buildDataset();
  const jobs = new Map<string, FakeJob>(data.jobs.map((j) => [j.id, j]));
  const files: Map<string, FakeFile> = data.files;
  const v2Data = buildV2Dataset();
  const v2Jobs = new Map<string, FakeV2Job>(v2Data.jobs.map((j) => [j.id, j]));
  for (const [id, file] of v2Data.files) { files.set(id, file); }
  const quirks = new Map<string, JobQuirks>(DEFAULT_QUIRKS.map(([id, q]) => [id, { ...q }]));
  /** Status reads per job, for `statusAfterReads`. */
  const statusReads = new Map<string, number>();
  const pendingNow = (job: FakeJob) => unfinishedStatus(statusReads.get(job.id) ?? 0, quirks.get(job.id)?.statusAfterReads);
  const v2StatusNow = (job: FakeV2Job) => unfinishedStatus(statusReads.get(job.id) ?? 0, quirks.get(job.id)?.statusAfterReads, 'v2');
  let faults: (Fault & { left: number })[] = [];
  let apiKey = opts.apiKey ?? DEFAULT_API_KEY;
  let randomFailures = opts.randomFailures;
  let random = seededRandom(randomFailures?.seed ?? 1);
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const all = url.searchParams.getAll(key);
      query[key] = all.length > 1 ? all : all[0];
    }
    const auth = req.headers.authorization ?? '';
    const authorized = auth === `Bearer ${apiKey}`;
    const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query, authorized, status: 0, at: Date.now() };
    requests.push(record);
    handle(req, res, url, record).catch((err) => {
      record.status = 500;
      if (!res.headersSent) {send(res, 500, { detail: `fake server bug: ${err}` });}
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const text = typeof body === 'string' ? body : JSON.stringify(body, (_k, v) => (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v));
    const type = typeof body === 'string' ? 'text/plain' : 'application/json';
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  function takeFault(pathname: string, pageToken: string): Fault | undefined {
    const i = faults.findIndex(
      (f) =>
        (f.path === undefined || (typeof f.path === 'string' ? pathname.includes(f.path) : f.path.test(pathname))) &&
        (f.pageToken === undefined || f.pageToken === pageToken),
    );
    if (i < 0) { return undefined; }
    const f = faults[i];
    f.left -= 1;
    if (f.left <= 0) { faults.splice(i, 1); }
    return f;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL, record: RecordedRequest) {
    const respond = (status: number, body: unknown, headers?: Record<string, string>) => {
      record.status = status;
      send(res, status, body, headers);
    };
    // Control API for the demo and manual poking (loopback only, like the server).
    if (url.pathname.startsWith('/__fake/')) { return control(req, url, respond); }

    const fault = takeFault(url.pathname, url.searchParams.get('page_token') ?? '');
    if (fault) {
      record.fault = fault.kind ?? (fault.status ? String(fault.status) : fault.delayMs ? `delay ${fault.delayMs}` : 'fault');
      if (fault.delayMs) { await new Promise((r) => setTimeout(r, fault.delayMs)); }
      if (res.destroyed) { return; }
      if (fault.kind === 'reset') {
        record.status = -1;
        req.socket.destroy();
        return;
      }
      if (fault.kind === 'drop-mid-body') {
        record.status = 200;
        const partial = '{"items":[{"id":"c1a55';
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
        res.write(partial);
        setTimeout(() => req.socket.destroy(), 20);
        return;
      }
      if (fault.kind === 'malformed-json') {return respond(fault.status ?? 200, '{"items": [ {"id": ', { 'content-type': 'application/json' });}
      if (fault.kind === 'html') {
        return respond(
          fault.status ?? 200,
          '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
          { 'content-type': 'text/html' },
        );
      }
      if (fault.kind === 'wrong-shape') {return respond(fault.status ?? 200, { results: [], items: 'none' });}
      if (fault.status) {return respond(fault.status, fault.body ?? { detail: http.STATUS_CODES[fault.status] ?? 'Error' }, fault.headers);}
    }

    if (randomFailures && url.pathname.startsWith('/api/') && random() < randomFailures.rate) {
      const status = [500, 502, 503][Math.floor(random() * 3)];
      record.fault = `random ${status}`;
      return respond(status, { detail: 'Injected random failure' });
    }

    if (!req.headers.authorization) {return respond(401, { detail: 'Not authenticated' });}
    if (!record.authorized) {return respond(401, { detail: 'Invalid authentication token' });}
    if (req.method !== 'GET') {return respond(405, { detail: 'Method Not Allowed' });}

    const m = /^\/api\/v1\/classifier\/jobs(?:\/([^/]+)(\/results)?)?\/?$/.exec(url.pathname);
    if (m) {
      const [, rawId, results] = m;
      if (rawId === undefined) { return listJobs(url, respond); }
      const id = decodeURIComponent(rawId);
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
        return respond(422, {
          detail: [{ type: 'uuid_parsing', loc: ['path', 'classify_job_id'], msg: `Input should be a valid UUID, invalid character: found \`${id.replace(/[0-9a-f-]/gi, '').slice(0, 1) || id.slice(0, 1)}\``, input: id }],
        });
      }
      const job = jobs.get(id.toLowerCase());
      if (!job) {return respond(404, { detail: `Classify job ${id} not found` });}
      if (job.forbidden) {return respond(403, { detail: 'You do not have access to this project' });}
      if (!results) {
        const status = pendingNow(job);
        statusReads.set(job.id, (statusReads.get(job.id) ?? 0) + 1);
        return respond(200, jobJson(job, status));
      }
      // Not done yet: like LlamaCloud, no results until the job ends.
      if (pendingNow(job)) { return respond(200, { items: [], next_page_token: null, total_size: 0 }); }
      return resultsPage(job, url, respond);
    }
    const v2 = /^\/api\/v2\/classify(?:\/([^/]+))?\/?$/.exec(url.pathname);
    if (v2) {
      if (v2[1] === undefined) { return listV2Jobs(url, respond); }
      const job = v2Jobs.get(decodeURIComponent(v2[1]));
      if (!job) { return respond(404, { detail: 'Classify job not found' }); }
      if (job.forbidden) { return respond(403, { detail: 'You do not have access to this project' }); }
      const unfinished = v2StatusNow(job);
      statusReads.set(job.id, (statusReads.get(job.id) ?? 0) + 1);
      return respond(200, v2JobJson(job, FAKE_PROJECT_ID, unfinished));
    }
    const f = /^\/api\/v1\/beta\/files(?:\/([^/]+))?\/?$/.exec(url.pathname);
    if (f) {
      if (f[1]) {
        const file = files.get(decodeURIComponent(f[1]));
        return file ? respond(200, fileJson(file)) : respond(404, { detail: 'File not found' });
      }
      const ids = url.searchParams.getAll('file_ids');
      return respond(200, { items: ids.map((id) => files.get(id)).filter((x): x is FakeFile => !!x).map(fileJson), next_page_token: null });
    }
    return respond(404, { detail: 'Not Found' });
  }

  function pageSizeOf(url: URL, respond: (s: number, b: unknown) => void): number | undefined {
    const raw = url.searchParams.get('page_size');
    if (raw === null) { return DEFAULT_PAGE_SIZE; }
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) {
      respond(422, { detail: [{ type: 'int_parsing', loc: ['query', 'page_size'], msg: 'Input should be a valid integer greater than 0', input: raw }] });
      return undefined;
    }
    return Math.min(n, MAX_PAGE_SIZE);
  }

  function offsetOf(url: URL, scope: string, respond: (s: number, b: unknown) => void): number | undefined {
    const token = url.searchParams.get('page_token');
    if (!token) { return 0; }
    const decoded = decodeToken(token);
    if (!decoded || decoded.scope !== scope) {
      respond(400, { detail: 'Invalid page_token' });
      return undefined;
    }
    return decoded.offset;
  }

  function resultsPage(job: FakeJob, url: URL, respond: (s: number, b: unknown) => void) {
    const q = quirks.get(job.id) ?? {};
    const size = pageSizeOf(url, respond);
    if (size === undefined) { return; }
    let offset = q.ignorePageToken ? 0 : offsetOf(url, job.id, respond);
    if (offset === undefined) { return; }
    const dup = offset > 0 && q.duplicateAcrossPages ? Math.min(q.duplicateAcrossPages, offset) : 0;
    const start = offset - dup;
    const end = Math.min(job.count, offset + size - dup);
    const items = [];
    for (let i = start; i < end; i++) { items.push(job.row(i)); }
    let next: string | null = end < job.count ? encodeToken(job.id, end) : null;
    if (q.repeatToken && job.count > size) { next = encodeToken(job.id, Math.min(size, job.count)); }
    const body: Record<string, unknown> = { items, next_page_token: next };
    if (q.totalSize !== 'missing') { body.total_size = q.totalSize === 'wrong' ? Math.floor(job.count / 2) : job.count; }
    respond(200, body);
  }

  function listJobs(url: URL, respond: (s: number, b: unknown) => void) {
    const size = pageSizeOf(url, respond);
    if (size === undefined) { return; }
    const offset = offsetOf(url, 'jobs', respond);
    if (offset === undefined) { return; }
    const all = [...jobs.values()].filter((j) => !j.forbidden).sort((a, b) => b.created_at.localeCompare(a.created_at));
    const slice = all.slice(offset, offset + size);
    respond(200, {
      items: slice.map((j) => jobJson(j, pendingNow(j))),
      next_page_token: offset + size < all.length ? encodeToken('jobs', offset + size) : null,
      total_size: all.length,
    });
  }

  /** `GET /api/v2/classify`: filters, newest first, page_size 1..100, opaque tokens bound to the filters. */
  function listV2Jobs(url: URL, respond: (s: number, b: unknown) => void) {
    const q = url.searchParams;
    const raw = q.get('page_size');
    const size = raw === null ? 50 : Number(raw);
    if (!Number.isInteger(size) || size < 1 || size > V2_MAX_PAGE_SIZE) {
      return respond(422, { detail: [{ type: 'less_than_equal', loc: ['query', 'page_size'], msg: `Input should be between 1 and ${V2_MAX_PAGE_SIZE}`, input: raw }] });
    }
    const dates: Record<string, number> = {};
    for (const key of ['created_at_on_or_after', 'created_at_on_or_before']) {
      const v = q.get(key);
      if (v === null) { continue; }
      const t = Date.parse(v);
      if (Number.isNaN(t)) { return respond(422, { detail: [{ type: 'datetime_parsing', loc: ['query', key], msg: 'Input should be a valid datetime', input: v }] }); }
      dates[key] = t;
    }
    const status = q.get('status');
    if (status !== null && !['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'].includes(status)) {
      return respond(422, { detail: [{ type: 'enum', loc: ['query', 'status'], msg: "Input should be 'PENDING', 'RUNNING', 'COMPLETED', 'FAILED' or 'CANCELLED'", input: status }] });
    }
    const config = q.get('configuration_id');
    const ids = q.getAll('job_ids');
    const scope = `v2|${status ?? ''}|${config ?? ''}|${q.get('created_at_on_or_after') ?? ''}|${q.get('created_at_on_or_before') ?? ''}`;
    const quirk = quirks.get(V2_LIST_QUIRKS) ?? {};
    const offset = quirk.ignorePageToken ? 0 : offsetOf(url, scope, respond);
    if (offset === undefined) { return; }
    const all = [...v2Jobs.values()]
      .filter((j) => !j.forbidden)
      .filter((j) => status === null || (v2StatusNow(j) ?? j.status) === status)
      .filter((j) => config === null || j.configuration_id === config)
      .filter((j) => ids.length === 0 || ids.includes(j.id))
      .filter((j) => dates.created_at_on_or_after === undefined || Date.parse(j.created_at) >= dates.created_at_on_or_after)
      .filter((j) => dates.created_at_on_or_before === undefined || Date.parse(j.created_at) <= dates.created_at_on_or_before)
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id));
    const dup = offset > 0 && quirk.duplicateAcrossPages ? Math.min(quirk.duplicateAcrossPages, offset) : 0;
    const end = Math.min(all.length, offset + size - dup);
    let next: string | null = end < all.length ? encodeToken(scope, end) : null;
    if (quirk.repeatToken && all.length > size) { next = encodeToken(scope, Math.min(size, all.length)); }
    const body: Record<string, unknown> = { items: all.slice(offset - dup, end).map((j) => v2JobJson(j, FAKE_PROJECT_ID, v2StatusNow(j))), next_page_token: next };
    if (quirk.totalSize !== 'missing') { body.total_size = quirk.totalSize === 'wrong' ? Math.floor(all.length / 2) : all.length; }
    respond(200, body);
  }

  function control(req: http.IncomingMessage, url: URL, respond: (s: number, b: unknown) => void) {
    if (url.pathname === '/__fake/requests') { return respond(200, requests.filter((r) => !r.path.startsWith('/__fake/'))); }
    if (url.pathname === '/__fake/faults' && req.method === 'DELETE') {
      faults = [];
      return respond(200, { ok: true });
    }
    if (url.pathname === '/__fake/faults' && req.method === 'POST') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        try {
          const f = JSON.parse(body) as Fault;
          faults.push({ ...f, left: f.times ?? 1 });
          respond(200, { ok: true });
        } catch {
          respond(400, { detail: 'fault must be JSON' });
        }
      });
      return;
    }
    respond(404, { detail: 'unknown control route' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    get apiKey() {
      return apiKey;
    },
    jobs: data.jobs.map((j) => ({ id: j.id, label: j.label, status: j.status, count: j.count })),
    v2Jobs: v2Data.jobs,
    requests,
    fault: (f) => faults.push({ ...f, left: f.times ?? 1 }),
    clearFaults: () => (faults = []),
    setQuirks: (jobId, q) => quirks.set(jobId, q),
    statusReads: (jobId) => statusReads.get(jobId) ?? 0,
    addJob: (job) => jobs.set(job.id, job),
    addV2Job: (job) => v2Jobs.set(job.id, job),
    setRandomFailures: (r) => {
      randomFailures = r;
      random = seededRandom(r?.seed ?? 1);
    },
    setApiKey: (key) => (apiKey = key),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) { s.destroy(); }
        server.close(() => resolve());
      }),
  };
}

function jobJson(job: FakeJob, status: string = job.status) {
  return {
    id: job.id,
    project_id: FAKE_PROJECT_ID,
    user_id: 'user-fake',
    rules: jobTypes(job).map((type) => ({ type, description: RULE_DESCRIPTIONS[type] ?? `Documents of type ${type}.` })),
    status,
    created_at: job.created_at,
    updated_at: job.created_at,
    error_message: job.error_message ?? null,
    parsing_configuration: { lang: 'en', max_pages: 5 },
  };
}

function fileJson(file: FakeFile) {
  return { id: file.id, name: file.name, project_id: FAKE_PROJECT_ID, file_type: file.file_type ?? 'pdf', file_size: file.file_size ?? 1024 };
}

/** Opaque to clients: base64url of scope and offset. */
function encodeToken(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({ s: scope, o: offset })).toString('base64url');
}

function decodeToken(token: string): { scope: string; offset: number } | undefined {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof v.s === 'string' && Number.isInteger(v.o) && v.o >= 0) {return { scope: v.s, offset: v.o };}
  } catch {
    /* fall through */
  }
  return undefined;
}
