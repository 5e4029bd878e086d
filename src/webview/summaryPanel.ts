// The job summary: one webview panel per job (opening it again reveals it), drawn by the page from a
// SummaryView. The summary follows the job's pager live — every page loaded anywhere (the tree, Load
// all here, a refresh) updates it, at most every THROTTLE_MS. Load all runs controller.loadAll with
// this panel's own AbortController; closing the panel cancels it.
import * as vscode from 'vscode';
import { errorMessage } from '../api/errors';
import type { ClassifyJob } from '../api/types';
import { SUMMARY_VIEW_TYPE } from '../constants';
import type { JobController } from '../model/controller';
import type { FileNameCache } from '../model/fileNames';
import { formatCount } from '../model/format';
import { summarize } from '../model/summary';
import type { Log } from '../ui/log';
import { buildResultHtml, readPageTemplate } from './html';
import type { StatusKind } from './protocol';
import { parseSummaryMessage, type SummaryToPage, type SummaryView } from './summaryProtocol';
import { toSummaryView } from './summaryViewModel';

/** Page updates while pages stream in: at most one per this many ms. */
export const THROTTLE_MS = 150;

export interface SummaryPanelDeps {
  controller: JobController;
  fileNames: FileNameCache;
  getJob: (jobId: string) => Promise<ClassifyJob>;
  openResult: (jobId: string, resultId: string) => Promise<void>;
  /** `llamaClassify.lowConfidenceThreshold` */
  threshold: () => number;
  /** How many results Load all loads at most. */
  loadAllLimit: () => number;
  log: Log;
  extensionUri: vscode.Uri;
}

export class SummaryPanels implements vscode.Disposable {
  private readonly open = new Map<string, SummaryPanel>();
  private template: string | undefined;

  constructor(private readonly d: SummaryPanelDeps) {}

  /** Opens the job's summary, or reveals it when it is open. */
  show(jobId: string): SummaryPanel {
    const existing = this.open.get(jobId);
    if (existing) {
      existing.panel.reveal(undefined, false);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(SUMMARY_VIEW_TYPE, vscode.l10n.t('Summary {0}', jobId.slice(0, 8)), vscode.ViewColumn.Active, {
      enableScripts: true,
      enableCommandUris: false,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.d.extensionUri, 'media'), vscode.Uri.joinPath(this.d.extensionUri, 'dist', 'webview')],
    });
    this.template ??= readPageTemplate(this.d.extensionUri.fsPath, 'summary');
    const summary = new SummaryPanel(jobId, panel, this.d, this.template, () => this.open.delete(jobId));
    this.open.set(jobId, summary);
    return summary;
  }

  /** For tests and diagnostics. */
  get(jobId: string): SummaryPanel | undefined {
    return this.open.get(jobId);
  }

  dispose(): void {
    for (const p of [...this.open.values()]) { p.panel.dispose(); }
  }
}

export class SummaryPanel {
  readonly html: string;
  private ready = false;
  private job: ClassifyJob | undefined;
  private loadAll: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  /** Re-posted after the view when the page (re)loads, so an error said before 'ready' is not lost. */
  private lastStatus: { kind: StatusKind; text: string } | undefined;
  private readonly subs: { dispose(): void }[] = [];
  /** The last messages posted to the page (at most 20), for tests. */
  readonly posted: SummaryToPage[] = [];
  lastView: SummaryView | undefined;
  readyCount = 0;

  constructor(
    readonly jobId: string,
    readonly panel: vscode.WebviewPanel,
    private readonly d: SummaryPanelDeps,
    template: string,
    onDispose: () => void,
  ) {
    const web = panel.webview;
    const jobs = d.controller.jobs;
    this.subs.push(
      // Registered before the html is set, so the page's first 'ready' cannot be missed.
      web.onDidReceiveMessage((m: unknown) => void this.handleMessage(m)),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (!webviewPanel.visible) { this.ready = false; } // retainContextWhenHidden is off: the page is rebuilt and says 'ready' again
      }),
      // Any pager of this job, also one created again after the job was removed and re-added.
      jobs.onDidChangePager((pager) => pager.jobId === jobId && this.schedule()),
      d.fileNames.onDidChange(() => this.schedule()),
      jobs.onDidChange(() => !jobs.get(jobId) && this.schedule()),
      panel.onDidDispose(() => {
        this.disposed = true;
        this.loadAll?.abort();
        if (this.timer) { clearTimeout(this.timer); }
        for (const s of this.subs) { s.dispose(); }
        onDispose();
      }),
    );
    const uri = (...parts: string[]) => web.asWebviewUri(vscode.Uri.joinPath(d.extensionUri, ...parts)).toString();
    this.html = buildResultHtml({ cspSource: web.cspSource, scriptUri: uri('dist', 'webview', 'summary.js'), styleUri: uri('media', 'summary.css') }, template).html;
    web.html = this.html;
    void this.start();
  }

  /** Every message from the page goes through here; anything outside the protocol is dropped and logged. */
  async handleMessage(raw: unknown): Promise<void> {
    const msg = parseSummaryMessage(raw);
    if (!msg) {
      this.d.log.warn(`Summary panel: ignored a message outside its protocol.`);
      return;
    }
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.readyCount++;
        this.send();
        if (this.lastStatus) { this.post({ type: 'status', ...this.lastStatus }); }
        return;
      case 'loadAll':
        return this.runLoadAll();
      case 'cancelLoad':
        this.loadAll?.abort();
        return;
      case 'openResult':
        // Only a result this summary lists: the page cannot make the host open anything else.
        if (!this.lastView?.low.some((l) => l.resultId === msg.resultId)) { return; }
        try {
          await this.d.openResult(this.jobId, msg.resultId);
        } catch (err) {
          this.status('error', errorMessage(err));
        }
        return;
    }
  }

  /** Loads every page (up to the limit) with progress in the count line; a second press while it runs does nothing. */
  async runLoadAll(): Promise<void> {
    if (this.loadAll || this.disposed) { return; }
    const abort = new AbortController();
    this.loadAll = abort;
    this.status('busy', '');
    this.send();
    const limit = this.d.loadAllLimit();
    try {
      // Removed from the view meanwhile: list it again, so its pages stay while they load.
      if (!this.d.controller.jobs.get(this.jobId)) { await this.d.controller.jobs.add(this.jobId); }
      const out = await this.d.controller.loadAll(this.jobId, { limit, signal: abort.signal });
      if (this.disposed) { return; }
      if (out.outcome === 'error') { this.status('error', vscode.l10n.t('Loading stopped after {0} results: {1}', formatCount(out.loaded), errorMessage(out.error))); }
      else if (out.outcome === 'cancelled') { this.status('info', vscode.l10n.t('Loading cancelled at {0} results. The summary shows those.', formatCount(out.loaded))); }
      else if (out.outcome === 'limit') { this.status('info', vscode.l10n.t('Loaded the first {0} results (the Load all limit is {1}).', formatCount(out.loaded), formatCount(limit))); }
      else if (out.outcome === 'stoppedEarly') { this.status('info', vscode.l10n.t('The server kept sending pages; loading stopped at {0} results.', formatCount(out.loaded))); }
    } finally {
      this.loadAll = undefined;
      this.send();
    }
  }

  private async start(): Promise<void> {
    // The first page (unless loaded already) and the job's facts, side by side.
    const first = this.d.controller.loadFirst(this.jobId);
    try {
      this.job = await this.d.getJob(this.jobId);
    } catch (err) {
      this.d.log.warn(`Summary of job ${this.jobId}: couldn't read the job: ${errorMessage(err)}`);
    }
    await first;
    if (this.disposed) { return; }
    const pager = this.d.controller.jobs.pager(this.jobId);
    if (pager.state === 'error') { this.status('error', vscode.l10n.t("Couldn't load the results: {0}", errorMessage(pager.error))); }
    this.send();
  }

  private schedule(): void {
    if (this.timer || this.disposed) { return; }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.send();
    }, THROTTLE_MS);
  }

  /** Builds the view from the pager as it is now and posts it once the page is ready. */
  send(): void {
    if (this.disposed) { return; }
    const pager = this.d.controller.jobs.existingPager(this.jobId);
    if (!pager && this.lastView) {
      // The job was removed from the view and its pages dropped: keep showing what was summarized.
      this.status('info', vscode.l10n.t('This job was removed from the LlamaCloud Classify view; the summary shows what was loaded. Load all lists it again.'));
      this.post({ type: 'summary', view: { ...this.lastView, canLoadAll: true, loadingAll: false } });
      return;
    }
    const items = pager?.items ?? [];
    const view = toSummaryView(summarize(items, this.d.threshold()), {
      jobId: this.jobId,
      total: pager?.totalSize,
      hasMore: !pager?.started || (pager?.hasMore ?? true),
      loadingAll: !!this.loadAll,
      limit: this.d.loadAllLimit(),
      fileName: (id) => this.d.fileNames.get(id),
      job: this.job,
      locale: vscode.env.language,
    });
    this.lastView = view;
    this.post({ type: 'summary', view });
  }

  private status(kind: StatusKind, text: string): void {
    this.lastStatus = text ? { kind, text } : undefined;
    this.post({ type: 'status', kind, text });
  }

  private post(msg: SummaryToPage): void {
    if (!this.ready) { return; }
    this.posted.push(msg);
    if (this.posted.length > 20) { this.posted.splice(0, this.posted.length - 20); }
    void Promise.resolve(this.panel.webview.postMessage(msg)).catch(() => undefined);
  }
}
