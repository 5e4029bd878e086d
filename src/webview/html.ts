// The result panel's page: a static shell (media/result.html) with no remote data at all. Results
// arrive later by postMessage, and the page script (src/webview/page, built to dist/webview/result.js)
// places every remote string with `textContent`. No `vscode` import, so the CSP and the markup are unit tested.
import { randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';

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

/** Where the page's markup lives, relative to the extension's root (a file, so it is not in the bundle). */
export const RESULT_TEMPLATE = ['media', 'result.html'] as const;

/** The markup template, read from the extension's folder. */
export function readResultTemplate(extensionRoot: string): string {
  return readFileSync(join(extensionRoot, ...RESULT_TEMPLATE), 'utf8');
}

/** Another page's template (media/summary.html, media/compare.html), filled the same way by buildResultHtml. */
export function readPageTemplate(extensionRoot: string, page: 'summary' | 'compare'): string {
  return readFileSync(join(extensionRoot, 'media', `${page}.html`), 'utf8');
}

/**
 * Fills the template with a fresh nonce, the CSP and the two resource URIs (each escaped for an
 * attribute). Returns the nonce too, for tests.
 */
export function buildResultHtml(res: PageResources, template: string, nonce: string = makeNonce()): { html: string; nonce: string } {
  const values: Record<string, string> = {
    csp: escapeAttr(contentSecurityPolicy(res.cspSource, nonce)),
    nonce: escapeAttr(nonce),
    styleUri: escapeAttr(res.styleUri),
    scriptUri: escapeAttr(res.scriptUri),
  };
  const html = template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
  return { html, nonce };
}
