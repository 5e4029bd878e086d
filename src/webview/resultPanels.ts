// The result detail panel's host side: creates, reveals and restores the panel, pushes view models to
// it and acts on the few messages its protocol allows.
//
// Design: ONE reusable "preview" panel that follows the selection, like VS Code's preview editor.
//  - Clicking through results in the tree is browsing, not "open these N documents": one panel per
//    result would pile up tabs the user must close by hand.
//  - Each webview costs a renderer process' worth of memory; one panel keeps that constant
//    (anchors §3.2.5), and with retainContextWhenHidden off a hidden panel is cheap anyway.
//  - Previous/Next in the panel walk the same list, which only makes sense for a single panel.
// Re-opening the shown result (or any other) therefore reveals the existing panel, never a new tab.
import * as vscode from 'vscode';
import type { FileClassification } from '../api/types';
import { loadFirst, loadMore } from '../jobActions';
import { isAuthError, type ResultPager } from '../model/pager';
import { showRawJson } from '../rawJson';
import type { Services } from '../services';
import { buildResultHtml } from './html';
import {
  describeRejected,
  parsePanelState,
  parseWebviewMessage,
  RESULT_VIEW_TYPE,
  type CopyWhat,
  type HostToWebview,
  type PanelState,
  type ResultView,
  type StatusKind,
} from './protocol';
import { ResultPanelSerializer } from './serializer';
import { panelTitle, toResultView } from './viewModel';

/** Kept for tests and the leak check; small and bounded. */
const MAX_POSTED = 50;
/** How far a restore pages through a job looking for its result (20 × page size results). */
export const MAX_RESTORE_PAGES = 20;

export const NO_KEY_RESTORE_MESSAGE =
  'The classify result panel was closed because no LlamaCloud API key is set. Set one (LlamaCloud Classify: Set API Key…) and open the result again from the Classify Results view.';

interface Located {
  item?: FileClassification;
  reason: string;
  authProblem?: boolean;
}

export class ResultPanels implements vscode.Disposable {
  readonly serializer = new ResultPanelSerializer(this);
  private panel: vscode.WebviewPanel | undefined;
  private panelSubs: vscode.Disposable[] = [];
  private current: PanelState | undefined;
  private lastItem: FileClassification | undefined;
  /** True once the page said its message listener is installed; false again when it is hidden (destroyed). */
  private ready = false;
  private html: string | undefined;
  private watched: { pager: ResultPager; sub: { dispose(): void } } | undefined;
  /** Serialises Previous/Next so each key press moves exactly one result, even while a page loads. */
  private nav: Promise<void> = Promise.resolve();
  /** Bumped by every show/restore so a slow one does not override a later one. */
  private seq = 0;
  private readonly posted: HostToWebview[] = [];
  private readyCount = 0;
  private rejectedCount = 0;
  private readonly fileNamesSub: { dispose(): void };

  constructor(
    private readonly s: Services,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.fileNamesSub = s.fileNames.onDidChange(() => this.send());
  }

  // ---- public: opening and restoring -------------------------------------------------------------

  /** services.showResult: shows the result in the preview panel, creating it beside the editor if needed. */
  async show(jobId: string, resultId: string): Promise<void> {
    const seq = ++this.seq;
    const found = await this.locate(jobId, resultId);
    if (seq !== this.seq) return;
    if (!found.item) {
      if (!found.authProblem) void this.s.ui.warn(found.reason);
      return;
    }
    if (this.panel) {
      this.panel.reveal(undefined, true);
    } else {
      const panel = vscode.window.createWebviewPanel(
        RESULT_VIEW_TYPE,
        panelTitle(found.item, this.s.fileNames.get(found.item.file_id)),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { ...this.webviewOptions(), enableFindWidget: true, retainContextWhenHidden: false },
      );
      this.attach(panel);
    }
    this.setCurrent(jobId, found.item);
    this.send();
  }

  /** WebviewPanelSerializer: restores after a reload from {jobId, resultId}, or disposes the panel with a reason. */
  async restore(panel: vscode.WebviewPanel, rawState: unknown): Promise<void> {
    panel.webview.options = this.webviewOptions();
    const state = parsePanelState(rawState);
    if (!state) {
      this.s.log.info('Result panel: nothing to restore (no result in its saved state); closing it.');
      panel.dispose();
      return;
    }
    let disposed = false;
    const sub = panel.onDidDispose(() => (disposed = true));
    try {
      if (!(await this.s.keys.get())) {
        panel.dispose();
        void this.s.ui.warn(NO_KEY_RESTORE_MESSAGE);
        return;
      }
      const seq = ++this.seq;
      this.attach(panel); // shows "Loading…" while pages load
      if (!this.s.jobs.get(state.jobId)) await this.s.jobs.add(state.jobId);
      const found = await this.locate(state.jobId, state.resultId);
      if (disposed || seq !== this.seq) return;
      if (!found.item) {
        panel.dispose();
        if (!found.authProblem) void this.s.ui.warn(`The classify result panel was closed: ${found.reason}`);
        return;
      }
      this.setCurrent(state.jobId, found.item);
      this.send();
    } finally {
      sub.dispose();
    }
  }

  // ---- public: messages --------------------------------------------------------------------------

  /** Every message from the page goes through here; anything outside the protocol is dropped and logged. */
  async handleMessage(raw: unknown): Promise<void> {
    const msg = parseWebviewMessage(raw);
    if (!msg) {
      this.rejectedCount++;
      this.s.log.warn(`Result panel: ignored a message outside its protocol: ${describeRejected(raw)}`);
      return;
    }
    try {
      switch (msg.type) {
        case 'ready':
          this.ready = true;
          this.readyCount++;
          this.send();
          return;
        case 'prev':
        case 'next':
          return await this.enqueueStep(msg.type === 'next' ? 1 : -1);
        case 'copy':
          return await this.copy(msg.what);
        case 'showRawJson':
          if (this.current) await showRawJson(this.current.jobId, this.current.resultId);
          return;
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.s.log.error(`Result panel: ${msg.type} failed: ${message}`);
      this.postStatus('error', message);
    }
  }

  // ---- public: for tests and diagnostics ---------------------------------------------------------

  currentPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }
  currentResult(): PanelState | undefined {
    return this.current && { ...this.current };
  }
  lastHtml(): string | undefined {
    return this.html;
  }
  /** The last messages posted to the page, oldest first (at most 50). */
  postedMessages(): readonly HostToWebview[] {
    return this.posted;
  }
  lastShown(): ResultView | undefined {
    for (let i = this.posted.length - 1; i >= 0; i--) {
      const m = this.posted[i];
      if (m.type === 'show') return m.result;
    }
    return undefined;
  }
  /** How many valid 'ready' messages arrived (from the real page or a test). */
  get readyMessages(): number {
    return this.readyCount;
  }
  debugSnapshot(): unknown {
    return {
      open: !!this.panel,
      current: this.current,
      ready: this.ready,
      readyCount: this.readyCount,
      rejectedCount: this.rejectedCount,
      html: this.html,
      posted: [...this.posted],
    };
  }

  dispose(): void {
    this.panel?.dispose();
    this.detach();
    this.fileNamesSub.dispose();
  }

  // ---- internals ---------------------------------------------------------------------------------

  private webviewOptions(): vscode.WebviewOptions {
    return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] };
  }

  /** Makes `panel` the preview panel: listener first, then the page (set once; data goes by message). */
  private attach(panel: vscode.WebviewPanel): void {
    if (this.panel && this.panel !== panel) {
      const old = this.panel;
      this.detach();
      old.dispose();
    }
    this.panel = panel;
    this.ready = false;
    this.current = undefined;
    this.lastItem = undefined;
    const web = panel.webview;
    web.options = this.webviewOptions();
    this.panelSubs = [
      // Registered BEFORE html is set, so the page's first 'ready' cannot be missed.
      web.onDidReceiveMessage((m: unknown) => void this.handleMessage(m)),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        // retainContextWhenHidden is off: a hidden page is destroyed and posts 'ready' again when shown.
        if (!webviewPanel.visible) this.ready = false;
        else this.send();
      }),
      panel.onDidDispose(() => {
        if (this.panel === panel) this.detach();
      }),
    ];
    const media = (file: string) => web.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
    this.html = buildResultHtml({ cspSource: web.cspSource, scriptUri: media('result.js'), styleUri: media('result.css') }).html;
    web.html = this.html;
  }

  private detach(): void {
    for (const d of this.panelSubs) d.dispose();
    this.panelSubs = [];
    this.watched?.sub.dispose();
    this.watched = undefined;
    this.panel = undefined;
    this.ready = false;
    this.current = undefined;
    this.lastItem = undefined;
  }

  private setCurrent(jobId: string, item: FileClassification): void {
    this.current = { jobId, resultId: item.id };
    this.lastItem = item;
    const pager = this.s.jobs.pager(jobId);
    if (this.watched?.pager !== pager) {
      this.watched?.sub.dispose();
      // Position, "has more" and refreshed data follow the job's pager (Load more in the tree, refresh).
      this.watched = { pager, sub: pager.onDidChange(() => this.send()) };
    }
    void this.s.fileNames.resolve([item.file_id]);
  }

  /** Sends the current result to the page once it is ready; before that the page's 'ready' triggers it. */
  private send(): void {
    const panel = this.panel;
    const cur = this.current;
    if (!panel || !cur || !this.lastItem) return;
    const pager = this.s.jobs.pager(cur.jobId);
    const index = pager.items.findIndex((i) => i.id === cur.resultId);
    if (index >= 0) this.lastItem = pager.items[index]; // a refresh may bring a newer copy
    const item = this.lastItem;
    const fileName = this.s.fileNames.get(item.file_id);
    panel.title = panelTitle(item, fileName);
    if (!this.ready) return;
    const result = toResultView(item, {
      fileName,
      index,
      loaded: pager.items.length,
      total: pager.totalSize,
      hasMore: pager.hasMore,
      locale: vscode.env.language,
    });
    this.post({ type: 'show', result });
  }

  private postStatus(kind: StatusKind, text: string): void {
    if (this.panel && this.ready) this.post({ type: 'status', kind, text });
  }

  private post(msg: HostToWebview): void {
    this.posted.push(msg);
    if (this.posted.length > MAX_POSTED) this.posted.splice(0, this.posted.length - MAX_POSTED);
    try {
      void Promise.resolve(this.panel?.webview.postMessage(msg)).catch(() => undefined);
    } catch {
      /* the panel was disposed meanwhile */
    }
  }

  /** Finds a result in the job's loaded pages, loading more (bounded) when it is not there yet. */
  private async locate(jobId: string, resultId: string, maxPages = MAX_RESTORE_PAGES): Promise<Located> {
    const pager = this.s.jobs.pager(jobId);
    const find = () => pager.items.find((i) => i.id === resultId);
    let item = find();
    if (item) return { item, reason: '' };
    const failedBefore = pager.state === 'error';
    await loadFirst(this.s, jobId);
    if (failedBefore) await loadMore(this.s, jobId); // retry what failed earlier, once
    for (let pages = 0; !(item = find()) && pager.hasMore && pager.state !== 'error' && pages < maxPages; pages++) {
      await loadMore(this.s, jobId);
    }
    if (item) return { item, reason: '' };
    if (pager.state === 'error') {
      return { reason: `couldn't load job ${jobId}: ${pager.error?.message ?? 'unknown error'}`, authProblem: isAuthError(pager.error) };
    }
    if (pager.hasMore) {
      return { reason: `result ${resultId} was not found in the first ${pager.items.length.toLocaleString('en-US')} results of job ${jobId}. Open the job and load more to find it.` };
    }
    return { reason: `result ${resultId} is not in job ${jobId} any more (or the job is gone).` };
  }

  private enqueueStep(delta: 1 | -1): Promise<void> {
    const run = this.nav.then(() => this.step(delta));
    this.nav = run.catch(() => undefined);
    return run;
  }

  /** Previous/Next through the job's loaded results, loading the next page at the end of the list. */
  private async step(delta: 1 | -1): Promise<void> {
    const cur = this.current;
    if (!cur) return;
    let pager = this.s.jobs.pager(cur.jobId);
    let index = pager.items.findIndex((i) => i.id === cur.resultId);
    if (index < 0) {
      // The job's pages are gone (it was removed from the view): find the result again, then step.
      this.postStatus('busy', 'Loading the job’s results…');
      const found = await this.locate(cur.jobId, cur.resultId);
      if (this.current !== cur) return;
      pager = this.s.jobs.pager(cur.jobId);
      index = pager.items.findIndex((i) => i.id === cur.resultId);
      if (!found.item || index < 0) {
        this.postStatus('error', `Couldn't move to the ${delta > 0 ? 'next' : 'previous'} result: ${found.reason}`);
        return;
      }
    }
    const target = index + delta;
    if (target < 0) return;
    if (target >= pager.items.length) {
      if (!pager.hasMore) return;
      this.postStatus('busy', 'Loading more results…');
      await loadMore(this.s, cur.jobId);
      if (this.current !== cur) return; // another result was opened meanwhile
      if (target >= pager.items.length) {
        this.postStatus('error', pager.error ? `Couldn't load more results: ${pager.error.message}` : 'There are no more results.');
        return;
      }
    }
    const item = pager.items[target];
    this.setCurrent(cur.jobId, item);
    this.send();
    this.revealInTree(cur.jobId, item.id);
  }

  /** Keeps the tree's selection on the shown result while the tree is visible (no focus change). */
  private revealInTree(jobId: string, resultId: string): void {
    if (!this.s.treeView.visible) return;
    const node = this.s.tree.resultNode(jobId, resultId);
    if (!node) return;
    Promise.resolve(this.s.treeView.reveal(node, { select: true, focus: false })).catch((err: unknown) =>
      this.s.log.warn(`Result panel: could not select the result in the tree: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  private async copy(what: CopyWhat): Promise<void> {
    const item = this.lastItem;
    if (!item) return;
    let text: string;
    let done: string;
    if (what === 'id') {
      text = item.id;
      done = `Copied result ID ${item.id}`;
    } else if (what === 'reasoning') {
      if (!item.result) {
        this.s.ui.status('This result has no reasoning to copy');
        return;
      }
      text = item.result.reasoning;
      done = 'Copied the reasoning';
    } else {
      text = JSON.stringify(item, null, 2);
      done = 'Copied the result as JSON';
    }
    await this.s.clipboard(text);
    this.s.ui.status(done);
  }
}
