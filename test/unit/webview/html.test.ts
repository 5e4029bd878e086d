// The result panel's page shell: strict CSP, a fresh nonce per render, no remote data, no inline code.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { buildDataset, HOSTILE, LONG_REASONING } from '../../fake-server/datasets';
import { readResultTemplate, buildResultHtml, contentSecurityPolicy, escapeAttr, makeNonce } from '../../../src/webview/html';

const TEMPLATE = readResultTemplate(path.resolve(__dirname, '../../../..'));

const RES = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/result.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/result.css',
};

function cspOf(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'a CSP meta tag');
  return m[1].replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...rest] = d.split(/\s+/);
        return [name, rest.join(' ')] as [string, string];
      }),
  );
}

describe('Result panel HTML', () => {
  it('carries a strict CSP with exactly the expected directives', () => {
    const { html, nonce } = buildResultHtml(RES, TEMPLATE);
    const d = directives(cspOf(html));
    assert.deepStrictEqual(Object.fromEntries(d), {
      'default-src': "'none'",
      'style-src': RES.cspSource,
      'img-src': RES.cspSource,
      'script-src': `'nonce-${nonce}'`,
      'connect-src': "'none'",
      'font-src': RES.cspSource,
    });
    assert.strictEqual(contentSecurityPolicy(RES.cspSource, nonce), cspOf(html));
  });

  it('uses a fresh nonce per render, on the one script tag', () => {
    const a = buildResultHtml(RES, TEMPLATE);
    const b = buildResultHtml(RES, TEMPLATE);
    assert.notStrictEqual(a.nonce, b.nonce);
    for (const { html, nonce } of [a, b]) {
      assert.strictEqual(Buffer.from(nonce, 'base64').length, 16, '128 random bits');
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      assert.strictEqual(scripts.length, 1);
      assert.ok(scripts[0].includes(`nonce="${escapeAttr(nonce)}"`), scripts[0]);
      assert.ok(scripts[0].includes(`src="${RES.scriptUri}"`));
      assert.ok(cspOf(html).includes(`'nonce-${nonce}'`));
    }
    const many = new Set(Array.from({ length: 200 }, () => makeNonce()));
    assert.strictEqual(many.size, 200);
  });

  it('has no unsafe-inline / unsafe-eval, no inline script or style, no inline handlers', () => {
    const { html } = buildResultHtml(RES, TEMPLATE);
    assert.ok(!/unsafe-inline|unsafe-eval/.test(html));
    assert.ok(!/<style\b/i.test(html), 'no <style> element');
    assert.ok(!/\sstyle\s*=/i.test(html), 'no style attributes');
    assert.ok(!/\son[a-z]+\s*=/i.test(html), 'no inline event handlers');
    assert.ok(!/javascript:/i.test(html));
    assert.match(html, /<script nonce="[^"]+" src="[^"]+"><\/script>/, 'the script is external, not inline');
    assert.ok(!/https?:\/\/(?!file\+\.vscode-resource)/.test(html), 'nothing loaded from the network');
  });

  it('contains no remote data: hostile strings in its inputs stay escaped attribute text', () => {
    const hostile = `x" onload="alert(1)" ${HOSTILE.script}${HOSTILE.img}`;
    const { html } = buildResultHtml({ cspSource: hostile, scriptUri: hostile, styleUri: hostile }, TEMPLATE);
    assert.ok(!html.includes(HOSTILE.script), 'no raw <script> from the input');
    assert.ok(!html.includes(HOSTILE.img));
    assert.ok(!html.includes('" onload="'), 'attribute quotes are escaped');
    assert.strictEqual((html.match(/<script\b/g) ?? []).length, 1, 'still exactly one script tag');
    assert.strictEqual((html.match(/<img\b/g) ?? []).length, 0);
  });

  it('holds none of the dataset’s texts: results only ever arrive by postMessage', () => {
    const { html } = buildResultHtml(RES, TEMPLATE);
    const { jobs, files } = buildDataset();
    const needles = [HOSTILE.link, LONG_REASONING.slice(0, 60), 'invoice', 'receipt', 'Confidence', 'No match'];
    for (const job of jobs.slice(0, 3)) {
      const row = job.row(0);
      needles.push(row.id, job.id);
      if (row.file_id) { needles.push(row.file_id); }
      if (row.result?.reasoning) { needles.push(row.result.reasoning); }
    }
    needles.push(...[...files.values()].slice(0, 5).map((f) => f.name));
    // "Confidence" is a static heading; the others must not be there.
    for (const n of needles.filter((x) => x !== 'Confidence')) {assert.ok(!html.includes(n), `found remote-looking text: ${n}`);}
  });

  it('has the public element ids and accessible structure', () => {
    const { html } = buildResultHtml(RES, TEMPLATE);
    for (const id of ['type', 'confidence', 'reasoning', 'file', 'result-id', 'job-id', 'created', 'updated', 'prev', 'next', 'position', 'copy-id', 'copy-reasoning', 'copy-json', 'copy-link', 'raw-json']) {
      assert.strictEqual((html.match(new RegExp(`id="${id}"`, 'g')) ?? []).length, 1, `one #${id}`);
    }
    assert.match(html, /<h1 id="type">/);
    assert.match(html, /<dl class="fields">/);
    assert.match(html, /role="meter"[^>]*aria-valuemin="0" aria-valuemax="100"/);
    assert.match(html, /id="position"[^>]*aria-live="polite"/);
    for (const id of ['prev', 'next', 'copy-id', 'copy-reasoning', 'copy-json', 'copy-link', 'raw-json']) {
      assert.match(html, new RegExp(`<button id="${id}" type="button"`), `#${id} is a real button (keyboard reachable)`);
    }
    assert.match(html, /<html lang="en">/);
  });

  it('the page script (src/webview/page) places text with textContent only and styles through the CSSOM', () => {
    // The TypeScript sources, comments removed by the compiler (comments may name what is banned).
    const dir = path.resolve(__dirname, '../../../../src/webview/page');
    const sources = pageSources(dir);
    assert.ok(sources.has('result.ts'), 'the entry point esbuild bundles');
    const printer = ts.createPrinter({ removeComments: true });
    const code = new Map([...sources].map(([name, text]) => [name, printer.printFile(ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true))]));
    const all = [...code.values()].join('\n');
    for (const banned of [
      /innerHTML/,
      /outerHTML/,
      /insertAdjacentHTML/,
      /document\.write/,
      /\beval\(/,
      /new Function/,
      /setAttribute\(\s*['"](style|on)/,
      /createContextualFragment/,
      /DOMParser/,
      /srcdoc/,
      /\.on[a-z]+\s*=[^=]/,
    ]) {
      for (const [name, text] of code) {assert.ok(!banned.test(text), `src/webview/page/${name} uses ${banned}`);}
    }
    assert.match(all, /\.textContent = /);
    assert.match(all, /\.style\.width = /, 'the meter is sized through the CSSOM');
    // Both sides of the protocol are type-checked: the page imports the message types, and only types.
    for (const [name, text] of sources) {
      for (const m of text.matchAll(/^import\b[^;]*from '\.\.\/protocol';/gm)) {assert.match(m[0], /^import type /, `${name}: ${m[0]}`);}
    }
    const entry = code.get('result.ts')!;
    for (const [name, text] of code) {
      const calls = (text.match(/\.postMessage\(/g) ?? []).length;
      assert.strictEqual(calls, ['result.ts', 'summary.ts', 'compare.ts'].includes(name) ? 1 : 0, `${name}: one postMessage call per page entry, in its typed post()`);
    }
    assert.match(entry, /const post = \(message: WebviewToHost\): void => vscode\.postMessage\(message\);/);
    assert.match(entry, /function handle\(msg: HostToWebview\)/, 'handled messages are HostToWebview');
    assert.match(code.get('vscodeApi.ts')!, /postMessage\(message: WebviewToHost\): void;\s+setState\(state: PanelState\): void;/);
    // The ready handshake: posted once the message listener is installed, and again when shown.
    const topLevel = ts
      .createSourceFile('result.ts', sources.get('result.ts')!, ts.ScriptTarget.ES2022, true)
      .statements.map((st) => printer.printNode(ts.EmitHint.Unspecified, st, st.getSourceFile()));
    const listener = topLevel.findIndex((st) => st.startsWith("window.addEventListener('message'"));
    const ready = topLevel.indexOf("post({ type: 'ready' });");
    assert.ok(listener >= 0 && ready > listener, 'ready is posted (at the top level) after the message listener is installed');
    assert.match(entry, /'visibilitychange'[\s\S]*visibilityState === 'visible'\)\s*\{?\s*post\(\{ type: 'ready' \}\)/);
    // Only the two IDs (and review: true while reviewing) are persisted.
    assert.strictEqual((all.match(/setState\(/g) ?? []).length, 2, 'the typed declaration and the one call');
    assert.match(entry, /\(state\) => vscode\.setState\(state\)/);
    const render = code.get('render.ts')!;
    assert.match(render, /const ids = \{ jobId: str\(r\.jobId\), resultId: str\(r\.resultId\) \};\s+persist\(reviewing \? \{ \.\.\.ids, review: true \} : ids\);/, 'only the two IDs (and review mode) are persisted');
    assert.strictEqual((render.match(/persist\(/g) ?? []).length, 1, 'one call');
  });
});

/** The page's TypeScript files (recursively), by path relative to `dir`. */
function pageSources(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) { walk(rel); }
      else if (entry.name.endsWith('.ts')) { out.set(rel, fs.readFileSync(path.join(dir, rel), 'utf8')); }
    }
  };
  walk('');
  return out;
}

describe('Result panel template (media/result.html)', () => {
  it('has exactly the four places the host fills, and none is left after building', () => {
    assert.deepStrictEqual([...TEMPLATE.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort(), ['csp', 'nonce', 'scriptUri', 'styleUri']);
    const { html } = buildResultHtml(RES, TEMPLATE);
    assert.doesNotMatch(html, /\{\{\w+\}\}/);
    assert.match(html, /^<!DOCTYPE html>/);
  });
});
