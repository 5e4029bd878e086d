import * as assert from 'assert';
import { JobList } from '../../../src/model/jobList';
import { ResultPager } from '../../../src/model/pager';
import { v2ListKey } from '../../../src/model/v2';
import { MemoryStore } from './memoryStore';

describe('JobList', () => {
  const noPages = (id: string) => new ResultPager(id, async () => ({ items: [], next_page_token: null, total_size: 0 }));
  const job = async (id: string) => ({ id, project_id: null, status: 'SUCCESS', rules: [], created_at: '2026-01-01T00:00:00Z', updated_at: null, error_message: null });

  it('keeps opened and recent jobs across instances (reloads), newest first, without duplicates', async () => {
    const store = new MemoryStore();
    const a = new JobList(store, noPages, job);
    assert.strictEqual(await a.add('j1'), true);
    assert.strictEqual(await a.add('j2'), true);
    assert.strictEqual(await a.add('j1'), false);
    await a.refreshMeta('j2');
    const b = new JobList(store, noPages, job);
    assert.deepStrictEqual(b.jobs.map((j) => j.id), ['j2', 'j1']);
    assert.deepStrictEqual(b.recent, ['j1', 'j2']);
    assert.strictEqual(b.get('j2')?.meta?.status, 'SUCCESS');
    await b.remove('j1');
    assert.deepStrictEqual(new JobList(store, noPages, job).jobs.map((j) => j.id), ['j2']);
  });

  it('a browsed v2 list is listed and kept, but is neither a recent job nor read for a status', async () => {
    const store = new MemoryStore();
    const reads: string[] = [];
    const list = new JobList(store, noPages, async (id) => {
      reads.push(id);
      return job(id);
    });
    const key = v2ListKey({ status: 'FAILED' });
    await list.add('cls-1');
    await list.add(key, { expanded: true });
    await list.refreshMeta(key);
    await list.refreshMeta('cls-1');
    assert.deepStrictEqual(reads, ['cls-1']);
    const reloaded = new JobList(store, noPages, job);
    assert.deepStrictEqual(reloaded.jobs.map((j) => j.id), [key, 'cls-1']);
    assert.strictEqual(reloaded.get(key)?.expanded, true);
    assert.deepStrictEqual(reloaded.recent, ['cls-1']);
  });

  it('reads a job status once at a time, and remembers a failed read so it can be retried later', async () => {
    let calls = 0;
    let fail = true;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const list = new JobList(new MemoryStore(), noPages, async (id) => {
      calls++;
      await gate;
      if (fail) { throw new Error('down'); }
      return job(id);
    });
    await list.add('j1');
    const reads = [list.refreshMeta('j1'), list.refreshMeta('j1'), list.refreshMeta('j1')];
    assert.strictEqual(list.statusUnread('j1'), false, 'not while a read is running');
    release();
    await Promise.all(reads);
    assert.strictEqual(calls, 1, 'concurrent reads share one request');
    assert.strictEqual(list.statusUnread('j1'), true);
    fail = false;
    await list.refreshMeta('j1');
    assert.strictEqual(calls, 2);
    assert.strictEqual(list.statusUnread('j1'), false);
    assert.strictEqual(list.get('j1')?.meta?.status, 'SUCCESS');
  });

  it('ignores corrupt stored state', () => {
    const store = new MemoryStore();
    store.data.set('llamaClassify.openedJobs', [null, 5, { id: 'ok' }, { id: 'ok' }, { nope: 1 }]);
    store.data.set('llamaClassify.recentJobs', 'junk');
    const list = new JobList(store, noPages, job);
    assert.deepStrictEqual(list.jobs.map((j) => j.id), ['ok']);
    assert.deepStrictEqual(list.recent, []);
  });
});

describe('JobList: place and memory', () => {
  const pages = (id: string) => new ResultPager(id, async () => ({ items: [], next_page_token: null, total_size: 0 }));
  const job = async (id: string) => ({ id, project_id: null, status: 'SUCCESS', rules: [], created_at: null, updated_at: null, error_message: null });

  it('remembers expanded and loaded per job across instances; ignores them for unknown jobs', async () => {
    const store = new MemoryStore();
    const a = new JobList(store, pages, job);
    await a.add('j1');
    await a.setExpanded('j1', true);
    await a.rememberLoaded('j1', 150);
    await a.setExpanded('nope', true);
    await a.rememberLoaded('nope', 5);
    const b = new JobList(store, pages, job);
    assert.deepStrictEqual(b.get('j1'), { id: 'j1', expanded: true, loaded: 150 });
    await b.add('j2', { expanded: true });
    assert.strictEqual(new JobList(store, pages, job).get('j2')?.expanded, true, 'opened expanded in one write');
    assert.strictEqual(b.get('nope'), undefined);
    await b.setExpanded('j1', false);
    assert.strictEqual(new JobList(store, pages, job).get('j1')?.expanded, undefined);
  });

  it('drops malformed remembered fields instead of the job', () => {
    const store = new MemoryStore();
    store.data.set('llamaClassify.openedJobs', [
      { id: 'j1', meta: { status: 5, created_at: {}, error_message: 'boom' }, expanded: 'yes', loaded: -3 },
      { id: 'j2', loaded: 2.5 },
    ]);
    const list = new JobList(store, pages, job);
    assert.deepStrictEqual(list.jobs, [
      { id: 'j1', meta: { status: undefined, created_at: null, error_message: 'boom' } },
      { id: 'j2' },
    ]);
  });

  it('prune drops the pagers of unlisted jobs unless kept; remove drops the job’s pager', async () => {
    const list = new JobList(new MemoryStore(), pages, job);
    await list.add('listed');
    const listed = list.pager('listed');
    const shown = list.pager('shown-in-panel');
    const stray = list.pager('stray');
    list.prune(['shown-in-panel']);
    assert.strictEqual(list.existingPager('listed'), listed);
    assert.strictEqual(list.existingPager('shown-in-panel'), shown);
    assert.strictEqual(list.existingPager('stray'), undefined);
    await stray.loadMore();
    await list.remove('listed');
    assert.strictEqual(list.existingPager('listed'), undefined);
    list.prune();
    assert.deepStrictEqual(list.allPagers(), []);
  });

  it('re-fires every pager change, and stops for dropped pagers', async () => {
    const list = new JobList(new MemoryStore(), pages, job);
    await list.add('j1');
    const seen: string[] = [];
    list.onDidChangePager((p) => seen.push(`${p.jobId}:${p.state}`));
    const pager = list.pager('j1');
    await pager.loadMore();
    assert.deepStrictEqual(seen, ['j1:loading', 'j1:complete']);
    await list.remove('j1');
    await pager.refresh();
    assert.strictEqual(seen.length, 2);
  });
});

describe('JobList: recent jobs and stored state', () => {
  const pages = (id: string) => new ResultPager(id, async () => ({ items: [], next_page_token: null, total_size: 0 }));
  const job = async (id: string) => ({ id, project_id: null, status: 'SUCCESS', rules: [], created_at: null, updated_at: null, error_message: null });

  it('keeps the 10 most recent lookups, newest first, under their own key', async () => {
    const store = new MemoryStore();
    const list = new JobList(store, pages, job);
    for (let i = 0; i < 12; i++) { await list.add(`j${i}`); }
    await list.add('j5');
    assert.deepStrictEqual(list.recent, ['j5', 'j11', 'j10', 'j9', 'j8', 'j7', 'j6', 'j4', 'j3', 'j2']);
    assert.deepStrictEqual(store.data.get('llamaClassify.recentJobs'), list.recent);
    assert.strictEqual((store.data.get('llamaClassify.openedJobs') as unknown[]).length, 12);
  });

  it('reads stored recent lookups defensively: strings only, at most 10', () => {
    const store = new MemoryStore();
    store.data.set('llamaClassify.recentJobs', [1, 'a', null, 'b', ...Array.from({ length: 20 }, (_, i) => `x${i}`)]);
    assert.deepStrictEqual(new JobList(store, pages, job).recent, ['a', 'b', 'x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7']);
    store.data.set('llamaClassify.openedJobs', [{ id: 'a', loaded: 0 }, { id: 'b', loaded: 1 }, 'junk', { id: 7 }]);
    assert.deepStrictEqual(new JobList(store, pages, job).jobs, [{ id: 'a' }, { id: 'b', loaded: 1 }]);
  });

  it('remove can keep the pager (the panel still shows the job); dispose drops every pager', async () => {
    const list = new JobList(new MemoryStore(), pages, job);
    await list.add('kept');
    await list.add('gone');
    const kept = list.pager('kept');
    list.pager('gone');
    await list.remove('kept', { keepPager: true });
    await list.remove('gone');
    assert.strictEqual(list.existingPager('kept'), kept);
    assert.strictEqual(list.existingPager('gone'), undefined);
    list.dispose();
    assert.deepStrictEqual(list.allPagers(), []);
    await kept.loadMore();
    assert.strictEqual(kept.started, false, 'a disposed pager loads nothing');
  });

  it('setExpanded and rememberLoaded write only on a change', async () => {
    let writes = 0;
    const store = new MemoryStore();
    const update = store.update.bind(store);
    store.update = async (k, v) => {
      writes++;
      await update(k, v);
    };
    const list = new JobList(store, pages, job);
    await list.add('j');
    writes = 0;
    await list.setExpanded('j', false);
    await list.rememberLoaded('j', 5);
    await list.rememberLoaded('j', 5);
    await list.setExpanded('j', true);
    await list.setExpanded('j', true);
    assert.strictEqual(writes, 2 * 2, 'two changes, each saving both keys');
  });
});
