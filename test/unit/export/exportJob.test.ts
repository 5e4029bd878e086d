// exportJob over real HTTP against the fake server (client, pager, controller, file names: the real parts).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ExportError, exportJob, type ExportRequest } from '../../../src/export/exportJob';
import type { ExportFormat } from '../../../src/export/formats';
import { JobController } from '../../../src/model/controller';
import { FileNameCache } from '../../../src/model/fileNames';
import { JobList } from '../../../src/model/jobList';
import { ResultPager } from '../../../src/model/pager';
import { buildDataset, JOB_IDS } from '../../fake-server/datasets';
import { startFakeServer, type FakeServer } from '../../fake-server/server';
import { makeClient } from '../api/helpers';
import { MemoryStore } from '../model/memoryStore';
import { expectedCsvRows, expectedJsonItems, formulaJob, parseCsv } from './readBack';

const DATA = buildDataset();
const jobOf = (id: string) => DATA.jobs.find((j) => j.id === id)!;

function parts(server: FakeServer, pageSize: number) {
  const { client } = makeClient(server);
  const fileNames = new FileNameCache((ids) => client.getFiles(ids));
  const jobs = new JobList(
    new MemoryStore(),
    (id) => new ResultPager(id, (token, signal) => client.getResults(id, { pageToken: token, pageSize, signal })),
    (id) => client.getJob(id),
  );
  const controller = new JobController(jobs, fileNames, {
    withViewProgress: (work) => work,
    log: { info: () => {}, warn: () => {}, error: () => {} },
    authRejected: () => {},
  });
  return { controller, jobs, fileNames };
}

function readBack(format: ExportFormat, file: string): unknown[] {
  const text = fs.readFileSync(file, 'utf8');
  if (format === 'json') { return JSON.parse(text); }
  if (format === 'jsonl') { return text.split('\n').filter(Boolean).map((l) => JSON.parse(l)); }
  assert.ok(text.startsWith('\uFEFF'), 'CSV starts with a BOM');
  return parseCsv(text.slice(1)).slice(1);
}

describe('exportJob against the fake server', function () {
  this.timeout(20_000);
  let server: FakeServer;
  let dir: string;
  beforeEach(async () => {
    server = await startFakeServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llcr-export-'));
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = (p: ReturnType<typeof parts>, req: Partial<ExportRequest> & { format: ExportFormat }) =>
    exportJob(p, { jobId: JOB_IDS.multiPage, target: path.join(dir, `out.${req.format}`), signal: new AbortController().signal, ...req });

  for (const format of ['json', 'jsonl', 'csv'] as const) {
    it(`${format}: a 2,345-result job in pages of 400 reads back equal to what the API sent, plus known file names`, async () => {
      const p = parts(server, 400);
      const progress: string[] = [];
      const out = await run(p, { format, onProgress: (x) => progress.push(`${x.loaded}/${x.total}/${x.written}`) });
      assert.deepStrictEqual(out, { outcome: 'done', written: 2345, loaded: 2345, warning: undefined });
      const job = jobOf(JOB_IDS.multiPage);
      const expected = format === 'csv' ? expectedCsvRows(job, DATA.files) : expectedJsonItems(job, DATA.files);
      assert.deepStrictEqual(readBack(format, path.join(dir, `out.${format}`)), expected);
      assert.deepStrictEqual(progress, ['400/2345/400', '800/2345/800', '1200/2345/1200', '1600/2345/1600', '2000/2345/2000', '2345/2345/2345']);
      assert.deepStrictEqual(fs.readdirSync(dir), [`out.${format}`], 'no temporary file left');
    });
  }

  it('edge cases as sent: NaN and out-of-range confidences, nulls, missing fields, unknown names; CSV formula cells guarded', async () => {
    const p = parts(server, 4);
    const job = jobOf(JOB_IDS.edgeCases);
    await run(p, { format: 'jsonl', jobId: job.id });
    assert.deepStrictEqual(readBack('jsonl', path.join(dir, 'out.jsonl')), expectedJsonItems(job, DATA.files));
    await run(p, { format: 'csv', jobId: job.id });
    const rows = readBack('csv', path.join(dir, 'out.csv')) as string[][];
    assert.deepStrictEqual(rows, expectedCsvRows(job, DATA.files));
    assert.deepStrictEqual(rows.map((r) => r[5]), ['0.92', '0.31', '', '0.77', '0.64', '0.88', 'NaN', '1.7', '-0.2', '0.55']);
  });

  it('CSV: text a spreadsheet would run as a formula is guarded with a leading quote; commas, quotes and CRLF survive', async () => {
    const p = parts(server, 4);
    const job = formulaJob('f0000000-0000-4000-8000-00000000f001');
    server.addJob(job);
    await run(p, { format: 'csv', jobId: job.id });
    const rows = readBack('csv', path.join(dir, 'out.csv')) as string[][];
    assert.deepStrictEqual(rows, expectedCsvRows(job, DATA.files));
    assert.deepStrictEqual(rows.map((r) => r[4]), ["'=1+1", "'+SUM(A1:A9)", "'-2", "'@cmd", "'\t=tab", "'\r=cr", `'=HYPERLINK("http://evil","click, me")`, 'plain, "quoted"\r\nnext line', 'ok']);
    assert.strictEqual(rows[2][5], '-0.5', 'a number stays a number');
    assert.ok(rows.every((r) => r[8] === "'=NOW()"));
  });

  it('results loaded before the export are written once, in order, with the rest', async () => {
    const p = parts(server, 500);
    await p.controller.loadFirst(JOB_IDS.multiPage);
    await p.controller.loadMore(JOB_IDS.multiPage);
    const out = await run(p, { format: 'jsonl' });
    assert.strictEqual(out.outcome === 'done' && out.written, 2345);
    const ids = (readBack('jsonl', path.join(dir, 'out.jsonl')) as { id: string }[]).map((o) => o.id);
    assert.deepStrictEqual(ids, expectedJsonItems(jobOf(JOB_IDS.multiPage), DATA.files).map((o) => o.id));
  });

  it('a cancel midway leaves no file, and a file that was there stays as it was', async () => {
    const p = parts(server, 200);
    const target = path.join(dir, 'out.json');
    fs.writeFileSync(target, 'an earlier export');
    const abort = new AbortController();
    let sawTemp = false;
    const out = await run(p, {
      format: 'json',
      signal: abort.signal,
      onProgress: (x) => {
        sawTemp ||= fs.readdirSync(dir).some((f) => f.endsWith('.part'));
        if (x.loaded >= 600) { abort.abort(); }
      },
    });
    assert.deepStrictEqual(out, { outcome: 'cancelled' });
    assert.ok(sawTemp, 'pages were being written to a temporary file');
    assert.deepStrictEqual(fs.readdirSync(dir), ['out.json']);
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'an earlier export');
    assert.ok(p.jobs.pager(JOB_IDS.multiPage).items.length < 2345, 'paging stopped');
  });

  it('a page that fails midway: an ExportError naming the cause, and no file', async () => {
    const p = parts(server, 500);
    const out = run(p, {
      format: 'csv',
      onProgress: (x) => { if (x.loaded === 1000) { server.fault({ path: '/results', status: 404, times: Infinity }); } },
    });
    await assert.rejects(out, (err: Error) => err instanceof ExportError && /Couldn't load every result of job .* \(1,000 loaded\).*not found.*Nothing was written/is.test(err.message));
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  it('a folder that does not exist: an ExportError, nothing requested', async () => {
    const p = parts(server, 500);
    await assert.rejects(run(p, { format: 'csv', target: path.join(dir, 'nope', 'out.csv') }), (err: Error) => err instanceof ExportError && /folder does not exist/.test(err.message));
    assert.deepStrictEqual(server.requests.filter((r) => r.path.endsWith('/results')), []);
  });

  it('superseded: a reload of the job during the export, or its removal, ends it with no file', async () => {
    const p = parts(server, 500);
    await assert.rejects(
      run(p, { format: 'jsonl', onProgress: (x) => { if (x.loaded === 1000) { void p.controller.refreshJob(JOB_IDS.multiPage); } } }),
      /were reloaded during the export/,
    );
    assert.deepStrictEqual(fs.readdirSync(dir), []);
    const q = parts(server, 500);
    await assert.rejects(
      run(q, { format: 'jsonl', onProgress: (x) => { if (x.loaded === 500) { void q.jobs.remove(JOB_IDS.multiPage); } } }),
      /was removed during the export/,
    );
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  it('only the results `include` keeps (an active filter); progress still counts every loaded result', async () => {
    const p = parts(server, 1000);
    const last: number[] = [];
    const out = await run(p, { format: 'jsonl', include: (i, name) => i.result?.type === 'invoice' && name !== undefined, onProgress: (x) => last.splice(0, 2, x.loaded, x.written) });
    const expected = expectedJsonItems(jobOf(JOB_IDS.multiPage), DATA.files).filter((o) => (o.result as { type: unknown })?.type === 'invoice' && o.file_name);
    assert.ok(expected.length > 100 && expected.length < 2345);
    assert.deepStrictEqual(readBack('jsonl', path.join(dir, 'out.jsonl')), expected);
    assert.deepStrictEqual(out, { outcome: 'done', written: expected.length, loaded: 2345, warning: undefined });
    assert.deepStrictEqual(last, [2345, expected.length]);
  });

  it('a server that repeats its page token: the file holds what was sent once, and the outcome says paging stopped early', async () => {
    const p = parts(server, 100);
    server.setQuirks(JOB_IDS.multiPage, { repeatToken: true });
    const out = await run(p, { format: 'jsonl' });
    assert.strictEqual(out.outcome, 'done');
    assert.match((out as { warning?: string }).warning ?? '', /page token it had already sent/);
    assert.strictEqual(readBack('jsonl', path.join(dir, 'out.jsonl')).length, 200);
  });
});
