// The compare page script (esbuild entry → dist/webview/compare.js), loaded with the page's CSP nonce.
import { SORT_COLUMNS } from '../../model/compare';
import type { CompareToHost, CompareToPage } from '../summaryProtocol';
import { createComparePage } from './compareRender';
import { documentDom } from './dom';

declare function acquireVsCodeApi(): { postMessage(message: CompareToHost): void };

const vscode = acquireVsCodeApi();
const post = (message: CompareToHost): void => vscode.postMessage(message);
const dom = documentDom(document);
const page = createComparePage(dom, (index) => post({ type: 'openPair', index }));

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = event.data as CompareToPage | null;
  if (!msg || typeof msg !== 'object') { return; }
  if (msg.type === 'compare') { page.render(msg.view); }
  else if (msg.type === 'status') { page.status(msg.kind, msg.text); }
});

for (const column of SORT_COLUMNS) {
  dom.byId(`sort-button-${column}`).addEventListener('click', () => page.sort(column));
}
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') { post({ type: 'ready' }); }
});
post({ type: 'ready' });
