// Test entry loaded by VS Code's extension host (--extensionTestsPath / the payload's extensionTestsPath):
// mocha over out/test/integration/**/*.test.js. Env (set by run.ts through extensionTestsEnv):
// MOCHA_RESULT_FILE (JSON counts), MOCHA_GREP (filter).
import { runMochaInHost } from '../harness/hostMocha';

export function run(): Promise<void> {
  return runMochaInHost(__dirname, { timeoutMs: 20_000, failure: 'test(s) failed' });
}
