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
    const secrets = rig.api.services.context.secrets;
    assert.strictEqual(await secrets.get('llamaClassify.apiKey'), undefined);
    rig.ui.keys.push(rig.server.apiKey);
    await vscode.commands.executeCommand('llamaClassify.setApiKey');
    assert.strictEqual(await secrets.get('llamaClassify.apiKey'), rig.server.apiKey);
    assert.strictEqual(rig.api.services.keys.source, 'secretStorage');
    assert.deepStrictEqual(
      rig.server.requests.map((r) => [r.path, r.authorized]),
      [['/api/v1/classifier/jobs', true]],
    );
    assert.match(rig.ui.messages.at(-1)?.message ?? '', /saved\. It works/);

    await vscode.commands.executeCommand('llamaClassify.clearApiKey');
    assert.strictEqual(await secrets.get('llamaClassify.apiKey'), undefined);
    assert.strictEqual(await rig.api.services.keys.get(), undefined);
  });

  it('a wrong key is saved but reported as not working', async () => {
    rig = await setUpRig({}, { withKey: false });
    rig.ui.keys.push('llx-not-the-right-one-00');
    await vscode.commands.executeCommand('llamaClassify.setApiKey');
    assert.match(rig.ui.messages.at(-1)?.message ?? '', /checking it failed: LlamaCloud rejected the API key \(401\)/);
  });

  it('cancelling the password box changes nothing', async () => {
    rig = await setUpRig();
    rig.ui.keys.push(undefined);
    await vscode.commands.executeCommand('llamaClassify.setApiKey');
    assert.strictEqual(await rig.api.services.keys.get(), rig.server.apiKey);
  });

  it('with no key, opening a job shows the Set API key row and sends nothing', async () => {
    rig = await setUpRig({}, { withKey: false });
    await vscode.commands.executeCommand('llamaClassify.openJob', JOB_IDS.onePage);
    assert.strictEqual(rig.rows(JOB_IDS.onePage)[0].label, 'Set API key…');
    assert.strictEqual(rig.server.requests.filter((r) => r.path.startsWith('/api/')).length, 0);
  });
});
