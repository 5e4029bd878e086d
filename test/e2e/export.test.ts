// Export Results… as a person runs it, in code-server with the packaged .vsix: the palette, the job
// picker (a pasted ID), the format pick, code-server's simple save dialog (a path typed in its box),
// the "Exported" notification; the file is read back and compared with what the fake server sent.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { QUICK_INPUT, QUICK_INPUT_BOX, runCommand, screenshot, waitForNotification } from '../harness/browser';
import { buildDataset, JOB_IDS } from '../fake-server/datasets';
import { startFakeServer, type FakeServer } from '../fake-server/server';
import { expectedCsvRows, parseCsv } from '../unit/export/readBack';
import { CATEGORY, showClassifyView } from './classifyUi';
import { openWorkbench, type Workbench } from './fixture';

describe('Export: palette → job → CSV → save dialog → file', () => {
  let server: FakeServer;
  let wb: Workbench;

  before(async () => {
    server = await startFakeServer();
    wb = await openWorkbench({
      userSettings: { 'llamaClassify.pageSize': 500, 'llamaClassify.baseUrl': server.url },
      env: { LLAMA_CLOUD_API_KEY: server.apiKey },
    });
    await showClassifyView(wb.page);
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('exports every result of a 2,345-result job to the CSV path typed in the save dialog', async () => {
    const { page } = wb;
    const target = path.join(wb.cs.workspaceFolder, 'exports', 'invoices.csv');
    fs.mkdirSync(path.dirname(target), { recursive: true });

    await runCommand(page, `${CATEGORY}: Export Results…`);
    // The job picker: paste the ID, accept its row.
    const input = page.locator(QUICK_INPUT_BOX);
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.focus();
    await page.keyboard.insertText(JOB_IDS.multiPage);
    await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: `Export job ${JOB_IDS.multiPage}` }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Enter');
    // The format: CSV.
    await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'JSON array' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('CSV');
    await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'spreadsheets' }).first().waitFor({ state: 'visible', timeout: 5000 });
    await page.keyboard.press('Enter');
    // code-server's simple save dialog: a path in the quick input, proposed from the job ID.
    await page.waitForFunction(
      (id) => (document.querySelector('.quick-input-widget .quick-input-box input') as HTMLInputElement | null)?.value.endsWith(`classify-${id}.csv`),
      JOB_IDS.multiPage,
      { timeout: 15_000 },
    );
    await screenshot(page, 'export-save-dialog');
    await input.fill(target);
    // The dialog moves into the typed folder as it reads the value; then its OK button takes the path.
    await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: 'exports' }).first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    await page.waitForTimeout(500);
    await page.locator(`${QUICK_INPUT} .monaco-button`, { hasText: /^OK$/ }).first().click({ timeout: 5000 });
    await page.locator(QUICK_INPUT).first().waitFor({ state: 'hidden', timeout: 10_000 });

    const note = await waitForNotification(page, 'Exported 2,345 results', { timeout: 60_000 });
    const text = await note.innerText();
    assert.ok(text.includes('invoices.csv'), text);
    assert.ok(/Open File/.test(text) && /Reveal/.test(text), `the notification offers Open File and Reveal: ${text}`);
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'Exporting job' }).first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    await screenshot(page, 'export-done');

    const csv = fs.readFileSync(target, 'utf8');
    assert.ok(csv.startsWith('\uFEFF'));
    const rows = parseCsv(csv.slice(1));
    assert.deepStrictEqual(rows[0], ['id', 'classify_job_id', 'file_id', 'file_name', 'type', 'confidence', 'reasoning', 'created_at', 'updated_at']);
    const data = buildDataset();
    assert.deepStrictEqual(rows.slice(1), expectedCsvRows(data.jobs.find((j) => j.id === JOB_IDS.multiPage)!, data.files));
    assert.deepStrictEqual(fs.readdirSync(path.dirname(target)), ['invoices.csv'], 'no temporary file left');
  });
});
