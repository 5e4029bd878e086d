// One UI test per fault group, in code-server with the packaged .vsix, against the fake server over real
// HTTP: what a person sees in the tree (and the panel) when LlamaCloud misbehaves, and that Retry recovers
// without losing what was loaded. The full matrix, case by case, is in test/integration/faults.test.ts.
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { QUICK_INPUT, QUICK_INPUT_BOX, screenshot } from '../harness/browser';
import { fakeId, JOB_IDS, type FakeJob, type FakeResultRow } from '../fake-server/datasets';
import { startFakeServer, type Fault, type FakeServer } from '../fake-server/server';
import { clickRow, collapseAll, openJobFromPalette, typeIntoJobPicker, resultFrame, showClassifyView, treeRow, treeTexts, waitForNoRow, waitForPanelText, waitForRow } from './classifyUi';
import { openWorkbench, type Workbench } from './fixture';

const PAGE_SIZE = 5;
const ERROR_ROW = /^Couldn’t load results — click to retry — /;

describe('Faults as a person sees them', () => {
  let server: FakeServer;
  let wb: Workbench;
  let jobs = 0;

  /** A fresh 12-result job (its own ID, so each case starts clean); rows show the short result ID after the type. */
  function addJob(count = 12, reasoning = (i: number) => `Reasoning for row ${i + 1}.`): { id: string; rowIds: string[] } {
    const n = ++jobs;
    const id = fakeId(0x0e2e, n);
    const rows: FakeResultRow[] = Array.from({ length: count }, (_, i) => ({
      id: fakeId(0x0e2f, n * 1000 + i + 1),
      classify_job_id: id,
      file_id: null,
      result: { type: 'invoice', confidence: 0.9, reasoning: reasoning(i) },
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    }));
    const job: FakeJob = { id, label: `e2e job ${n}`, status: 'SUCCESS', created_at: '2026-01-01T00:00:00Z', count, row: (i) => rows[i] };
    server.addJob(job);
    return { id, rowIds: rows.map((r) => r.id) };
  }

  const resultRows = async (page: Page) => (await treeTexts(page)).filter((t) => /^invoice · 90% — /.test(t));

  before(async () => {
    server = await startFakeServer();
    wb = await openWorkbench({
      // The base URL in the User settings file only, where people put it.
      // No background prefetch here: each case aims a fault at one page of a click.
      userSettings: { 'llamaClassify.pageSize': PAGE_SIZE, 'llamaClassify.requestTimeoutSeconds': 2, 'llamaClassify.prefetch': false, 'llamaClassify.baseUrl': server.url },
      env: { LLAMA_CLOUD_API_KEY: server.apiKey },
    });
    await showClassifyView(wb.page);
  });
  afterEach(async () => {
    server.clearFaults();
    // Collapse every job so the next case's rows are the only ones rendered.
    await collapseAll(wb.page).catch(() => {});
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('no access: a job of another project (403) shows "No access to this job", no key prompt, and the key keeps working', async () => {
    const { page } = wb;
    const forbiddenResults = () => server.requests.filter((r) => r.path.endsWith(`${JOB_IDS.forbidden}/results`)).length;
    await openJobFromPalette(page, JOB_IDS.forbidden, JOB_IDS.forbidden);
    await waitForRow(page, /^No access to this job — check llamaClassify\.organizationId \/ projectId$/);
    const before = forbiddenResults();
    await page.locator('.part.sidebar .action-label[aria-label="Refresh"]').first().click();
    for (let i = 0; i < 100 && forbiddenResults() === before; i++) { await page.waitForTimeout(100); }
    assert.ok(forbiddenResults() > before, 'the refresh asked the server again');
    await page.waitForTimeout(500); // a notification would be on screen by now
    assert.strictEqual(await page.locator('.notifications-toasts .notification-toast', { hasText: /key/i }).count(), 0, 'no key prompt for a 403');
    assert.strictEqual(await page.locator('.part.sidebar .monaco-list-row', { hasText: 'Set API key' }).count(), 0);
  });

  it('not found and malformed IDs: "Job not found" for a 404; a malformed ID gets a validation message, not a list row', async () => {
    const { page } = wb;
    const missing = fakeId(0x0404, 1);
    await openJobFromPalette(page, missing, missing);
    await waitForRow(page, /^Job not found — check the ID, region and project$/);

    await typeIntoJobPicker(page, '1234-not-a-job');
    const title = page.locator(`${QUICK_INPUT} .quick-input-title`).first();
    await title.filter({ hasText: 'not a job ID' }).waitFor({ state: 'visible', timeout: 10_000 });
    assert.strictEqual(await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: /is not a job ID|UUID/ }).count(), 0, 'no selectable row carries the message');
    await page.keyboard.press('Enter'); // the text moves to an input box that says why, in full
    const message = page.locator(`${QUICK_INPUT} .quick-input-message`, { hasText: '“1234-not-a-job” is not a job ID. A classify job ID is a UUID' }).first();
    await message.waitFor({ state: 'visible', timeout: 10_000 });
    console.log(`      validation message: ${(await message.textContent())?.trim()}`);
    assert.strictEqual(await page.locator(QUICK_INPUT_BOX).first().inputValue(), '1234-not-a-job', 'the text is kept');
    await page.keyboard.press('Enter'); // still not a job ID: the box stays
    await page.waitForTimeout(300);
    assert.ok(await message.isVisible(), 'Enter on a malformed ID does not close the box');
    await page.keyboard.press('Escape');
  });

  it('rate limit: 429 forever ends in a "rate limited, retry" row after a bounded wait; Retry loads once it lifts', async () => {
    const { page } = wb;
    const job = addJob();
    server.fault({ path: `${job.id}/results`, status: 429, times: Infinity });
    const t0 = Date.now();
    await openJobFromPalette(page, job.id, job.id);
    const row = await waitForRow(page, ERROR_ROW, 30_000);
    assert.match(row, /rate limiting requests \(429\)/);
    console.log(`      error row after ${Date.now() - t0} ms: ${row}`);
    server.clearFaults();
    await clickRow(page, ERROR_ROW);
    await waitForRow(page, /^Load more \(5 of 12\)$/);
    assert.strictEqual((await resultRows(page)).length, 5);
  });

  it('server errors: a 502 then success is invisible; 503 forever shows the error row, and Retry recovers', async () => {
    const { page } = wb;
    const flaky = addJob();
    server.fault({ path: `${flaky.id}/results`, status: 502 });
    await openJobFromPalette(page, flaky.id, flaky.id);
    await waitForRow(page, /^Load more \(5 of 12\)$/);
    await collapseAll(page);

    const down = addJob();
    server.fault({ path: `${down.id}/results`, status: 503, times: Infinity });
    await openJobFromPalette(page, down.id, down.id);
    assert.match(await waitForRow(page, ERROR_ROW, 30_000), /server error \(503\) after 3 attempts/);
    server.clearFaults();
    await clickRow(page, ERROR_ROW);
    await waitForRow(page, /^Load more \(5 of 12\)$/);
  });

  it('network: a timeout on page 2 keeps page 1 and offers "Retry loading more"; a dropped body says so; both recover', async () => {
    const { page } = wb;
    const job = addJob();
    await openJobFromPalette(page, job.id, job.id);
    await waitForRow(page, /^Load more \(5 of 12\)$/);
    server.fault({ path: `${job.id}/results`, delayMs: 4000, times: Infinity }); // the timeout is 2 s
    await clickRow(page, /^Load more \(5 of 12\)$/);
    await waitForRow(page, /^Loading more… — 5 of 12$/);
    await waitForRow(page, /^Retry loading more — 5 of 12$/, 30_000);
    assert.strictEqual((await resultRows(page)).length, 5, 'the loaded page is kept');
    server.clearFaults();
    await clickRow(page, /^Retry loading more/);
    await waitForRow(page, /^Load more \(10 of 12\)$/);
    assert.strictEqual((await resultRows(page)).length, 10);
    await collapseAll(page);

    const dropped = addJob();
    server.fault({ path: `${dropped.id}/results`, kind: 'drop-mid-body', times: Infinity });
    await openJobFromPalette(page, dropped.id, dropped.id);
    assert.match(await waitForRow(page, ERROR_ROW, 30_000), /closed before the answer was complete|terminated/);
    server.clearFaults();
    await clickRow(page, ERROR_ROW);
    await waitForRow(page, /^Load more \(5 of 12\)$/);
  });

  it('network down, then back: "could not reach" with Retry, which loads once the server answers again', async () => {
    const { page } = wb;
    const port = Number(new URL(server.url).port);
    await server.close();
    await openJobFromPalette(page, JOB_IDS.large, JOB_IDS.large);
    assert.match(await waitForRow(page, ERROR_ROW, 30_000), /Could not reach LlamaCloud at 127\.0\.0\.1:\d+: connection refused/);
    await waitForRow(page, new RegExp(`^${JOB_IDS.large.slice(0, 8)}$`)); // no status: it could not be read either
    server = await startFakeServer({ port }); // same address, as when the network returns
    await clickRow(page, ERROR_ROW);
    await waitForRow(page, /^Load more \(5 of 100,000\)$/);
    // The job's status, unreadable while the server was down, is read again after the results load.
    await waitForRow(page, new RegExp(`^${JOB_IDS.large.slice(0, 8)} — Succeeded · 5 of 100,000(?: · \\d+\\+? to review)?$`));
  });

  it('malformed bodies: an HTML page with 200, malformed JSON and the wrong shape each say what was wrong', async () => {
    const { page } = wb;
    const cases: [Fault['kind'], RegExp][] = [
      ['html', /HTML page titled “502 Bad Gateway”/],
      ['malformed-json', /malformed JSON/],
      ['wrong-shape', /`response\.items` should be an array/],
    ];
    for (const [kind, message] of cases) {
      const job = addJob();
      server.fault({ path: `${job.id}/results`, kind, status: 200 });
      await openJobFromPalette(page, job.id, job.id);
      const row = await waitForRow(page, ERROR_ROW, 30_000);
      assert.match(row, message);
      console.log(`      ${kind}: ${row}`);
      if (kind === 'wrong-shape') { await screenshot(page, 'faults-wrong-shape'); }
      await clickRow(page, ERROR_ROW); // the fault was one-off: Retry loads
      await waitForRow(page, /^Load more \(5 of 12\)$/);
      await collapseAll(page);
    }
  });

  it('paging quirks: a repeated page token stops paging with a warning row; duplicates are shown once with a warning', async () => {
    const { page } = wb;
    const loop = addJob();
    server.setQuirks(loop.id, { repeatToken: true });
    await openJobFromPalette(page, loop.id, loop.id);
    await clickRow(page, /^Load more \(5 of 12\)$/);
    await waitForRow(page, /^Paging stopped early/);
    await waitForNoRow(page, /^Load more/);
    const loopRows = await resultRows(page);
    assert.strictEqual(new Set(loopRows).size, loopRows.length, 'no row twice');
    await collapseAll(page);

    const dup = addJob();
    server.setQuirks(dup.id, { duplicateAcrossPages: 2 });
    await openJobFromPalette(page, dup.id, dup.id);
    await waitForRow(page, /^Load more \(5 of 12\)$/);
    for (let i = 0; i < 6 && (await treeTexts(page)).some((t) => t.startsWith('Load more')); i++) {
      const more = await waitForRow(page, /^Load more/);
      await clickRow(page, /^Load more/);
      await waitForNoRow(page, new RegExp(`^${more.replace(/[()]/g, '\\$&')}$`));
    }
    await waitForNoRow(page, /^Load more/);
    await waitForRow(page, /^Some results were sent more than once/);
    const rows = await resultRows(page);
    assert.deepStrictEqual(rows.map((r) => r.split(' — ')[1]), dup.rowIds.map((id) => id.slice(0, 8)), 'all 12, each once, in order');
  });

  it('content: a 1 MB reasoning is shown whole in the panel; a bad confidence is flagged, not trusted', async () => {
    const { page } = wb;
    const huge = 'Lorem ipsum dolor sit amet. '.repeat(40_000); // 1.1 MB
    const job = addJob(1, () => huge);
    await openJobFromPalette(page, job.id, job.id);
    await clickRow(page, new RegExp(`^invoice · 90% — ${job.rowIds[0].slice(0, 8)}$`));
    const frame = await resultFrame(page);
    await waitForPanelText(frame, 'result-id', job.rowIds[0]);
    const length = await frame.locator('#reasoning').evaluate((el) => el.textContent?.length ?? 0);
    assert.strictEqual(length, huge.length, 'nothing truncated');
    await collapseAll(page);

    await openJobFromPalette(page, JOB_IDS.edgeCases, JOB_IDS.edgeCases);
    await clickRow(page, /^Load more \(5 of 10\)$/);
    await clickRow(page, /^invoice · confidence \? — /);
    await waitForPanelText(await resultFrame(page), 'confidence-issue', /cannot be trusted/);
  });

  it('cancel: stopping a slow first load leaves "click to load", which loads it', async () => {
    const { page } = wb;
    const job = addJob();
    server.fault({ path: `${job.id}/results`, delayMs: 8000, times: Infinity }); // longer than the 2 s timeout: retried until cancelled
    await openJobFromPalette(page, job.id, job.id);
    const loading = treeRow(page, 'Loading results…');
    await loading.waitFor({ state: 'visible', timeout: 10_000 });
    // The row re-renders while the load runs (status, retries); a click that lands mid-render is lost, so a
    // person would click again: at most twice, and the row must change within 3 s of a click.
    for (let attempt = 1; ; attempt++) {
      await loading.hover();
      await loading.locator('.action-label[aria-label="Cancel Loading"]').click({ timeout: 5000 });
      try {
        await waitForRow(page, /^Loading was cancelled — click to load$/, 3000);
        break;
      } catch (err) {
        if (attempt === 2) { throw err; }
        console.log('      the first click on Cancel Loading was lost; clicking again');
      }
    }
    server.clearFaults();
    await clickRow(page, /^Loading was cancelled/);
    await waitForRow(page, /^Load more \(5 of 12\)$/);
  });
});
