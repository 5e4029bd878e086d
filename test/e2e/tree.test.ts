// The core flow as a person does it, in code-server with the packaged .vsix: the welcome view, the
// password box, a wrong key and its recovery, pasting a job ID into the palette, Load more to the end.
// The steps share one workbench and run in order.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { screenshot, waitForNotification, waitForWorkbench } from '../harness/browser';
import { buildDataset, fileNameFor, JOB_IDS } from '../fake-server/datasets';
import { startFakeServer, type FakeServer } from '../fake-server/server';
import { clickRow, enterApiKey, openJobFromPalette, showClassifyView, treeTexts, waitForNoNotification, waitForNoRow, waitForRow } from './classifyUi';
import { openWorkbench, type Workbench } from './fixture';

const PAGE_SIZE = 5;
const WRONG_KEY = 'llx-not-the-right-key-4e1d';
const short = (id: string) => id.slice(0, 8);

describe('Tree: set the key, open a job by ID, page to the end', () => {
  let server: FakeServer;
  let wb: Workbench;
  const resultRequests = () => server.requests.filter((r) => r.path.endsWith('/results'));

  before(async () => {
    server = await startFakeServer();
    wb = await openWorkbench({
      // The base URL in the User settings file only, where people put it.
      userSettings: { 'llamaClassify.pageSize': PAGE_SIZE, 'llamaClassify.baseUrl': server.url },
      env: { LLAMA_CLOUD_API_KEY: '' },
    });
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('shows the welcome view with Set API Key, and has sent no request; the header reads in full', async () => {
    await showClassifyView(wb.page);
    // "LlamaCloud Classify", once and not cut off ("LlamaCloud Classify: Cla…" before)
    const header = wb.page.locator('.part.sidebar .composite.title .title-label h2').first();
    assert.strictEqual((await header.textContent())?.trim(), 'LlamaCloud Classify');
    assert.ok(await header.evaluate((h) => h.scrollWidth <= h.clientWidth), 'the header is not truncated');
    await wb.page.locator('.part.sidebar .welcome-view-content a.monaco-button', { hasText: 'Set API Key' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    assert.deepStrictEqual(server.requests.map((r) => r.path), [], 'activation and the welcome view send nothing');
  });

  it('stores a key typed into the password box and says when LlamaCloud rejects it', async () => {
    const { page } = wb;
    await page.locator('.part.sidebar .welcome-view-content a.monaco-button', { hasText: 'Set API Key' }).first().click();
    await enterApiKey(page, WRONG_KEY);
    await waitForNotification(page, 'LlamaCloud rejected it (401)');
    // With a key stored, the welcome content moves on to opening a job.
    await page.locator('.part.sidebar .welcome-view-content a.monaco-button', { hasText: 'Open Job Results' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    const sent = server.requests.at(-1);
    assert.strictEqual(sent?.status, 401, 'the check reached the server and was rejected');
  });

  it('a pasted job ID opens the job; the rejected key shows a "Set API key…" row', async () => {
    const { page } = wb;
    await openJobFromPalette(page, `  https://cloud.llamaindex.ai/project/x/classify/jobs/${JOB_IDS.onePage}  `, JOB_IDS.onePage);
    await waitForRow(page, new RegExp(`^${short(JOB_IDS.onePage)}`));
    await waitForRow(page, /^Set API key… — LlamaCloud rejected the key$/);
    await screenshot(page, 'tree-wrong-key');
  });

  it('setting the right key from that row loads the job without a reload, and closes the "rejected" notification', async () => {
    const { page } = wb;
    await waitForNotification(page, 'rejected');
    await screenshot(page, 'tree-rejected-key-notice');
    await clickRow(page, /^Set API key…/);
    await enterApiKey(page, server.apiKey);
    await waitForRow(page, /^Load more \(5 of 12\)$/);
    await waitForRow(page, new RegExp(`^${short(JOB_IDS.onePage)} — Succeeded · 5 of 12(?: · \\d+\\+? to review)?$`));
    await waitForNoRow(page, /^Set API key…/);
    await waitForNotification(page, 'It works');
    await waitForNoNotification(page, 'rejected');
  });

  it('Load more pages to the end (each page prefetched: no new request per click); every result is listed once', async () => {
    const { page } = wb;
    const job = buildDataset().jobs.find((j) => j.id === JOB_IDS.onePage)!;
    const okPages = () => resultRequests().filter((r) => r.status === 200 && r.path.endsWith(`${JOB_IDS.onePage}/results`));
    // Page 2 is fetched in the background once page 1 is shown (llamaClassify.prefetch, on by default).
    for (let i = 0; i < 100 && okPages().length < 2; i++) { await page.waitForTimeout(100); }
    assert.strictEqual(okPages().length, 2, 'page 1 and the prefetched page 2');
    await clickRow(page, /^Load more \(5 of 12\)$/);
    await waitForRow(page, /^Load more \(10 of 12\)$/);
    assert.ok(okPages().length <= 3, 'the click itself sent no request for page 2 (at most the prefetch of page 3 followed)');
    await waitForRow(page, new RegExp(`— Succeeded · 10 of 12(?: · \\d+\\+? to review)?$`));
    await clickRow(page, /^Load more \(10 of 12\)$/);
    await waitForRow(page, new RegExp(`— Succeeded · 12 of 12(?: · \\d+\\+? to review)?$`));
    await waitForNoRow(page, /^Load more/);

    const expected = Array.from({ length: job.count }, (_, i) => {
      const r = job.row(i).result!;
      return `${r.type ?? 'No match'} · ${Math.round((r.confidence as number) * 100)}% — ${fileNameFor(r.type, i)}`;
    });
    let rows: string[] = [];
    for (let i = 0; i < 50; i++) {
      rows = (await treeTexts(page)).slice(1); // below the job row
      if (JSON.stringify(rows) === JSON.stringify(expected)) { break; }
      await page.waitForTimeout(200); // file names arrive just after the page
    }
    assert.deepStrictEqual(rows, expected);
    assert.deepStrictEqual(
      okPages().map((r) => r.query.page_size),
      ['5', '5', '5'],
      'three pages of the configured size',
    );
    const tokens = okPages().map((r) => String(r.query.page_token ?? ''));
    assert.strictEqual(new Set(tokens).size, 3, `no page twice: ${tokens.join(' | ')}`);
  });

  it('a second, larger job pages alongside (screenshot of the loaded multi-page tree)', async () => {
    const { page } = wb;
    await openJobFromPalette(page, JOB_IDS.multiPage, JOB_IDS.multiPage);
    await waitForRow(page, /^Load more \(5 of 2,345\)$/);
    await clickRow(page, /^Load more \(5 of 2,345\)$/);
    await waitForRow(page, /^Load more \(10 of 2,345\)$/);
    await waitForRow(page, new RegExp(`^${short(JOB_IDS.multiPage)} — Succeeded · 10 of 2,345(?: · \\d+\\+? to review)?$`));
    const file = await screenshot(page, 'tree-multi-page-job');
    console.log(`      screenshot: ${file}`);
  });

  it('a window reload brings the jobs back expanded, with as many results as were loaded', async () => {
    const { page } = wb;
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForWorkbench(page);
    await showClassifyView(page);
    await waitForRow(page, new RegExp(`^${short(JOB_IDS.multiPage)} — Succeeded · 10 of 2,345(?: · \\d+\\+? to review)?$`), 30_000);
    await waitForRow(page, new RegExp(`^${short(JOB_IDS.onePage)} — Succeeded · 12 of 12(?: · \\d+\\+? to review)?$`), 30_000);
    await waitForRow(page, /^Load more \(10 of 2,345\)$/);
    const rows = await treeTexts(page);
    assert.ok(rows.length > 20, `both jobs expanded with their rows: ${JSON.stringify(rows)}`);
  });

  it('neither key appears in anything code-server wrote: the log channel, other logs, settings, extension state', async () => {
    // First the log channel's file must hold the requests made above (it is written asynchronously):
    // proof that the search below covers what the extension logged.
    const logs = path.join(wb.cs.tmpDir, 'ud/logs');
    let channelLogs: string[] = [];
    for (let i = 0; i < 100 && channelLogs.length === 0; i++) {
      channelLogs = filesContaining(logs, [`/jobs/${JOB_IDS.multiPage}/results`]).filter((f) => path.basename(f) === 'LlamaCloud Classify.log');
      if (!channelLogs.length) { await wb.page.waitForTimeout(100); }
    }
    assert.ok(channelLogs.length >= 1, 'the LlamaCloud Classify log file(s) (one per window session), with the requests of this test');
    assert.deepStrictEqual(filesContaining(wb.cs.tmpDir, [WRONG_KEY, server.apiKey]), []);
  });
});

/** Files under `dir` (any depth, up to 50 MB each) whose bytes contain one of `needles`. */
function filesContaining(dir: string, needles: string[]): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) { walk(p); }
      else if (entry.isFile() && fs.statSync(p).size < 50_000_000) {
        const bytes = fs.readFileSync(p);
        if (needles.some((n) => bytes.includes(n))) { hits.push(p); }
      }
    }
  };
  walk(dir);
  return hits;
}
