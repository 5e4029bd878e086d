// Entry of the bench suite that runs INSIDE the real extension host (code-server's Node extension host,
// through test/harness/code-shim.mjs, exactly like the integration tier) over out/test/bench/host/**/*.test.js.
// It is a benchmark, not a test: the figures go to the JSON file env BENCH_RESULT_FILE (see
// hostBench.test.ts); a failing `it` only means that a figure could not be measured.
// Env: BENCH_RESULT_FILE, BENCH_QUICK, BENCH_LATENCY_MS, MOCHA_RESULT_FILE.
import { runMochaInHost } from '../../harness/hostMocha';

export function run(): Promise<void> {
  return runMochaInHost(__dirname, { timeoutMs: 600_000, slowMs: 600_000, failure: 'bench step(s) failed' });
}
