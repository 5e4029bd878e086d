// Live job status, job labels and links, in the real extension host against the fake server.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { JobList } from '../../src/model/jobList';
import { ResultPager } from '../../src/model/pager';
import { fakeId, JOB_IDS } from '../fake-server/datasets';
import { EXTENSION_ID, eventually, label, setUpRig, tooltipText, type Rig } from './helpers';

describe('Live status, labels and links in the real extension host', function () {
  this.timeout(60_000);
  let rig: Rig;
  let realClipboard: ((text: string) => Thenable<void>) | undefined;
  afterEach(async () => {
    if (realClipboard) { rig.s.clipboard = realClipboard; }
    realClipboard = undefined;
    rig?.s.panel.currentPanel()?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rig?.close();
  });

  /** The tooltip as read, without markdown's escapes. */
  const tip = (item: vscode.TreeItem) => tooltipText(item).replace(/\\/g, '');
  const jobRow = (jobId: string) => rig.s.tree.getTreeItem(rig.s.tree.jobNode(jobId)) as vscode.TreeItem;
  const link = (query: string, path = '/open') => vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}${path}?${query}`);
  const copyTo = (copied: string[]) => {
    realClipboard = rig.s.clipboard;
    rig.s.clipboard = async (text) => {
      copied.push(text);
    };
  };

  it('a pending job finishes and its results appear without a click', async () => {
    rig = await setUpRig();
    const id = JOB_IDS.finishing;
    await vscode.commands.executeCommand('llamaClassify.openJob', id);
    // Opened while pending: the node says so and how often it is checked (the window must be focused for checks).
    assert.ok(vscode.window.state.focused, 'the test window has focus (checks run only then)');
    await eventually(() => assert.deepStrictEqual(rig.rows(id).map(label), ['The job is still pending']));
    await eventually(() => assert.match(String(jobRow(id).description), /^Pending — checking every \d+ s$/));
    assert.match(tip(jobRow(id)), /Status: Pending \(PENDING\)/);
    assert.doesNotMatch(String(jobRow(id).description), /0 of 0/);
    // No command from here on: the poller sees the job end and the controller loads its results.
    await eventually(() => assert.strictEqual(rig.rows(id).length, 7), 30_000);
    await eventually(() => assert.strictEqual(jobRow(id).description, 'Succeeded · 7 of 7 · 3 to review'));
    assert.match(tip(jobRow(id)), /Status: Succeeded \(SUCCESS\)/);
    assert.deepStrictEqual(rig.api.poller.polled, [], 'polling stopped');
    assert.strictEqual(rig.server.statusReads(id), 3, 'one read on opening, then one check at a time until it ended');
    const results = rig.server.requests.filter((r) => r.path.endsWith(`${id}/results`));
    assert.strictEqual(results.length, 2, 'the empty first page, then the results once, after the end');
  });

  it('checks pause while the view is hidden and resume when it shows again', async () => {
    rig = await setUpRig();
    const id = JOB_IDS.finishing;
    rig.server.setQuirks(id, { statusAfterReads: 1000 });
    await vscode.commands.executeCommand('llamaClassify.openJob', id);
    await eventually(() => assert.match(String(jobRow(id).description), /^Pending — checking every/));
    await vscode.commands.executeCommand('workbench.view.explorer');
    await eventually(() => assert.strictEqual(rig.api.poller.state(id)?.paused, true));
    assert.strictEqual(jobRow(id).description, 'Pending — checks paused');
    await vscode.commands.executeCommand('llamaClassify.results.focus');
    await eventually(() => assert.match(String(jobRow(id).description), /^Pending — checking every/));
  });

  it('a failed check shows the error on the node, keeps the job polled, and shows no toast', async () => {
    rig = await setUpRig();
    const id = JOB_IDS.finishing;
    rig.server.setQuirks(id, { statusAfterReads: 1000 });
    await vscode.commands.executeCommand('llamaClassify.openJob', id);
    await eventually(() => assert.match(String(jobRow(id).description), /^Pending — checking every/));
    rig.server.fault({ path: new RegExp(`/jobs/${id}$`), status: 404, times: Infinity });
    await eventually(() => assert.match(String(jobRow(id).description), /^Pending — check failed, next in \d+ s$/), 20_000);
    assert.match(tip(jobRow(id)), /Last check failed: .*not found/i);
    assert.deepStrictEqual(rig.api.poller.polled, [id], 'still polled, on the slow schedule');
    assert.ok(rig.api.poller.state(id)!.intervalMs >= 30_000);
    assert.deepStrictEqual(rig.ui.messages, [], 'no toast');
  });

  it('a job node says "Failed: <reason>", "Not found" and "No access" on the node itself', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.failed);
    await eventually(() => assert.strictEqual(jobRow(JOB_IDS.failed).description, 'Failed: Parsing failed: the file is password protected.'));
    const missing = fakeId(0x0ee, 1);
    await vscode.commands.executeCommand('llamaClassify.openJob', missing);
    await eventually(() => assert.strictEqual(jobRow(missing).description, 'Not found'));
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.forbidden);
    await eventually(() => assert.strictEqual(jobRow(JOB_IDS.forbidden).description, 'No access'));
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.empty);
    await eventually(() => assert.strictEqual(jobRow(JOB_IDS.empty).description, 'Succeeded · no results'));
  });

  it('a label is shown in the tree and the picker, survives a reload, and an empty label clears it', async () => {
    rig = await setUpRig();
    const id = JOB_IDS.onePage;
    await vscode.commands.executeCommand('llamaClassify.openJob', id);
    await eventually(() => assert.strictEqual(jobRow(id).description, 'Succeeded · 12 of 12 · 3 to review'));
    rig.ui.texts.push('  Invoices, March run ');
    await vscode.commands.executeCommand('llamaClassify.renameJob', id);
    assert.strictEqual(rig.ui.textRequests[0].value, '', 'no label yet');
    assert.strictEqual(label(jobRow(id)), 'Invoices, March run');
    assert.strictEqual(jobRow(id).description, `${id.slice(0, 8)} · Succeeded · 12 of 12 · 3 to review`);
    // A window reload reads the list from the same store.
    const reloaded = new JobList(rig.s.context.globalState, (j) => new ResultPager(j, async () => ({ items: [], next_page_token: null, total_size: 0 })), () => Promise.reject(new Error('no reads')));
    assert.strictEqual(reloaded.get(id)?.label, 'Invoices, March run');
    reloaded.dispose();
    // The picker shows the label (and the ID, so typing the ID still finds it).
    let offered: { label: string; description?: string }[] = [];
    rig.ui.picks.push((req) => {
      offered = req.recent;
      return undefined;
    });
    await vscode.commands.executeCommand('llamaClassify.openJob');
    const mine = offered.find((o) => o.label === 'Invoices, March run');
    assert.ok(mine, JSON.stringify(offered));
    assert.match(mine.description ?? '', new RegExp(`^${id} · v1 · Succeeded`), 'the ID, the version, the status in words');
    // From the palette: pick the job, then an empty label clears it; a cancelled box changes nothing.
    rig.ui.listedPicks.push((items) => items.find((i) => i.label === 'Invoices, March run')?.jobId);
    rig.ui.texts.push(undefined);
    await vscode.commands.executeCommand('llamaClassify.renameJob');
    assert.strictEqual(rig.s.jobs.get(id)?.label, 'Invoices, March run', 'cancel keeps the label');
    rig.ui.texts.push('');
    await vscode.commands.executeCommand('llamaClassify.renameJob', rig.s.tree.jobNode(id));
    assert.strictEqual(rig.ui.textRequests.at(-1)?.value, 'Invoices, March run', 'the box starts with the label');
    assert.strictEqual(rig.s.jobs.get(id)?.label, undefined);
    assert.strictEqual(label(jobRow(id)), id.slice(0, 8));
    assert.deepStrictEqual(rig.ui.messages, []);
  });

  it('a link opens a job (expanded, revealed) and a result beyond the first page in the panel', async () => {
    rig = await setUpRig();
    const id = JOB_IDS.multiPage;
    const resultId = fakeId(0x101, 121); // the 121st result: page 3 at 50 a page
    await rig.api.links.handleUri(link(`jobId=${id}&resultId=${resultId}`));
    assert.deepStrictEqual(rig.s.jobs.jobs.map((j) => j.id), [id]);
    assert.strictEqual(rig.s.jobs.get(id)?.expanded, true);
    assert.deepStrictEqual(rig.s.panel.currentResult(), { jobId: id, resultId });
    await eventually(() => assert.strictEqual(rig.s.treeView.selection[0]?.kind === 'result' && rig.s.treeView.selection[0].item.id, resultId));
    assert.deepStrictEqual(rig.ui.messages, []);
    // A job-only link: the job is opened, the panel is left alone.
    await rig.api.links.handleUri(link(`jobId=${JOB_IDS.onePage.toUpperCase()}`));
    assert.deepStrictEqual(rig.s.jobs.jobs.map((j) => j.id), [JOB_IDS.onePage, id]);
    assert.strictEqual(rig.s.jobs.pager(JOB_IDS.onePage).items.length, 12);
    assert.deepStrictEqual(rig.s.panel.currentResult(), { jobId: id, resultId });
  });

  it('a malformed link is refused with a clear message and changes nothing', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    const before = JSON.stringify(rig.s.jobs.jobs);
    rig.server.requests.length = 0;
    const bad: [vscode.Uri, RegExp][] = [
      [link(`jobId=${JOB_IDS.multiPage}`, '/delete'), /“\/delete”, which this extension does not know/],
      // (`not-a-job` would be a well-formed Classify v2 ID, whose format is undocumented: prefix, dash, ID.)
      [link('jobId=not%20a%20job'), /jobId “not a job” is not a classify job ID/],
      [link('jobId=dfl-0a1b2c3d4e5f'), /jobId “dfl-0a1b2c3d4e5f” is not a classify job ID/],
      [link(''), /no jobId/],
      [link(`jobId=${JOB_IDS.multiPage}&resultId=${encodeURIComponent('<script>x</script>')}`), /is not a result ID/],
      [link(`jobId=${JOB_IDS.multiPage}&cmd=workbench.action.quit`), /unknown parameter “cmd”/],
      [link(`jobId=${JOB_IDS.multiPage}&jobId=${JOB_IDS.empty}`), /jobId more than once/],
    ];
    for (const [uri, message] of bad) { await rig.api.links.handleUri(uri); }
    assert.deepStrictEqual(rig.ui.messages.map((m) => m.level), bad.map(() => 'error'));
    bad.forEach(([, message], i) => assert.match(rig.ui.messages[i].message, new RegExp(`^Couldn't open the link: .*${message.source}`)));
    assert.strictEqual(JSON.stringify(rig.s.jobs.jobs), before, 'the job list is unchanged');
    assert.deepStrictEqual(rig.server.requests, [], 'no request was sent');
    assert.strictEqual(rig.s.panel.currentResult(), undefined);
  });

  it('Copy Link to Result (row, panel) and Copy Link to Job copy links that open the same result and job', async () => {
    rig = await setUpRig();
    const copied: string[] = [];
    copyTo(copied);
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    const item = rig.s.jobs.pager(JOB_IDS.onePage).items[3];
    const node = rig.s.tree.resultNode(JOB_IDS.onePage, item.id);
    await vscode.commands.executeCommand('llamaClassify.copyResultLink', node);
    assert.strictEqual(copied[0], `${vscode.env.uriScheme}://${EXTENSION_ID}/open?jobId=${JOB_IDS.onePage}&resultId=${item.id}`);
    await vscode.commands.executeCommand('llamaClassify.copyJobLink', rig.s.tree.jobNode(JOB_IDS.onePage));
    assert.strictEqual(copied[1], `${vscode.env.uriScheme}://${EXTENSION_ID}/open?jobId=${JOB_IDS.onePage}`);
    // Without an argument: the result the panel shows; with no panel, a message and no copy.
    await vscode.commands.executeCommand('llamaClassify.copyResultLink');
    assert.strictEqual(copied.length, 2);
    assert.match(rig.ui.messages[0]?.message ?? '', /Open a result first/);
    await vscode.commands.executeCommand('llamaClassify.openResult', JOB_IDS.onePage, item.id);
    await vscode.commands.executeCommand('llamaClassify.copyResultLink');
    assert.strictEqual(copied[2], copied[0]);
    // The panel's "Copy link" button sends this message.
    await rig.s.panel.handleMessage({ type: 'copy', what: 'link' });
    assert.strictEqual(copied[3], copied[0]);
    // The link opens the result again, from a clean list.
    rig.s.panel.currentPanel()?.dispose();
    await rig.s.jobs.remove(JOB_IDS.onePage);
    await rig.api.links.handleUri(vscode.Uri.parse(copied[0]));
    assert.deepStrictEqual(rig.s.panel.currentResult(), { jobId: JOB_IDS.onePage, resultId: item.id });
  });
});
