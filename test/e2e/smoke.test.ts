// Placeholder E2E test: the packaged extension installs into code-server and shows up in the workbench.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { paletteHasCommand, runCommand, screenshot } from '../harness/browser';
import { EXTENSION_DISPLAY_NAME, REPO_ROOT } from '../harness/paths';
import { openWorkbench, type Workbench } from './fixture';

interface ManifestCommand {
  command: string;
  title: string;
  category?: string;
}

describe('Smoke: the packaged extension in code-server', () => {
  let wb: Workbench;
  before(async () => {
    wb = await openWorkbench();
  });
  after(async () => {
    await wb?.close();
  });

  it('is listed in Extensions: Show Installed Extensions', async () => {
    const { page } = wb;
    await runCommand(page, 'Extensions: Show Installed Extensions');
    const item = page.locator('.part.sidebar .extension-list-item', { hasText: EXTENSION_DISPLAY_NAME }).first();
    await item.waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'smoke-installed-extensions');
  });

  it("lists the extension's first contributed command in the palette (if it contributes any)", async function () {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    // commands the palette may hide (a `when` in menus.commandPalette) are not candidates
    const hidden = new Set<string>(
      (manifest.contributes?.menus?.commandPalette ?? []).filter((m: { when?: string }) => m.when).map((m: { command: string }) => m.command),
    );
    const commands: ManifestCommand[] = (manifest.contributes?.commands ?? []).filter((c: ManifestCommand) => !hidden.has(c.command));
    if (!commands.length) this.skip();
    const first = commands[0];
    const title = first.category ? `${first.category}: ${first.title}` : first.title;
    assert.ok(await paletteHasCommand(wb.page, title), `command palette does not list "${title}"`);
    console.log(`      palette lists "${title}"`);
  });
});
