// Show Job Summary and Compare with Job… in the real extension host against the fake server: the
// summary of a multi-page job matches its data page by page, follows loads made elsewhere, completes
// with Load all and opens low-confidence results; a compare of the fake pair shows its known differences.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SummaryPanel } from '../../src/webview/summaryPanel';
import type { SummaryView } from '../../src/webview/summaryProtocol';
import { buildDataset, COMPARE_DIFF, HOSTILE, JOB_IDS, type FakeJob } from '../fake-server/datasets';
import { eventually, setUpRig, type Rig } from './helpers';

const job = (id: string): FakeJob => buildDataset().jobs.find((j) => j.id === id)!;

/** What the summary must say for the first `n` rows, computed from the dataset without the extension's code. */
function expected(id: string, n: number) {
  const types = new Map<string, number>();
  const bins = new Array<number>(10).fill(0);
  let low = 0;
  for (let i = 0; i < n; i++) {
    const r = job(id).row(i).result!;
    const key = r.type === null ? '' : r.type; // data-type: "" is No match
    types.set(key, (types.get(key) ?? 0) + 1);
    const milli = Math.round((r.confidence as number) * 1000); // the dataset's confidences have 3 decimals
    bins[Math.min(9, Math.floor(milli / 100))]++;
    if (milli < 600) { low++; }
  }
  return { types, bins, low };
}

/** The type rows as the page's data-type → data-count. */
function typeCounts(v: SummaryView): Map<string, number> {
  return new Map(v.types.map((t) => [t.kind === 'noMatch' ? '' : t.kind === 'noResult' ? 'null' : (t.type as string), t.count]));
}

function tabsOf(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));
}

/** The page's own 'ready' (its nonce'd script ran under the CSP); a test stands in only if it never comes. */
async function ready(p: { readyCount: number; handleMessage(m: unknown): Promise<void> }): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (p.readyCount > 0) { return true; }
    await new Promise((r) => setTimeout(r, 50));
  }
  await p.handleMessage({ type: 'ready' });
  return false;
}

describe('Job summary and compare', function () {
  this.timeout(90_000);
  let rig: Rig;

  beforeEach(async () => {
    rig = await setUpRig();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rig?.close();
  });

  async function openSummary(jobId: string): Promise<SummaryPanel> {
    await vscode.commands.executeCommand('llamaClassify.showSummary', jobId);
    const summary = rig.api.deps.summary.get(jobId);
    assert.ok(summary, 'a summary panel is open');
    assert.ok(await ready(summary), 'the summary page posted ready by itself');
    return summary;
  }

  it('the summary of a multi-page job matches its data, follows Load more in the tree, and Load all completes it', async () => {
    const id = JOB_IDS.multiPage;
    const summary = await openSummary(id);
    assert.strictEqual(summary.panel.viewType, 'llamaClassify.summary');
    const csp = /content="([^"]+)"/.exec(summary.html)?.[1].replace(/&#39;/g, "'") ?? '';
    assert.match(csp, /default-src 'none'.*script-src 'nonce-[^']+'/);
    assert.ok(rig.s.jobs.get(id), 'the job is listed, so its pages stay');

    await eventually(() => assert.strictEqual(summary.lastView?.loaded, 50));
    let v = summary.lastView!;
    let want = expected(id, 50);
    assert.strictEqual(v.countText, '50 of 2,345 results');
    assert.ok(v.canLoadAll);
    assert.deepStrictEqual(typeCounts(v), want.types);
    assert.deepStrictEqual(v.bins.map((b) => b.count), want.bins);
    assert.strictEqual(v.lowTotal, want.low);
    assert.strictEqual(v.facts.status, 'SUCCESS');
    // the fake job's rules are the types its results use
    assert.deepStrictEqual(v.facts.rules?.map((r) => r.type), ['invoice', 'receipt', 'contract', 'bank_statement', 'purchase_order']);

    // A page loaded elsewhere (the tree's Load more) shows up in the summary.
    await vscode.commands.executeCommand('llamaClassify.loadMore', id);
    await eventually(() => assert.strictEqual(summary.lastView?.loaded, 100));
    assert.deepStrictEqual(typeCounts(summary.lastView!), expected(id, 100).types);

    // Opening it again reveals the same panel.
    await vscode.commands.executeCommand('llamaClassify.showSummary', id);
    assert.strictEqual(rig.api.deps.summary.get(id), summary);
    assert.strictEqual(tabsOf('llamaClassify.summary').length, 1);

    await summary.handleMessage({ type: 'loadAll' }); // what the page's button posts
    await eventually(() => assert.strictEqual(summary.lastView?.loaded, 2345));
    v = summary.lastView!;
    want = expected(id, 2345);
    assert.strictEqual(v.countText, '2,345 of 2,345 results');
    assert.strictEqual(v.canLoadAll, false);
    assert.strictEqual(v.loadingAll, false);
    assert.deepStrictEqual(typeCounts(v), want.types);
    assert.deepStrictEqual(v.bins.map((b) => b.count), want.bins);
    assert.strictEqual(v.bins.reduce((a, b) => a + b.count, 0) + v.apartCount, 2345);
    assert.strictEqual(v.lowTotal, want.low);
    assert.ok(v.low.every((l, i) => i === 0 || v.low[i - 1].confidence <= l.confidence), 'lowest first');
  });

  it('a low-confidence result opens in the result panel; an ID the summary does not list is ignored', async () => {
    const summary = await openSummary(JOB_IDS.onePage);
    await eventually(() => assert.ok((summary.lastView?.low.length ?? 0) > 0));
    await summary.handleMessage({ type: 'openResult', resultId: 'not-listed-here' });
    assert.strictEqual(rig.s.panel.currentResult(), undefined);
    const target = summary.lastView!.low[0].resultId;
    await summary.handleMessage({ type: 'openResult', resultId: target });
    await eventually(() => assert.deepStrictEqual(rig.s.panel.currentResult(), { jobId: JOB_IDS.onePage, resultId: target }));
  });

  it('removing the job from the view keeps the summary as it was; Load all lists the job again', async () => {
    const id = JOB_IDS.onePage;
    const summary = await openSummary(id);
    await eventually(() => assert.strictEqual(summary.lastView?.loaded, 12));
    const before = summary.lastView!;
    await vscode.commands.executeCommand('llamaClassify.removeJob', id);
    await eventually(() => assert.ok(summary.posted.some((m) => m.type === 'status' && /removed from the LlamaCloud Classify view/.test(m.text))));
    assert.deepStrictEqual(summary.lastView?.types, before.types, 'the summary still shows what was loaded');
    const last = summary.posted.filter((m) => m.type === 'summary').pop();
    assert.ok(last?.type === 'summary' && last.view.loaded === 12 && last.view.canLoadAll);
    await summary.handleMessage({ type: 'loadAll' });
    assert.ok(rig.s.jobs.get(id), 'listed again');
    await eventually(() => assert.strictEqual(summary.lastView?.countText, '12 of 12 results'));
  });

  it('hostile type names are sent exactly as typed (the page places them as text) and never in the HTML', async () => {
    const summary = await openSummary(JOB_IDS.hostile);
    await eventually(() => assert.strictEqual(summary.lastView?.loaded, 3));
    const types = summary.lastView!.types.map((t) => t.type);
    assert.deepStrictEqual(new Set(types), new Set([HOSTILE.script, HOSTILE.img, HOSTILE.link]));
    assert.ok(!summary.html.includes('__pwned'));
  });

  it('the palette asks for the job; the summary of a failing job says why', async () => {
    rig.server.fault({ path: `/jobs/${JOB_IDS.onePage}/results`, status: 500, times: Infinity });
    rig.ui.picks.push((req) => {
      assert.strictEqual(req.title, 'Show Job Summary');
      return JOB_IDS.onePage;
    });
    await vscode.commands.executeCommand('llamaClassify.showSummary');
    const summary = rig.api.deps.summary.get(JOB_IDS.onePage)!;
    assert.ok(summary);
    await ready(summary);
    await eventually(() => assert.ok(summary.posted.some((m) => m.type === 'status' && m.kind === 'error' && /Couldn't load the results/.test(m.text))), 15_000);
    rig.server.clearFaults();
  });

  it('Compare with Job… shows the known differences of the fake pair; a row opens both results in a diff', async () => {
    rig.ui.picks.push((req) => {
      assert.ok(!req.recent.some((r) => r.jobId === JOB_IDS.compareA), 'A is not offered as B');
      return JOB_IDS.compareB;
    });
    await vscode.commands.executeCommand('llamaClassify.compareJobs', JOB_IDS.compareA);
    const compare = rig.api.deps.compare.get(JOB_IDS.compareA, JOB_IDS.compareB);
    assert.ok(compare, 'a compare panel is open');
    assert.strictEqual(compare.panel.viewType, 'llamaClassify.compare');
    assert.ok(await ready(compare), 'the compare page posted ready by itself');
    const v = compare.current;
    assert.deepStrictEqual(v.counts, COMPARE_DIFF.counts);
    assert.deepStrictEqual(
      v.rows.map((r) => ({ fileId: r.fileId, file: r.file, typeA: r.typeA, typeB: r.typeB, confidenceA: r.confidenceA, confidenceB: r.confidenceB })),
      COMPARE_DIFF.changed,
    );
    assert.ok(v.notes.some((n) => /1 matched by file name/.test(n)), v.notes.join(' | '));
    assert.ok(rig.s.jobs.get(JOB_IDS.compareB), 'B is listed too');

    await compare.handleMessage({ type: 'openPair', index: 0 });
    let diff: vscode.TabInputTextDiff | undefined;
    await eventually(() => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      assert.ok(input instanceof vscode.TabInputTextDiff, 'a diff editor is active');
      diff = input;
    });
    // raw JSON documents are /<job>/<result>/<title>.json
    assert.ok(diff!.original.path.startsWith(`/${JOB_IDS.compareA}/${v.rows[0].resultA}/`), diff!.original.path);
    assert.ok(diff!.modified.path.startsWith(`/${JOB_IDS.compareB}/${v.rows[0].resultB}/`), diff!.modified.path);
    assert.match((await vscode.workspace.openTextDocument(diff!.original)).getText(), /"type": "invoice"/);
    assert.match((await vscode.workspace.openTextDocument(diff!.modified)).getText(), /"type": "receipt"/);
  });

  it('comparing a job with itself warns; a job that fails to load leaves no compare panel and says why', async () => {
    rig.ui.picks.push(() => JOB_IDS.compareA);
    await vscode.commands.executeCommand('llamaClassify.compareJobs', JOB_IDS.compareA);
    assert.ok(rig.ui.messages.some((m) => m.level === 'warn' && /different job/.test(m.message)));
    rig.server.fault({ path: `/jobs/${JOB_IDS.compareB}/results`, status: 500, times: Infinity });
    await vscode.commands.executeCommand('llamaClassify.compareJobs', JOB_IDS.compareA, JOB_IDS.compareB);
    await eventually(() => assert.ok(rig.ui.messages.some((m) => m.level === 'error' && /Couldn't load job B/.test(m.message)), JSON.stringify(rig.ui.messages)));
    assert.strictEqual(rig.api.deps.compare.get(JOB_IDS.compareA, JOB_IDS.compareB), undefined);
    rig.server.clearFaults();
  });
});
