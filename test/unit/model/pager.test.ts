import * as assert from 'assert';
import { LlamaCloudError } from '../../../src/api/errors';
import type { ClassifyJobResultsPage } from '../../../src/api/types';
import { MAX_REFRESH_PAGES, RATE_LIMIT_PAUSE_MS, ResultPager, type FetchPage } from '../../../src/model/pager';
import { fakeId, JOB_IDS } from '../../fake-server/datasets';
import { startFakeServer, type FakeServer } from '../../fake-server/server';
import { apiRequests, makeClient } from '../helpers';

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
    for (let i = 0; i < maxPages && p.hasMore && p.state !== 'error'; i++) { await p.loadMore(); }
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
    for (let i = 0; i < COUNT; i++) { if (p.items[i].id !== `item-${i}`) {assert.fail(`item ${i} is ${p.items[i].id}`);} }
    const requests = apiRequests(server, '/results').length;
    assert.ok(requests < 1000 * 1.25, `requests: ${requests}`);
    assert.ok(requests > 1000, 'some requests failed and were retried');
  });
});

/** A FetchPage the test answers by hand; it records every call and how many are in flight at once. */
class ScriptedFetch {
  calls: { token: string | undefined; signal: AbortSignal; resolve: (p: ClassifyJobResultsPage) => void; reject: (e: unknown) => void; settled: boolean }[] = [];
  maxInFlight = 0;
  readonly fetch: FetchPage = (token, signal) =>
    new Promise<ClassifyJobResultsPage>((resolve, reject) => {
      const call = { token, signal, settled: false, resolve: (p: ClassifyJobResultsPage) => {
        call.settled = true;
        resolve(p);
      }, reject: (e: unknown) => {
        call.settled = true;
        reject(e);
      } };
      signal.addEventListener('abort', () => call.reject(new LlamaCloudError({ kind: 'cancelled', message: 'cancelled' })), { once: true });
      this.calls.push(call);
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    });
  get inFlight(): number {
    return this.calls.filter((c) => !c.settled && !c.signal.aborted).length;
  }
  /** The newest call that is still open. */
  open() {
    const c = [...this.calls].reverse().find((x) => !x.settled && !x.signal.aborted);
    if (!c) { throw new Error('no open call'); }
    return c;
  }
}

const tick = () => new Promise((r) => setImmediate(r));
/** Page `n` (1-based) of `size` items; the token of the next page is "p<n+1>" until `last`. */
function page(n: number, size: number, last: number): ClassifyJobResultsPage {
  const items = Array.from({ length: size }, (_, i) => ({
    id: `r${(n - 1) * size + i}`,
    classify_job_id: 'job',
    file_id: null,
    result: null,
    created_at: null,
    updated_at: null,
  }));
  return { items, next_page_token: n < last ? `p${n + 1}` : null, total_size: size * last };
}

/** A pager whose first page (`first`) is loaded from a ScriptedFetch; background fetches per `options`. */
async function started(first: ClassifyJobResultsPage, options?: ConstructorParameters<typeof ResultPager>[2]) {
  const f = new ScriptedFetch();
  const p = new ResultPager('job', f.fetch, options);
  const loading = p.loadFirst();
  f.open().resolve(first);
  await loading;
  return { f, p };
}

describe('ResultPager runs (scripted pages): only the current run changes anything', () => {
  it('refresh during Load more: the Load more request is aborted and writes nothing; the state stays "loading" until the refresh lands', async () => {
    const { f, p } = await started(page(1, 2, 5));
    const more = p.loadMore();
    await tick();
    const moreCall = f.open();
    assert.strictEqual(moreCall.token, 'p2');
    const refreshing = p.refresh();
    assert.ok(moreCall.signal.aborted, 'the Load more request is aborted');
    await tick();
    assert.strictEqual(p.state, 'loading', 'the pager is not idle while the refresh runs');
    assert.strictEqual(p.runningOp, 'refresh');
    assert.strictEqual(p.loadMore(), refreshing, 'Load more during a refresh starts nothing new');
    assert.strictEqual(f.inFlight, 1);
    const refreshCall = f.open();
    assert.strictEqual(refreshCall.token, undefined, 'the refresh starts from page 1');
    // The aborted Load more answering late must not add its page.
    moreCall.resolve(page(2, 2, 5));
    refreshCall.resolve(page(1, 2, 5));
    await Promise.all([more, refreshing]);
    assert.deepStrictEqual(p.items.map((i) => i.id), ['r0', 'r1']);
    assert.strictEqual(p.state, 'idle');
    assert.strictEqual(p.nextToken, 'p2');
    assert.ok(f.maxInFlight <= 1, `at most one request in flight (saw ${f.maxInFlight})`);
  });

  it('a caller awaiting a superseded Load more resumes only when the refresh has landed', async () => {
    const { f, p } = await started(page(1, 2, 5));
    let moreSettled = false;
    const more = p.loadMore().then(() => (moreSettled = true));
    await tick();
    void p.refresh();
    await tick();
    await tick();
    assert.strictEqual(moreSettled, false, 'still waiting for the refresh');
    f.open().resolve(page(1, 2, 5));
    await more;
    assert.strictEqual(p.items.length, 2);
  });

  it('refresh during refresh: the first is aborted, only the second lands', async () => {
    const { f, p } = await started(page(1, 3, 3));
    const r1 = p.refresh();
    await tick();
    const c1 = f.open();
    const r2 = p.refresh();
    assert.ok(c1.signal.aborted);
    await tick();
    assert.strictEqual(f.inFlight, 1);
    c1.resolve({ ...page(1, 3, 3), items: [] }); // a stale answer arriving anyway
    f.open().resolve(page(1, 3, 3));
    await Promise.all([r1, r2]);
    assert.strictEqual(p.items.length, 3);
    assert.strictEqual(p.state, 'idle');
    assert.ok(f.maxInFlight <= 1);
  });

  it('cancel during refresh stops the refresh and keeps the old results', async () => {
    const { f, p } = await started(page(1, 2, 4));
    const more = p.loadMore();
    await tick();
    f.open().resolve(page(2, 2, 4));
    await more;
    const refreshing = p.refresh();
    await tick();
    const call = f.open();
    p.cancel();
    assert.ok(call.signal.aborted, 'Cancel reaches the refresh');
    await refreshing;
    assert.strictEqual(p.state, 'idle');
    assert.strictEqual(p.error, undefined);
    assert.deepStrictEqual(p.items.map((i) => i.id), ['r0', 'r1', 'r2', 'r3']);
    assert.strictEqual(p.nextToken, 'p3');
    // Load more works again afterwards, from where the old results end.
    const again = p.loadMore();
    await tick();
    assert.strictEqual(f.open().token, 'p3');
    f.open().resolve(page(3, 2, 4));
    await again;
    assert.strictEqual(p.items.length, 6);
  });

  it('Load more after a refresh is not dead: the refresh clears its run', async () => {
    const { f, p } = await started(page(1, 2, 3));
    const r = p.refresh();
    await tick();
    f.open().resolve(page(1, 2, 3));
    await r;
    assert.strictEqual(p.runningOp, undefined);
    const more = p.loadMore();
    await tick();
    assert.strictEqual(f.open().token, 'p2', 'a new request goes out');
    f.open().resolve(page(2, 2, 3));
    await more;
    assert.strictEqual(p.items.length, 4);
  });

  it('a refresh shows the new data, not the old (adopts what it fetched)', async () => {
    const { f, p } = await started(page(1, 2, 1));
    const r = p.refresh();
    await tick();
    const fresh = page(1, 2, 1);
    fresh.items[0] = { ...fresh.items[0], id: 'new-0' };
    f.open().resolve(fresh);
    await r;
    assert.deepStrictEqual(p.items.map((i) => i.id), ['new-0', 'r1']);
    assert.strictEqual(p.state, 'complete');
  });

  it('a refresh of an empty job sends one request', async () => {
    const f = new ScriptedFetch();
    const p = new ResultPager('job', f.fetch);
    const first = p.loadFirst();
    f.open().resolve({ items: [], next_page_token: null, total_size: 0 });
    await first;
    const r = p.refresh();
    await tick();
    f.open().resolve({ items: [], next_page_token: null, total_size: 0 });
    await r;
    assert.strictEqual(f.calls.length, 2);
    assert.strictEqual(p.state, 'complete');
  });

  it('a refresh of a server that always sends the same empty page with a token stops after one page', async () => {
    const f = new ScriptedFetch();
    const p = new ResultPager('job', f.fetch);
    const r = p.refresh(50);
    for (let i = 0; i < 3 && f.inFlight; i++) {
      f.open().resolve({ items: [], next_page_token: 'again', total_size: null });
      await tick();
    }
    await r;
    assert.strictEqual(f.calls.length, 1);
    assert.strictEqual(p.state, 'complete');
    assert.ok(p.stoppedEarly);
  });

  it('loadFirst with a target pages until that many results are loaded (restoring a place after a reload)', async () => {
    const f = new ScriptedFetch();
    const p = new ResultPager('job', f.fetch);
    const loading = p.loadFirst(5);
    for (let n = 1; n <= 3; n++) {
      await tick();
      f.open().resolve(page(n, 2, 10));
    }
    await loading;
    assert.strictEqual(p.items.length, 6);
    assert.strictEqual(f.calls.length, 3);
    assert.strictEqual(p.state, 'idle');
  });

  it('a failed refresh is retried as a refresh, a failed Load more as a Load more', async () => {
    const { f, p } = await started(page(1, 2, 3));
    const r = p.refresh();
    await tick();
    f.open().reject(new Error('boom'));
    await r;
    assert.strictEqual(p.state, 'error');
    assert.strictEqual(p.items.length, 2, 'kept');
    const again = p.retry();
    await tick();
    assert.strictEqual(f.open().token, undefined, 'retried from page 1');
    f.open().resolve(page(1, 2, 3));
    await again;
    const more = p.loadMore();
    await tick();
    f.open().reject(new Error('boom'));
    await more;
    const retryMore = p.retry();
    await tick();
    assert.strictEqual(f.open().token, 'p2');
    f.open().resolve(page(2, 2, 3));
    await retryMore;
    assert.strictEqual(p.items.length, 4);
  });

  it('a disposed pager starts nothing and fires nothing', async () => {
    const f = new ScriptedFetch();
    const p = new ResultPager('job', f.fetch);
    let fired = 0;
    p.onDidChange(() => fired++);
    p.dispose();
    await p.loadMore();
    await p.refresh();
    assert.strictEqual(f.calls.length, 0);
    assert.strictEqual(fired, 0);
  });
});

describe('ResultPager prefetch (scripted pages)', () => {
  const on = { prefetch: () => true };

  it('fetches the next page in the background; Load more shows it at once and prefetches the one after', async () => {
    const { f, p } = await started(page(1, 2, 4), on);
    assert.strictEqual(f.calls.length, 2, 'page 2 is asked for in the background');
    assert.strictEqual(f.calls[1].token, 'p2');
    assert.strictEqual(p.state, 'idle', 'Load more stays clickable meanwhile');
    f.open().resolve(page(2, 2, 4));
    await tick();
    let fired = 0;
    p.onDidChange(() => fired++);
    const more = p.loadMore();
    assert.strictEqual(p.items.length, 4, 'the rows are there synchronously');
    await more;
    assert.strictEqual(fired, 1, 'one change, no loading state');
    assert.strictEqual(f.calls.length, 3, 'no second request for page 2; page 3 is prefetched');
    assert.strictEqual(f.calls[2].token, 'p3');
    assert.deepStrictEqual(f.calls.map((c) => c.token), [undefined, 'p2', 'p3'], 'no page twice');
  });

  it('Load more while the background fetch is on its way waits for it instead of asking again', async () => {
    const { f, p } = await started(page(1, 2, 3), on);
    const more = p.loadMore();
    assert.strictEqual(p.state, 'loading');
    assert.strictEqual(f.calls.length, 2);
    f.open().resolve(page(2, 2, 3));
    await more;
    assert.strictEqual(p.items.length, 4);
    assert.deepStrictEqual(f.calls.map((c) => c.token), [undefined, 'p2', 'p3']);
  });

  it('a failed background fetch shows nothing; Load more then asks again', async () => {
    const { f, p } = await started(page(1, 2, 3), on);
    f.open().reject(new Error('flaky'));
    await tick();
    assert.strictEqual(p.state, 'idle');
    assert.strictEqual(p.error, undefined);
    const more = p.loadMore();
    await tick();
    assert.strictEqual(f.open().token, 'p2');
    f.open().resolve(page(2, 2, 3));
    await more;
    assert.strictEqual(p.items.length, 4);
  });

  it('after a 429 (in the background or on a click) no background fetch for 30 s or the server’s longer wait', async () => {
    let now = 1_000;
    const { f, p } = await started(page(1, 2, 9), { prefetch: () => true, now: () => now });
    f.open().reject(new LlamaCloudError({ kind: 'rateLimited', message: '429' })); // the background page 2
    await tick();
    assert.strictEqual(p.prefetchedToken, undefined, 'a failed background page is forgotten');
    assert.strictEqual(p.state, 'idle');
    const more = p.loadMore(); // the person asks: it goes out
    await tick();
    f.open().resolve(page(2, 2, 9));
    await more;
    assert.strictEqual(f.calls.length, 3, 'no background page 3 while paused');
    now += 29_000;
    const again = p.loadMore();
    await tick();
    f.open().resolve(page(3, 2, 9));
    await again;
    assert.strictEqual(f.calls.length, 4, 'still paused at 29 s');
    now += 2_000;
    const later = p.loadMore();
    await tick();
    f.open().resolve(page(4, 2, 9));
    await later;
    assert.strictEqual(f.calls.length, 6, 'after 30 s the next page is fetched in the background again');
    assert.strictEqual(f.calls[5].token, 'p5');

    // A click that meets a 429 with a longer Retry-After pauses for that long.
    f.open().resolve(page(5, 2, 9));
    await tick();
    const click = p.loadMore(); // page 5 is here: shown at once, page 6 in the background
    await click;
    f.open().reject(new LlamaCloudError({ kind: 'rateLimited', message: '429', retryAfterMs: 60_000 }));
    await tick();
    now += 45_000;
    const six = p.loadMore();
    await tick();
    f.open().resolve(page(6, 2, 9));
    await six;
    const count = f.calls.length;
    assert.strictEqual(p.prefetchedToken, undefined, 'paused for the server’s 60 s');
    now += 16_000;
    const seven = p.loadMore();
    await tick();
    f.open().resolve(page(7, 2, 9));
    await seven;
    assert.strictEqual(f.calls.length, count + 2, 'and then prefetching again');
  });

  it('no background fetch after a failed Load more, nor while off; a run error still pauses after a 429', async () => {
    let now = 0;
    const f = new ScriptedFetch();
    const p = new ResultPager('job', f.fetch, { prefetch: () => true, now: () => now });
    const failing = p.loadFirst();
    f.open().reject(new LlamaCloudError({ kind: 'rateLimited', message: '429' }));
    await failing;
    assert.strictEqual(p.state, 'error');
    assert.strictEqual(f.calls.length, 1, 'nothing in the background after a failure');
    const retry = p.retry();
    await tick();
    f.open().resolve(page(1, 2, 3));
    await retry;
    assert.strictEqual(f.calls.length, 2, 'the 429 on the click paused prefetching too');
    now += RATE_LIMIT_PAUSE_MS;
    const more = p.loadMore();
    await tick();
    f.open().resolve(page(2, 2, 3));
    await more;
    assert.strictEqual(f.calls.length, 4);
  });

  it('Cancel while a Load more waits on the background page aborts both and keeps the state true', async () => {
    const { f, p } = await started(page(1, 2, 3), { prefetch: () => true });
    const bg = f.open();
    const more = p.loadMore();
    assert.strictEqual(p.state, 'loading');
    p.cancel();
    await more;
    assert.ok(bg.signal.aborted, 'the background request is aborted');
    assert.strictEqual(p.state, 'idle');
    assert.strictEqual(p.items.length, 2);
    assert.strictEqual(p.error, undefined);
  });

  it('refresh, cancel and dispose abort the background fetch; off means off', async () => {
    const { f, p } = await started(page(1, 2, 5), on);
    const bg = f.calls[1];
    p.cancel();
    assert.ok(bg.signal.aborted);
    assert.strictEqual(p.prefetchedToken, undefined);

    const g = new ScriptedFetch();
    let enabled = false;
    const q = new ResultPager('job', g.fetch, { prefetch: () => enabled });
    const firstQ = q.loadFirst();
    g.open().resolve(page(1, 2, 5));
    await firstQ;
    assert.strictEqual(g.calls.length, 1, 'off: nothing in the background');
    enabled = true;
    const more = q.loadMore();
    await tick();
    g.open().resolve(page(2, 2, 5));
    await more;
    assert.strictEqual(g.calls.length, 3);
    const refreshing = q.refresh();
    assert.ok(g.calls[2].signal.aborted, 'refresh drops the background page');
    await tick();
    g.open().resolve(page(1, 2, 5));
    await tick();
    g.open().resolve(page(2, 2, 5));
    await refreshing;
    q.dispose();
    assert.ok(g.calls.every((c) => c.settled || c.signal.aborted));
  });
});

describe('ResultPager: the rest of what it promises', () => {
  it('a failure that is a cancel (aborted, or a cancelled error) is not an error', async () => {
    const f = new ScriptedFetch();
    const p = new ResultPager('job', f.fetch);
    const first = p.loadFirst();
    const call = f.open();
    p.cancel();
    call.reject(new Error('AbortError: the operation was aborted')); // not a LlamaCloudError
    await first;
    assert.strictEqual(p.state, 'idle');
    assert.strictEqual(p.error, undefined);

    const q = new ResultPager('job', async () => {
      throw new LlamaCloudError({ kind: 'cancelled', message: 'The request was cancelled.' });
    });
    await q.loadFirst();
    assert.strictEqual(q.state, 'idle', 'a cancelled error without our abort is a cancel too');
    assert.strictEqual(q.error, undefined);
  });

  it('a refresh stops after MAX_REFRESH_PAGES pages of a server that never ends', async () => {
    let calls = 0;
    const p = new ResultPager('job', async (token) => {
      calls++;
      const n = token ? Number(token) : 0;
      return { items: [{ id: `r${n}`, classify_job_id: 'j', file_id: null, result: null, created_at: null, updated_at: null }], next_page_token: String(n + 1), total_size: null };
    });
    await p.refresh(Number.POSITIVE_INFINITY);
    assert.strictEqual(calls, MAX_REFRESH_PAGES);
    assert.strictEqual(p.items.length, MAX_REFRESH_PAGES);
    assert.strictEqual(p.state, 'idle');
  });

  it('says how many duplicates it dropped, singular and plural, after any stop reason; loading while a run is on', async () => {
    const one = new ResultPager('job', async () => page(1, 2, 2)); // the same page, the same token, every time
    await one.loadFirst();
    await one.loadMore();
    assert.strictEqual(one.duplicatesDropped, 2);
    assert.match(one.warning ?? '', /^The server sent a page token it had already sent, .* missing\. The server sent 2 results more than once; each is shown once\.$/);
    assert.ok(one.stoppedEarly);

    const single = new ResultPager('job', async (token) => ({ ...page(token ? 2 : 1, 2, 2), items: token ? [...page(1, 2, 2).items.slice(1), ...page(2, 2, 2).items] : page(1, 2, 2).items }));
    await single.loadFirst();
    await single.loadMore();
    assert.strictEqual(single.warning, 'The server sent 1 result more than once; each is shown once.');
    assert.strictEqual(single.stoppedEarly, false);

    const f = new ScriptedFetch();
    const p = new ResultPager('job', f.fetch);
    assert.strictEqual(p.loading, false);
    const first = p.loadFirst();
    assert.strictEqual(p.loading, true);
    f.open().resolve(page(1, 2, 1));
    await first;
    assert.strictEqual(p.loading, false);
    assert.strictEqual(p.warning, undefined);
    assert.strictEqual(p.stoppedEarly, false);
  });
});
