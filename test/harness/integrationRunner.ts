// Runs an extension test index (a standard mocha `run(): Promise<void>`) INSIDE code-server's real Node
// extension host: code-server with the smoke-test driver, the workbench opened in headless chromium with
//   ?folder=..&payload=[["extensionDevelopmentPath",vscode-remote://..],["extensionTestsPath",vscode-remote://..]]
// The workbench calls window.codeAutomationExit(code) when run() settles (0 resolved, 1 rejected or not
// loadable) and sends the extension host's output (mocha's reporter) to window.codeAutomationLog(level, args).
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import { launchBrowser, type BrowserSession } from './browser';
import { extensionHostLogs, startCodeServer, type CodeServer } from './codeServer';

export interface IntegrationRunOptions {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  /** Folder to open; default: an empty folder in the run's temp dir. */
  folder?: string;
  /** Default env TEST_TIMEOUT_MS or 300 s. */
  timeoutMs?: number;
  /** Print workbench/page chatter too (env VERBOSE=1). */
  verbose?: boolean;
  write?: (line: string) => void;
  writeErr?: (line: string) => void;
}

// Workbench chatter that arrives on the same log channel as the extension host's output.
const NOISE =
  /^(\[(AgentHost|AgentHost:remote|ChatModelSelection|AccountPolicyGate|reconnection-grace-time|Service Worker)[\]:]|Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin extensions|Started local extension host|Ignoring fetching additional builtin|Extension host .* started|ComputeTargetPlatform|Loading development extension|No search provider registered for scheme)/;

export const TIMEOUT_EXIT_CODE = 124;

let active: { cs?: CodeServer; browser?: BrowserSession } = {};

/** For signal handlers: stop whatever the current run started. */
export async function abortRun(): Promise<void> {
  await active.browser?.close().catch(() => {});
  await active.cs?.stop({ keep: true }).catch(() => {});
  if (active.cs) {console.error(`[code-server] aborted; kept ${active.cs.tmpDir}`);}
  active = {};
}

/** Returns the extension host's exit code (0 pass, 1 fail), TIMEOUT_EXIT_CODE on timeout, 1 on runner errors. */
export async function runExtensionTests(opts: IntegrationRunOptions): Promise<number> {
  const write = opts.write ?? ((l: string) => process.stdout.write(l + '\n'));
  const writeErr = opts.writeErr ?? ((l: string) => process.stderr.write(l + '\n'));
  const verbose = opts.verbose ?? !!process.env.VERBOSE;
  const timeoutMs = opts.timeoutMs ?? Number(process.env.TEST_TIMEOUT_MS || 300_000);
  const devPath = path.resolve(opts.extensionDevelopmentPath);
  const testsPath = path.resolve(opts.extensionTestsPath);
  if (!fs.existsSync(path.join(devPath, 'package.json'))) {
    writeErr(`[code-server] no package.json in ${devPath}`);
    return 1;
  }
  const t0 = Date.now();
  let exitCode = 1;
  let cs: CodeServer | undefined;
  let browser: BrowserSession | undefined;
  try {
    cs = await startCodeServer({ smokeDriver: true, workspaceFolder: opts.folder });
    active.cs = cs;
    write(`[code-server] ${cs.url} (pid ${cs.pid}) up after ${Date.now() - t0} ms; running ${path.relative(devPath, testsPath) || testsPath}`);
    browser = await launchBrowser();
    active.browser = browser;
    const page = browser.page;
    let exited = false;
    let resolveExit!: (code: number) => void;
    const finished = new Promise<number>((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', (code: unknown) => {
      exited = true;
      resolveExit(Number(code));
    });
    await page.exposeFunction('codeAutomationLog', (level: unknown, args: unknown) => {
      // mocha logs printf-style ('%s%s', ...): format like the console would
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      if (verbose) {
        write(`[${String(level)}] ${text}`);
        return;
      }
      if (exited) { return; } // shutdown chatter after the result
      if (text.startsWith('[mocha] ')) {
        write(text.slice(8));
        return;
      }
      if (NOISE.test(text)) { return; }
      if (level === 'error') { writeErr('[workbench error] ' + text.split('\n')[0]); }
      else { write(text); }
    });
    if (verbose) {
      page.on('console', (m) => write(`[page] ${m.text()}`));
      page.on('pageerror', (e) => write(`[pageerror] ${String(e)}`));
    }
    const url = cs.workbenchUrl([
      ['extensionDevelopmentPath', cs.remoteUri(devPath)],
      ['extensionTestsPath', cs.remoteUri(testsPath)],
    ]);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      finished,
      new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (result === 'timeout') {
      writeErr(`[code-server] TIMEOUT after ${timeoutMs} ms waiting for the extension host's test result`);
      exitCode = TIMEOUT_EXIT_CODE;
    } else {
      exitCode = result;
      write(`[code-server] extension host reported exit code ${exitCode} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  } catch (err) {
    writeErr(`[code-server] runner error: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    exitCode = 1;
  } finally {
    await browser?.close().catch(() => {});
    const keep = exitCode !== 0 || !!process.env.KEEP_TMP;
    await cs?.stop({ keep }).catch(() => {});
    if (cs && keep) {
      writeErr(`[code-server] kept ${cs.tmpDir} for inspection: ${[cs.logFile, ...extensionHostLogs(cs.tmpDir)].join(', ')}`);
    }
    active = {};
  }
  return exitCode;
}
