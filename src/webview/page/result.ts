// The result panel's page script: the entry point esbuild bundles into dist/webview/result.js (an IIFE
// for the browser), loaded with the page's CSP nonce. No inline handlers. Every string from the API is
// placed with textContent (see render.ts), styles are set through the CSSOM only, and the page asks the
// host for nothing but the WebviewToHost messages of src/webview/protocol.ts.
import type { CopyWhat, HostToWebview, MarkVerdict, WebviewToHost } from '../protocol';
import { navigationKey, reviewKey, type Direction } from './keyboard';
import { createResultPage } from './render';
import type { VsCodeApi } from './vscodeApi';

/** Provided by VS Code to webview pages; may be called once. */
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
/** The only way the page talks to the host. */
const post = (message: WebviewToHost): void => vscode.postMessage(message);

const $ = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;
const page = createResultPage($, (state) => vscode.setState(state));

/** What arrives by postMessage is only looked at when it has the shape of a HostToWebview. */
function isHostMessage(data: unknown): data is HostToWebview {
  return !!data && typeof data === 'object' && ((data as { type?: unknown }).type === 'show' || (data as { type?: unknown }).type === 'status');
}

function handle(msg: HostToWebview): void {
  switch (msg.type) {
    case 'show':
      page.render(msg.result);
      break;
    case 'status':
      page.status(msg);
      break;
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostMessage(event.data)) { handle(event.data); }
});

function step(dir: Direction): void {
  if ($(dir).getAttribute('aria-disabled') === 'true') { return; }
  post({ type: dir });
}
const copy = (what: CopyWhat): void => post({ type: 'copy', what });
/** Marks the result the page shows (the host ignores it once it shows another). */
function mark(verdict: MarkVerdict | null): void {
  const shown = page.current();
  if (!shown || typeof shown.resultId !== 'string') { return; }
  post(verdict ? { type: 'mark', verdict, resultId: shown.resultId } : { type: 'clearMark', resultId: shown.resultId });
}

$('prev').addEventListener('click', () => step('prev'));
$('next').addEventListener('click', () => step('next'));
$('copy-id').addEventListener('click', () => copy('id'));
$('copy-reasoning').addEventListener('click', () => copy('reasoning'));
$('copy-json').addEventListener('click', () => copy('json'));
$('copy-link').addEventListener('click', () => copy('link'));
$('raw-json').addEventListener('click', () => post({ type: 'showRawJson' }));
$('mark-correct').addEventListener('click', () => mark('correct'));
$('mark-wrong').addEventListener('click', () => mark('wrong'));
$('mark-clear').addEventListener('click', () => mark(null));
$('review-exit').addEventListener('click', () => post({ type: 'exitReview' }));

document.addEventListener('keydown', (e) => {
  const dir = navigationKey(e);
  const action = dir ?? (page.current()?.review ? reviewKey(e) : null);
  if (!action) { return; }
  e.preventDefault();
  if (action === 'correct' || action === 'wrong') { mark(action); }
  else { step(action); }
});

// A page that was hidden and shown again without being reloaded asks for the current state too.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') {post({ type: 'ready' });}
});

// The listener is installed: ask the host for the result (the ready handshake).
post({ type: 'ready' });
