// Export of 100,000 results (the fake server's large job, pages of 100): time and peak memory per
// format, each in a fresh Node process (RSS never shrinks, so a shared process would blur the peaks).
// "loadAll only" pages the same job without writing: what an export adds is the difference.
// Plain Node with the real parts (client over HTTP, pager, controller, file names, writers); no editor.
//   node --expose-gc out/test/bench/export.js      (after `npm run compile-tests`)
// Env: BENCH_EXPORT_LATENCY_MS (added per request; default 0: the extension's own cost). Prints figures, asserts nothing.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LlamaCloudClient } from '../../src/api/client';
import { parseFileClassification, parseResultsPage } from '../../src/api/parse';
import { exportJob } from '../../src/export/exportJob';
import type { ExportFormat } from '../../src/export/formats';
import { JobController } from '../../src/model/controller';
import { FileNameCache } from '../../src/model/fileNames';
import { JobList, type KeyValueStore } from '../../src/model/jobList';
import { ResultPager } from '../../src/model/pager';
import { buildDataset, JOB_IDS } from '../fake-server/datasets';
import { startFakeServer } from '../fake-server/server';
import { nowMs } from './common';

export const EXPORT_PAGE_SIZE = 100;
const MODES = ['loadAll only', 'json', 'jsonl', 'csv'] as const;
type Mode = (typeof MODES)[number];
const CHILD_TIMEOUT_MS = 10 * 60_000;

export interface ExportFigures {
  mode: Mode;
  results: number;
  seconds: number;
  peakRssMB: number;
  peakHeapMB: number;
  /** Heap before the run (after a full GC). */
  baseHeapMB: number;
  /** Heap after the run with the job's pager still holding its results (after a full GC). */
  heldHeapMB: number;
  /** After the pager is dropped (as the command does for a job that is not listed). */
  afterDropHeapMB: number;
  fileMB: number;
}

const MB = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const gc = () => {
  global.gc?.();
  global.gc?.();
};
const memoryStore = (): KeyValueStore => {
  const m = new Map<string, unknown>();
  return { get: <T>(k: string) => m.get(k) as T | undefined, update: async (k, v) => void m.set(k, v) };
};

/** One run, in this process (the child). */
async function runOne(mode: Mode, url: string, apiKey: string): Promise<ExportFigures> {
  const client = new LlamaCloudClient(() => ({ baseUrl: url, apiKey, timeoutMs: 60_000, userAgent: 'bench' }));
  const fileNames = new FileNameCache((ids) => client.getFiles(ids));
  const jobs = new JobList(memoryStore(), (id) => new ResultPager(id, (token, signal) => client.getResults(id, { pageToken: token, pageSize: EXPORT_PAGE_SIZE, signal })), (id) => client.getJob(id));
  const controller = new JobController(jobs, fileNames, { withViewProgress: (w) => w, log: { info() {}, warn() {}, error() {} }, authRejected() {} });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llcr-bench-export-'));
  const target = path.join(dir, `out.${mode === 'loadAll only' ? 'none' : mode}`);
  gc();
  const base = process.memoryUsage().heapUsed;
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 5);
  const t = nowMs();
  let results = 0;
  try {
    if (mode === 'loadAll only') {
      const out = await controller.loadAll(JOB_IDS.large, { limit: Number.POSITIVE_INFINITY, onProgress: sample });
      results = out.loaded;
    } else {
      const out = await exportJob({ controller, jobs, fileNames }, { jobId: JOB_IDS.large, format: mode as ExportFormat, target, signal: new AbortController().signal, onProgress: sample });
      if (out.outcome !== 'done') { throw new Error(`export ${out.outcome}`); }
      results = out.written;
    }
  } finally {
    clearInterval(timer);
  }
  const seconds = (nowMs() - t) / 1000;
  sample();
  gc();
  const held = process.memoryUsage().heapUsed;
  const fileBytes = fs.existsSync(target) ? fs.statSync(target).size : 0;
  await jobs.remove(JOB_IDS.large);
  gc();
  const afterDrop = process.memoryUsage().heapUsed;
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    mode,
    results,
    seconds: Math.round(seconds * 100) / 100,
    peakRssMB: MB(peakRss),
    peakHeapMB: MB(peakHeap),
    baseHeapMB: MB(base),
    heldHeapMB: MB(held),
    afterDropHeapMB: MB(afterDrop),
    fileMB: MB(fileBytes),
  };
}

function child(mode: Mode, url: string, apiKey: string): Promise<ExportFigures> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', __filename, '--child', mode, url, apiKey],
      { timeout: CHILD_TIMEOUT_MS, maxBuffer: 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) { return reject(new Error(`${mode}: ${err.message} ${stderr.slice(0, 500)}`)); }
        const line = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(line) as ExportFigures);
        } catch {
          reject(new Error(`${mode}: no figures in ${JSON.stringify(stdout.slice(0, 300))}`));
        }
      },
    );
  });
}

/** Every mode, one fresh process each, against one fake server started here. */
export async function measureExport(log: (line: string) => void = console.log, latencyMs = Number(process.env.BENCH_EXPORT_LATENCY_MS || 0)): Promise<ExportFigures[]> {
  const server = await startFakeServer();
  if (latencyMs > 0) { server.fault({ delayMs: latencyMs, times: Infinity }); }
  const out: ExportFigures[] = [];
  try {
    for (const mode of MODES) {
      log(`export bench: ${mode}, 100,000 results in pages of ${EXPORT_PAGE_SIZE}${latencyMs ? `, +${latencyMs} ms per request` : ''}`);
      out.push(await child(mode, server.url, server.apiKey));
    }
  } finally {
    await server.close();
  }
  return out;
}

/**
 * What keeping each result's raw object (for "as sent") costs: retained heap per result for the 100,000
 * results parsed with the side table (parseResultsPage) and without it. Needs --expose-gc.
 */
export function measureRawCost(): { withRaw: number; withoutRaw: number } {
  const job = buildDataset().jobs.find((j) => j.id === JOB_IDS.large)!;
  const perResult = (withRaw: boolean): number => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept: unknown[] = [];
    for (let page = 0; page < job.count / EXPORT_PAGE_SIZE; page++) {
      const rows = [];
      for (let i = page * EXPORT_PAGE_SIZE; i < (page + 1) * EXPORT_PAGE_SIZE; i++) { rows.push(job.row(i)); }
      const body = JSON.parse(JSON.stringify({ items: rows, next_page_token: null })) as { items: unknown[] };
      kept.push(...(withRaw ? parseResultsPage(body).items : body.items.map((x, i) => parseFileClassification(x, `items[${i}]`))));
    }
    gc();
    return Math.round((process.memoryUsage().heapUsed - before) / kept.length);
  };
  perResult(true); // warm-up
  return { withoutRaw: perResult(false), withRaw: perResult(true) };
}

export function exportTable(rows: ExportFigures[]): string[] {
  const head = ['mode', 'results', 'time s', 'peak RSS MB', 'peak heap MB', 'heap before', 'heap held after', 'after drop', 'file MB'];
  const body = rows.map((r) => [r.mode, r.results.toLocaleString('en-US'), r.seconds.toFixed(2), r.peakRssMB, r.peakHeapMB, r.baseHeapMB, r.heldHeapMB, r.afterDropHeapMB, r.fileMB].map(String));
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  return [head, w.map((n) => '-'.repeat(n)), ...body].map((cells) => cells.map((c, i) => c.padEnd(w[i])).join('  ').trimEnd());
}

if (require.main === module) {
  const [flag, mode, url, key] = process.argv.slice(2);
  if (flag === '--child') {
    runOne(mode as Mode, url, key).then(
      (f) => {
        console.log(JSON.stringify(f));
        process.exit(0);
      },
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  } else {
    measureExport().then(
      (rows) => {
        console.log(`\nExport of the 100,000-result job, pages of ${EXPORT_PAGE_SIZE} (each mode in a fresh process; ${os.cpus().length} cores, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}):`);
        for (const line of exportTable(rows)) { console.log(line); }
        const raw = measureRawCost();
        console.log(`Raw objects kept for "as sent": ${raw.withRaw} B per result retained with them, ${raw.withoutRaw} B without${global.gc ? '' : ' (run with --expose-gc)'}.`);
        process.exit(0);
      },
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  }
}
