// Figures measured INSIDE the real extension host (code-server), against the fake LlamaCloud server in
// this same process with LATENCY_MS added to every request. Nothing here asserts on a timing: a step
// fails only when it could not measure (e.g. rows never arrived within the bound).
//   firstPage: `llamaClassify.openJob <id>` → the provider's getChildren(job) returns result rows, vs one
//              raw node-fetch GET + JSON.parse of the same page from the same server (interleaved).
//   loadMore:  `llamaClassify.loadMore <id>` → more result rows in getChildren, with llamaClassify.prefetch
//              true and false when the manifest declares that setting (else the default, noted).
//   loadAll:   openJob + controller.loadMore until !hasMore over 10,000 results in pages of 100, vs a raw
//              sequential node-fetch loop over the same pages (interleaved). The job is expanded in the
//              visible view, so the tree's own work is part of the figure, as for a person.
// Results: JSON to env BENCH_RESULT_FILE (HostFigures in ../common.ts).
import * as vscode from 'vscode';
import fetch from 'node-fetch';
import { EXTENSION_ID, REPO_ROOT } from '../../harness/paths';
import { JOB_IDS } from '../../fake-server/datasets';
import { setUpRig, type Rig } from '../../integration/helpers';
import { COUNT_10K, hasPrefetchSetting, JOB_10K, job10k, LATENCY_MS, nowMs, writeJson, type HostFigures } from '../common';

const QUICK = process.env.BENCH_QUICK === '1';
const REPS = QUICK ? { firstPage: 5, loadMore: 3, loadAll: 3 } : { firstPage: 15, loadMore: 9, loadAll: 5 };
const FIRST_PAGE_SIZE = 50; // the setting's default
const ALL_PAGE_SIZE = 100;

const figures: HostFigures = { errors: [] };
const config = () => vscode.workspace.getConfiguration('llamaClassify');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('bench: the real extension host', function () {
  let rig: Rig;

  /** Result rows the provider gives the view for the job right now (only once its pager was started). */
  const resultRows = (jobId: string): number => {
    if (!rig.s.jobs.existingPager(jobId)?.started) {return 0;} // never make getChildren start a load itself
    // Past 1,000 loaded results a job's rows are ranges: count the results inside them too.
    const rows = rig.s.tree.getChildren(rig.s.tree.jobNode(jobId)).flatMap((n) => (n.kind === 'range' ? rig.s.tree.getChildren(n) : [n]));
    return rows.filter((n) => n.kind === 'result').length;
  };

  /** Resolves with the time at which the job has at least `min` result rows (checked on every pager event and every ms). */
  const whenRows = (jobId: string, min: number, timeoutMs = 15_000): Promise<number> =>
    new Promise((resolve, reject) => {
      let done = false;
      const finish = (err?: Error) => {
        const t = nowMs();
        if (done) {return;}
        done = true;
        sub.dispose();
        clearInterval(poll);
        clearTimeout(timer);
        if (err) {reject(err);}
        else {resolve(t);}
      };
      const check = () => {
        if (!done && resultRows(jobId) >= min) {finish();}
      };
      const sub = rig.s.jobs.onDidChangePager((p) => p.jobId === jobId && check());
      const poll = setInterval(check, 1);
      const timer = setTimeout(() => finish(new Error(`job ${jobId}: fewer than ${min} result rows after ${timeoutMs} ms`)), timeoutMs);
      check();
    });

  /** Waits until the fake server has answered everything and nothing new arrived for `quietMs` (bounded). */
  const serverQuiet = async (quietMs = 150, timeoutMs = 10_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    let quietSince = Date.now();
    let seen = rig.server.requests.length;
    while (Date.now() < deadline) {
      const pending = rig.server.requests.some((r) => r.status === 0);
      if (pending || rig.server.requests.length !== seen) {
        seen = rig.server.requests.length;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= quietMs) {
        return;
      }
      await sleep(10);
    }
  };

  const removeJob = async (jobId: string) => {
    if (rig.s.jobs.get(jobId)) {await rig.s.jobs.remove(jobId);}
    await serverQuiet(50);
  };

  const rawGet = async (url: string): Promise<{ items: unknown[]; next_page_token?: string | null }> => {
    const res = await fetch(url, { headers: { Authorization: `Bearer ${rig.server.apiKey}` } });
    return JSON.parse(await res.text());
  };

  const resultsUrl = (jobId: string, pageSize: number, token?: string) =>
    `${rig.server.url}/api/v1/classifier/jobs/${jobId}/results?page_size=${pageSize}${token ? `&page_token=${encodeURIComponent(token)}` : ''}`;

  before(async function () {
    this.timeout(120_000);
    rig = await setUpRig();
    rig.server.addJob(job10k());
    rig.server.fault({ delayMs: LATENCY_MS, times: Infinity });
    figures.hostMarks = readHostMarks();
  });

  after(async function () {
    this.timeout(60_000);
    try {
      await config().update('prefetch', undefined, vscode.ConfigurationTarget.Global).then(undefined, () => undefined);
      await rig?.close();
    } finally {
      if (process.env.BENCH_RESULT_FILE) {writeJson(process.env.BENCH_RESULT_FILE, figures);}
    }
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') {figures.errors.push(`${this.currentTest.title}: ${this.currentTest.err?.message ?? 'failed'}`);}
  });

  it('firstPage: openJob → result rows in the tree data, vs one raw GET + JSON.parse', async () => {
    const f: NonNullable<HostFigures['firstPage']> = { extMs: [], rawMs: [], sendDelayMs: [], pageSize: FIRST_PAGE_SIZE };
    figures.firstPage = f;
    await config().update('pageSize', FIRST_PAGE_SIZE, vscode.ConfigurationTarget.Global);
    const jobId = JOB_IDS.multiPage;
    const ext = async () => {
      await removeJob(jobId);
      const wall0 = Date.now();
      const t0 = nowMs();
      const opened = vscode.commands.executeCommand('llamaClassify.openJob', jobId);
      const t1 = await whenRows(jobId, 1);
      await opened;
      // Diagnostic: how long after the command the results request reached the server (ms resolution).
      const sent = rig.server.requests.find((r) => r.at >= wall0 && r.path.endsWith('/results'));
      if (sent) {f.sendDelayMs.push(sent.at - wall0);}
      return t1 - t0;
    };
    const raw = async () => {
      await serverQuiet(50);
      const t0 = nowMs();
      const body = await rawGet(resultsUrl(jobId, FIRST_PAGE_SIZE));
      const t1 = nowMs();
      if (body.items.length !== FIRST_PAGE_SIZE) {throw new Error(`raw page had ${body.items.length} items`);}
      return t1 - t0;
    };
    for (let i = 0; i < 2; i++) {
      await ext();
      await raw();
    } // warm-up, not recorded
    await interleave(REPS.firstPage, raw, ext, f);
    await removeJob(jobId);
  });

  it('loadMore: Load more → more result rows in the tree data (prefetch on and off)', async () => {
    const prefetchSetting = hasPrefetchSetting(REPO_ROOT);
    const f: NonNullable<HostFigures['loadMore']> = { prefetchSetting, prefetchOn: [], prefetchOff: [], pageSize: FIRST_PAGE_SIZE };
    figures.loadMore = f;
    await config().update('pageSize', FIRST_PAGE_SIZE, vscode.ConfigurationTarget.Global);
    const jobId = JOB_IDS.multiPage;
    const once = async (prefetch: boolean | undefined) => {
      if (prefetchSetting) {await config().update('prefetch', prefetch, vscode.ConfigurationTarget.Global);}
      await removeJob(jobId);
      await vscode.commands.executeCommand('llamaClassify.openJob', jobId);
      const first = resultRows(jobId);
      if (first !== FIRST_PAGE_SIZE) {throw new Error(`first page showed ${first} rows`);}
      // Let what follows a shown page finish: status, file names and, with prefetch, the next page.
      await serverQuiet(200);
      const t0 = nowMs();
      const more = vscode.commands.executeCommand('llamaClassify.loadMore', jobId);
      const t1 = await whenRows(jobId, first + 1);
      await more;
      return t1 - t0;
    };
    await once(prefetchSetting ? true : undefined); // warm-up
    for (let i = 0; i < REPS.loadMore; i++) {
      if (!prefetchSetting) {
        f.prefetchOff.push(await once(undefined));
        continue;
      }
      for (const on of i % 2 ? [false, true] : [true, false]) {(on ? f.prefetchOn : f.prefetchOff).push(await once(on));}
    }
    if (prefetchSetting) {await config().update('prefetch', undefined, vscode.ConfigurationTarget.Global);}
    await removeJob(jobId);
  });

  it('loadAll: 10,000 results in pages of 100 through the controller vs a raw sequential loop', async () => {
    const f: NonNullable<HostFigures['loadAll']> = { extMs: [], rawMs: [], items: [], pageSize: ALL_PAGE_SIZE, prefetch: config().get('prefetch') };
    figures.loadAll = f;
    await config().update('pageSize', ALL_PAGE_SIZE, vscode.ConfigurationTarget.Global);
    const ext = async () => {
      await removeJob(JOB_10K);
      const t0 = nowMs();
      await vscode.commands.executeCommand('llamaClassify.openJob', JOB_10K);
      const pager = rig.s.jobs.pager(JOB_10K);
      for (let i = 0; i < 500 && pager.hasMore; i++) {await rig.s.controller.loadMore(JOB_10K);}
      const t1 = nowMs();
      f.items.push(pager.items.length);
      if (pager.items.length !== COUNT_10K) {throw new Error(`loaded ${pager.items.length} of ${COUNT_10K} (state ${pager.state}: ${pager.error?.message ?? ''})`);}
      return t1 - t0;
    };
    const raw = async () => {
      await serverQuiet(100);
      const t0 = nowMs();
      let token: string | undefined;
      let n = 0;
      for (let pages = 0; pages < 500; pages++) {
        const body = await rawGet(resultsUrl(JOB_10K, ALL_PAGE_SIZE, token));
        n += body.items.length;
        token = body.next_page_token || undefined;
        if (!token) {break;}
      }
      const t1 = nowMs();
      if (n !== COUNT_10K) {throw new Error(`raw loop got ${n} items`);}
      return t1 - t0;
    };
    await interleave(REPS.loadAll, raw, ext, f);
    await removeJob(JOB_10K);
  });
});

/**
 * The extension host's own performance marks around our extension (code/extHost/willLoadExtensionCode/…,
 * didLoadExtensionCode, willActivateExtension, didActivateExtension; ms resolution): a cross-check of the
 * Running Extensions figure that ui.ts reads. Here the extension was activated by `ext.activate()` in
 * setUpRig, in a host that also loaded the bench's own code.
 */
function readHostMarks(): NonNullable<HostFigures['hostMarks']> {
  const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks?: () => { name: string; startTime: number }[] } }).MonacoPerformanceMarks;
  const marks = perf?.getMarks?.() ?? [];
  const at = (what: string) => marks.find((m) => m.name === `code/extHost/${what}/${EXTENSION_ID}`)?.startTime;
  const [wl, dl, wa, da] = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'].map(at);
  if (wl === undefined || dl === undefined || wa === undefined || da === undefined) {
    return { note: `extension host perf marks not found (${marks.length} marks)` };
  }
  return { codeLoadMs: dl - wl, activateMs: da - wa, note: 'code/extHost/*ExtensionCode and *ActivateExtension marks (ms resolution)' };
}

/** `reps` rounds of raw and extension timings, alternating which goes first so neither is always warm. */
async function interleave(reps: number, raw: () => Promise<number>, ext: () => Promise<number>, into: { rawMs: number[]; extMs: number[] }): Promise<void> {
  for (let i = 0; i < reps; i++) {
    if (i % 2) {
      into.rawMs.push(await raw());
      into.extMs.push(await ext());
    } else {
      into.extMs.push(await ext());
      into.rawMs.push(await raw());
    }
  }
}
