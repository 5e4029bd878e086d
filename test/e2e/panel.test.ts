// The result detail panel as a person uses it, in code-server with the packaged .vsix: click a result in
// the tree, read type / confidence / reasoning, walk with Previous / Next (and the keyboard) into the next
// page, see hostile text literally with no script running, "No match" for a null type; theme screenshots.
import * as assert from 'assert';
import type { Frame } from 'playwright-core';
import { QUICK_INPUT, QUICK_INPUT_BOX, runCommand, screenshot, waitForWorkbench } from '../harness/browser';
import { buildDataset, HOSTILE, JOB_IDS, fileNameFor, fakeId, type FakeJob } from '../fake-server/datasets';
import { startFakeServer, type FakeServer } from '../fake-server/server';
import { CATEGORY, clickRow, openJobFromPalette, pickColorTheme, resultFrame, showClassifyView, waitForPanelText, waitForRow } from './classifyUi';
import { openWorkbench, type Workbench } from './fixture';

const PAGE_SIZE = 5;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The panel's tab, not the raw JSON's "invoice-acme.pdf.json". */
const PANEL_TAB = /invoice-acme\.pdf(?!\.json)/;
const job = (id: string): FakeJob => buildDataset().jobs.find((j) => j.id === id)!;

describe('Result panel: click a result, read it, walk through, stay safe', () => {
  let server: FakeServer;
  let wb: Workbench;
  let frame: Frame;

  before(async () => {
    server = await startFakeServer();
    wb = await openWorkbench({
      // The base URL in the User settings file only, where people put it.
      userSettings: { 'llamaClassify.pageSize': PAGE_SIZE, 'llamaClassify.baseUrl': server.url },
      env: { LLAMA_CLOUD_API_KEY: server.apiKey },
    });
    await showClassifyView(wb.page);
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  /** What the panel should show for row `i` of the regular 12-result job. */
  function expectedRow(i: number) {
    const row = job(JOB_IDS.onePage).row(i);
    const r = row.result!;
    return { row, type: r.type ?? 'No match', percent: `${Math.round((r.confidence as number) * 100)}%`, reasoning: r.reasoning as string, file: fileNameFor(r.type, i) };
  }

  async function expectPanelShows(i: number) {
    const want = expectedRow(i);
    await waitForPanelText(frame, 'result-id', want.row.id);
    assert.strictEqual(await waitForPanelText(frame, 'type', want.type), want.type);
    assert.strictEqual(await waitForPanelText(frame, 'confidence-value', want.percent), want.percent);
    assert.strictEqual(await waitForPanelText(frame, 'reasoning', want.reasoning), want.reasoning);
    await waitForPanelText(frame, 'file-name', want.file);
    await waitForPanelText(frame, 'job-id', JOB_IDS.onePage);
    await waitForPanelText(frame, 'position', `${i + 1} of 12`);
  }

  it('clicking a result in the tree shows its type, confidence and reasoning', async () => {
    const { page } = wb;
    await openJobFromPalette(page, JOB_IDS.onePage, JOB_IDS.onePage);
    const first = expectedRow(0);
    await clickRow(page, new RegExp(` — ${escapeRe(first.file)}$`));
    frame = await resultFrame(page);
    await expectPanelShows(0);
    // the panel's tab is named after the file
    await page.locator('.tabs-container .tab', { hasText: first.file }).first().waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('Next and Previous walk the loaded results and load the next page at the end', async () => {
    const { page } = wb;
    for (let i = 1; i < PAGE_SIZE; i++) {
      await frame.locator('#next').click();
      await expectPanelShows(i);
    }
    // Result 5 is the last loaded one: Next loads page 2 (the tree follows) and shows result 6.
    await frame.locator('#next').click();
    await expectPanelShows(PAGE_SIZE);
    await waitForRow(page, /^Load more \(10 of 12\)$/);
    await frame.locator('#prev').click();
    await expectPanelShows(PAGE_SIZE - 1);
    // The keyboard does the same: "]" is Next.
    await frame.locator('#reasoning').focus();
    await page.keyboard.press(']');
    await expectPanelShows(PAGE_SIZE);
  });

  it('hostile type, reasoning and file name are shown as literal text and no script runs', async () => {
    const { page } = wb;
    const hostile = job(JOB_IDS.hostile);
    await openJobFromPalette(page, JOB_IDS.hostile, JOB_IDS.hostile);
    // The tree row's description is the file name `<img src=x onerror=…>.pdf`, shown literally.
    await clickRow(page, new RegExp(` — ${escapeRe(`${HOSTILE.img}.pdf`)}$`));
    frame = await resultFrame(page);
    const row0 = hostile.row(0).result!;
    assert.strictEqual(await waitForPanelText(frame, 'type', HOSTILE.script), HOSTILE.script);
    assert.strictEqual(await waitForPanelText(frame, 'reasoning', row0.reasoning as string), row0.reasoning);
    assert.strictEqual(await waitForPanelText(frame, 'file-name', `${HOSTILE.img}.pdf`), `${HOSTILE.img}.pdf`);
    await frame.locator('#next').click();
    assert.strictEqual(await waitForPanelText(frame, 'type', HOSTILE.img), HOSTILE.img);
    await frame.locator('#next').click();
    assert.strictEqual(await waitForPanelText(frame, 'type', HOSTILE.link), HOSTILE.link);
    await page.waitForTimeout(500); // an injected <img onerror> would have fired by now

    // No element was made from the payloads, and the marker they would set is unset everywhere.
    assert.strictEqual(await frame.locator('#content script, #content img, #content a').count(), 0, 'no element from remote text');
    for (const f of page.frames()) {
      if (f.isDetached()) { continue; }
      const pwned = await f.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned).catch(() => undefined);
      assert.strictEqual(pwned, undefined, `a payload ran in frame ${f.url().slice(0, 80)}`);
    }
    await screenshot(page, 'panel-hostile');
  });

  it('a result whose type is null shows "No match" with an explanation; a null result shows "No result"', async () => {
    const { page } = wb;
    await openJobFromPalette(page, JOB_IDS.edgeCases, JOB_IDS.edgeCases);
    await clickRow(page, new RegExp(`^No match · 31% — ${fakeId(0x0f8, 2).slice(0, 8)}$`));
    frame = await resultFrame(page);
    await waitForPanelText(frame, 'type', 'No match');
    await waitForPanelText(frame, 'type-note', /No classification rule matched/);
    await waitForPanelText(frame, 'confidence-value', '31%');
    await frame.locator('#next').click();
    await waitForPanelText(frame, 'type', 'No result');
    await waitForPanelText(frame, 'reasoning', 'No reasoning: the file has no result.');
  });

  it('screenshots in light, dark and high-contrast themes', async () => {
    const { page } = wb;
    await clickRow(page, /^invoice · 92% — invoice-acme\.pdf$/);
    frame = await resultFrame(page);
    await waitForPanelText(frame, 'type', 'invoice');
    const themes: [string, string, string][] = [
      ['light', 'Light Modern', 'vs'],
      ['dark', 'Dark Modern', 'vs-dark'],
      ['high-contrast', 'Dark High Contrast', 'hc-black'],
      ['high-contrast-light', 'Light High Contrast', 'hc-light'],
    ];
    for (const [name, theme, bodyClass] of themes) {
      await pickColorTheme(page, theme);
      await page.locator(`.monaco-workbench.${bodyClass}`).first().waitFor({ state: 'attached', timeout: 20_000 });
      // The webview follows the theme through its body class.
      await frame.locator(`body.vscode-${name}`).waitFor({ state: 'attached', timeout: 10_000 });
      await page.waitForTimeout(300);
      console.log(`      screenshot: ${await screenshot(page, `panel-${name}`)}`);
    }
  });

  it('keyboard only: Tab reaches every panel control in reading order, each with a name; Enter and Space work them', async () => {
    const { page } = wb;
    // the panel shows the first result of the edge-case job (Previous is disabled, so Tab skips it)
    await waitForPanelText(frame, 'position', /^1 of /);
    const snapshot = await frame.locator('body').ariaSnapshot();
    console.log(`      accessibility tree:\n${snapshot.replace(/^/gm, '        ')}`);
    for (const name of ['Previous result', 'Next result', 'Copy reasoning', 'Copy result ID', 'Copy as JSON', 'Copy link', 'Show raw JSON']) {
      assert.ok(snapshot.includes(`button "${name}"`), `a button named "${name}"`);
    }
    assert.match(snapshot, /meter "Confidence"/);
    assert.match(snapshot, /region "Full reasoning"/, 'the scrollable text is named apart from its section');
    await frame.locator('#next').focus();
    const order: string[] = [];
    for (let i = 0; i < 10; i++) {
      const id = await frame.evaluate(() => document.activeElement?.id ?? '');
      if (!id || order.includes(id)) { break; } // Tab left the page
      order.push(id);
      if (id === 'copy-json') { await screenshot(page, 'panel-keyboard-focus-high-contrast-light'); } // the focus ring in HC
      await page.keyboard.press('Tab');
    }
    // reading order: the review marks, the Reasoning heading's Copy button, then the (scrollable, focusable) text, then the actions
    assert.deepStrictEqual(order, ['next', 'mark-correct', 'mark-wrong', 'copy-reasoning', 'reasoning', 'copy-id', 'copy-json', 'copy-link', 'raw-json']);
    await frame.locator('#next').focus();
    await page.keyboard.press('Enter');
    await waitForPanelText(frame, 'position', /^2 of /);
    await frame.locator('#prev').focus();
    await page.keyboard.press('Space');
    await waitForPanelText(frame, 'position', /^1 of /);
  });

  it('Show raw JSON opens the result as a read-only JSON document, titled by its file name', async () => {
    const { page } = wb;
    await waitForPanelText(frame, 'file-name', 'invoice-acme.pdf');
    const resultId = await waitForPanelText(frame, 'result-id', /\S/);
    await frame.locator('#raw-json').click();
    const tab = page.locator('.tabs-container .tab', { hasText: 'invoice-acme.pdf.json' }).first();
    await tab.waitFor({ state: 'visible', timeout: 10_000 });
    const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await editor.waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForFunction((id) => document.querySelector('.editor-instance .monaco-editor .view-lines')?.textContent?.includes(id), resultId, { timeout: 10_000 });
    // Read-only: typing changes nothing (the tab never becomes dirty).
    await editor.click();
    await page.keyboard.type('x');
    await page.waitForTimeout(300);
    assert.strictEqual(await page.locator('.tabs-container .tab.dirty').count(), 0, 'the raw JSON cannot be edited');
  });

  it('after a window reload the panel comes back with the same result', async () => {
    const { page } = wb;
    await page.locator('.tabs-container .tab', { hasText: PANEL_TAB }).first().click();
    frame = await resultFrame(page);
    const resultId = await waitForPanelText(frame, 'result-id', /\S/);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForWorkbench(page);
    await page.locator('.tabs-container .tab', { hasText: PANEL_TAB }).first().click({ timeout: 30_000 });
    frame = await resultFrame(page, 30_000);
    await waitForPanelText(frame, 'result-id', resultId, 30_000);
    await waitForPanelText(frame, 'type', 'invoice');
  });

  it('Open Job Results… owns the keyboard even when the result panel had focus', async () => {
    const { page } = wb;
    for (let attempt = 1; attempt <= 4; attempt++) {
      frame = await resultFrame(page, 30_000);
      await frame.locator('#reasoning').click(); // keyboard focus inside the webview
      await runCommand(page, `${CATEGORY}: Open Job Results…`);
      const input = page.locator(QUICK_INPUT_BOX);
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: 'Open Job Results' }).waitFor({ state: 'visible', timeout: 10_000 });
      // Type as a person would, without clicking the box first.
      await page.keyboard.insertText(JOB_IDS.onePage);
      await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: `Open job ${JOB_IDS.onePage}` }).first().waitFor({ state: 'visible', timeout: 5_000 });
      assert.strictEqual(await input.inputValue(), JOB_IDS.onePage, `attempt ${attempt}: the ID went into the prompt`);
      await page.keyboard.press('Escape');
      await page.locator(QUICK_INPUT).first().waitFor({ state: 'hidden', timeout: 10_000 });
      await page.locator('.tabs-container .tab', { hasText: PANEL_TAB }).first().click();
    }
  });
});
