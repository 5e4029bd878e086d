// A standard mocha `run(): Promise<void>` for suites that run INSIDE the extension host (the
// integration tier and the bench's host suite): the same file works in code-server (our shim) and in
// VS Code desktop (@vscode/test-electron). Runs <dir>/**/*.test.js (bdd); counts go to the JSON file
// env MOCHA_RESULT_FILE; MOCHA_GREP filters.
import * as util from 'util';
import Mocha from 'mocha';
import { collectResults, findTests, writeResult } from './results';

export function runMochaInHost(dir: string, opts: { timeoutMs: number; slowMs?: number; failure: string }): Promise<void> {
  // The extension host's console reaches the runner as separate, unformatted log arguments mixed with
  // workbench chatter: pre-format mocha's printf-style lines and tag them; the runner prints "[mocha] " lines.
  const log = console.log.bind(console);
  (Mocha.reporters.Base as unknown as { consoleLog: (...a: unknown[]) => void }).consoleLog = (...a: unknown[]) =>
    log('[mocha] ' + util.format(...a));
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: opts.timeoutMs, slow: opts.slowMs, reporter: 'spec' });
  if (process.env.MOCHA_GREP) { mocha.grep(process.env.MOCHA_GREP); }
  const files = findTests(dir);
  const resultFile = process.env.MOCHA_RESULT_FILE;
  if (files.length === 0) {
    writeResult(resultFile, { passed: 0, failed: 0, pending: 0, failures: [] });
    return Promise.reject(new Error(`no *.test.js under ${dir}: ran no test`));
  }
  for (const f of files) { mocha.addFile(f); }
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const r = result();
        writeResult(resultFile, r);
        log(`[mocha] MOCHA_RESULT passed=${r.passed} failed=${r.failed} pending=${r.pending}`);
        if (failures > 0) { reject(new Error(`${failures} ${opts.failure}`)); }
        else if (r.passed === 0) { reject(new Error('ran no test')); }
        else { resolve(); }
      });
      const result = collectResults(runner);
    } catch (err) {
      // a test file that cannot load (syntax / import error) lands here
      log('[mocha] ' + (err instanceof Error ? err.stack ?? err.message : String(err)));
      writeResult(resultFile, { passed: 0, failed: 1, pending: 0, failures: [{ title: 'loading test files', message: String(err) }] });
      reject(err);
    }
  });
}
