// Test entry loaded by VS Code's extension host (--extensionTestsPath / the payload's extensionTestsPath).
// A standard mocha `run(): Promise<void>` index: it works unchanged in code-server (our shim) and in VS Code
// desktop (@vscode/test-electron). Runs out/test/integration/**/*.test.js (bdd).
// Env (set by run.ts through extensionTestsEnv): MOCHA_RESULT_FILE (JSON counts), MOCHA_GREP (filter).
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';
import { collectResults, writeResult, findTests } from '../harness/results';

export function run(): Promise<void> {
  // The extension host's console reaches the runner as separate, unformatted log arguments mixed with
  // workbench chatter: pre-format mocha's printf-style lines and tag them; the runner prints "[mocha] " lines.
  const log = console.log.bind(console);
  (Mocha.reporters.Base as unknown as { consoleLog: (...a: unknown[]) => void }).consoleLog = (...a: unknown[]) =>
    log('[mocha] ' + util.format(...a));
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: 'spec' });
  if (process.env.MOCHA_GREP) { mocha.grep(process.env.MOCHA_GREP); }
  const files = findTests(__dirname);
  const resultFile = process.env.MOCHA_RESULT_FILE;
  if (files.length === 0) {
    writeResult(resultFile, { passed: 0, failed: 0, pending: 0, failures: [] });
    return Promise.reject(new Error(`no *.test.js under ${__dirname}: ran no test`));
  }
  for (const f of files) { mocha.addFile(f); }
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const r = result();
        writeResult(resultFile, r);
        log(`[mocha] MOCHA_RESULT passed=${r.passed} failed=${r.failed} pending=${r.pending}`);
        if (failures > 0) {reject(new Error(`${failures} test(s) failed`));}
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
