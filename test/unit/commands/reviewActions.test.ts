// ReviewActions with a scripted Ui: what Mark as Wrong Type… asks and keeps, and the confirmation of Clear Review Marks.
import * as assert from 'assert';
import type { FileClassification } from '../../../src/api/types';
import { ReviewActions, typesByCount } from '../../../src/commands/reviewActions';
import { JobList } from '../../../src/model/jobList';
import { ResultPager } from '../../../src/model/pager';
import { ReviewMarks } from '../../../src/model/reviewMarks';
import type { Ui, WrongTypeAnswer, WrongTypeRequest } from '../../../src/ui/prompts';
import { MemoryStore } from '../model/memoryStore';

const row = (id: string, type: string | null): FileClassification => ({ id, classify_job_id: 'j', file_id: null, result: { type, confidence: 0.4, reasoning: '' }, created_at: null, updated_at: null });

function setUp() {
  const rows = [row('r0', 'invoice'), row('r1', 'receipt'), row('r2', 'invoice'), row('r3', null), row('r4', 'contract')];
  const jobs = new JobList(new MemoryStore(), (id) => new ResultPager(id, async () => ({ items: rows, next_page_token: null, total_size: rows.length })), async () => {
    throw new Error('no status');
  });
  const asked: WrongTypeRequest[] = [];
  const answers: (WrongTypeAnswer | undefined)[] = [];
  const confirms: boolean[] = [];
  const statuses: string[] = [];
  const ui = {
    askWrongType: async (req: WrongTypeRequest) => {
      asked.push(req);
      return answers.shift();
    },
    confirm: async () => {
      if (!confirms.length) { throw new Error('unexpected confirm'); }
      return confirms.shift()!;
    },
    status: (m: string) => statuses.push(m),
  } as unknown as Ui;
  const marks = new ReviewMarks(new MemoryStore());
  return { jobs, marks, actions: new ReviewActions(marks, jobs, () => ui), asked, answers, confirms, statuses };
}

describe('ReviewActions', () => {
  it('offers the loaded types (most common first) with the current one, and keeps the answer', async () => {
    const t = setUp();
    await t.jobs.pager('j').loadFirst();
    t.answers.push({ correctType: 'receipt', note: 'paid total' });
    const mark = await t.actions.markWrong('j', 'r0');
    assert.deepStrictEqual(t.asked, [{ current: 'invoice', types: ['invoice', 'contract', 'receipt'] }]);
    assert.deepStrictEqual({ ...mark, at: undefined }, { verdict: 'wrong', correctType: 'receipt', note: 'paid total', at: undefined });
    assert.deepStrictEqual(t.statuses, ['Marked as Wrong type (should be receipt)']);
    // Cancelled: nothing changes. "Don't say" again keeps the earlier type and note.
    assert.strictEqual(await t.actions.markWrong('j', 'r0'), undefined);
    assert.strictEqual(t.marks.get('j', 'r0')?.correctType, 'receipt');
    t.answers.push({});
    assert.strictEqual((await t.actions.markWrong('j', 'r0'))?.correctType, 'receipt');
    assert.strictEqual(t.marks.get('j', 'r0')?.note, 'paid total');
  });

  it('clears a job only after the confirmation, and says when there is nothing to clear', async () => {
    const t = setUp();
    assert.strictEqual(await t.actions.clearJob('j'), 0);
    assert.deepStrictEqual(t.statuses, ['This job has no review marks']);
    await t.actions.markCorrect('j', 'r1');
    await t.marks.set('j', 'r2', 'wrong');
    t.confirms.push(false);
    assert.strictEqual(await t.actions.clearJob('j'), 0);
    assert.deepStrictEqual(t.marks.counts('j'), { correct: 1, wrong: 1 }, 'kept when not confirmed');
    t.confirms.push(true);
    assert.strictEqual(await t.actions.clearJob('j'), 2);
    assert.deepStrictEqual(t.marks.counts('j'), { correct: 0, wrong: 0 });
    await t.actions.clearMark('j', 'r1');
    assert.strictEqual(t.statuses.at(-1), 'This result has no review mark');
  });

  it('ranks types by count, then name, skipping "No match" and unreadable types', () => {
    const rows = [row('a', 'b'), row('b', 'a'), row('c', 'b'), row('d', null), { ...row('e', null), result: { type: null, typeIssue: 'x', confidence: 1, reasoning: '' } }];
    assert.deepStrictEqual(typesByCount(rows), ['b', 'a']);
  });
});
