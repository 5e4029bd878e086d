// Placeholder integration test: the extension is installed in the real extension host and activates.
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'llamacloud-classify.llamacloud-classify-results';

describe('Smoke: the extension in a real VS Code extension host', () => {
  it('is present and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('runs on a real VS Code API', () => {
    assert.strictEqual(typeof vscode.version, 'string');
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    console.log(`      VS Code ${vscode.version}, appName=${vscode.env.appName}, uiKind=${vscode.env.uiKind}, remoteName=${vscode.env.remoteName}`);
  });
});
