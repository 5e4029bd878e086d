// Integration tier: @vscode/test-electron's runTests() with our code-server shim as the "VS Code executable",
// so the suite runs in a real VS Code extension host (code-server 4.139.1 = Code 1.139.1) on this offline box.
//   node out/test/integration/run.js             -> code-server via test/harness/code-shim.mjs
//   node out/test/integration/run.js --desktop   -> test-electron's normal download (developer laptop)
//   VSCODE_EXECUTABLE_PATH=/path/to/code node out/test/integration/run.js
// Env: MOCHA_RESULT_FILE (JSON counts; default test-results/integration.json), MOCHA_GREP, TEST_TIMEOUT_MS.
import * as fs from 'fs';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT, RESULTS_DIR } from '../harness/paths';

async function main(): Promise<number> {
  const desktop = process.argv.includes('--desktop');
  const shim = path.join(REPO_ROOT, 'test', 'harness', 'code-shim.mjs');
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH || (desktop ? undefined : shim);
  const resultFile = path.resolve(process.env.MOCHA_RESULT_FILE || path.join(RESULTS_DIR, 'integration.json'));
  fs.mkdirSync(path.dirname(resultFile), { recursive: true });
  fs.rmSync(resultFile, { force: true });
  const extensionTestsEnv: Record<string, string> = { MOCHA_RESULT_FILE: resultFile };
  if (process.env.MOCHA_GREP) { extensionTestsEnv.MOCHA_GREP = process.env.MOCHA_GREP; }
  const folder = process.env.INTEGRATION_WORKSPACE; // default: an empty folder
  console.log(`[integration] VS Code: ${vscodeExecutablePath === shim ? 'code-server via the shim' : vscodeExecutablePath ?? 'downloaded by @vscode/test-electron'}`);
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js'),
      launchArgs: folder ? [path.resolve(folder)] : [],
      extensionTestsEnv,
    });
  } catch (err) {
    console.error(`[integration] FAILED: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
