// The review queue in the real extension host: Review Low-Confidence Results walks only the results
// below the threshold and "No match" in server order, titled "Review k of N · below 60%", loading pages
// as it goes; marks from the panel and the commands show on tree rows and the job row and survive a
// reload of the state; Clear Review Marks asks first. Expectations come from the fake server's dataset.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { ReviewMarks } from '../../src/model/reviewMarks';
import type { Node } from '../../src/tree/nodes';
import type { ResultView } from '../../src/webview/protocol';
import { RESULT_VIEW_TYPE } from '../../src/webview/protocol';
import type { ResultPanel } from '../../src/webview/resultPanel';
import { buildDataset, JOB_IDS } from '../fake-server/datasets';
import { eventually, setUpRig, type Rig } from './helpers';

const config = () => vscode.workspace.getConfiguration('llamaClassify');
const dataset = buildDataset();

/** Indices of a job's first `n` rows that need review, computed from the dataset itself. */
function expectedQueue(jobId: string, threshold: number, n: number): number[] {
  const job = dataset.jobs.find((j) => j.id === jobId)!;
  const out: number[] = [];
  for (let i = 0; i < Math.min(n, job.count); i++) {
    const r = job.row(i).result;
    if (r && (r.type === null || (r.confidence as number) < threshold)) { out.push(i); }
  }
  return out;
}
const rowId = (jobId: string, i: number) => dataset.jobs.find((j) => j.id === jobId)!.row(i).id;

describe('Review queue', function () {
  this.timeout(90_000);
  let rig: Rig;
  let panels: ResultPanel;
  const review = () => rig.api.deps.review;

  async function clearAllMarks() {
    for (const jobId of review().marks.markedJobs()) { await review().marks.clearJob(jobId); }
  }

  /** Waits for the real page's 'ready'; stands in for a page that never renders (headless). */
  async function pageReady(before: number, timeoutMs = 8000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (panels.readyMessages > before) { return; }
      await new Promise((r) => setTimeout(r, 50));
    }
    await panels.handleMessage({ type: 'ready' });
  }

  async function startReview(jobId: string): Promise<void> {
    const before = panels.readyMessages;
    const hadPanel = !!panels.currentPanel();
    await vscode.commands.executeCommand('llamaClassify.reviewLowConfidence', jobId);
    if (!hadPanel) { await pageReady(before); }
    await eventually(() => assert.ok(panels.lastShown()?.review, 'a review view was posted'));
  }

  function shown(): ResultView {
    const v = panels.lastShown();
    assert.ok(v, 'a show message was posted');
    return v;
  }

  function resultRow(jobId: string, resultId: string): vscode.TreeItem {
    const node = rig.s.tree.resultNode(jobId, resultId);
    assert.ok(node, `result ${resultId} is loaded`);
    return rig.s.tree.getTreeItem(node) as vscode.TreeItem;
  }
  const jobRow = (jobId: string) => rig.s.tree.getTreeItem(rig.s.tree.jobNode(jobId)) as vscode.TreeItem;
  const iconId = (item: vscode.TreeItem) => (item.iconPath as vscode.ThemeIcon).id;

  beforeEach(async () => {
    rig = await setUpRig();
    panels = rig.s.panel;
    await clearAllMarks();
  });

  afterEach(async () => {
    panels?.currentPanel()?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('lowConfidenceThreshold', undefined, vscode.ConfigurationTarget.Global);
    await clearAllMarks();
    await rig?.close();
  });

  it('walks only the results below 60% and "No match", in server order, titled "Review k of N · below 60%"', async () => {
    const queue = expectedQueue(JOB_IDS.onePage, 0.6, 12);
    assert.ok(queue.length >= 3 && queue.length < 12, `the dataset has a queue to walk: ${queue.join(',')}`);
    await startReview(JOB_IDS.onePage);
    assert.ok(rig.s.jobs.get(JOB_IDS.onePage), 'the job joined the view');
    for (let k = 0; k < queue.length; k++) {
      if (k > 0) { await panels.handleMessage({ type: 'next' }); }
      const title = `Review ${k + 1} of ${queue.length} · below 60%`;
      assert.strictEqual(shown().resultId, rowId(JOB_IDS.onePage, queue[k]), `step ${k}`);
      assert.strictEqual(shown().review?.title, title);
      assert.strictEqual(panels.currentPanel()?.title, title, 'the panel title says where the walk is');
      assert.strictEqual(shown().position, `${queue[k] + 1} of 12`, 'the place in the job stays visible');
      assert.strictEqual(shown().canPrev, k > 0);
      assert.strictEqual(shown().canNext, k < queue.length - 1);
    }
    await panels.handleMessage({ type: 'next' });
    assert.strictEqual(panels.currentResult()?.resultId, rowId(JOB_IDS.onePage, queue.at(-1)!), 'the end of the queue: no move');
    await panels.handleMessage({ type: 'prev' });
    assert.strictEqual(shown().resultId, rowId(JOB_IDS.onePage, queue.at(-2)!), 'Previous skips the results outside the queue');
    assert.deepStrictEqual(rig.ui.messages, []);

    // A new threshold re-titles the walk at once.
    await config().update('lowConfidenceThreshold', 0.9, vscode.ConfigurationTarget.Global);
    await eventually(() => assert.match(shown().review?.title ?? '', / · below 90%$/));

    // Stop reviewing: Previous/Next walk every result again.
    const at = queue.at(-2)!;
    await panels.handleMessage({ type: 'exitReview' });
    assert.strictEqual(shown().review, null);
    await panels.handleMessage({ type: 'next' });
    assert.strictEqual(shown().resultId, rowId(JOB_IDS.onePage, at + 1));
  });

  it('loads further pages as the walk needs them, and says when a job has nothing to review', async () => {
    await config().update('pageSize', 10, vscode.ConfigurationTarget.Global);
    await config().update('lowConfidenceThreshold', 0.46, vscode.ConfigurationTarget.Global);
    const queue = expectedQueue(JOB_IDS.multiPage, 0.46, 200).slice(0, 10);
    assert.ok(queue[9] >= 50, `the walk crosses several pages: ${queue.join(',')}`);
    await startReview(JOB_IDS.multiPage);
    const pager = rig.s.jobs.pager(JOB_IDS.multiPage);
    for (let k = 0; k < queue.length; k++) {
      if (k > 0) { await panels.handleMessage({ type: 'next' }); }
      assert.strictEqual(shown().resultId, rowId(JOB_IDS.multiPage, queue[k]), `step ${k}`);
      const loadedQueue = expectedQueue(JOB_IDS.multiPage, 0.46, pager.items.length).length;
      assert.strictEqual(shown().review?.title, `Review ${k + 1} of ${loadedQueue}+ · below 46%`);
    }
    assert.strictEqual(pager.items.length, Math.ceil((queue[9] + 1) / 10) * 10, 'pages loaded only as far as the walk went');
    const pages = rig.server.requests.filter((r) => r.path.endsWith('/results')).length;
    assert.strictEqual(pages, pager.items.length / 10, 'each page once');

    // The tree row of the job counts what is left to review among the loaded results.
    await eventually(() => assert.match(String(jobRow(JOB_IDS.multiPage).description), new RegExp(`${expectedQueue(JOB_IDS.multiPage, 0.46, pager.items.length).length}\\+ to review$`)));

    // A job with nothing below the threshold: one clear message, no panel change.
    await config().update('lowConfidenceThreshold', 0, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('llamaClassify.reviewLowConfidence', JOB_IDS.edgeCases);
    assert.strictEqual(panels.currentResult()?.resultId, rowId(JOB_IDS.edgeCases, 1), 'threshold 0: only its "No match" is in the queue');
    assert.strictEqual(shown().review?.title, 'Review 1 of 1 · below 0%');
    assert.deepStrictEqual(rig.ui.messages, []);
    // From the palette: a job pick that offers the view's jobs first (a pasted ID works too).
    let offered: string[] = [];
    rig.ui.picks.push((req) => {
      offered = req.recent.map((r) => r.jobId);
      assert.strictEqual(req.title, 'Review Low-Confidence Results');
      assert.ok(req.parse(JOB_IDS.empty).ok);
      return JOB_IDS.empty;
    });
    await vscode.commands.executeCommand('llamaClassify.reviewLowConfidence');
    assert.deepStrictEqual(new Set(offered), new Set([JOB_IDS.multiPage, JOB_IDS.edgeCases]));
    assert.ok(rig.s.jobs.get(JOB_IDS.empty), 'the picked job joined the view');
    await eventually(() => assert.ok(rig.ui.messages.some((m) => m.level === 'info' && m.message.startsWith(`Nothing to review in job ${JOB_IDS.empty}`)), JSON.stringify(rig.ui.messages)));
  });

  it('marks from the panel and the commands show on the rows and the job, and persist across a reload of the state', async () => {
    const queue = expectedQueue(JOB_IDS.onePage, 0.6, 12);
    await startReview(JOB_IDS.onePage);
    const first = rowId(JOB_IDS.onePage, queue[0]);
    const second = rowId(JOB_IDS.onePage, queue[1]);
    const outside = rowId(JOB_IDS.onePage, 1);
    assert.ok(!queue.includes(1));

    // The panel's Correct button (its message names the result it shows).
    await panels.handleMessage({ type: 'mark', verdict: 'correct', resultId: first });
    await eventually(() => assert.strictEqual(shown().mark?.text, 'Correct'));
    // A mark for a result the panel no longer shows is ignored.
    await panels.handleMessage({ type: 'mark', verdict: 'wrong', resultId: second });
    assert.strictEqual(review().marks.get(JOB_IDS.onePage, second), undefined);

    // Mark as Wrong Type… from a tree row: the scripted prompt gives the right type and a note.
    rig.ui.wrongTypes.push({ correctType: 'receipt', note: 'paid total at the bottom' });
    const node = rig.s.tree.resultNode(JOB_IDS.onePage, second) as Node;
    await vscode.commands.executeCommand('llamaClassify.markWrong', node);
    assert.strictEqual(rig.ui.wrongTypeRequests.length, 1);
    assert.ok(rig.ui.wrongTypeRequests[0].types.length > 0, 'the loaded types are offered');
    // Opening a result outside the queue leaves review mode; Mark as Correct from the palette marks the panel's result.
    await vscode.commands.executeCommand('llamaClassify.openResult', JOB_IDS.onePage, outside);
    await eventually(() => assert.strictEqual(shown().resultId, outside));
    assert.strictEqual(shown().review, null);
    await vscode.commands.executeCommand('llamaClassify.markCorrect');
    assert.strictEqual(review().marks.get(JOB_IDS.onePage, outside)?.verdict, 'correct');

    // Rows: an icon and words (description and screen-reader label); the job counts what is left.
    await eventually(() => {
      const ok = resultRow(JOB_IDS.onePage, first);
      assert.strictEqual(iconId(ok), 'pass-filled');
      assert.match(String(ok.description), / · ✓ correct$/);
      assert.match(ok.accessibilityInformation?.label ?? '', /reviewed: Correct$/);
      const wrong = resultRow(JOB_IDS.onePage, second);
      assert.strictEqual(iconId(wrong), 'error');
      assert.match(String(wrong.description), / · ✗ wrong$/);
      assert.match(wrong.accessibilityInformation?.label ?? '', /reviewed: Wrong type \(should be receipt\)$/);
      const unmarked = resultRow(JOB_IDS.onePage, rowId(JOB_IDS.onePage, 2));
      assert.notStrictEqual(iconId(unmarked), 'pass-filled');
      assert.doesNotMatch(String(unmarked.description), /correct|wrong/);
      assert.match(String(jobRow(JOB_IDS.onePage).description), new RegExp(` · ${queue.length - 2} to review · 1 wrong$`));
    });

    // A reload: a new store over the same workspace state has the same marks.
    const reloaded = new ReviewMarks(rig.s.context.workspaceState);
    assert.deepStrictEqual(reloaded.get(JOB_IDS.onePage, second), review().marks.get(JOB_IDS.onePage, second));
    assert.strictEqual(reloaded.get(JOB_IDS.onePage, second)?.correctType, 'receipt');
    assert.strictEqual(reloaded.get(JOB_IDS.onePage, second)?.note, 'paid total at the bottom');
    assert.deepStrictEqual(reloaded.counts(JOB_IDS.onePage), { correct: 2, wrong: 1 });
    const stored = JSON.stringify(rig.s.context.workspaceState.get('llamaClassify.reviewMarks'));
    assert.ok(!stored.includes(rig.server.apiKey), 'no secret in the state');
    assert.ok(!stored.includes('reasoning'), 'no result data in the state');

    // Clear Review Mark on one row.
    await vscode.commands.executeCommand('llamaClassify.clearMark', JOB_IDS.onePage, outside);
    assert.strictEqual(review().marks.get(JOB_IDS.onePage, outside), undefined);
  });

  it('Clear Review Marks asks first, keeps the marks when not confirmed, and clears the job when confirmed', async () => {
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    const items = rig.s.jobs.pager(JOB_IDS.onePage).items;
    await vscode.commands.executeCommand('llamaClassify.markCorrect', JOB_IDS.onePage, items[0].id);
    await vscode.commands.executeCommand('llamaClassify.markCorrect', JOB_IDS.onePage, items[1].id);
    rig.ui.wrongTypes.push({});
    await vscode.commands.executeCommand('llamaClassify.markWrong', JOB_IDS.onePage, items[2].id);
    assert.deepStrictEqual(review().marks.counts(JOB_IDS.onePage), { correct: 2, wrong: 1 });

    rig.ui.confirms.push(false);
    await vscode.commands.executeCommand('llamaClassify.clearReview', rig.s.tree.jobNode(JOB_IDS.onePage));
    assert.deepStrictEqual(review().marks.counts(JOB_IDS.onePage), { correct: 2, wrong: 1 }, 'not confirmed: kept');
    assert.strictEqual(rig.ui.confirms.length, 0, 'it asked');

    // From the palette: the one job with marks is the one cleared.
    rig.ui.confirms.push(true);
    await vscode.commands.executeCommand('llamaClassify.clearReview');
    assert.deepStrictEqual(review().marks.counts(JOB_IDS.onePage), { correct: 0, wrong: 0 });
    assert.deepStrictEqual(new ReviewMarks(rig.s.context.workspaceState).markedJobs(), [], 'cleared in the stored state too');
    await eventually(() => {
      assert.doesNotMatch(String(jobRow(JOB_IDS.onePage).description), /wrong/);
      assert.notStrictEqual(iconId(resultRow(JOB_IDS.onePage, items[0].id)), 'pass-filled');
    });
    assert.ok(rig.ui.statuses.includes('Cleared 3 review marks'));
    assert.deepStrictEqual(rig.ui.messages, [], 'no toast');

    // Nothing to clear: a status line, no question.
    await vscode.commands.executeCommand('llamaClassify.clearReview');
    assert.strictEqual(rig.ui.statuses.at(-1), 'No job has review marks');
  });

  it('the serializer restores review mode after a window reload', async () => {
    const queue = expectedQueue(JOB_IDS.onePage, 0.6, 12);
    const panel = vscode.window.createWebviewPanel(RESULT_VIEW_TYPE, 'Restoring…', vscode.ViewColumn.One, {});
    const before = panels.readyMessages;
    await panels.serializer.deserializeWebviewPanel(panel, { jobId: JOB_IDS.onePage, resultId: rowId(JOB_IDS.onePage, queue[1]), review: true });
    await pageReady(before);
    await eventually(() => assert.strictEqual(shown().review?.title, `Review 2 of ${queue.length} · below 60%`));
    await panels.handleMessage({ type: 'next' });
    assert.strictEqual(shown().resultId, rowId(JOB_IDS.onePage, queue[2]), 'Next walks the queue');
  });
});
