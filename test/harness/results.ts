// Test counts as JSON, shared by the unit reporter, the integration index and the e2e runner; run-all reads them.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export interface TestResult {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; message: string }[];
}

export function writeResult(file: string | undefined, result: TestResult): void {
  if (!file) { return; }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
}

/** Counts pass/fail events of a runner; call `result()` at the end. */
export function collectResults(runner: Mocha.Runner): () => TestResult {
  const r: TestResult = { passed: 0, failed: 0, pending: 0, failures: [] };
  runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, () => r.passed++);
  runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, () => r.pending++);
  runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Runnable, err: Error) => {
    r.failed++;
    r.failures.push({ title: test.fullTitle(), message: err?.message ?? String(err) });
  });
  return () => r;
}

/** Compiled test files under `dir`, in a stable order. */
export function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { out.push(...findTests(p)); }
    else if (e.name.endsWith('.test.js')) { out.push(p); }
  }
  return out.sort();
}
