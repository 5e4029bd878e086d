// Export Results… in the real extension host: the command from a job row and from the palette, each
// format read back and compared with what the fake server sent, formula cells guarded, a cancel that
// leaves no file, a failure that says so, and a flow that never waits for its notification.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExportFormat } from '../../src/export/formats';
import { buildDataset, JOB_IDS } from '../fake-server/datasets';
import { expectedCsvRows, expectedJsonItems, formulaJob, parseCsv } from '../unit/export/readBack';
import { eventually, setUpRig, type Rig } from './helpers';

const DATA = buildDataset();
const jobOf = (id: string) => DATA.jobs.find((j) => j.id === id)!;

function readBack(format: ExportFormat, file: string): unknown[] {
  const text = fs.readFileSync(file, 'utf8');
  if (format === 'json') { return JSON.parse(text); }
  if (format === 'jsonl') { return text.split('\n').filter(Boolean).map((l) => JSON.parse(l)); }
  assert.ok(text.startsWith('\uFEFF'), 'a CSV starts with a BOM');
  const rows = parseCsv(text.slice(1));
  assert.deepStrictEqual(rows[0], ['id', 'classify_job_id', 'file_id', 'file_name', 'type', 'confidence', 'reasoning', 'created_at', 'updated_at']);
  return rows.slice(1);
}

/** Resolves with the value, or rejects when `p` takes longer than `ms` (a flow waiting on a person). */
function within<T>(p: Thenable<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    Promise.resolve(p),
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms)),
  ]);
}

describe('Export Results', function () {
  this.timeout(60_000);
  let rig: Rig;
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llcr-export-it-'))));
  afterEach(async () => {
    await rig?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Scripts the format and the save dialog's answer; returns the target path and the dialog's request. */
  function scriptSave(format: ExportFormat, name = `out.${format}`) {
    const target = path.join(dir, name);
    const asked: { title: string; defaultUri: vscode.Uri; filters: Record<string, string[]> }[] = [];
    rig.ui.formats.push(format);
    rig.ui.saves.push((req) => {
      asked.push(req);
      return vscode.Uri.file(target);
    });
    return { target, asked };
  }

  for (const format of ['json', 'jsonl', 'csv'] as const) {
    it(`${format} from the job's row: all 2,345 results of a multi-page job, read back equal to what the API sent`, async () => {
      rig = await setUpRig();
      await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
      const { target, asked } = scriptSave(format);
      await vscode.commands.executeCommand('llamaClassify.export', rig.s.tree.jobNode(JOB_IDS.multiPage));
      const job = jobOf(JOB_IDS.multiPage);
      assert.deepStrictEqual(readBack(format, target), format === 'csv' ? expectedCsvRows(job, DATA.files) : expectedJsonItems(job, DATA.files));
      assert.deepStrictEqual(fs.readdirSync(dir), [`out.${format}`], 'no temporary file left');
      // The dialog proposed a name from the job ID with the format's extension.
      assert.strictEqual(path.basename(asked[0].defaultUri.fsPath), `classify-${JOB_IDS.multiPage}.${format}`);
      assert.deepStrictEqual(Object.values(asked[0].filters), [[format]]);
      // Progress with counts, page by page (pages of 50).
      assert.ok(rig.ui.progresses.flatMap((p) => p.messages).includes('1,250 of 2,345'), JSON.stringify(rig.ui.progresses.flatMap((p) => p.messages).slice(0, 5)));
      assert.strictEqual(rig.ui.progresses.flatMap((p) => p.messages).at(-1), '2,345 of 2,345');
      const done = rig.ui.messages.find((m) => m.message.startsWith('Exported 2,345 results'));
      assert.ok(done && done.level === 'info' && done.message.includes(target), JSON.stringify(rig.ui.messages));
      assert.deepStrictEqual(done.actions, ['Open File', 'Reveal']);
      // The job stays loaded in the view: the same pager.
      assert.strictEqual(rig.s.jobs.pager(JOB_IDS.multiPage).items.length, 2345);
    });
  }

  it('from the palette: picks the job (opened jobs offered), exports CSV with formula cells guarded, and drops the pages of a job not listed', async () => {
    rig = await setUpRig();
    const job = formulaJob('f0000000-0000-4000-8000-00000000f002');
    rig.server.addJob(job);
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    let offered: string[] = [];
    let title: string | undefined;
    rig.ui.picks.push((req) => {
      offered = req.recent.map((r) => r.jobId);
      title = req.title;
      return job.id;
    });
    const { target } = scriptSave('csv');
    await vscode.commands.executeCommand('llamaClassify.export');
    assert.strictEqual(title, 'Export Results');
    assert.ok(offered.includes(JOB_IDS.onePage), JSON.stringify(offered));
    const rows = readBack('csv', target) as string[][];
    assert.deepStrictEqual(rows, expectedCsvRows(job, DATA.files));
    assert.strictEqual(rows[0][4], "'=1+1");
    assert.strictEqual(rows[6][4], `'=HYPERLINK("http://evil","click, me")`);
    assert.ok(rows.every((r) => r[8] === "'=NOW()"));
    assert.strictEqual(rig.s.jobs.existingPager(job.id), undefined, 'an exported job that is not listed keeps no pages');
    assert.ok(rig.s.jobs.existingPager(JOB_IDS.onePage), 'a listed job keeps its pages');
  });

  it('cancelling midway leaves no file (and an earlier file as it was); the flow says so without a toast', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
    const { target } = scriptSave('json');
    fs.writeFileSync(target, 'an earlier export');
    rig.ui.cancelProgressWhen = (m) => m.startsWith('500 of');
    await vscode.commands.executeCommand('llamaClassify.export', JOB_IDS.multiPage);
    assert.deepStrictEqual(fs.readdirSync(dir), ['out.json'], 'no temporary file, no new file');
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'an earlier export');
    assert.ok(rig.ui.statuses.includes('Export cancelled: no file was written.'), JSON.stringify(rig.ui.statuses));
    assert.ok(!rig.ui.messages.some((m) => m.message.startsWith('Exported')), 'no "Exported" notification');
    const loaded = rig.s.jobs.pager(JOB_IDS.multiPage).items.length;
    assert.ok(loaded >= 500 && loaded < 2345, `paging stopped (${loaded})`);
  });

  it('a page that fails: an error that says nothing was written, and no file', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
    scriptSave('jsonl');
    rig.ui.cancelProgressWhen = (m) => {
      if (m === '200 of 2,345') { rig.server.fault({ path: '/results', status: 404, times: Infinity }); }
      return false;
    };
    await vscode.commands.executeCommand('llamaClassify.export', JOB_IDS.multiPage);
    await eventually(() => assert.ok(rig.ui.messages.some((m) => m.level === 'error' && /Couldn't load every result.*Nothing was written/s.test(m.message)), JSON.stringify(rig.ui.messages)));
    assert.deepStrictEqual(fs.readdirSync(dir), []);
    rig.server.clearFaults();
  });

  it('never waits for its notification; "Open File" opens the export', async () => {
    rig = await setUpRig();
    rig.ui.neverAnswer = true;
    const { target } = scriptSave('jsonl');
    await within(vscode.commands.executeCommand('llamaClassify.export', JOB_IDS.onePage), 15_000, 'Export Results… with a notification nobody closes');
    assert.strictEqual(readBack('jsonl', target).length, 12);
    rig.ui.neverAnswer = false;
    const second = scriptSave('csv');
    rig.ui.choices.push({ match: 'Exported 12 results', choice: 'Open File' });
    await vscode.commands.executeCommand('llamaClassify.export', JOB_IDS.onePage);
    await eventually(() => assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, second.target));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('"Reveal" of a file outside the workspace in a browser or remote window says where it is', async function () {
    if (vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName) { this.skip(); } // a desktop window opens the OS file manager instead
    rig = await setUpRig();
    const { target } = scriptSave('json');
    rig.ui.choices.push({ match: 'Exported 12 results', choice: 'Reveal' });
    await vscode.commands.executeCommand('llamaClassify.export', JOB_IDS.onePage);
    await eventually(() => assert.ok(rig.ui.messages.some((m) => m.message === `The export is at ${target}, outside the workspace, so the Explorer cannot show it.`), JSON.stringify(rig.ui.messages)));
  });

  it("a labelled job's proposed file name is its label and short ID", async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    await rig.s.jobs.setLabel(JOB_IDS.onePage, 'Receipts: March/April');
    const { asked } = scriptSave('jsonl');
    await vscode.commands.executeCommand('llamaClassify.export', rig.s.tree.jobNode(JOB_IDS.onePage));
    assert.strictEqual(path.basename(asked[0].defaultUri.fsPath), `Receipts- March-April-${JOB_IDS.onePage.slice(0, 8)}.jsonl`);
  });

  it('with a filter on the view: asks all or filtered; filtered exports only the matching results, all exports every one', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.multiPage);
    await rig.api.deps.query.setFilter({ types: ['type:invoice'] });
    const scopes: string[][] = [];
    rig.ui.pickOnes.push((req) => {
      scopes.push(req.items.map((i) => i.label));
      return 'filtered';
    });
    const first = scriptSave('jsonl', 'filtered.jsonl');
    await vscode.commands.executeCommand('llamaClassify.export', JOB_IDS.multiPage);
    const all = expectedJsonItems(jobOf(JOB_IDS.multiPage), DATA.files);
    const invoices = all.filter((o) => (o.result as { type?: unknown } | null)?.type === 'invoice');
    assert.ok(invoices.length > 100 && invoices.length < all.length);
    assert.deepStrictEqual(readBack('jsonl', first.target), invoices);
    assert.deepStrictEqual(scopes, [['Filtered results', 'All results']]);
    assert.ok(rig.ui.messages.some((m) => m.message.startsWith(`Exported ${invoices.length.toLocaleString('en-US')} results (filtered: `)), JSON.stringify(rig.ui.messages));
    rig.ui.pickOnes.push(() => 'all');
    const second = scriptSave('jsonl', 'all.jsonl');
    await vscode.commands.executeCommand('llamaClassify.export', JOB_IDS.multiPage);
    assert.deepStrictEqual(readBack('jsonl', second.target), all);
    // Dismissing the question exports nothing.
    rig.ui.pickOnes.push(() => undefined);
    await vscode.commands.executeCommand('llamaClassify.export', JOB_IDS.multiPage);
    assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['all.jsonl', 'filtered.jsonl']);
    await rig.api.deps.query.clearFilter();
  });

  it('a job ID that is not one: an error, no prompt', async () => {
    rig = await setUpRig();
    await vscode.commands.executeCommand('llamaClassify.export', 'not a job');
    assert.ok(rig.ui.messages.some((m) => m.level === 'error'), JSON.stringify(rig.ui.messages));
  });
});
