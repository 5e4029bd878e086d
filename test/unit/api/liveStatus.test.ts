// The fake server's unfinished jobs (`statusAfterReads`), read through the real client over HTTP,
// and the status poller driving them to the end with the real JobList.
import * as assert from 'assert';
import { JobList } from '../../../src/model/jobList';
import { JobSource } from '../../../src/model/jobSource';
import { JobVersions } from '../../../src/model/jobVersions';
import { ResultPager } from '../../../src/model/pager';
import { StatusPoller, type PollClock } from '../../../src/model/poller';
import { JOB_IDS } from '../../fake-server/datasets';
import { V2_CONFIGS, V2_JOB_IDS } from '../../fake-server/datasetsV2';
import { startFakeServer, unfinishedStatus, type FakeServer } from '../../fake-server/server';
import { MemoryStore } from '../model/memoryStore';
import { makeClient } from './helpers';

describe('Fake server: jobs that finish after a few status reads', () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await startFakeServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('the finishing job reads PENDING twice, then SUCCESS; its results appear only then', async () => {
    const { client } = makeClient(server);
    const statuses: string[] = [];
    const counts: number[] = [];
    for (let i = 0; i < 4; i++) {
      counts.push((await client.getResults(JOB_IDS.finishing, {})).items.length);
      statuses.push((await client.getJob(JOB_IDS.finishing)).status);
    }
    assert.deepStrictEqual(statuses, ['PENDING', 'PENDING', 'SUCCESS', 'SUCCESS']);
    assert.deepStrictEqual(counts, [0, 0, 7, 7], 'no results until the second status read; results reads do not count');
    assert.strictEqual(server.statusReads(JOB_IDS.finishing), 4);
  });

  it('the quirk applies to any job, and the project list shows the unfinished status without counting a read', async () => {
    const { client } = makeClient(server);
    server.setQuirks(JOB_IDS.onePage, { statusAfterReads: 1 });
    const listed = (await client.listJobs({ pageSize: 100 })).items.find((j) => j.id === JOB_IDS.onePage);
    assert.strictEqual(listed?.status, 'PENDING');
    assert.strictEqual((await client.getJob(JOB_IDS.onePage)).status, 'PENDING');
    assert.strictEqual((await client.getJob(JOB_IDS.onePage)).status, 'SUCCESS');
    assert.strictEqual((await client.getResults(JOB_IDS.onePage, {})).items.length, 12);
  });

  it('v2 reads PENDING, then RUNNING, then done', () => {
    assert.deepStrictEqual([0, 1, 2, 3, 4].map((r) => unfinishedStatus(r, 4, 'v2')), ['PENDING', 'PENDING', 'RUNNING', 'RUNNING', undefined]);
    assert.deepStrictEqual([0, 1, 2].map((r) => unfinishedStatus(r, 2)), ['PENDING', 'PENDING', undefined]);
    assert.strictEqual(unfinishedStatus(0, undefined), undefined);
  });

  it('the finishing v2 job reads PENDING, PENDING, RUNNING, then COMPLETED with its result; the v2 list shows the unfinished status without counting a read', async () => {
    const { client } = makeClient(server);
    const listed = (await client.listV2Jobs({ configurationId: V2_CONFIGS.invoices, pageSize: 100 })).items.find((j) => j.id === V2_JOB_IDS.finishing);
    assert.strictEqual(listed?.status, 'PENDING');
    assert.strictEqual((await client.listV2Jobs({ status: 'COMPLETED', pageSize: 100 })).items.some((j) => j.id === V2_JOB_IDS.finishing), false, 'the status filter sees the unfinished status');
    const reads: [string, string | null | undefined][] = [];
    for (let i = 0; i < 5; i++) {
      const job = await client.getV2Job(V2_JOB_IDS.finishing);
      reads.push([job.status, job.result?.type]);
    }
    assert.deepStrictEqual(reads, [['PENDING', undefined], ['PENDING', undefined], ['RUNNING', undefined], ['COMPLETED', 'receipt'], ['COMPLETED', 'receipt']]);
    assert.strictEqual(server.statusReads(V2_JOB_IDS.finishing), 5, 'every v2 job read is a status read (the job and its result come together)');
  });

  it('the poller, over real HTTP, follows the job to its end and asks for its results once', async () => {
    const { client } = makeClient(server);
    // Virtual time: each timer runs when the test says so.
    let pending: (() => void) | undefined;
    const clock: PollClock = { now: () => 0, setTimeout: (fn) => (pending = fn), clearTimeout: () => (pending = undefined) };
    const jobs = new JobList(
      new MemoryStore(),
      (id) => new ResultPager(id, (token, signal) => client.getResults(id, { pageToken: token, signal })),
      (id) => client.getJob(id),
    );
    const finished: string[] = [];
    const poller = new StatusPoller(jobs, (id) => finished.push(id), clock);
    poller.setActive(true);
    await jobs.add(JOB_IDS.finishing);
    await jobs.refreshMeta(JOB_IDS.finishing); // what opening the job reads: PENDING
    assert.deepStrictEqual(poller.polled, [JOB_IDS.finishing]);
    for (let i = 0; i < 5 && finished.length === 0; i++) {
      const run = pending;
      pending = undefined;
      assert.ok(run, 'a check is scheduled while the job is unfinished');
      run();
      await new Promise((r) => setTimeout(r, 50));
      for (let j = 0; j < 40 && !pending && finished.length === 0; j++) { await new Promise((r) => setTimeout(r, 25)); }
    }
    assert.deepStrictEqual(finished, [JOB_IDS.finishing]);
    assert.strictEqual(jobs.get(JOB_IDS.finishing)?.meta?.status, 'SUCCESS');
    assert.strictEqual(server.statusReads(JOB_IDS.finishing), 3, 'one read to open, two checks');
    assert.strictEqual(pending, undefined, 'no check after the end');
    poller.dispose();
    jobs.dispose();
  });

  it('the poller follows a Classify v2 job (through JobSource) from PENDING over RUNNING to COMPLETED', async () => {
    const { client } = makeClient(server);
    let pending: (() => void) | undefined;
    const clock: PollClock = { now: () => 0, setTimeout: (fn) => (pending = fn), clearTimeout: () => (pending = undefined) };
    const source = new JobSource(client, new JobVersions(new MemoryStore()), () => 50);
    const jobs = new JobList(new MemoryStore(), (id) => new ResultPager(id, (token, signal) => source.fetchPage(id, token, signal)), (id) => source.fetchJob(id));
    const finished: string[] = [];
    const seen: string[] = [];
    jobs.onDidChange(() => { const s = jobs.get(V2_JOB_IDS.finishing)?.meta?.status; if (s && seen[seen.length - 1] !== s) { seen.push(s); } });
    const poller = new StatusPoller(jobs, (id) => finished.push(id), clock);
    poller.setActive(true);
    await jobs.add(V2_JOB_IDS.finishing);
    await jobs.pager(V2_JOB_IDS.finishing).loadFirst(); // read 0: PENDING, no rows yet
    assert.strictEqual(jobs.pager(V2_JOB_IDS.finishing).items.length, 0);
    await jobs.refreshMeta(V2_JOB_IDS.finishing); // read 1: PENDING
    assert.deepStrictEqual(poller.polled, [V2_JOB_IDS.finishing], 'a PENDING v2 job is polled');
    for (let i = 0; i < 5 && finished.length === 0; i++) {
      const run = pending;
      pending = undefined;
      assert.ok(run, 'a check is scheduled while the v2 job is PENDING or RUNNING');
      run();
      await new Promise((r) => setTimeout(r, 50));
      for (let j = 0; j < 40 && !pending && finished.length === 0; j++) { await new Promise((r) => setTimeout(r, 25)); }
    }
    assert.deepStrictEqual(seen, ['PENDING', 'RUNNING', 'COMPLETED']);
    assert.deepStrictEqual(finished, [V2_JOB_IDS.finishing], 'COMPLETED is final: the job ends once');
    assert.strictEqual(pending, undefined, 'no check after the end');
    await jobs.pager(V2_JOB_IDS.finishing).refresh();
    assert.strictEqual(jobs.pager(V2_JOB_IDS.finishing).items[0]?.result?.type, 'receipt');
    poller.dispose();
    jobs.dispose();
  });
});
