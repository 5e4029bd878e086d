import * as assert from 'assert';
import type { FileClassification } from '../../../src/api/types';
import type { KeyValueStore } from '../../../src/model/jobList';
import { NO_MATCH, parseCondition } from '../../../src/model/resultQuery';
import { ViewQuery } from '../../../src/model/viewQuery';

class MemoryStore implements KeyValueStore {
  data = new Map<string, unknown>();
  get<T>(key: string) {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown) {
    this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}

const item = (id: string, type: string | null, confidence: number): FileClassification => ({
  id,
  classify_job_id: 'j',
  file_id: `f-${id}`,
  result: { type, confidence, reasoning: '' },
  created_at: null,
  updated_at: null,
});

const below60 = () => {
  const p = parseCondition('<0.6');
  assert.ok(p.ok && p.condition);
  return { confidenceText: '<0.6', confidence: p.condition };
};

describe('ViewQuery', () => {
  it('starts with nothing active and every result matching', () => {
    const q = new ViewQuery(new MemoryStore());
    assert.strictEqual(q.active, false);
    assert.strictEqual(q.filtered, false);
    assert.strictEqual(q.describe(), '');
    assert.strictEqual(q.matches(item('a', null, 0.1)), true);
    assert.strictEqual(q.sort, 'server');
  });

  it('a filter, order and grouping survive a reload (a new ViewQuery on the same store)', async () => {
    const store = new MemoryStore();
    const q = new ViewQuery(store);
    const events: number[] = [];
    q.onDidChange(() => events.push(q.version));
    await q.setFilter({ types: ['type:invoice', NO_MATCH], ...below60() });
    await q.setSort('confidenceAsc');
    await q.setGrouped(true);
    assert.deepStrictEqual(events, [1, 2, 3], 'one event per change');
    assert.strictEqual(q.describe(), 'invoice, No match · < 60%');

    const again = new ViewQuery(store);
    assert.strictEqual(again.describe(), 'invoice, No match · < 60%');
    assert.strictEqual(again.filter.confidenceText, '<0.6');
    assert.strictEqual(again.sort, 'confidenceAsc');
    assert.strictEqual(again.grouped, true);
    assert.strictEqual(again.matches(item('a', 'invoice', 0.5)), true);
    assert.strictEqual(again.matches(item('b', 'invoice', 0.7)), false);
    assert.strictEqual(again.matches(item('c', 'receipt', 0.1)), false);

    await again.clearFilter();
    assert.strictEqual(new ViewQuery(store).filtered, false, 'clearing is saved too');
    assert.strictEqual(new ViewQuery(store).sort, 'confidenceAsc', 'clearing the filter keeps the order');
  });

  it('hand-edited or old state keeps what is well-formed', () => {
    const store = new MemoryStore();
    store.data.set('llamaClassify.viewQuery', { types: ['type:a', 3, 'type:a', null], confidence: 'nonsense', sort: 'sideways', grouped: 'yes' });
    const q = new ViewQuery(store);
    assert.deepStrictEqual(q.filter.types, ['type:a']);
    assert.strictEqual(q.filter.confidence, undefined);
    assert.strictEqual(q.sort, 'server');
    assert.strictEqual(q.grouped, false);
    store.data.set('llamaClassify.viewQuery', 'garbage');
    assert.strictEqual(new ViewQuery(store).active, false);
  });

  it('computes a job’s rows once until its results, the query or (for a name sort) the names change', async () => {
    const q = new ViewQuery(new MemoryStore());
    const items = [item('a', 'invoice', 0.9), item('b', null, 0.2)];
    let named = 0;
    const nameOf = (i: FileClassification) => (named++, i.id);
    const first = q.results('j', items, nameOf);
    assert.strictEqual(q.results('j', items, nameOf), first, 'same inputs: the cached rows');
    items.push(item('c', 'invoice', 0.4));
    const grown = q.results('j', items, nameOf);
    assert.notStrictEqual(grown, first, 'a page appended to the same array is seen');
    assert.strictEqual(grown.total, 3);
    await q.setFilter({ types: ['type:invoice'] });
    const filtered = q.results('j', items, nameOf);
    assert.deepStrictEqual(filtered.rows.map((i) => i.id), ['a', 'c']);
    assert.deepStrictEqual([filtered.matched, filtered.total], [2, 3]);
    assert.strictEqual(q.results('j', items, nameOf, 5), filtered, 'names do not matter unless sorting by them');
    await q.setSort('fileName');
    named = 0;
    const byName = q.results('j', items, nameOf, 5);
    assert.ok(named > 0);
    assert.notStrictEqual(q.results('j', items, nameOf, 6), byName, 'new names: sorted again');
    q.forget('j');
    assert.notStrictEqual(q.results('j', items, nameOf, 6), byName);
  });
});
