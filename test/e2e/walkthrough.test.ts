// The Get Started walkthrough as a newcomer meets it: it opens from "Welcome: Open Walkthrough…", a step
// already done (the key, from LLAMA_CLOUD_API_KEY) is ticked, and a step's button runs its command and
// ticks the step once the person has done it (a job opened through the picker).
import * as assert from 'assert';
import { QUICK_INPUT, QUICK_INPUT_BOX, runCommand, screenshot } from '../harness/browser';
import { JOB_IDS } from '../fake-server/datasets';
import { startFakeServer, type FakeServer } from '../fake-server/server';
import { openWorkbench, type Workbench } from './fixture';

const TITLE = 'Get Started with LlamaCloud Classify Results';

describe('Walkthrough: Get Started with LlamaCloud Classify Results', () => {
  let server: FakeServer;
  let wb: Workbench;

  before(async () => {
    server = await startFakeServer();
    wb = await openWorkbench({ userSettings: { 'llamaClassify.baseUrl': server.url }, env: { LLAMA_CLOUD_API_KEY: server.apiKey } });
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('opens with its steps; the key step is done; "Open Job Results" runs the picker and ticks its step', async () => {
    const { page } = wb;
    await runCommand(page, 'Welcome: Open Walkthrough');
    await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: TITLE }).first().click({ timeout: 15_000 });
    const step = (id: string) => page.locator(`.getting-started-step[data-step-id$="#${id}"]`).first();
    for (const id of ['setKey', 'openJob', 'openResult']) { await step(id).waitFor({ state: 'visible', timeout: 20_000 }); }
    // completionEvents onContext:llamaClassify.hasApiKey: the key came from the environment
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.getAttribute('aria-checked') === 'true',
      '.getting-started-step[data-step-id$="#setKey"]',
      { timeout: 15_000 },
    );
    assert.strictEqual(await step('openJob').getAttribute('aria-checked'), 'false');

    await step('openJob').click();
    await page.locator('.getting-started-step.expanded a.monaco-button, .getting-started-step.expanded button.monaco-button', { hasText: 'Open Job Results' }).first().click({ timeout: 10_000 });
    const input = page.locator(QUICK_INPUT_BOX);
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.focus();
    await page.keyboard.insertText(JOB_IDS.onePage);
    await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: `Open job ${JOB_IDS.onePage}` }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Enter');
    // completionEvents onCommand:llamaClassify.openJob
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.getAttribute('aria-checked') === 'true',
      '.getting-started-step[data-step-id$="#openJob"]',
      { timeout: 15_000 },
    );
    console.log(`      screenshot: ${await screenshot(page, 'walkthrough')}`);
  });
});
