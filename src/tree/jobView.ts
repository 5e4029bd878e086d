// The LlamaCloud Classify view: the TreeView over the provider, and what a person does to it — open a
// job (add, expand, reveal, load), select a result, and remember which jobs are expanded.
import * as vscode from 'vscode';
import { errorMessage } from '../api/errors';
import { RESULTS_VIEW_ID } from '../constants';
import type { JobController } from '../model/controller';
import type { JobList } from '../model/jobList';
import type { JobVersions } from '../model/jobVersions';
import type { StatusPoller } from '../model/poller';
import type { ViewQuery } from '../model/viewQuery';
import type { Log } from '../ui/log';
import type { Node } from './nodes';
import { ResultsTreeProvider, type TreeReview } from './provider';

export class JobView implements vscode.Disposable {
  readonly provider: ResultsTreeProvider;
  readonly treeView: vscode.TreeView<Node>;
  private readonly subs: vscode.Disposable[];

  constructor(
    private readonly jobs: JobList,
    private readonly controller: JobController,
    fileNames: ConstructorParameters<typeof ResultsTreeProvider>[1],
    versions: JobVersions,
    private readonly log: Log,
    private readonly query: ViewQuery,
    poller?: StatusPoller,
    review?: TreeReview,
  ) {
    this.provider = new ResultsTreeProvider(jobs, fileNames, controller, versions, query, poller, review);
    this.treeView = vscode.window.createTreeView(RESULTS_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
    this.showQuery();
    this.subs = [
      query.onDidChange(() => this.onQueryChanged()),
      this.provider,
      this.treeView,
      // Where the person was survives a window reload: expanded jobs come back expanded.
      this.treeView.onDidExpandElement(({ element }) => element.kind === 'job' && void jobs.setExpanded(element.jobId, true)),
      this.treeView.onDidCollapseElement(({ element }) => element.kind === 'job' && void jobs.setExpanded(element.jobId, false)),
    ];
  }

  /** Adds the job (or finds it), expands and reveals it, and loads its first page. */
  async showJob(jobId: string): Promise<void> {
    // The first page is asked for before anything else waits (saving the list, revealing the row):
    // in a remote window each of those is a round trip, and the network is the one cost that counts.
    const adding = this.jobs.add(jobId, { expanded: true });
    const loading = this.controller.loadFirst(jobId);
    this.provider.expandOnNextRender(jobId);
    this.provider.refreshAll();
    this.provider.flush();
    void loading.then(() => this.jobs.refreshMeta(jobId)); // the status after the rows: they matter more
    await adding;
    await this.reveal(jobId);
    await loading;
  }

  /**
   * Moves keyboard focus to the view. Before a prompt opens: when the palette that ran the command
   * closes, focus returns to what had it — a webview returns late and can take a prompt's keystrokes.
   * Focusing the view first (the job will show there anyway) lets that settle before the prompt opens.
   */
  async focus(): Promise<void> {
    try {
      await vscode.commands.executeCommand(`${RESULTS_VIEW_ID}.focus`);
    } catch (err) {
      this.log.warn(`Could not focus the LlamaCloud Classify view: ${errorMessage(err)}`);
    }
  }

  /**
   * Keeps the tree's selection on a result while the tree is visible (no focus change). False when
   * the tree has no row for it (not loaded, or hidden by the filter).
   */
  revealResult(jobId: string, resultId: string, { show = false } = {}): boolean {
    if (!show && !this.treeView.visible) { return false; }
    const node = this.provider.resultNode(jobId, resultId);
    if (!node || !this.provider.isShown(jobId, resultId)) { return false; }
    this.provider.flush(); // reveal resolves against the rows the view last received
    Promise.resolve(this.treeView.reveal(node, { select: true, focus: false })).catch((err: unknown) =>
      this.log.warn(`Could not select result ${resultId} in the tree: ${errorMessage(err)}`),
    );
    return true;
  }

  dispose(): void {
    for (const s of this.subs) { s.dispose(); }
  }

  /**
   * The active filter in the view's title ("invoice, No match · < 60%") and, because a view alone in
   * its container shows no description, as a line above the rows, with the order when it is not the server's.
   */
  private showQuery(): void {
    const filter = this.query.describe();
    this.treeView.description = filter || undefined;
    const parts = [filter && `Filter: ${filter}`, this.query.sort !== 'server' && `Sorted by ${this.query.sortLabel().toLowerCase()}`];
    this.treeView.message = parts.filter(Boolean).join(' · ') || undefined;
  }

  /**
   * Filtering, sorting and grouping keep the person's place: rows keep their IDs (so expanded rows
   * stay expanded) and a selected result that is still shown is selected again under its new parent.
   */
  private onQueryChanged(): void {
    this.showQuery();
    const selected = this.treeView.selection[0];
    this.provider.refreshAll();
    this.provider.flush();
    if (selected?.kind === 'result' && this.treeView.visible) { this.revealResult(selected.jobId, selected.item.id); }
  }

  private async reveal(jobId: string): Promise<void> {
    try {
      await vscode.commands.executeCommand(`${RESULTS_VIEW_ID}.focus`);
      await this.treeView.reveal(this.provider.jobNode(jobId), { select: true, focus: false, expand: true });
    } catch (err) {
      this.log.warn(`Could not reveal job ${jobId} in the tree: ${errorMessage(err)}`);
    }
  }
}
