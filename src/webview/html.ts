// The result panel's page: a static shell with no remote data at all. Results arrive later by
// postMessage, and the page script (src/webview/page, built to dist/webview/result.js) places every
// remote string with `textContent`. Pure (no `vscode` import) so the CSP and the markup are unit tested.
import { randomBytes } from 'crypto';

export interface PageResources {
  /** webview.cspSource */
  cspSource: string;
  /** webview.asWebviewUri(dist/webview/result.js), as a string */
  scriptUri: string;
  /** webview.asWebviewUri(media/result.css), as a string */
  styleUri: string;
}

/** 128 random bits from the OS CSPRNG, base64: fresh for every render. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Strict: no inline script or style, nothing remote, no network from the page (all HTTP is in the host). */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `connect-src 'none'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Builds the page with a fresh nonce. Returns the nonce too, for tests. */
export function buildResultHtml(res: PageResources, nonce: string = makeNonce()): { html: string; nonce: string } {
  const csp = escapeAttr(contentSecurityPolicy(res.cspSource, nonce));
  const n = escapeAttr(nonce);
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(res.styleUri)}">
<title>Classify result</title>
</head>
<body>
<nav class="toolbar" aria-label="Results of this job">
  <button id="prev" type="button" class="secondary" aria-keyshortcuts="Alt+ArrowLeft [ k" title="Previous result (Alt+Left, [ or k)">Previous</button>
  <span id="position" class="position" role="status" aria-live="polite" aria-atomic="true"></span>
  <button id="next" type="button" class="secondary" aria-keyshortcuts="Alt+ArrowRight ] j" title="Next result (Alt+Right, ] or j)">Next</button>
</nav>
<p id="status" class="status" role="status" aria-live="polite">Loading…</p>
<main id="content" hidden>
  <header class="type-header">
    <p class="eyebrow">Document type</p>
    <h1 id="type"></h1>
    <p id="type-note" class="note" hidden></p>
  </header>
  <section class="card" aria-labelledby="confidence-heading">
    <h2 id="confidence-heading">Confidence</h2>
    <p id="confidence" class="confidence"><span id="confidence-value" class="confidence-value"></span> <span id="confidence-band" class="band"></span></p>
    <div id="meter" class="meter" role="meter" aria-labelledby="confidence-heading" aria-valuemin="0" aria-valuemax="100">
      <div id="meter-fill" class="meter-fill"></div>
    </div>
    <p id="confidence-issue" class="note warning" hidden></p>
  </section>
  <section class="card" aria-labelledby="reasoning-heading">
    <div class="section-head">
      <h2 id="reasoning-heading">Reasoning</h2>
      <button id="copy-reasoning" type="button" class="secondary">Copy reasoning</button>
    </div>
    <div id="reasoning" class="reasoning" tabindex="0" role="region" aria-labelledby="reasoning-heading"></div>
  </section>
  <section class="card" aria-labelledby="details-heading">
    <h2 id="details-heading">Details</h2>
    <dl class="fields">
      <dt>File</dt>
      <dd id="file"><span id="file-name" class="file-name"></span><span id="file-id" class="mono"></span></dd>
      <dt>Result ID</dt>
      <dd id="result-id" class="mono"></dd>
      <dt>Job ID</dt>
      <dd id="job-id" class="mono"></dd>
      <dt>Created</dt>
      <dd id="created"></dd>
      <dt>Updated</dt>
      <dd id="updated"></dd>
    </dl>
  </section>
  <div class="actions" role="group" aria-label="Actions">
    <button id="copy-id" type="button" class="secondary">Copy result ID</button>
    <button id="copy-json" type="button" class="secondary">Copy as JSON</button>
    <button id="raw-json" type="button">Show raw JSON</button>
  </div>
</main>
<script nonce="${n}" src="${escapeAttr(res.scriptUri)}"></script>
</body>
</html>`;
  return { html, nonce };
}
