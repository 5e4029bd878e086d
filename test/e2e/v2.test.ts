// Classify v2 as a person meets it, in code-server with the packaged .vsix: paste a v2 job ID into
// Open Job Results…, click its one result row, read the panel's type, confidence and the job's rules.
import * as assert from 'assert';
import type { Frame } from 'playwright-core';
import { V2_JOB_IDS, V2_RULES } from '../fake-server/datasetsV2';
import { startFakeServer, type FakeServer } from '../fake-server/server';
import { clickRow, openJobFromPalette, resultFrame, showClassifyView, waitForPanelText, waitForRow } from './classifyUi';
import { openWorkbench, type Workbench } from './fixture';

describe('Classify v2: paste a v2 job ID, click its result, read the panel', () => {
  let server: FakeServer;
  let wb: Workbench;

  before(async () => {
    server = await startFakeServer();
    wb = await openWorkbench({
      userSettings: { 'llamaClassify.baseUrl': server.url },
      env: { LLAMA_CLOUD_API_KEY: server.apiKey },
    });
    await showClassifyView(wb.page);
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('a pasted v2 job URL opens its job; its row opens the panel with type, confidence and the rules', async () => {
    const { page } = wb;
    const id = V2_JOB_IDS.invoice;
    await openJobFromPalette(page, `https://api.cloud.llamaindex.ai/api/v2/classify/${id}`, id);
    await waitForRow(page, new RegExp(`^${id.slice(0, 8)} — v2 · Succeeded`));
    await clickRow(page, /^invoice · 93% — acme-invoice-0107\.pdf$/);
    const frame: Frame = await resultFrame(page);
    await waitForPanelText(frame, 'job-id', id);
    await waitForPanelText(frame, 'result-id', id);
    assert.strictEqual(await waitForPanelText(frame, 'type', 'invoice'), 'invoice');
    assert.strictEqual(await waitForPanelText(frame, 'confidence-value', '93%'), '93%');
    await waitForPanelText(frame, 'file-name', 'acme-invoice-0107.pdf');
    const rules = await waitForPanelText(frame, 'v2-rules', /invoice — /);
    for (const rule of V2_RULES) { assert.ok(rules.includes(`${rule.type} — ${rule.description}`), rules); }
    await waitForPanelText(frame, 'v2-mode', 'FAST');
    await waitForPanelText(frame, 'v2-parse-job', 'pjb-7d1e2f3a4b5c');
    assert.ok(await frame.locator('#v2').isVisible(), 'the v2 section is shown');
    assert.ok(!server.requests.some((r) => r.path.includes('/api/v1/classifier/jobs/')), 'the v1 results route was never asked');
  });
});
