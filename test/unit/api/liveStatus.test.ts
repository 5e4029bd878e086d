// The fake server's unfinished jobs (`statusAfterReads`), read through the real client over HTTP,
// and the status poller driving them to the end with the real JobList.
import * as assert from 'assert';
import { JobList } from '../../../src/model/jobList';
import { ResultPager } from '../../../src/model/pager';
import { StatusPoller, type PollClock } from '../../../src/model/poller';
import { JOB_IDS } from '../../fake-server/datasets';
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
});
