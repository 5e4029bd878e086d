import * as assert from 'assert';
import { LlamaCloudError } from '../../../src/api/errors';
import type { ClassifyJobResultsPage, FileInfo } from '../../../src/api/types';
import { JobController } from '../../../src/model/controller';
import { FileNameCache } from '../../../src/model/fileNames';
import { JobList } from '../../../src/model/jobList';
import { ResultPager } from '../../../src/model/pager';
import { MemoryStore } from './memoryStore';

/** A job of `count` results served `size` per page, synchronously from memory (no HTTP: the model's own logic). */
function pagesOf(count: number, size: number, fail?: () => Error | undefined) {
  const calls: (string | undefined)[] = [];
  const fetch = async (token: string | undefined): Promise<ClassifyJobResultsPage> => {
    calls.push(token);
    const err = fail?.();
    if (err) { throw err; }
    const start = token ? Number(token) : 0;
    const end = Math.min(count, start + size);
    const items = [];
    for (let i = start; i < end; i++) {items.push({ id: `r${i}`, classify_job_id: 'j', file_id: `f${i}`, result: null, created_at: null, updated_at: null });}
    return { items, next_page_token: end < count ? String(end) : null, total_size: count };
  };
  return { fetch, calls };
}

function setUp(opts: { count?: number; size?: number; fail?: () => Error | undefined; store?: MemoryStore } = {}) {
  const pages = pagesOf(opts.count ?? 25, opts.size ?? 10, opts.fail);
  const lookups: string[][] = [];
  const fileNames = new FileNameCache(async (ids) => {
    lookups.push(ids);
    return new Map<string, FileInfo>(ids.map((id) => [id, { id, name: `${id}.pdf`, file_type: null, file_size: null }]));
  });
  const jobs = new JobList(opts.store ?? new MemoryStore(), (id) => new ResultPager(id, pages.fetch), async (id) => ({
    id,
    project_id: null,
    status: 'SUCCESS',
    rules: [],
    created_at: null,
    updated_at: null,
    error_message: null,
  }));
  const log: string[] = [];
  const auth: string[] = [];
  let progress = 0;
  const controller = new JobController(jobs, fileNames, {
    withViewProgress: (work) => {
      progress++;
      return work;
    },
    log: { info: (m) => log.push(m), warn: (m) => log.push(m), error: (m) => log.push(m) },
    authRejected: (e) => auth.push(e.message),
  });
  return { controller, jobs, fileNames, pages, lookups, log, auth, progress: () => progress };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('JobController', () => {
  it('loads page 1 with view progress, then remembers the count and looks up every loaded file name', async () => {
    const t = setUp();
    await t.jobs.add('j');
    await t.controller.loadFirst('j');
    await t.controller.loadMore('j');
    await tick();
    assert.strictEqual(t.progress(), 1, 'the first page shows view progress');
    assert.strictEqual(t.jobs.pager('j').items.length, 20);
    assert.strictEqual(t.jobs.get('j')?.loaded, 20);
    assert.deepStrictEqual(t.lookups.flat().length, 20, 'names for all 20 rows, each asked once');
  });

  it('after a window reload, loads as many results as were loaded before', async () => {
    const store = new MemoryStore();
    store.data.set('llamaClassify.openedJobs', [{ id: 'j', loaded: 20, expanded: true }]);
    const t = setUp({ store, count: 100, size: 10 });
    await t.controller.loadFirst('j');
    assert.strictEqual(t.jobs.pager('j').items.length, 20);
    assert.deepStrictEqual(t.pages.calls, [undefined, '10']);
  });

  it('reload: every started pager again (also one only the panel uses), up to where it was; names for all rows again on a new connection', async () => {
    const t = setUp({ count: 3000, size: 1000 });
    await t.jobs.add('listed');
    await t.controller.loadFirst('listed');
    await t.controller.loadMore('listed');
    await t.controller.loadMore('listed');
    t.jobs.pager('panel-only');
    await t.controller.loadFirst('panel-only');
    t.jobs.pager('never-started');
    await tick();
    t.pages.calls.length = 0;
    t.lookups.length = 0;
    await t.controller.reload({ newConnection: true });
    await tick();
    assert.strictEqual(t.jobs.pager('listed').items.length, 3000);
    assert.strictEqual(t.pages.calls.length, 3 + 1, 'listed: 3 pages; panel-only: 1; never-started: none');
    assert.ok(t.fileNames.get('f0'), 'the first row (beyond the last 1,000) has its name again');
    assert.strictEqual(t.lookups.flat().length, 3000);
  });

  it('reload without a new connection keeps the names it has', async () => {
    const t = setUp();
    await t.jobs.add('j');
    await t.controller.loadFirst('j');
    await tick();
    t.lookups.length = 0;
    await t.controller.reload();
    await tick();
    assert.strictEqual(t.fileNames.get('f0'), 'f0.pdf');
    assert.deepStrictEqual(t.lookups, []);
  });

  it('reports a rejected key to the host (which shows one notice), logs every failure', async () => {
    let fail: Error | undefined = new LlamaCloudError({ kind: 'auth', message: 'LlamaCloud rejected the API key (401).' });
    const t = setUp({ fail: () => fail });
    await t.jobs.add('j');
    await t.controller.loadFirst('j');
    assert.deepStrictEqual(t.auth, ['LlamaCloud rejected the API key (401).']);
    fail = new LlamaCloudError({ kind: 'permission', message: 'no access (403)' });
    await t.controller.loadMore('j');
    assert.strictEqual(t.auth.length, 1, 'a 403 is not a rejected key');
    assert.strictEqual(t.log.filter((l) => l.startsWith('Job j:')).length, 2);
    fail = undefined;
    await t.controller.loadMore('j');
    assert.strictEqual(t.jobs.pager('j').state, 'idle');
  });

  it('refreshJob re-reads a listed job and its pages; a job never loaded sends nothing', async () => {
    const t = setUp();
    await t.controller.refreshJob('nothing');
    assert.deepStrictEqual(t.pages.calls, []);
    await t.jobs.add('j');
    await t.controller.loadFirst('j');
    await t.controller.refreshJob('j');
    assert.deepStrictEqual(t.pages.calls, [undefined, undefined]);
  });

  it('locate finds a result on a later page (bounded), and explains when it cannot', async () => {
    const t = setUp({ count: 100, size: 10 });
    const found = await t.controller.locate('j', 'r35');
    assert.strictEqual(found.item?.id, 'r35');
    assert.strictEqual(t.jobs.pager('j').items.length, 40);
    const far = await t.controller.locate('j', 'r99', 2);
    assert.strictEqual(far.item, undefined);
    assert.match(far.reason, /not found in the first 60 results/);
    const gone = await t.controller.locate('j', 'nope');
    assert.match(gone.reason, /is not in job j any more/);
  });

  it('does nothing after a load for a pager that was dropped meanwhile', async () => {
    const t = setUp();
    await t.jobs.add('j');
    const loading = t.controller.loadFirst('j');
    await t.jobs.remove('j');
    await loading;
    await tick();
    assert.deepStrictEqual(t.lookups, []);
    assert.strictEqual(t.jobs.get('j'), undefined);
  });
});

describe('JobController: what each path does and does not do', () => {
  it('loadFirst on a started job neither shows progress nor fetches again', async () => {
    const t = setUp();
    await t.jobs.add('j');
    await t.controller.loadFirst('j');
    await t.controller.loadFirst('j');
    assert.strictEqual(t.progress(), 1);
    assert.deepStrictEqual(t.pages.calls, [undefined]);
  });

  it('Load more after a failed refresh retries the refresh (from page 1), after a failed page that page', async () => {
    let failNext = false;
    const t = setUp({ count: 30, size: 10, fail: () => (failNext ? ((failNext = false), new Error('boom')) : undefined) });
    await t.jobs.add('j');
    await t.controller.loadFirst('j');
    failNext = true;
    await t.controller.refreshJob('j');
    assert.strictEqual(t.jobs.pager('j').state, 'error');
    t.pages.calls.length = 0;
    await t.controller.loadMore('j');
    assert.deepStrictEqual(t.pages.calls, [undefined], 'the refresh again');
    failNext = true;
    await t.controller.loadMore('j');
    t.pages.calls.length = 0;
    await t.controller.loadMore('j');
    assert.deepStrictEqual(t.pages.calls, ['10'], 'the failed page again');
  });

  it('re-reads the status of listed jobs on refresh and reload, not of others; again after results when it could not be read', async () => {
    const store = new MemoryStore();
    const t = setUp({ store });
    const reads: string[] = [];
    let statusDown = true;
    const jobs = new JobList(store, (id) => new ResultPager(id, t.pages.fetch), async (id) => {
      reads.push(id);
      if (statusDown) { throw new Error('down'); }
      return { id, project_id: null, status: 'SUCCESS', rules: [], created_at: null, updated_at: null, error_message: null };
    });
    const controller = new JobController(jobs, t.fileNames, { withViewProgress: (w) => w, log: { info() {}, warn() {}, error() {} }, authRejected() {} });
    await jobs.add('listed');
    await jobs.refreshMeta('listed');
    assert.strictEqual(jobs.statusUnread('listed'), true);
    statusDown = false;
    reads.length = 0;
    await controller.loadFirst('listed');
    await tick();
    assert.deepStrictEqual(reads, ['listed'], 'read again once results load');
    await controller.loadFirst('panel-only');
    await controller.refreshJob('panel-only');
    await controller.refreshJob('listed');
    await controller.reload();
    await tick();
    assert.deepStrictEqual(reads, ['listed', 'listed', 'listed']);
    assert.strictEqual(jobs.get('listed')?.meta?.status, 'SUCCESS');
    assert.strictEqual(jobs.get('panel-only'), undefined);
  });

  it('remembers the loaded count only for listed jobs, and looks up no names for an empty job', async () => {
    const t = setUp({ count: 0 });
    await t.controller.loadFirst('unlisted');
    await t.jobs.add('empty');
    await t.controller.loadFirst('empty');
    await tick();
    assert.strictEqual(t.jobs.get('empty')?.loaded, undefined, 'nothing loaded: nothing to remember');
    assert.deepStrictEqual(t.lookups, []);
    const u = setUp({ count: 5 });
    await u.controller.loadFirst('unlisted');
    await tick();
    assert.strictEqual(u.jobs.get('unlisted'), undefined, 'an unlisted job is not added by remembering');
  });

  it('cancel stops a slow first page; locate returns a loaded result without a request and explains a failing job', async () => {
    const calls: (string | undefined)[] = [];
    let mode: 'slow' | 'ok' | 'auth' = 'slow';
    const jobs = new JobList(new MemoryStore(), (id) =>
      new ResultPager(id, (token, signal) => {
        calls.push(token);
        if (mode === 'auth') { return Promise.reject(new LlamaCloudError({ kind: 'auth', status: 401, message: 'LlamaCloud rejected the API key (401).' })); }
        if (mode === 'slow') {
          return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new LlamaCloudError({ kind: 'cancelled', message: 'cancelled' }))));
        }
        return Promise.resolve({ items: [{ id: 'r0', classify_job_id: 'j', file_id: null, result: null, created_at: null, updated_at: null }], next_page_token: null, total_size: 1 });
      }),
      async () => { throw new Error('no status'); },
    );
    const auth: string[] = [];
    const controller = new JobController(jobs, new FileNameCache(async () => new Map()), { withViewProgress: (w) => w, log: { info() {}, warn() {}, error() {} }, authRejected: (e) => auth.push(e.message) });
    const loading = controller.loadFirst('j');
    controller.cancel('j');
    await loading;
    assert.strictEqual(jobs.pager('j').state, 'idle');
    mode = 'ok';
    const found = await controller.locate('j', 'r0');
    assert.strictEqual(found.item?.id, 'r0');
    calls.length = 0;
    assert.strictEqual((await controller.locate('j', 'r0')).item?.id, 'r0');
    assert.deepStrictEqual(calls, [], 'already loaded: no request');
    mode = 'auth';
    const failed = await controller.locate('k', 'r0');
    assert.strictEqual(failed.authProblem, true);
    assert.strictEqual(failed.reason, "couldn't load job k: LlamaCloud rejected the API key (401).");
    mode = 'ok';
    const retried = await controller.locate('k', 'r0');
    assert.strictEqual(retried.item?.id, 'r0', 'a job that failed before is tried again');
    controller.cancel('never-opened'); // nothing to cancel: no error
  });
});

describe('JobController.loadAll', () => {
  it('loads every page, reporting progress before each page and at the end', async () => {
    const { controller, pages } = setUp({ count: 25, size: 10 });
    const seen: number[] = [];
    const out = await controller.loadAll('j', { limit: 1000, onProgress: (p) => seen.push(p.items.length) });
    assert.deepStrictEqual(out, { outcome: 'complete', loaded: 25, total: 25, error: undefined });
    assert.deepStrictEqual(pages.calls, [undefined, '10', '20']);
    assert.deepStrictEqual(seen, [10, 20, 25]);
  });

  it('waits for a promise onProgress returns before the next page; a rejection ends loadAll with it', async () => {
    const { controller, pages } = setUp({ count: 25, size: 10 });
    const order: string[] = [];
    await controller.loadAll('j', {
      limit: 1000,
      onProgress: async (p) => {
        order.push(`start ${p.items.length} after ${pages.calls.length} calls`);
        await new Promise((r) => setTimeout(r, 5));
        order.push(`end ${p.items.length} after ${pages.calls.length} calls`);
      },
    });
    assert.deepStrictEqual(order, ['start 10 after 1 calls', 'end 10 after 1 calls', 'start 20 after 2 calls', 'end 20 after 2 calls', 'start 25 after 3 calls', 'end 25 after 3 calls']);
    const t = setUp({ count: 25, size: 10 });
    await assert.rejects(t.controller.loadAll('j', { limit: 1000, onProgress: async () => { throw new Error('disk full'); } }), /disk full/);
    assert.deepStrictEqual(t.pages.calls, [undefined], 'no page after the failure');
  });

  it('stops at the limit, and loads no page for a job already complete', async () => {
    const { controller, pages } = setUp({ count: 50, size: 10 });
    const out = await controller.loadAll('j', { limit: 20 });
    assert.strictEqual(out.outcome, 'limit');
    assert.strictEqual(out.loaded, 20);
    assert.strictEqual(out.total, 50);
    const again = await controller.loadAll('j', { limit: 1000 });
    assert.strictEqual(again.outcome, 'complete');
    pages.calls.length = 0;
    assert.strictEqual((await controller.loadAll('j', { limit: 1000 })).outcome, 'complete');
    assert.deepStrictEqual(pages.calls, []);
  });

  it('a cancel keeps what is loaded; a failure is reported, not retried, and retried once by the next Load all', async () => {
    let failNext = false;
    const { controller, pages, jobs } = setUp({ count: 40, size: 10, fail: () => (failNext ? new Error('boom') : undefined) });
    const abort = new AbortController();
    const out = await controller.loadAll('j', { limit: 1000, onProgress: (p) => { if (p.items.length >= 20) { abort.abort(); } }, signal: abort.signal });
    assert.strictEqual(out.outcome, 'cancelled');
    assert.strictEqual(jobs.pager('j').items.length, 20);
    failNext = true;
    const failed = await controller.loadAll('j', { limit: 1000 });
    assert.strictEqual(failed.outcome, 'error');
    assert.strictEqual(failed.error?.message, 'boom');
    assert.strictEqual(failed.loaded, 20);
    failNext = false;
    pages.calls.length = 0;
    assert.strictEqual((await controller.loadAll('j', { limit: 1000 })).outcome, 'complete');
    assert.deepStrictEqual(pages.calls, ['20', '30']);
  });

  it('stops when the job is removed meanwhile, instead of paging a new pager for it', async () => {
    const { controller, pages, jobs } = setUp({ count: 100, size: 10 });
    await jobs.add('j');
    const out = await controller.loadAll('j', { limit: 1000, onProgress: async (p) => { if (p.items.length >= 20) { await jobs.remove('j'); } } });
    assert.strictEqual(out.outcome, 'cancelled');
    assert.deepStrictEqual(pages.calls, [undefined, '10'], 'no page after the removal');
  });
});
