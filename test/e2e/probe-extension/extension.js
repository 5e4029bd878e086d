// Test-only extension: asks VS Code for LlamaCloud Classify Results' exports, as any other extension
// could, and reports what it got in a notification the UI test reads.
const vscode = require('vscode');

exports.activate = async function activate() {
  const ext = vscode.extensions.getExtension('llamacloud-classify.llamacloud-classify-results');
  if (!ext) {
    vscode.window.showInformationMessage('exports-probe: extension not found');
    return;
  }
  const api = await ext.activate();
  const keys = api && typeof api === 'object' ? Object.keys(api).sort().join(',') : String(api);
  vscode.window.showInformationMessage(`exports-probe: exports = ${keys || '(empty object)'}`);
};
