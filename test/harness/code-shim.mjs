#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }) (and
// @vscode/test-cli's useInstallation.fromPath). It takes the desktop CLI flags test-electron passes
//   [folder] --extensionDevelopmentPath=<dir> --extensionTestsPath=<index.js> --no-sandbox --user-data-dir=... ...
// ignores the desktop-only ones, and runs the tests in code-server's real Node extension host (VS Code 1.139)
// through out/test/harness/integrationRunner.js (compile first: npm run compile-tests).
// Exit code: the extension host's (0 pass, 1 fail), 124 on timeout (env TEST_TIMEOUT_MS, default 300 s),
// 2 on bad arguments. Environment variables (test-electron's extensionTestsEnv) reach the extension host.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const runnerJs = path.join(repoRoot, 'out', 'test', 'harness', 'integrationRunner.js');

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  // the shape `code --version` prints: version, commit, arch
  console.log('1.139.1\ncode-server-shim\nx64');
  process.exit(0);
}

const devPaths = [];
let testsPath;
const folders = [];
for (let i = 0; i < args.length; i++) {
  const m = /^--([^=]+)(?:=(.*))?$/.exec(args[i]);
  if (!m) {
    folders.push(args[i]);
    continue;
  }
  const [, key, inline] = m;
  const takesValue = key === 'extensionDevelopmentPath' || key === 'extensionTestsPath';
  const value = inline ?? (takesValue ? args[++i] : undefined);
  if (key === 'extensionDevelopmentPath') devPaths.push(value);
  else if (key === 'extensionTestsPath') testsPath = value;
  // Everything else (--no-sandbox, --disable-gpu-sandbox, --disable-updates, --skip-welcome, --skip-release-notes,
  // --no-cached-data, --disable-workspace-trust, --user-data-dir=, --extensions-dir=, ...) has no meaning here.
}
if (devPaths.length !== 1 || !testsPath) {
  console.error(`code-shim: need exactly one --extensionDevelopmentPath and one --extensionTestsPath; got ${JSON.stringify(args)}`);
  process.exit(2);
}
// test-electron accepts a folder holding index.js as extensionTestsPath
if (fs.existsSync(testsPath) && fs.statSync(testsPath).isDirectory()) testsPath = path.join(testsPath, 'index.js');
if (!fs.existsSync(runnerJs)) {
  console.error(`code-shim: ${runnerJs} not found; compile the tests first (npm run compile-tests)`);
  process.exit(2);
}

const require = createRequire(import.meta.url);
const { runExtensionTests, abortRun } = require(runnerJs);

let aborting = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (aborting) return;
    aborting = true;
    abortRun().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  });
}

const code = await runExtensionTests({
  extensionDevelopmentPath: devPaths[0],
  extensionTestsPath: testsPath,
  folder: folders[0],
});
process.exit(code);
