import * as assert from 'assert';
import { JOB_IDS } from '../fake-server/datasets';
import { startFakeServer, type FakeServer } from '../fake-server/server';
import { apiRequests, makeClient, rejection } from './helpers';

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
      const { client } = makeClient(server);
      const job = await client.getJob(JOB_IDS.failed);
      assert.strictEqual(job.status, 'ERROR');
      assert.match(job.error_message ?? '', /password protected/);
      const page1 = await client.listJobs({ pageSize: 3 });
      assert.strictEqual(page1.items.length, 3);
      const page2 = await client.listJobs({ pageSize: 3, pageToken: page1.next_page_token! });
      assert.notStrictEqual(page2.items[0].id, page1.items[0].id);
      const rows = (await client.getResults(JOB_IDS.onePage)).items;
      const file = await client.getFile(rows[0].file_id!);
      assert.match(file.name, /\.pdf$/);
      const files = await client.getFiles([...rows.map((r) => r.file_id!), 'c1a55000-0000-4000-8000-00000000dead']);
      assert.strictEqual(files.size, rows.length);
      assert.strictEqual(apiRequests(server, '/beta/files').length, 2, 'one single lookup plus one batched lookup');
      assert.deepStrictEqual(apiRequests(server, '/beta/files')[1].query.file_ids, [...rows.map((r) => r.file_id), 'c1a55000-0000-4000-8000-00000000dead']);
    });

    it('keeps nulls the API allows: type null, result null or absent, file_id null or absent', async () => {
      const { client } = makeClient(server);
      const items = (await client.getResults(JOB_IDS.edgeCases)).items;
      assert.strictEqual(items[1].result?.type, null);
      assert.strictEqual(items[2].result, null);
      assert.strictEqual(items[3].file_id, null);
      assert.strictEqual(items[3].created_at, null);
      assert.strictEqual(items[4].file_id, null, 'absent file_id reads as null');
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
  });

  describe('errors', () => {
    it('401: auth error with the server detail, not retried', async () => {
      const { client } = makeClient(server, { apiKey: 'llx-wrong-key-123456' });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'auth');
      assert.strictEqual(err.status, 401);
      assert.match(err.message, /Invalid authentication token/);
      assert.strictEqual(apiRequests(server, '/results').length, 1);
      assert.ok(err.isAuthProblem);
    });

    it('no key: auth error without sending a request', async () => {
      const { client } = makeClient(server, { apiKey: undefined });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'auth');
      assert.match(err.message, /Set API Key/);
      assert.strictEqual(server.requests.length, 0);
    });

    it('403: permission error', async () => {
      const { client } = makeClient(server);
      const err = await rejection(() => client.getResults(JOB_IDS.forbidden));
      assert.strictEqual(err.kind, 'permission');
      assert.match(err.message, /do not have access/);
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

    it('429 without Retry-After, forever: bounded by the retry budget', async () => {
      const { client } = makeClient(server);
      server.fault({ path: '/results', status: 429, times: Infinity });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'rateLimited');
      assert.strictEqual(apiRequests(server, '/results').length, 3);
    });

    it('x-should-retry: false stops a retry the status would allow', async () => {
      const { client } = makeClient(server);
      server.fault({ path: '/results', status: 503, headers: { 'x-should-retry': 'false' } });
      await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(apiRequests(server, '/results').length, 1);
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
      assert.deepStrictEqual(log.map((l) => l.outcome), ['timeout', 'timeout', 'timeout']);
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
      assert.deepStrictEqual(log.map((l) => l.outcome), ['cancelled']);
    });

    it('cancel during the backoff sleep stops the retries', async () => {
      const { client } = makeClient(server, { retry: { maxRetries: 2, baseDelayMs: 2000, maxDelayMs: 2000, maxRetryAfterMs: 0 } });
      server.fault({ path: '/results', status: 503, times: Infinity });
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 150);
      const started = Date.now();
      const err = await rejection(() => client.getResults(JOB_IDS.onePage, { signal: abort.signal }));
      assert.strictEqual(err.kind, 'cancelled');
      assert.ok(Date.now() - started < 1500);
      assert.strictEqual(apiRequests(server, '/results').length, 1);
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
      const { client } = makeClient(server, { baseUrl: 'http://127.0.0.1:9' });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'network');
      assert.match(err.message, /127\.0\.0\.1:9: connection refused/);
      assert.strictEqual(err.attempts, 3);
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
      const { client } = makeClient(server);
      server.fault({ path: '/results', kind: 'malformed-json' });
      assert.match((await rejection(() => client.getResults(JOB_IDS.onePage))).message, /malformed JSON/);
      server.fault({ path: '/results', kind: 'wrong-shape' });
      const err = await rejection(() => client.getResults(JOB_IDS.onePage));
      assert.strictEqual(err.kind, 'invalidResponse');
      assert.match(err.message, /field `response\.items` should be an array but is a string/);
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
      const everything = JSON.stringify([errors.map((e) => ({ ...e, message: e.message, stack: e.stack })), log]);
      assert.ok(!everything.includes(key), everything);
      assert.match(errors[0].message, /\[redacted\]/);
    });
  });
});
