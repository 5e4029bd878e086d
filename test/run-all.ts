// Runs every test tier in order and ends with exactly one line "N passed, N failed" (all tiers summed).
//   node out/test/run-all.js                               (npm test; pretest compiles and builds)
//   node out/test/run-all.js --tiers integration,e2e       (a subset; tiers: unit, integration, e2e)
// Tiers: unit (mocha in plain Node), integration (real extension host via code-server), then the .vsix is
// packaged, then e2e (the .vsix in code-server, driven in chromium). Each tier writes its counts to a JSON
// file (MOCHA_RESULT_FILE); a tier that crashed, or ran no test, counts as at least 1 failed.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT, RESULTS_DIR } from './harness/paths';
import type { TestResult } from './harness/results';

const ALL_TIERS = ['unit', 'integration', 'e2e'] as const;
type Tier = (typeof ALL_TIERS)[number];
const VSIX = path.join(REPO_ROOT, 'llamacloud-classify-results.vsix');

function parseTiers(): Tier[] {
  const i = process.argv.indexOf('--tiers');
  const raw = i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith('--tiers='))?.slice(8);
  if (!raw) { return [...ALL_TIERS]; }
  const tiers = raw.split(',').map((t) => t.trim()).filter(Boolean);
  const bad = tiers.filter((t) => !(ALL_TIERS as readonly string[]).includes(t));
  if (bad.length || !tiers.length) {
    console.error(`run-all: unknown tier(s) ${bad.join(', ') || '(none)'}; use --tiers ${ALL_TIERS.join(',')}`);
    process.exit(2);
  }
  return ALL_TIERS.filter((t) => tiers.includes(t));
}

let current: ReturnType<typeof spawn> | undefined;

function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    current = child;
    child.on('error', (err) => {
      console.error(`run-all: could not start ${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      current = undefined;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

interface TierOutcome {
  name: string;
  passed: number;
  failed: number;
  ms: number;
  note?: string;
}

function readResult(file: string): TestResult | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as TestResult;
  } catch {
    return undefined;
  }
}

async function runTier(name: Tier, cmd: string, args: string[]): Promise<TierOutcome> {
  const resultFile = path.join(RESULTS_DIR, `${name}.json`);
  fs.rmSync(resultFile, { force: true });
  console.log(`\n=== ${name} ===`);
  const t0 = Date.now();
  const code = await run(cmd, args, { MOCHA_RESULT_FILE: resultFile });
  const ms = Date.now() - t0;
  const r = readResult(resultFile);
  const out: TierOutcome = { name, passed: r?.passed ?? 0, failed: r?.failed ?? 0, ms };
  if (!r) {
    out.failed = Math.max(1, out.failed);
    out.note = `crashed (exit ${code}, no result file)`;
  } else if (out.passed + out.failed === 0) {
    out.failed = 1;
    out.note = 'ran no test';
  } else if (code !== 0 && out.failed === 0) {
    out.failed = 1;
    out.note = `exit ${code} although no test failed`;
  }
  return out;
}

async function packageVsix(): Promise<TierOutcome> {
  console.log('\n=== package (.vsix) ===');
  const t0 = Date.now();
  fs.rmSync(VSIX, { force: true });
  const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const code = await run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '-o', VSIX]);
  const ok = code === 0 && fs.existsSync(VSIX);
  return { name: 'package', passed: 0, failed: ok ? 0 : 1, ms: Date.now() - t0, note: ok ? undefined : `vsce exit ${code}` };
}

async function main(): Promise<number> {
  const tiers = parseTiers();
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const outcomes: TierOutcome[] = [];
  const node = process.execPath;
  for (const tier of tiers) {
    if (tier === 'unit') {
      const mocha = path.join(REPO_ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
      const reporter = path.join(REPO_ROOT, 'out', 'test', 'harness', 'resultReporter.js');
      outcomes.push(await runTier('unit', node, [mocha, '--ui', 'bdd', '--reporter', reporter, 'out/test/unit/**/*.test.js']));
    } else if (tier === 'integration') {
      outcomes.push(await runTier('integration', node, [path.join(REPO_ROOT, 'out', 'test', 'integration', 'run.js')]));
    } else {
      const pkg = await packageVsix();
      outcomes.push(pkg);
      if (pkg.failed) {
        outcomes.push({ name: 'e2e', passed: 0, failed: 1, ms: 0, note: 'not run: no .vsix' });
        continue;
      }
      const e2e = path.join(REPO_ROOT, 'out', 'test', 'e2e', 'run.js');
      // E2E_VSIX: the package just built, not an older *.vsix lying around
      process.env.E2E_VSIX = process.env.E2E_VSIX || VSIX;
      outcomes.push(await runTier('e2e', node, [e2e]));
    }
  }

  console.log('\n=== summary ===');
  for (const o of outcomes) {
    const counts = o.name === 'package' ? (o.failed ? 'FAILED' : 'ok') : `passed=${o.passed} failed=${o.failed}`;
    console.log(`${o.name.padEnd(12)} ${(o.ms / 1000).toFixed(1).padStart(6)} s  ${counts}${o.note ? `  (${o.note})` : ''}`);
  }
  const passed = outcomes.reduce((n, o) => n + o.passed, 0);
  const failed = outcomes.reduce((n, o) => n + o.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    // the tier's runner stops its own code-server / browser on the signal
    current?.kill(sig);
    setTimeout(() => process.exit(sig === 'SIGINT' ? 130 : 143), 8000).unref();
  });
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
