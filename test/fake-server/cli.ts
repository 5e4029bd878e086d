// `npm run fake-server -- --port 0 --dataset demo`: runs the fake LlamaCloud API until Ctrl+C.
import { startFakeServer } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const dataset = arg('dataset') ?? 'demo';
  if (dataset !== 'demo') {throw new Error(`unknown dataset “${dataset}” (only “demo”)`);}
  const server = await startFakeServer({ port: Number(arg('port') ?? 0), apiKey: arg('key') });
  console.log(`Fake LlamaCloud API: ${server.url}`);
  console.log(`API key:             ${server.apiKey}`);
  console.log('Jobs:');
  for (const j of server.jobs) {console.log(`  ${j.id}  ${j.status.padEnd(8)} ${j.label}`);}
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
