import * as assert from 'assert';
import type { FileClassification } from '../../../src/api/types';
import { compareResults, sortRows, type ChangedRowView } from '../../../src/model/compare';

let n = 0;
function row(fileId: string | null, type: string | null | undefined, confidence: number | null = 0.9): FileClassification {
  n++;
  return { id: `r${n}`, classify_job_id: 'j', file_id: fileId, result: type === undefined ? null : { type, confidence, reasoning: '' }, created_at: null, updated_at: null };
}

describe('compare: matching two jobs', () => {
  it('matches by file_id and counts same, changed, only in A, only in B', () => {
    const a = [row('f1', 'invoice', 0.9), row('f2', 'invoice', 0.8), row('f3', 'receipt'), row('f4', null, 0.3)];
    const b = [row('f2', 'receipt', 0.7), row('f1', 'invoice', 0.5), row('f5', 'contract'), row('f4', null, 0.2)];
    const c = compareResults(a, b);
    assert.deepStrictEqual(c.counts, { same: 2, changed: 1, onlyA: 1, onlyB: 1 });
    assert.strictEqual(c.changed.length, 1);
    const ch = c.changed[0];
    assert.strictEqual(ch.fileId, 'f2');
    assert.strictEqual(ch.matchedBy, 'fileId');
    assert.deepStrictEqual([ch.a.type, ch.b.type, ch.a.confidence, ch.b.confidence, ch.delta], ['invoice', 'receipt', 0.8, 0.7, -0.1]);
    assert.deepStrictEqual(c.onlyA.map((s) => s.fileId), ['f3']);
    assert.deepStrictEqual(c.onlyB.map((s) => s.fileId), ['f5']);
  });

  it('a type change includes No match ↔ a type, No result ↔ No match and a type named "null"; an unknown confidence gives no delta', () => {
    const a = [row('f1', null), row('f2', undefined), row('f3', 'null'), row('f4', 'x', null)];
    const b = [row('f1', 'invoice'), row('f2', null), row('f3', undefined), row('f4', 'y', 0.5)];
    const c = compareResults(a, b);
    assert.deepStrictEqual(c.counts, { same: 0, changed: 4, onlyA: 0, onlyB: 0 });
    assert.deepStrictEqual(c.changed.map((r) => [r.a.kind, r.b.kind]), [['noMatch', 'match'], ['noResult', 'noMatch'], ['match', 'noResult'], ['match', 'match']]);
    assert.strictEqual(c.changed[3].delta, null);
    assert.strictEqual(c.changed[1].delta, null);
  });

  it('falls back to the file name for what file_id did not match (a file uploaded again), never matching by a missing name', () => {
    const names: Record<string, string> = { old1: 'report.pdf', new1: 'report.pdf', f2: 'b.pdf' };
    const a = [row('old1', 'invoice', 0.9), row(null, 'receipt'), row('f2', 'x')];
    const b = [row('new1', 'contract', 0.4), row(null, 'receipt'), row('f2', 'x')];
    const c = compareResults(a, b, (id) => (id ? names[id] : undefined));
    assert.deepStrictEqual(c.counts, { same: 1, changed: 1, onlyA: 1, onlyB: 1 }, 'the two rows without a file stay unmatched');
    assert.strictEqual(c.matchedByName, 1);
    assert.deepStrictEqual([c.changed[0].matchedBy, c.changed[0].fileId, c.changed[0].fileName, c.changed[0].delta], ['name', 'old1', 'report.pdf', -0.5]);
    assert.strictEqual(compareResults(a, b).counts.changed, 0, 'without names, no fallback');
  });

  it('pairs duplicate file_ids in job order and leaves the extra ones unmatched', () => {
    const a = [row('f1', 'invoice'), row('f1', 'receipt'), row('f1', 'contract')];
    const b = [row('f1', 'invoice'), row('f1', 'bank')];
    const c = compareResults(a, b);
    assert.deepStrictEqual(c.counts, { same: 1, changed: 1, onlyA: 1, onlyB: 0 });
    assert.deepStrictEqual([c.changed[0].a.type, c.changed[0].b.type], ['receipt', 'bank']);
    assert.deepStrictEqual(c.duplicates, { a: 2, b: 1 });
    assert.strictEqual(c.onlyA[0].type, 'contract');
  });

  it('compares nothing with nothing', () => {
    assert.deepStrictEqual(compareResults([], []).counts, { same: 0, changed: 0, onlyA: 0, onlyB: 0 });
  });
});

describe('compare: sorting the changed rows', () => {
  const r = (file: string, delta: number | null, confidenceA: number | null = 0.5): ChangedRowView => ({ fileId: file, file, typeA: 'a', typeB: 'b', confidenceA, confidenceB: 0.5, delta, resultA: '', resultB: '' });
  const rows = [r('b.pdf', 0.2), r('a.pdf', null), r('c.pdf', -0.3)];
  it('sorts by text and by number, both directions, unknown numbers last', () => {
    assert.deepStrictEqual(sortRows(rows, 'file').map((x) => x.file), ['a.pdf', 'b.pdf', 'c.pdf']);
    assert.deepStrictEqual(sortRows(rows, 'file', true).map((x) => x.file), ['c.pdf', 'b.pdf', 'a.pdf']);
    assert.deepStrictEqual(sortRows(rows, 'delta').map((x) => x.file), ['c.pdf', 'b.pdf', 'a.pdf']);
    assert.deepStrictEqual(sortRows(rows, 'delta', true).map((x) => x.file), ['b.pdf', 'c.pdf', 'a.pdf']);
    assert.deepStrictEqual(sortRows(rows, 'confidenceA').map((x) => x.file), ['b.pdf', 'a.pdf', 'c.pdf'], 'ties keep their order');
    assert.deepStrictEqual(rows.map((x) => x.file), ['b.pdf', 'a.pdf', 'c.pdf'], 'a copy: the input is untouched');
  });
});
