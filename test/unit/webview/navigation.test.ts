import * as assert from 'assert';
import type { ClassifyJobResultsPage, FileClassification } from '../../../src/api/types';
import { JobController } from '../../../src/model/controller';
import { FileNameCache } from '../../../src/model/fileNames';
import { JobList } from '../../../src/model/jobList';
import { ResultPager } from '../../../src/model/pager';
import { MAX_SEEK_PAGES, ResultNavigator, type Position } from '../../../src/webview/navigation';
import { MemoryStore } from '../model/memoryStore';

function setUp(count: number, size: number, type: (i: number) => string | null = () => null) {
  const calls: (string | undefined)[] = [];
  const fetch = async (token: string | undefined): Promise<ClassifyJobResultsPage> => {
    calls.push(token);
    await new Promise((r) => setTimeout(r, 5));
    const start = token ? Number(token) : 0;
    const end = Math.min(count, start + size);
    const items = [];
    for (let i = start; i < end; i++) {
      const t = type(i);
      items.push({ id: `r${i}`, classify_job_id: 'j', file_id: null, result: t === null ? null : { type: t, confidence: 0.5, reasoning: '' }, created_at: null, updated_at: null });
    }
    return { items, next_page_token: end < count ? String(end) : null, total_size: count };
  };
  const jobs = new JobList(new MemoryStore(), (id) => new ResultPager(id, fetch), async () => {
    throw new Error('no status');
  });
  const controller = new JobController(jobs, new FileNameCache(async () => new Map()), {
    withViewProgress: (w) => w,
    log: { info: () => {}, warn: () => {}, error: () => {} },
    authRejected: () => {},
  });
  const busy: string[] = [];
  const nav = new ResultNavigator(controller, (t) => busy.push(t));
  let current: Position | undefined;
  const apply = (_from: Position, item: FileClassification) => (current = { jobId: 'j', resultId: item.id });
  return { jobs, controller, nav, busy, calls, get: () => current, set: (p: Position) => (current = p), apply };
}

describe('ResultNavigator', () => {
  it('moves one result per press, even when presses queue up while a page loads', async () => {
    const t = setUp(30, 10);
    await t.controller.loadFirst('j');
    t.set({ jobId: 'j', resultId: 'r9' });
    const outcomes = await Promise.all([t.nav.step(1, t.get, t.apply), t.nav.step(1, t.get, t.apply), t.nav.step(1, t.get, t.apply)]);
    assert.deepStrictEqual(outcomes.map((o) => o.kind), ['moved', 'moved', 'moved']);
    assert.strictEqual(t.get()?.resultId, 'r12');
    assert.deepStrictEqual(t.calls, [undefined, '10'], 'the next page once');
    assert.deepStrictEqual(t.busy, ['Loading more results…']);
  });

  it('does nothing at either end', async () => {
    const t = setUp(3, 10);
    await t.controller.loadFirst('j');
    t.set({ jobId: 'j', resultId: 'r0' });
    assert.strictEqual((await t.nav.step(-1, t.get, t.apply)).kind, 'none');
    t.set({ jobId: 'j', resultId: 'r2' });
    assert.strictEqual((await t.nav.step(1, t.get, t.apply)).kind, 'none');
    assert.strictEqual(t.get()?.resultId, 'r2');
  });

  it('fetches the job again when its pages were dropped, then moves', async () => {
    const t = setUp(30, 10);
    t.set({ jobId: 'j', resultId: 'r4' });
    const outcome = await t.nav.step(-1, t.get, t.apply);
    assert.strictEqual(outcome.kind, 'moved');
    assert.strictEqual(t.get()?.resultId, 'r3');
    assert.deepStrictEqual(t.busy, ['Loading the job’s results…']);
  });

  it('says why it could not move, and never applies a move for a result that is no longer shown', async () => {
    const t = setUp(30, 10);
    t.set({ jobId: 'j', resultId: 'missing' });
    const outcome = await t.nav.step(1, t.get, t.apply);
    assert.strictEqual(outcome.kind, 'failed');
    assert.match(outcome.kind === 'failed' ? outcome.text : '', /Couldn't move to the next result: result missing is not in job j/);

    const u = setUp(30, 10);
    await u.controller.loadFirst('j');
    u.set({ jobId: 'j', resultId: 'r9' });
    const step = u.nav.step(1, u.get, u.apply);
    for (let i = 0; i < 200 && !u.busy.includes('Loading more results…'); i++) { await new Promise((r) => setTimeout(r, 1)); }
    u.set({ jobId: 'j', resultId: 'r0' }); // another result opened while the page loads
    assert.strictEqual((await step).kind, 'none');
    assert.strictEqual(u.get()?.resultId, 'r0');
  });

  describe('a filtered sequence (the review queue)', () => {
    // Results whose type is "q" are in the queue: r3, r15, r16, r27 of 30, pages of 10.
    const queued = new Set([3, 15, 16, 27]);
    const accept = (item: FileClassification) => item.result?.type === 'q';
    const make = () => setUp(30, 10, (i) => (queued.has(i) ? 'q' : 'other'));

    it('first() finds the first accepted result; steps skip the others and load pages as needed', async () => {
      const t = make();
      const first = await t.nav.first('j', accept, () => true);
      assert.strictEqual(first.kind === 'moved' && first.item.id, 'r3');
      t.set({ jobId: 'j', resultId: 'r3' });
      assert.strictEqual((await t.nav.step(1, t.get, t.apply, accept)).kind, 'moved');
      assert.strictEqual(t.get()?.resultId, 'r15', 'page 2 was loaded to find it');
      assert.deepStrictEqual(t.calls, [undefined, '10']);
      await t.nav.step(1, t.get, t.apply, accept);
      assert.strictEqual(t.get()?.resultId, 'r16');
      await t.nav.step(-1, t.get, t.apply, accept);
      await t.nav.step(-1, t.get, t.apply, accept);
      assert.strictEqual(t.get()?.resultId, 'r3', 'back past the results outside the queue');
      assert.strictEqual((await t.nav.step(-1, t.get, t.apply, accept)).kind, 'none');
      t.set({ jobId: 'j', resultId: 'r16' });
      await t.nav.step(1, t.get, t.apply, accept);
      assert.strictEqual(t.get()?.resultId, 'r27');
      const end = await t.nav.step(1, t.get, t.apply, accept);
      assert.deepStrictEqual(end, { kind: 'none', text: undefined }, 'every page is loaded: the end, nothing to say');
    });

    it('says so at the end when it loaded pages and found nothing more', async () => {
      const t = setUp(30, 10, (i) => (i === 2 ? 'q' : 'other'));
      t.set((await t.nav.first('j', accept, () => true)).kind === 'moved' ? { jobId: 'j', resultId: 'r2' } : { jobId: 'j', resultId: 'none' });
      const end = await t.nav.step(1, t.get, t.apply, accept);
      assert.deepStrictEqual(end, { kind: 'none', text: 'There are no more results to review.' });
      assert.strictEqual(t.get()?.resultId, 'r2');
      assert.deepStrictEqual(t.calls, [undefined, '10', '20']);
    });

    it('stops after a bounded number of pages per step and says how far it looked', async () => {
      const t = setUp(100_000, 10, (i) => (i === 0 ? 'q' : 'other'));
      const first = await t.nav.first('j', accept, () => true);
      assert.strictEqual(first.kind === 'moved' && first.item.id, 'r0');
      t.set({ jobId: 'j', resultId: 'r0' });
      const out = await t.nav.step(1, t.get, t.apply, accept);
      assert.strictEqual(out.kind, 'none');
      assert.match(out.kind === 'none' ? out.text ?? '' : '', /^Nothing to review in the next 209 results\. Press Next to look further\.$/);
      assert.strictEqual(t.calls.length, 1 + MAX_SEEK_PAGES, 'the first page, then the bounded number');
    });

    it('first() with nothing accepted, and a failed first page, say so', async () => {
      const t = setUp(5, 10, () => 'other');
      assert.deepStrictEqual(await t.nav.first('j', accept, () => true), { kind: 'none', text: undefined });
      const jobs = new JobList(new MemoryStore(), (id) => new ResultPager(id, async () => { throw new Error('boom'); }), async () => { throw new Error('x'); });
      const controller = new JobController(jobs, new FileNameCache(async () => new Map()), { withViewProgress: (w) => w, log: { info: () => {}, warn: () => {}, error: () => {} }, authRejected: () => {} });
      const failed = await new ResultNavigator(controller, () => {}).first('j', accept, () => true);
      assert.strictEqual(failed.kind, 'failed');
      assert.match(failed.kind === 'failed' ? failed.text : '', /Couldn't load job j: /);
    });
  });
});
