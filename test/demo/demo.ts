// `npm run demo`: the fake LlamaCloud API + code-server (real VS Code 1.139 in the browser) with the packaged
// extension installed and already pointed at the fake server, so nothing needs setting up. Open the printed URL.
//   node out/test/demo/demo.js [--port 8080] [--vsix path/to.vsix]
// Both servers listen on 127.0.0.1 only. Ctrl+C (or SIGTERM) stops everything.
import { V2_JOB_IDS } from '../fake-server/datasetsV2';
import * as path from 'path';
import { portIsFree, startCodeServer, type CodeServer } from '../harness/codeServer';
import { newestVsix } from '../harness/paths';
import * as fake from '../fake-server/server';

const DEFAULT_PORT = 8080;

interface DemoServer {
  url: string;
  apiKey: string;
  jobs: { id: string; label: string }[];
  close(): Promise<void>;
}

/** Adapter to the fake server, so its options can change without touching the demo. */
async function startDemoFakeServer(): Promise<DemoServer> {
  const opts = { host: '127.0.0.1' as const, dataset: 'demo' };
  return fake.startFakeServer(opts);
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) { return process.argv[i + 1]; }
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main() {
  const requested = arg('port') ? Number(arg('port')) : undefined;
  if (requested !== undefined && !(Number.isInteger(requested) && requested > 0 && requested < 65536)) {
    throw new Error(`bad --port ${arg('port')}`);
  }
  const vsixPath = path.resolve(arg('vsix') ?? process.env.E2E_VSIX ?? newestVsix());

  let server: DemoServer | undefined;
  let cs: CodeServer | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) { return; }
    stopping = true;
    console.log('\nStopping…');
    await cs?.stop().catch(() => {});
    await server?.close().catch(() => {});
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    server = await startDemoFakeServer();
    // an explicit --port must be free; the default falls back to any free port
    let port = requested ?? DEFAULT_PORT;
    if (!(await portIsFree(port))) {
      if (requested !== undefined) {throw new Error(`port ${port} on 127.0.0.1 is in use`);}
      port = 0;
    }
    cs = await startCodeServer({
      vsixPath,
      port: port || undefined,
      userSettings: { 'llamaClassify.baseUrl': server.url },
      env: { LLAMA_CLOUD_API_KEY: server.apiKey },
    });
  } catch (err) {
    console.error(`demo: ${err instanceof Error ? err.message : String(err)}`);
    await stop(1);
    return;
  }

  console.log(`Extension:          ${path.relative(process.cwd(), vsixPath) || vsixPath}`);
  console.log(`Fake LlamaCloud:    ${server.url}  (API key ${server.apiKey}, passed as LLAMA_CLOUD_API_KEY)`);
  console.log(`code-server logs:   ${cs.logFile}`);
  // jobs have no names in LlamaCloud: the view shows each one's short ID (the first 8 characters)
  console.log('Demo jobs (paste an ID into LlamaCloud Classify: Open Job Results…):');
  for (const j of server.jobs) {console.log(`  ${j.id}  ${j.label}`);}
  console.log('Classify v2 job IDs (or run “Browse Classify v2 Jobs…”):');
  for (const [name, id] of Object.entries(V2_JOB_IDS)) {console.log(`  ${id}  ${name}`);}
  console.log(`\nOpen VS Code in your browser:\n  ${cs.workbenchUrl()}\n`);
  console.log('Press Ctrl+C to stop.');

  const how = await cs.exited;
  if (!stopping) {
    console.error(`code-server exited unexpectedly (${how}); log: ${cs.logFile}`);
    await cs.stop({ keep: true });
    cs = undefined; // keep its log
    await stop(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
