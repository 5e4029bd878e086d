// The result detail panel's host side: creates, reveals and restores the panel, pushes view models to
// it and acts on the few messages its protocol allows. Navigation (Previous/Next) is navigation.ts.
//
// Design: ONE reusable "preview" panel that follows the selection, like VS Code's preview editor.
//  - Clicking through results in the tree is browsing, not "open these N documents": one panel per
//    result would pile up tabs the user must close by hand.
//  - Each webview costs a renderer process' worth of memory; one panel keeps that constant, and with
//    retainContextWhenHidden off a hidden panel is cheap anyway.
//  - Previous/Next in the panel walk the same list, which only makes sense for a single panel.
// Re-opening the shown result (or any other) therefore reveals the existing panel, never a new tab.
import * as vscode from 'vscode';
import { errorMessage, isAuthError } from '../api/errors';
import type { FileClassification } from '../api/types';
import type { ApiKeyStore } from '../auth/apiKeyStore';
import { RESULT_PANEL_VIEW_TYPE } from '../constants';
import type { JobController } from '../model/controller';
import type { ReviewActions } from '../commands/reviewActions';
import type { FileNameCache } from '../model/fileNames';
import type { ResultPager } from '../model/pager';
import { needsReview, nextInQueue, queuePosition, reviewTitle, thresholdText } from '../model/reviewQueue';
import type { Log } from '../ui/log';
import type { Ui } from '../ui/prompts';
import { buildResultHtml, readResultTemplate } from './html';
import { ResultNavigator, type Accept } from './navigation';
import {
  describeRejected,
  parsePanelState,
  parseWebviewMessage,
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

export const noKeyRestoreMessage = () =>
  vscode.l10n.t('The classify result panel was closed because no LlamaCloud API key is set. Set one (LlamaCloud Classify: Set API Key…) and open the result again from the LlamaCloud Classify view.');

export interface ResultPanelDeps {
  controller: JobController;
  fileNames: FileNameCache;
  keys: ApiKeyStore;
  ui: () => Ui;
  log: Log;
  clipboard: (text: string) => Thenable<void>;
  /** The link that opens a result in this editor (Copy link). */
  link: (jobId: string, resultId: string) => string;
  showRawJson: (jobId: string, resultId: string) => Promise<void>;
  /** Selects the shown result in the tree when the tree is visible (no focus change). */
  revealInTree: (jobId: string, resultId: string) => void;
  /** The job the panel shows changed (or the panel closed): pagers of unlisted jobs can be dropped. */
  onDidChangeJob: (jobId: string | undefined) => void;
  /** Marks (Correct / Wrong type) and their prompts. */
  review: ReviewActions;
  /** `llamaClassify.lowConfidenceThreshold`, read when used. */
  threshold: () => number;
  extensionUri: vscode.Uri;
}

export class ResultPanel implements vscode.Disposable {
  readonly serializer = new ResultPanelSerializer(this);
  private panel: vscode.WebviewPanel | undefined;
  private panelSubs: vscode.Disposable[] = [];
  private current: PanelState | undefined;
  /** Set while Previous/Next walk the review queue of this job. */
  private reviewing: { jobId: string } | undefined;
  private lastItem: FileClassification | undefined;
  /** True once the page said its message listener is installed; false again when it is hidden (destroyed). */
  private ready = false;
  private html: string | undefined;
  /** media/result.html, read once. */
  private template: string | undefined;
  private watched: { pager: ResultPager; sub: { dispose(): void } } | undefined;
  private readonly navigator: ResultNavigator;
  /** Bumped by every show/restore so a slow one does not override a later one. */
  private seq = 0;
  private readonly posted: HostToWebview[] = [];
  private readyCount = 0;
  private rejectedCount = 0;
  private readonly fileNamesSub: { dispose(): void };
  private readonly marksSub: { dispose(): void };

  constructor(private readonly d: ResultPanelDeps) {
    this.fileNamesSub = d.fileNames.onDidChange(() => this.send());
    this.marksSub = d.review.marks.onDidChange((jobId) => jobId === this.current?.jobId && this.send());
    this.navigator = new ResultNavigator(d.controller, (text) => this.postStatus('busy', text));
  }

  // ---- public: opening and restoring -------------------------------------------------------------

  /** Shows the result in the preview panel, creating it beside the editor if needed. */
  async show(jobId: string, resultId: string): Promise<void> {
    const seq = ++this.seq;
    const found = await this.d.controller.locate(jobId, resultId);
    if (seq !== this.seq) { return; }
    if (!found.item) {
      if (!found.authProblem) { void this.d.ui().warn(found.reason); }
      return;
    }
    // Opening a result keeps review mode only for a result of the queue being walked.
    const keepReview = this.reviewing?.jobId === jobId && needsReview(found.item, this.d.threshold());
    this.open(found.item);
    if (!keepReview) { this.reviewing = undefined; }
    this.setCurrent(jobId, found.item);
    this.send();
  }

  /**
   * Review Low-Confidence Results: shows the job's first result below the threshold (or "No match"),
   * loading pages as needed, and makes Previous/Next walk only those. Says so when there is none.
   */
  async startReview(jobId: string): Promise<void> {
    const seq = ++this.seq;
    const threshold = this.d.threshold();
    const outcome = await this.navigator.first(jobId, this.reviewFilter(threshold), () => seq === this.seq);
    if (seq !== this.seq) { return; }
    if (outcome.kind === 'failed') {
      // A rejected key already has its notice and tree row: no second message.
      if (!isAuthError(this.d.controller.jobs.pager(jobId).error)) { void this.d.ui().warn(outcome.text); }
      return;
    }
    if (outcome.kind === 'none') {
      const pager = this.d.controller.jobs.pager(jobId);
      const scope = pager.hasMore ? `the first ${pager.items.length.toLocaleString('en-US')} results` : 'its results';
      void this.d.ui().info(`Nothing to review in job ${jobId}: none of ${scope} is below ${thresholdText(threshold)} or "No match".`);
      return;
    }
    this.open(outcome.item);
    this.reviewing = { jobId };
    this.setCurrent(jobId, outcome.item);
    this.send();
    this.d.revealInTree(jobId, outcome.item.id);
  }

  /** Shows the current result again (a setting it depends on changed). */
  refresh(): void {
    this.send();
  }

  /** WebviewPanelSerializer: restores after a reload from {jobId, resultId}, or disposes the panel with a reason. */
  async restore(panel: vscode.WebviewPanel, rawState: unknown): Promise<void> {
    const state = parsePanelState(rawState);
    if (!state) {
      this.d.log.info('Result panel: nothing to restore (no result in its saved state); closing it.');
      panel.dispose();
      return;
    }
    const seq = ++this.seq;
    this.attach(panel); // the page says "Loading…" at once, while the key is read and pages load
    let disposed = false;
    const sub = panel.onDidDispose(() => (disposed = true));
    try {
      if (!(await this.d.keys.get())) {
        panel.dispose();
        void this.d.ui().warn(noKeyRestoreMessage());
        return;
      }
      // The restored result's job comes back into the view, as it was when the result was opened.
      if (!this.d.controller.jobs.get(state.jobId)) { await this.d.controller.jobs.add(state.jobId); }
      const found = await this.d.controller.locate(state.jobId, state.resultId);
      if (disposed || seq !== this.seq) { return; }
      if (!found.item) {
        panel.dispose();
        if (!found.authProblem) {void this.d.ui().warn(vscode.l10n.t('The classify result panel was closed: {0}', found.reason));}
        return;
      }
      this.reviewing = state.review ? { jobId: state.jobId } : undefined;
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
      this.d.log.warn(`Result panel: ignored a message outside its protocol: ${describeRejected(raw)}`);
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
          return await this.step(msg.type === 'next' ? 1 : -1);
        case 'copy':
          return await this.copy(msg.what);
        case 'showRawJson':
          if (this.current) { await this.d.showRawJson(this.current.jobId, this.current.resultId); }
          return;
        case 'mark':
        case 'clearMark':
          return await this.mark(msg.resultId, msg.type === 'mark' ? msg.verdict : null);
        case 'exitReview':
          this.reviewing = undefined;
          this.send();
          return;
      }
    } catch (err) {
      const message = errorMessage(err);
      this.d.log.error(`Result panel: ${msg.type} failed: ${message}`);
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
      if (m.type === 'show') { return m.result; }
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
    this.marksSub.dispose();
  }

  // ---- internals ---------------------------------------------------------------------------------

  /** Reveals the preview panel, or creates it beside the editor. */
  private open(item: FileClassification): void {
    if (this.panel) {
      this.panel.reveal(undefined, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      RESULT_PANEL_VIEW_TYPE,
      panelTitle(item, this.d.fileNames.get(item.file_id)),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { ...this.webviewOptions(), enableFindWidget: true, retainContextWhenHidden: false },
    );
    this.attach(panel);
  }

  private reviewFilter(threshold: number): Accept {
    return (item) => needsReview(item, threshold);
  }

  private webviewOptions(): vscode.WebviewOptions {
    const root = this.d.extensionUri;
    return {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(root, 'media'), vscode.Uri.joinPath(root, 'dist', 'webview')],
    };
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
    this.reviewing = undefined;
    this.lastItem = undefined;
    const web = panel.webview;
    web.options = this.webviewOptions();
    this.panelSubs = [
      // Registered BEFORE html is set, so the page's first 'ready' cannot be missed.
      web.onDidReceiveMessage((m: unknown) => void this.handleMessage(m)),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        // retainContextWhenHidden is off: a hidden page is destroyed and posts 'ready' again when shown.
        if (!webviewPanel.visible) { this.ready = false; }
        else { this.send(); }
      }),
      panel.onDidDispose(() => {
        if (this.panel === panel) { this.detach(); }
      }),
    ];
    const uri = (...parts: string[]) => web.asWebviewUri(vscode.Uri.joinPath(this.d.extensionUri, ...parts)).toString();
    this.template ??= readResultTemplate(this.d.extensionUri.fsPath);
    this.html = buildResultHtml({ cspSource: web.cspSource, scriptUri: uri('dist', 'webview', 'result.js'), styleUri: uri('media', 'result.css') }, this.template).html;
    web.html = this.html;
  }

  private detach(): void {
    const hadJob = this.current?.jobId;
    for (const d of this.panelSubs) { d.dispose(); }
    this.panelSubs = [];
    this.watched?.sub.dispose();
    this.watched = undefined;
    this.panel = undefined;
    this.ready = false;
    this.current = undefined;
    this.reviewing = undefined;
    this.lastItem = undefined;
    if (hadJob) { this.d.onDidChangeJob(undefined); }
  }

  private setCurrent(jobId: string, item: FileClassification): void {
    const previousJob = this.current?.jobId;
    this.current = { jobId, resultId: item.id };
    this.lastItem = item;
    const pager = this.d.controller.jobs.pager(jobId);
    if (this.watched?.pager !== pager) {
      this.watched?.sub.dispose();
      // Position, "has more" and refreshed data follow the job's pager (Load more in the tree, refresh).
      this.watched = { pager, sub: pager.onDidChange(() => this.send()) };
    }
    void this.d.fileNames.resolve([item.file_id]);
    if (previousJob !== jobId) { this.d.onDidChangeJob(jobId); }
  }

  /** Sends the current result to the page once it is ready; before that the page's 'ready' triggers it. */
  private send(): void {
    const panel = this.panel;
    const cur = this.current;
    if (!panel || !cur || !this.lastItem) { return; }
    const pager = this.d.controller.jobs.pager(cur.jobId);
    const index = pager.items.findIndex((i) => i.id === cur.resultId);
    if (index >= 0) { this.lastItem = pager.items[index]; } // a refresh may bring a newer copy
    const item = this.lastItem;
    const fileName = this.d.fileNames.get(item.file_id);
    const review = this.reviewing?.jobId === cur.jobId ? this.reviewView(pager, index, cur.resultId) : undefined;
    panel.title = review?.title ?? panelTitle(item, fileName);
    if (!this.ready) { return; }
    const result = toResultView(item, {
      fileName,
      index,
      loaded: pager.items.length,
      total: pager.totalSize,
      hasMore: pager.hasMore,
      locale: vscode.env.language,
      mark: this.d.review.marks.get(cur.jobId, cur.resultId),
      review,
    });
    this.post({ type: 'show', result });
  }

  /** "Review 3 of 17 · below 60%", and whether the queue goes on either way from `index`. */
  private reviewView(pager: ResultPager, index: number, resultId: string): { title: string; canPrev: boolean; canNext: boolean } {
    const threshold = this.d.threshold();
    const items = pager.items;
    return {
      title: reviewTitle(queuePosition(items, threshold, resultId), pager.hasMore, threshold),
      canPrev: index >= 0 && nextInQueue(items, index, -1, threshold) >= 0,
      canNext: index >= 0 && (pager.hasMore || nextInQueue(items, index, 1, threshold) >= 0),
    };
  }

  /** A mark from the page, for the result it shows; ignored once the panel shows another one. */
  private async mark(resultId: string, verdict: 'correct' | 'wrong' | null): Promise<void> {
    const cur = this.current;
    if (!cur || cur.resultId !== resultId) {
      this.d.log.info(`Result panel: a mark for ${resultId} arrived after the panel moved on; ignored.`);
      return;
    }
    if (verdict === 'correct') { await this.d.review.markCorrect(cur.jobId, resultId); }
    else if (verdict === 'wrong') { await this.d.review.markWrong(cur.jobId, resultId); }
    else { await this.d.review.clearMark(cur.jobId, resultId); }
  }

  private postStatus(kind: StatusKind, text: string): void {
    if (this.panel && this.ready) {this.post({ type: 'status', kind, text });}
  }

  private post(msg: HostToWebview): void {
    this.posted.push(msg);
    if (this.posted.length > MAX_POSTED) { this.posted.splice(0, this.posted.length - MAX_POSTED); }
    try {
      void Promise.resolve(this.panel?.webview.postMessage(msg)).catch(() => undefined);
    } catch {
      /* the panel was disposed meanwhile */
    }
  }

  private async step(delta: 1 | -1): Promise<void> {
    const accept = this.reviewing && this.reviewing.jobId === this.current?.jobId ? this.reviewFilter(this.d.threshold()) : undefined;
    const outcome = await this.navigator.step(
      delta,
      () => this.current,
      (from, item) => {
        this.setCurrent(from.jobId, item);
        this.send();
        this.d.revealInTree(from.jobId, item.id);
      },
      accept,
    );
    if (outcome.kind === 'failed') { this.postStatus('error', outcome.text); }
    else if (outcome.kind === 'none' && outcome.text) { this.postStatus('info', outcome.text); }
  }

  private async copy(what: CopyWhat): Promise<void> {
    const item = this.lastItem;
    if (!item) { return; }
    let text: string;
    let done: string;
    if (what === 'id') {
      text = item.id;
      done = vscode.l10n.t('Copied result ID {0}', item.id);
    } else if (what === 'link') {
      const jobId = this.current?.jobId;
      if (!jobId) { return; }
      text = this.d.link(jobId, item.id);
      done = vscode.l10n.t('Copied a link to result {0}', item.id);
    } else if (what === 'reasoning') {
      if (!item.result) {
        this.d.ui().status(vscode.l10n.t('This result has no reasoning to copy'));
        return;
      }
      text = item.result.reasoning;
      done = vscode.l10n.t('Copied the reasoning');
    } else {
      text = JSON.stringify(item, null, 2);
      done = vscode.l10n.t('Copied the result as JSON');
    }
    await this.d.clipboard(text);
    this.d.ui().status(done);
  }
}
