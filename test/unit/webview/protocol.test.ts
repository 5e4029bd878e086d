// The result panel's message protocol and view model: the allow-list is the security boundary.
import * as assert from 'assert';
import type { FileClassification } from '../../../src/api/types';
import { parseResultsPage } from '../../../src/api/parse';
import { describeRejected, parsePanelState, parseWebviewMessage } from '../../../src/webview/protocol';
import { NO_MATCH_NOTE, NO_RESULT_NOTE, panelTitle, positionText, toResultView } from '../../../src/webview/viewModel';
import { HOSTILE, LONG_REASONING } from '../../fake-server/datasets';

describe('Result panel protocol: inbound validator', () => {
  it('accepts exactly the allow-list, as fresh objects', () => {
    const allowed = [
      { type: 'ready' },
      { type: 'prev' },
      { type: 'next' },
      { type: 'showRawJson' },
      { type: 'copy', what: 'id' },
      { type: 'copy', what: 'reasoning' },
      { type: 'copy', what: 'json' },
      { type: 'exitReview' },
      { type: 'mark', verdict: 'correct', resultId: 'a1b2c3d4-0101-4000-8000-000000000001' },
      { type: 'mark', verdict: 'wrong', resultId: 'r_1' },
      { type: 'clearMark', resultId: 'r1' },
    ];
    for (const m of allowed) {
      const parsed = parseWebviewMessage(m);
      assert.deepStrictEqual(parsed, m);
      assert.notStrictEqual(parsed, m, 'a copy, not the page’s object');
    }
  });

  it('rejects unknown types, extra fields, bad values and non-objects', () => {
    const rejected: unknown[] = [
      { type: 'runCommand', command: 'workbench.action.quit' },
      { type: 'executeCommand', command: 'llamaClassify.clearApiKey' },
      { type: 'openExternal', url: 'https://evil.example' },
      { type: 'copy', what: 'x' },
      { type: 'copy', what: 'apiKey' },
      { type: 'copy' },
      { type: 'copy', what: 'id', text: 'attacker text' },
      { type: 'copy', what: 'id', command: 'workbench.action.quit' },
      { type: 'ready', command: 'workbench.action.quit' },
      { type: 'next', by: 1000 },
      { type: 'showRawJson', path: '/etc/passwd' },
      { type: 'READY' },
      { type: ' ready' },
      { type: 'toString' },
      { type: '__proto__' },
      { type: ['ready'] },
      { type: 1 },
      { what: 'id' },
      {},
      [],
      ['ready'],
      'ready',
      '{"type":"ready"}',
      42,
      true,
      null,
      undefined,
      () => ({ type: 'ready' }),
      JSON.parse('{"type":"ready","__proto__":{"x":1}}'),
      { type: 'mark', verdict: 'correct' },
      { type: 'mark', verdict: 'maybe', resultId: 'r1' },
      { type: 'mark', verdict: 'wrong', resultId: 'r1', correctType: 'receipt' },
      { type: 'mark', verdict: 'correct', resultId: HOSTILE.script },
      { type: 'mark', verdict: 'correct', resultId: 'x'.repeat(129) },
      { type: 'mark', verdict: 'correct', resultId: 7 },
      { type: 'clearMark' },
      { type: 'clearMark', resultId: '../r1' },
      { type: 'clearMark', resultId: 'r1', jobId: 'j1' },
      { type: 'exitReview', jobId: 'j1' },
    ];
    for (const m of rejected) {assert.strictEqual(parseWebviewMessage(m), undefined, `should reject ${describeRejected(m)}`);}
  });

  it('describes a rejected payload briefly, never a large one in full', () => {
    assert.strictEqual(describeRejected({ type: 'x' }), '{"type":"x"}');
    const big = { type: 'x', blob: 'A'.repeat(10_000) };
    const d = describeRejected(big);
    assert.ok(d.length < 100 && !d.includes('AAAA'), d);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.doesNotThrow(() => describeRejected(cyclic));
    assert.strictEqual(describeRejected(undefined), 'undefined');
  });

  it('restores only an ID-shaped {jobId, resultId} state', () => {
    const ok = { jobId: 'f1e2d3c4-0001-4000-8000-000000000929', resultId: 'a1b2c3d4-0101-4000-8000-000000000001' };
    assert.deepStrictEqual(parsePanelState(ok), ok);
    assert.deepStrictEqual(parsePanelState({ ...ok, apiKey: 'llx-x', extra: 1 }), ok, 'extra fields are dropped');
    assert.deepStrictEqual(parsePanelState({ ...ok, review: true }), { ...ok, review: true }, 'review mode comes back');
    for (const review of [false, 'true', 1, {}]) { assert.deepStrictEqual(parsePanelState({ ...ok, review }), ok, `review: ${JSON.stringify(review)}`); }
    for (const bad of [undefined, null, {}, { jobId: ok.jobId }, { resultId: ok.resultId }, { jobId: 1, resultId: 2 }, { jobId: '', resultId: ok.resultId }, { jobId: '../x', resultId: ok.resultId }, { jobId: ok.jobId, resultId: HOSTILE.script }, 'x']) {
      assert.strictEqual(parsePanelState(bad), undefined, JSON.stringify(bad));
    }
  });
});

const row = (over: Partial<FileClassification> = {}): FileClassification => ({
  id: 'r1',
  classify_job_id: 'j1',
  file_id: 'f1',
  result: { type: 'invoice', confidence: 0.923, reasoning: 'Because.\n\nSecond paragraph.' },
  created_at: '2026-10-14T09:30:00.000Z',
  updated_at: '2026-10-14T09:30:03.000Z',
  ...over,
});
const ctx = { index: 2, loaded: 50, total: 2345, hasMore: true, locale: 'en-US' };

describe('Result panel view model', () => {
  it('a match: type, percentage, band and label, reasoning kept as is, dates in the locale', () => {
    const v = toResultView(row(), { ...ctx, fileName: 'invoice-0001.pdf' });
    assert.strictEqual(v.kind, 'match');
    assert.strictEqual(v.typeLabel, 'invoice');
    assert.strictEqual(v.typeNote, null);
    assert.strictEqual(v.percent, '92%');
    assert.ok(Math.abs((v.percentValue ?? 0) - 92.3) < 1e-9);
    assert.strictEqual(v.band, 'high');
    assert.strictEqual(v.bandLabel, 'High');
    assert.strictEqual(v.reasoning, 'Because.\n\nSecond paragraph.');
    assert.strictEqual(v.fileName, 'invoice-0001.pdf');
    assert.strictEqual(v.fileId, 'f1');
    assert.strictEqual(v.resultId, 'r1');
    assert.strictEqual(v.jobId, 'j1');
    assert.match(v.created ?? '', /2026/);
    assert.strictEqual(v.createdIso, '2026-10-14T09:30:00.000Z');
    assert.strictEqual(v.position, '3 of 2,345');
    assert.ok(v.canPrev && v.canNext);
  });

  it('no match, no result, and an untrusted confidence', () => {
    const noMatch = toResultView(row({ result: { type: null, confidence: 0.31, reasoning: 'None fit.' } }), ctx);
    assert.strictEqual(noMatch.typeLabel, 'No match');
    assert.strictEqual(noMatch.typeNote, NO_MATCH_NOTE);
    assert.strictEqual(noMatch.bandLabel, 'Low');

    const none = toResultView(row({ result: null }), ctx);
    assert.strictEqual(none.kind, 'noResult');
    assert.strictEqual(none.typeLabel, 'No result');
    assert.strictEqual(none.typeNote, NO_RESULT_NOTE);
    assert.strictEqual(none.percent, null);
    assert.strictEqual(none.bandLabel, 'Unknown');
    assert.strictEqual(none.reasoning, null);

    const untrusted = toResultView(row({ result: { type: 'invoice', confidence: null, confidenceIssue: '1.7 is above 1', rawConfidence: 1.7, reasoning: 'x' } }), ctx);
    assert.strictEqual(untrusted.percent, null);
    assert.strictEqual(untrusted.percentValue, null);
    assert.strictEqual(untrusted.band, 'unknown');
    assert.strictEqual(untrusted.bandLabel, 'Unknown');
    assert.strictEqual(untrusted.confidenceIssue, '1.7 is above 1');
  });

  it('an unreadable type: the note names the server once (the issue says "the server sent …" already)', () => {
    const parsed = parseResultsPage({ items: [{ id: 'r1', classify_job_id: 'j1', result: { type: 42, confidence: 0.5, reasoning: 'x' } }] }).items[0];
    const v = toResultView(parsed, ctx);
    assert.strictEqual(v.typeNote, 'Not readable: the server sent a number (42) instead of a type.');
    assert.strictEqual(v.typeNote?.match(/server sent/g)?.length, 1);
  });

  it('keeps long and hostile text whole (the page renders it with textContent)', () => {
    const v = toResultView(row({ result: { type: HOSTILE.script, confidence: 0.5, reasoning: LONG_REASONING } }), ctx);
    assert.strictEqual(v.reasoning, LONG_REASONING, 'nothing truncated');
    assert.strictEqual(v.typeLabel, HOSTILE.script);
  });

  it('position and navigation at the ends of the list', () => {
    assert.strictEqual(positionText(0, 12, 12, false), '1 of 12');
    assert.strictEqual(positionText(49, 50, undefined, true), '50 of 50 loaded');
    assert.strictEqual(positionText(-1, 50, 100, true), 'Not in the loaded results');
    const first = toResultView(row(), { index: 0, loaded: 12, total: 12, hasMore: false });
    assert.ok(!first.canPrev && first.canNext);
    const last = toResultView(row(), { index: 11, loaded: 12, total: 12, hasMore: false });
    assert.ok(last.canPrev && !last.canNext);
    const lastLoaded = toResultView(row(), { index: 49, loaded: 50, total: 2345, hasMore: true });
    assert.ok(lastLoaded.canNext, 'Next loads the next page');
    const gone = toResultView(row(), { index: -1, loaded: 50, hasMore: true });
    assert.ok(!gone.canPrev && !gone.canNext);
  });

  it('the mark and, while reviewing, the queue title and the queue\'s Previous/Next', () => {
    const plain = toResultView(row(), ctx);
    assert.strictEqual(plain.mark, null);
    assert.strictEqual(plain.review, null);
    const v = toResultView(row(), { ...ctx, mark: { verdict: 'wrong', correctType: 'receipt', note: 'paid', at: 'x' }, review: { title: 'Review 3 of 17 · below 60%', canPrev: false, canNext: false } });
    assert.deepStrictEqual(v.mark, { verdict: 'wrong', text: 'Wrong type (should be receipt)', note: 'paid' });
    assert.deepStrictEqual(v.review, { title: 'Review 3 of 17 · below 60%' });
    assert.ok(!v.canPrev && !v.canNext, 'the queue decides, not the position in the job');
    assert.deepStrictEqual(toResultView(row(), { ...ctx, mark: { verdict: 'correct', at: 'x' } }).mark, { verdict: 'correct', text: 'Correct', note: null });
  });

  it('dates: missing stay null, invalid locales fall back, titles use the name or a short ID', () => {
    const v = toResultView(row({ created_at: null, updated_at: null }), ctx);
    assert.strictEqual(v.created, null);
    assert.strictEqual(v.updated, null);
    assert.doesNotThrow(() => toResultView(row(), { ...ctx, locale: 'not a locale!!' }));
    assert.strictEqual(panelTitle(row(), 'a.pdf'), 'a.pdf');
    assert.strictEqual(panelTitle(row({ file_id: 'abcdef0123456' }), undefined), 'Result abcdef01');
    assert.strictEqual(panelTitle(row({ file_id: null, id: '12345678-9' }), undefined), 'Result 12345678');
  });
});
