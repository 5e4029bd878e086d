// Start/stop a throwaway code-server (the real VS Code server + web workbench, Code 1.139) on 127.0.0.1.
// Everything it writes goes to one temp dir; it runs detached in its own process group, and stop() kills
// that group (the remote extension host would otherwise linger for its 3 h reconnection grace period).
import { execFile, spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { requireRuntime } from './paths';

/** Settings that keep the workbench quiet and offline; merged under the caller's userSettings. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden', // no Chat panel on the right
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

export interface CodeServerOptions {
  /** A packaged extension, installed with `--install-extension` before the server starts. */
  vsixPath?: string;
  /** More packaged extensions to install beside it (test-only helpers). */
  extraVsix?: string[];
  /** An extension folder to load as a development extension (through `?payload=`; needs the smoke-test driver). */
  devExtensionPath?: string;
  /** `--vscode-option enable-smoke-test-driver`: required for `?payload=`; hides notification toasts. */
  smokeDriver?: boolean;
  userSettings?: Record<string, unknown>;
  /** Extra environment for code-server and so for the extension host. */
  env?: Record<string, string>;
  /** Folder the workbench opens; default: an empty folder in the temp dir. */
  workspaceFolder?: string;
  /** Fixed port (demo); default: a free port. */
  port?: number;
  /** Bounded wait for /healthz. */
  startTimeoutMs?: number;
}

export interface CodeServer {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  pid: number;
  tmpDir: string;
  logFile: string;
  workspaceFolder: string;
  /** Workbench URL opening the workspace folder (plus the dev extension / extra payload entries, if any). */
  workbenchUrl(payload?: [string, string][]): string;
  /** Settles when the code-server main process exits (exit code or signal name). */
  exited: Promise<number | string | null>;
  /** vscode-remote:// URI of a local path, as the payload needs. */
  remoteUri(p: string): string;
  /** Kills the process group; deletes the temp dir unless `keep`. Safe to call twice. */
  stop(opts?: { keep?: boolean }): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function waitForHealthz(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before answering ${url}`);
    }
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (r.status < 500) { return; }
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timeout (${timeoutMs} ms) waiting for ${url}`);
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  const rt = requireRuntime();
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'llcr-cs-'));
  for (const d of ['ud/User', 'ud/Machine', 'ext', 'ws', 'tmp', 'xdg/data', 'xdg/config', 'xdg/cache']) {
    fs.mkdirSync(path.join(tmpDir, d), { recursive: true });
  }
  const workspaceFolder = path.resolve(opts.workspaceFolder ?? path.join(tmpDir, 'ws'));
  // Keep every write inside tmpDir: otherwise ~/.config/code-server/config.yaml, ~/.local/share/code-server,
  // /tmp/vscode-ipc-*.sock and ~/.cache/Microsoft/... are left behind.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: path.join(tmpDir, 'tmp'),
    XDG_DATA_HOME: path.join(tmpDir, 'xdg/data'),
    XDG_CONFIG_HOME: path.join(tmpDir, 'xdg/config'),
    XDG_CACHE_HOME: path.join(tmpDir, 'xdg/cache'),
    EXTENSIONS_GALLERY: '{}', // no marketplace: nothing contacts open-vsx.org
    ...(opts.env ?? {}),
  };
  const configFile = path.join(tmpDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\n');
  fs.writeFileSync(
    path.join(tmpDir, 'ud/User/settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...(opts.userSettings ?? {}) }, null, 2),
  );
  const common = ['--config', configFile, '--user-data-dir', path.join(tmpDir, 'ud'), '--extensions-dir', path.join(tmpDir, 'ext')];
  const logFile = path.join(tmpDir, 'code-server.log');

  for (const vsixPath of [opts.vsixPath, ...(opts.extraVsix ?? [])]) {
    if (!vsixPath) { continue; }
    const vsix = path.resolve(vsixPath);
    if (!fs.existsSync(vsix)) {throw new Error(`vsix not found: ${vsix}`);}
    await new Promise<void>((resolve, reject) => {
      execFile(rt.node24, [rt.codeServerEntry, ...common, '--install-extension', vsix], { env, timeout: 120_000 }, (err, stdout, stderr) => {
        fs.appendFileSync(path.join(tmpDir, 'install-extension.log'), `${vsix}\n${stdout}\n${stderr}\n`);
        if (err) {reject(new Error(`installing ${vsix} failed: ${err.message}\n${stdout}\n${stderr}\n(kept ${tmpDir})`));}
        else { resolve(); }
      });
    });
  }

  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const smokeDriver = opts.smokeDriver ?? !!opts.devExtensionPath;
  const args = [
    rt.codeServerEntry,
    ...common,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  // A built VS Code ignores ?payload=[["extensionDevelopmentPath",..],["extensionTestsPath",..]] without this.
  if (smokeDriver) { args.push('--vscode-option', 'enable-smoke-test-driver'); }
  const fd = fs.openSync(logFile, 'w');
  const child = spawn(rt.node24, args, { stdio: ['ignore', fd, fd], detached: true, env });
  fs.closeSync(fd);
  const pid = child.pid!;
  const exited = new Promise<number | string | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) { resolve(child.exitCode ?? child.signalCode); }
    else { child.once('exit', (code, signal) => resolve(code ?? signal)); }
  });
  // If this process dies without calling stop(), do not leave the group running.
  const onExit = () => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  process.on('exit', onExit);

  let stopped = false;
  const stop = async ({ keep = false } = {}) => {
    if (!stopped) {
      stopped = true;
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      const deadline = Date.now() + 5000;
      while (groupAlive(pid) && Date.now() < deadline) { await new Promise((r) => setTimeout(r, 100)); }
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      process.removeListener('exit', onExit);
    }
    if (!keep) {fs.rmSync(tmpDir, { recursive: true, force: true });}
  };

  try {
    await waitForHealthz(`${url}/healthz`, child, opts.startTimeoutMs ?? 30_000);
  } catch (err) {
    await stop({ keep: true });
    throw new Error(`${(err as Error).message}\n--- ${logFile} (tail) ---\n${tail(logFile)}\n(kept ${tmpDir})`);
  }

  const remoteUri = (p: string) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`;
  const workbenchUrl = (payload: [string, string][] = []) => {
    const entries: [string, string][] = [...payload];
    if (opts.devExtensionPath && !entries.some(([k]) => k === 'extensionDevelopmentPath')) {
      entries.unshift(['extensionDevelopmentPath', remoteUri(opts.devExtensionPath)]);
    }
    const q = entries.length ? `&payload=${encodeURIComponent(JSON.stringify(entries))}` : '';
    return `${url}/?folder=${encodeURIComponent(workspaceFolder)}${q}`;
  };
  return { url, port, pid, tmpDir, logFile, workspaceFolder, workbenchUrl, exited, remoteUri, stop };
}

/** The extension host's log files (for failure reports). */
export function extensionHostLogs(tmpDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) { walk(p); }
      else if (/exthost\.log$/.test(e.name)) { out.push(p); }
    }
  };
  walk(path.join(tmpDir, 'ud', 'logs'));
  return out;
}
