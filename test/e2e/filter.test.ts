// Finding what needs attention, as a person does it in code-server with the packaged .vsix: filter a
// multi-page job by types and a confidence condition, sort by confidence, group by type, find a result
// by part of its file name, Load All with its progress, then cancel a second Load All midway.
// The steps share one workbench and run in order.
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { QUICK_INPUT, QUICK_INPUT_BOX, runCommand, screenshot, waitForNotification } from '../harness/browser';
import { buildDataset, JOB_IDS, type FakeResultRow } from '../fake-server/datasets';
import { startFakeServer, type FakeServer } from '../fake-server/server';
import { CATEGORY, clickRow, collapseAll, openJobFromPalette, resultFrame, showClassifyView, treeTexts, waitForPanelText, waitForRow } from './classifyUi';
import { openWorkbench, type Workbench } from './fixture';

/** Small pages, so every row of two pages fits in the side bar (the tree renders only the rows in view). */
const PAGE_SIZE = 12;
const short = (id: string) => id.slice(0, 8);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const dataset = buildDataset();
const multiPage = dataset.jobs.find((j) => j.id === JOB_IDS.multiPage)!;
const pct = (r: FakeResultRow) => Math.round((r.result!.confidence as number) * 100);
const nameOf = (r: FakeResultRow) => dataset.files.get(r.file_id as string)?.name ?? short(r.file_id as string);
/** The tree row of a result as treeTexts reads it: "invoice · 42% — invoice-0007.pdf". */
const rowText = (r: FakeResultRow) => `${r.result!.type ?? 'No match'} · ${pct(r)}% — ${nameOf(r)}`;

/** Waits until the rows below the job row are exactly `expected`; the error shows what was there. */
async function waitForRows(page: Page, expected: string[], timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = (await treeTexts(page)).slice(1);
    if (JSON.stringify(seen) === JSON.stringify(expected)) { return; }
    await page.waitForTimeout(150);
  }
  assert.deepStrictEqual(seen, expected, 'the rows under the job');
}

/** Ticks the checkbox of the multi-select quick pick's row labelled exactly `label`, and checks it took. */
async function tick(page: Page, label: string): Promise<void> {
  const rows = page.locator(`${QUICK_INPUT} .monaco-list-row`);
  const state = () =>
    rows.evaluateAll((els) =>
      els.map((el) => ({
        label: el.querySelector('.label-name')?.textContent?.trim() ?? '',
        checked: el.querySelector('.monaco-checkbox')?.classList.contains('checked') ?? false,
      })),
    );
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await state();
    const i = before.findIndex((r) => r.label === label);
    if (i >= 0 && before[i].checked) { return; }
    if (i >= 0) { await rows.nth(i).locator('.monaco-checkbox').first().click({ timeout: 5000 }); }
    await page.waitForTimeout(200);
    if ((await state()).find((r) => r.label === label)?.checked) { return; }
  }
  throw new Error(`could not tick "${label}" in the quick pick; rows: ${JSON.stringify(await state())}`);
}

/** Picks a row of the open quick pick by its label text. */
async function pickRow(page: Page, text: string): Promise<void> {
  await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: text }).first().click({ timeout: 10_000 });
}

/** The count in a job row's description, "Succeeded · 1,234 of 100,000" → 1234. */
async function loadedOf(page: Page, jobId: string): Promise<number> {
  const row = (await treeTexts(page)).find((t) => t.startsWith(`${short(jobId)} — `)) ?? '';
  const m = /· ([\d,]+) of /.exec(row);
  return m ? Number(m[1].replace(/,/g, '')) : -1;
}

describe('Filter, sort, group, find and Load All in code-server', () => {
  let server: FakeServer;
  let wb: Workbench;
  const loaded = Array.from({ length: 2 * PAGE_SIZE }, (_, i) => multiPage.row(i));
  const wanted = (r: FakeResultRow) => (r.result?.type === 'invoice' || r.result?.type === null) && pct(r) < 80;

  before(async () => {
    server = await startFakeServer();
    wb = await openWorkbench({
      userSettings: { 'llamaClassify.pageSize': PAGE_SIZE, 'llamaClassify.prefetch': false, 'llamaClassify.baseUrl': server.url },
      env: { LLAMA_CLOUD_API_KEY: server.apiKey },
    });
    await showClassifyView(wb.page);
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('filters a multi-page job by a type and a confidence condition: exactly the matching rows and counts', async () => {
    const { page } = wb;
    await openJobFromPalette(page, JOB_IDS.multiPage, JOB_IDS.multiPage);
    await clickRow(page, /^Load more \(12 of 2,345\)$/);
    await waitForRow(page, /^Load more \(24 of 2,345\)$/);
    const requests = server.requests.length;

    await runCommand(page, `${CATEGORY}: Filter Results…`);
    const invoices = loaded.filter((r) => r.result?.type === 'invoice').length;
    await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: `${invoices} loaded` }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await tick(page, 'invoice');
    await tick(page, 'No match');
    await page.locator(`${QUICK_INPUT} .monaco-button`, { hasText: 'OK' }).first().click({ timeout: 5000 });
    const box = page.locator(QUICK_INPUT_BOX);
    await page.locator(QUICK_INPUT, { hasText: 'confidence' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await box.fill('below 60');
    await page.locator(QUICK_INPUT, { hasText: 'is not a confidence condition' }).first().waitFor({ state: 'visible', timeout: 5000 });
    await box.fill('<0.8');
    await page.keyboard.press('Enter');
    await page.locator(QUICK_INPUT).first().waitFor({ state: 'hidden', timeout: 10_000 });

    const matching = loaded.filter(wanted);
    assert.ok(matching.some((r) => r.result?.type === 'invoice') && matching.some((r) => r.result?.type === null), 'both types match');
    assert.ok(loaded.some((r) => r.result?.type === 'invoice' && !wanted(r)), 'an invoice is left out by its confidence');
    await waitForRows(page, ['Load all to include every result', ...matching.map(rowText), 'Load more (24 of 2,345)']);
    await waitForRow(page, new RegExp(`^${short(JOB_IDS.multiPage)} — Succeeded · ${matching.length} of 24 match(?: · \\d+\\+? to review)?$`));
    // The view says what is filtered, above the rows (a view alone in its container shows no description).
    await page.locator('.part.sidebar .tree-explorer-viewlet-tree-view .message', { hasText: 'Filter: invoice, No match · < 80%' }).first().waitFor({ state: 'visible', timeout: 5000 });
    assert.strictEqual(server.requests.length, requests, 'filtering sent no request');
    await screenshot(page, 'filter-invoice-nomatch-below-80');
  });

  it('sorts the filtered rows by confidence, lowest first', async () => {
    const { page } = wb;
    await runCommand(page, `${CATEGORY}: Sort Results By…`);
    await pickRow(page, 'Confidence, lowest first');
    const sorted = loaded
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => wanted(r))
      .sort((a, b) => (a.r.result!.confidence as number) - (b.r.result!.confidence as number) || a.i - b.i)
      .map(({ r }) => rowText(r));
    await waitForRows(page, ['Load all to include every result', ...sorted, 'Load more (24 of 2,345)']);
    await page.locator('.part.sidebar .tree-explorer-viewlet-tree-view .message', { hasText: 'Filter: invoice, No match · < 80% · Sorted by confidence, lowest first' }).first().waitFor({ state: 'visible', timeout: 5000 });
  });

  it('groups by type: "invoice (N)" and "No match (M)" under the job, then back to a list', async () => {
    const { page } = wb;
    await runCommand(page, `${CATEGORY}: Group by Type`);
    const count = (t: string | null) => loaded.filter((r) => wanted(r) && r.result!.type === t).length;
    await waitForRows(page, ['Load all to include every result', `invoice (${count('invoice')})`, `No match (${count(null)})`, 'Load more (24 of 2,345)']);
    await screenshot(page, 'filter-grouped');
    await clickRow(page, /^No match \(/);
    const noMatch = loaded.filter((r) => wanted(r) && r.result!.type === null).sort((a, b) => (a.result!.confidence as number) - (b.result!.confidence as number));
    await waitForRow(page, new RegExp(`^${escapeRe(rowText(noMatch[0]))}$`));
    await runCommand(page, `${CATEGORY}: Show as List`);
    await runCommand(page, `${CATEGORY}: Clear Filter`);
    await runCommand(page, `${CATEGORY}: Sort Results By…`);
    await pickRow(page, 'Server order');
    await waitForRow(page, new RegExp(`^${short(JOB_IDS.multiPage)} — Succeeded · 24 of 2,345(?: · \\d+\\+? to review)?$`));
    await waitForRow(page, new RegExp(`^${escapeRe(rowText(loaded[0]))}$`));
  });

  it('finds a result by part of its file name: the row is selected and the panel shows it', async () => {
    const { page } = wb;
    await collapseAll(page);
    const index = loaded.findIndex((r, i) => i > 12 && dataset.files.has(r.file_id as string));
    const target = loaded[index];
    const name = nameOf(target);
    const part = name.slice(-10, -4); // e.g. "e-0062"
    await runCommand(page, `${CATEGORY}: Find Result…`);
    const box = page.locator(QUICK_INPUT_BOX);
    await box.waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.insertText(part);
    const rows = page.locator(`${QUICK_INPUT} .monaco-list-row`);
    // Filtered as the person types: the file of that name heads the list.
    const deadline = Date.now() + 10_000;
    while (!(await rows.first().textContent({ timeout: 2000 }).catch(() => ''))?.includes(name) && Date.now() < deadline) { await page.waitForTimeout(150); }
    assert.ok((await rows.first().textContent())?.includes(name), `the first row is ${name}`);
    assert.ok((await rows.count()) < 10, 'the list is filtered');
    await page.keyboard.press('Enter');
    const frame = await resultFrame(page);
    await waitForPanelText(frame, 'file-name', name);
    await page.locator('.part.sidebar .monaco-list-row.selected', { hasText: name }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'find-result');
    await runCommand(page, 'View: Close All Editors');
  });

  it('Load All shows its progress with counts, then a second one cancelled midway keeps what it loaded', async () => {
    const { page } = wb;
    await runCommand(page, `${CATEGORY}: Load All Results`);
    await pickRow(page, short(JOB_IDS.multiPage));
    const toast = await waitForNotification(page, 'Loading all results of job');
    // The count is the only number that moves in the notification: catch it mid-way.
    await page.waitForFunction(
      (el) => /[\d,]+ of 2,345/.test(el.textContent ?? ''),
      await toast.elementHandle(),
      { timeout: 15_000 },
    );
    await screenshot(page, 'load-all-progress');
    await waitForNotification(page, 'Loaded all 2,345 results', { timeout: 60_000 });
    await waitForRow(page, new RegExp(`^${short(JOB_IDS.multiPage)} — Succeeded · 2,345 of 2,345(?: · \\d+\\+? to review)?$`));

    await collapseAll(page);
    // Slow pages, so Cancel lands midway.
    server.fault({ path: '/results', delayMs: 150, times: Infinity });
    await openJobFromPalette(page, JOB_IDS.large, JOB_IDS.large);
    await waitForRow(page, /^Load more \(12 of 100,000\)$/);
    await runCommand(page, `${CATEGORY}: Load All Results`);
    await pickRow(page, short(JOB_IDS.large));
    const second = page.locator('.notifications-toasts .notification-toast', { hasText: `Loading all results of job ${short(JOB_IDS.large)}` }).first();
    await second.waitFor({ state: 'visible', timeout: 15_000 });
    // The job is larger than llamaClassify.loadAllLimit: the notification says where it stops.
    await page.waitForFunction((el) => /([\d,]{3,}) of 100,000 \(stops at 10,000/.test(el.textContent ?? ''), await second.elementHandle(), { timeout: 20_000 });
    await second.locator('.monaco-button', { hasText: 'Cancel' }).first().click({ timeout: 5000 });
    await second.waitFor({ state: 'hidden', timeout: 10_000 });
    const afterCancel = server.requests.filter((r) => r.path.includes(`${JOB_IDS.large}/results`)).length;
    await page.waitForTimeout(1500);
    const kept = await loadedOf(page, JOB_IDS.large);
    assert.ok(kept > PAGE_SIZE && kept < 10_000, `the pages loaded before Cancel stay (${kept})`);
    assert.strictEqual(server.requests.filter((r) => r.path.includes(`${JOB_IDS.large}/results`)).length, afterCancel, 'no page after Cancel');
    assert.strictEqual(await loadedOf(page, JOB_IDS.large), kept, 'nothing more loaded after Cancel');
    const large = dataset.jobs.find((j) => j.id === JOB_IDS.large)!;
    await waitForRow(page, kept > 1000 ? /^1–1,000 — / : new RegExp(`^${escapeRe(rowText(large.row(0)))}$`));
    await screenshot(page, 'load-all-cancelled');
    server.clearFaults();
  });
});
