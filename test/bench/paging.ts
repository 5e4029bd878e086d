// `npm run bench`: prints figures, asserts nothing (machines here are shared and noisy).
// 1. Paging overhead: raw node-fetch GET + JSON.parse vs client.getResults vs pager.loadMore, per page.
// 2. 100,000 loaded results: time and heap to page them in, and to build every tree row's text.
import fetch from 'node-fetch';
import { LlamaCloudClient } from '../../src/api/client';
import { itemAccessibilityLabel, itemDescription, itemLabel } from '../../src/model/format';
import { ResultPager } from '../../src/model/pager';
import { JOB_IDS } from '../fake-server/datasets';
import { startFakeServer } from '../fake-server/server';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function main() {
  const server = await startFakeServer();
  const client = new LlamaCloudClient(() => ({ baseUrl: server.url, apiKey: server.apiKey, timeoutMs: 30_000, userAgent: 'bench' }));
  const ROUNDS = 60;
  const PAGE = 50;
  const url = `${server.url}/api/v1/classifier/jobs/${JOB_IDS.multiPage}/results?page_size=${PAGE}`;

  // Warm up both paths.
  for (let i = 0; i < 10; i++) {
    await (await fetch(url, { headers: { Authorization: `Bearer ${server.apiKey}` } })).json();
    await client.getResults(JOB_IDS.multiPage, { pageSize: PAGE });
  }
  const raw: number[] = [];
  const viaClient: number[] = [];
  const viaPager: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    let t = process.hrtime.bigint();
    await (await fetch(url, { headers: { Authorization: `Bearer ${server.apiKey}` } })).json();
    raw.push(ms(t));
    t = process.hrtime.bigint();
    await client.getResults(JOB_IDS.multiPage, { pageSize: PAGE });
    viaClient.push(ms(t));
    const pager = new ResultPager(JOB_IDS.multiPage, (token, signal) => client.getResults(JOB_IDS.multiPage, { pageToken: token, pageSize: PAGE, signal }));
    t = process.hrtime.bigint();
    await pager.loadFirst();
    viaPager.push(ms(t));
  }
  console.log(`Paging overhead (page of ${PAGE}, median of ${ROUNDS}, interleaved):`);
  console.log(`  raw node-fetch + JSON.parse   ${median(raw).toFixed(2)} ms`);
  console.log(`  client.getResults (validated) ${median(viaClient).toFixed(2)} ms  (+${(median(viaClient) - median(raw)).toFixed(2)} ms)`);
  console.log(`  pager.loadFirst               ${median(viaPager).toFixed(2)} ms  (+${(median(viaPager) - median(raw)).toFixed(2)} ms)`);

  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const big = new ResultPager(JOB_IDS.large, (token, signal) => client.getResults(JOB_IDS.large, { pageToken: token, pageSize: 1000, signal }));
  let t = process.hrtime.bigint();
  await big.loadFirst();
  for (let i = 0; i < 200 && big.hasMore; i++) await big.loadMore();
  const loadMs = ms(t);
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  t = process.hrtime.bigint();
  let chars = 0;
  for (const item of big.items) chars += itemLabel(item, undefined).length + itemDescription(item).length + itemAccessibilityLabel(item, undefined).length;
  const rowsMs = ms(t);
  t = process.hrtime.bigint();
  await big.loadMore(); // complete: must be free
  const noopMs = ms(t);
  console.log(`100,000 results: ${big.items.length} loaded in ${big.pagesLoaded} pages, ${loadMs.toFixed(0)} ms (${(loadMs / big.pagesLoaded).toFixed(1)} ms/page of 1,000)`);
  console.log(`  heap held by the loaded results ≈ ${heapMb.toFixed(1)} MB${global.gc ? '' : ' (run with --expose-gc for a steadier figure)'}`);
  console.log(`  building all tree-row texts: ${rowsMs.toFixed(1)} ms (${chars} chars); loadMore on a complete job: ${noopMs.toFixed(3)} ms`);
  await server.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
