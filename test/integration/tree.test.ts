import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { fakeId, fileNameFor, JOB_IDS } from '../fake-server/datasets';
import { eventually, label, setUpRig, tooltipText, type Rig } from './helpers';

describe('Results tree in the real extension host', function () {
  this.timeout(30_000);
  let rig: Rig;
  afterEach(async () => {
    await rig?.close();
  });

  it('registers every command the manifest contributes', async () => {
    rig = await setUpRig();
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
    const contributed: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(contributed.filter((c) => !registered.has(c)), []);
    assert.ok(contributed.length >= 11);
  });

  it('a multi-page job: labels, descriptions, ids, tooltips and a Load more node that pages to the end', async () => {
    rig = await setUpRig();
    const { api, server } = rig;
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
    const rows = rig.rows(JOB_IDS.multiPage);
    assert.strictEqual(rows.length, 51);
    const first = server.requests.find((r) => r.path.endsWith('/results'));
    assert.strictEqual(first?.query.page_size, '50');

    const row = rig.s.jobs.pager(JOB_IDS.multiPage).items[0];
    assert.strictEqual(rows[0].id, `result:${JOB_IDS.multiPage}/${row.id}`);
    // Type and confidence first (readable at the default sidebar width), then the file.
    assert.strictEqual(label(rows[0]), `${row.result!.type} · ${Math.round((row.result!.confidence as number) * 100)}%`);
    await eventually(() => assert.strictEqual(rig.rows(JOB_IDS.multiPage)[0].description, fileNameFor(row.result!.type, 0)));
    assert.match(tooltipText(rig.rows(JOB_IDS.multiPage)[0]), /structure of a/);
    assert.deepStrictEqual(rows[0].command?.arguments, [JOB_IDS.multiPage, row.id]);
    assert.strictEqual(new Set(rows.map((r) => r.id)).size, rows.length, 'ids are unique');

    const more = rows[50];
    assert.strictEqual(label(more), 'Load more (50 of 2,345)');
    assert.strictEqual(more.command?.command, 'llamaClassify.loadMore');

    const jobItem = rig.s.tree.getTreeItem(rig.s.tree.jobNode(JOB_IDS.multiPage)) as vscode.TreeItem;
    assert.strictEqual(label(jobItem), JOB_IDS.multiPage.slice(0, 8));
    await eventually(() =>
      assert.strictEqual((rig.s.tree.getTreeItem(rig.s.tree.jobNode(JOB_IDS.multiPage)) as vscode.TreeItem).description, 'Succeeded · 50 of 2,345 · 20+ to review'),
    );

    await vscode.workspace.getConfiguration('llamaClassify').update('pageSize', 1000, vscode.ConfigurationTarget.Global);
    for (let i = 0; i < 5 && rig.s.jobs.pager(JOB_IDS.multiPage).hasMore; i++) {
      await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage);
    }
    // Past 1,000 results the job's rows are ranges, each holding up to 1,000 results.
    const ranges = rig.rows(JOB_IDS.multiPage);
    assert.deepStrictEqual(ranges.map(label), ['1–1,000', '1,001–2,000', '2,001–2,345'], 'no Load more node once complete');
    assert.deepStrictEqual(ranges.map((r) => r.collapsibleState), [
      vscode.TreeItemCollapsibleState.Collapsed,
      vscode.TreeItemCollapsibleState.Collapsed,
      vscode.TreeItemCollapsibleState.Expanded,
    ], 'the newest results start expanded');
    const all = rig.flatRows(JOB_IDS.multiPage);
    assert.strictEqual(all.length, 2345);
    assert.strictEqual(new Set(all.map((r) => r.id)).size, 2345);
    assert.deepStrictEqual(all.map((r) => r.id), rig.s.jobs.pager(JOB_IDS.multiPage).items.map((i) => `result:${JOB_IDS.multiPage}/${i.id}`), 'in server order');
    // A result's parent is its range, and the range's is the job (reveal walks this).
    const tree = rig.s.tree;
    const last = tree.resultNode(JOB_IDS.multiPage, rig.s.jobs.pager(JOB_IDS.multiPage).items[2100].id)!;
    const parent = tree.getParent(last)!;
    assert.strictEqual((tree.getTreeItem(parent) as vscode.TreeItem).label, '2,001–2,345');
    assert.strictEqual(tree.getParent(parent), tree.jobNode(JOB_IDS.multiPage));
    assert.deepStrictEqual(
      server.requests.filter((r) => r.path.endsWith('/results')).map((r) => r.query.page_size),
      ['50', '1000', '1000', '1000'],
      'the page size setting applies without a reload',
    );
  });

  it('a double click on Load more sends one request', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
    rig.server.requests.length = 0;
    rig.server.fault({ path: '/results', delayMs: 300 });
    await Promise.all([
      vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage),
      vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage),
    ]);
    assert.strictEqual(rig.server.requests.filter((r) => r.path.endsWith('/results')).length, 1);
    assert.strictEqual(rig.rows(JOB_IDS.multiPage).length, 101);
  });

  it('a job removed while the view still asks for its rows is not loaded in the background', async () => {
    rig = await setUpRig();
    const s = rig.s;
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
    await vscode.commands.executeCommand('llamaClassify.removeJob', s.tree.jobNode(JOB_IDS.multiPage));
    rig.server.requests.length = 0;
    // What the view does when a refresh for the job was already on its way.
    assert.deepStrictEqual(s.tree.getChildren(s.tree.jobNode(JOB_IDS.multiPage)), []);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepStrictEqual(rig.server.requests.map((r) => r.path), [], 'no request for a removed job');
    assert.strictEqual(s.jobs.existingPager(JOB_IDS.multiPage), undefined);
  });

  it('Copy Job ID and Copy Result ID from a row copy exactly those IDs and say so', async () => {
    rig = await setUpRig();
    const s = rig.s;
    const copied: string[] = [];
    const realClipboard = s.clipboard;
    s.clipboard = async (text) => void copied.push(text);
    try {
      await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
      const [first] = rig.nodes(JOB_IDS.onePage);
      assert.strictEqual(first.kind, 'result');
      await vscode.commands.executeCommand('llamaClassify.copyJobId', s.tree.jobNode(JOB_IDS.onePage));
      await vscode.commands.executeCommand('llamaClassify.copyResultId', first);
      await vscode.commands.executeCommand('llamaClassify.copyJobId', first); // from a result row too
      const resultId = first.kind === 'result' ? first.item.id : '';
      assert.deepStrictEqual(copied, [JOB_IDS.onePage, resultId, JOB_IDS.onePage]);
      assert.deepStrictEqual(rig.ui.statuses, [`Copied job ID ${JOB_IDS.onePage}`, `Copied result ID ${resultId}`, `Copied job ID ${JOB_IDS.onePage}`]);
    } finally {
      s.clipboard = realClipboard;
    }
  });

  it('duplicates across pages are shown once, with a warning row', async () => {
    rig = await setUpRig();
    rig.server.setQuirks(JOB_IDS.multiPage, { duplicateAcrossPages: 10 });
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage);
    const rows = rig.rows(JOB_IDS.multiPage);
    const results = rows.filter((r) => r.contextValue === 'llamaClassify:result');
    assert.strictEqual(results.length, 90);
    assert.strictEqual(new Set(results.map((r) => r.id)).size, 90);
    const warning = rows.find((r) => r.id === `status:${JOB_IDS.multiPage}:warning`);
    assert.ok(warning);
    assert.strictEqual(label(warning), 'Some results were sent more than once');
  });

  it('loop guard: a repeated page token ends paging with a warning and no Load more node', async () => {
    rig = await setUpRig();
    rig.server.setQuirks(JOB_IDS.multiPage, { repeatToken: true });
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage);
    const rows = rig.rows(JOB_IDS.multiPage);
    assert.ok(!rows.some((r) => label(r).startsWith('Load more')));
    assert.strictEqual(label(rows[rows.length - 1]), 'Paging stopped early');
    assert.strictEqual(rows.filter((r) => r.contextValue === 'llamaClassify:result').length, 100);
  });

  it('an empty job shows a placeholder row', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.empty);
    assert.deepStrictEqual(rig.rows(JOB_IDS.empty).map(label), ['No results in this job']);
  });

  it('a pending job says so instead of "no results"', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.pending);
    await eventually(() => assert.deepStrictEqual(rig.rows(JOB_IDS.pending).map(label), ['The job is still pending']));
  });

  it('401: a "Set API key…" row and one notice, however many requests fail; the right key closes the notice and reloads each job once', async () => {
    rig = await setUpRig();
    rig.server.setApiKey('llx-rotated-key-000000');
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    await vscode.commands.executeCommand('llamaClassify.refresh');
    for (const job of [JOB_IDS.multiPage, JOB_IDS.onePage]) {
      const rows = rig.rows(job);
      assert.deepStrictEqual(rows.map(label), ['Set API key…']);
      assert.strictEqual(rows[0].command?.command, 'llamaClassify.setApiKey');
    }
    assert.strictEqual(rig.ui.notices.length, 1, JSON.stringify(rig.ui.notices));
    assert.match(rig.ui.notices[0].message, /rejected the API key/);
    assert.strictEqual(rig.ui.notices[0].action, 'llamaClassify.setApiKey');
    assert.strictEqual(rig.ui.openNotices().length, 1);

    // Recovers after setting the right key: the stale notice closes, each job is reloaded once.
    rig.server.requests.length = 0;
    const loads = new Map<string, number>();
    const sub = rig.s.jobs.onDidChangePager((p) => p.state === 'loading' && loads.set(p.jobId, (loads.get(p.jobId) ?? 0) + 1));
    rig.ui.keys.push('llx-rotated-key-000000');
    await vscode.commands.executeCommand('llamaClassify.setApiKey');
    sub.dispose();
    assert.deepStrictEqual([...loads.values()], [1, 1], 'one reload per job (a second would abort the first)');
    assert.deepStrictEqual(rig.ui.openNotices(), [], 'the "key rejected" notice is closed');
    await eventually(() => assert.strictEqual(rig.rows(JOB_IDS.onePage).length, 12));
    await eventually(() => assert.strictEqual(rig.rows(JOB_IDS.multiPage).length, 51));
    await new Promise((r) => setTimeout(r, 300));
    const results = rig.server.requests.filter((r) => r.path.endsWith('/results'));
    assert.deepStrictEqual(
      results.map((r) => r.path).sort(),
      [`/api/v1/classifier/jobs/${JOB_IDS.multiPage}/results`, `/api/v1/classifier/jobs/${JOB_IDS.onePage}/results`].sort(),
      'one reload: each job’s first page exactly once (no aborted duplicate)',
    );
    assert.match(rig.ui.messages.at(-1)?.message ?? '', /It works/);
  });

  it('404: a "Job not found" row explaining what to check', async () => {
    rig = await setUpRig();
    const missing = fakeId(0xdead, 1);
    await vscode.commands.executeCommand('llamaClassify.openJob', missing);
    const rows = rig.rows(missing);
    assert.deepStrictEqual(rows.map(label), ['Job not found']);
    assert.match(tooltipText(rows[0]), /no results for classify job|404/i);
  });

  it('a malformed job ID from the palette gets a clear message and opens nothing', async () => {
    rig = await setUpRig();
    // (`not-a-job` is well-formed as a Classify v2 ID, whose format is undocumented: prefix, dash, ID.)
    await vscode.commands.executeCommand('llamaClassify.openJob', 'not a job');
    assert.match(rig.ui.messages[0]?.message ?? '', /is not a job ID\. A classify job ID is a UUID/);
    assert.strictEqual(rig.s.jobs.jobs.length, 0);
    assert.strictEqual(rig.server.requests.length, 0);
  });

  it('the picker offers the project jobs and opens the chosen one', async () => {
    rig = await setUpRig();
    let offered: string[] = [];
    rig.ui.picks.push((_req, projectJobs) => {
      offered = projectJobs.map((j) => j.jobId);
      return projectJobs.find((j) => j.jobId === JOB_IDS.onePage)?.jobId;
    });
    await vscode.commands.executeCommand('llamaClassify.openJob');
    assert.ok(offered.includes(JOB_IDS.multiPage));
    assert.ok(!offered.includes(JOB_IDS.forbidden));
    assert.strictEqual(rig.rows(JOB_IDS.onePage).length, 12);
    assert.deepStrictEqual(rig.s.jobs.recent[0], JOB_IDS.onePage);
  });

  it('refresh keeps the number of results already loaded', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage);
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage);
    assert.strictEqual(rig.rows(JOB_IDS.multiPage).length, 151);
    await vscode.commands.executeCommand('llamaClassify.refresh', JOB_IDS.multiPage);
    assert.strictEqual(rig.rows(JOB_IDS.multiPage).length, 151);
  });

  it('a failed later page keeps the loaded rows and turns Load more into Retry', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
    rig.server.fault({ path: '/results', status: 503, times: 3 });
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage);
    let rows = rig.rows(JOB_IDS.multiPage);
    assert.strictEqual(rows.length, 51);
    assert.strictEqual(label(rows[50]), 'Retry loading more');
    assert.match(tooltipText(rows[50]), /server error \(503\)/);
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage);
    rows = rig.rows(JOB_IDS.multiPage);
    assert.strictEqual(rows.length, 101);
    assert.strictEqual(label(rows[100]), 'Load more (100 of 2,345)');
  });

  it('remove job drops it from the tree and from what is kept across reloads', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    await vscode.commands.executeCommand('llamaClassify.removeJob', rig.s.tree.jobNode(JOB_IDS.onePage));
    assert.deepStrictEqual(rig.s.tree.getChildren(), []);
    const kept = rig.s.context.globalState.get<{ id: string }[]>('llamaClassify.openedJobs') ?? [];
    assert.ok(!kept.some((j) => j.id === JOB_IDS.onePage));
  });

  it('changing the base URL setting reloads open jobs from the new server', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    const { startFakeServer } = await import('../fake-server/server');
    const other = await startFakeServer({ apiKey: rig.server.apiKey });
    try {
      await vscode.workspace.getConfiguration('llamaClassify').update('baseUrl', other.url, vscode.ConfigurationTarget.Global);
      await eventually(() => assert.ok(other.requests.some((r) => r.path.endsWith('/results'))));
    } finally {
      await other.close();
    }
  });

  it('a job loaded only by the result panel is reloaded too, so opening it later shows the new server’s pages', async () => {
    rig = await setUpRig();
    const s = rig.s;
    const first = (await rig.s.client.getResults(JOB_IDS.onePage, { pageSize: 1 })).items[0];
    await vscode.commands.executeCommand('llamaClassify.openResult', JOB_IDS.onePage, first.id);
    assert.strictEqual(s.jobs.get(JOB_IDS.onePage), undefined, 'the panel did not add the job to the tree');
    assert.ok(s.jobs.existingPager(JOB_IDS.onePage)?.started);
    const { startFakeServer } = await import('../fake-server/server');
    const other = await startFakeServer({ apiKey: rig.server.apiKey });
    try {
      await vscode.workspace.getConfiguration('llamaClassify').update('baseUrl', other.url, vscode.ConfigurationTarget.Global);
      await eventually(() => assert.ok(other.requests.some((r) => r.path.endsWith(`${JOB_IDS.onePage}/results`))));
    } finally {
      await other.close();
    }
  });
});
