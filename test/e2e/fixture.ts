// E2E fixture: code-server with the packaged .vsix installed (what users get) + headless chromium on it.
//   const wb = await openWorkbench({ userSettings: {...} });  ...  await wb.close();
// On a failing test, run.ts calls captureFailure(): a screenshot of every open workbench goes to
// test-results/screenshots/<test>-fail.png and code-server's temp dir (logs) is kept and printed.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshot, waitForWorkbench, type BrowserSession } from '../harness/browser';
import { extensionHostLogs, startCodeServer, type CodeServer, type CodeServerOptions } from '../harness/codeServer';
import { newestVsix } from '../harness/paths';

export interface WorkbenchOptions {
  /** Default: env E2E_VSIX, else the newest *.vsix at the repo root. */
  vsixPath?: string;
  userSettings?: Record<string, unknown>;
  /** More packaged extensions to install (test-only helpers such as the exports probe). */
  extraVsix?: string[];
  /** Extra environment for code-server and the extension host. */
  env?: Record<string, string>;
  workspaceFolder?: string;
  /** Files to create in the (default, empty) workspace folder before the page opens. */
  files?: Record<string, string>;
}

export interface Workbench {
  cs: CodeServer;
  browser: BrowserSession;
  page: Page;
  /** Page errors seen so far (uncaught exceptions in the workbench page). */
  pageErrors: string[];
  close(): Promise<void>;
}

/** The .vsix the E2E tier tests: env E2E_VSIX, else the newest *.vsix at the repo root. */
export function defaultVsix(): string {
  return process.env.E2E_VSIX ? path.resolve(process.env.E2E_VSIX) : newestVsix();
}

interface Live {
  wb: Workbench;
  keepLogs: boolean;
  closing?: Promise<void>;
}
const live = new Set<Live>();
const pendingCaptures = new Set<Promise<void>>();

export async function openWorkbench(opts: WorkbenchOptions = {}): Promise<Workbench> {
  const vsixPath = opts.vsixPath ?? defaultVsix();
  const csOpts: CodeServerOptions = { vsixPath, extraVsix: opts.extraVsix, userSettings: opts.userSettings, env: opts.env, workspaceFolder: opts.workspaceFolder };
  const cs = await startCodeServer(csOpts);
  let browser: BrowserSession | undefined;
  try {
    for (const [name, content] of Object.entries(opts.files ?? {})) {
      const file = path.join(cs.workspaceFolder, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
    browser = await launchBrowser();
    const page = browser.page;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    const entry: Live = { wb: undefined as unknown as Workbench, keepLogs: false };
    const b = browser;
    const wb: Workbench = {
      cs,
      browser: b,
      page,
      pageErrors,
      close: () =>
        (entry.closing ??= (async () => {
          await Promise.allSettled([...pendingCaptures]); // let a failure screenshot finish first
          await b.close();
          await cs.stop({ keep: entry.keepLogs });
          live.delete(entry);
          if (entry.keepLogs) {console.log(`      kept code-server logs: ${[cs.logFile, ...extensionHostLogs(cs.tmpDir)].join(', ')}`);}
        })()),
    };
    entry.wb = wb;
    live.add(entry);
    await page.goto(cs.workbenchUrl(), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await waitForWorkbench(page);
    return wb;
  } catch (err) {
    await browser?.close();
    await cs.stop({ keep: true });
    throw new Error(`${err instanceof Error ? err.message : String(err)} (code-server logs kept in ${cs.tmpDir})`);
  }
}

/** Called by the runner when a test fails: screenshot every open workbench, keep its logs. */
export function captureFailure(testTitle: string): Promise<void> {
  const p = (async () => {
    for (const entry of live) {
      if (entry.closing) { continue; }
      entry.keepLogs = true;
      try {
        const file = await screenshot(entry.wb.page, `${testTitle.slice(0, 100)}-fail`); // the marker survives the name limit
        console.log(`      failure screenshot: ${path.relative(process.cwd(), file)}`);
      } catch (err) {
        console.log(`      (no failure screenshot: ${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
      }
    }
  })();
  pendingCaptures.add(p);
  void p.finally(() => pendingCaptures.delete(p));
  return p;
}

/** Closes whatever a test left open (end of run, or on Ctrl+C). */
export async function closeAll(): Promise<void> {
  await Promise.allSettled([...pendingCaptures]);
  // includes workbenches whose close() is still in flight (a test that did not await it)
  for (const entry of [...live]) {await entry.wb.close().catch(() => {});}
}
