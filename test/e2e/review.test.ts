// The review queue as a person uses it, in code-server with the packaged .vsix: Review Low-Confidence
// Results from the palette, walk the queue with the panel's keys (loading pages on the way), mark one
// Wrong type with the right type and a note, reload the window, and the mark is back in the tree and panel.
import * as assert from 'assert';
import type { Frame } from 'playwright-core';
import { QUICK_INPUT, QUICK_INPUT_BOX, runCommand, screenshot, waitForWorkbench } from '../harness/browser';
import { buildDataset, fileNameFor, JOB_IDS } from '../fake-server/datasets';
import { startFakeServer, type FakeServer } from '../fake-server/server';
import { CATEGORY, openJobFromPalette, resultFrame, showClassifyView, waitForPanelText, waitForRow } from './classifyUi';
import { openWorkbench, type Workbench } from './fixture';

const PAGE_SIZE = 5;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const job = buildDataset().jobs.find((j) => j.id === JOB_IDS.onePage)!;

/** The 12-result job's review queue at 60%, from the dataset: [index, result ID, file name]. */
const queue = Array.from({ length: job.count }, (_, i) => job.row(i))
  .map((row, i) => ({ i, row }))
  .filter(({ row }) => row.result && (row.result.type === null || (row.result.confidence as number) < 0.6))
  .map(({ i, row }) => ({ i, id: row.id, file: fileNameFor(row.result!.type, i) }));

describe('Review queue: walk the low-confidence results, mark one wrong, reload, the mark is back', () => {
  let server: FakeServer;
  let wb: Workbench;
  let frame: Frame;

  before(async () => {
    assert.ok(queue.length === 3 && queue[2].i >= 2 * PAGE_SIZE, `the walk crosses pages: ${JSON.stringify(queue)}`);
    server = await startFakeServer();
    wb = await openWorkbench({
      userSettings: { 'llamaClassify.pageSize': PAGE_SIZE, 'llamaClassify.baseUrl': server.url },
      env: { LLAMA_CLOUD_API_KEY: server.apiKey },
    });
    await showClassifyView(wb.page);
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('Review Low-Confidence Results walks only the queue, with its keys, loading pages as needed', async () => {
    const { page } = wb;
    await openJobFromPalette(page, JOB_IDS.onePage, JOB_IDS.onePage);
    await waitForRow(page, new RegExp(`^Load more \\(${PAGE_SIZE} of 12\\)$`));
    await runCommand(page, `${CATEGORY}: Review Low-Confidence Results`);
    // The palette asks which job: the view's job is offered first.
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'Review Low-Confidence Results' }).waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: JOB_IDS.onePage }).first().click({ timeout: 10_000 });
    await page.locator(QUICK_INPUT).first().waitFor({ state: 'hidden', timeout: 10_000 });
    frame = await resultFrame(page);
    await waitForPanelText(frame, 'result-id', queue[0].id);
    await waitForPanelText(frame, 'review-status', 'Review 1 of 1+ · below 60%');
    await waitForPanelText(frame, 'mark-state', 'Not reviewed');
    assert.match(await frame.locator('#review-keys').textContent() ?? '', /c Correct · w Wrong type/);

    // "n" is Next while reviewing: it skips results outside the queue and loads page 2 for it.
    await frame.locator('#reasoning').focus();
    await page.keyboard.press('n');
    await waitForPanelText(frame, 'result-id', queue[1].id);
    await waitForPanelText(frame, 'review-status', 'Review 2 of 2+ · below 60%');
    await waitForPanelText(frame, 'position', `${queue[1].i + 1} of 12`);
    await page.keyboard.press(']');
    await waitForPanelText(frame, 'result-id', queue[2].id);
    await waitForPanelText(frame, 'review-status', 'Review 3 of 3 · below 60%');
    await page.locator('.tabs-container .tab', { hasText: 'Review 3 of 3 · below 60%' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    // "p" goes back through the queue; "c" marks Correct.
    await page.keyboard.press('p');
    await waitForPanelText(frame, 'result-id', queue[1].id);
    await page.keyboard.press('c');
    await waitForPanelText(frame, 'mark-state', 'Correct');
    await waitForRow(page, new RegExp(` — ${escapeRe(queue[1].file)} · ✓ correct$`));
    await page.keyboard.press('n');
    await waitForPanelText(frame, 'result-id', queue[2].id);
  });

  it('Wrong type… asks for the right type and a note; the tree shows the mark and the job counts it', async () => {
    const { page } = wb;
    await frame.locator('#mark-wrong').click();
    const input = page.locator(QUICK_INPUT_BOX);
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'Mark as Wrong Type (1/2)' }).waitFor({ state: 'visible', timeout: 15_000 });
    await input.focus();
    await page.keyboard.insertText('receipt');
    await page.locator(`${QUICK_INPUT} .monaco-list-row.focused`, { hasText: 'receipt' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'Mark as Wrong Type (2/2)' }).waitFor({ state: 'visible', timeout: 15_000 });
    await input.focus();
    await page.keyboard.insertText('paid total, no due date');
    await page.keyboard.press('Enter');
    await page.locator(QUICK_INPUT).first().waitFor({ state: 'hidden', timeout: 10_000 });

    await waitForPanelText(frame, 'mark-state', 'Wrong type (should be receipt)');
    await waitForPanelText(frame, 'mark-note', 'Note: paid total, no due date');
    await waitForRow(page, new RegExp(` — ${escapeRe(queue[2].file)} · ✗ wrong$`));
    // 3 in the queue: one marked correct, one wrong → 1 left to review, 1 wrong.
    await waitForRow(page, / · 12 of 12 · 1 to review · 1 wrong$/);
    await screenshot(page, 'review-marked');
  });

  it('after a window reload the marks are back on the rows and in the panel, still in review mode', async () => {
    const { page } = wb;
    // Developer: Reload Window, as a person does: the workbench saves its editors (the panel) first.
    await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded', timeout: 60_000 }), runCommand(page, 'Developer: Reload Window')]);
    await waitForWorkbench(page);
    await showClassifyView(page);
    await waitForRow(page, new RegExp(` — ${escapeRe(queue[2].file)} · ✗ wrong$`), 30_000);
    await waitForRow(page, new RegExp(` — ${escapeRe(queue[1].file)} · ✓ correct$`));
    await waitForRow(page, /1 to review · 1 wrong$/);
    await page.locator('.tabs-container .tab', { hasText: /Review 3 of 3/ }).first().click({ timeout: 30_000 });
    frame = await resultFrame(page, 30_000);
    await waitForPanelText(frame, 'result-id', queue[2].id, 30_000);
    await waitForPanelText(frame, 'mark-state', 'Wrong type (should be receipt)');
    await waitForPanelText(frame, 'review-status', 'Review 3 of 3 · below 60%');
  });
});
