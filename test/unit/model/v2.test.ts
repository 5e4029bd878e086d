import * as assert from 'assert';
import type { ClassifyV2Job } from '../../../src/api/types';
import { itemAccessibilityLabel, itemDescription, itemLabel } from '../../../src/model/format';
import { describeV2Filters, isV2ListKey, parseFilterDate, sanitizeV2Filters, v2JobAsItem, v2JobAsMeta, v2JobAsPage, v2ListKey, v2ListLabel } from '../../../src/model/v2';
import { toResultView } from '../../../src/webview/viewModel';

function job(over: Partial<ClassifyV2Job> = {}): ClassifyV2Job {
  return {
    id: 'cls-1',
    status: 'COMPLETED',
    file_input: 'dfl-abc',
    document_input_type: 'file_id',
    rules: [{ type: 'invoice', description: 'A bill.' }],
    mode: 'FAST',
    configuration_id: 'cfg-1',
    parse_job_id: 'pjb-9',
    error_message: null,
    result: { type: 'invoice', confidence: 0.914, reasoning: 'r' },
    project_id: 'p',
    created_at: '2026-10-01T08:00:00Z',
    updated_at: '2026-10-01T08:01:00Z',
    ...over,
  };
}

describe('Classify v2 as result items (model/v2.ts)', () => {
  it('a v2 job is one item: its ID is both result and job ID, its document the file', () => {
    const item = v2JobAsItem(job());
    assert.strictEqual(item.id, 'cls-1');
    assert.strictEqual(item.classify_job_id, 'cls-1');
    assert.strictEqual(item.file_id, 'dfl-abc');
    assert.deepStrictEqual(item.v2, { status: 'COMPLETED', document: 'dfl-abc', document_input_type: 'file_id', rules: [{ type: 'invoice', description: 'A bill.' }], mode: 'FAST', parse_job_id: 'pjb-9', error_message: null, configuration_id: 'cfg-1' });
    assert.strictEqual(itemLabel(item, undefined), 'dfl-abc');
    assert.strictEqual(itemLabel(item, 'a.pdf'), 'a.pdf');
    assert.strictEqual(itemDescription(item), 'invoice · 91%');
  });

  it('only files get a file_id (for the Files API); a parse job or URL input labels the row itself', () => {
    const parse = v2JobAsItem(job({ document_input_type: 'parse_job_id', file_input: 'pjb-1' }));
    assert.strictEqual(parse.file_id, null);
    assert.strictEqual(itemLabel(parse, undefined), 'pjb-1');
    assert.strictEqual(v2JobAsItem(job({ document_input_type: null, file_input: 'dfl-z' })).file_id, 'dfl-z', 'type unknown: the dfl- prefix says file');
    assert.strictEqual(v2JobAsItem(job({ document_input_type: null, file_input: 'https://x/a.pdf' })).file_id, null);
    assert.strictEqual(itemLabel(v2JobAsItem(job({ file_input: null })), undefined), 'cls-1');
  });

  it('"No match", a failed job with its reason, and the page of an unfinished job', () => {
    assert.strictEqual(itemDescription(v2JobAsItem(job({ result: { type: null, confidence: 0.2, reasoning: '' } }))), 'No match · 20%');
    const failed = v2JobAsItem(job({ status: 'FAILED', result: null, error_message: 'Password protected' }));
    assert.strictEqual(itemDescription(failed), 'Failed: Password protected', 'the job rows\' words');
    assert.strictEqual(itemDescription(v2JobAsItem(job({ status: 'RUNNING', result: null }))), 'Running');
    assert.strictEqual(itemDescription(v2JobAsItem(job({ status: 'SOMETHING_NEW', result: null }))), 'SOMETHING_NEW', 'an unknown status as sent');
    assert.strictEqual(itemAccessibilityLabel(failed, undefined), 'dfl-abc: no result');
    assert.strictEqual(itemDescription(v2JobAsItem(job({ result: null }))), 'No result');
    assert.deepStrictEqual(v2JobAsPage(job({ status: 'PENDING', result: null })), { items: [], next_page_token: null, total_size: 0 });
    assert.deepStrictEqual(v2JobAsPage(job({ status: 'RUNNING', result: null })).items, []);
    assert.strictEqual(v2JobAsPage(job({ status: 'FAILED', result: null })).items.length, 1);
    const meta = v2JobAsMeta(job({ status: 'FAILED', error_message: 'x' }));
    assert.strictEqual(meta.status, 'FAILED');
    assert.strictEqual(meta.error_message, 'x');
  });

  it('the panel view: job-id and result-id are the v2 job ID, file the document, plus the v2 section', () => {
    const v = toResultView(v2JobAsItem(job({ document_input_type: 'parse_job_id', file_input: 'pjb-1' })), { index: 0, loaded: 1, hasMore: false, total: 1 });
    assert.strictEqual(v.jobId, 'cls-1');
    assert.strictEqual(v.resultId, 'cls-1');
    assert.strictEqual(v.fileId, 'pjb-1');
    assert.deepStrictEqual(v.v2, { status: 'COMPLETED', rules: [{ type: 'invoice', description: 'A bill.' }], mode: 'FAST', parseJobId: 'pjb-9', errorMessage: null, configurationId: 'cfg-1' });
    const failed = toResultView(v2JobAsItem(job({ status: 'FAILED', result: null, error_message: 'Boom' })), { index: 0, loaded: 1, hasMore: false });
    assert.strictEqual(failed.kind, 'noResult');
    assert.strictEqual(failed.typeNote, 'The Classify v2 job is FAILED: Boom; it has no result.');
    const v1 = toResultView({ id: 'r', classify_job_id: 'j', file_id: null, result: null, created_at: null, updated_at: null }, { index: 0, loaded: 1, hasMore: false });
    assert.strictEqual(v1.v2, null);
  });
});

describe('Browsed v2 lists: keys, labels, dates', () => {
  it('the same filters give the same key; different filters differ; keys fit the panel state pattern', () => {
    const a = v2ListKey({ status: 'COMPLETED', configurationId: 'cfg-1' });
    assert.strictEqual(a, v2ListKey({ configurationId: 'cfg-1', status: 'COMPLETED' }));
    assert.notStrictEqual(a, v2ListKey({ status: 'COMPLETED' }));
    assert.notStrictEqual(v2ListKey({}), v2ListKey({ status: '' + 'FAILED' }));
    assert.ok(isV2ListKey(a));
    assert.match(a, /^[A-Za-z0-9_-]{1,128}$/);
    assert.ok(!isV2ListKey('cls-123'));
  });

  it('labels say the filters, or "all jobs"', () => {
    assert.strictEqual(v2ListLabel({}), 'Classify v2 · all jobs');
    assert.strictEqual(
      describeV2Filters({ status: 'FAILED', configurationId: 'cfg-1', createdOnOrAfter: '2026-10-01T00:00:00.000Z', createdOnOrBefore: '2026-10-31T23:59:59.999Z' }),
      'status FAILED · configuration cfg-1 · created ≥ 2026-10-01 · created ≤ 2026-10-31',
    );
    assert.strictEqual(describeV2Filters({ createdOnOrAfter: '2026-10-01T09:30:00.000Z' }), 'created ≥ 2026-10-01T09:30:00.000Z');
  });

  it('dates: a day covers the whole day, a date-time is kept, anything else is refused with an example', () => {
    assert.deepStrictEqual(parseFilterDate(' 2026-10-01 ', 'start'), { ok: true, iso: '2026-10-01T00:00:00.000Z' });
    assert.deepStrictEqual(parseFilterDate('2026-10-01', 'end'), { ok: true, iso: '2026-10-01T23:59:59.999Z' });
    assert.deepStrictEqual(parseFilterDate('2026-10-01T09:30:00Z', 'end'), { ok: true, iso: '2026-10-01T09:30:00.000Z' });
    for (const bad of ['2026-02-30', 'yesterday', '01/10/2026', '']) {
      const r = parseFilterDate(bad, 'start');
      assert.strictEqual(r.ok, false, bad);
    }
    assert.match((parseFilterDate('soon', 'start') as { message: string }).message, /2026-10-01/);
  });

  it('filters from state keep well-formed strings only', () => {
    assert.deepStrictEqual(sanitizeV2Filters({ status: 'FAILED', configurationId: 3, createdOnOrAfter: '', x: 'y' }), { status: 'FAILED' });
    assert.strictEqual(sanitizeV2Filters('nope'), undefined);
  });
});
