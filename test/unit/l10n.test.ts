// Localisation-ready: every string package.json contributes is a %key% of package.nls.json, and every
// vscode.l10n.t() message in src is in l10n/bundle.l10n.json (regenerate with `npm run l10n`). Strings of
// src/api and src/model (no vscode there) and log lines stay English on purpose.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, localizedManifest, readNls } from '../harness/nls';

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { return tsFiles(p); }
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

const SRC = path.join(ROOT, 'src');
const sources = tsFiles(SRC).map((file) => ({ file: path.relative(ROOT, file), text: fs.readFileSync(file, 'utf8') }));

/** The string literal starting at `text[i]` ('…', "…" or `…` without ${}), evaluated; undefined when it is not one. */
function literalAt(text: string, i: number): string | undefined {
  const quote = text[i];
  if (!`'"\``.includes(quote)) { return undefined; }
  let j = i + 1;
  while (j < text.length && text[j] !== quote) { j += text[j] === '\\' ? 2 : 1; }
  const literal = text.slice(i, j + 1);
  if (quote === '`' && literal.includes('${')) { return undefined; }
  return new Function(`return ${literal};`)() as string;
}

/** Every l10n.t( call: its message, or undefined when the first argument is not a plain literal. */
function l10nCalls(): { file: string; message: string | undefined }[] {
  const calls: { file: string; message: string | undefined }[] = [];
  for (const { file, text } of sources) {
    for (const m of text.matchAll(/\bl10n\.t\(\s*/g)) { calls.push({ file, message: literalAt(text, m.index! + m[0].length) }); }
  }
  return calls;
}

describe('localisation: package.nls.json', () => {
  const raw = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
  const nls = readNls();

  it('every %key% in package.json exists in package.nls.json, and every key there is used', () => {
    const used = new Set([...raw.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    assert.ok(used.size > 20, `only ${used.size} keys`);
    assert.deepStrictEqual([...used].filter((k) => !(k in nls)), [], 'keys package.nls.json lacks');
    assert.deepStrictEqual(Object.keys(nls).filter((k) => !used.has(k)), [], 'keys nothing uses');
    for (const [k, v] of Object.entries(nls)) { assert.ok(typeof v === 'string' && v.trim() !== '', k); }
  });

  it('no contributed title, name or description is left as a literal (node scripts/nls.js moves them)', () => {
    const manifest = JSON.parse(raw);
    const c = manifest.contributes;
    const literal = (v: unknown) => typeof v === 'string' && !/^%[^%]+%$/.test(v);
    const left: string[] = [];
    const check = (where: string, v: unknown) => literal(v) && left.push(`${where}: ${v}`);
    check('displayName', manifest.displayName);
    check('description', manifest.description);
    for (const cmd of c.commands) { check(`${cmd.command} title`, cmd.title); check(`${cmd.command} category`, cmd.category); }
    for (const vc of c.viewsContainers.activitybar) { check(`container ${vc.id}`, vc.title); }
    for (const views of Object.values(c.views) as { id: string; name: string; contextualTitle?: string }[][]) {
      for (const v of views) { check(`view ${v.id}`, v.name); check(`view ${v.id} contextualTitle`, v.contextualTitle); }
    }
    for (const w of c.viewsWelcome) { check(`welcome ${w.when}`, w.contents); }
    for (const [id, p] of Object.entries(c.configuration.properties) as [string, Record<string, unknown>][]) {
      for (const f of ['description', 'markdownDescription', 'patternErrorMessage', 'deprecationMessage', 'markdownDeprecationMessage']) { check(`${id} ${f}`, p[f]); }
      for (const f of ['enumDescriptions', 'markdownEnumDescriptions']) { for (const d of (p[f] as unknown[]) ?? []) { check(`${id} ${f}`, d); } }
    }
    for (const w of c.walkthroughs ?? []) {
      check(`walkthrough ${w.id}`, w.title);
      check(`walkthrough ${w.id}`, w.description);
      for (const s of w.steps) { check(`step ${s.id}`, s.title); check(`step ${s.id}`, s.description); }
    }
    assert.deepStrictEqual(left, []);
  });

  it('the English manifest resolves: command titles read as before', () => {
    const english = localizedManifest();
    const open = english.contributes.commands.find((c: { command: string }) => c.command === 'llamaClassify.openJob');
    assert.strictEqual(`${open.category}: ${open.title}`, 'LlamaCloud Classify: Open Job Results…');
  });
});

describe('localisation: l10n/bundle.l10n.json', () => {
  const bundle: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8'));
  const calls = l10nCalls();

  it('package.json points VS Code at the bundle folder', () => {
    assert.strictEqual(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).l10n, './l10n');
  });

  it('every l10n.t message is a plain literal (a template or a variable cannot be extracted)', () => {
    assert.ok(calls.length > 50, `only ${calls.length} l10n.t calls found`);
    assert.deepStrictEqual(calls.filter((c) => c.message === undefined).map((c) => c.file), []);
  });

  it('every l10n.t message is in the bundle and every bundle entry is used (npm run l10n regenerates it)', () => {
    const messages = new Set(calls.map((c) => c.message as string));
    assert.deepStrictEqual([...messages].filter((m) => !(m in bundle)), [], 'missing from the bundle: run npm run l10n');
    assert.deepStrictEqual(Object.keys(bundle).filter((k) => !messages.has(k)), [], 'stale in the bundle: run npm run l10n');
  });

  it('src/api and src/model use no l10n (they import no vscode); the vscode side shows no raw literal in a notification', () => {
    assert.deepStrictEqual(calls.filter((c) => /^src[\\/](api|model)[\\/]/.test(c.file)).map((c) => c.file), []);
    const raw: string[] = [];
    for (const { file, text } of sources) {
      if (/^src[\\/](api|model)[\\/]/.test(file)) { continue; }
      // ui().info('…') / .warn(`…`) / .error("…") / .status('…') / a panel's .status('info', '…'), not
      // log.info(…) (logs stay English): a literal with words in it is a message nobody can translate
      for (const m of text.matchAll(/(?<!log)\.(info|warn|error|status)\(\s*/g)) {
        let at = m.index! + m[0].length;
        let message = literalAt(text, at);
        const kind = /^(info|error|busy|warning)$/.test(message ?? '') && /^\s*,\s*/.exec(text.slice(at + message!.length + 2));
        if (kind) { // a panel's status(kind, text): the text is the second argument
          at += message!.length + 2 + kind[0].length;
          message = literalAt(text, at);
        }
        if (message !== undefined && /[A-Za-z]{2,}/.test(message)) { raw.push(`${file}: ${text.slice(m.index!, m.index! + 70)}`); }
      }
    }
    assert.deepStrictEqual(raw, []);
  });
});
