// `npm run bench` (= compile-tests + package + `node --expose-gc out/test/bench/run.js [--quick]`): every
// figure in ONE run, against the fake LlamaCloud server with LATENCY_MS (30 ms) added to every request,
// as medians of interleaved repetitions; prints a table with the goals and writes test-results/bench.json.
// A benchmark, not a test: nothing here asserts on a timing. Exit code 1 only when a figure could not be
// measured at all (a step crashed or timed out).
//
//   bundleBytes       dist/extension.js as packaged in the .vsix (the minified `node esbuild.js --production`)
//   activationMs      Running Extensions' "Activation: N ms" in fresh code-server windows (ui.ts says why)
//   firstPageRatio    openJob → rows in the provider's data, ÷ one raw node-fetch GET + JSON.parse (host suite)
//   loadAllRatio      raw sequential loop time ÷ extension time for 10,000 results in pages of 100 (host suite)
//   loadMoreMs        Load more → rows in the provider's data, with prefetch on / off (host suite)
//   heapBytesPerItem  retained heap per result at 100,000 results in a ResultPager (plain Node, --expose-gc)
//   jsonBytesPerItem  the same results' JSON
//   expand10kMs       click on the twistie of a job with 10,000 loaded results → its rows drawn (ui.ts)
//   paging            the figures test/bench/paging.ts always printed (raw vs client vs pager, 100,000 results)
//   query10kMs        10,000 loaded results filtered, sorted and regrouped (model/resultQuery.ts; test/bench/query.ts)
//   export            Export Results… of 100,000 results per format: time, peak RSS / heap (export.ts)
//
// Flags: --quick (fewer repetitions), --only=bundle,node,query,host,activation,expand,export (a subset, while iterating).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { closeAll } from '../e2e/fixture';
import { startFakeServer, type FakeServer } from '../fake-server/server';
import { REPO_ROOT, RESULTS_DIR, requireRuntime } from '../harness/paths';
import { job10k, LATENCY_MS, median, writeJson, type HostFigures } from './common';
import { runHostBench } from './hostRun';
import { measureLarge, measurePaging, type LargeFigures, type PagingFigures } from './paging';
import { measureQuery, type QueryFigures } from './query';
import { exportTable, measureExport, measureRawCost, type ExportFigures } from './export';
import { measureActivation, measureExpand10k, type ActivationFigures, type ExpandFigures } from './ui';
import { runMain } from '../harness/runMain';

const QUICK = process.argv.includes('--quick');
const PARTS = ['bundle', 'node', 'query', 'host', 'activation', 'expand', 'export'] as const;
type Part = (typeof PARTS)[number];
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const ONLY = new Set<Part>(onlyArg ? (onlyArg.split(',').filter((p) => (PARTS as readonly string[]).includes(p)) as Part[]) : PARTS);
const REPS = QUICK
  ? { pagingRounds: 20, heapReps: 1, activationWindows: 5, expandReps: 3 }
  : { pagingRounds: 60, heapReps: 3, activationWindows: 7, expandReps: 7 };

const VSIX = path.join(REPO_ROOT, 'llamacloud-classify-results.vsix');
const BUNDLE = path.join(REPO_ROOT, 'dist', 'extension.js');
const OUT_FILE = path.join(RESULTS_DIR, 'bench.json');
const HOST_FILE = path.join(RESULTS_DIR, 'bench-host.json');

const log = (line: string) => console.log(`[bench] ${line}`);

interface BenchJson {
  generatedAt: string;
  quick: boolean;
  latencyMsPerRequest: number;
  machine: { cpus: number; node: string; codeServer?: string; loadavg: number[] };
  bundleBytes: number | null;
  activationMs: number | null;
  firstPageRatio: number | null;
  loadAllRatio: number | null;
  loadMoreMs: { prefetchOn: number | null; prefetchOff: number | null; note?: string } | null;
  heapBytesPerItem: number | null;
  jsonBytesPerItem: number | null;
  expand10kMs: number | null;
  paging: (PagingFigures & { large?: LargeFigures }) | null;
  query10k: QueryFigures | null;
  details: Record<string, unknown>;
  errors: string[];
}

/** Uncompressed size of one entry of a zip (the .vsix) from its central directory. */
function zipEntrySize(zipFile: string, entry: string): number | undefined {
  const buf = fs.readFileSync(zipFile);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {return undefined;}
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries && buf.readUInt32LE(p) === 0x02014b50; n++) {
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (name === entry) {return size;}
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return undefined;
}

async function withServer<T>(fn: (server: FakeServer) => Promise<T>): Promise<T> {
  const server = await startFakeServer();
  server.addJob(job10k());
  server.fault({ delayMs: LATENCY_MS, times: Infinity });
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

async function main(): Promise<number> {
  const t0 = Date.now();
  const result: BenchJson = {
    generatedAt: new Date().toISOString(),
    quick: QUICK,
    latencyMsPerRequest: LATENCY_MS,
    machine: { cpus: os.cpus().length, node: process.version, loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    bundleBytes: null,
    activationMs: null,
    firstPageRatio: null,
    loadAllRatio: null,
    loadMoreMs: null,
    heapBytesPerItem: null,
    jsonBytesPerItem: null,
    expand10kMs: null,
    paging: null,
    query10k: null,
    details: {},
    errors: [],
  };
  const fail = (what: string, err: unknown) => {
    const msg = `${what}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
    result.errors.push(msg);
    console.error(`[bench] FAILED ${msg}`);
  };
  try {
    result.machine.codeServer = requireRuntime().codeServerVersion;
  } catch {
    /* reported by the parts that need it */
  }
  log(`${QUICK ? 'quick run' : 'full run'}; +${LATENCY_MS} ms per request; parts: ${[...ONLY].join(', ')}`);

  // 1. Bundle size: the extension.js inside the .vsix `npm run package` just built (vscode:prepublish =
  //    `node esbuild.js --production`), so a dev build left in dist/ by someone else cannot be measured by mistake.
  if (ONLY.has('bundle')) {
    try {
      const inVsix = fs.existsSync(VSIX) ? zipEntrySize(VSIX, 'extension/dist/extension.js') : undefined;
      const inDist = fs.existsSync(BUNDLE) ? fs.statSync(BUNDLE).size : undefined;
      result.bundleBytes = inVsix ?? inDist ?? null;
      result.details.bundle = { inVsix, inDist, source: inVsix !== undefined ? VSIX : BUNDLE };
      if (result.bundleBytes === null) {throw new Error(`neither ${VSIX} nor ${BUNDLE} exists: run npm run package`);}
      log(`bundle: ${result.bundleBytes} bytes`);
    } catch (err) {
      fail('bundleBytes', err);
    }
  }

  // 2. Plain Node: paging overhead (the existing figures) and memory at 100,000 results.
  if (ONLY.has('node')) {
    try {
      await withServer(async (server) => {
        log(`paging overhead: ${REPS.pagingRounds} interleaved rounds`);
        const paging = await measurePaging(server, REPS.pagingRounds);
        log(`100,000 results: ${REPS.heapReps} pager(s)${global.gc ? '' : ' (WITHOUT --expose-gc: heap figures are rough)'}`);
        const large = await measureLarge(server, REPS.heapReps);
        result.paging = { ...paging, large };
        result.heapBytesPerItem = Math.round(large.heapBytesPerItem);
        result.jsonBytesPerItem = Math.round(large.jsonBytesPerItem);
      });
    } catch (err) {
      fail('paging / heapBytesPerItem', err);
    }
  }

  // 2b. Plain Node: what Filter / Sort / Group cost on 10,000 loaded results (no request involved).
  if (ONLY.has('query')) {
    try {
      log('filter / sort / regroup: 10,000 results');
      result.query10k = measureQuery(QUICK ? 10 : 30);
    } catch (err) {
      fail('query10kMs', err);
    }
  }

  // 2c. Export of 100,000 results per format, each in a fresh process (test/bench/export.ts).
  if (ONLY.has('export')) {
    try {
      const rows: ExportFigures[] = await measureExport(log);
      result.details.export = { pageSize: 100, rows, rawObjectBytesPerResult: measureRawCost() };
    } catch (err) {
      fail('export', err);
    }
  }

  // 3. The real extension host (integration-style suite through the code-server shim).
  if (ONLY.has('host')) {
    try {
      log('extension host suite (test/bench/host) through test/harness/code-shim.mjs');
      // On this shared machine another `npm run compile-tests` can empty out/ under a running suite (it
      // starts with rm -rf out): then wait (bounded) for the compiled suite to be back and run it once more.
      const hostIndex = path.join(REPO_ROOT, 'out', 'test', 'bench', 'host', 'index.js');
      let code = 1;
      fs.rmSync(HOST_FILE, { force: true }); // a file from an earlier run must not count as this run's
      for (let attempt = 1; attempt <= 2 && !fs.existsSync(HOST_FILE); attempt++) {
        for (let waited = 0; !fs.existsSync(hostIndex) && waited < 120; waited++) {await new Promise((r) => setTimeout(r, 1000));}
        if (attempt > 1) {log('the host suite gave no figures (out/ rebuilt meanwhile?): running it again');}
        code = await runHostBench({ quick: QUICK, resultFile: HOST_FILE });
      }
      if (!fs.existsSync(HOST_FILE)) {throw new Error(`the host suite wrote no ${HOST_FILE} (exit ${code})`);}
      const host = JSON.parse(fs.readFileSync(HOST_FILE, 'utf8')) as HostFigures;
      result.details.host = host;
      for (const e of host.errors) {fail('host suite', e);}
      if (host.firstPage?.extMs.length && host.firstPage.rawMs.length) {
        const ext = median(host.firstPage.extMs);
        const raw = median(host.firstPage.rawMs);
        result.firstPageRatio = round(ext / raw, 3);
        result.details.firstPage = {
          extMs: round(ext, 2),
          rawMs: round(raw, 2),
          reps: host.firstPage.extMs.length,
          pageSize: host.firstPage.pageSize,
          requestSentAfterMs: host.firstPage.sendDelayMs.length ? median(host.firstPage.sendDelayMs) : null,
        };
      }
      if (host.loadAll?.extMs.length && host.loadAll.rawMs.length) {
        const ext = median(host.loadAll.extMs);
        const raw = median(host.loadAll.rawMs);
        result.loadAllRatio = round(raw / ext, 3); // throughput ratio: (items/ext) ÷ (items/raw)
        result.details.loadAll = { extMs: round(ext, 1), rawMs: round(raw, 1), reps: host.loadAll.extMs.length, pageSize: host.loadAll.pageSize, prefetch: host.loadAll.prefetch };
      }
      if (host.loadMore && (host.loadMore.prefetchOn.length || host.loadMore.prefetchOff.length)) {
        const lm = host.loadMore;
        result.loadMoreMs = {
          prefetchOn: lm.prefetchOn.length ? round(median(lm.prefetchOn), 2) : null,
          prefetchOff: lm.prefetchOff.length ? round(median(lm.prefetchOff), 2) : null,
          ...(lm.prefetchSetting ? {} : { note: 'llamaClassify.prefetch is not in package.json yet: measured with the default behaviour only (prefetchOff)' }),
        };
        result.details.loadMore = { reps: Math.max(lm.prefetchOn.length, lm.prefetchOff.length), pageSize: lm.pageSize };
      }
      if (code !== 0 && host.errors.length === 0) {fail('host suite', `exit ${code}`);}
    } catch (err) {
      fail('host suite', err);
    }
  }

  // 4. The real editor with the packaged .vsix: activation in fresh windows, then expanding 10,000 rows.
  if (ONLY.has('activation') || ONLY.has('expand')) {
    try {
      if (!fs.existsSync(VSIX)) {throw new Error(`${VSIX} not found: run npm run package`);}
      await withServer(async (server) => {
        if (ONLY.has('activation')) {
          try {
            log(`activation: ${REPS.activationWindows} fresh code-server windows, Developer: Show Running Extensions`);
            const a: ActivationFigures = await measureActivation(VSIX, REPS.activationWindows, server, log);
            result.activationMs = a.samples.length ? median(a.samples) : null;
            result.details.activation = a;
            if (a.samples.length < REPS.activationWindows) {
              fail('activationMs', `only ${a.samples.length} of ${REPS.activationWindows} windows gave a figure: ${a.failures.join(' | ')}`);
            }
          } catch (err) {
            fail('activationMs', err);
          }
        }
        if (ONLY.has('expand')) {
          try {
            log(`expand10k: load 10,000 results in the view, then ${REPS.expandReps} collapse/expand rounds`);
            const e: ExpandFigures = await measureExpand10k(VSIX, server, REPS.expandReps, log);
            result.expand10kMs = round(median(e.samples), 1);
            result.details.expand10k = {
              ...e,
              samples: e.samples.map((x) => round(x, 1)),
              domSamples: e.domSamples.map((x) => round(x, 1)),
              afterRefreshSamples: e.afterRefreshSamples.map((x) => round(x, 1)),
              afterRefreshMs: e.afterRefreshSamples.length ? round(median(e.afterRefreshSamples), 1) : null,
            };
          } catch (err) {
            fail('expand10kMs', err);
          }
        }
      });
    } catch (err) {
      fail('editor figures', err);
    } finally {
      await closeAll();
    }
  }

  result.details.totalSeconds = Math.round((Date.now() - t0) / 1000);
  writeJson(OUT_FILE, result);
  printTable(result);
  console.log(`\nWrote ${path.relative(process.cwd(), OUT_FILE)} (${result.details.totalSeconds} s).`);
  return result.errors.length > 0 ? 1 : 0;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const fmt = (x: number, digits = 0) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

interface Row {
  name: string;
  value: string;
  goal: string;
  met: string;
}

function printTable(r: BenchJson): void {
  const rows: Row[] = [];
  const verdict = (v: number | null | undefined, ok: (v: number) => boolean) => (v === null || v === undefined || Number.isNaN(v) ? 'n/a' : ok(v) ? 'yes' : 'NO');
  const na = 'n/a (not measured)';
  const d = r.details as Record<string, Record<string, number> | undefined>;

  const KB80 = 80 * 1024;
  rows.push({
    name: 'bundleBytes',
    value: r.bundleBytes === null ? na : `${fmt(r.bundleBytes)} B (${fmt(r.bundleBytes / 1024, 1)} KB)`,
    goal: '≤ 80 KB (81,920 B)',
    met: verdict(r.bundleBytes, (v) => v <= KB80),
  });
  const act = r.details.activation as ActivationFigures | undefined;
  rows.push({
    name: 'activationMs',
    value: r.activationMs === null ? na : `${fmt(r.activationMs, 1)} ms (median of ${act?.samples.length} windows: ${act?.samples.join(', ')})`,
    goal: '≤ 15 ms',
    met: verdict(r.activationMs, (v) => v <= 15),
  });
  const marks = (r.details.host as HostFigures | undefined)?.hostMarks;
  if (marks?.codeLoadMs !== undefined) {
    rows.push({
      name: 'activation (host perf marks)',
      value: `code load ${marks.codeLoadMs} ms + activate ${marks.activateMs} ms (one window, cross-check)`,
      goal: '',
      met: '',
    });
  }
  rows.push({
    name: 'firstPageRatio',
    value:
      r.firstPageRatio === null
        ? na
        : `${fmt(r.firstPageRatio, 2)} (${fmt(d.firstPage?.extMs ?? NaN, 1)} ms ÷ raw ${fmt(d.firstPage?.rawMs ?? NaN, 1)} ms; request sent after ${fmt(d.firstPage?.requestSentAfterMs ?? NaN, 0)} ms)`,
    goal: '≤ 1.10',
    met: verdict(r.firstPageRatio, (v) => v <= 1.1),
  });
  rows.push({
    name: 'loadAllRatio',
    value: r.loadAllRatio === null ? na : `${fmt(r.loadAllRatio, 2)} (raw ${fmt((d.loadAll?.rawMs ?? NaN) / 1000, 2)} s ÷ ext ${fmt((d.loadAll?.extMs ?? NaN) / 1000, 2)} s)`,
    goal: '≥ 0.95',
    met: verdict(r.loadAllRatio, (v) => v >= 0.95),
  });
  const lm = r.loadMoreMs;
  rows.push({
    name: 'loadMoreMs (prefetch on)',
    value: lm?.prefetchOn === null || lm?.prefetchOn === undefined ? (lm?.note ? 'n/a (no prefetch setting)' : na) : `${fmt(lm.prefetchOn, 1)} ms`,
    goal: '≤ 20 ms',
    met: verdict(lm?.prefetchOn, (v) => v <= 20),
  });
  rows.push({
    name: 'loadMoreMs (prefetch off)',
    value: lm?.prefetchOff === null || lm?.prefetchOff === undefined ? na : `${fmt(lm.prefetchOff, 1)} ms`,
    goal: '(reference)',
    met: '',
  });
  const heapGoal = r.jsonBytesPerItem === null ? null : 2 * r.jsonBytesPerItem;
  rows.push({
    name: 'heapBytesPerItem',
    value: r.heapBytesPerItem === null ? na : `${fmt(r.heapBytesPerItem)} B${r.jsonBytesPerItem ? ` (${fmt(r.heapBytesPerItem / r.jsonBytesPerItem, 2)}× the JSON)` : ''}`,
    goal: heapGoal === null ? '≤ 2× JSON' : `≤ 2× JSON (${fmt(heapGoal)} B)`,
    met: heapGoal === null ? 'n/a' : verdict(r.heapBytesPerItem, (v) => v <= heapGoal),
  });
  rows.push({ name: 'jsonBytesPerItem', value: r.jsonBytesPerItem === null ? na : `${fmt(r.jsonBytesPerItem)} B`, goal: '', met: '' });
  rows.push({
    name: 'expand10kMs',
    value: r.expand10kMs === null ? na : `${fmt(r.expand10kMs, 0)} ms`,
    goal: '≤ 1,000 ms',
    met: verdict(r.expand10kMs, (v) => v <= 1000),
  });
  const ex = r.details.expand10k as { afterRefreshMs?: number | null } | undefined;
  rows.push({
    name: 'expand10kMs (after refresh)',
    value: ex?.afterRefreshMs === null || ex?.afterRefreshMs === undefined ? na : `${fmt(ex.afterRefreshMs, 0)} ms (children fetched again)`,
    goal: '≤ 1,000 ms',
    met: verdict(ex?.afterRefreshMs, (v) => v <= 1000),
  });
  const q = r.query10k;
  rows.push({
    name: 'query10kMs (filter+sort+group)',
    value: q ? `${fmt(q.allMs, 1)} ms` : na,
    goal: '≪ 100 ms',
    met: verdict(q?.allMs, (v) => v < 100),
  });
  if (q) {
    rows.push({ name: 'query10k: filter (2 types, < 60%)', value: `${fmt(q.filterMs, 1)} ms`, goal: '≪ 100 ms', met: verdict(q.filterMs, (v) => v < 100) });
    rows.push({ name: 'query10k: sort by confidence', value: `${fmt(q.sortConfidenceMs, 1)} ms`, goal: '≪ 100 ms', met: verdict(q.sortConfidenceMs, (v) => v < 100) });
    rows.push({ name: 'query10k: sort by file name', value: `${fmt(q.sortNameMs, 1)} ms`, goal: '≪ 100 ms', met: verdict(q.sortNameMs, (v) => v < 100) });
    rows.push({ name: 'query10k: group by type', value: `${fmt(q.groupMs, 1)} ms`, goal: '≪ 100 ms', met: verdict(q.groupMs, (v) => v < 100) });
  }
  const p = r.paging;
  if (p) {
    rows.push({ name: `paging: raw GET + parse (${p.pageSize})`, value: `${fmt(p.rawMs, 2)} ms`, goal: '', met: '' });
    rows.push({ name: 'paging: client.getResults', value: `${fmt(p.clientMs, 2)} ms (+${fmt(p.clientMs - p.rawMs, 2)} ms)`, goal: '', met: '' });
    rows.push({ name: 'paging: pager.loadFirst', value: `${fmt(p.pagerMs, 2)} ms (+${fmt(p.pagerMs - p.rawMs, 2)} ms)`, goal: '', met: '' });
    const l = p.large;
    if (l) {
      rows.push({ name: '100,000 results: load', value: `${fmt(l.loadMs)} ms, ${l.pages} pages (${fmt(l.loadMs / l.pages, 1)} ms/page of 1,000)`, goal: '', met: '' });
      rows.push({ name: '100,000 results: row texts', value: `${fmt(l.rowTextsMs, 1)} ms`, goal: '', met: '' });
      rows.push({ name: 'loadMore on a complete job', value: `${fmt(l.noopLoadMoreMs, 3)} ms`, goal: '', met: '' });
    }
  }
  const w = { name: Math.max(...rows.map((x) => x.name.length), 6), value: Math.max(...rows.map((x) => x.value.length), 5), goal: Math.max(...rows.map((x) => x.goal.length), 4) };
  const line = (a: string, b: string, c: string, e: string) => `${a.padEnd(w.name)}  ${b.padEnd(w.value)}  ${c.padEnd(w.goal)}  ${e}`.trimEnd();
  console.log('');
  console.log(`Benchmark (${r.quick ? 'quick' : 'full'}; fake server +${r.latencyMsPerRequest} ms per request; ${r.machine.cpus} cores, load ${r.machine.loadavg.join(' ')})`);
  console.log(line('figure', 'value', 'goal', 'met'));
  console.log(line('-'.repeat(w.name), '-'.repeat(w.value), '-'.repeat(w.goal), '---'));
  for (const x of rows) {console.log(line(x.name, x.value, x.goal, x.met));}
  if (r.loadMoreMs?.note) {console.log(`note: ${r.loadMoreMs.note}`);}
  const exp = r.details.export as { rows: ExportFigures[]; rawObjectBytesPerResult: { withRaw: number; withoutRaw: number } } | undefined;
  if (exp) {
    console.log('\nExport of 100,000 results, pages of 100, no added latency (each mode in a fresh process; heap in MB):');
    for (const line of exportTable(exp.rows)) {console.log(line);}
    console.log(`raw objects kept for "as sent": ${exp.rawObjectBytesPerResult.withRaw} B per result retained, ${exp.rawObjectBytesPerResult.withoutRaw} B without`);
  }
  if (r.errors.length) {
    console.log('errors:');
    for (const e of r.errors) {console.log(`  ${e}`);}
  }
}

runMain(main, closeAll);
