import * as assert from 'assert';
import { isUuid, JOB_ID_HINT, parseJobId, shortId, versionFromShape } from '../../../src/api/jobId';

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
      version: 'v1', // the v1 route in the URL says which API it is
    });
  });
  it('the same ID twice is still one ID', () => {
    assert.deepStrictEqual(parseJobId(`${ID} ${ID.toUpperCase()}`), { ok: true, jobId: ID });
  });
  it('prefers the ID after /jobs/ when a URL also carries a project_id', () => {
    const url = `https://x/api/v1/classifier/jobs/${ID}/results?project_id=${OTHER}`;
    assert.deepStrictEqual(parseJobId(url), { ok: true, jobId: ID, version: 'v1' });
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
    assert.match(JOB_ID_HINT, /^A classify job ID is a UUID like 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e, a Classify v2 job ID, or a URL that contains one\.$/);
  });
});

describe('parseJobId: Classify v2 IDs and the version an ID shows', () => {
  const V2 = 'cls-00a1b2c3d4e5';
  it('a bare UUID is ambiguous: no version', () => {
    assert.deepStrictEqual(parseJobId(ID), { ok: true, jobId: ID });
    assert.strictEqual(versionFromShape(ID), undefined);
  });
  it('a prefixed, non-UUID ID can only be v2 (v1 takes UUIDs only); its case is kept', () => {
    assert.deepStrictEqual(parseJobId(`  ${V2}\n`), { ok: true, jobId: V2, version: 'v2' });
    assert.deepStrictEqual(parseJobId('cls-AbC123_x'), { ok: true, jobId: 'cls-AbC123_x', version: 'v2' });
    assert.strictEqual(versionFromShape(V2), 'v2');
  });
  it('finds a v2 ID in a v2 API URL or a console link, and a UUID under /api/v2/classify/ is v2', () => {
    assert.deepStrictEqual(parseJobId(`https://api.cloud.llamaindex.ai/api/v2/classify/${V2}?project_id=${OTHER}`), { ok: true, jobId: V2, version: 'v2' });
    assert.deepStrictEqual(parseJobId(`https://cloud.llamaindex.ai/project/${OTHER}/classify/${V2}`), { ok: true, jobId: V2, version: 'v2' });
    assert.deepStrictEqual(parseJobId(`curl https://x/api/v2/classify/${ID.toUpperCase()} -H "Authorization: Bearer k"`), { ok: true, jobId: ID, version: 'v2' });
  });
  it('refuses a v2 input (file dfl-…, parse job pjb-…) saying what it is', () => {
    const file = parseJobId('dfl-0123456789abcdef');
    assert.strictEqual(file.ok, false);
    assert.match((file as { message: string }).message, /is a file ID .*not a job ID/);
    assert.match((parseJobId('pjb-0a1b2c3d4e5f') as { message: string }).message, /is a parse job ID/);
  });
  it('does not take hyphenated words or short tokens for IDs', () => {
    for (const input of ['hello', 'ab-c', 'not a-job-id here', 'Cls-0123456789']) { assert.strictEqual(parseJobId(input).ok, false, input); }
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
