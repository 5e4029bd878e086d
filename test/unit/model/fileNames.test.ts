import * as assert from 'assert';
import { FileNameCache } from '../../../src/model/fileNames';

describe('FileNameCache', () => {
  it('asks for each file ID once, in one batch, and survives a failing lookup', async () => {
    const calls: string[][] = [];
    let fail = true;
    const cache = new FileNameCache(async (ids) => {
      calls.push(ids);
      if (fail) { throw new Error('down'); }
      return new Map(ids.map((id) => [id, { id, name: `${id}.pdf`, file_type: null, file_size: null }]));
    });
    await cache.resolve(['a', 'b', null, 'a']);
    assert.strictEqual(cache.get('a'), undefined);
    fail = false;
    await cache.resolve(['a', 'c']);
    assert.deepStrictEqual(calls, [['a', 'b'], ['c']]);
    assert.strictEqual(cache.get('c'), 'c.pdf');
    cache.clear();
    await cache.resolve(['a']);
    assert.strictEqual(cache.get('a'), 'a.pdf');
  });
});

describe('FileNameCache generations', () => {
  it('a clear during a lookup drops that lookup’s answer: names of the old server never come back', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let server = 'old';
    const cache = new FileNameCache(async (ids) => {
      const from = server;
      if (from === 'old') { await gate; }
      return new Map(ids.map((id) => [id, { id, name: `${from}-${id}.pdf`, file_type: null, file_size: null }]));
    });
    let fired = 0;
    cache.onDidChange(() => fired++);
    const stale = cache.resolve(['a']);
    cache.clear();
    server = 'new';
    await cache.resolve(['a']);
    assert.strictEqual(cache.get('a'), 'new-a.pdf');
    release();
    await stale;
    assert.strictEqual(cache.get('a'), 'new-a.pdf', 'the old answer arrived late and was dropped');
    assert.strictEqual(fired, 1);
  });

  it('a failure of an old generation does not count as the current error', async () => {
    let fail!: (e: Error) => void;
    const cache = new FileNameCache(() => new Promise((_, reject) => (fail = reject)));
    const p = cache.resolve(['a']);
    cache.clear();
    fail(new Error('old'));
    await p;
    assert.strictEqual(cache.lastError, undefined);
  });
});

describe('FileNameCache events and errors', () => {
  it('fires only when a name arrived, remembers the current failure, and stops after dispose', async () => {
    let answer: 'none' | 'fail' | 'name' = 'none';
    const cache = new FileNameCache(async (ids) => {
      if (answer === 'fail') { throw new Error('down'); }
      return new Map(answer === 'name' ? ids.map((id) => [id, { id, name: `${id}.pdf`, file_type: null, file_size: null }] as const) : []);
    });
    let fired = 0;
    cache.onDidChange(() => fired++);
    await cache.resolve(['a']);
    assert.strictEqual(fired, 0, 'nothing found: no event');
    answer = 'fail';
    await cache.resolve(['b']);
    assert.match(String(cache.lastError), /down/);
    answer = 'name';
    await cache.resolve(['c']);
    assert.strictEqual(fired, 1);
    cache.dispose();
    await cache.resolve(['d']);
    assert.strictEqual(fired, 1, 'no event after dispose');
    assert.strictEqual(cache.get('d'), 'd.pdf');
    assert.strictEqual(cache.get(null), undefined);
  });
});

describe('FileNameCache.settled', () => {
  it('waits for a lookup another caller started (a second resolve of the same IDs returns at once)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const cache = new FileNameCache(async (ids) => {
      await gate;
      return new Map(ids.map((id) => [id, { id, name: `${id}.pdf`, file_type: null, file_size: null }]));
    });
    void cache.resolve(['a']);
    await cache.resolve(['a']);
    assert.strictEqual(cache.get('a'), undefined, 'the second resolve did not wait');
    let settled = false;
    const waiting = cache.settled().then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    assert.strictEqual(settled, false);
    release();
    await waiting;
    assert.strictEqual(cache.get('a'), 'a.pdf');
    await cache.settled(); // nothing running: resolves at once
  });
});
