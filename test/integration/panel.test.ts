// The result detail panel in the real extension host: one reusable panel, CSP and nonce, the ready
// handshake, the show message, the inbound allow-list, Previous/Next with paging, and restore.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ResultView } from '../../src/webview/protocol';
import { RESULT_VIEW_TYPE } from '../../src/webview/protocol';
import type { ResultPanel } from '../../src/webview/resultPanel';
import { noKeyRestoreMessage } from '../../src/webview/resultPanel';
import { fakeId, HOSTILE, JOB_IDS, LONG_REASONING } from '../fake-server/datasets';
import { eventually, setUpRig, type Rig } from './helpers';

/** Result IDs the fake server generates: fakeId(0x100 + job kind, index + 1); multiPage is kind 1. */
const multiPageResultId = (index: number) => fakeId(0x101, index + 1);

function resultTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(RESULT_VIEW_TYPE));
}

describe('Result detail panel', function () {
  this.timeout(60_000);
  let rig: Rig;
  let panels: ResultPanel;
  let realClipboard: ((text: string) => Thenable<void>) | undefined;
  const copied: string[] = [];

  /**
   * Waits for the page's own 'ready' (the real webview ran its nonce'd script). A workbench that never
   * renders the webview (headless, hidden) would not send one; then the test stands in for the page.
   */
  async function pageReady(before: number, timeoutMs = 8000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (panels.readyMessages > before) { return true; }
      await new Promise((r) => setTimeout(r, 50));
    }
    await panels.handleMessage({ type: 'ready' });
    return false;
  }

  function shown(): ResultView {
    const v = panels.lastShown();
    assert.ok(v, 'a show message was posted');
    return v;
  }

  async function open(jobId: string, resultId: string): Promise<void> {
    const before = panels.readyMessages;
    const hadPanel = !!panels.currentPanel();
    await vscode.commands.executeCommand('llamaClassify.openResult', jobId, resultId);
    if (!hadPanel) { await pageReady(before); }
    await eventually(() => assert.strictEqual(panels.lastShown()?.resultId, resultId));
  }

  beforeEach(async () => {
    rig = await setUpRig();
    panels = rig.s.panel;
    copied.length = 0;
    realClipboard = rig.s.clipboard;
    rig.s.clipboard = async (text) => {
      copied.push(text);
    };
  });

  afterEach(async () => {
    panels?.currentPanel()?.dispose();
    if (realClipboard) { rig.s.clipboard = realClipboard; }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rig?.close();
  });

  it('opens beside the editor with a strict CSP and a nonce, completes the ready handshake and shows the result', async () => {
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    const item = rig.s.jobs.pager(JOB_IDS.onePage).items[0];
    const before = panels.readyMessages;
    await vscode.commands.executeCommand('llamaClassify.openResult', JOB_IDS.onePage, item.id);
    const panel = panels.currentPanel();
    assert.ok(panel, 'a panel is open');
    assert.strictEqual(panel.viewType, RESULT_VIEW_TYPE);
    assert.strictEqual(panel.options.retainContextWhenHidden ?? false, false);
    assert.strictEqual(panel.webview.options.enableScripts, true);
    const roots = panel.webview.options.localResourceRoots?.map((u) => u.path) ?? [];
    assert.strictEqual(roots.length, 2, 'only the media folder and the built page script');
    assert.ok(roots[0].endsWith('/media') && roots[1].endsWith('/dist/webview'), roots.join(', '));
    assert.strictEqual(panel.webview.options.enableCommandUris ?? false, false);

    const html = panels.lastHtml() ?? '';
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1].replace(/&#39;/g, "'") ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /connect-src 'none'/);
    assert.ok(csp.includes(`style-src ${panel.webview.cspSource}`), csp);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, 'a nonce in the CSP');
    assert.ok(html.includes(`<script nonce="${nonce}"`), 'the script carries the nonce');
    assert.ok(!html.includes('unsafe-inline'));
    assert.ok(!html.includes(item.result!.reasoning), 'no remote data in the HTML');

    // The real page posts ready by itself: its nonce'd script loaded and ran under the CSP.
    assert.ok(await pageReady(before, 15_000), 'the page (script loaded under the CSP) posted ready');

    const v = shown();
    assert.strictEqual(v.resultId, item.id);
    assert.strictEqual(v.jobId, JOB_IDS.onePage);
    assert.strictEqual(v.typeLabel, item.result!.type);
    assert.strictEqual(v.percent, `${Math.round(item.result!.confidence! * 100)}%`);
    assert.strictEqual(v.reasoning, item.result!.reasoning);
    assert.strictEqual(v.position, '1 of 12');
    assert.strictEqual(v.fileId, item.file_id);
    assert.ok(v.created && v.updated, 'dates are formatted');
    await eventually(() => assert.ok(panels.currentPanel()?.title.endsWith('.pdf'), `title is the file name: ${panels.currentPanel()?.title}`));
  });

  it('opening the same result again reveals the panel; another result reuses it (one preview panel)', async () => {
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    const items = rig.s.jobs.pager(JOB_IDS.onePage).items;
    await open(JOB_IDS.onePage, items[0].id);
    const panel = panels.currentPanel();
    const html = panels.lastHtml();
    assert.strictEqual(resultTabs().length, 1);
    await open(JOB_IDS.onePage, items[0].id);
    assert.strictEqual(resultTabs().length, 1, 'revealed, not duplicated');
    assert.strictEqual(panels.currentPanel(), panel);
    await open(JOB_IDS.onePage, items[3].id);
    assert.strictEqual(resultTabs().length, 1, 'the preview panel follows the selection');
    assert.strictEqual(panels.currentPanel(), panel);
    assert.strictEqual(panels.lastHtml(), html, 'html set once per panel; data goes by message');
    assert.strictEqual(shown().position, '4 of 12');
  });

  it('the show message for no match, no result, untrusted confidence, long and hostile text', async () => {
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.edgeCases);
    const items = rig.s.jobs.pager(JOB_IDS.edgeCases).items;

    await open(JOB_IDS.edgeCases, items[1].id);
    assert.strictEqual(shown().typeLabel, 'No match');
    assert.ok(shown().typeNote);
    assert.strictEqual(shown().percent, '31%');
    assert.strictEqual(shown().bandLabel, 'Low');

    await open(JOB_IDS.edgeCases, items[2].id);
    assert.strictEqual(shown().typeLabel, 'No result');
    assert.strictEqual(shown().reasoning, null);
    assert.strictEqual(shown().bandLabel, 'Unknown');

    await open(JOB_IDS.edgeCases, items[4].id);
    assert.strictEqual(shown().reasoning, LONG_REASONING, 'long reasoning whole, paragraphs kept');

    await open(JOB_IDS.edgeCases, items[6].id);
    assert.strictEqual(shown().percent, null);
    assert.strictEqual(shown().bandLabel, 'Unknown');
    assert.ok(shown().confidenceIssue, 'says why the confidence is not trusted');

    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.hostile);
    const hostile = rig.s.jobs.pager(JOB_IDS.hostile).items[0];
    await open(JOB_IDS.hostile, hostile.id);
    assert.strictEqual(shown().typeLabel, HOSTILE.script, 'sent as data; the page sets it with textContent');
    assert.ok(!(panels.lastHtml() ?? '').includes(HOSTILE.script));
  });

  it('ignores messages outside the protocol: no clipboard write, no status, no command, nothing posted', async () => {
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    const item = rig.s.jobs.pager(JOB_IDS.onePage).items[0];
    await open(JOB_IDS.onePage, item.id);
    const postedBefore = panels.postedMessages().length;
    const logBefore = rig.s.log.lines.length;
    const editorsBefore = vscode.window.tabGroups.all.flatMap((g) => g.tabs).length;
    const bad: unknown[] = [
      { type: 'runCommand', command: 'workbench.action.quit' },
      { type: 'executeCommand', command: 'llamaClassify.clearApiKey', args: [] },
      { type: 'copy', what: 'x' },
      { type: 'copy', what: 'id', text: 'attacker text' },
      { type: 'next', steps: 5 },
      { type: 'showRawJson', resultId: 'other' },
      'ready',
      null,
      [{ type: 'copy', what: 'id' }],
      { type: 'x', blob: 'B'.repeat(100_000) },
    ];
    for (const m of bad) { await panels.handleMessage(m); }
    assert.deepStrictEqual(copied, [], 'clipboard untouched');
    assert.deepStrictEqual(rig.ui.statuses, []);
    assert.deepStrictEqual(rig.ui.messages, []);
    assert.strictEqual(panels.postedMessages().length, postedBefore, 'nothing posted back');
    assert.strictEqual(panels.currentResult()?.resultId, item.id, 'did not move');
    assert.strictEqual(vscode.window.tabGroups.all.flatMap((g) => g.tabs).length, editorsBefore, 'nothing opened');
    assert.ok(await rig.s.keys.get(), 'the key is still set (clearApiKey did not run)');
    const warnings = rig.s.log.lines.slice(logBefore);
    assert.strictEqual(warnings.length, bad.length, 'each one logged');
    assert.ok(warnings.every((l) => /ignored a message outside its protocol/.test(l)));
    assert.ok(!warnings.some((l) => l.includes('BBBBBBBB')), 'large payloads are not echoed');

    // The allowed copies work, with a status-bar confirmation (no toast).
    await panels.handleMessage({ type: 'copy', what: 'id' });
    await panels.handleMessage({ type: 'copy', what: 'reasoning' });
    await panels.handleMessage({ type: 'copy', what: 'json' });
    assert.deepStrictEqual(copied.slice(0, 2), [item.id, item.result!.reasoning]);
    assert.deepStrictEqual(JSON.parse(copied[2]), JSON.parse(JSON.stringify(item)));
    assert.strictEqual(rig.ui.statuses.length, 3);
    assert.match(rig.ui.statuses[0], /^Copied result ID /);
    assert.deepStrictEqual(rig.ui.messages, [], 'no notifications for copy');
  });

  it('"Show raw JSON" opens the result as a JSON document titled by its file name', async () => {
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    const item = rig.s.jobs.pager(JOB_IDS.onePage).items[2];
    await open(JOB_IDS.onePage, item.id);
    await rig.s.fileNames.resolve([item.file_id]);
    const fileName = rig.s.fileNames.get(item.file_id);
    assert.ok(fileName, 'the fake server knows every file of this job');
    await panels.handleMessage({ type: 'showRawJson' });
    await eventually(() => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'llamaclassify-json' && d.uri.path.includes(item.id));
      assert.ok(doc, 'the raw JSON document is open');
      assert.strictEqual(JSON.parse(doc.getText()).id, item.id);
      // the tab shows the last path segment
      assert.strictEqual(doc.uri.path.split('/').pop(), `${fileName}.json`);
    });
  });

  it('Previous / Next walk the loaded results and load the next page at the end', async () => {
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    const items = rig.s.jobs.pager(JOB_IDS.onePage).items;
    await open(JOB_IDS.onePage, items[0].id);
    assert.strictEqual(shown().canPrev, false);
    await panels.handleMessage({ type: 'prev' });
    assert.strictEqual(panels.currentResult()?.resultId, items[0].id, 'prev at the start does nothing');
    await panels.handleMessage({ type: 'next' });
    await panels.handleMessage({ type: 'next' });
    assert.strictEqual(shown().resultId, items[2].id);
    assert.strictEqual(shown().position, '3 of 12');
    await panels.handleMessage({ type: 'prev' });
    assert.strictEqual(shown().resultId, items[1].id);
    assert.strictEqual(shown().position, '2 of 12');

    // The last of 12: Next does nothing.
    await open(JOB_IDS.onePage, items[11].id);
    assert.strictEqual(shown().canNext, false);
    await panels.handleMessage({ type: 'next' });
    assert.strictEqual(panels.currentResult()?.resultId, items[11].id);

    // The last loaded of a multi-page job: Next loads the next page, once.
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
    const pager = rig.s.jobs.pager(JOB_IDS.multiPage);
    assert.strictEqual(pager.items.length, 50);
    await open(JOB_IDS.multiPage, pager.items[49].id);
    assert.strictEqual(shown().position, '50 of 2,345');
    assert.strictEqual(shown().canNext, true);
    rig.server.requests.length = 0;
    await Promise.all([panels.handleMessage({ type: 'next' }), panels.handleMessage({ type: 'next' })]);
    assert.strictEqual(pager.items.length, 100);
    assert.strictEqual(rig.server.requests.filter((r) => r.path.endsWith('/results')).length, 1, 'one page request');
    assert.strictEqual(shown().resultId, pager.items[51].id, 'each press moved one result');
    assert.strictEqual(shown().position, '52 of 2,345');
    assert.ok(panels.postedMessages().some((m) => m.type === 'status' && m.kind === 'busy'), 'said it was loading');
  });

  it('Next still works after the shown result’s job was removed from the view (the panel keeps its pages)', async () => {
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    const items = [...rig.s.jobs.pager(JOB_IDS.onePage).items];
    await open(JOB_IDS.onePage, items[3].id);
    await vscode.commands.executeCommand('llamaClassify.removeJob', JOB_IDS.onePage);
    assert.strictEqual(rig.s.jobs.get(JOB_IDS.onePage), undefined, 'the job left the view');
    assert.ok(rig.s.jobs.existingPager(JOB_IDS.onePage), 'the shown job keeps its pages while the panel shows it');
    rig.server.requests.length = 0;
    await panels.handleMessage({ type: 'next' });
    assert.deepStrictEqual(rig.server.requests.map((r) => r.path), [], 'no page fetched again');
    assert.strictEqual(shown().resultId, items[4].id);
    assert.strictEqual(shown().position, '5 of 12');
    await panels.handleMessage({ type: 'prev' });
    assert.strictEqual(shown().resultId, items[3].id);
  });

  it('the serializer restores a result into a fresh panel, adding the job and paging to the result', async () => {
    const resultId = multiPageResultId(120); // on page 3 of 50
    assert.strictEqual(rig.s.jobs.get(JOB_IDS.multiPage), undefined);
    const panel = vscode.window.createWebviewPanel(RESULT_VIEW_TYPE, 'Restoring…', vscode.ViewColumn.One, {});
    const before = panels.readyMessages;
    await panels.serializer.deserializeWebviewPanel(panel, { jobId: JOB_IDS.multiPage, resultId });
    assert.strictEqual(panels.currentPanel(), panel, 'the restored panel is the preview panel');
    assert.strictEqual(panel.webview.options.enableScripts, true, 'options were reset');
    assert.ok(panel.webview.options.localResourceRoots?.[0].path.endsWith('/media'));
    assert.match(panels.lastHtml() ?? '', /dist\/webview\/result\.js/, 'the built page script');
    assert.match(panels.lastHtml() ?? '', /script-src 'nonce-|script-src &#39;nonce-/);
    assert.ok(rig.s.jobs.get(JOB_IDS.multiPage), 'the job was added to the list');
    await pageReady(before);
    await eventually(() => assert.strictEqual(panels.lastShown()?.resultId, resultId));
    assert.strictEqual(shown().position, '121 of 2,345');
    assert.strictEqual(rig.s.jobs.pager(JOB_IDS.multiPage).items.length, 150);
    assert.deepStrictEqual(rig.ui.messages, []);
    assert.strictEqual(resultTabs().length, 1);
  });

  it('the serializer disposes the panel, with one clear message, when the result or job is gone', async () => {
    const restore = async (state: unknown) => {
      const panel = vscode.window.createWebviewPanel(RESULT_VIEW_TYPE, 'Restoring…', vscode.ViewColumn.One, {});
      let disposed = false;
      panel.onDidDispose(() => (disposed = true));
      rig.ui.messages.length = 0;
      await panels.serializer.deserializeWebviewPanel(panel, state);
      return { disposed, messages: rig.ui.messages.map((m) => m.message) };
    };

    let r = await restore({ jobId: JOB_IDS.onePage, resultId: fakeId(0x102, 999) });
    assert.ok(r.disposed);
    assert.strictEqual(r.messages.length, 1);
    assert.match(r.messages[0], /closed: result .* is not in job/);

    r = await restore({ jobId: fakeId(0xdead, 7), resultId: fakeId(0x102, 1) });
    assert.ok(r.disposed);
    assert.strictEqual(r.messages.length, 1);
    assert.match(r.messages[0], /couldn't load job/);

    r = await restore({});
    assert.ok(r.disposed, 'no IDs: nothing to restore');
    assert.deepStrictEqual(r.messages, []);

    r = await restore({ jobId: JOB_IDS.onePage, resultId: HOSTILE.script });
    assert.ok(r.disposed, 'a state that is not ID-shaped is not used');
    assert.strictEqual(panels.currentPanel(), undefined);
  });

  it('the serializer without an API key disposes the panel and says how to fix it', async function () {
    await rig.s.keys.clear();
    if (await rig.s.keys.get()) { this.skip(); } // a key from the environment cannot be cleared
    const panel = vscode.window.createWebviewPanel(RESULT_VIEW_TYPE, 'Restoring…', vscode.ViewColumn.One, {});
    let disposed = false;
    panel.onDidDispose(() => (disposed = true));
    rig.server.requests.length = 0;
    await panels.serializer.deserializeWebviewPanel(panel, { jobId: JOB_IDS.onePage, resultId: fakeId(0x102, 1) });
    assert.ok(disposed);
    assert.deepStrictEqual(rig.ui.messages.map((m) => m.message), [noKeyRestoreMessage()]);
    assert.strictEqual(rig.server.requests.length, 0, 'nothing was sent');
  });
});
