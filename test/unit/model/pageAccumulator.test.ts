import * as assert from 'assert';
import type { ClassifyJobResultsPage } from '../../../src/api/types';
import { PageAccumulator } from '../../../src/model/pageAccumulator';

const items = (...ids: string[]) => ids.map((id) => ({ id, classify_job_id: 'j', file_id: null, result: null, created_at: null, updated_at: null }));
const page = (ids: string[], next: string | null, total: number | null = null): ClassifyJobResultsPage => ({ items: items(...ids), next_page_token: next, total_size: total });

describe('PageAccumulator', () => {
  it('keeps each result once, in server order, and counts what it dropped', () => {
    const acc = new PageAccumulator();
    assert.strictEqual(acc.append(page(['a', 'b'], 't2', 4), undefined), 2);
    assert.strictEqual(acc.append(page(['b', 'c', 'd'], null), 't2'), 2);
    assert.deepStrictEqual(acc.items.map((i) => i.id), ['a', 'b', 'c', 'd']);
    assert.strictEqual(acc.duplicatesDropped, 1);
    assert.strictEqual(acc.pagesLoaded, 2);
    assert.strictEqual(acc.reportedTotal, 4, 'a page without total_size keeps the last one');
    assert.ok(acc.done);
    assert.ok(acc.has('c') && !acc.has('z'));
    assert.strictEqual(acc.stopReason, undefined);
  });

  it('is not done before any page, nor while a token is pending', () => {
    const acc = new PageAccumulator();
    assert.strictEqual(acc.done, false);
    acc.append(page(['a'], 't2'), undefined);
    assert.strictEqual(acc.done, false);
    assert.strictEqual(acc.nextToken, 't2');
  });

  it('stops on a token it already used, and on a page with nothing new', () => {
    const repeat = new PageAccumulator();
    repeat.append(page(['a'], 't2'), undefined);
    repeat.append(page(['b'], 't2'), 't2');
    assert.strictEqual(repeat.nextToken, undefined);
    assert.match(repeat.stopReason ?? '', /already sent, so paging stopped at 2 results/);

    const nothingNew = new PageAccumulator();
    nothingNew.append(page(['a'], 't2'), undefined);
    nothingNew.append(page(['a'], 't3'), 't2');
    assert.strictEqual(nothingNew.nextToken, undefined);
    assert.match(nothingNew.stopReason ?? '', /no new results \(only repeats\)/);

    const empty = new PageAccumulator();
    empty.append(page([], 't2'), undefined);
    assert.match(empty.stopReason ?? '', /\(empty\)/);
    assert.ok(empty.done);
  });

  it('a token seen two pages ago also counts as a loop', () => {
    const acc = new PageAccumulator();
    acc.append(page(['a'], 't2'), undefined);
    acc.append(page(['b'], 't3'), 't2');
    acc.append(page(['c'], 't2'), 't3');
    assert.strictEqual(acc.nextToken, undefined);
    assert.deepStrictEqual(acc.items.map((i) => i.id), ['a', 'b', 'c']);
  });
});
