// package.json `contributes` and src/constants.ts name the same things: no dead menu entry, no
// command registered without a title, no setting read that is not contributed.
import * as assert from 'assert';
import { Commands, ContextKeys, RESULTS_VIEW_ID, RowContext, SETTINGS_SECTION, Settings, VIEW_CONTAINER_ID } from '../../src/constants';
import { localizedManifest } from '../harness/nls';

// titles and descriptions are %keys% of package.nls.json: read them as VS Code shows them in English
const manifest = localizedManifest();
const contributes = manifest.contributes;

describe('package.json contributes exactly what the code uses', () => {
  it('commands: the same set', () => {
    const contributed = contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepStrictEqual(contributed, Object.values(Commands).sort());
  });

  it('menus name only contributed commands, views and row contexts', () => {
    const known = new Set(Object.values(Commands));
    const rowContexts = new Set<string>(Object.values(RowContext));
    for (const [menu, entries] of Object.entries(contributes.menus as Record<string, { command: string; when?: string }[]>)) {
      for (const e of entries) {
        assert.ok(known.has(e.command as never), `${menu}: ${e.command}`);
        for (const m of (e.when ?? '').matchAll(/view == ([\w.]+)/g)) {assert.strictEqual(m[1], RESULTS_VIEW_ID, `${menu}: ${e.when}`);}
        for (const m of (e.when ?? '').matchAll(/viewItem == ([\w.:]+)/g)) {assert.ok(rowContexts.has(m[1]), `${menu}: ${e.when}`);}
      }
    }
  });

  it('the view container, the view, the welcome views and the context key', () => {
    assert.deepStrictEqual(contributes.viewsContainers.activitybar.map((c: { id: string }) => c.id), [VIEW_CONTAINER_ID]);
    assert.deepStrictEqual(contributes.views[VIEW_CONTAINER_ID].map((v: { id: string }) => v.id), [RESULTS_VIEW_ID]);
    for (const w of contributes.viewsWelcome) {
      assert.strictEqual(w.view, RESULTS_VIEW_ID);
      assert.match(w.when, new RegExp(ContextKeys.hasApiKey.replace(/\./g, '\\.')));
    }
  });

  it('settings: the same keys; where requests go is application-scoped (User settings, never a workspace)', () => {
    const props = contributes.configuration.properties;
    assert.deepStrictEqual(Object.keys(props).sort(), Object.values(Settings).map((k) => `${SETTINGS_SECTION}.${k}`).sort());
    assert.strictEqual(props['llamaClassify.baseUrl'].scope, 'application');
    assert.strictEqual(props['llamaClassify.region'].scope, 'application');
  });

  it('activates only for the panel serializer and links (views and commands activate implicitly)', () => {
    assert.deepStrictEqual(manifest.activationEvents, ['onWebviewPanel:llamaClassify.result', 'onUri']);
  });
});
