// Figures measured in the real editor: code-server with the packaged .vsix installed (what users get),
// driven in headless chromium like the e2e tier (test/e2e/fixture.ts). Every wait is bounded.
//
// activationMs — VS Code's own figure, read from "Developer: Show Running Extensions": the row of our
//   extension says "Activation: N ms", where N = codeLoadingTime + activateCallTime as the extension host
//   measured them (ExtensionActivationTimesBuilder: from just before our module is required until
//   activate() returns; ms resolution). That is exactly "code load + activate" and excludes what VS Code
//   does around it (storage, IPC). Chosen over timing `getExtension(id).activate()` from a test, which would
//   add the host's own work and round trips, and over the log, which has no durations. Each sample is a
//   FRESH window: a new code-server (new user data, new extension host), the workbench left to settle, then
//   the activity-bar icon clicked (onView activation, as when a person opens the view).
// expand10kMs — a job with 10,000 loaded results (pageSize 1000, Load more clicked to the end), collapsed,
//   then a click on its twistie; timed in the page (performance.now) from the mousedown until the frame
//   after the job's result rows (`.monaco-list-row` at level 2, or 3 inside a range row, labelled with
//   a confidence such as "invoice · 92%") are in the DOM.
//   The view keeps a collapsed node's rows, so this is the renderer's own work; a second series collapses,
//   opens another job (the tree's root refreshes, so the collapsed job's rows go stale) and expands again:
//   then the view asks the extension host for all 10,000 children (afterRefreshSamples).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { runCommand, screenshot, waitForWorkbench } from '../harness/browser';
import { openJobFromPalette, showClassifyView, treeTexts } from '../e2e/classifyUi';
import { openWorkbench, type Workbench } from '../e2e/fixture';
import { JOB_IDS } from '../fake-server/datasets';
import { SCREENSHOT_DIR } from '../harness/paths';
import type { FakeServer } from '../fake-server/server';
import { COUNT_10K, JOB_10K } from './common';

const SIDEBAR_ROWS = '.part.sidebar .pane-body .monaco-list-row';
/** In the label of every result row of the 10,000-result job ("invoice · 92%"), and of no job or range row. */
const ROW_MARKER = '%';
const fmt = (n: number) => n.toLocaleString('en-US');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface ActivationFigures {
  samples: number[];
  /** "Activation" or "Startup Activation", as the editor labelled each sample. */
  labels: string[];
  /** Windows that gave no figure (replaced by new ones). */
  failures: string[];
  /** The machine's 1-minute load average at each sample (the figure is CPU-bound: a busy machine inflates it). */
  loadavg: number[];
}

export interface ExpandFigures {
  samples: number[];
  /** Time to the result rows being in the DOM (before the frame), per sample. */
  domSamples: number[];
  rowsRendered: number[];
  /** Expanding after the view refreshed while the job was collapsed: the children are fetched again. */
  afterRefreshSamples: number[];
  /** Clicks on Load more it took to load the 9 further pages (more than 9 when a click had to be repeated). */
  loadClicks: number;
}

/**
 * Runs Developer: Show Running Extensions and reads our row's activation time. The list is sorted by time
 * and virtualised (only the rows in view exist in the DOM), so it pages down through it until our row shows.
 */
async function readActivation(page: Page): Promise<{ ms: number; label: string }> {
  await runCommand(page, 'Developer: Show Running Extensions');
  const editor = page.locator('.runtime-extensions-editor').first();
  await editor.waitFor({ state: 'visible', timeout: 20_000 });
  const row = editor.locator('.monaco-list-row', { hasText: /llamacloud-classify|LlamaCloud Classify Results/i }).first();
  let text = '';
  let moves = 0;
  for (let step = 0; step < 80; step++) {
    if ((await row.count()) > 0) {
      text = ((await row.locator('.activation-time').textContent({ timeout: 5000 })) ?? '').trim();
      const m = /^(.*Activation):\s*(\d+)\s*ms$/i.exec(text);
      if (m) {return { ms: Number(m[2]), label: m[1] };}
      await page.waitForTimeout(200); // "Activating..."
      continue;
    }
    // Not rendered: page through the list (from the top again after 30 moves, in case it re-sorted).
    await editor.locator('.monaco-list').first().focus({ timeout: 5000 });
    await page.keyboard.press(moves % 30 === 0 ? 'Home' : 'PageDown');
    moves++;
    await page.waitForTimeout(100);
  }
  const names = await editor.locator('.monaco-list-row .name').allTextContents().catch(() => []);
  throw new Error(`no activation time for our extension in Running Extensions (row said "${text}"; rows in view: ${JSON.stringify(names)})`);
}

export async function measureActivation(vsixPath: string, windows: number, server: FakeServer, log: (l: string) => void, settleMs = 6000): Promise<ActivationFigures> {
  const out: ActivationFigures = { samples: [], labels: [], failures: [], loadavg: [] };
  // Failure screenshots of an earlier run would read as this run's.
  if (fs.existsSync(SCREENSHOT_DIR)) {
    for (const f of fs.readdirSync(SCREENSHOT_DIR)) {if (/^bench-activation-fail-\d+\.png$/.test(f)) {fs.rmSync(path.join(SCREENSHOT_DIR, f));}}
  }
  // A window that fails (a slow machine, a lost keystroke) is replaced by another fresh one, at most 3 times.
  for (let attempt = 0; out.samples.length < windows && attempt < windows + 3; attempt++) {
    const wb = await openWorkbench({
      vsixPath,
      userSettings: { 'llamaClassify.baseUrl': server.url },
      env: { LLAMA_CLOUD_API_KEY: server.apiKey },
    });
    try {
      // Let the fresh workbench and extension host finish their own start-up work (built-in extensions
      // activating on startup), so it does not compete with our activation.
      await wb.page.waitForTimeout(settleMs);
      await showClassifyView(wb.page); // onView:llamaClassify.results
      // With a key, the welcome content switches to "Open Job Results" once activate() set the context key.
      await wb.page.locator('.part.sidebar .welcome-view-content a.monaco-button', { hasText: 'Open Job Results' }).first().waitFor({ state: 'visible', timeout: 30_000 });
      const { ms, label } = await readActivation(wb.page);
      out.samples.push(ms);
      out.labels.push(label);
      out.loadavg.push(Math.round(os.loadavg()[0] * 100) / 100);
      log(`  activation window ${out.samples.length}/${windows}: ${label} ${ms} ms`);
    } catch (err) {
      const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
      out.failures.push(msg);
      const shot = await screenshot(wb.page, `bench-activation-fail-${attempt + 1}`).catch(() => '');
      log(`  activation window failed (${msg})${shot ? `; screenshot ${shot}` : ''}; trying a new window`);
    } finally {
      await wb.close();
    }
  }
  return out;
}

/** Keyboard focus on the view's list, then Home/End: the list reveals (renders) its first/last row. */
async function jumpTree(page: Page, key: 'Home' | 'End'): Promise<void> {
  await page.locator('.part.sidebar .pane-body .monaco-list').first().focus({ timeout: 5000 });
  await page.keyboard.press(key);
  await page.waitForTimeout(50);
}

/**
 * Loads the job's next page as a person does: goes to the end of the list and clicks "Load more (N of M)";
 * done when the job row (or its sticky header) or the next Load more row shows the new count. A click that
 * did not start a load (the row was re-rendered under the pointer) is repeated after 3 s.
 */
async function loadNextPage(page: Page, short: string, loaded: number, pageSize: number, total: number, timeout = 60_000): Promise<number> {
  const next = Math.min(loaded + pageSize, total);
  const current = `Load more (${fmt(loaded)} of ${fmt(total)})`;
  const done = [new RegExp(`^${short} — .*${escapeRe(`${fmt(next)} of ${fmt(total)}`)}$`), new RegExp(`^${escapeRe(`Load more (${fmt(next)} of ${fmt(total)})`)}$`)];
  const deadline = Date.now() + timeout;
  let lastClick = 0;
  let clicks = 0;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    await jumpTree(page, 'End');
    seen = await treeTexts(page);
    if (seen.some((t) => done.some((d) => d.test(t)))) {return clicks;}
    if (seen.includes(current) && Date.now() - lastClick > 3000) {
      lastClick = Date.now();
      clicks++;
      await page.locator(SIDEBAR_ROWS, { hasText: current }).first().locator('.label-name').click({ timeout: 5000 }).catch(() => undefined);
    }
    await page.waitForTimeout(150);
  }
  throw new Error(`"${current}" did not load the next page within ${timeout} ms; last rendered rows: ${JSON.stringify(seen.slice(-5))}`);
}

async function waitForTopRow(page: Page, pattern: RegExp, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    await jumpTree(page, 'Home');
    seen = await treeTexts(page);
    if (seen.some((t) => pattern.test(t))) {return;}
    await page.waitForTimeout(150);
  }
  throw new Error(`no row matched ${pattern} within ${timeout} ms; rows: ${JSON.stringify(seen.slice(0, 5))}`);
}

interface ExpandTiming {
  t0: number;
  tRows: number;
  tFrame: number;
  rows: number;
  done: boolean;
}

/** Arms the in-page watcher: t0 at the next mousedown, tRows when result rows appear, tFrame after the next frame. */
async function armExpandWatcher(page: Page, marker: string): Promise<void> {
  await page.evaluate((marker) => {
    const w = window as unknown as { __benchExpand?: ExpandTiming };
    const b: ExpandTiming = { t0: 0, tRows: 0, tFrame: 0, rows: 0, done: false };
    w.__benchExpand = b;
    const sidebar = document.querySelector('.part.sidebar');
    if (!sidebar) {throw new Error('no side bar');}
    document.addEventListener('mousedown', () => (b.t0 = b.t0 || performance.now()), { capture: true, once: true });
    const resultRows = () =>
      // Results sit at level 2 under the job, or level 3 under a range row ("9,001–10,000") once a job holds more than 1,000.
      Array.from(sidebar.querySelectorAll('.pane-body .monaco-list-row[aria-level="2"], .pane-body .monaco-list-row[aria-level="3"]')).filter((r) =>
        (r.textContent ?? '').includes(marker),
      );
    const mo = new MutationObserver(() => {
      if (!b.t0 || b.tRows) {return;}
      const rows = resultRows();
      if (rows.length === 0) {return;}
      b.tRows = performance.now();
      b.rows = rows.length;
      mo.disconnect();
      // After the frame that shows them: rAF runs before the paint; a message posted from it runs after.
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          b.tFrame = performance.now();
          b.done = true;
        };
        ch.port2.postMessage(0);
      });
    });
    mo.observe(sidebar, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-level', 'aria-expanded'] });
  }, marker);
}

export async function measureExpand10k(vsixPath: string, server: FakeServer, reps: number, log: (l: string) => void): Promise<ExpandFigures> {
  const PAGE = 1000;
  const short = JOB_10K.slice(0, 8);
  let wb: Workbench | undefined;
  const out: ExpandFigures = { samples: [], domSamples: [], rowsRendered: [], afterRefreshSamples: [], loadClicks: 0 };
  try {
    wb = await openWorkbench({
      vsixPath,
      userSettings: { 'llamaClassify.pageSize': PAGE, 'llamaClassify.baseUrl': server.url },
      env: { LLAMA_CLOUD_API_KEY: server.apiKey },
    });
    const page = wb.page;
    await waitForWorkbench(page);
    await showClassifyView(page);
    await openJobFromPalette(page, JOB_10K, JOB_10K);
    for (let loaded = PAGE; loaded < COUNT_10K; loaded += PAGE) {
      out.loadClicks += await loadNextPage(page, short, loaded, PAGE, COUNT_10K);
    }
    await waitForTopRow(page, new RegExp(`^${short} — .*${escapeRe(fmt(COUNT_10K))} of ${escapeRe(fmt(COUNT_10K))}$`), 60_000);
    log(`  expand10k: ${fmt(COUNT_10K)} results loaded (${out.loadClicks} Load more clicks)`);

    const jobRow = page.locator(`${SIDEBAR_ROWS}[aria-level="1"]`, { hasText: short }).first();
    const ourRows = page.locator(`${SIDEBAR_ROWS}[aria-level="2"]`, { hasText: ROW_MARKER });
    const collapse = async () => {
      await jumpTree(page, 'Home');
      if ((await jobRow.getAttribute('aria-expanded', { timeout: 5000 })) === 'true') {
        await jobRow.locator('.monaco-tl-twistie').click({ timeout: 5000 });
      }
      const deadline = Date.now() + 15_000;
      while ((await ourRows.count()) > 0 && Date.now() < deadline) {await page.waitForTimeout(50);}
      if ((await ourRows.count()) > 0) {throw new Error('the job did not collapse');}
    };
    const expand = async (): Promise<ExpandTiming> => {
      await page.waitForTimeout(1000); // settle: what came before is not part of the figure
      await armExpandWatcher(page, ROW_MARKER);
      await jobRow.locator('.monaco-tl-twistie').click({ timeout: 5000 });
      await page.waitForFunction(() => (window as unknown as { __benchExpand?: ExpandTiming }).__benchExpand?.done === true, null, { timeout: 30_000 });
      return page.evaluate(() => (window as unknown as { __benchExpand: ExpandTiming }).__benchExpand);
    };
    // 1. As specified: collapse, then expand again (the view still holds the rows it had).
    for (let i = 0; i < reps; i++) {
      await collapse();
      const t = await expand();
      out.samples.push(t.tFrame - t.t0);
      out.domSamples.push(t.tRows - t.t0);
      out.rowsRendered.push(t.rows);
      log(`  expand10k ${i + 1}/${reps}: ${(t.tFrame - t.t0).toFixed(0)} ms (${t.rows} rows drawn)`);
    }
    // 2. The view refreshed while the job was collapsed (another job opened: the tree's root changes), so
    //    the expansion asks the extension host for all 10,000 children again.
    for (let i = 0; i < reps; i++) {
      await collapse();
      await openJobFromPalette(page, JOB_IDS.onePage, JOB_IDS.onePage);
      await page.waitForTimeout(500);
      const t = await expand();
      out.afterRefreshSamples.push(t.tFrame - t.t0);
      log(`  expand10k after a view refresh ${i + 1}/${reps}: ${(t.tFrame - t.t0).toFixed(0)} ms (${t.rows} rows drawn)`);
    }
    return out;
  } finally {
    await wb?.close();
  }
}
