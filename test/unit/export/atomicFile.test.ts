import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AtomicFile } from '../../../src/export/atomicFile';

describe('AtomicFile: a temporary name, renamed at the end', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llcr-atomic-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes beside the target under a .part name; the target appears only on commit', async () => {
    const target = path.join(dir, 'out.csv');
    const f = await AtomicFile.create(target);
    assert.strictEqual(path.dirname(f.tempPath), dir, 'same folder: the rename cannot cross disks');
    assert.match(path.basename(f.tempPath), /^\.out\.csv\.[0-9a-f]{8}\.part$/);
    await f.write('héllo, ');
    await f.write('');
    await f.write('wörld');
    assert.ok(!fs.existsSync(target), 'no target before commit');
    assert.strictEqual(fs.readFileSync(f.tempPath, 'utf8'), 'héllo, wörld');
    await f.commit();
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'héllo, wörld');
    assert.deepStrictEqual(fs.readdirSync(dir), ['out.csv']);
  });

  it('discard deletes the temporary file and leaves a file that was there untouched', async () => {
    const target = path.join(dir, 'out.json');
    fs.writeFileSync(target, 'the old export');
    const f = await AtomicFile.create(target);
    await f.write('[{"half":');
    await f.discard();
    await f.discard(); // twice is harmless
    assert.deepStrictEqual(fs.readdirSync(dir), ['out.json']);
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'the old export');
  });

  it('commit replaces a file that was there', async () => {
    const target = path.join(dir, 'out.jsonl');
    fs.writeFileSync(target, 'old');
    const f = await AtomicFile.create(target);
    await f.write('new\n');
    await f.commit();
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'new\n');
    assert.deepStrictEqual(fs.readdirSync(dir), ['out.jsonl']);
  });

  it('writes a chunk larger than one write call takes, whole', async () => {
    const target = path.join(dir, 'big.txt');
    const chunk = 'x'.repeat(3 * 1024 * 1024) + 'end';
    const f = await AtomicFile.create(target);
    await f.write(chunk);
    await f.commit();
    assert.strictEqual(fs.statSync(target).size, chunk.length);
  });

  it('fails to create in a folder that does not exist', async () => {
    await assert.rejects(AtomicFile.create(path.join(dir, 'missing', 'out.csv')), /ENOENT/);
  });
});
