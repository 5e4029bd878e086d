// What the marketplace and a newcomer see: the icon, the listing fields, README images that resolve
// once vsce rewrites them, a dated CHANGELOG entry for the version, a walkthrough whose buttons and
// completion events name real commands, and npm scripts that compile what they need on a fresh clone.
import * as assert from 'assert';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { Commands, ContextKeys, RESULTS_VIEW_ID } from '../../src/constants';
import { localizedManifest } from '../harness/nls';

const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const manifest = localizedManifest(); // %keys% resolved from package.nls.json

describe('marketplace listing', () => {
  it('the icon is a 128×128 PNG rendered from the current media/icon.svg (node scripts/icon.js)', () => {
    assert.strictEqual(manifest.icon, 'media/icon.png');
    const png = fs.readFileSync(path.join(ROOT, manifest.icon));
    assert.strictEqual(png.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'PNG signature');
    assert.strictEqual(png.subarray(12, 16).toString('ascii'), 'IHDR');
    assert.deepStrictEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    const svgHash = crypto.createHash('sha256').update(read('media/icon.svg')).digest('hex');
    assert.strictEqual(read('media/icon.png.sha256').trim(), svgHash, 'icon.svg changed: run node scripts/icon.js');
  });

  it('repository, bugs, homepage, gallery banner, categories and keywords are set', () => {
    const repo = 'https://github.com/llamacloud-classify/llamacloud-classify-results';
    assert.strictEqual(manifest.repository.url, `${repo}.git`);
    assert.strictEqual(manifest.bugs.url, `${repo}/issues`);
    assert.ok(manifest.homepage.startsWith(repo));
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    const allowed = ['AI', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps', 'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Other', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization'];
    for (const c of manifest.categories) { assert.ok(allowed.includes(c), `category ${c}`); }
    assert.ok(manifest.keywords.length >= 3 && manifest.keywords.length <= 30, 'vsce allows at most 30 keywords');
    assert.ok(fs.existsSync(path.join(ROOT, 'LICENSE')));
  });

  it('README images are repository files (vsce rewrites them to URLs under `repository`), no remote http images', () => {
    const readme = read('README.md');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]);
    assert.ok(images.length >= 2);
    for (const src of images) {
      assert.ok(!/^http:/.test(src), `${src}: the marketplace refuses http images`);
      if (!/^https:/.test(src)) { assert.ok(fs.existsSync(path.join(ROOT, src)), `${src} exists in the repository`); }
      assert.ok(!src.endsWith('.svg'), `${src}: the marketplace refuses SVG images in a README`);
    }
  });

  it('CHANGELOG: the packaged version has a dated entry, and every version entry is dated', () => {
    const log = read('CHANGELOG.md');
    const versions = [...log.matchAll(/^## \[(\d+\.\d+\.\d+[^\]]*)\](.*)$/gm)];
    assert.ok(versions.some((m) => m[1] === manifest.version), `an entry for ${manifest.version}`);
    for (const m of versions) { assert.match(m[2], /^ - \d{4}-\d{2}-\d{2}$/, `## [${m[1]}] has a date`); }
  });

  it('the .vsix holds only what a user needs (vsce ls: .vscodeignore as vsce reads it)', function () {
    this.timeout(30_000);
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', timeout: 25_000 })
      .split('\n').map((l) => l.trim()).filter(Boolean);
    const odd = files.filter((f) => /\.map$|\.ts$|^(src|test|out|scripts|docs|node_modules|\.vscode-test)\/|media\/icon\.svg|\.sha256$|\.vsix$/.test(f));
    assert.deepStrictEqual(odd, [], 'not for users');
    for (const f of [manifest.icon, 'package.json', 'package.nls.json', 'l10n/bundle.l10n.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'media/result.html', 'media/walkthrough/setKey.md']) {
      assert.ok(files.includes(f), `${f} is shipped`);
    }
  });
});

describe('Get Started walkthrough', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;
  const commands = new Set<string>(Object.values(Commands));

  it('set the key → open a job → open a result, in that order', () => {
    assert.deepStrictEqual(walkthrough.steps.slice(0, 3).map((s: { id: string }) => s.id), ['setKey', 'openJob', 'openResult']);
  });

  it('every step has a button that runs a contributed command, media that exists, and completes on an event of ours', () => {
    for (const step of walkthrough.steps) {
      const links = [...step.description.matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1]);
      assert.strictEqual(links.length, 1, `${step.id}: one button`);
      // a view's focus command is generated by VS Code for every contributed view
      assert.ok(commands.has(links[0]) || links[0] === `${RESULTS_VIEW_ID}.focus`, `${step.id}: ${links[0]} is contributed`);
      const media = step.media.markdown ?? step.media.svg ?? step.media.image;
      assert.ok(fs.existsSync(path.join(ROOT, media)), `${step.id}: ${media}`);
      assert.ok(step.completionEvents.length > 0, `${step.id} completes by itself`);
      for (const e of step.completionEvents as string[]) {
        const [kind, id] = e.split(':');
        if (kind === 'onCommand') { assert.ok(commands.has(id as never), `${step.id}: ${e}`); }
        else { assert.strictEqual(kind, 'onContext'); assert.ok(Object.values(ContextKeys).some((k) => id.includes(k)), `${step.id}: ${e}`); }
      }
    }
  });
});

describe('npm scripts work alone on a fresh clone after npm ci', () => {
  const scripts: Record<string, string> = manifest.scripts;
  const before = (name: string) => `${scripts[`pre${name}`] ?? ''} && ${scripts[name]}`;

  it('each script that runs compiled code compiles it first (pre script or inside)', () => {
    for (const name of ['test', 'test:unit', 'test:integration', 'test:e2e', 'fake-server', 'bench', 'demo']) {
      assert.ok(scripts[name], name);
      assert.match(before(name), /compile-tests/, `${name} compiles the tests`);
    }
    for (const name of ['test', 'test:integration']) { assert.match(before(name), /npm run build|esbuild/, `${name} bundles`); }
    for (const name of ['test:e2e', 'demo', 'bench']) { assert.match(before(name), /npm run package/, `${name} packages the .vsix`); }
  });

  it('the tiers that need VS Code install the runtime first (test/runtime/ensure.js)', () => {
    for (const name of ['test', 'test:integration', 'test:e2e', 'bench', 'demo']) {
      assert.match(scripts[`pre${name}`] ?? '', /node test\/runtime\/ensure\.js/, `pre${name}`);
    }
    assert.doesNotMatch(scripts['pretest:unit'] ?? '', /ensure/, 'the unit tier needs no VS Code');
  });
});
