// The fault matrix, in the real extension host: for each fault, what the tree shows and what happened
// to the data. Each case runs against a fresh fake server over real HTTP.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { FakeJob, FakeResultRow } from '../fake-server/datasets';
import { fakeId, JOB_IDS } from '../fake-server/datasets';
import type { Fault, JobQuirks } from '../fake-server/server';
import { eventually, label, setUpRig, tooltipText, type Rig } from './helpers';

const config = () => vscode.workspace.getConfiguration('llamaClassify');

describe('Fault matrix: what the tree shows', function () {
  this.timeout(40_000);
  let rig: Rig;
  afterEach(async () => {
    await config().update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await rig?.close();
  });

  async function open(jobId: string, faults: Fault[] = [], quirks?: JobQuirks) {
    rig = await setUpRig();
    faults.forEach((f) => rig.server.fault(f));
    if (quirks) { rig.server.setQuirks(jobId, quirks); }
    await vscode.commands.executeCommand('llamaClassify.openJob', jobId);
    return rig.rows(jobId);
  }

  const results = (rows: vscode.TreeItem[]) => rows.filter((r) => r.contextValue === 'llamaClassify:result');
  const errorRow = (rows: vscode.TreeItem[]) => {
    assert.strictEqual(rows.length, 1, rows.map(label).join(' | '));
    assert.strictEqual(label(rows[0]), 'Couldn’t load results — click to retry');
    assert.strictEqual(rows[0].command?.command, 'llamaClassify.loadMore');
    return tooltipText(rows[0]);
  };

  it('403: a "No access to this job" row pointing at organizationId/projectId; the key is kept and no key prompt appears', async () => {
    const rows = await open(JOB_IDS.forbidden);
    assert.deepStrictEqual(rows.map(label), ['No access to this job']);
    assert.match(String(rows[0].description), /organizationId \/ projectId/);
    assert.match(tooltipText(rows[0]), /403/);
    assert.doesNotMatch(tooltipText(rows[0]), /replace|rejected the (API )?key/i);
    assert.deepStrictEqual(rig.ui.notices, [], 'no "key rejected" notice for a 403');
    assert.ok(!rig.ui.messages.some((m) => m.actions.includes('Set API Key…')));
    assert.strictEqual(await rig.s.keys.get(), rig.server.apiKey, 'the key that works for other jobs is kept');
    // The same key still opens a job it may read.
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    assert.strictEqual(rig.rows(JOB_IDS.onePage).length, 12);
  });

  it('422 malformed ID reaching the server: error row naming the field', async () => {
    rig = await setUpRig();
    // Only a v1 job can reach this route with a non-UUID (any other shape is a Classify v2 ID): an ID once answered by v1.
    await rig.s.versions.remember('not-a-uuid', 'v1');
    await rig.s.jobs.add('not-a-uuid');
    rig.nodes('not-a-uuid');
    await rig.s.jobs.pager('not-a-uuid').loadFirst();
    assert.match(errorRow(rig.rows('not-a-uuid')), /path\.classify_job_id: Input should be a valid UUID/);
  });

  it('429 with Retry-After: waits, then shows the results', async () => {
    const rows = await open(JOB_IDS.onePage, [{ path: '/results', status: 429, headers: { 'Retry-After': '1' } }]);
    assert.strictEqual(results(rows).length, 12);
    const reqs = rig.server.requests.filter((r) => r.path.endsWith('/results'));
    assert.ok(reqs[1].at - reqs[0].at >= 950);
  });

  it('429 without Retry-After, forever: a bounded wait, then a "rate limited, retry" row', async () => {
    const rows = await open(JOB_IDS.onePage, [{ path: '/results', status: 429, times: Infinity }]);
    assert.match(errorRow(rows), /rate limiting requests \(429\).*Try again shortly/);
    assert.strictEqual(rig.server.requests.filter((r) => r.path.endsWith('/results')).length, 3);
  });

  for (const status of [500, 502, 503]) {
    it(`${status} then success: the results, no error`, async () => {
      const rows = await open(JOB_IDS.onePage, [{ path: '/results', status }]);
      assert.strictEqual(results(rows).length, 12);
    });
  }

  it('503 forever: an error row after the retry budget; Retry works once the server recovers', async () => {
    const rows = await open(JOB_IDS.onePage, [{ path: '/results', status: 503, times: Infinity }]);
    assert.match(errorRow(rows), /server error \(503\) after 3 attempts/);
    rig.server.clearFaults();
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.onePage);
    assert.strictEqual(results(rig.rows(JOB_IDS.onePage)).length, 12);
  });

  it('request timeout: an error row saying the server did not answer in time', async () => {
    rig = await setUpRig();
    await config().update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    rig.server.fault({ path: '/results', delayMs: 2500, times: Infinity });
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    assert.match(errorRow(rig.rows(JOB_IDS.onePage)), /did not answer in time/);
  });

  it('connection dropped mid-body, every time: a network error row', async () => {
    const rows = await open(JOB_IDS.onePage, [{ path: '/results', kind: 'drop-mid-body', times: Infinity }]);
    assert.match(errorRow(rows), /closed before the answer was complete|terminated/);
  });

  it('HTML error page with 200: says a proxy or changed API answered', async () => {
    const rows = await open(JOB_IDS.onePage, [{ path: '/results', kind: 'html', status: 200 }]);
    assert.match(errorRow(rows), /HTML page titled “502 Bad Gateway”.*proxy/);
  });

  it('HTML error page with 502: a server error naming the page', async () => {
    const rows = await open(JOB_IDS.onePage, [{ path: '/results', kind: 'html', status: 502, times: Infinity }]);
    assert.match(errorRow(rows), /server error \(502\).*502 Bad Gateway/);
  });

  it('malformed JSON and JSON of the wrong shape: error rows saying what was wrong', async () => {
    assert.match(errorRow(await open(JOB_IDS.onePage, [{ path: '/results', kind: 'malformed-json' }])), /malformed JSON/);
    await rig.close();
    assert.match(errorRow(await open(JOB_IDS.onePage, [{ path: '/results', kind: 'wrong-shape' }])), /`response\.items` should be an array/);
  });

  it('a server that ignores page_token: page 1 once, then a "paging stopped early" row', async () => {
    await open(JOB_IDS.multiPage, [], { ignorePageToken: true });
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage);
    const rows = rig.rows(JOB_IDS.multiPage);
    assert.strictEqual(results(rows).length, 50);
    assert.strictEqual(new Set(results(rows).map((r) => r.id)).size, 50);
    assert.strictEqual(label(rows[rows.length - 1]), 'Paging stopped early');
  });

  it('total_size missing: "50 loaded"; wrong: never fewer than loaded, exact when complete', async () => {
    await open(JOB_IDS.multiPage, [], { totalSize: 'missing' });
    assert.strictEqual(label(rig.rows(JOB_IDS.multiPage)[50]), 'Load more (50 loaded)');
    await rig.close();
    await open(JOB_IDS.onePage, [], { totalSize: 'wrong' });
    await eventually(() =>
      assert.match(String((rig.s.tree.getTreeItem(rig.s.tree.jobNode(JOB_IDS.onePage)) as vscode.TreeItem).description), /12 of 12/),
    );
  });

  it('result, type and file_id null; confidence NaN, 1.7 and -0.2: readable rows, nothing trusted blindly', async () => {
    const rows = await open(JOB_IDS.edgeCases);
    const items = rig.s.jobs.pager(JOB_IDS.edgeCases).items;
    assert.strictEqual(label(rows[1]), 'No match · 31%');
    assert.strictEqual(label(rows[2]), 'No result');
    assert.strictEqual(rows[3].description, items[3].id.slice(0, 8), 'no file id: the short result id');
    for (const i of [6, 7, 8]) {
      assert.match(label(rows[i]), /· confidence \?$/);
      assert.match(tooltipText(rows[i]), /confidence unknown: the server sent/);
    }
  });

  it('a 1 MB reasoning loads, and the tooltip shows only its start', async () => {
    rig = await setUpRig();
    const id = fakeId(0x0b16, 1);
    const huge = 'Lorem ipsum dolor sit amet. '.repeat(40_000);
    const row: FakeResultRow = { id: fakeId(0x0b17, 1), classify_job_id: id, file_id: null, result: { type: 'invoice', confidence: 0.9, reasoning: huge } };
    const job: FakeJob = { id, label: 'huge', status: 'SUCCESS', created_at: '2026-01-01T00:00:00Z', count: 1, row: () => row };
    rig.server.addJob(job);
    await vscode.commands.executeCommand('llamaClassify.openJob', id);
    const rows = rig.rows(id);
    assert.strictEqual(rig.s.jobs.pager(id).items[0].result?.reasoning.length, huge.length);
    assert.ok(tooltipText(rows[0]).length < 1000);
  });

  it('the user cancels a slow load: loaded rows stay and Load more comes back', async () => {
    await open(JOB_IDS.multiPage);
    rig.server.fault({ path: '/results', delayMs: 10_000 });
    const loading = vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage);
    await eventually(() => assert.strictEqual(label(rig.rows(JOB_IDS.multiPage)[50]), 'Loading more…'));
    assert.strictEqual(rig.rows(JOB_IDS.multiPage)[50].command, undefined, 'no command while loading');
    await vscode.commands.executeCommand('llamaClassify.cancelLoad', JOB_IDS.multiPage);
    await loading;
    const rows = rig.rows(JOB_IDS.multiPage);
    assert.strictEqual(results(rows).length, 50);
    assert.strictEqual(label(rows[50]), 'Load more (50 of 2,345)');
  });

  it('cancelling the first page leaves a "click to load" row that loads it', async () => {
    rig = await setUpRig();
    rig.server.fault({ path: '/results', delayMs: 10_000 });
    const opening = vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    await eventually(() => assert.ok(rig.s.jobs.existingPager(JOB_IDS.onePage)?.loading));
    await vscode.commands.executeCommand('llamaClassify.cancelLoad', JOB_IDS.onePage);
    await opening;
    assert.deepStrictEqual(rig.rows(JOB_IDS.onePage).map(label), ['Loading was cancelled — click to load']);
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.onePage);
    assert.strictEqual(results(rig.rows(JOB_IDS.onePage)).length, 12);
  });

  it('the network comes back after being down: the error row, then the results on retry', async () => {
    rig = await setUpRig();
    await config().update('baseUrl', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    assert.match(errorRow(rig.rows(JOB_IDS.onePage)), /Could not reach LlamaCloud at 127\.0\.0\.1:9: connection refused/);
    await config().update('baseUrl', rig.server.url, vscode.ConfigurationTarget.Global);
    await eventually(() => assert.strictEqual(results(rig.rows(JOB_IDS.onePage)).length, 12));
  });
});
