// LlamaCloudClient over real HTTP against the fake server (never a stubbed fetch).
import * as assert from 'assert';
import { getEventListeners } from 'events';
import * as http from 'http';
import { buildUrl, LlamaCloudClient, networkReason, redactSecret, type RequestLogEntry } from '../../../src/api/client';
import { JOB_IDS } from '../../fake-server/datasets';
import { startFakeServer, type FakeServer } from '../../fake-server/server';
import { apiRequests, FAST_RETRY, gaps, makeClient, rejection, withRawServer } from './helpers';

/** Backoff that is long enough to tell apart from "retry at once": the client's random() is 0, so the first wait is exactly 250 ms. */
const SLOW_BACKOFF = { maxRetries: 2, baseDelayMs: 250, maxDelayMs: 250, maxRetryAfterMs: 1000 };

const ROW = (i: number, extra: Record<string, unknown> = {}) => ({
  id: `row-${i}`,
  classify_job_id: JOB_IDS.onePage,
  file_id: `file-${i}`,
  result: { type: 'invoice', confidence: 0.5, reasoning: 'r' },
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-02T00:00:00Z',
  ...extra,
});

describe('LlamaCloudClient against the fake server over HTTP', () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await startFakeServer();
  });
  afterEach(async () => {
    await server.close();
  });

  describe('requests', () => {
    it('GETs results with Bearer auth, page_token, page_size, organization_id and project_id', async () => {
      const { client } = makeClient(server, { organizationId: 'org-1', projectId: 'proj-1' });
      const first = await client.getResults(JOB_IDS.multiPage, { pageSize: 25 });
      assert.strictEqual(first.items.length, 25);
      assert.strictEqual(first.total_size, 2345);
      assert.ok(first.next_page_token);
      const second = await client.getResults(JOB_IDS.multiPage, { pageSize: 25, pageToken: first.next_page_token! });
      assert.strictEqual(second.items[0].id, (await client.getResults(JOB_IDS.multiPage, { pageSize: 26 })).items[25].id);
      const [r1, r2] = apiRequests(server, '/results');
      assert.strictEqual(r1.path, `/api/v1/classifier/jobs/${JOB_IDS.multiPage}/results`);
      assert.deepStrictEqual(r1.query, { page_size: '25', organization_id: 'org-1', project_id: 'proj-1' });
      assert.strictEqual(r2.query.page_token, first.next_page_token);
      assert.ok(r1.authorized);
    });

    it('sends no org/project/paging params when none are configured', async () => {
      const { client } = makeClient(server);
      await client.getResults(JOB_IDS.onePage);
      assert.deepStrictEqual(apiRequests(server, '/results')[0].query, {});
    });

    it('reads a job, lists jobs page by page, and looks files up one by one and in a batch', async () => {
      const { client, warnings } = makeClient(server);
      const job = await client.getJob(JOB_IDS.failed);
      assert.strictEqual(job.status, 'ERROR');
      assert.match(job.error_message ?? '', /password protected/);
      assert.deepStrictEqual(job.rules.map((r) => r.type), ['invoice', 'receipt', 'contract', 'bank_statement', 'purchase_order']);
      const page1 = await client.listJobs({ pageSize: 3 });
      assert.strictEqual(page1.items.length, 3);
      const page2 = await client.listJobs({ pageSize: 3, pageToken: page1.next_page_token! });
      assert.notStrictEqual(page2.items[0].id, page1.items[0].id);
      assert.deepStrictEqual(apiRequests(server, '/classifier/jobs').slice(1).map((r) => r.query.page_size), ['3', '3']);
      const rows = (await client.getResults(JOB_IDS.onePage)).items;
      const file = await client.getFile(rows[0].file_id!);
      assert.match(file.name, /\.pdf$/);
      const files = await client.getFiles([...rows.map((r) => r.file_id!), 'c1a55000-0000-4000-8000-00000000dead']);
      assert.strictEqual(files.size, rows.length);
      assert.strictEqual(files.get(rows[1].file_id!)?.id, rows[1].file_id);
      assert.strictEqual(apiRequests(server, '/beta/files').length, 2, 'one single lookup plus one batched lookup');
      assert.deepStrictEqual(apiRequests(server, '/beta/files')[1].query.file_ids, [...rows.map((r) => r.file_id), 'c1a55000-0000-4000-8000-00000000dead']);
      assert.strictEqual(apiRequests(server, '/beta/files')[1].query.page_size, String(rows.length + 1));
      assert.deepStrictEqual(warnings, [], 'well-formed answers raise no warning');
    });

    it('getFiles asks in batches of 100 distinct ids and asks nothing for none', async () => {
      const { client } = makeClient(server);
      assert.strictEqual((await client.getFiles([])).size, 0);
      assert.strictEqual(apiRequests(server, '/beta/files').length, 0);
      const ids = Array.from({ length: 150 }, (_, i) => `c1a55000-0000-4000-8000-${String(i).padStart(12, '0')}`);
      await client.getFiles([...ids, ...ids.slice(0, 10)]);
      const batches = apiRequests(server, '/beta/files').map((r) => r.query.file_ids as string[]);
      assert.deepStrictEqual(
        batches.map((b) => b.length),
        [100, 50],
      );
      assert.deepStrictEqual([...batches[0], ...batches[1]], ids);
    });

    it('getFile: a 404 names the file; a file without a name is an invalid response; odd fields warn', async () => {
      const { client, warnings } = makeClient(server);
      const missing = await rejection(() => client.getFile('f-404'));
      assert.strictEqual(missing.kind, 'notFound');
      assert.match(missing.message, /^LlamaCloud has no file f-404 \(404\)/);
      server.fault({ path: '/beta/files/f-1', status: 200, body: { id: 'f-1', file_type: 3 } });
      const nameless = await rejection(() => client.getFile('f-1'));
      assert.strictEqual(nameless.kind, 'invalidResponse');
      assert.match(nameless.message, /field `response\.name` should be a non-empty string but is missing/);
      server.fault({ path: '/beta/files/f-2', status: 200, body: { id: 'f-2', name: 'b.pdf', file_type: 3 } });
      assert.deepStrictEqual(await client.getFile('f-2'), { id: 'f-2', name: 'b.pdf', file_type: null, file_size: null });
      assert.deepStrictEqual(warnings, [
        'Unexpected value in file f-2 from LlamaCloud: field `response.file_type` should be a string or null but is a number (3); shown as unknown. Other values at `response.file_type` are not reported again.',
      ]);
    });

    it('escapes ids in the path', async () => {
      const { client } = makeClient(server);
      await rejection(() => client.getFile('a/b?c'));
      await rejection(() => client.getJob('x/y'));
      const [file, job] = server.requests;
      assert.strictEqual(file.path, '/api/v1/beta/files/a%2Fb%3Fc');
      assert.strictEqual(job.path, '/api/v1/classifier/jobs/x%2Fy');
    });

    it('GETs with the key, the user agent, Accept and the attempt number as headers', async () => {
      const seen: http.IncomingHttpHeaders[] = [];
      const methods: string[] = [];
      await withRawServer(
        (req, res) => {
          seen.push(req.headers);
          methods.push(req.method ?? '');
          res.writeHead(seen.length === 1 ? 503 : 200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ items: [] }));
        },
        (raw) => makeClient(raw, { userAgent: 'ua-test/1' }).client.getResults(JOB_IDS.onePage),
      );
      assert.deepStrictEqual(methods, ['GET', 'GET']);
      assert.strictEqual(seen.length, 2);
      assert.strictEqual(seen[0].authorization, 'Bearer llx-raw-key-9999');
      assert.strictEqual(seen[0]['user-agent'], 'ua-test/1');
      assert.strictEqual(seen[0].accept, 'application/json');
      assert.deepStrictEqual(
        seen.map((h) => h['x-retry-count']),
        ['0', '1'],
      );
    });

    it('keeps nulls the API allows: type null, result null or absent, file_id null or absent', async () => {
      const { client, warnings } = makeClient(server);
      const items = (await client.getResults(JOB_IDS.edgeCases)).items;
      assert.strictEqual(items[1].result?.type, null);
      assert.strictEqual(items[2].result, null);
      assert.strictEqual(items[3].file_id, null);
      assert.strictEqual(items[3].created_at, null);
      assert.strictEqual(items[4].file_id, null, 'absent file_id reads as null');
      assert.deepStrictEqual(warnings, [], 'nulls the API allows are not warnings');
    });

    it('flags confidence that is NaN, above 1 or below 0 instead of trusting it', async () => {
      const { client } = makeClient(server);
      const items = (await client.getResults(JOB_IDS.edgeCases)).items;
      assert.strictEqual(items[0].result?.confidence, 0.92);
      for (const [i, text] of [
        [6, /NaN|string/],
        [7, /1\.7, above 1/],
        [8, /-0\.2, below 0/],
      ] as const) {
        assert.strictEqual(items[i].result?.confidence, null, `row ${i}`);
        assert.match(items[i].result?.confidenceIssue ?? '', text);
      }
    });

    it('logs one line per attempt with method, path, status, outcome and retry number', async () => {
      const { client, log } = makeClient(server);
      server.fault({ path: '/results', status: 500 });
      await client.getResults(JOB_IDS.onePage, { pageSize: 5 });
      assert.deepStrictEqual(
        log.map(({ ms, ...rest }) => (assert.ok(ms >= 0 && ms < 10_000, String(ms)), rest)),
        [
          { method: 'GET', path: `/api/v1/classifier/jobs/${JOB_IDS.onePage}/results`, outcome: 'http-error', status: 500, retry: 0 },
          { method: 'GET', path: `/api/v1/classifier/jobs/${JOB_IDS.onePage}/results`, outcome: 'ok', status: 200, retry: 1 },
        ],
      );
    });

    it('reads the config afresh for every request', async () => {
      let key: string | undefined = server.apiKey;
      const client = new LlamaCloudClient(async () => ({ baseUrl: server.url, apiKey: key, timeoutMs: 2000, userAgent: 'x' }));
      await client.getResults(JOB_IDS.onePage);
      key = undefined;
      assert.strictEqual((await rejection(() => client.getResults(JOB_IDS.onePage))).kind, 'auth');
    });
  });

  describe('display-only fields never cost a page (warnings once per field pattern)', () => {
    it('a negative, fractional or text total_size reads as unknown and the page keeps its items', async () => {
      for (const total of [-1, 12.5, 'many', true]) {
        const { client, warnings } = makeClient(server);
        server.fault({ path: '/results', status: 200, body: { items: [ROW(0), ROW(1)], next_page_token: 'next', total_size: total } });
        const page = await client.getResults(JOB_IDS.onePage);
        assert.strictEqual(page.items.length, 2, String(total));
        assert.strictEqual(page.next_page_token, 'next');
        assert.strictEqual(page.total_size, null, String(total));
        assert.strictEqual(warnings.length, 1, String(total));
        assert.match(warnings[0], /`response\.total_size`/);
        assert.match(warnings[0], new RegExp(`results for classify job ${JOB_IDS.onePage}`));
      }
    });

    it('unreadable created_at/updated_at read as null, reported once per pattern per client', async () => {
      const { client, warnings } = makeClient(server);
      const body = {
        items: [ROW(0, { created_at: 1767225600 }), ROW(1, { created_at: { at: 'x' }, updated_at: 'yesterday-ish' }), ROW(2), ROW(3, { created_at: false })],
        extra_field: { anything: true },
      };
      server.fault({ path: '/results', status: 200, body, times: 2 });
      const page = await client.getResults(JOB_IDS.onePage);
      assert.deepStrictEqual(
        page.items.map((i) => [i.id, i.created_at, i.updated_at]),
        [
          ['row-0', null, '2026-01-02T00:00:00Z'],
          ['row-1', null, null],
          ['row-2', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'],
          ['row-3', null, '2026-01-02T00:00:00Z'],
        ],
      );
      assert.strictEqual(warnings.length, 2, warnings.join('\n'));
      assert.match(warnings[0], /`items\[0\]\.created_at` should be a date-time string or null but is a number \(1767225600\); shown as unknown/);
      assert.match(warnings[0], /Other values at `items\[\]\.created_at` are not reported again/);
      assert.match(warnings[1], /`items\[1\]\.updated_at`.*"yesterday-ish"/);
      await client.getResults(JOB_IDS.onePage);
      assert.strictEqual(warnings.length, 2, 'the same patterns are not reported again by this client');
      const other = makeClient(server);
      server.fault({ path: '/results', status: 200, body });
      await other.client.getResults(JOB_IDS.onePage);
      assert.strictEqual(other.warnings.length, 2, 'another client reports them for itself');
    });

    it('a malformed file_id, result, type or reasoning keeps the row, reported', async () => {
      const { client, warnings } = makeClient(server);
      const items = [
        ROW(0, { file_id: 42 }),
        ROW(1, { result: 'invoice' }),
        ROW(2, { result: { type: 7, confidence: 0.4, reasoning: ['a'] } }),
      ];
      server.fault({ path: '/results', status: 200, body: { items } });
      const page = await client.getResults(JOB_IDS.onePage);
      assert.strictEqual(page.items[0].file_id, null);
      assert.strictEqual(page.items[1].result, null);
      assert.deepStrictEqual(page.items[2].result, { type: null, typeIssue: 'the server sent a number (7) instead of a type', confidence: 0.4, reasoning: '' });
      assert.deepStrictEqual(
        warnings.map((w) => /`([^`]+)`/.exec(w)?.[1]),
        ['items[0].file_id', 'items[1].result', 'items[2].result.type', 'items[2].result.reasoning'],
      );
    });

    it('an item without a usable id or classify_job_id still refuses the page, naming the field', async () => {
      const { client } = makeClient(server);
      server.fault({ path: '/results', status: 200, body: { items: [ROW(0), ROW(1, { classify_job_id: 5 })] } });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'invalidResponse');
      assert.strictEqual(err.status, 200);
      assert.match(err.message, /`items\[1\]\.classify_job_id` should be a non-empty string but is a number/);
    });

    it('a job without a status reads as UNKNOWN; its malformed dates, project and error message as null', async () => {
      const { client, warnings } = makeClient(server);
      server.fault({
        path: '/classifier/jobs/',
        status: 200,
        body: { id: JOB_IDS.failed, project_id: 9, created_at: 'soon', updated_at: [], error_message: { code: 1 }, rules: [{ type: 'invoice', description: 'd' }] },
      });
      const job = await client.getJob(JOB_IDS.failed);
      assert.deepStrictEqual(job, {
        id: JOB_IDS.failed,
        project_id: null,
        status: 'UNKNOWN',
        rules: [{ type: 'invoice', description: 'd' }],
        created_at: null,
        updated_at: null,
        error_message: null,
      });
      assert.deepStrictEqual(
        warnings.map((w) => /`([^`]+)`/.exec(w)?.[1]),
        ['response.project_id', 'response.status', 'response.created_at', 'response.updated_at', 'response.error_message'],
      );
      assert.match(warnings[1], /in classify job .* shown as UNKNOWN/);
    });

    it('a jobs page keeps jobs whose status is not a string', async () => {
      const { client, warnings } = makeClient(server);
      server.fault({
        path: '/classifier/jobs',
        status: 200,
        body: { items: [{ id: 'j1', status: 3 }, { id: 'j2', status: 'SUCCESS' }, { id: 'j3' }], total_size: -3 },
      });
      const page = await client.listJobs();
      assert.deepStrictEqual(
        page.items.map((j) => j.status),
        ['UNKNOWN', 'SUCCESS', 'UNKNOWN'],
      );
      assert.strictEqual(page.total_size, null);
      assert.strictEqual(warnings.length, 2, warnings.join('\n'));
      assert.match(warnings[0], /`items\[0\]\.status`/);
      assert.match(warnings[1], /`response\.total_size`/);
    });

    it('getFiles skips a file without a usable name, keeps the others, and reports it once', async () => {
      const { client, warnings } = makeClient(server);
      const body = {
        items: [
          { id: 'f1', name: 'a.pdf', file_type: 'pdf', file_size: 10 },
          { id: 'f2', name: null },
          { id: 'f3', name: 'c.pdf', file_type: 5, file_size: -1 },
          { id: 'f4' },
          'not a file',
        ],
      };
      server.fault({ path: '/beta/files', status: 200, body, times: 2 });
      const files = await client.getFiles(['f1', 'f2', 'f3', 'f4']);
      assert.deepStrictEqual([...files.keys()], ['f1', 'f3']);
      assert.deepStrictEqual(files.get('f3'), { id: 'f3', name: 'c.pdf', file_type: null, file_size: null });
      assert.deepStrictEqual(
        warnings.map((w) => /`([^`]+)`/.exec(w)?.[1]),
        ['items[1].name', 'items[2].file_type', 'items[2].file_size', 'items[4]'],
      );
      assert.match(warnings[0], /^Unexpected value in files from LlamaCloud: field `items\[1\]\.name` should be a non-empty string but is null; that file is skipped/);
      await client.getFiles(['f1', 'f2', 'f3', 'f4']);
      assert.strictEqual(warnings.length, 4);
    });

    it('the same pattern in another kind of answer is reported for that answer too', async () => {
      const { client, warnings } = makeClient(server);
      server.fault({ path: '/results', status: 200, body: { items: [], total_size: -1 } });
      server.fault({ path: '/classifier/jobs', status: 200, body: { items: [], total_size: -1 } });
      await client.getResults(JOB_IDS.onePage);
      await client.listJobs();
      assert.strictEqual(warnings.length, 2);
      assert.match(warnings[1], /classify jobs/);
    });

    it('warnings never carry the API key', async () => {
      const key = 'llx-unit-secret-WARN123456';
      server.setApiKey(key);
      const { client, warnings } = makeClient(server, { apiKey: key });
      server.fault({ path: '/results', status: 200, body: { items: [ROW(0, { created_at: key })] } });
      await client.getResults(JOB_IDS.onePage);
      assert.strictEqual(warnings.length, 1);
      assert.ok(!warnings[0].includes(key), warnings[0]);
      assert.match(warnings[0], /\[redacted\]/);
    });
  });

  describe('errors', () => {
    it('401: auth error with the server detail, not retried', async () => {
      const { client } = makeClient(server, { apiKey: 'llx-wrong-key-123456' });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'auth');
      assert.strictEqual(err.status, 401);
      assert.match(err.message, /Invalid authentication token/);
      assert.strictEqual(apiRequests(server, '/results').length, 1);
      assert.strictEqual(err.isAuthProblem, true);
      assert.strictEqual(err.isNoAccess, false);
    });

    it('no key: auth error without sending a request', async () => {
      const { client } = makeClient(server, { apiKey: undefined });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'auth');
      assert.strictEqual(err.isAuthProblem, true);
      assert.strictEqual(err.attempts, 0);
      assert.strictEqual(err.request, `GET /api/v1/classifier/jobs/${JOB_IDS.onePage}/results`);
      assert.match(err.message, /Set API Key/);
      assert.strictEqual(server.requests.length, 0);
    });

    it('403: no access to the job in this organization/project; not an auth problem; points at the settings', async () => {
      const { client } = makeClient(server);
      const err = await rejection(() => client.getResults(JOB_IDS.forbidden));
      assert.strictEqual(err.kind, 'permission');
      assert.strictEqual(err.status, 403);
      assert.strictEqual(err.isNoAccess, true);
      assert.strictEqual(err.isAuthProblem, false, 'a 403 does not ask for another key');
      assert.match(err.message, /key works, but it has no access to results for classify job/);
      assert.match(err.message, /llamaClassify\.organizationId/);
      assert.match(err.message, /llamaClassify\.projectId/);
      assert.match(err.message, /do not have access/, 'keeps the server detail');
      assert.doesNotMatch(err.message, /Set API Key|replace|another key|different key/i);
      assert.strictEqual(apiRequests(server, '/results').length, 1, 'not retried');
    });

    it('404: not found, naming what was missing', async () => {
      const { client } = makeClient(server);
      const missing = 'c1a55000-0000-4000-8000-00000000beef';
      const err = await rejection(() => client.getResults(missing));
      assert.strictEqual(err.kind, 'notFound');
      assert.match(err.message, new RegExp(`classify job ${missing}`));
      assert.strictEqual(apiRequests(server, '/results').length, 1);
    });

    it('422: validation error listing FastAPI detail entries', async () => {
      const { client } = makeClient(server);
      const err = await rejection(() => client.getResults('not-a-uuid'));
      assert.strictEqual(err.kind, 'validation');
      assert.strictEqual(err.validation?.[0].loc.join('.'), 'path.classify_job_id');
      assert.match(err.message, /path\.classify_job_id: Input should be a valid UUID/);
    });

    for (const status of [500, 502, 503]) {
      it(`${status} then success: retried transparently`, async () => {
        const { client, log } = makeClient(server);
        server.fault({ path: '/results', status });
        const page = await client.getResults(JOB_IDS.onePage);
        assert.strictEqual(page.items.length, 12);
        assert.deepStrictEqual(log.map((l) => [l.status, l.retry]), [[status, 0], [200, 1]]);
      });
    }

    it('503 forever: gives up after the retry budget with a server error', async () => {
      const { client } = makeClient(server);
      server.fault({ path: '/results', status: 503, times: Infinity });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'server');
      assert.strictEqual(err.attempts, 3);
      assert.strictEqual(apiRequests(server, '/results').length, 3);
      assert.match(err.message, /after 3 attempts/);
    });

    it('429 with Retry-After: waits that long, then succeeds', async () => {
      const { client } = makeClient(server);
      server.fault({ path: '/results', status: 429, headers: { 'Retry-After': '0.3' } });
      const started = Date.now();
      await client.getResults(JOB_IDS.onePage);
      const reqs = apiRequests(server, '/results');
      assert.strictEqual(reqs.length, 2);
      assert.ok(reqs[1].at - reqs[0].at >= 280, `waited ${reqs[1].at - reqs[0].at} ms`);
      assert.ok(Date.now() - started < 2000);
    });

    it('429 with retry-after-ms: honoured in preference to Retry-After', async () => {
      const { client } = makeClient(server);
      server.fault({ path: '/results', status: 429, headers: { 'retry-after-ms': '150', 'Retry-After': '30' } });
      await client.getResults(JOB_IDS.onePage);
      const reqs = apiRequests(server, '/results');
      assert.ok(reqs[1].at - reqs[0].at >= 140);
    });

    it('429 with a Retry-After longer than the cap: fails fast, saying how long to wait', async () => {
      const { client } = makeClient(server);
      server.fault({ path: '/results', status: 429, headers: { 'Retry-After': '120' }, times: Infinity });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'rateLimited');
      assert.strictEqual(err.retryAfterMs, 120_000);
      assert.match(err.message, /wait 120 s/);
      assert.strictEqual(apiRequests(server, '/results').length, 1);
    });

    it('503 with a Retry-After longer than the cap: fails fast too, saying how long to wait', async () => {
      const { client } = makeClient(server);
      server.fault({ path: '/results', status: 503, headers: { 'Retry-After': '90' }, times: Infinity });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'server');
      assert.strictEqual(err.retryAfterMs, 90_000);
      assert.match(err.message, /server error \(503\)\. It asked to wait 90 s\. Try again later/);
      assert.strictEqual(apiRequests(server, '/results').length, 1);
    });

    // The SDK treats a wait that is not above zero as absent: never retry at once, back off instead.
    const UNUSABLE_WAITS: [string, Record<string, string>][] = [
      ['Retry-After: 0', { 'Retry-After': '0' }],
      ['Retry-After: 0.0', { 'Retry-After': '0.0' }],
      ['Retry-After: empty', { 'Retry-After': '' }],
      ['Retry-After: blank', { 'Retry-After': '   ' }],
      ['Retry-After: -1', { 'Retry-After': '-1' }],
      ['Retry-After: soon', { 'Retry-After': 'soon' }],
      ['Retry-After: a date in the past', { 'Retry-After': 'Thu, 01 Jan 2015 00:00:00 GMT' }],
      ['retry-after-ms: 0', { 'retry-after-ms': '0' }],
      ['retry-after-ms: -50', { 'retry-after-ms': '-50' }],
      ['retry-after-ms: abc', { 'retry-after-ms': 'abc' }],
      ['retry-after-ms: 0 and Retry-After: 0', { 'retry-after-ms': '0', 'Retry-After': '0' }],
    ];
    for (const [label, headers] of UNUSABLE_WAITS) {
      it(`429 with ${label}: exponential backoff, not an immediate retry`, async () => {
        const { client } = makeClient(server, { retry: SLOW_BACKOFF });
        server.fault({ path: '/results', status: 429, headers });
        await client.getResults(JOB_IDS.onePage);
        const [gap] = gaps(apiRequests(server, '/results'));
        assert.ok(gap >= 230, `retried after ${gap} ms instead of backing off 250 ms`);
      });
    }

    it('retry-after-ms: 0 falls back to a usable Retry-After', async () => {
      const { client } = makeClient(server, { retry: { ...SLOW_BACKOFF, baseDelayMs: 5, maxDelayMs: 5 } });
      server.fault({ path: '/results', status: 503, headers: { 'retry-after-ms': '0', 'Retry-After': '0.3' } });
      await client.getResults(JOB_IDS.onePage);
      const [gap] = gaps(apiRequests(server, '/results'));
      assert.ok(gap >= 280, `waited ${gap} ms`);
    });

    it('429 without Retry-After, forever: bounded by the retry budget', async () => {
      const { client } = makeClient(server);
      server.fault({ path: '/results', status: 429, times: Infinity });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'rateLimited');
      assert.strictEqual(apiRequests(server, '/results').length, 3);
    });

    for (const value of ['false', 'FALSE', 'False']) {
      it(`x-should-retry: ${value} stops a retry the status would allow`, async () => {
        const { client } = makeClient(server);
        server.fault({ path: '/results', status: 503, headers: { 'x-should-retry': value } });
        const err = await rejection(() => client.getResults(JOB_IDS.onePage));
        assert.strictEqual(err.kind, 'server');
        assert.strictEqual(err.attempts, 1);
        assert.strictEqual(apiRequests(server, '/results').length, 1);
      });
    }

    for (const [status, value] of [
      [400, 'true'],
      [404, 'TRUE'],
      [403, 'True'],
      [422, 'true '],
    ] as const) {
      it(`x-should-retry: "${value}" retries a ${status} the status alone would not`, async () => {
        const { client } = makeClient(server);
        server.fault({ path: '/results', status, headers: { 'X-Should-Retry': value } });
        const page = await client.getResults(JOB_IDS.onePage);
        assert.strictEqual(page.items.length, 12);
        assert.deepStrictEqual(
          apiRequests(server, '/results').map((r) => r.status),
          [status, 200],
        );
      });
    }

    it('x-should-retry: true still respects the retry budget', async () => {
      const { client } = makeClient(server);
      server.fault({ path: '/results', status: 400, headers: { 'x-should-retry': 'true' }, times: Infinity });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'validation');
      assert.strictEqual(err.attempts, 3);
      assert.strictEqual(apiRequests(server, '/results').length, 3);
    });

    it('x-should-retry with any other value leaves the decision to the status', async () => {
      const { client } = makeClient(server);
      server.fault({ path: '/results', status: 503, headers: { 'x-should-retry': 'maybe' } });
      await client.getResults(JOB_IDS.onePage);
      server.fault({ path: '/results', status: 400, headers: { 'x-should-retry': 'yes' } });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'validation');
      assert.deepStrictEqual(
        apiRequests(server, '/results').map((r) => r.status),
        [503, 200, 400],
      );
    });

    it('other 4xx (400, 402) are never retried', async () => {
      const { client } = makeClient(server);
      server.fault({ path: '/results', status: 402, body: { detail: 'Out of credits' } });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'http');
      assert.match(err.message, /Out of credits/);
      assert.strictEqual(apiRequests(server, '/results').length, 1);
    });

    it('timeout: each attempt is cut off, retried, then reported as a timeout', async () => {
      const { client, log } = makeClient(server, { timeoutMs: 150 });
      server.fault({ path: '/results', delayMs: 600, times: Infinity });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'timeout');
      assert.strictEqual(err.attempts, 3);
      assert.match(err.message, /did not answer in time \(no complete answer within 150 ms, 3 attempts\)/);
      assert.match(err.message, /llamaClassify\.requestTimeoutSeconds/);
      assert.deepStrictEqual(log.map((l) => l.outcome), ['timeout', 'timeout', 'timeout']);
    });

    it('timeout without retries: one attempt, said so', async () => {
      const { client } = makeClient(server, { timeoutMs: 100, retry: { ...FAST_RETRY, maxRetries: 0 } });
      server.fault({ path: '/results', delayMs: 400 });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'timeout');
      assert.match(err.message, /\(no complete answer within 100 ms, 1 attempt\)\. Check your connection/);
    });

    it('a slow first attempt times out and the retry succeeds', async () => {
      const { client } = makeClient(server, { timeoutMs: 200 });
      server.fault({ path: '/results', delayMs: 800 });
      const page = await client.getResults(JOB_IDS.onePage);
      assert.strictEqual(page.items.length, 12);
    });

    it('cancel: aborting mid-request rejects with cancelled and does not retry', async () => {
      const { client, log } = makeClient(server);
      server.fault({ path: '/results', delayMs: 1000 });
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 100);
      const err = await rejection(() => client.getResults(JOB_IDS.onePage, { signal: abort.signal }));
      assert.strictEqual(err.kind, 'cancelled');
      assert.strictEqual(err.message, 'The request was cancelled.');
      assert.strictEqual(err.attempts, 1);
      assert.deepStrictEqual(log.map((l) => l.outcome), ['cancelled']);
    });

    it('cancel before the first attempt sends nothing', async () => {
      const { client } = makeClient(server);
      const abort = new AbortController();
      abort.abort();
      const err = await rejection(() => client.getResults(JOB_IDS.onePage, { signal: abort.signal }));
      assert.strictEqual(err.kind, 'cancelled');
      assert.strictEqual(err.attempts, 0);
      assert.strictEqual(server.requests.length, 0);
    });

    it('cancel during the backoff sleep stops the retries', async () => {
      const { client } = makeClient(server, { retry: { maxRetries: 2, baseDelayMs: 2000, maxDelayMs: 2000, maxRetryAfterMs: 0 } });
      server.fault({ path: '/results', status: 503, times: Infinity });
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 150);
      const started = Date.now();
      const err = await rejection(() => client.getResults(JOB_IDS.onePage, { signal: abort.signal }));
      assert.strictEqual(err.kind, 'cancelled');
      assert.strictEqual(err.attempts, 1);
      assert.ok(Date.now() - started < 1500);
      assert.strictEqual(apiRequests(server, '/results').length, 1);
    });

    it('cancel during the backoff after a connection error stops the retries', async () => {
      const { client } = makeClient(server, { baseUrl: 'http://127.0.0.1:9', retry: { maxRetries: 2, baseDelayMs: 2000, maxDelayMs: 2000, maxRetryAfterMs: 0 } });
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 150);
      const started = Date.now();
      const err = await rejection(() => client.getResults(JOB_IDS.onePage, { signal: abort.signal }));
      assert.strictEqual(err.kind, 'cancelled');
      assert.strictEqual(err.attempts, 1);
      assert.ok(Date.now() - started < 1500);
    });

    it('a cancel that lands before the backoff sleep starts stops at once', async () => {
      const abort = new AbortController();
      const log: RequestLogEntry[] = [];
      const client = new LlamaCloudClient(
        () => ({ baseUrl: server.url, apiKey: server.apiKey, timeoutMs: 2000, userAgent: 't', retry: { maxRetries: 2, baseDelayMs: 3000, maxDelayMs: 3000, maxRetryAfterMs: 0 } }),
        (e) => {
          log.push(e);
          abort.abort(); // e.g. the person pressed Cancel while the error was being logged
        },
        () => 0,
      );
      server.fault({ path: '/results', status: 503, times: Infinity });
      const started = Date.now();
      const err = await rejection(() => client.getResults(JOB_IDS.onePage, { signal: abort.signal }));
      assert.strictEqual(err.kind, 'cancelled');
      assert.strictEqual(err.attempts, 1);
      assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
      assert.strictEqual(log.length, 1);
    });

    it('leaves no abort listener on the caller’s signal, whether it succeeded, retried or failed', async () => {
      const { client } = makeClient(server);
      const abort = new AbortController();
      server.fault({ path: '/results', status: 503 });
      await client.getResults(JOB_IDS.onePage, { signal: abort.signal });
      server.fault({ path: '/results', status: 404 });
      await rejection(() => client.getResults(JOB_IDS.onePage, { signal: abort.signal }));
      assert.strictEqual(apiRequests(server, '/results').length, 3);
      assert.strictEqual(getEventListeners(abort.signal, 'abort').length, 0);
    });

    it('connection dropped mid-body: network error after retries; succeeds if the next attempt works', async () => {
      const { client } = makeClient(server);
      server.fault({ path: '/results', kind: 'drop-mid-body' });
      assert.strictEqual((await client.getResults(JOB_IDS.onePage)).items.length, 12);
      server.fault({ path: '/results', kind: 'drop-mid-body', times: Infinity });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'network');
      assert.match(err.message, /closed before the answer was complete|terminated|premature/i);
    });

    it('connection refused (dead network): network error naming the host', async () => {
      const { client, log } = makeClient(server, { baseUrl: 'http://127.0.0.1:9' });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'network');
      assert.match(err.message, /Could not reach LlamaCloud at 127\.0\.0\.1:9: connection refused \(3 attempts\)/);
      assert.strictEqual(err.attempts, 3);
      assert.deepStrictEqual(
        log.map((l) => [l.outcome, l.note]),
        [
          ['network', 'connection refused'],
          ['network', 'connection refused'],
          ['network', 'connection refused'],
        ],
      );
    });

    it('one attempt only: the message says "1 attempt"', async () => {
      const { client } = makeClient(server, { baseUrl: 'http://127.0.0.1:9', retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 0 } });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.match(err.message, /\(1 attempt\)/);
    });

    it('HTML error page with 200: invalid response naming the page title; with 502: server error', async () => {
      const { client } = makeClient(server);
      server.fault({ path: '/results', kind: 'html', status: 200 });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'invalidResponse');
      assert.match(err.message, /HTML page titled “502 Bad Gateway”/);
      server.fault({ path: '/results', kind: 'html', status: 502, times: Infinity });
      const err502 = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err502.kind, 'server');
      assert.match(err502.message, /502 Bad Gateway/);
    });

    it('malformed JSON and JSON of the wrong shape: invalid response naming the problem', async () => {
      const { client, log } = makeClient(server);
      server.fault({ path: '/results', kind: 'malformed-json' });
      assert.match((await rejection(() => client.getResults(JOB_IDS.onePage))).message, /cannot read \(malformed JSON\)/);
      server.fault({ path: '/results', kind: 'wrong-shape' });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'invalidResponse');
      assert.strictEqual(err.attempts, 1);
      assert.match(err.message, /^LlamaCloud sent a response this extension cannot read \(field `response\.items` should be an array but is a string \("none"\)\)\. The API may have changed/);
      assert.strictEqual(log[1].outcome, 'invalid-response');
      assert.match(log[1].note ?? '', /response\.items/);
      server.fault({ path: '/results', status: 200, body: '' });
      assert.match((await rejection(() => client.getResults(JOB_IDS.onePage))).message, /cannot read \(an empty body instead of JSON\)/);
      server.fault({ path: '/results', status: 200, body: ' \n\t ' });
      assert.match((await rejection(() => client.getResults(JOB_IDS.onePage))).message, /cannot read \(an empty body instead of JSON\)/);
    });

    it('an HTML page is recognised by its content type or by its first tag, and named by its title', async () => {
      const answers: [string | undefined, string][] = [
        ['application/json', ' \n <!DOCTYPE html><html><head><title lang="en">  Sign in  </title></head></html>'],
        [undefined, '<html><body>Proxy says no</body></html>'],
        ['text/html; charset=utf-8', '{"items": []}'],
        ['application/json', '{"items": [], "note": "<html><title>x</title>"}'],
      ];
      const messages = await withRawServer(
        (req, res) => {
          const [type, body] = answers[Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page_token'))];
          res.writeHead(200, type ? { 'content-type': type } : {});
          res.end(body);
        },
        async (raw) => {
          const { client } = makeClient(raw);
          const out: string[] = [];
          for (let i = 0; i < answers.length; i++) {
            try {
              out.push(`ok: ${(await client.getResults(JOB_IDS.onePage, { pageToken: String(i) })).items.length} items`);
            } catch (err) {
              out.push((err as Error).message);
            }
          }
          return out;
        },
      );
      assert.match(messages[0], /cannot read \(an HTML page titled “Sign in” instead of JSON\)/);
      assert.match(messages[1], /cannot read \(an HTML page instead of JSON\)/);
      assert.match(messages[2], /cannot read \(an HTML page instead of JSON\)/);
      assert.strictEqual(messages[3], 'ok: 0 items', 'markup inside JSON strings is just text');
    });

    it('the API key never appears in any error or log line, even when the server echoes it', async () => {
      const key = 'llx-unit-secret-ABCDEF123456';
      server.setApiKey(key);
      const { client, log } = makeClient(server, { apiKey: key });
      const errors = [];
      server.fault({ path: '/results', status: 400, body: { detail: `Bad header: Bearer ${key}` } });
      errors.push(await rejection(() => client.getResults(JOB_IDS.onePage)));
      server.fault({ path: '/results', status: 422, body: { detail: [{ loc: ['header'], msg: `token ${key} malformed` }] } });
      errors.push(await rejection(() => client.getResults(JOB_IDS.onePage)));
      errors.push(await rejection(() => makeClient(server, { apiKey: `${key}x` }).client.getResults(JOB_IDS.onePage)));
      server.fault({ path: '/results', status: 200, body: { items: key } });
      errors.push(await rejection(() => client.getResults(JOB_IDS.onePage)));
      const everything = JSON.stringify([errors.map((e) => ({ ...e, message: e.message, stack: e.stack })), log]);
      assert.ok(!everything.includes(key), everything);
      assert.match(errors[0].message, /\[redacted\]/);
      assert.strictEqual(errors[1].validation?.[0].msg, 'token [redacted] malformed');
    });
  });
});

describe('networkReason', () => {
  it('names the usual connection failures, from the error or its cause', () => {
    const cases: [unknown, string][] = [
      [{ code: 'ECONNREFUSED' }, 'connection refused'],
      [{ code: 'ECONNRESET' }, 'the connection was closed before the answer was complete'],
      [{ code: 'ERR_STREAM_PREMATURE_CLOSE' }, 'the connection was closed before the answer was complete'],
      [{ message: 'x', cause: { code: 'ENOTFOUND' } }, 'the host name could not be resolved'],
      [{ cause: { code: 'EAI_AGAIN' } }, 'the host name could not be resolved'],
      [{ code: 'ETIMEDOUT' }, 'the connection timed out'],
      [{ code: 'EPIPE', message: 'write EPIPE' }, 'write EPIPE'],
      [new Error('socket hang up'), 'socket hang up'],
      [{}, '[object Object]'],
      ['text', 'text'],
      [null, 'null'],
      [undefined, 'undefined'],
    ];
    for (const [err, text] of cases) { assert.strictEqual(networkReason(err), text, JSON.stringify(err)); }
  });
});

describe('buildUrl and redactSecret', () => {
  it('joins base URL and path, drops trailing slashes, repeats arrays and skips empty values', () => {
    const url = buildUrl({ baseUrl: 'https://h.example/prefix//', organizationId: 'o', projectId: '' }, '/api/x', {
      a: 'b c',
      n: 3,
      list: ['1', '2'],
      skip: undefined,
      empty: '',
    });
    assert.strictEqual(url, 'https://h.example/prefix/api/x?a=b+c&n=3&list=1&list=2&organization_id=o');
  });

  it('redacts every occurrence of a secret, and leaves the text alone for no or very short secrets', () => {
    assert.strictEqual(redactSecret('k=abcd, again abcd', 'abcd'), 'k=[redacted], again [redacted]');
    assert.strictEqual(redactSecret('abc', 'abc'), 'abc');
    assert.strictEqual(redactSecret('abc', undefined), 'abc');
    assert.strictEqual(redactSecret('abc', ''), 'abc');
  });
});
