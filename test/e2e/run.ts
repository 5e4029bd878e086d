// E2E tier: mocha (bdd) over out/test/e2e/**/*.test.js in plain Node; the tests drive code-server with the
// packaged .vsix in headless chromium (see fixture.ts).
//   node out/test/e2e/run.js      Env: E2E_VSIX, MOCHA_GREP, MOCHA_RESULT_FILE (default test-results/e2e.json)
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { RESULTS_DIR, SCREENSHOT_DIR } from '../harness/paths';
import { collectResults, writeResult, findTests } from '../harness/results';
import { captureFailure, closeAll } from './fixture';
import { runMain } from '../harness/runMain';

async function main(): Promise<number> {
  const resultFile = path.resolve(process.env.MOCHA_RESULT_FILE || path.join(RESULTS_DIR, 'e2e.json'));
  fs.rmSync(resultFile, { force: true });
  // Failure screenshots from an earlier run would read as this run's.
  if (fs.existsSync(SCREENSHOT_DIR)) { for (const f of fs.readdirSync(SCREENSHOT_DIR)) { if (f.endsWith('-fail.png')) { fs.rmSync(path.join(SCREENSHOT_DIR, f)); } } }
  const files = findTests(__dirname);
  if (!files.length) {
    console.error(`[e2e] no *.test.js under ${__dirname}: ran no test`);
    writeResult(resultFile, { passed: 0, failed: 0, pending: 0, failures: [] });
    return 1;
  }
  const mocha = new Mocha({ ui: 'bdd', timeout: 90_000, slow: 20_000, reporter: 'spec', color: process.stdout.isTTY });
  if (process.env.MOCHA_GREP) { mocha.grep(process.env.MOCHA_GREP); }
  for (const f of files) { mocha.addFile(f); }
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run((n) => resolve(n));
    const result = collectResults(runner);
    // Screenshot while the failing test's page is still open (teardown hooks wait for it, see fixture.close).
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Runnable) => void captureFailure(test.fullTitle()));
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const r = result();
      writeResult(resultFile, r);
      console.log(`[e2e] ${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} pending` : ''}`);
    });
  });
  await closeAll();
  return failures > 0 ? 1 : 0;
}

runMain(main, closeAll);
