// Filter, sort, group, find and Load All in the real extension host: the commands with a scripted Ui,
// the tree's rows and counts, and the fake server's request log (re-ordering never fetches).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { FileClassification } from '../../src/api/types';
import { ViewQuery } from '../../src/model/viewQuery';
import type { Node } from '../../src/tree/nodes';
import type { Choice } from '../../src/ui/prompts';
import { fileNameFor, JOB_IDS } from '../fake-server/datasets';
import { eventually, flatNodes, label, setUpRig, tooltipText, type Rig } from './helpers';

const config = () => vscode.workspace.getConfiguration('llamaClassify');
const pct = (c: number | null | undefined) => (typeof c === 'number' ? Math.round(c * 100) : undefined);
const idsOf = (items: readonly FileClassification[]) => items.map((i) => i.id);

describe('Filter, sort, group, find and Load All', function () {
  this.timeout(60_000);
  let rig: Rig;
  const J = JOB_IDS.multiPage;

  afterEach(async () => {
    // A command that failed shows an error toast (the wrapper catches it): none is expected here.
    const errors = rig?.ui.messages.filter((m) => m.level === 'error') ?? [];
    await config().update('loadAllLimit', undefined, vscode.ConfigurationTarget.Global);
    // Find Result opens the result panel: close it, so the next suite starts without one.
    rig?.s.panel.currentPanel()?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rig?.close();
    assert.deepStrictEqual(errors, [], 'no command failed');
  });

  /** Opens the multi-page job with `pages` pages of 50 loaded. */
  async function openPages(pages: number): Promise<readonly FileClassification[]> {
    await vscode.commands.executeCommand('llamaClassify.openJob', J);
    for (let i = 1; i < pages; i++) { await vscode.commands.executeCommand('llamaClassify.loadMore', J); }
    const items = rig.s.jobs.pager(J).items;
    assert.strictEqual(items.length, pages * 50);
    return items;
  }
  const shownIds = (jobId = J) => flatNodes(rig.s, jobId).filter((n) => n.kind === 'result').map((n) => (n.kind === 'result' ? n.item.id : ''));
  const jobDescription = (jobId = J) => String((rig.s.tree.getTreeItem(rig.s.tree.jobNode(jobId)) as vscode.TreeItem).description);
  const resultRequests = () => rig.server.requests.filter((r) => r.path.endsWith('/results')).length;

  /** Runs Filter Results… choosing `types` (by label) and typing `text` into the confidence box. */
  async function filterBy(types: string[], text: string): Promise<Choice<unknown>[]> {
    let offered: Choice<unknown>[] = [];
    rig.ui.pickManys.push((req) => {
      offered = req.items;
      return req.items.filter((i) => types.includes(i.label)).map((i) => i.value);
    });
    rig.ui.texts.push(text);
    await vscode.commands.executeCommand('llamaClassify.filter');
    return offered;
  }

  it('filters every job by types and a confidence condition: exactly the matching rows, the counts, no request', async () => {
    rig = await setUpRig();
    const items = await openPages(3);
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    const small = rig.s.jobs.pager(JOB_IDS.onePage).items;
    const before = resultRequests();

    const offered = await filterBy(['invoice', 'No match'], '<0.6');
    // The choices: every type loaded (both jobs) with its count, and No match / No result always.
    const invoices = [...items, ...small].filter((i) => i.result?.type === 'invoice').length;
    assert.strictEqual(offered.find((o) => o.label === 'invoice')?.description, `${invoices} loaded`);
    assert.ok(offered.some((o) => o.label === 'No result'), 'No result is offered even when none is loaded');
    // The box refuses a bad condition in place, saying what works.
    const box = rig.ui.textRequests.at(-1)!;
    assert.match(box.validate?.('below sixty') ?? '', /<0\.6, >=0\.9, 40-70 or 40%-70%/);
    assert.match(box.validate?.('60-40') ?? '', /first number is larger/);
    assert.strictEqual(box.validate?.('<0.6'), undefined);
    assert.strictEqual(box.value, '', 'no condition yet: the box starts empty');

    const wanted = (i: FileClassification) => (i.result?.type === 'invoice' || (i.result !== null && i.result.type === null)) && (pct(i.result?.confidence) ?? 100) < 60;
    const expected = items.filter(wanted);
    assert.ok(expected.length > 0 && expected.length < items.length, 'the data has rows on both sides of the filter');
    assert.deepStrictEqual(shownIds(), idsOf(expected), 'exactly the matching rows, in server order');
    assert.deepStrictEqual(shownIds(JOB_IDS.onePage), idsOf(small.filter(wanted)), 'the filter applies to every job');
    await eventually(() => assert.match(jobDescription(), new RegExp(`^Succeeded · ${expected.length} of 150 match · \\d+\\+ to review$`)));
    assert.strictEqual(rig.s.treeView.description, 'invoice, No match · < 60%');
    assert.strictEqual(rig.s.treeView.message, 'Filter: invoice, No match · < 60%');
    const rows = rig.rows(J);
    assert.strictEqual(label(rows[0]), 'Load all to include every result', 'a job not fully loaded offers the rest');
    assert.strictEqual(rows[0].command?.command, 'llamaClassify.loadAll');
    assert.strictEqual(label(rows[rows.length - 1]), 'Load more (150 of 2,345)');
    assert.strictEqual(resultRequests(), before, 'filtering fetches nothing');
    assert.deepStrictEqual(rig.api.deps.query.filter.types.length, 2, 'other features read the filter from deps.query');

    // Load more under the filter: the next server page, and what of it matched.
    await vscode.commands.executeCommand('llamaClassify.loadMore', J);
    assert.strictEqual(resultRequests(), before + 1);
    const more = rig.s.jobs.pager(J).items;
    const newMatches = more.slice(150).filter(wanted).length;
    assert.strictEqual(rig.ui.statuses.at(-1), `50 more loaded: ${newMatches} match the filter (${more.filter(wanted).length} of 200 in all)`);
    assert.deepStrictEqual(shownIds(), idsOf(more.filter(wanted)));

    // The filter is kept where the extension keeps its state: a reload reads it back.
    assert.strictEqual(new ViewQuery(rig.s.context.globalState).describe(), 'invoice, No match · < 60%');

    // Nothing matches: a row says so (and the job says 0 of 200).
    await filterBy(['No result'], '');
    assert.deepStrictEqual(rig.rows(J).map(label).slice(0, 2), ['Load all to include every result', 'No loaded result matches the filter']);
    await eventually(() => assert.match(jobDescription(), /^Succeeded · 0 of 200 match · \d+\+ to review$/));

    await vscode.commands.executeCommand('llamaClassify.clearFilter');
    assert.deepStrictEqual(shownIds(), idsOf(more));
    assert.strictEqual(rig.s.treeView.description, undefined);
    assert.strictEqual(rig.s.treeView.message, undefined);
    await eventually(() => assert.match(jobDescription(), /^Succeeded · 200 of 2,345 · \d+\+ to review$/));
    assert.ok(!rig.rows(J).some((r) => label(r).startsWith('Load all')), 'server order and no filter: the plain list');
  });

  it('dismissing either step of Filter Results… changes nothing', async () => {
    rig = await setUpRig();
    await openPages(1);
    rig.ui.pickManys.push(() => undefined);
    await vscode.commands.executeCommand('llamaClassify.filter');
    rig.ui.pickManys.push((req) => [req.items[0].value]);
    rig.ui.texts.push(undefined);
    await vscode.commands.executeCommand('llamaClassify.filter');
    assert.strictEqual(rig.api.deps.query.filtered, false);
    assert.strictEqual(shownIds().length, 50);
  });

  it('sorts by confidence, type and file name without a request; ties keep server order', async () => {
    rig = await setUpRig();
    const items = await openPages(2);
    await eventually(() => assert.ok(rig.s.fileNames.get(items[0].file_id)));
    const before = resultRequests();
    const sortBy = async (labelText: string) => {
      rig.ui.pickOnes.push((req) => req.items.find((i) => i.label === labelText)?.value);
      await vscode.commands.executeCommand('llamaClassify.sortBy');
    };
    const conf = (i: FileClassification) => i.result?.confidence ?? Infinity;

    await sortBy('Confidence, lowest first');
    assert.strictEqual(rig.s.treeView.message, 'Sorted by confidence, lowest first', 'the view says its order');
    const asc = [...items].map((i, n) => ({ i, n })).sort((a, b) => conf(a.i) - conf(b.i) || a.n - b.n).map((x) => x.i);
    assert.deepStrictEqual(shownIds(), idsOf(asc));
    assert.strictEqual(label(rig.rows(J)[0]), 'Load all to include every result', 'a sorted job that is not fully loaded offers the rest');

    await sortBy('Confidence, highest first');
    const desc = [...items].map((i, n) => ({ i, n })).sort((a, b) => conf(b.i) - conf(a.i) || a.n - b.n).map((x) => x.i);
    assert.deepStrictEqual(shownIds(), idsOf(desc));

    await sortBy('File name');
    const name = (i: FileClassification) => rig.s.fileNames.get(i.file_id) ?? i.file_id ?? i.id;
    const names = shownIds().map((id) => name(items.find((i) => i.id === id)!));
    assert.deepStrictEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })));

    await sortBy('Type');
    const types = shownIds().map((id) => items.find((i) => i.id === id)!.result?.type ?? '~');
    assert.deepStrictEqual(types, [...types].sort(), 'types by name, No match last');

    await sortBy('Server order');
    assert.deepStrictEqual(shownIds(), idsOf(items));
    assert.strictEqual(resultRequests(), before, 'sorting fetches nothing');
  });

  it('groups by type: "invoice (N)" nodes, each holding its rows; a selected result stays selected', async () => {
    rig = await setUpRig();
    const items = await openPages(2);
    const target = items.find((i) => i.result?.type === 'receipt')!;
    const selectedId = () => {
      const sel = rig.s.treeView.selection[0];
      return sel?.kind === 'result' ? sel.item.id : undefined;
    };
    assert.ok(rig.api.deps.view.revealResult(J, target.id, { show: true }));
    await eventually(() => assert.strictEqual(selectedId(), target.id));

    await vscode.commands.executeCommand('llamaClassify.groupByType');
    const groups = rig.nodes(J).filter((n) => n.kind === 'group');
    const count = (t: string | null) => items.filter((i) => i.result?.type === t).length;
    const expectedLabels = ['bank_statement', 'contract', 'invoice', 'purchase_order', 'receipt'].filter((t) => count(t) > 0).map((t) => `${t} (${count(t)})`);
    if (count(null)) { expectedLabels.push(`No match (${count(null)})`); }
    assert.deepStrictEqual(groups.map((g) => label(rig.s.tree.getTreeItem(g) as vscode.TreeItem)), expectedLabels);
    const receipts = groups.find((g) => g.kind === 'group' && g.key === 'type:receipt')!;
    const children = rig.s.tree.getChildren(receipts) as Node[];
    assert.deepStrictEqual(children.map((n) => (n.kind === 'result' ? n.item.id : '')), idsOf(items.filter((i) => i.result?.type === 'receipt')));
    const parent = rig.s.tree.getParent(rig.s.tree.resultNode(J, target.id)!);
    assert.ok(parent?.kind === 'group' && parent.key === 'type:receipt', 'reveal walks result → group → job');
    assert.strictEqual(rig.s.tree.getParent(parent), rig.s.tree.jobNode(J));
    // The place is kept: the same result is selected under its group.
    await eventually(() => assert.strictEqual(selectedId(), target.id));

    // Grouping and a filter together: the groups count what matches.
    await filterBy(['receipt', 'invoice'], '>=0.8');
    const match = (t: string) => items.filter((i) => i.result?.type === t && (pct(i.result.confidence) ?? 0) >= 80).length;
    assert.deepStrictEqual(rig.nodes(J).filter((n) => n.kind === 'group').map((g) => label(rig.s.tree.getTreeItem(g) as vscode.TreeItem)), [`invoice (${match('invoice')})`, `receipt (${match('receipt')})`]);

    await vscode.commands.executeCommand('llamaClassify.ungroup');
    assert.ok(!rig.nodes(J).some((n) => n.kind === 'group'));
    assert.strictEqual(rig.api.deps.query.grouped, false);
  });

  it('past 1,000 shown rows, range rows slice the filtered, sorted list (and groups)', async () => {
    rig = await setUpRig();
    await config().update('pageSize', 1000, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('llamaClassify.openJob', J);
    await vscode.commands.executeCommand('llamaClassify.loadAll', J);
    const items = rig.s.jobs.pager(J).items;
    assert.strictEqual(items.length, 2345);
    await filterBy(['invoice', 'receipt', 'contract', 'bank_statement'], '');
    rig.ui.pickOnes.push((req) => req.items.find((i) => i.label === 'Confidence, highest first')?.value);
    await vscode.commands.executeCommand('llamaClassify.sortBy');
    const kept = items.filter((i) => i.result?.type && i.result.type !== 'purchase_order');
    assert.ok(kept.length > 1000 && kept.length < 2000);
    const ranges = rig.nodes(J);
    assert.deepStrictEqual(ranges.map((n) => label(rig.s.tree.getTreeItem(n) as vscode.TreeItem)), ['1–1,000', `1,001–${kept.length.toLocaleString('en-US')}`], 'complete: no Load all row');
    const shown = shownIds();
    const conf = (id: string) => items.find((i) => i.id === id)!.result!.confidence ?? -1;
    assert.strictEqual(shown.length, kept.length);
    assert.ok(shown.every((id, n) => n === 0 || conf(shown[n - 1]) >= conf(id)), 'highest first across both ranges');
    const last = rig.s.tree.resultNode(J, shown[1500])!;
    assert.strictEqual(label(rig.s.tree.getTreeItem(rig.s.tree.getParent(last)!) as vscode.TreeItem), `1,001–${kept.length.toLocaleString('en-US')}`);

    await vscode.commands.executeCommand('llamaClassify.clearFilter');
    await vscode.commands.executeCommand('llamaClassify.groupByType');
    const groups = rig.nodes(J);
    assert.ok(groups.every((g) => g.kind === 'group'));
    const total = groups.reduce((sum, g) => sum + (rig.s.tree.getChildren(g) as Node[]).reduce((s2, c) => s2 + (c.kind === 'range' ? (rig.s.tree.getChildren(c) as Node[]).length : 1), 0), 0);
    assert.strictEqual(total, 2345, 'every result once, under its type');
  });

  it('Find Result… searches file name, type, confidence and ID across jobs; choosing selects the row and opens the panel', async () => {
    rig = await setUpRig();
    const items = await openPages(1);
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    await eventually(() => assert.ok(rig.s.fileNames.get(items[0].file_id) && rig.s.fileNames.get(rig.s.jobs.pager(JOB_IDS.onePage).items[0].file_id)));
    // A row past the first few whose file the Files API knows; searched by a part of its name.
    const k = items.findIndex((i, n) => n > 5 && rig.s.fileNames.get(i.file_id));
    const wanted = items[k];
    const wantedName = fileNameFor(wanted.result!.type, k);
    const part = wantedName.slice(2, -4);
    let offered: Choice<unknown>[] = [];
    rig.ui.pickOnes.push((req) => {
      offered = req.items;
      return req.items.find((i) => i.label.includes(part) && i.detail?.includes(`job ${J.slice(0, 8)}`))?.value;
    });
    await vscode.commands.executeCommand('llamaClassify.findResult');
    assert.strictEqual(offered.length, 50 + 12, 'every loaded result of every job');
    assert.deepStrictEqual(rig.ui.requests.at(-1), { kind: 'pickOne', title: 'Find Result (62 loaded)' });
    const row = offered.find((o) => o.label === wantedName && o.detail?.includes(wanted.id))!;
    assert.strictEqual(row.description, `${wanted.result!.type ?? 'No match'} · ${pct(wanted.result!.confidence)}%`);
    assert.strictEqual(row.detail, `Result ${wanted.id} · job ${J.slice(0, 8)}`);
    await eventually(() => assert.strictEqual(rig.s.panel.lastShown()?.resultId, wanted.id));
    await eventually(() => {
      const sel = rig.s.treeView.selection[0];
      assert.ok(sel?.kind === 'result' && sel.item.id === wanted.id, 'selected in the tree');
    });

    // A result hidden by the filter opens in the panel, and the status bar says why the tree has no row.
    await filterBy(['No result'], '');
    rig.ui.pickOnes.push((req) => req.items.find((i) => i.detail?.includes(items[3].id))?.value);
    await vscode.commands.executeCommand('llamaClassify.findResult');
    assert.match(rig.ui.statuses.at(-1) ?? '', /hidden by the filter/);
    await eventually(() => assert.strictEqual(rig.s.panel.lastShown()?.resultId, items[3].id));
  });

  it('Find Result… with nothing loaded says so instead of an empty picker', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.findResult');
    assert.match(rig.ui.messages.at(-1)?.message ?? '', /No results are loaded yet/);
    assert.deepStrictEqual(rig.ui.requests, []);
  });

  it('Load All: progress with counts, then a second one cancelled midway keeps what it loaded', async () => {
    rig = await setUpRig();
    await config().update('pageSize', 500, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('llamaClassify.openJob', J);
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.large);
    // From the palette: the job is picked.
    rig.ui.listedPicks.push((items) => items.find((i) => i.jobId === J)?.jobId);
    await vscode.commands.executeCommand('llamaClassify.loadAll');
    const first = rig.ui.progresses[0];
    assert.strictEqual(first.title, `Loading all results of job ${J.slice(0, 8)}`);
    assert.deepStrictEqual(first.messages, ['500 of 2,345', '1,000 of 2,345', '1,500 of 2,345', '2,000 of 2,345', '2,345 of 2,345']);
    assert.strictEqual(rig.s.jobs.pager(J).items.length, 2345);
    assert.match(rig.ui.messages.at(-1)?.message ?? '', /^Loaded all 2,345 results of job/);
    assert.strictEqual(rig.flatRows(J).length, 2345);

    rig.ui.cancelProgressWhen = (m) => m.startsWith('1,500 of');
    const before = resultRequests();
    await vscode.commands.executeCommand('llamaClassify.loadAll', rig.s.tree.jobNode(JOB_IDS.large));
    const second = rig.ui.progresses[1];
    assert.ok(second.cancelled);
    assert.match(second.messages[0], /^500 of 100,000 \(stops at 10,000: llamaClassify\.loadAllLimit\)$/, 'the limit is said up front');
    const kept = rig.s.jobs.pager(JOB_IDS.large).items.length;
    assert.strictEqual(kept, 1500, 'the pages loaded before Cancel stay');
    assert.strictEqual(resultRequests() - before, 2, 'no page after Cancel');
    assert.match(rig.ui.statuses.at(-1) ?? '', /^Load All cancelled: 1,500 of 100,000 results of job .* are loaded and stay\.$/);
    assert.deepStrictEqual(rig.rows(JOB_IDS.large).map(label), ['1–1,000', '1,001–1,500', 'Load more (1,500 of 100,000)']);
  });

  it('Load All stops at llamaClassify.loadAllLimit and says how to load more; a second one for the same job is not started', async () => {
    rig = await setUpRig();
    await config().update('pageSize', 400, vscode.ConfigurationTarget.Global);
    await config().update('loadAllLimit', 1000, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.large);
    await Promise.all([
      vscode.commands.executeCommand('llamaClassify.loadAll', JOB_IDS.large),
      vscode.commands.executeCommand('llamaClassify.loadAll', JOB_IDS.large),
    ]);
    assert.strictEqual(rig.ui.progresses.length, 1);
    assert.match(rig.ui.statuses.join('\n'), /Already loading all results of job/);
    assert.strictEqual(rig.s.jobs.pager(JOB_IDS.large).items.length, 1200);
    const warning = rig.ui.messages.find((m) => m.level === 'warn');
    assert.strictEqual(warning?.message, `Loaded 1,200 of 100,000 results of job ${JOB_IDS.large.slice(0, 8)}: Load All stops at 1,000 (the llamaClassify.loadAllLimit setting). Raise it to load more.`);
    assert.deepStrictEqual(warning?.actions, ['Open Settings']);
  });

  it('result rows: type and confidence first, the file after, the band by icon shape and explained in the tooltip', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.edgeCases);
    const rows = rig.rows(JOB_IDS.edgeCases);
    const items = rig.s.jobs.pager(JOB_IDS.edgeCases).items;
    await eventually(() => assert.strictEqual(rig.rows(JOB_IDS.edgeCases)[0].description, 'invoice-acme.pdf'));
    assert.strictEqual(label(rows[0]), 'invoice · 92%');
    assert.strictEqual(rows[2].description, items[2].file_id!.slice(0, 8), 'an unnamed file: its short ID, like job IDs');
    const icon = (r: vscode.TreeItem) => (r.iconPath as vscode.ThemeIcon).id;
    assert.deepStrictEqual(
      [0, 1, 2, 4, 6, 9].map((i) => [label(rows[i]), icon(rows[i])]),
      [
        ['invoice · 92%', 'pass'],
        ['No match · 31%', 'circle-slash'],
        ['No result', 'question'],
        ['contract · 64%', 'circle-large-outline'],
        ['invoice · confidence ?', 'question'],
        ['bank_statement · 55%', 'circle-large-outline'],
      ],
    );
    assert.match(tooltipText(rows[0]), /high ≥ 80%.*medium 50–79%.*low < 50%/);
    assert.match(tooltipText(rows[0]), new RegExp(`Result ID: ${items[0].id}`));
  });
});
