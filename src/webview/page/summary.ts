// The summary page script (esbuild entry → dist/webview/summary.js), loaded with the page's CSP nonce.
// It renders what the host sends and asks for nothing but the SummaryToHost messages.
import type { SummaryToHost, SummaryToPage } from '../summaryProtocol';
import { documentDom } from './dom';
import { createSummaryPage } from './summaryRender';

declare function acquireVsCodeApi(): { postMessage(message: SummaryToHost): void };

const vscode = acquireVsCodeApi();
const post = (message: SummaryToHost): void => vscode.postMessage(message);
const dom = documentDom(document);
const page = createSummaryPage(dom, (resultId) => post({ type: 'openResult', resultId }));

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = event.data as SummaryToPage | null;
  if (!msg || typeof msg !== 'object') { return; }
  if (msg.type === 'summary') { page.render(msg.view); }
  else if (msg.type === 'status') { page.status(msg.kind, msg.text); }
});

dom.byId('load-all').addEventListener('click', () => post({ type: 'loadAll' }));
dom.byId('cancel-load').addEventListener('click', () => post({ type: 'cancelLoad' }));
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') { post({ type: 'ready' }); }
});
post({ type: 'ready' });
