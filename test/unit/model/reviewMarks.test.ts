import * as assert from 'assert';
import { markText, MAX_NOTE_LENGTH, MAX_MARKED_JOBS, ReviewMarks } from '../../../src/model/reviewMarks';
import { MemoryStore } from './memoryStore';

describe('ReviewMarks', () => {
  const at = () => new Date('2026-11-29T12:00:00Z');

  it('keeps marks per job across instances (a reload), with the right type and note of a wrong one', async () => {
    const store = new MemoryStore();
    const a = new ReviewMarks(store, at);
    await a.set('job-1', 'r1', 'correct', { correctType: 'ignored for correct', note: ' looks right ' });
    await a.set('job-1', 'r2', 'wrong', { correctType: ' receipt ', note: 'has a paid total' });
    await a.set('job-2', 'r1', 'wrong');
    const b = new ReviewMarks(store, at);
    assert.deepStrictEqual(b.get('job-1', 'r1'), { verdict: 'correct', note: 'looks right', at: '2026-11-29T12:00:00.000Z' });
    assert.deepStrictEqual(b.get('job-1', 'r2'), { verdict: 'wrong', correctType: 'receipt', note: 'has a paid total', at: '2026-11-29T12:00:00.000Z' });
    assert.deepStrictEqual(b.get('job-2', 'r1'), { verdict: 'wrong', at: '2026-11-29T12:00:00.000Z' });
    assert.strictEqual(b.get('job-2', 'r2'), undefined);
    assert.deepStrictEqual(b.counts('job-1'), { correct: 1, wrong: 1 });
    assert.deepStrictEqual(b.markedJobs(), ['job-2', 'job-1'], 'most recently marked first');
  });

  it('re-marking replaces; clear and clearJob remove, persist and report what they did', async () => {
    const store = new MemoryStore();
    const m = new ReviewMarks(store, at);
    const fired: string[] = [];
    m.onDidChange((j) => fired.push(j));
    await m.set('j', 'r1', 'wrong', { correctType: 'invoice' });
    await m.set('j', 'r1', 'correct');
    assert.deepStrictEqual(m.counts('j'), { correct: 1, wrong: 0 });
    await m.set('j', 'r2', 'wrong');
    assert.strictEqual(await m.clear('j', 'r1'), true);
    assert.strictEqual(await m.clear('j', 'r1'), false, 'nothing left to clear');
    assert.strictEqual(new ReviewMarks(store).get('j', 'r1'), undefined);
    assert.strictEqual(await m.clearJob('j'), 1);
    assert.strictEqual(await m.clearJob('j'), 0);
    assert.deepStrictEqual(new ReviewMarks(store).markedJobs(), []);
    assert.deepStrictEqual(fired, ['j', 'j', 'j', 'j', 'j']);
  });

  it('keeps only well-formed stored marks and bounds text and the number of jobs', async () => {
    const store = new MemoryStore();
    await store.update('llamaClassify.reviewMarks', {
      good: { r1: { verdict: 'correct', at: 'x' }, r2: { verdict: 'maybe' }, 'bad id!': { verdict: 'wrong' }, r3: { verdict: 'wrong', correctType: 42, note: '' } },
      'bad job!': { r1: { verdict: 'correct' } },
      empty: {},
      list: [],
    });
    const m = new ReviewMarks(store);
    assert.deepStrictEqual(m.markedJobs(), ['good']);
    assert.deepStrictEqual([...m.marksOf('good').keys()], ['r1', 'r3']);
    assert.deepStrictEqual(m.get('good', 'r3'), { verdict: 'wrong', at: '' });
    for (const junk of [null, 'x', 42, []]) {
      await store.update('llamaClassify.reviewMarks', junk);
      assert.deepStrictEqual(new ReviewMarks(store).markedJobs(), []);
    }
    const mark = await m.set('good', 'r4', 'wrong', { note: 'n'.repeat(MAX_NOTE_LENGTH + 50), correctType: '   ' });
    assert.strictEqual(mark.note?.length, MAX_NOTE_LENGTH);
    assert.strictEqual(mark.correctType, undefined, 'a blank type is no type');
    for (let i = 0; i < MAX_MARKED_JOBS + 5; i++) { await m.set(`job${i}`, 'r', 'correct'); }
    const jobs = new ReviewMarks(store).markedJobs();
    assert.strictEqual(jobs.length, MAX_MARKED_JOBS);
    assert.strictEqual(jobs[0], `job${MAX_MARKED_JOBS + 4}`);
    assert.ok(!jobs.includes('good'), 'the least recently marked job went first');
  });

  it('stores IDs, verdicts and the person\'s text only', async () => {
    const store = new MemoryStore();
    await new ReviewMarks(store, at).set('j', 'r', 'wrong', { correctType: 'receipt', note: 'n' });
    assert.deepStrictEqual(store.data.get('llamaClassify.reviewMarks'), { j: { r: { verdict: 'wrong', correctType: 'receipt', note: 'n', at: '2026-11-29T12:00:00.000Z' } } });
  });

  it('says the mark in words', () => {
    assert.strictEqual(markText(undefined), 'Not reviewed');
    assert.strictEqual(markText({ verdict: 'correct', at: '' }), 'Correct');
    assert.strictEqual(markText({ verdict: 'wrong', at: '' }), 'Wrong type');
    assert.strictEqual(markText({ verdict: 'wrong', correctType: 'receipt', at: '' }), 'Wrong type (should be receipt)');
  });
});
