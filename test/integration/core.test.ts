// The solid core in the real extension host: one connection per session (changes announced, never
// silent), file names that survive every reload, flows that never wait for a toast, and no memory
// kept for jobs that are gone.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { JOB_IDS } from '../fake-server/datasets';
import { startFakeServer, type FakeServer } from '../fake-server/server';
import { eventually, label, setUpRig, type Rig } from './helpers';

const config = () => vscode.workspace.getConfiguration('llamaClassify');

/** Resolves with the value, or rejects when `p` takes longer than `ms` (a flow waiting on a person). */
function within<T>(p: Thenable<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    Promise.resolve(p),
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms: it waits for a notification`)), ms)),
  ]);
}

describe('Solid core', function () {
  this.timeout(60_000);
  let rig: Rig;
  let other: FakeServer | undefined;
  afterEach(async () => {
    rig?.s.panel.currentPanel()?.dispose();
    await other?.close();
    other = undefined;
    await rig?.close();
  });

  it('a new base URL is announced, reloads the open jobs there, and every later request goes there', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    other = await startFakeServer({ apiKey: rig.server.apiKey });
    const server = other;
    rig.server.requests.length = 0;
    await config().update('baseUrl', other.url, vscode.ConfigurationTarget.Global);
    await eventually(() => assert.ok(server.requests.some((r) => r.path.endsWith(`${JOB_IDS.onePage}/results`))));
    const host = new URL(other.url).host;
    assert.ok(
      rig.ui.messages.some((m) => m.level === 'info' && m.message.includes(`now sends requests to ${host}`)),
      JSON.stringify(rig.ui.messages),
    );
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage);
    assert.deepStrictEqual(rig.server.requests.map((r) => r.path), [], 'nothing went to the old server after the change');
    assert.ok(server.requests.some((r) => r.path.endsWith(`${JOB_IDS.multiPage}/results`)));
    // A settings write that does not change where requests go is not a change.
    const before = rig.ui.messages.length;
    await config().update('pageSize', 49, vscode.ConfigurationTarget.Global);
    await config().update('baseUrl', other.url, vscode.ConfigurationTarget.Global);
    await new Promise((r) => setTimeout(r, 200));
    assert.strictEqual(rig.ui.messages.length, before, 'no announcement without a change');
  });

  it('every loaded row regains its file name after a connection change (beyond the last 1,000) and after a key reload', async () => {
    rig = await setUpRig();
    await config().update('pageSize', 1000, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage);
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage);
    const pager = rig.s.jobs.pager(JOB_IDS.multiPage);
    assert.strictEqual(pager.items.length, 2345);
    const firstFile = pager.items[0].file_id;
    await eventually(() => assert.ok(rig.s.fileNames.get(firstFile)));
    other = await startFakeServer({ apiKey: rig.server.apiKey });
    await config().update('baseUrl', other.url, vscode.ConfigurationTarget.Global);
    await eventually(() => assert.ok(other!.requests.some((r) => r.path.startsWith('/api/v1/beta/files'))), 10_000);
    await eventually(() => assert.ok(rig.s.fileNames.get(rig.s.jobs.pager(JOB_IDS.multiPage).items[0].file_id), 'the first row, 2,345 rows back'), 10_000);
    const row0 = rig.flatRows(JOB_IDS.multiPage)[0];
    assert.match(String(row0.description), /\.pdf$/);

    // A key reload (same connection) keeps the names.
    rig.ui.keys.push(rig.server.apiKey);
    await vscode.commands.executeCommand('llamaClassify.setApiKey');
    await eventually(() => assert.match(String(rig.flatRows(JOB_IDS.multiPage)[0].description), /\.pdf$/));
  });

  it('flows never wait for a person to close a notification', async () => {
    rig = await setUpRig();
    rig.ui.neverAnswer = true;
    await within(vscode.commands.executeCommand('llamaClassify.openJob', 'not-a-job'), 5000, 'Open Job Results… with a malformed ID');
    rig.ui.keys.push(rig.server.apiKey);
    await within(vscode.commands.executeCommand('llamaClassify.setApiKey'), 5000, 'Set API Key…');
    rig.server.setApiKey('llx-rotated-000000000');
    await within(vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage), 5000, 'Opening a job whose load is rejected (401)');
    rig.ui.keys.push('llx-not-this-one-either');
    await within(vscode.commands.executeCommand('llamaClassify.setApiKey'), 5000, 'Set API Key… whose check fails');
    await within(vscode.commands.executeCommand('llamaClassify.openResult', JOB_IDS.onePage, 'no-such-result'), 5000, 'Open Result that fails');
    // The command wrapper shows a failure without waiting for it to be closed.
    const clipboard = rig.s.clipboard;
    rig.s.clipboard = () => Promise.reject(new Error('clipboard unavailable'));
    try {
      await within(vscode.commands.executeCommand('llamaClassify.copyJobId', JOB_IDS.onePage), 5000, 'a command that fails');
    } finally {
      rig.s.clipboard = clipboard;
    }
    assert.ok(rig.ui.messages.some((m) => m.level === 'error' && m.message === 'clipboard unavailable'));
    assert.ok(rig.ui.messages.length >= 2 && rig.ui.notices.length >= 1, `the notifications were shown: ${JSON.stringify([rig.ui.messages, rig.ui.notices])}`);
  });

  it('a removed job keeps no rows and no pages; the panel keeps only the job it shows', async () => {
    rig = await setUpRig();
    const s = rig.s;
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    const first = s.jobs.pager(JOB_IDS.onePage).items[0];
    assert.ok(s.tree.resultNode(JOB_IDS.onePage, first.id));
    await vscode.commands.executeCommand('llamaClassify.removeJob', s.tree.jobNode(JOB_IDS.onePage));
    assert.strictEqual(s.jobs.existingPager(JOB_IDS.onePage), undefined);
    assert.strictEqual(s.tree.resultNode(JOB_IDS.onePage, first.id), undefined);

    // The panel shows a result of a job that is not listed: that job's pages live while it is shown…
    await vscode.commands.executeCommand('llamaClassify.openResult', JOB_IDS.onePage, first.id);
    assert.ok(s.jobs.existingPager(JOB_IDS.onePage));
    // …and are dropped when the panel moves to another job,
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
    const other = s.jobs.pager(JOB_IDS.multiPage).items[0];
    await vscode.commands.executeCommand('llamaClassify.openResult', JOB_IDS.multiPage, other.id);
    assert.strictEqual(s.jobs.existingPager(JOB_IDS.onePage), undefined, 'the unlisted job the panel left is dropped');
    // …or when it closes.
    await vscode.commands.executeCommand('llamaClassify.removeJob', JOB_IDS.multiPage);
    assert.ok(s.jobs.existingPager(JOB_IDS.multiPage), `kept while the panel shows it (panel shows ${JSON.stringify(s.panel.currentResult())})`);
    s.panel.currentPanel()?.dispose();
    await eventually(() => assert.strictEqual(s.jobs.existingPager(JOB_IDS.multiPage), undefined));
    // A Load more row of the removed job does not bring it back.
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage);
    assert.strictEqual(s.jobs.existingPager(JOB_IDS.multiPage), undefined);
  });

  it('remembers per job how many results were loaded and that it is expanded (for a window reload)', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage);
    await eventually(() => {
      const kept = rig.s.context.globalState.get<{ id: string; loaded?: number; expanded?: boolean }[]>('llamaClassify.openedJobs') ?? [];
      const job = kept.find((j) => j.id === JOB_IDS.multiPage);
      assert.strictEqual(job?.loaded, 100);
      assert.strictEqual(job?.expanded, true);
    });
  });

  it('prefetch: the next page is fetched in the background; Load more shows it with no new request, and no page is asked twice', async () => {
    rig = await setUpRig({ prefetch: true });
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
    const results = () => rig.server.requests.filter((r) => r.path.endsWith(`${JOB_IDS.multiPage}/results`));
    await eventually(() => assert.strictEqual(results().length, 2, 'page 1, then page 2 in the background'));
    await eventually(() => assert.strictEqual(rig.s.jobs.pager(JOB_IDS.multiPage).prefetchedToken !== undefined, true));
    await new Promise((r) => setTimeout(r, 100));
    const before = results().length;
    const t0 = Date.now();
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage);
    const ms = Date.now() - t0;
    assert.strictEqual(rig.rows(JOB_IDS.multiPage).length, 101);
    await eventually(() => assert.strictEqual(results().length, before + 1, 'only the prefetch of page 3 went out'));
    await new Promise((r) => setTimeout(r, 200));
    assert.strictEqual(results().length, before + 1, 'and nothing else');
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage);
    await eventually(() => assert.strictEqual(results().length, 4));
    const tokens = results().map((r) => String(r.query.page_token ?? ''));
    assert.strictEqual(new Set(tokens).size, tokens.length, `no page twice: ${tokens.join(' | ')}`);
    console.log(`      Load more with the page prefetched: ${ms} ms`);
  });
});
