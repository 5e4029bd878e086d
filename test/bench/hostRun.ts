// Runs the host bench suite (out/test/bench/host/index.js) in VS Code's real extension host, the way the
// integration tier does: @vscode/test-electron's runTests() with test/harness/code-shim.mjs as the "VS Code
// executable" (code-server + headless chromium; the workbench really renders the view).
//   node out/test/bench/hostRun.js [--quick]      Env: BENCH_RESULT_FILE (default test-results/bench-host.json)
// Exit code 0 when every step measured; the figures are in BENCH_RESULT_FILE either way.
import * as fs from 'fs';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT, RESULTS_DIR } from '../harness/paths';
import { LATENCY_MS } from './common';

export async function runHostBench(opts: { quick: boolean; resultFile: string }): Promise<number> {
  const shim = path.join(REPO_ROOT, 'test', 'harness', 'code-shim.mjs');
  fs.mkdirSync(path.dirname(opts.resultFile), { recursive: true });
  fs.rmSync(opts.resultFile, { force: true });
  // The shim's bound on the whole run (it reads this from its environment, which test-electron passes on).
  process.env.TEST_TIMEOUT_MS ??= String(15 * 60_000);
  try {
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || shim,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'bench', 'host', 'index.js'),
      launchArgs: [],
      extensionTestsEnv: {
        BENCH_RESULT_FILE: opts.resultFile,
        BENCH_QUICK: opts.quick ? '1' : '0',
        BENCH_LATENCY_MS: String(LATENCY_MS),
        MOCHA_RESULT_FILE: path.join(path.dirname(opts.resultFile), 'bench-host-mocha.json'),
      },
    });
  } catch (err) {
    console.error(`[bench host] ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  return 0;
}

if (require.main === module) {
  const resultFile = path.resolve(process.env.BENCH_RESULT_FILE || path.join(RESULTS_DIR, 'bench-host.json'));
  runHostBench({ quick: process.argv.includes('--quick'), resultFile }).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
