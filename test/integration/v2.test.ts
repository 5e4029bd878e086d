// Classify v2 in the real extension host: a pasted v2 ID opens its job and result (with the v2-only
// section), a browsed v2 list pages to the end with Load more, and a bare UUID that v1 does not know
// falls back to v2 and is remembered; a RUNNING v2 job finishes without a click; labels and links
// work for v2 jobs (and a browsed list's rows).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { JOB_IDS } from '../fake-server/datasets';
import { V2_ARCHIVE_COUNT, V2_CONFIGS, V2_JOB_IDS, V2_RULES } from '../fake-server/datasetsV2';
import type { ResultView } from '../../src/webview/protocol';
import { EXTENSION_ID, eventually, label, setUpRig, tooltipText, type Rig } from './helpers';

describe('Classify v2', function () {
  this.timeout(60_000);
  let rig: Rig;

  afterEach(async () => {
    rig?.s.panel.currentPanel()?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rig?.close();
  });

  /** Runs a row's own click command, as a click in the tree does. */
  async function click(item: vscode.TreeItem): Promise<void> {
    assert.ok(item.command, `row “${label(item)}” has a click command`);
    const before = rig.s.panel.readyMessages;
    const hadPanel = !!rig.s.panel.currentPanel();
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    if (hadPanel) { return; }
    // The real page posts 'ready'; a workbench that never renders the webview would not: stand in for it.
    const deadline = Date.now() + 8000;
    while (rig.s.panel.readyMessages === before && Date.now() < deadline) { await new Promise((r) => setTimeout(r, 50)); }
    if (rig.s.panel.readyMessages === before) { await rig.s.panel.handleMessage({ type: 'ready' }); }
  }

  async function shown(resultId: string): Promise<ResultView> {
    await eventually(() => assert.strictEqual(rig.s.panel.lastShown()?.resultId, resultId));
    return rig.s.panel.lastShown()!;
  }

  const jobRow = (jobId: string) => rig.s.tree.getTreeItem(rig.s.tree.jobNode(jobId)) as vscode.TreeItem;
  const apiPaths = () => rig.server.requests.filter((r) => r.path.startsWith('/api/') && !r.path.startsWith('/api/v1/beta/files')).map((r) => r.path);

  it('a pasted v2 ID opens its job (v2, status) with one row labelled by the file; the row opens the panel with the v2 extras', async () => {
    rig = await setUpRig();
    const id = V2_JOB_IDS.invoice;
    rig.ui.picks.push((req) => {
      const parsed = req.parse(`  https://api.cloud.llamaindex.ai/api/v2/classify/${id}  `);
      return parsed.ok ? parsed.jobId : undefined;
    });
    await vscode.commands.executeCommand('llamaClassify.openJob');
    assert.deepStrictEqual(apiPaths().filter((p) => !p.endsWith('/classifier/jobs') && p !== '/api/v2/classify'), [`/api/v2/classify/${id}`, `/api/v2/classify/${id}`],
      'straight to v2 (the row, then the status): never the v1 results route');
    const rows = rig.rows(id);
    assert.strictEqual(rows.length, 1, 'one result row: v2 has one document per job');
    await eventually(() => assert.strictEqual(rig.rows(id)[0].description, 'acme-invoice-0107.pdf'));
    const row = rig.rows(id)[0];
    assert.strictEqual(label(row), 'invoice · 93%');
    await eventually(() => {
      const jobRow = rig.s.tree.getTreeItem(rig.s.tree.jobNode(id)) as vscode.TreeItem;
      assert.strictEqual(label(jobRow), id.slice(0, 8));
      assert.strictEqual(jobRow.description, 'v2 · Succeeded · 1 of 1', 'the status in words, and the v2 marker');
      assert.match(tooltipText(jobRow), /Classify v2 job/);
      assert.match(tooltipText(jobRow).replace(/\\/g, ''), /Status: Succeeded \(COMPLETED\)/, 'the API value in the tooltip');
    });

    await click(row);
    const v = await shown(id);
    assert.strictEqual(v.jobId, id, 'job-id is the v2 job ID');
    assert.strictEqual(v.resultId, id, 'result-id is the same ID');
    assert.strictEqual(v.typeLabel, 'invoice');
    assert.strictEqual(v.percent, '93%');
    assert.match(v.fileId ?? '', /^dfl-/);
    await eventually(() => assert.strictEqual(rig.s.panel.lastShown()?.fileName, 'acme-invoice-0107.pdf'));
    assert.deepStrictEqual(v.v2?.rules, V2_RULES);
    assert.strictEqual(v.v2?.mode, 'FAST');
    assert.strictEqual(v.v2?.parseJobId, 'pjb-7d1e2f3a4b5c');
    assert.strictEqual(v.v2?.errorMessage, null);

    // The picker now lists it as a recent v2 job with its status; the project lists mark v1 and v2.
    rig.ui.picks.push((req, project) => {
      const recent = req.recent.find((r) => r.jobId === id);
      assert.match(recent?.description ?? '', /^v2 · Succeeded/);
      assert.ok(project.some((p) => p.jobId === V2_JOB_IDS.failed && /^v2 · Failed/.test(p.description ?? '')), 'v2 project jobs are listed and marked');
      assert.ok(project.some((p) => p.jobId === JOB_IDS.onePage && /^v1 · Succeeded/.test(p.description ?? '')), 'v1 project jobs are listed and marked');
      return undefined;
    });
    await vscode.commands.executeCommand('llamaClassify.openJob');
    assert.strictEqual(rig.ui.picks.length, 0, 'the picker was shown');
  });

  it('a failed v2 job shows its error in the row, the job node and the panel; a pending one says pending', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', V2_JOB_IDS.failed);
    const row = rig.rows(V2_JOB_IDS.failed)[0];
    assert.strictEqual(label(row), 'Failed: Parsing failed: the file is password protected.');
    await eventually(() => assert.match(tooltipText(rig.s.tree.getTreeItem(rig.s.tree.jobNode(V2_JOB_IDS.failed)) as vscode.TreeItem), /password protected/));
    await eventually(() => assert.strictEqual(jobRow(V2_JOB_IDS.failed).description, 'v2 · Failed: Parsing failed: the file is password protected. · 1 of 1'));
    await click(row);
    const v = await shown(V2_JOB_IDS.failed);
    assert.strictEqual(v.kind, 'noResult');
    assert.strictEqual(v.v2?.errorMessage, 'Parsing failed: the file is password protected.');
    assert.match(v.typeNote ?? '', /FAILED/);

    await vscode.commands.executeCommand('llamaClassify.openJob', V2_JOB_IDS.pending);
    await eventually(() => assert.strictEqual(rig.s.jobs.get(V2_JOB_IDS.pending)?.meta?.status, 'PENDING'));
    await eventually(() => assert.strictEqual(label(rig.rows(V2_JOB_IDS.pending)[0]), 'The job is still pending'));
    await eventually(() => assert.match(String(jobRow(V2_JOB_IDS.pending).description), /^v2 · Pending — checking every \d+ s$/)); // a PENDING v2 job is polled
  });

  it('a v2 job that is RUNNING finishes and its row appears without a click', async () => {
    rig = await setUpRig();
    const id = V2_JOB_IDS.finishing; // PENDING for two reads, RUNNING for one, then COMPLETED
    assert.ok(vscode.window.state.focused, 'the test window has focus (checks run only then)');
    await vscode.commands.executeCommand('llamaClassify.openJob', id);
    await eventually(() => assert.deepStrictEqual(rig.rows(id).map(label), ['The job is still pending']));
    // The first check reads RUNNING: the node says so in words (the API value in the tooltip) and keeps checking.
    await eventually(() => assert.match(String(jobRow(id).description), /^v2 · Running — checking every \d+ s$/), 15_000);
    assert.match(tooltipText(jobRow(id)).replace(/\\/g, ''), /Status: Running \(RUNNING\)/);
    assert.deepStrictEqual(rig.rows(id).map(label), ['The job is still running']);
    assert.deepStrictEqual(rig.api.poller.polled, [id]);
    // No command from here on: the poller sees COMPLETED (final) and the job's one row loads by itself.
    await eventually(() => assert.strictEqual(rig.rows(id)[0].description, 'corner-shop-receipt.pdf'), 30_000);
    assert.strictEqual(label(rig.rows(id)[0]), 'receipt · 87%');
    await eventually(() => assert.strictEqual(jobRow(id).description, 'v2 · Succeeded · 1 of 1'));
    assert.deepStrictEqual(rig.api.poller.polled, [], 'polling stopped at COMPLETED');
    assert.ok(rig.server.statusReads(id) >= 4, 'two reads on opening, then checks until COMPLETED');
    assert.ok(rig.server.requests.filter((r) => r.path.includes(id)).every((r) => r.path === `/api/v2/classify/${id}`), 'only the v2 route for a v2 job');
    assert.deepStrictEqual(rig.ui.messages, []);
  });

  it('a v2 job takes a label; a link with a v2 job ID opens it and its row; a browsed list\'s row links to its own job', async () => {
    rig = await setUpRig();
    const copied: string[] = [];
    const realClipboard = rig.s.clipboard;
    rig.s.clipboard = async (text) => {
      copied.push(text);
    };
    try {
      const id = V2_JOB_IDS.invoice;
      await rig.api.links.handleUri(vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}/open?jobId=${id}&resultId=${id}`));
      assert.deepStrictEqual(rig.s.jobs.jobs.map((j) => j.id), [id]);
      assert.deepStrictEqual(rig.s.panel.currentResult(), { jobId: id, resultId: id });
      await eventually(() => assert.strictEqual(jobRow(id).description, 'v2 · Succeeded · 1 of 1'));
      assert.deepStrictEqual(rig.ui.messages, []);

      rig.ui.texts.push('Acme invoices');
      await vscode.commands.executeCommand('llamaClassify.renameJob', rig.s.tree.jobNode(id));
      assert.strictEqual(label(jobRow(id)), 'Acme invoices');
      assert.strictEqual(jobRow(id).description, `${id.slice(0, 8)} · v2 · Succeeded · 1 of 1`);
      rig.ui.picks.push((req) => {
        assert.match(req.recent.find((r) => r.jobId === id)?.label ?? '', /^Acme invoices$/);
        assert.match(req.recent.find((r) => r.jobId === id)?.description ?? '', new RegExp(`^${id} · v2 · Succeeded`));
        return undefined;
      });
      await vscode.commands.executeCommand('llamaClassify.openJob');
      assert.strictEqual(rig.ui.picks.length, 0, 'the picker was shown');

      await vscode.commands.executeCommand('llamaClassify.copyJobLink', rig.s.tree.jobNode(id));
      assert.strictEqual(copied[0], `${vscode.env.uriScheme}://${EXTENSION_ID}/open?jobId=${id}`);

      // A browsed list: its rows are v2 jobs; their links name the job, never the list.
      rig.ui.filters.push('COMPLETED', V2_CONFIGS.invoices, null, null);
      await vscode.commands.executeCommand('llamaClassify.browseV2');
      const key = rig.s.jobs.jobs[0].id;
      const rowItem = rig.s.jobs.pager(key).items.find((i) => i.id === V2_JOB_IDS.noMatch)!;
      await vscode.commands.executeCommand('llamaClassify.copyResultLink', rig.s.tree.resultNode(key, rowItem.id));
      assert.strictEqual(copied[1], `${vscode.env.uriScheme}://${EXTENSION_ID}/open?jobId=${rowItem.id}&resultId=${rowItem.id}`);
      await vscode.commands.executeCommand('llamaClassify.copyJobLink', rig.s.tree.jobNode(key));
      assert.strictEqual(copied.length, 2, 'a list has no link of its own');
      assert.match(rig.ui.statuses.at(-1) ?? '', /not a job/);
      rig.ui.texts.length = 0;
      await vscode.commands.executeCommand('llamaClassify.renameJob', rig.s.tree.jobNode(key));
      assert.strictEqual(rig.ui.textRequests.length, 1, 'no label box for a list');
      const said = rig.ui.messages as { message: string }[]; // (narrowed to never by the empty check above)
      assert.match(said.at(-1)?.message ?? '', /named by its filters/);
      // The copied row link opens that v2 job on its own.
      await rig.api.links.handleUri(vscode.Uri.parse(copied[1]));
      assert.deepStrictEqual(rig.s.panel.currentResult(), { jobId: rowItem.id, resultId: rowItem.id });
      assert.ok(rig.s.jobs.get(rowItem.id), 'the job is listed on its own');
    } finally {
      rig.s.clipboard = realClipboard;
    }
  });

  it('a bare UUID that v1 does not know (404) falls back to v2, and the answer is remembered across a refresh and in state', async () => {
    rig = await setUpRig();
    const id = V2_JOB_IDS.bareUuid;
    await vscode.commands.executeCommand('llamaClassify.openJob', id);
    const paths = apiPaths();
    assert.deepStrictEqual(paths.slice(0, 2), [`/api/v1/classifier/jobs/${id}/results`, `/api/v2/classify/${id}`], 'v1 first, v2 on its 404');
    assert.strictEqual(rig.server.requests.find((r) => r.path.startsWith('/api/v1/classifier'))?.status, 404);
    await eventually(() => assert.strictEqual(rig.rows(id)[0].description, 'supplier-agreement.pdf'));
    assert.strictEqual(label(rig.rows(id)[0]), 'contract · 68%');
    assert.strictEqual(rig.api.deps.versions.get(id), 'v2');
    assert.strictEqual((rig.s.context.globalState.get('llamaClassify.jobVersions') as Record<string, string>)[id], 'v2', 'persisted with the job list');

    rig.server.requests.length = 0;
    await vscode.commands.executeCommand('llamaClassify.refresh', id);
    await eventually(() => assert.ok(apiPaths().length >= 2));
    assert.ok(apiPaths().every((p) => p === `/api/v2/classify/${id}`), `only v2 after the answer: ${apiPaths().join(', ')}`);
  });

  it('Browse Classify v2 Jobs… lists the matching jobs under one node and pages to the end with Load more', async () => {
    rig = await setUpRig();
    // Escape at the first filter cancels: nothing is added.
    rig.ui.filters.push(undefined);
    await vscode.commands.executeCommand('llamaClassify.browseV2');
    assert.strictEqual(rig.s.jobs.jobs.length, 0);

    rig.ui.filters.push('COMPLETED', V2_CONFIGS.archive, null, null);
    await vscode.commands.executeCommand('llamaClassify.browseV2');
    assert.deepStrictEqual(rig.ui.filterPrompts.slice(1).map((p) => p.skipLabel), ['Skip — any status', 'Skip — any configuration', 'Skip — no earliest date', 'Skip — no latest date']);
    assert.strictEqual(rig.s.jobs.jobs.length, 1);
    const key = rig.s.jobs.jobs[0].id;
    const root = rig.s.tree.getTreeItem(rig.s.tree.jobNode(key)) as vscode.TreeItem;
    assert.strictEqual(label(root), `Classify v2 · status COMPLETED · configuration ${V2_CONFIGS.archive}`);
    let rows = rig.rows(key);
    assert.strictEqual(rows.length, 51, '50 jobs and Load more');
    assert.match(label(rows[50]), /^Load more/);
    const list = rig.server.requests.filter((r) => r.path === '/api/v2/classify');
    assert.deepStrictEqual(list[0].query, { status: 'COMPLETED', configuration_id: V2_CONFIGS.archive, page_size: '50' });

    for (let i = 0; i < 5 && rig.s.jobs.pager(key).hasMore; i++) {
      await vscode.commands.executeCommand(rows[rows.length - 1].command!.command, ...(rows[rows.length - 1].command!.arguments ?? []));
      rows = rig.rows(key);
    }
    assert.strictEqual(rows.length, V2_ARCHIVE_COUNT, 'every job, no Load more row at the end');
    assert.strictEqual(new Set(rig.s.jobs.pager(key).items.map((i) => i.id)).size, V2_ARCHIVE_COUNT);
    assert.strictEqual(rig.server.requests.filter((r) => r.path === '/api/v2/classify').length, 3);

    // A row opens the panel with that v2 job; Next walks the list.
    const pick = rig.s.jobs.pager(key).items[7];
    await click(rows[7]);
    const v = await shown(pick.id);
    assert.strictEqual(v.jobId, pick.id);
    assert.strictEqual(v.position, `8 of ${V2_ARCHIVE_COUNT}`);
    assert.ok(v.v2);
    await rig.s.panel.handleMessage({ type: 'next' });
    assert.strictEqual((await shown(rig.s.jobs.pager(key).items[8].id)).jobId, rig.s.jobs.pager(key).items[8].id);

    // Kept across reloads like a job: in the job list, its filters in state.
    const stored = rig.s.context.globalState.get('llamaClassify.openedJobs') as { id: string }[];
    assert.ok(stored.some((j) => j.id === key));
    assert.ok((rig.s.context.globalState.get('llamaClassify.v2Lists') as Record<string, unknown>)[key]);
    assert.ok(!rig.s.jobs.recent.includes(key), 'a list is not a recent job');

    // Filters nothing matches: the node says so.
    rig.ui.filters.push('CANCELLED', null, null, null);
    await vscode.commands.executeCommand('llamaClassify.browseV2');
    const none = rig.s.jobs.jobs[0].id;
    assert.notStrictEqual(none, key);
    assert.deepStrictEqual(rig.rows(none).map(label), ['No Classify v2 jobs match these filters']);
  });

  it('Show Job Summary works on a v2 job (its v2 status and rules) and on a browsed v2 list (every job loaded with Load all)', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.showSummary', V2_JOB_IDS.invoice);
    const one = rig.api.deps.summary.get(V2_JOB_IDS.invoice);
    assert.ok(one, 'a summary panel for the v2 job');
    if (one.readyCount === 0) { await eventually(() => assert.ok(one.readyCount > 0), 15_000).catch(() => one.handleMessage({ type: 'ready' })); }
    await eventually(() => assert.strictEqual(one.lastView?.facts.status, 'COMPLETED'));
    assert.deepStrictEqual(one.lastView?.facts.rules, V2_RULES);
    assert.strictEqual(one.lastView?.loaded, 1);

    rig.ui.filters.push(null, V2_CONFIGS.archive, null, null);
    await vscode.commands.executeCommand('llamaClassify.browseV2');
    const key = rig.s.jobs.jobs[0].id;
    const root = rig.s.tree.jobNode(key);
    await vscode.commands.executeCommand('llamaClassify.showSummary', root);
    const list = rig.api.deps.summary.get(key);
    assert.ok(list, 'a summary panel for the list, opened from its node');
    if (list.readyCount === 0) { await eventually(() => assert.ok(list.readyCount > 0), 15_000).catch(() => list.handleMessage({ type: 'ready' })); }
    await eventually(() => assert.strictEqual(list.lastView?.loaded, 50));
    await list.handleMessage({ type: 'loadAll' });
    await eventually(() => assert.strictEqual(list.lastView?.loaded, V2_ARCHIVE_COUNT));
    const counted = list.lastView!.types.reduce((n, t) => n + t.count, 0);
    assert.strictEqual(counted, V2_ARCHIVE_COUNT);
    assert.ok(!rig.server.requests.some((r) => r.path.includes(key)), 'the list key is never sent as a job ID');
  });

  it('a date filter that is not a date is refused in the prompt; dates go out as ISO date-times; an impossible range is refused clearly', async () => {
    rig = await setUpRig();
    rig.ui.filters.push(null, null, undefined); // Escape at the third prompt, after looking at its validation
    await vscode.commands.executeCommand('llamaClassify.browseV2');
    const datePrompt = rig.ui.filterPrompts[2];
    assert.match(datePrompt.validateTyped?.('yesterday') ?? '', /is not a date/);
    assert.strictEqual(datePrompt.validateTyped?.('2026-10-01'), undefined);
    assert.match(rig.ui.filterPrompts[1].validateTyped?.('cfg with spaces') ?? '', /only letters, digits/);
    assert.strictEqual(rig.s.jobs.jobs.length, 0, 'Escape added nothing');

    rig.ui.messages.length = 0;
    rig.ui.filters.push(null, null, '2026-10-02', '2026-10-01');
    await vscode.commands.executeCommand('llamaClassify.browseV2');
    assert.ok(rig.ui.messages.some((m) => m.level === 'error' && /later than/.test(m.message)));
    assert.strictEqual(rig.s.jobs.jobs.length, 0);

    rig.ui.filters.push(null, null, '2026-10-01', '2026-10-01');
    await vscode.commands.executeCommand('llamaClassify.browseV2');
    const key = rig.s.jobs.jobs[0].id;
    assert.strictEqual(label(rig.s.tree.getTreeItem(rig.s.tree.jobNode(key)) as vscode.TreeItem), 'Classify v2 · created ≥ 2026-10-01 · created ≤ 2026-10-01');
    const q = rig.server.requests.find((r) => r.path === '/api/v2/classify')!.query;
    assert.strictEqual(q.created_at_on_or_after, '2026-10-01T00:00:00.000Z');
    assert.strictEqual(q.created_at_on_or_before, '2026-10-01T23:59:59.999Z');
    assert.strictEqual(rig.rows(key).length, 7, 'the seven jobs of Oct 1 this project can see');
  });
});
