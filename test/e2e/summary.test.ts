// Show Job Summary and Compare with Job… as a person uses them, in code-server with the packaged .vsix:
// open the summary of a multi-page job from the palette, read the type table and the histogram against
// the data, press Load all and see it update; hostile type names are text; a compare shows the known
// differences of the fake pair.
import * as assert from 'assert';
import type { Frame, Page } from 'playwright-core';
import { QUICK_INPUT, QUICK_INPUT_BOX, runCommand, screenshot } from '../harness/browser';
import { buildDataset, COMPARE_DIFF, HOSTILE, JOB_IDS, type FakeJob } from '../fake-server/datasets';
import { startFakeServer, type FakeServer } from '../fake-server/server';
import { CATEGORY, chooseFromContextMenu, showClassifyView, treeRow } from './classifyUi';
import { openWorkbench, type Workbench } from './fixture';

const job = (id: string): FakeJob => buildDataset().jobs.find((j) => j.id === id)!;

/** data-type → data-count and the ten bins for the first `n` rows, from the dataset alone. */
function expected(id: string, n: number) {
  const types: Record<string, string> = {};
  const bins = new Array<number>(10).fill(0);
  for (let i = 0; i < n; i++) {
    const r = job(id).row(i).result!;
    const key = r.type ?? '';
    types[key] = String(Number(types[key] ?? 0) + 1);
    bins[Math.min(9, Math.floor(Math.round((r.confidence as number) * 1000) / 100))]++;
  }
  return { types, bins: bins.map(String) };
}

/** A command from the palette whose job picker gets `jobId` pasted; accepts the row that starts with `verb`. */
async function pickFromPalette(page: Page, command: string | undefined, jobId: string, verb: string): Promise<void> {
  if (command) { await runCommand(page, `${CATEGORY}: ${command}`); }
  const input = page.locator(QUICK_INPUT_BOX);
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.focus();
  await page.keyboard.insertText(jobId);
  await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: `${verb} ${jobId}` }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** The inner frame of a webview whose element `#idEl` says `text` (several webviews may be open). */
async function frameWhere(page: Page, selector: string, text: string, timeout = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame.isDetached()) { continue; }
      const found = await frame.locator(selector).textContent({ timeout: 200 }).catch(() => null);
      if (found?.trim() === text) { return frame; }
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no webview with ${selector} = ${text} within ${timeout} ms`);
}

/** Waits until `read` returns something deep-equal to `want`; the error shows the last reading. */
async function until<T>(read: () => Promise<T>, want: T, what: string, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read().catch(() => undefined);
    try {
      assert.deepStrictEqual(last, want);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  assert.deepStrictEqual(last, want, `${what} (waited ${timeout} ms)`);
}

const typeTable = (f: Frame) =>
  f.locator('#type-table tr[data-type]').evaluateAll((rows) => Object.fromEntries(rows.map((r) => [(r as HTMLElement).dataset.type!, (r as HTMLElement).dataset.count!])));
const bins = (f: Frame) => f.locator('#confidence-histogram [data-bin]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.count!));
const text = async (f: Frame, sel: string) => ((await f.locator(sel).first().textContent({ timeout: 5000 })) ?? '').trim();

describe('Job summary and compare in the workbench', () => {
  let server: FakeServer;
  let wb: Workbench;

  before(async () => {
    server = await startFakeServer();
    wb = await openWorkbench({
      userSettings: { 'llamaClassify.pageSize': 50, 'llamaClassify.baseUrl': server.url, 'llamaClassify.prefetch': false },
      env: { LLAMA_CLOUD_API_KEY: server.apiKey },
    });
    await showClassifyView(wb.page);
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('the summary of a multi-page job matches its first page, then all 2,345 results after Load all', async () => {
    const { page } = wb;
    const id = JOB_IDS.multiPage;
    await pickFromPalette(page, 'Show Job Summary', id, 'Use job');
    const frame = await frameWhere(page, '#job-id', id);
    await until(() => text(frame, '#summary-count'), '50 of 2,345 results', 'the count after page 1');
    let want = expected(id, 50);
    await until(() => typeTable(frame), want.types, 'type table after page 1');
    await until(() => bins(frame), want.bins, 'histogram after page 1');
    // Count and share are text too, and the chart draws the same rows.
    const firstRow = await text(frame, '#type-table tbody tr');
    assert.match(firstRow, /\d+(\.\d)?%$/);
    assert.strictEqual(await frame.locator('#type-chart [data-count]').count(), Object.keys(want.types).length);
    assert.strictEqual(await text(frame, '#job-status'), 'SUCCESS');

    await frame.locator('#load-all').click();
    await until(() => text(frame, '#summary-count'), '2,345 of 2,345 results', 'the count after Load all', 60_000);
    want = expected(id, 2345);
    await until(() => typeTable(frame), want.types, 'type table after Load all');
    await until(() => bins(frame), want.bins, 'histogram after Load all');
    assert.ok(await frame.locator('#load-all').isHidden(), 'no Load all once everything is loaded');
    assert.ok((await frame.locator('#low-confidence-list li').count()) > 0);
    await page.waitForTimeout(300);
    console.log(`      screenshot: ${await screenshot(page, 'summary')}`);
  });

  it('hostile type names are shown as text and run nothing', async () => {
    const { page } = wb;
    await pickFromPalette(page, 'Show Job Summary', JOB_IDS.hostile, 'Use job');
    const frame = await frameWhere(page, '#job-id', JOB_IDS.hostile);
    await until(() => typeTable(frame), { [HOSTILE.script]: '1', [HOSTILE.img]: '1', [HOSTILE.link]: '1' }, 'hostile type rows');
    const names = await frame.locator('#type-table tbody th').allTextContents();
    assert.deepStrictEqual(new Set(names), new Set([HOSTILE.script, HOSTILE.img, HOSTILE.link]));
    assert.strictEqual(await frame.locator('#content script, #content img, #content a').count(), 0, 'no element from remote text');
    await page.waitForTimeout(500); // an injected <img onerror> would have fired by now
    for (const f of page.frames()) {
      if (f.isDetached()) { continue; }
      const pwned = await f.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned).catch(() => undefined);
      assert.strictEqual(pwned, undefined, `a payload ran in frame ${f.url().slice(0, 80)}`);
    }
  });

  it('Compare with Job… shows the known differences of two runs', async () => {
    const { page } = wb;
    await pickFromPalette(page, 'Compare with Job…', JOB_IDS.compareA, 'Use job');
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'Compare job' }).waitFor({ state: 'visible', timeout: 15_000 });
    await pickFromPalette(page, undefined, JOB_IDS.compareB, 'Compare with job');
    const frame = await frameWhere(page, '#job-b', JOB_IDS.compareB);
    const counts = () => frame.locator('#compare-counts dd').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.id.replace('count-', ''), Number(e.textContent)])));
    await until(counts, COMPARE_DIFF.counts, 'compare counts');
    const rows = await frame.locator('#changed-table tbody tr[data-file-id]').evaluateAll((trs) =>
      trs.map((tr) => ({ fileId: (tr as HTMLElement).dataset.fileId, cells: Array.from(tr.children).map((c) => c.textContent?.trim()) })),
    );
    assert.deepStrictEqual(
      rows,
      COMPARE_DIFF.changed.map((c) => ({ fileId: c.fileId, cells: [c.file, c.typeA, c.typeB, `${Math.round(c.confidenceA * 100)}%`, `${Math.round(c.confidenceB * 100)}%`, `${Math.round((c.confidenceB - c.confidenceA) * 100) > 0 ? '+' : '−'}${Math.abs(Math.round((c.confidenceB - c.confidenceA) * 100))} pts`] })),
    );
    // Sorting by the change, twice (descending), puts the largest rise first: No match → contract, +36 pts.
    const order = () => frame.locator('#changed-table tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.fileId));
    await frame.locator('#sort-button-delta').click();
    await until(order, [0, 2, 1].map((i) => COMPARE_DIFF.changed[i].fileId), 'ascending by change');
    await frame.locator('#sort-button-delta').click();
    await until(order, [1, 2, 0].map((i) => COMPARE_DIFF.changed[i].fileId), 'descending by change');
    assert.strictEqual(await frame.locator('#sort-delta').getAttribute('aria-sort'), 'descending');
  });

  it('Show Job Summary is in a job row’s context menu', async () => {
    const { page } = wb;
    // Compare listed both jobs; the row of job A is labelled with its short ID.
    const row = treeRow(page, JOB_IDS.compareA.slice(0, 8));
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await chooseFromContextMenu(page, row, 'Show Job Summary');
    const frame = await frameWhere(page, '#job-id', JOB_IDS.compareA);
    await until(() => text(frame, '#summary-count'), '7 of 7 results', 'the count of job A');
    await until(() => typeTable(frame), { invoice: '2', receipt: '1', contract: '1', bank_statement: '1', '': '1', null: '1' }, 'the type rows of job A');
  });
});
