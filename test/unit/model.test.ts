import * as assert from 'assert';
import type { FileClassification } from '../../src/api/types';
import { FileNameCache } from '../../src/model/fileNames';
import {
  confidenceBand,
  formatProgress,
  itemAccessibilityLabel,
  itemDescription,
  itemLabel,
  reasoningPreview,
} from '../../src/model/format';
import { JobList, type KeyValueStore } from '../../src/model/jobList';
import { NotifyGate } from '../../src/model/notifyGate';
import { ResultPager } from '../../src/model/pager';

const row = (over: Partial<FileClassification> = {}): FileClassification => ({
  id: 'r1',
  classify_job_id: 'j1',
  file_id: 'f1',
  result: { type: 'invoice', confidence: 0.923, reasoning: 'Because.' },
  created_at: null,
  updated_at: null,
  ...over,
});

describe('result text', () => {
  it('labels by file name, else file ID, else result ID', () => {
    assert.strictEqual(itemLabel(row(), 'a.pdf'), 'a.pdf');
    assert.strictEqual(itemLabel(row(), undefined), 'f1');
    assert.strictEqual(itemLabel(row({ file_id: null }), undefined), 'r1');
  });
  it('describes type and confidence, No match, No result, and untrusted confidence', () => {
    assert.strictEqual(itemDescription(row()), 'invoice · 92%');
    assert.strictEqual(itemDescription(row({ result: { type: null, confidence: 0.31, reasoning: '' } })), 'No match · 31%');
    assert.strictEqual(itemDescription(row({ result: null })), 'No result');
    assert.strictEqual(itemDescription(row({ result: { type: 'x', confidence: null, reasoning: '', confidenceIssue: 'NaN' } })), 'x · confidence ?');
  });
  it('bands confidence and reads it out for screen readers', () => {
    assert.deepStrictEqual([0.95, 0.8, 0.79, 0.5, 0.49, null].map(confidenceBand), ['high', 'high', 'medium', 'medium', 'low', 'unknown']);
    assert.strictEqual(itemAccessibilityLabel(row(), 'a.pdf'), 'a.pdf: type invoice, confidence 92%, high');
  });
  it('counts with thousands separators, and says "loaded" when the total is unknown', () => {
    assert.strictEqual(formatProgress(50, 2345), '50 of 2,345');
    assert.strictEqual(formatProgress(50, undefined), '50 loaded');
  });
  it('previews reasoning on one line with an ellipsis', () => {
    assert.strictEqual(reasoningPreview('a\n\nb   c'), 'a b c');
    assert.strictEqual(reasoningPreview('x'.repeat(300), 10), `${'x'.repeat(9)}…`);
  });
});

describe('NotifyGate', () => {
  it('shows a topic once per cooldown and never twice at the same time', async () => {
    let now = 0;
    const gate = new NotifyGate(60_000, () => now);
    let shown = 0;
    let release!: () => void;
    const first = gate.notify('auth', () => new Promise<void>((r) => ((release = r), shown++)));
    await gate.notify('auth', async () => shown++);
    release();
    await first;
    now = 30_000;
    await gate.notify('auth', async () => shown++);
    assert.strictEqual(shown, 1);
    now = 61_000;
    await gate.notify('auth', async () => shown++);
    assert.strictEqual(shown, 2);
    gate.reset('auth');
    await gate.notify('auth', async () => shown++);
    assert.strictEqual(shown, 3);
  });
});

class MemoryStore implements KeyValueStore {
  data = new Map<string, unknown>();
  get<T>(key: string) {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown) {
    this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}

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

  it('reads a job status once at a time, and remembers a failed read so it can be retried later', async () => {
    let calls = 0;
    let fail = true;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const list = new JobList(new MemoryStore(), noPages, async (id) => {
      calls++;
      await gate;
      if (fail) throw new Error('down');
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

describe('FileNameCache', () => {
  it('asks for each file ID once, in one batch, and survives a failing lookup', async () => {
    const calls: string[][] = [];
    let fail = true;
    const cache = new FileNameCache(async (ids) => {
      calls.push(ids);
      if (fail) throw new Error('down');
      return new Map(ids.map((id) => [id, { id, name: `${id}.pdf`, file_type: null, file_size: null }]));
    });
    await cache.resolve(['a', 'b', null, 'a']);
    assert.strictEqual(cache.get('a'), undefined);
    fail = false;
    await cache.resolve(['a', 'c']);
    assert.deepStrictEqual(calls, [['a', 'b'], ['c']]);
    assert.strictEqual(cache.get('c'), 'c.pdf');
    cache.clear();
    await cache.resolve(['a']);
    assert.strictEqual(cache.get('a'), 'a.pdf');
  });
});
