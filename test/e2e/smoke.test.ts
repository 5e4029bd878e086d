// The packaged extension installs into code-server, shows up in the workbench, and gives other
// extensions nothing: a test-only probe extension asks for its exports as any extension could.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { paletteHasCommand, runCommand, screenshot, waitForNotification } from '../harness/browser';
import { EXTENSION_DISPLAY_NAME, REPO_ROOT } from '../harness/paths';
import { localizedManifest } from '../harness/nls';
import { openWorkbench, type Workbench } from './fixture';

interface ManifestCommand {
  command: string;
  title: string;
  category?: string;
}

/** Packages test/e2e/probe-extension into a temp .vsix (vsce, no prompts). */
function packageProbe(): string {
  const dir = path.join(REPO_ROOT, 'test', 'e2e', 'probe-extension');
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'llcr-probe-')), 'probe.vsix');
  const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', out], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  return out;
}

describe('Smoke: the packaged extension in code-server', () => {
  let wb: Workbench;
  let probe: string;
  before(async () => {
    probe = packageProbe();
    wb = await openWorkbench({ extraVsix: [probe] });
  });
  after(async () => {
    await wb?.close();
    if (probe) {fs.rmSync(path.dirname(probe), { recursive: true, force: true });}
  });

  it('returns nothing to other extensions: no key store, no client (only its own tests get internals)', async () => {
    const note = await waitForNotification(wb.page, 'exports-probe:', { timeout: 45_000 });
    const text = (await note.innerText()) ?? '';
    assert.ok(text.includes('exports-probe: exports = undefined'), text);
  });

  it('is listed in Extensions: Show Installed Extensions', async () => {
    const { page } = wb;
    await runCommand(page, 'Extensions: Show Installed Extensions');
    const item = page.locator('.part.sidebar .extension-list-item', { hasText: EXTENSION_DISPLAY_NAME }).first();
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'smoke-installed-extensions');
  });

  it("lists the extension's first contributed command in the palette (if it contributes any)", async function () {
    const manifest = localizedManifest(); // titles are %keys% of package.nls.json
    // commands the palette may hide (a `when` in menus.commandPalette) are not candidates
    const hidden = new Set<string>(
      (manifest.contributes?.menus?.commandPalette ?? []).filter((m: { when?: string }) => m.when).map((m: { command: string }) => m.command),
    );
    const commands: ManifestCommand[] = (manifest.contributes?.commands ?? []).filter((c: ManifestCommand) => !hidden.has(c.command));
    if (!commands.length) { this.skip(); }
    const first = commands[0];
    const title = first.category ? `${first.category}: ${first.title}` : first.title;
    assert.ok(await paletteHasCommand(wb.page, title), `command palette does not list "${title}"`);
    console.log(`      palette lists "${title}"`);
  });
});
