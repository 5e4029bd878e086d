// The comparison of two jobs: one webview panel per (A, B) pair (comparing again reveals and updates
// it), drawn by the page from a CompareView. A snapshot: both jobs were loaded in full before it opens.
//
// A row opens BOTH results at once in a diff editor of their raw JSON (A left, B right), not in the
// result panel: that panel is one preview panel by design (see resultPanel.ts), so it can show only
// one result at a time, while the diff shows the two side by side with the changed type, confidence
// and reasoning marked. Each side is the same read-only document "Show Raw JSON" opens.
import * as vscode from 'vscode';
import { COMPARE_VIEW_TYPE } from '../constants';
import type { Log } from '../ui/log';
import { buildResultHtml, readPageTemplate } from './html';
import { parseCompareMessage, type CompareToPage, type CompareView } from './summaryProtocol';

export interface ComparePanelDeps {
  /** Opens A's and B's results side by side. */
  openPair: (jobA: string, resultA: string, jobB: string, resultB: string, title: string) => Promise<void>;
  log: Log;
  extensionUri: vscode.Uri;
}

export class ComparePanels implements vscode.Disposable {
  private readonly open = new Map<string, ComparePanel>();
  private template: string | undefined;

  constructor(private readonly d: ComparePanelDeps) {}

  show(view: CompareView): ComparePanel {
    const key = `${view.jobA}|${view.jobB}`;
    const existing = this.open.get(key);
    if (existing) {
      existing.update(view);
      existing.panel.reveal(undefined, false);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, vscode.l10n.t('Compare {0} ↔ {1}', view.jobA.slice(0, 8), view.jobB.slice(0, 8)), vscode.ViewColumn.Active, {
      enableScripts: true,
      enableCommandUris: false,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.d.extensionUri, 'media'), vscode.Uri.joinPath(this.d.extensionUri, 'dist', 'webview')],
    });
    this.template ??= readPageTemplate(this.d.extensionUri.fsPath, 'compare');
    const compare = new ComparePanel(panel, view, this.d, this.template, () => this.open.delete(key));
    this.open.set(key, compare);
    return compare;
  }

  get(jobA: string, jobB: string): ComparePanel | undefined {
    return this.open.get(`${jobA}|${jobB}`);
  }

  dispose(): void {
    for (const p of [...this.open.values()]) { p.panel.dispose(); }
  }
}

export class ComparePanel {
  readonly html: string;
  private ready = false;
  readyCount = 0;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private view: CompareView,
    private readonly d: ComparePanelDeps,
    template: string,
    onDispose: () => void,
  ) {
    const web = panel.webview;
    const subs = [
      web.onDidReceiveMessage((m: unknown) => void this.handleMessage(m)),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (!webviewPanel.visible) { this.ready = false; }
      }),
    ];
    subs.push(
      panel.onDidDispose(() => {
        for (const s of subs) { s.dispose(); }
        onDispose();
      }),
    );
    const uri = (...parts: string[]) => web.asWebviewUri(vscode.Uri.joinPath(d.extensionUri, ...parts)).toString();
    this.html = buildResultHtml({ cspSource: web.cspSource, scriptUri: uri('dist', 'webview', 'compare.js'), styleUri: uri('media', 'summary.css') }, template).html;
    web.html = this.html;
  }

  get current(): CompareView {
    return this.view;
  }

  update(view: CompareView): void {
    this.view = view;
    this.send();
  }

  async handleMessage(raw: unknown): Promise<void> {
    const msg = parseCompareMessage(raw);
    if (!msg) {
      this.d.log.warn('Compare panel: ignored a message outside its protocol.');
      return;
    }
    if (msg.type === 'ready') {
      this.ready = true;
      this.readyCount++;
      this.send();
      return;
    }
    const row = this.view.rows[msg.index];
    if (!row) { return; }
    try {
      await this.d.openPair(this.view.jobA, row.resultA, this.view.jobB, row.resultB, `${row.file}: A ↔ B`);
    } catch (err) {
      this.post({ type: 'status', kind: 'error', text: err instanceof Error ? err.message : String(err) });
    }
  }

  private send(): void {
    this.post({ type: 'compare', view: this.view });
  }

  private post(msg: CompareToPage): void {
    if (!this.ready) { return; }
    void Promise.resolve(this.panel.webview.postMessage(msg)).catch(() => undefined);
  }
}
