// The key never leaks, hostile text stays text, and plain-http hosts get a warning before the key is sent.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { HOSTILE, JOB_IDS } from '../fake-server/datasets';
import { label, setUpRig, tooltipText, type Rig } from './helpers';

const config = () => vscode.workspace.getConfiguration('llamaClassify');
/** Recognisable, but not shaped like a real key (the repo's secret scan looks for llx- + 20 alphanumerics). */
const CANARY = 'llx-leak-canary-7f3a9c-d41d8c';

describe('Security', function () {
  this.timeout(40_000);
  let rig: Rig;
  afterEach(async () => {
    await rig?.close();
  });

  it('the API key appears in no log line, setting, stored state, notification or error after the main flows', async () => {
    rig = await setUpRig({ apiKey: CANARY }, { withKey: false });
    const s = rig.s;
    rig.ui.keys.push(CANARY);
    await vscode.commands.executeCommand('llamaClassify.setApiKey');
    assert.strictEqual(await s.keys.get(), CANARY, 'the canary really is the key in use');
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage);
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.edgeCases);
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.forbidden);
    // A server that echoes the Authorization header back in its error detail.
    rig.server.fault({ path: '/results', status: 400, body: { detail: `Malformed header: Bearer ${CANARY}` } });
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    rig.server.fault({ path: '/results', status: 500, times: Infinity });
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.multiPage);
    rig.server.clearFaults();
    const item = s.jobs.pager(JOB_IDS.edgeCases).items[0];
    await vscode.commands.executeCommand('llamaClassify.openResult', JOB_IDS.edgeCases, item.id);
    await vscode.commands.executeCommand('llamaClassify.showRawJson', JOB_IDS.edgeCases, item.id);
    // A wrong key, then the right one again.
    rig.ui.keys.push('llx-wrong-key-00');
    await vscode.commands.executeCommand('llamaClassify.setApiKey');
    rig.ui.keys.push(CANARY);
    await vscode.commands.executeCommand('llamaClassify.setApiKey');

    const ctx = s.context;
    const everything: Record<string, unknown> = {
      log: s.log.lines,
      notifications: rig.ui.messages,
      statusMessages: rig.ui.statuses,
      errors: s.jobs.jobs.map((j) => s.jobs.existingPager(j.id)?.error).filter(Boolean).map((e) => ({ message: e!.message, ...e })),
      globalState: ctx.globalState.keys().map((k) => [k, ctx.globalState.get(k)]),
      workspaceState: ctx.workspaceState.keys().map((k) => [k, ctx.workspaceState.get(k)]),
      settings: ['region', 'baseUrl', 'organizationId', 'projectId', 'pageSize', 'requestTimeoutSeconds'].map((k) => config().inspect(k)),
      allSettings: JSON.stringify(vscode.workspace.getConfiguration()),
      treeRows: s.jobs.jobs.flatMap((j) => rig.rows(j.id).map((r) => [label(r), r.description, tooltipText(r)])),
      documents: vscode.workspace.textDocuments.map((d) => d.getText()),
      panels: rig.s.panel.debugSnapshot(),
    };
    const text = JSON.stringify(everything);
    assert.ok(text.length > 2000, 'the haystack holds the flows’ output');
    assert.ok(s.log.lines.length >= 8, 'requests were logged');
    assert.ok(!text.includes(CANARY), `the key leaked: …${text.slice(Math.max(0, text.indexOf(CANARY) - 200), text.indexOf(CANARY) + 50)}…`);
    assert.ok(!text.includes(CANARY.slice(4)), 'not even without its prefix');
  });

  it('hostile type, reasoning and file names are plain text in labels and escaped in tooltips', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.hostile);
    const rows = rig.rows(JOB_IDS.hostile);
    assert.strictEqual(label(rows[0]), `${HOSTILE.script} · 99%`, 'labels are plain strings, rendered as text');
    const tip = rows[2].tooltip as vscode.MarkdownString;
    assert.ok(tip instanceof vscode.MarkdownString);
    assert.ok(!tip.isTrusted, 'tooltips are not trusted: no command links');
    assert.ok(!tip.supportHtml, 'tooltips render no HTML');
    assert.ok(!tip.value.includes('[run me](command:'), `markdown link escaped: ${tip.value}`);
    assert.ok(tooltipText(rows[2]).includes('\\[run me\\]'), tooltipText(rows[2]));
    assert.ok(!/<script>/.test(tooltipText(rows[0])) || tooltipText(rows[0]).includes('\\<script\\>') || tooltipText(rows[0]).includes('&lt;script'));
  });

  it('a plain-http base URL that is not loopback asks before the key is sent; declining sends nothing', async () => {
    rig = await setUpRig();
    await config().update('baseUrl', 'http://llama.invalid:8080', vscode.ConfigurationTarget.Global);
    rig.ui.confirms.push(false);
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    const rows = rig.rows(JOB_IDS.onePage);
    assert.match(tooltipText(rows[0]), /were not sent because they would carry your API key unencrypted/);
    assert.strictEqual(rig.ui.confirms.length, 0, 'asked exactly once');
    // The answer holds for the session: no second question for the same URL.
    await vscode.commands.executeCommand('llamaClassify.loadMore', JOB_IDS.onePage);
    await config().update('baseUrl', rig.server.url, vscode.ConfigurationTarget.Global);
  });

  it('loopback http (the fake server) is not questioned', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    assert.strictEqual(rig.rows(JOB_IDS.onePage).length, 12);
  });
});
