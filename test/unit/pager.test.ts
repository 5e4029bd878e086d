import * as assert from 'assert';
import { ResultPager } from '../../src/model/pager';
import { fakeId, JOB_IDS } from '../fake-server/datasets';
import { startFakeServer, type FakeServer } from '../fake-server/server';
import { apiRequests, makeClient } from './helpers';

describe('ResultPager against the fake server', () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await startFakeServer();
  });
  afterEach(async () => {
    await server.close();
  });

  function pager(jobId: string, pageSize = 50, overrides = {}) {
    const { client } = makeClient(server, overrides);
    return new ResultPager(jobId, (token, signal) => client.getResults(jobId, { pageToken: token, pageSize, signal }));
  }

  async function loadAll(p: ResultPager, maxPages = 1000) {
    await p.loadFirst();
    for (let i = 0; i < maxPages && p.hasMore && p.state !== 'error'; i++) await p.loadMore();
  }

  it('loads page by page until complete, in order, with counts', async () => {
    const p = pager(JOB_IDS.multiPage, 500);
    assert.strictEqual(p.state, 'idle');
    await p.loadFirst();
    assert.strictEqual(p.items.length, 500);
    assert.strictEqual(p.totalSize, 2345);
    assert.strictEqual(p.state, 'idle');
    assert.ok(p.hasMore);
    await loadAll(p);
    assert.strictEqual(p.state, 'complete');
    assert.strictEqual(p.items.length, 2345);
    assert.strictEqual(new Set(p.items.map((i) => i.id)).size, 2345);
    assert.strictEqual(p.items[0].id, fakeId(0x101, 1));
    assert.strictEqual(p.items[2344].id, fakeId(0x101, 2345));
    assert.strictEqual(apiRequests(server, '/results').length, 5);
    assert.strictEqual(p.warning, undefined);
  });

  it('loadFirst twice fetches once; loadMore while loading returns the same promise (single flight)', async () => {
    const p = pager(JOB_IDS.multiPage);
    const a = p.loadFirst();
    const b = p.loadFirst();
    await Promise.all([a, b]);
    server.fault({ path: '/results', delayMs: 100 });
    const c = p.loadMore();
    const d = p.loadMore();
    assert.strictEqual(c, d);
    assert.strictEqual(p.state, 'loading');
    await Promise.all([c, d]);
    assert.strictEqual(p.items.length, 100);
    assert.strictEqual(apiRequests(server, '/results').length, 2);
  });

  it('an empty job completes with no items and no more pages', async () => {
    const p = pager(JOB_IDS.empty);
    await p.loadFirst();
    assert.strictEqual(p.state, 'complete');
    assert.strictEqual(p.items.length, 0);
    assert.strictEqual(p.hasMore, false);
    await p.loadMore();
    assert.strictEqual(apiRequests(server, '/results').length, 1, 'loadMore on a complete pager sends nothing');
  });

  it('de-duplicates items repeated across pages and reports it', async () => {
    server.setQuirks(JOB_IDS.multiPage, { duplicateAcrossPages: 5 });
    const p = pager(JOB_IDS.multiPage, 500);
    await loadAll(p);
    assert.strictEqual(p.items.length, 2345);
    assert.strictEqual(new Set(p.items.map((i) => i.id)).size, 2345);
    assert.ok(p.duplicatesDropped > 0);
    assert.match(p.warning ?? '', /more than once; each is shown once/);
  });

  it('loop guard: a repeated next_page_token ends paging and is reported', async () => {
    server.setQuirks(JOB_IDS.multiPage, { repeatToken: true });
    const p = pager(JOB_IDS.multiPage, 100);
    await loadAll(p, 50);
    assert.strictEqual(p.state, 'complete');
    assert.strictEqual(p.items.length, 200);
    assert.match(p.warning ?? '', /page token it had already sent/);
    assert.strictEqual(apiRequests(server, '/results').length, 2);
  });

  it('loop guard: a server that ignores page_token (page 1 again) ends paging after one repeat', async () => {
    server.setQuirks(JOB_IDS.multiPage, { ignorePageToken: true });
    const p = pager(JOB_IDS.multiPage, 100);
    await loadAll(p, 50);
    assert.strictEqual(p.state, 'complete');
    assert.strictEqual(p.items.length, 100);
    assert.strictEqual(new Set(p.items.map((i) => i.id)).size, 100);
    assert.match(p.warning ?? '', /no new results|already sent/);
    assert.ok(apiRequests(server, '/results').length <= 2);
  });

  it('total_size missing: counts unknown until complete; wrong: never below what is loaded', async () => {
    server.setQuirks(JOB_IDS.onePage, { totalSize: 'missing' });
    const p = pager(JOB_IDS.onePage, 5);
    await p.loadFirst();
    assert.strictEqual(p.totalSize, undefined);
    await loadAll(p);
    assert.strictEqual(p.totalSize, 12);
    server.setQuirks(JOB_IDS.multiPage, { totalSize: 'wrong' });
    const q = pager(JOB_IDS.multiPage, 1000);
    await loadAll(q);
    assert.strictEqual(q.items.length, 2345);
    assert.strictEqual(q.totalSize, 2345, 'a complete job reports what it holds, not the estimate');
  });

  it('a failure on page 3 keeps pages 1–2; retrying continues from page 3', async () => {
    const p = pager(JOB_IDS.multiPage, 100, { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 0 } });
    await p.loadFirst();
    await p.loadMore();
    server.fault({ path: '/results', status: 500 });
    await p.loadMore();
    assert.strictEqual(p.state, 'error');
    assert.strictEqual(p.items.length, 200);
    assert.match(p.error?.message ?? '', /server error \(500\)/);
    assert.ok(p.hasMore);
    await p.loadMore();
    assert.strictEqual(p.state, 'idle');
    assert.strictEqual(p.items.length, 300);
    assert.strictEqual(p.items[200].id, fakeId(0x101, 201));
  });

  it('a failed first page is an error state with no items; retry loads it', async () => {
    const p = pager('c1a55000-0000-4000-8000-00000000beef');
    await p.loadFirst();
    assert.strictEqual(p.state, 'error');
    assert.strictEqual((p.error as { kind?: string }).kind, 'notFound');
    const q = pager(JOB_IDS.onePage, 50, { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 0 } });
    server.fault({ path: '/results', status: 503 });
    await q.loadFirst();
    assert.strictEqual(q.state, 'error');
    await q.loadMore();
    assert.strictEqual(q.state, 'complete');
    assert.strictEqual(q.items.length, 12);
  });

  it('refresh keeps the number of items already loaded, and keeps them if it fails', async () => {
    const p = pager(JOB_IDS.multiPage, 100, { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 0 } });
    await p.loadFirst();
    await p.loadMore();
    await p.loadMore();
    assert.strictEqual(p.items.length, 300);
    const before = server.requests.length;
    await p.refresh();
    assert.strictEqual(p.items.length, 300);
    assert.strictEqual(server.requests.length - before, 3);
    assert.strictEqual(p.state, 'idle');
    server.fault({ path: '/results', pageToken: '', status: 500 });
    await p.refresh();
    assert.strictEqual(p.state, 'error');
    assert.strictEqual(p.items.length, 300, 'a failed refresh loses nothing');
  });

  it('cancel: a slow page is aborted, loaded items stay, and the state goes back to idle', async () => {
    const p = pager(JOB_IDS.multiPage);
    await p.loadFirst();
    server.fault({ path: '/results', delayMs: 2000 });
    const loading = p.loadMore();
    await new Promise((r) => setTimeout(r, 50));
    p.cancel();
    await loading;
    assert.strictEqual(p.state, 'idle');
    assert.strictEqual(p.error, undefined);
    assert.strictEqual(p.items.length, 50);
    await p.loadMore();
    assert.strictEqual(p.items.length, 100);
  });

  it('the network coming back: a failed page loads on the next try', async () => {
    const deadPort = makeClient(server, { baseUrl: 'http://127.0.0.1:9', retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 0 } });
    let online = false;
    const live = makeClient(server);
    const p = new ResultPager(JOB_IDS.onePage, (token, signal) =>
      (online ? live : deadPort).client.getResults(JOB_IDS.onePage, { pageToken: token, signal }),
    );
    await p.loadFirst();
    assert.strictEqual(p.state, 'error');
    assert.strictEqual((p.error as { kind?: string }).kind, 'network');
    online = true;
    await p.loadMore();
    assert.strictEqual(p.state, 'complete');
    assert.strictEqual(p.items.length, 12);
  });

  it('fires change events for loading and loaded', async () => {
    const p = pager(JOB_IDS.onePage);
    const states: string[] = [];
    p.onDidChange(() => states.push(p.state));
    await p.loadFirst();
    assert.deepStrictEqual(states, ['loading', 'complete']);
  });

  it('soak: 1,000 pages with 10% random 5xx — every item exactly once, in order, bounded requests', async function () {
    this.timeout(60_000);
    const COUNT = 50_000;
    const PAGE = 50;
    const id = 'c1a55000-7000-4000-8000-00000000c350';
    server.addJob({
      id,
      label: 'soak',
      status: 'SUCCESS',
      created_at: '2026-01-01T00:00:00Z',
      count: COUNT,
      row: (i) => ({ id: `item-${i}`, classify_job_id: id, file_id: null, result: { type: 't', confidence: 0.5, reasoning: '' } }),
    });
    server.setRandomFailures({ rate: 0.1, seed: 42 });
    const p = pager(id, PAGE, { retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 0 } });
    await p.loadFirst();
    let clicks = 1;
    while (p.hasMore && clicks < 2000) {
      await p.loadMore(); // a page that still fails after the retries stays "Retry loading more"
      clicks++;
    }
    assert.strictEqual(p.state, 'complete');
    assert.strictEqual(p.items.length, COUNT);
    for (let i = 0; i < COUNT; i++) if (p.items[i].id !== `item-${i}`) assert.fail(`item ${i} is ${p.items[i].id}`);
    const requests = apiRequests(server, '/results').length;
    assert.ok(requests < 1000 * 1.25, `requests: ${requests}`);
    assert.ok(requests > 1000, 'some requests failed and were retried');
  });
});
