// Entry of the bench suite that runs INSIDE the real extension host (code-server's Node extension host,
// through test/harness/code-shim.mjs, exactly like the integration tier): a standard mocha
// `run(): Promise<void>` over out/test/bench/host/**/*.test.js. It is a benchmark, not a test: the
// figures go to the JSON file env BENCH_RESULT_FILE (see hostBench.test.ts); a failing `it` only means
// that a figure could not be measured. Env: BENCH_RESULT_FILE, BENCH_QUICK, BENCH_LATENCY_MS, MOCHA_RESULT_FILE.
import * as util from 'util';
import Mocha from 'mocha';
import { collectResults, findTests, writeResult } from '../../harness/results';

export function run(): Promise<void> {
  const log = console.log.bind(console);
  // The runner prints lines tagged "[mocha] " (see test/harness/integrationRunner.ts).
  (Mocha.reporters.Base as unknown as { consoleLog: (...a: unknown[]) => void }).consoleLog = (...a: unknown[]) =>
    log('[mocha] ' + util.format(...a));
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 600_000, slow: 600_000, reporter: 'spec' });
  const files = findTests(__dirname);
  const resultFile = process.env.MOCHA_RESULT_FILE;
  if (files.length === 0) {return Promise.reject(new Error(`no *.test.js under ${__dirname}`));}
  for (const f of files) {mocha.addFile(f);}
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const r = result();
        writeResult(resultFile, r);
        log(`[mocha] MOCHA_RESULT passed=${r.passed} failed=${r.failed} pending=${r.pending}`);
        if (failures > 0) {reject(new Error(`${failures} bench step(s) failed`));}
        else {resolve();}
      });
      const result = collectResults(runner);
    } catch (err) {
      log('[mocha] ' + (err instanceof Error ? err.stack ?? err.message : String(err)));
      reject(err);
    }
  });
}
