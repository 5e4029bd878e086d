import * as assert from 'assert';
import { isUuid, JOB_ID_HINT, parseJobId, shortId } from '../../../src/api/jobId';

const ID = '182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e';
const OTHER = '9a0c1f2e-3b4d-4e5f-8a6b-7c8d9e0f1a2b';

describe('parseJobId', () => {
  it('accepts a bare UUID, trimmed and lower-cased', () => {
    assert.deepStrictEqual(parseJobId(`  ${ID.toUpperCase()}\n`), { ok: true, jobId: ID });
  });
  it('accepts a URL or a curl command containing the ID', () => {
    assert.deepStrictEqual(parseJobId(`https://cloud.llamaindex.ai/project/x/classify/jobs/${ID}`), { ok: true, jobId: ID });
    assert.deepStrictEqual(parseJobId(`curl https://api.cloud.llamaindex.ai/api/v1/classifier/jobs/${ID}/results -H "Authorization: Bearer $KEY"`), {
      ok: true,
      jobId: ID,
    });
  });
  it('the same ID twice is still one ID', () => {
    assert.deepStrictEqual(parseJobId(`${ID} ${ID.toUpperCase()}`), { ok: true, jobId: ID });
  });
  it('prefers the ID after /jobs/ when a URL also carries a project_id', () => {
    const url = `https://x/api/v1/classifier/jobs/${ID}/results?project_id=${OTHER}`;
    assert.deepStrictEqual(parseJobId(url), { ok: true, jobId: ID });
    assert.deepStrictEqual(parseJobId(`https://x/projects/${OTHER}/JOBS/${ID.toUpperCase()}`), { ok: true, jobId: ID });
    assert.strictEqual(parseJobId(`https://x/jobs/${'-'.repeat(36)}/${OTHER} ${ID}`).ok, false, 'only a UUID after /jobs/ counts');
  });
  it('rejects empty input, junk, truncated IDs and ambiguous text with a message saying what an ID looks like', () => {
    for (const input of ['', '   ', 'hello', ID.slice(0, 30), `${ID} and ${OTHER}`]) {
      const r = parseJobId(input);
      assert.strictEqual(r.ok, false, input);
      assert.match((r as { message: string }).message, /UUID like 182bd5e5/);
    }
  });
  it('says which problem it was', () => {
    assert.deepStrictEqual(parseJobId('  '), { ok: false, message: `Enter a job ID. ${JOB_ID_HINT}` });
    assert.deepStrictEqual(parseJobId(`${ID} and ${OTHER}`), { ok: false, message: `That text holds 2 different IDs; paste just the job ID. ${JOB_ID_HINT}` });
    assert.deepStrictEqual(parseJobId(' hello '), { ok: false, message: `“hello” is not a job ID. ${JOB_ID_HINT}` });
    const long = 'x'.repeat(41);
    assert.deepStrictEqual(parseJobId(long), { ok: false, message: `“${'x'.repeat(40)}…” is not a job ID. ${JOB_ID_HINT}` });
    assert.deepStrictEqual(parseJobId('y'.repeat(40)), { ok: false, message: `“${'y'.repeat(40)}” is not a job ID. ${JOB_ID_HINT}` });
  });
  it('the hint shows a real-looking ID', () => {
    assert.match(JOB_ID_HINT, /^A classify job ID is a UUID like 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e, or a URL that contains one\.$/);
  });
});

describe('isUuid and shortId', () => {
  it('isUuid accepts exactly one UUID in any case', () => {
    assert.strictEqual(isUuid(ID), true);
    assert.strictEqual(isUuid(ID.toUpperCase()), true);
    assert.strictEqual(isUuid(` ${ID}`), false);
    assert.strictEqual(isUuid(`${ID}0`), false);
    assert.strictEqual(isUuid(`x${ID}`), false);
    assert.strictEqual(isUuid(ID.replace(/-/g, '')), false);
    assert.strictEqual(isUuid(ID.replace('a', 'g')), false);
  });
  it('shortId keeps the first 8 characters of longer ids', () => {
    assert.strictEqual(shortId(ID), '182bd5e5');
    assert.strictEqual(shortId('12345678'), '12345678');
    assert.strictEqual(shortId('123456789'), '12345678');
    assert.strictEqual(shortId('abc'), 'abc');
  });
});
