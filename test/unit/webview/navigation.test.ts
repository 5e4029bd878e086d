import * as assert from 'assert';
import type { ClassifyJobResultsPage, FileClassification } from '../../../src/api/types';
import { JobController } from '../../../src/model/controller';
import { FileNameCache } from '../../../src/model/fileNames';
import { JobList } from '../../../src/model/jobList';
import { ResultPager } from '../../../src/model/pager';
import { ResultNavigator, type Position } from '../../../src/webview/navigation';
import { MemoryStore } from '../model/memoryStore';

function setUp(count: number, size: number) {
  const calls: (string | undefined)[] = [];
  const fetch = async (token: string | undefined): Promise<ClassifyJobResultsPage> => {
    calls.push(token);
    await new Promise((r) => setTimeout(r, 5));
    const start = token ? Number(token) : 0;
    const end = Math.min(count, start + size);
    const items = [];
    for (let i = start; i < end; i++) {items.push({ id: `r${i}`, classify_job_id: 'j', file_id: null, result: null, created_at: null, updated_at: null });}
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
});
