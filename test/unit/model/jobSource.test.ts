// Version detection and v2 adaptation with the real client over HTTP against the fake server.
import * as assert from 'assert';
import { JobSource } from '../../../src/model/jobSource';
import { JobVersions, MAX_REMEMBERED_LISTS, MAX_REMEMBERED_VERSIONS } from '../../../src/model/jobVersions';
import { ResultPager } from '../../../src/model/pager';
import { v2ListKey } from '../../../src/model/v2';
import { JOB_IDS } from '../../fake-server/datasets';
import { V2_ARCHIVE_COUNT, V2_CONFIGS, V2_JOB_IDS } from '../../fake-server/datasetsV2';
import { startFakeServer, V2_LIST_QUIRKS, type FakeServer } from '../../fake-server/server';
import { apiRequests, makeClient, rejection } from '../helpers';
import { MemoryStore } from './memoryStore';

const signal = () => new AbortController().signal;

describe('JobSource: which API a job ID is read from', () => {
  let server: FakeServer;
  let store: MemoryStore;
  let versions: JobVersions;
  let source: JobSource;
  let pageSize = 50;
  const paths = () => server.requests.map((r) => r.path);
  beforeEach(async () => {
    server = await startFakeServer();
    store = new MemoryStore();
    versions = new JobVersions(store);
    pageSize = 50;
    source = new JobSource(makeClient(server).client, versions, () => pageSize);
  });
  afterEach(async () => {
    await server.close();
  });

  it('a prefixed v2 ID goes straight to GET /api/v2/classify/{id}: one request, one item labelled by its document', async () => {
    const page = await source.fetchPage(V2_JOB_IDS.invoice, undefined, signal());
    assert.deepStrictEqual(paths(), [`/api/v2/classify/${V2_JOB_IDS.invoice}`]);
    assert.strictEqual(page.items.length, 1);
    const [item] = page.items;
    assert.strictEqual(item.id, V2_JOB_IDS.invoice);
    assert.strictEqual(item.classify_job_id, V2_JOB_IDS.invoice);
    assert.match(item.file_id ?? '', /^dfl-/);
    assert.strictEqual(item.result?.type, 'invoice');
    assert.strictEqual(item.v2?.status, 'COMPLETED');
    assert.strictEqual(item.v2?.rules.length, 3);
    assert.strictEqual(page.next_page_token, null);
  });

  it('a bare UUID of a v1 job reads v1 results and is remembered as v1 (persisted)', async () => {
    const page = await source.fetchPage(JOB_IDS.onePage, undefined, signal());
    assert.strictEqual(page.items.length, 12);
    assert.strictEqual(versions.get(JOB_IDS.onePage), 'v1');
    assert.strictEqual(new JobVersions(store).get(JOB_IDS.onePage), 'v1', 'kept across a reload');
    assert.ok(paths().every((p) => p.startsWith('/api/v1/')));
  });

  it('a bare UUID that v1 does not know (404) falls back to v2, is remembered, and is never probed on v1 again', async () => {
    const page = await source.fetchPage(V2_JOB_IDS.bareUuid, undefined, signal());
    assert.deepStrictEqual(paths(), [`/api/v1/classifier/jobs/${V2_JOB_IDS.bareUuid}/results`, `/api/v2/classify/${V2_JOB_IDS.bareUuid}`]);
    assert.strictEqual(page.items[0].result?.type, 'contract');
    assert.strictEqual(new JobVersions(store).get(V2_JOB_IDS.bareUuid), 'v2');
    server.requests.length = 0;
    const meta = await source.fetchJob(V2_JOB_IDS.bareUuid);
    assert.strictEqual(meta.status, 'COMPLETED');
    assert.deepStrictEqual(paths(), [`/api/v2/classify/${V2_JOB_IDS.bareUuid}`]);
  });

  it('an ID neither API knows is one clear not-found error naming both; nothing is remembered', async () => {
    const err = await rejection(() => source.fetchPage('00000000-0000-4000-8000-000000000000', undefined, signal()));
    assert.strictEqual(err.kind, 'notFound');
    assert.match(err.message, /neither as a v1 job nor as a Classify v2 job/);
    assert.strictEqual(versions.get('00000000-0000-4000-8000-000000000000'), undefined);
  });

  it('only a 404 falls back: a v1 server error is reported as it is, without asking v2', async () => {
    server.fault({ path: '/api/v1/', status: 500, times: 10 });
    const err = await rejection(() => source.fetchPage(V2_JOB_IDS.bareUuid, undefined, signal()));
    assert.strictEqual(err.kind, 'server');
    assert.strictEqual(apiRequests(server, '/api/v2/').length, 0);
    assert.strictEqual(versions.get(V2_JOB_IDS.bareUuid), undefined);
  });

  it('a pending or running v2 job has no item yet; a failed one has its item with the error (status in meta too)', async () => {
    assert.deepStrictEqual((await source.fetchPage(V2_JOB_IDS.pending, undefined, signal())).items, []);
    assert.deepStrictEqual((await source.fetchPage(V2_JOB_IDS.running, undefined, signal())).items, []);
    const failed = (await source.fetchPage(V2_JOB_IDS.failed, undefined, signal())).items[0];
    assert.strictEqual(failed.result, null);
    assert.match(failed.v2?.error_message ?? '', /password protected/);
    const meta = await source.fetchJob(V2_JOB_IDS.failed);
    assert.strictEqual(meta.status, 'FAILED');
    assert.match(meta.error_message ?? '', /password protected/);
    assert.strictEqual((await source.fetchJob(V2_JOB_IDS.pending)).status, 'PENDING');
  });

  it('a browsed list pages through GET /api/v2/classify with the SAME pager to the end (page_size capped at 100)', async () => {
    pageSize = 500;
    const key = await versions.rememberList({ configurationId: V2_CONFIGS.archive });
    const pager = new ResultPager(key, (token, s) => source.fetchPage(key, token, s));
    await pager.loadFirst();
    assert.strictEqual(pager.items.length, 100);
    assert.ok(pager.hasMore);
    await pager.loadMore();
    assert.strictEqual(pager.items.length, V2_ARCHIVE_COUNT);
    assert.strictEqual(pager.state, 'complete');
    const reqs = apiRequests(server, '/api/v2/classify');
    assert.deepStrictEqual(reqs.map((r) => r.query.page_size), ['100', '100']);
    assert.ok(reqs.every((r) => r.query.configuration_id === V2_CONFIGS.archive));
    assert.ok(pager.items.every((i) => i.v2 && i.id === i.classify_job_id));
  });

  it('the list keeps the pager’s loop guard and dedupe: a repeated token ends paging, repeated jobs show once', async () => {
    const key = await versions.rememberList({ configurationId: V2_CONFIGS.archive });
    server.setQuirks(V2_LIST_QUIRKS, { repeatToken: true });
    const looping = new ResultPager(key, (token, s) => source.fetchPage(key, token, s));
    await looping.loadFirst();
    for (let i = 0; i < 5 && looping.hasMore; i++) { await looping.loadMore(); }
    assert.ok(looping.stoppedEarly, 'the loop guard stopped it');
    server.setQuirks(V2_LIST_QUIRKS, { duplicateAcrossPages: 3 });
    const dup = new ResultPager(key, (token, s) => source.fetchPage(key, token, s));
    await dup.loadFirst();
    for (let i = 0; i < 10 && dup.hasMore; i++) { await dup.loadMore(); }
    assert.strictEqual(dup.items.length, V2_ARCHIVE_COUNT);
    assert.ok(dup.duplicatesDropped > 0);
  });

  it('a list whose filters are forgotten says what to do instead of sending a request', async () => {
    const err = await rejection(() => source.fetchPage(v2ListKey({ status: 'FAILED' }), undefined, signal()));
    assert.strictEqual(err.kind, 'config');
    assert.match(err.message, /Browse Classify v2 Jobs/);
    assert.strictEqual(server.requests.length, 0);
  });
});

describe('JobVersions', () => {
  it('persists versions and lists, recomputes list keys, drops malformed state and stays bounded', async () => {
    const store = new MemoryStore();
    store.data.set('llamaClassify.jobVersions', { a: 'v1', b: 'v3', c: 2 });
    store.data.set('llamaClassify.v2Lists', { 'v2list-forged': { status: 'FAILED', extra: 1 }, other: 'x' });
    const v = new JobVersions(store);
    assert.strictEqual(v.get('a'), 'v1');
    assert.strictEqual(v.get('b'), undefined);
    assert.strictEqual(v.list('v2list-forged'), undefined, 'a key is always recomputed from the filters');
    assert.deepStrictEqual(v.list(v2ListKey({ status: 'FAILED' })), { status: 'FAILED' });
    for (let i = 0; i < MAX_REMEMBERED_VERSIONS + 5; i++) { await v.remember(`id-${i}`, 'v2'); }
    const reloaded = new JobVersions(store);
    assert.strictEqual(reloaded.get('id-0'), undefined, 'the oldest are forgotten first');
    assert.strictEqual(reloaded.get(`id-${MAX_REMEMBERED_VERSIONS + 4}`), 'v2');
    for (let i = 0; i < MAX_REMEMBERED_LISTS + 3; i++) { await v.rememberList({ configurationId: `cfg-${i}` }); }
    assert.strictEqual(new JobVersions(store).list(v2ListKey({ configurationId: 'cfg-0' })), undefined);
    assert.ok(new JobVersions(store).list(v2ListKey({ configurationId: `cfg-${MAX_REMEMBERED_LISTS + 2}` })));
  });
});
