import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { isInsecureBaseUrl, resolveBaseUrl } from '../../src/api/config';
import { parseJobId } from '../../src/api/jobId';
import { confidenceIssue, parseResultsPage } from '../../src/api/parse';
import { backoffDelay, decideRetry, DEFAULT_RETRY_POLICY, parseRetryAfter } from '../../src/api/retry';

const ID = '182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e';

describe('parseJobId', () => {
  it('accepts a bare UUID, trimmed and lower-cased', () => {
    assert.deepStrictEqual(parseJobId(`  ${ID.toUpperCase()}\n`), { ok: true, jobId: ID });
  });
  it('accepts a URL or a curl command containing the ID', () => {
    assert.deepStrictEqual(parseJobId(`https://cloud.llamaindex.ai/project/x/classify/jobs/${ID}`), { ok: true, jobId: ID });
    assert.deepStrictEqual(parseJobId(`curl https://api.cloud.llamaindex.ai/api/v1/classifier/jobs/${ID}/results -H "Authorization: Bearer $KEY"`), {
      ok: true,
      jobId: ID,
    });
  });
  it('prefers the ID after /jobs/ when a URL also carries a project_id', () => {
    const url = `https://x/api/v1/classifier/jobs/${ID}/results?project_id=9a0c1f2e-3b4d-4e5f-8a6b-7c8d9e0f1a2b`;
    assert.deepStrictEqual(parseJobId(url), { ok: true, jobId: ID });
  });
  it('rejects empty input, junk, truncated IDs and ambiguous text with a message saying what an ID looks like', () => {
    for (const input of ['', '   ', 'hello', ID.slice(0, 30), `${ID} and 9a0c1f2e-3b4d-4e5f-8a6b-7c8d9e0f1a2b`]) {
      const r = parseJobId(input);
      assert.strictEqual(r.ok, false, input);
      assert.match((r as { message: string }).message, /UUID like 182bd5e5/);
    }
  });
});

describe('retry rules', () => {
  it('retries connection errors, 408, 409, 429 and 5xx; never other 4xx', () => {
    const policy = DEFAULT_RETRY_POLICY;
    for (const status of [undefined, 408, 409, 429, 500, 502, 503, 504]) assert.ok(decideRetry({ retryIndex: 0, status, policy }).retry, String(status));
    for (const status of [400, 401, 402, 403, 404, 422]) assert.ok(!decideRetry({ retryIndex: 0, status, policy }).retry, String(status));
  });
  it('stops at the budget', () => {
    assert.deepStrictEqual(decideRetry({ retryIndex: 2, status: 503, policy: DEFAULT_RETRY_POLICY }), { retry: false, reason: 'budget' });
  });
  it('backs off exponentially with jitter, capped', () => {
    const p = DEFAULT_RETRY_POLICY;
    assert.strictEqual(backoffDelay(0, p, () => 0), 500);
    assert.strictEqual(backoffDelay(1, p, () => 0), 1000);
    assert.strictEqual(backoffDelay(10, p, () => 0), 4000);
    assert.strictEqual(backoffDelay(0, p, () => 0.999), 500 * (1 - 0.999 * 0.25));
  });
  it('reads retry-after-ms, Retry-After seconds and HTTP dates; ignores junk', () => {
    const h = (o: Record<string, string>) => (n: string) => o[n] ?? null;
    assert.strictEqual(parseRetryAfter(h({ 'retry-after-ms': '250' })), 250);
    assert.strictEqual(parseRetryAfter(h({ 'retry-after': '3' })), 3000);
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    assert.strictEqual(parseRetryAfter(h({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now), 5000);
    assert.strictEqual(parseRetryAfter(h({ 'retry-after': 'soon' })), undefined);
    assert.strictEqual(parseRetryAfter(h({})), undefined);
  });
  it('does not sleep through a Retry-After beyond the cap', () => {
    assert.deepStrictEqual(decideRetry({ retryIndex: 0, status: 429, retryAfterMs: 60_000, policy: DEFAULT_RETRY_POLICY }), {
      retry: false,
      reason: 'retryAfterTooLong',
    });
  });
});

describe('response parsing', () => {
  it('ignores unknown fields and accepts missing optional ones', () => {
    const page = parseResultsPage({ items: [{ id: 'a', classify_job_id: 'j', extra: 1 }], new_field: true });
    assert.deepStrictEqual(page, {
      items: [{ id: 'a', classify_job_id: 'j', file_id: null, result: null, created_at: null, updated_at: null }],
      next_page_token: null,
      total_size: null,
    });
  });
  it('treats an empty next_page_token as the end', () => {
    assert.strictEqual(parseResultsPage({ items: [], next_page_token: '' }).next_page_token, null);
  });
  it('rejects wrong types naming the field', () => {
    assert.throws(() => parseResultsPage({ items: [{ id: 5, classify_job_id: 'j' }] }), /`items\[0\]\.id` should be a non-empty string but is a number/);
    assert.throws(() => parseResultsPage({ items: [{ id: 'a', classify_job_id: 'j', result: { type: 3 } }] }), /`items\[0\]\.result\.type`/);
    assert.throws(() => parseResultsPage({ items: [], total_size: 'many' }), /`response\.total_size`/);
    assert.throws(() => parseResultsPage([]), /`response` should be an object but is an array/);
  });
  it('flags confidence that cannot be trusted', () => {
    assert.strictEqual(confidenceIssue(0), undefined);
    assert.strictEqual(confidenceIssue(1), undefined);
    assert.match(confidenceIssue(Number.NaN) ?? '', /NaN/);
    assert.match(confidenceIssue('0.5') ?? '', /string/);
    assert.match(confidenceIssue(null) ?? '', /no confidence/);
  });
});

describe('base URL', () => {
  it('maps regions and lets an explicit URL or LLAMA_CLOUD_BASE_URL override them', () => {
    assert.deepStrictEqual(resolveBaseUrl({ region: 'na' }), { ok: true, baseUrl: 'https://api.cloud.llamaindex.ai', source: 'region' });
    assert.deepStrictEqual(resolveBaseUrl({ region: 'eu' }), { ok: true, baseUrl: 'https://api.cloud.eu.llamaindex.ai', source: 'region' });
    assert.deepStrictEqual(resolveBaseUrl({ region: 'eu', envBaseUrl: 'https://byoc.example.com/' }), {
      ok: true,
      baseUrl: 'https://byoc.example.com',
      source: 'environment',
    });
    assert.deepStrictEqual(resolveBaseUrl({ baseUrl: 'http://127.0.0.1:8080', envBaseUrl: 'https://x' }), {
      ok: true,
      baseUrl: 'http://127.0.0.1:8080',
      source: 'setting',
    });
  });
  it('rejects a bare host with a message showing a full URL', () => {
    const r = resolveBaseUrl({ baseUrl: 'api.cloud.eu.llamaindex.ai' });
    assert.strictEqual(r.ok, false);
    assert.match((r as { message: string }).message, /https:\/\/api\.cloud\.eu/);
  });
  it('calls plain http insecure unless it is loopback', () => {
    assert.strictEqual(isInsecureBaseUrl('https://api.cloud.llamaindex.ai'), false);
    assert.strictEqual(isInsecureBaseUrl('http://127.0.0.1:3000'), false);
    assert.strictEqual(isInsecureBaseUrl('http://localhost:3000'), false);
    assert.strictEqual(isInsecureBaseUrl('http://[::1]:3000'), false);
    assert.strictEqual(isInsecureBaseUrl('http://llama.internal.example.com'), true);
  });
});

describe('layering', () => {
  it('src/api and src/model import no vscode', () => {
    const root = path.resolve(__dirname, '../../../src');
    const offenders: string[] = [];
    for (const dir of ['api', 'model']) {
      for (const file of fs.readdirSync(path.join(root, dir))) {
        const text = fs.readFileSync(path.join(root, dir, file), 'utf8');
        if (/from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(text)) offenders.push(`${dir}/${file}`);
      }
    }
    assert.deepStrictEqual(offenders, []);
  });
});
