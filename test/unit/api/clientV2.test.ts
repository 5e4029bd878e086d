// The Classify v2 client methods over real HTTP against the fake server (and a raw server for shapes it cannot send).
import * as assert from 'assert';
import { V2_MAX_PAGE_SIZE } from '../../../src/api/client';
import { V2_ARCHIVE_COUNT, V2_CONFIGS, V2_JOB_IDS, V2_RULES } from '../../fake-server/datasetsV2';
import { startFakeServer, V2_LIST_QUIRKS, type FakeServer } from '../../fake-server/server';
import { apiRequests, makeClient, rejection, withRawServer } from './helpers';

describe('LlamaCloudClient: Classify v2 against the fake server over HTTP', () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await startFakeServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('GETs one v2 job with org/project params and reads the SDK 2.16.0 shape', async () => {
    const { client, warnings } = makeClient(server, { organizationId: 'org-1', projectId: 'proj-1' });
    const job = await client.getV2Job(V2_JOB_IDS.invoice);
    assert.strictEqual(job.id, V2_JOB_IDS.invoice);
    assert.strictEqual(job.status, 'COMPLETED');
    assert.match(job.file_input ?? '', /^dfl-/);
    assert.strictEqual(job.document_input_type, 'file_id');
    assert.deepStrictEqual(job.rules, V2_RULES);
    assert.strictEqual(job.mode, 'FAST');
    assert.strictEqual(job.parse_job_id, 'pjb-7d1e2f3a4b5c');
    assert.deepStrictEqual(job.result, { type: 'invoice', confidence: 0.93, reasoning: 'An invoice number (INV-2026-0107), a due date and line items with a total.' });
    const [req] = apiRequests(server, '/api/v2/classify/');
    assert.strictEqual(req.path, `/api/v2/classify/${V2_JOB_IDS.invoice}`);
    assert.deepStrictEqual(req.query, { organization_id: 'org-1', project_id: 'proj-1' });
    assert.ok(req.authorized);
    assert.deepStrictEqual(warnings, []);
  });

  it('reads a failed job (error_message, no result), a no-match and a parse-job input', async () => {
    const { client } = makeClient(server);
    const failed = await client.getV2Job(V2_JOB_IDS.failed);
    assert.strictEqual(failed.status, 'FAILED');
    assert.strictEqual(failed.result, null);
    assert.match(failed.error_message ?? '', /password protected/);
    assert.strictEqual((await client.getV2Job(V2_JOB_IDS.noMatch)).result?.type, null);
    const parse = await client.getV2Job(V2_JOB_IDS.parseInput);
    assert.strictEqual(parse.document_input_type, 'parse_job_id');
    assert.strictEqual(parse.file_input, 'pjb-0a1b2c3d4e5f');
  });

  it('a missing v2 job is notFound (404), another project’s is permission (403)', async () => {
    const { client } = makeClient(server);
    assert.strictEqual((await rejection(() => client.getV2Job('cls-doesnotexist'))).kind, 'notFound');
    assert.strictEqual((await rejection(() => client.getV2Job(V2_JOB_IDS.forbidden))).kind, 'permission');
  });

  it('lists with every filter as the reference names them and pages to the end with page_token', async () => {
    const { client } = makeClient(server);
    const filters = { status: 'COMPLETED', configurationId: V2_CONFIGS.archive, createdOnOrAfter: '2026-01-01T00:00:00.000Z', createdOnOrBefore: '2027-01-01T00:00:00.000Z' };
    const seen = new Set<string>();
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await client.listV2Jobs({ ...filters, pageSize: 50, pageToken: token });
      page.items.forEach((j) => seen.add(j.id));
      token = page.next_page_token ?? undefined;
      pages++;
    } while (token && pages < 10);
    assert.strictEqual(pages, 3);
    assert.strictEqual(seen.size, V2_ARCHIVE_COUNT);
    const [first, second] = apiRequests(server, '/api/v2/classify');
    assert.deepStrictEqual(first.query, {
      status: 'COMPLETED',
      configuration_id: V2_CONFIGS.archive,
      created_at_on_or_after: '2026-01-01T00:00:00.000Z',
      created_at_on_or_before: '2027-01-01T00:00:00.000Z',
      page_size: '50',
    });
    assert.ok(second.query.page_token);
  });

  it('keeps page_size within the declared 1..100 (the server answers 422 above 100)', async () => {
    const { client } = makeClient(server);
    const page = await client.listV2Jobs({ pageSize: 1000 });
    assert.strictEqual(page.items.length, V2_MAX_PAGE_SIZE);
    assert.strictEqual(apiRequests(server, '/api/v2/classify')[0].query.page_size, '100');
    await client.listV2Jobs({ pageSize: 0 });
    assert.strictEqual(apiRequests(server, '/api/v2/classify')[1].query.page_size, '1');
  });

  it('v2 faults behave like v1: a 503 is retried, HTML and malformed JSON are invalidResponse, a 422 is validation', async () => {
    const { client } = makeClient(server);
    server.fault({ path: '/api/v2/classify', status: 503 });
    assert.strictEqual((await client.getV2Job(V2_JOB_IDS.invoice)).id, V2_JOB_IDS.invoice);
    server.fault({ path: '/api/v2/classify', kind: 'html', status: 502, times: 3 });
    assert.strictEqual((await rejection(() => client.listV2Jobs())).kind, 'server');
    server.fault({ path: '/api/v2/classify', kind: 'malformed-json' });
    assert.strictEqual((await rejection(() => client.getV2Job(V2_JOB_IDS.invoice))).kind, 'invalidResponse');
    const bad = await rejection(() => client.listV2Jobs({ createdOnOrAfter: 'yesterday' }));
    assert.strictEqual(bad.kind, 'validation');
    assert.match(bad.message, /created_at_on_or_after/);
  });

  it('the v2 list quirks (a repeated token) reach the client as the server sends them', async () => {
    server.setQuirks(V2_LIST_QUIRKS, { repeatToken: true });
    const { client } = makeClient(server);
    const a = await client.listV2Jobs({ pageSize: 10 });
    const b = await client.listV2Jobs({ pageSize: 10, pageToken: a.next_page_token! });
    assert.strictEqual(b.next_page_token, a.next_page_token);
  });

  it('a malformed display-only field becomes null with one warning; the jobs are all kept', async () => {
    const body = {
      items: [
        { id: 'cls-a', status: 7, file_input: 42, configuration: { rules: 'none', mode: 1 }, created_at: 'soon', error_message: {}, result: { type: 'invoice', confidence: 2, reasoning: 'r' } },
        { id: 'cls-b', status: 'COMPLETED', document_input_value: 'dfl-x', rules: [{ type: 'receipt', description: 'd' }], configuration: null, result: null },
        { id: 'cls-c', status: 'COMPLETED', configuration: 'oops', file_input: 'dfl-y' },
      ],
      next_page_token: '',
      total_size: -1,
    };
    await withRawServer(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      },
      async (raw) => {
        const { client, warnings } = makeClient(raw);
        const page = await client.listV2Jobs();
        assert.deepStrictEqual(page.items.map((j) => j.id), ['cls-a', 'cls-b', 'cls-c']);
        const [a, b, c] = page.items;
        assert.strictEqual(a.status, 'UNKNOWN');
        assert.strictEqual(a.file_input, null);
        assert.deepStrictEqual(a.rules, []);
        assert.strictEqual(a.mode, null);
        assert.strictEqual(a.created_at, null);
        assert.strictEqual(a.error_message, null);
        assert.strictEqual(a.result?.confidence, null);
        assert.match(a.result?.confidenceIssue ?? '', /above 1/);
        assert.strictEqual(b.file_input, 'dfl-x', 'staging docs call it document_input_value');
        assert.deepStrictEqual(b.rules, [{ type: 'receipt', description: 'd' }], 'rules at the top level are read too');
        assert.deepStrictEqual(c.rules, []);
        assert.strictEqual(c.file_input, 'dfl-y');
        assert.strictEqual(page.next_page_token, null);
        assert.strictEqual(page.total_size, null);
        for (const field of ['items[].status', 'items[].file_input', 'items[].configuration.rules', 'items[].configuration.mode', 'items[].created_at', 'items[].error_message', 'items[].configuration', 'response.total_size']) {
          assert.ok(warnings.some((w) => w.includes(`\`${field}\``)), `a warning names ${field}: ${warnings.join(' | ')}`);
        }
      },
    );
  });

  it('refuses a page only when what identifies a job is unusable (an item without id)', async () => {
    await withRawServer(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ items: [{ status: 'COMPLETED' }] }));
      },
      async (raw) => {
        const { client } = makeClient(raw);
        const err = await rejection(() => client.listV2Jobs());
        assert.strictEqual(err.kind, 'invalidResponse');
        assert.match(err.message, /items\[0\]\.id/);
      },
    );
  });
});
