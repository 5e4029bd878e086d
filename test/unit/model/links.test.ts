import * as assert from 'assert';
import { buildLink, linkedJobId, parseLink } from '../../../src/model/links';
import { v2ListKey } from '../../../src/model/v2';

const JOB = '182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e';
const RESULT = 'a0b1c2d3-0000-4000-8000-000000000001';
const EXT = 'llamacloud-classify.llamacloud-classify-results';

/** Splits a built link the way vscode.Uri does: path and the query without `?`. */
function parts(link: string): [string, string] {
  const u = new URL(link);
  return [u.pathname, u.search.slice(1)];
}

describe('links', () => {
  it('builds a link that reads back to the same job and result', () => {
    const link = buildLink('vscode', EXT, JOB, RESULT);
    assert.strictEqual(link, `vscode://${EXT}/open?jobId=${JOB}&resultId=${RESULT}`);
    assert.deepStrictEqual(parseLink(...parts(link)), { ok: true, jobId: JOB, resultId: RESULT });
    assert.deepStrictEqual(parseLink(...parts(buildLink('code-oss', EXT, JOB))), { ok: true, jobId: JOB });
  });

  it('accepts an upper-case job ID and reads it lower-cased', () => {
    assert.deepStrictEqual(parseLink('/open', `jobId=${JOB.toUpperCase()}`), { ok: true, jobId: JOB });
  });

  it('a Classify v2 job ID links like a v1 one, its case kept', () => {
    const v2 = 'cls-0001AbCdEf12';
    const link = buildLink('vscode', EXT, v2, v2);
    assert.deepStrictEqual(parseLink(...parts(link)), { ok: true, jobId: v2, resultId: v2 });
  });

  it('a row of a browsed v2 list links to its own job (the list is no job)', () => {
    const list = v2ListKey({ status: 'COMPLETED' });
    const row = 'cls-0001abcdef12';
    assert.strictEqual(linkedJobId(list, row), row);
    assert.deepStrictEqual(parseLink(...parts(buildLink('vscode', EXT, list, row))), { ok: true, jobId: row, resultId: row });
    assert.strictEqual(linkedJobId(JOB, RESULT), JOB);
    assert.strictEqual(parseLink('/open', `jobId=${list}`).ok, false, 'a list key is not a job ID');
  });

  const refused: [string, string, string, RegExp][] = [
    ['an unknown path', '/delete', `jobId=${JOB}`, /“\/delete”, which this extension does not know/],
    ['no path', '', `jobId=${JOB}`, /“\/”/],
    ['no jobId', '/open', '', /no jobId/],
    ['an empty jobId', '/open', 'jobId=', /no jobId/],
    ['a jobId that is not an ID', '/open', 'jobId=hello', /jobId “hello” is not a classify job ID/],
    ['a URL holding an ID', '/open', `jobId=${encodeURIComponent(`https://x.test/jobs/${JOB}`)}`, /is not a classify job ID/],
    ['two jobIds', '/open', `jobId=${JOB}&jobId=${JOB}`, /jobId more than once/],
    ['an unknown parameter', '/open', `jobId=${JOB}&command=workbench.action.quit`, /unknown parameter “command”/],
    ['a resultId with markup', '/open', `jobId=${JOB}&resultId=${encodeURIComponent('<img src=x>')}`, /resultId “<img src=x>” is not a result ID/],
    ['an empty resultId', '/open', `jobId=${JOB}&resultId=`, /resultId “” is not a result ID/],
    ['a resultId with a slash', '/open', `jobId=${JOB}&resultId=a/b`, /not a result ID/],
  ];
  for (const [what, path, query, message] of refused) {
    it(`refuses ${what} with a clear reason`, () => {
      const parsed = parseLink(path, query);
      assert.strictEqual(parsed.ok, false);
      assert.match((parsed as { message: string }).message, message);
    });
  }

  it('shortens a long bad value in the message', () => {
    const parsed = parseLink('/open', `jobId=${'x'.repeat(500)}`);
    assert.ok(!parsed.ok && parsed.message.length < 120);
  });
});
