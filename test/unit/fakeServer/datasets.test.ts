// The fake server's (and so the demo's) data agrees with itself: what a job's rules list is what its
// results use, read over real HTTP through the extension's client, as the editor reads it.
import * as assert from 'assert';
import { startFakeServer, type FakeServer } from '../../fake-server/server';
import { makeClient } from '../helpers';

describe('fake LlamaCloud data is consistent with itself', () => {
  let server: FakeServer;
  before(async () => {
    server = await startFakeServer(); // the one dataset, which the demo serves
  });
  after(async () => {
    await server.close();
  });

  it('every job lists as rules exactly the types its first 200 results use', async () => {
    const { client } = makeClient(server);
    const readable = server.jobs.filter((j) => j.count > 0 && !j.label.includes('403'));
    assert.ok(readable.length >= 4, `jobs with results: ${readable.map((j) => j.label).join(', ')}`);
    for (const j of readable) {
      // a job that finishes after a few status reads (the "finishing" job) serves its results once done
      let job = await client.getJob(j.id);
      for (let read = 0; read < 5 && job.status === 'PENDING'; read++) { job = await client.getJob(j.id); }
      const page = await client.getResults(j.id, { pageSize: 200 });
      const used = new Set(page.items.map((r) => r.result?.type).filter((t): t is string => typeof t === 'string'));
      assert.deepStrictEqual(new Set(job.rules.map((r) => r.type)), used, `${j.label} (${j.id})`);
      for (const rule of job.rules) { assert.ok(rule.description.length > 0, `${j.label}: ${rule.type} has a description`); }
    }
  });

  it('job labels describe, they do not name (jobs have no name in the API or the editor)', () => {
    for (const j of server.jobs) {
      assert.doesNotMatch(j.label, /batch|scan|^Receipts/i, j.label);
      if (j.count > 0) { assert.match(j.label, /result/, `${j.label} says how many results`); }
    }
  });
});
