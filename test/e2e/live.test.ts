// Live status and job labels as a person sees them, in code-server with the packaged .vsix: a pending
// job that finishes on screen without a click, and a label typed into Label Job… shown in the tree.
// The steps share one workbench and run in order.
import * as assert from 'assert';
import { QUICK_INPUT, QUICK_INPUT_BOX, runCommand, screenshot } from '../harness/browser';
import { JOB_IDS } from '../fake-server/datasets';
import { startFakeServer, type FakeServer } from '../fake-server/server';
import { CATEGORY, openJobFromPalette, showClassifyView, waitForRow } from './classifyUi';
import { openWorkbench, type Workbench } from './fixture';

const short = (id: string) => id.slice(0, 8);

describe('Live status and job labels in code-server', () => {
  let server: FakeServer;
  let wb: Workbench;
  const id = JOB_IDS.finishing;

  before(async () => {
    server = await startFakeServer();
    // Pending for three status reads: the row shows "Pending — checking every …" for a few seconds.
    server.setQuirks(id, { statusAfterReads: 3 });
    wb = await openWorkbench({
      userSettings: { 'llamaClassify.baseUrl': server.url },
      env: { LLAMA_CLOUD_API_KEY: server.apiKey },
    });
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('a pending job says so on its row, then finishes on screen and its results appear without a click', async () => {
    const { page } = wb;
    await showClassifyView(page);
    await openJobFromPalette(page, id, id);
    await waitForRow(page, new RegExp(`^${short(id)} — Pending — checking every \\d+ s$`));
    await waitForRow(page, /^The job is still pending — its results load here when it ends$/);
    await screenshot(page, 'live-pending');
    // Nothing is clicked from here on.
    await waitForRow(page, new RegExp(`^${short(id)} — Succeeded · 7 of 7(?: · \\d+\\+? to review)?$`), 45_000);
    await waitForRow(page, /^[\w ]+ · \d+% — /); // a result row: "type · NN% — file"
    await screenshot(page, 'live-finished');
    assert.ok(server.statusReads(id) >= 4, `status read until it ended (${server.statusReads(id)})`);
    assert.strictEqual(server.requests.filter((r) => r.path.endsWith(`${id}/results`) && r.status === 200).length, 2, 'the empty page, then the results once');
  });

  it('Label Job… from the palette: the label shows in the tree with the short ID', async () => {
    const { page } = wb;
    await runCommand(page, `${CATEGORY}: Label Job…`);
    // The one open job is offered; accept it.
    await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: short(id) }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Enter');
    const box = page.locator(QUICK_INPUT_BOX);
    // the input box's prompt, not the title: the closing picker is titled "Label Job" too
    await page.locator(QUICK_INPUT, { hasText: 'A name for this job' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await box.focus();
    await page.keyboard.insertText('Invoices, March run');
    await page.keyboard.press('Enter');
    await page.locator(QUICK_INPUT).first().waitFor({ state: 'hidden', timeout: 10_000 });
    await waitForRow(page, new RegExp(`^Invoices, March run — ${short(id)} · Succeeded · 7 of 7(?: · \\d+\\+? to review)?$`));
    await screenshot(page, 'live-label');
  });
});
