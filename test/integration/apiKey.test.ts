import * as assert from 'assert';
import * as vscode from 'vscode';
import { JOB_IDS } from '../fake-server/datasets';
import { setUpRig, type Rig } from './helpers';

describe('API key in SecretStorage', function () {
  this.timeout(30_000);
  let rig: Rig;
  afterEach(async () => {
    await rig?.close();
  });

  it('Set API Key stores the key in SecretStorage, checks it with one request, and Clear removes it', async () => {
    rig = await setUpRig({}, { withKey: false });
    const secrets = rig.s.context.secrets;
    assert.strictEqual(await secrets.get('llamaClassify.apiKey'), undefined);
    rig.ui.keys.push(rig.server.apiKey);
    await vscode.commands.executeCommand('llamaClassify.setApiKey');
    assert.strictEqual(await secrets.get('llamaClassify.apiKey'), rig.server.apiKey);
    assert.strictEqual(rig.s.keys.source, 'secretStorage');
    assert.deepStrictEqual(
      rig.server.requests.map((r) => [r.path, r.authorized]),
      [['/api/v1/classifier/jobs', true]],
    );
    assert.match(rig.ui.messages.at(-1)?.message ?? '', /saved in VS Code’s secret storage\. It works\./);

    await vscode.commands.executeCommand('llamaClassify.clearApiKey');
    assert.strictEqual(await secrets.get('llamaClassify.apiKey'), undefined);
    assert.strictEqual(await rig.s.keys.get(), undefined);
  });

  it('a wrong key is saved but reported as not working', async () => {
    rig = await setUpRig({}, { withKey: false });
    rig.ui.keys.push('llx-not-the-right-one-00');
    await vscode.commands.executeCommand('llamaClassify.setApiKey');
    assert.strictEqual(rig.ui.openNotices().length, 1);
    assert.strictEqual(rig.ui.openNotices()[0].message, 'API key saved, but LlamaCloud rejected it (401).');
    assert.strictEqual(rig.ui.openNotices()[0].action, 'llamaClassify.setApiKey');
    // The right key closes that notice: no stale "rejected" message beside a key that works.
    rig.ui.keys.push(rig.server.apiKey);
    await vscode.commands.executeCommand('llamaClassify.setApiKey');
    assert.deepStrictEqual(rig.ui.openNotices(), []);
    assert.match(rig.ui.messages.at(-1)?.message ?? '', /It works\./);
  });

  it('a key kept for this session only says so, never "saved"', async () => {
    rig = await setUpRig({}, { withKey: false });
    const secrets = rig.s.context.secrets;
    const store = secrets.store.bind(secrets);
    (secrets as { store: typeof secrets.store }).store = async () => {
      throw new Error('no keyring');
    };
    try {
      rig.ui.keys.push(rig.server.apiKey);
      rig.ui.choices.push({ match: 'Use the key for this session only?', choice: 'Use for This Session' });
      await vscode.commands.executeCommand('llamaClassify.setApiKey');
      assert.strictEqual(rig.s.keys.source, 'session');
      const last = rig.ui.messages.at(-1)?.message ?? '';
      assert.match(last, /kept for this session only \(not saved: it is forgotten when the window closes\)\. It works\./);
      assert.doesNotMatch(last, /saved in/);
    } finally {
      (secrets as { store: typeof secrets.store }).store = store;
    }
  });

  it('cancelling the password box changes nothing', async () => {
    rig = await setUpRig();
    rig.ui.keys.push(undefined);
    await vscode.commands.executeCommand('llamaClassify.setApiKey');
    assert.strictEqual(await rig.s.keys.get(), rig.server.apiKey);
  });

  it('with no key, opening a job shows the Set API key row and sends nothing', async () => {
    rig = await setUpRig({}, { withKey: false });
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    assert.strictEqual(rig.rows(JOB_IDS.onePage)[0].label, 'Set API key…');
    assert.strictEqual(rig.rows(JOB_IDS.onePage)[0].description, 'no API key is set');
    assert.strictEqual(rig.server.requests.filter((r) => r.path.startsWith('/api/')).length, 0);
    assert.deepStrictEqual(rig.ui.notices, [], 'no "rejected" notice when there is no key at all');
  });
});
