// Plain-Node figures of `npm run bench` (no editor): paging overhead and memory per loaded result.
// 1. Paging overhead: raw node-fetch GET + JSON.parse vs client.getResults vs pager.loadFirst, per page,
//    interleaved round by round.
// 2. 100,000 loaded results (a ResultPager, pages of 1,000): time, retained heap per result (needs
//    --expose-gc: the heap is measured after a full GC before and after) next to the JSON size of the
//    same results, and the time to build every tree row's text.
// Run alone: `node --expose-gc out/test/bench/paging.js` (after `npm run compile-tests`); `npm run bench`
// calls these functions from run.ts.
import fetch from 'node-fetch';
import { LlamaCloudClient } from '../../src/api/client';
import { itemAccessibilityLabel, itemDescription, itemLabel } from '../../src/model/format';
import { ResultPager } from '../../src/model/pager';
import { buildDataset, JOB_IDS } from '../fake-server/datasets';
import { startFakeServer, type FakeServer } from '../fake-server/server';
import { LATENCY_MS, median, nowMs } from './common';

export interface PagingFigures {
  pageSize: number;
  rounds: number;
  rawMs: number;
  clientMs: number;
  pagerMs: number;
}

export interface LargeFigures {
  items: number;
  pages: number;
  /** Median over the repetitions. */
  loadMs: number;
  heapBytesPerItem: number;
  heapBytesPerItemSamples: number[];
  jsonBytesPerItem: number;
  rowTextsMs: number;
  noopLoadMoreMs: number;
  gcExposed: boolean;
}

const gc = (): void => {
  // Two passes: the first can leave weak/finalizable objects for the second.
  global.gc?.();
  global.gc?.();
};

function clientFor(server: FakeServer): LlamaCloudClient {
  return new LlamaCloudClient(() => ({ baseUrl: server.url, apiKey: server.apiKey, timeoutMs: 30_000, userAgent: 'bench' }));
}

/** Raw node-fetch vs the client vs the pager for one page of `pageSize` (the existing paging figures). */
export async function measurePaging(server: FakeServer, rounds: number, pageSize = 50): Promise<PagingFigures> {
  const client = clientFor(server);
  const url = `${server.url}/api/v1/classifier/jobs/${JOB_IDS.multiPage}/results?page_size=${pageSize}`;
  const headers = { Authorization: `Bearer ${server.apiKey}` };
  for (let i = 0; i < 5; i++) {
    JSON.parse(await (await fetch(url, { headers })).text());
    await client.getResults(JOB_IDS.multiPage, { pageSize });
  }
  const raw: number[] = [];
  const viaClient: number[] = [];
  const viaPager: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let t = nowMs();
    JSON.parse(await (await fetch(url, { headers })).text());
    raw.push(nowMs() - t);
    t = nowMs();
    await client.getResults(JOB_IDS.multiPage, { pageSize });
    viaClient.push(nowMs() - t);
    const pager = new ResultPager(JOB_IDS.multiPage, (token, signal) => client.getResults(JOB_IDS.multiPage, { pageToken: token, pageSize, signal }));
    t = nowMs();
    await pager.loadFirst();
    viaPager.push(nowMs() - t);
  }
  return { pageSize, rounds, rawMs: median(raw), clientMs: median(viaClient), pagerMs: median(viaPager) };
}

/** JSON bytes per result of the 100,000-result job, as the server serialises them (plus the separating comma). */
export function jsonBytesPerItemOfLargeJob(): number {
  const job = buildDataset().jobs.find((j) => j.id === JOB_IDS.large)!;
  let bytes = 0;
  for (let i = 0; i < job.count; i++) {bytes += Buffer.byteLength(JSON.stringify(job.row(i))) + 1;}
  return bytes / job.count;
}

interface LargeRep {
  items: number;
  pages: number;
  loadMs: number;
  heapBytesPerItem: number;
  rowTextsMs: number;
  noopLoadMoreMs: number;
}

/**
 * One fresh pager loaded to 100,000 results, measured and dropped inside this function: only numbers come
 * back. (A pager held in a local of the caller's loop stays reachable from the suspended async frame of the
 * next repetition and turns its heap figure into ~0.)
 */
async function largeRep(client: LlamaCloudClient): Promise<LargeRep> {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const big = new ResultPager(JOB_IDS.large, (token, signal) => client.getResults(JOB_IDS.large, { pageToken: token, pageSize: 1000, signal }));
  let t = nowMs();
  await big.loadFirst();
  for (let i = 0; i < 200 && big.hasMore; i++) {await big.loadMore();}
  const loadMs = nowMs() - t;
  gc();
  const heapBytesPerItem = (process.memoryUsage().heapUsed - heapBefore) / big.items.length;
  t = nowMs();
  let chars = 0;
  for (const item of big.items) {chars += itemLabel(item, undefined).length + itemDescription(item).length + itemAccessibilityLabel(item, undefined).length;}
  const rowTextsMs = nowMs() - t;
  if (chars === 0) {throw new Error('no row text built');}
  t = nowMs();
  await big.loadMore(); // complete: must be free
  const noopLoadMoreMs = nowMs() - t;
  const rep = { items: big.items.length, pages: big.pagesLoaded, loadMs, heapBytesPerItem, rowTextsMs, noopLoadMoreMs };
  big.dispose();
  return rep;
}

/** 100,000 results through a ResultPager: `reps` fresh pagers, the heap each retains measured after a full GC. */
export async function measureLarge(server: FakeServer, reps: number): Promise<LargeFigures> {
  const client = clientFor(server);
  const jsonBytesPerItem = jsonBytesPerItemOfLargeJob();
  const runs: LargeRep[] = [];
  for (let r = 0; r < reps; r++) {runs.push(await largeRep(client));}
  const last = runs[runs.length - 1];
  return {
    items: last.items,
    pages: last.pages,
    loadMs: median(runs.map((x) => x.loadMs)),
    heapBytesPerItem: median(runs.map((x) => x.heapBytesPerItem)),
    heapBytesPerItemSamples: runs.map((x) => Math.round(x.heapBytesPerItem)),
    jsonBytesPerItem,
    rowTextsMs: median(runs.map((x) => x.rowTextsMs)),
    noopLoadMoreMs: median(runs.map((x) => x.noopLoadMoreMs)),
    gcExposed: typeof global.gc === 'function',
  };
}

// Standalone: the figures this file has always printed.
if (require.main === module) {
  void (async () => {
    const server = await startFakeServer();
    server.fault({ delayMs: LATENCY_MS, times: Infinity });
    try {
      const p = await measurePaging(server, 60);
      console.log(`Paging overhead (page of ${p.pageSize}, median of ${p.rounds}, interleaved, +${LATENCY_MS} ms latency per request):`);
      console.log(`  raw node-fetch + JSON.parse   ${p.rawMs.toFixed(2)} ms`);
      console.log(`  client.getResults (validated) ${p.clientMs.toFixed(2)} ms  (+${(p.clientMs - p.rawMs).toFixed(2)} ms)`);
      console.log(`  pager.loadFirst               ${p.pagerMs.toFixed(2)} ms  (+${(p.pagerMs - p.rawMs).toFixed(2)} ms)`);
      const l = await measureLarge(server, 1);
      console.log(`100,000 results: ${l.items} loaded in ${l.pages} pages, ${l.loadMs.toFixed(0)} ms (${(l.loadMs / l.pages).toFixed(1)} ms/page of 1,000)`);
      console.log(`  heap per result ≈ ${l.heapBytesPerItem.toFixed(0)} B, JSON per result ${l.jsonBytesPerItem.toFixed(0)} B${l.gcExposed ? '' : ' (run with --expose-gc for a steadier figure)'}`);
      console.log(`  building all tree-row texts: ${l.rowTextsMs.toFixed(1)} ms; loadMore on a complete job: ${l.noopLoadMoreMs.toFixed(3)} ms`);
    } finally {
      await server.close();
    }
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
