// Renders the job list and each job's pager as a tree. Fetches nothing itself except asking for a
// job's first page when it is expanded (getChildren cannot tell "load more" from "re-render", so
// further pages load only through the Load more command).
import * as vscode from 'vscode';
import { LlamaCloudError } from '../api/errors';
import { shortId } from '../api/jobId';
import type { FileNameCache } from '../model/fileNames';
import {
  confidenceBand,
  formatDate,
  formatPercent,
  formatProgress,
  itemAccessibilityLabel,
  itemDescription,
  itemLabel,
  reasoningPreview,
  typeLabel,
} from '../model/format';
import type { JobList } from '../model/jobList';
import { nodeId, type JobNode, type LoadMoreNode, type Node, type ResultNode, type StatusKind, type StatusNode } from './nodes';

const BAND_COLORS = {
  high: 'charts.green',
  medium: 'charts.yellow',
  low: 'charts.red',
  unknown: 'disabledForeground',
} as const;

export class ResultsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private jobNodes = new Map<string, JobNode>();
  private resultNodes = new Map<string, Map<string, ResultNode>>();
  private expandNext = new Set<string>();
  private pendingJobs = new Set<string>();
  private pendingAll = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly jobs: JobList,
    private readonly fileNames: FileNameCache,
    /** Starts loading a job's first page (with view progress and error reporting). */
    private readonly startFirstLoad: (jobId: string) => void,
  ) {}

  /** Coalesces change events: many pager events in a burst become one tree update per job. */
  refreshJob(jobId: string): void {
    this.pendingJobs.add(jobId);
    this.schedule();
  }

  refreshAll(): void {
    this.pendingAll = true;
    this.schedule();
  }

  /** The next render of this job's node is expanded (a job just opened from the palette). */
  expandOnNextRender(jobId: string): void {
    this.expandNext.add(jobId);
  }

  jobNode(jobId: string): JobNode {
    let node = this.jobNodes.get(jobId);
    if (!node) {
      node = { kind: 'job', jobId };
      this.jobNodes.set(jobId, node);
    }
    return node;
  }

  resultNode(jobId: string, itemId: string): ResultNode | undefined {
    const cached = this.resultNodes.get(jobId)?.get(itemId);
    if (cached) return cached;
    const item = this.jobs.existingPager(jobId)?.items.find((i) => i.id === itemId);
    return item ? this.resultNodeFor(jobId, item) : undefined;
  }

  getChildren(element?: Node): Node[] {
    if (!element) return this.jobs.jobs.map((j) => this.jobNode(j.id));
    if (element.kind !== 'job') return [];
    return this.jobChildren(element.jobId);
  }

  getParent(element: Node): Node | undefined {
    return element.kind === 'job' ? undefined : this.jobNode(element.jobId);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'job':
        return this.jobItem(node);
      case 'result':
        return this.resultItem(node);
      case 'loadMore':
        return this.loadMoreItem(node);
      case 'status':
        return this.statusItem(node);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }

  /** Sends the pending change now: before `TreeView.reveal`, which resolves against the view's last known rows. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pendingAll) this.changed.fire(undefined);
    else for (const id of this.pendingJobs) if (this.jobs.get(id)) this.changed.fire(this.jobNode(id));
    this.pendingAll = false;
    this.pendingJobs.clear();
  }

  private schedule() {
    this.timer ??= setTimeout(() => this.flush(), 15);
  }

  private jobChildren(jobId: string): Node[] {
    // The view can still ask for a job removed a moment ago: creating a pager then would load it in
    // the background and hand stale pages (old settings, old key) to the job when it is opened again.
    if (!this.jobs.get(jobId)) return [];
    const pager = this.jobs.pager(jobId);
    if (!pager.started) {
      this.startFirstLoad(jobId);
      return [this.status(jobId, 'loading')];
    }
    const items = pager.items;
    const error = pager.state === 'error' ? pager.error : undefined;
    if (items.length === 0) {
      if (pager.state === 'loading') return [this.status(jobId, 'loading')];
      if (error) return [this.errorNode(jobId, error)];
      if (pager.state === 'idle') return [this.status(jobId, 'cancelled')];
      const meta = this.jobs.get(jobId)?.meta;
      if (meta?.status === 'PENDING') return [this.status(jobId, 'pending')];
      if (meta?.status === 'ERROR' || meta?.status === 'CANCELLED') return [this.status(jobId, 'jobFailed', meta.error_message ?? undefined)];
      return [this.status(jobId, 'empty')];
    }
    const children: Node[] = items.map((item) => this.resultNodeFor(jobId, item));
    if (pager.hasMore) children.push({ kind: 'loadMore', jobId });
    if (error && (!pager.hasMore || isAuth(error))) children.push(this.errorNode(jobId, error));
    if (pager.warning) {
      children.push({ ...this.status(jobId, 'warning', pager.warning), title: pager.stoppedEarly ? 'Paging stopped early' : 'Some results were sent more than once' });
    }
    return children;
  }

  private resultNodeFor(jobId: string, item: ResultNode['item']): ResultNode {
    let byId = this.resultNodes.get(jobId);
    if (!byId) {
      byId = new Map();
      this.resultNodes.set(jobId, byId);
    }
    let node = byId.get(item.id);
    if (!node || node.item !== item) {
      node = { kind: 'result', jobId, item };
      byId.set(item.id, node);
    }
    return node;
  }

  private status(jobId: string, status: StatusKind, message?: string): StatusNode {
    return { kind: 'status', jobId, status, message };
  }

  private errorNode(jobId: string, error: Error): StatusNode {
    if (isAuth(error)) return this.status(jobId, 'auth', error.message);
    if (error instanceof LlamaCloudError && error.kind === 'notFound') return this.status(jobId, 'notFound', error.message);
    return this.status(jobId, 'error', error.message);
  }

  private jobItem(node: JobNode): vscode.TreeItem {
    const entry = this.jobs.get(node.jobId);
    const pager = this.jobs.existingPager(node.jobId);
    const expand = this.expandNext.delete(node.jobId);
    const item = new vscode.TreeItem(
      shortId(node.jobId),
      expand ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = nodeId(node);
    item.contextValue = 'llamaClassify:job';
    const status = entry?.meta?.status;
    const counts = pager?.started && (pager.items.length > 0 || pager.state === 'complete') ? formatProgress(pager.items.length, pager.totalSize) : undefined;
    item.description = [status, counts].filter(Boolean).join(' · ') || undefined;
    item.iconPath = new vscode.ThemeIcon(jobIcon(status), jobIconColor(status));
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown('**Classify job** ');
    tip.appendText(node.jobId);
    if (status) tip.appendMarkdown('\n\nStatus: ').appendText(status);
    const created = formatDate(entry?.meta?.created_at);
    if (created) tip.appendMarkdown('\n\nCreated: ').appendText(created);
    if (entry?.meta?.error_message) tip.appendMarkdown('\n\nError: ').appendText(entry.meta.error_message);
    if (counts) tip.appendMarkdown('\n\nResults loaded: ').appendText(counts);
    item.tooltip = tip;
    item.accessibilityInformation = { label: `Classify job ${node.jobId}${status ? `, ${status}` : ''}${counts ? `, ${counts} results` : ''}` };
    return item;
  }

  private resultItem(node: ResultNode): vscode.TreeItem {
    const { item: row, jobId } = node;
    const fileName = this.fileNames.get(row.file_id);
    const item = new vscode.TreeItem(itemLabel(row, fileName), vscode.TreeItemCollapsibleState.None);
    item.id = nodeId(node);
    item.description = itemDescription(row);
    item.contextValue = 'llamaClassify:result';
    const result = row.result;
    const band = confidenceBand(result?.confidence);
    item.iconPath = new vscode.ThemeIcon(
      !result ? 'question' : result.type === null ? 'circle-slash' : 'circle-filled',
      new vscode.ThemeColor(BAND_COLORS[band]),
    );
    // appendText escapes markdown: remote text can neither format nor link (no command: links).
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown('**').appendText(typeLabel(result)).appendMarkdown('**');
    if (result) {
      const percent = formatPercent(result.confidence);
      tip.appendMarkdown(' · ').appendText(percent ? `${percent} confidence (${band})` : `confidence unknown: ${result.confidenceIssue ?? ''}`);
      if (result.reasoning) tip.appendMarkdown('\n\n').appendText(reasoningPreview(result.reasoning));
    }
    tip.appendMarkdown('\n\n').appendText(fileName ? `File: ${fileName} (${row.file_id})` : row.file_id ? `File ID: ${row.file_id}` : 'No file ID');
    item.tooltip = tip;
    item.accessibilityInformation = { label: itemAccessibilityLabel(row, fileName) };
    item.command = { command: 'llamaClassify.openResult', title: 'Open Result', arguments: [jobId, row.id] };
    return item;
  }

  private loadMoreItem(node: LoadMoreNode): vscode.TreeItem {
    const pager = this.jobs.pager(node.jobId);
    const progress = formatProgress(pager.items.length, pager.totalSize);
    const item = new vscode.TreeItem('', vscode.TreeItemCollapsibleState.None);
    item.id = nodeId(node);
    if (pager.state === 'loading') {
      // No command while loading: a second click cannot start a second request.
      item.label = 'Loading more…';
      item.description = progress;
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      item.contextValue = 'llamaClassify:loading';
      item.tooltip = 'Loading the next page. Use the stop button to cancel.';
    } else if (pager.state === 'error') {
      item.label = 'Retry loading more';
      item.description = progress;
      item.iconPath = new vscode.ThemeIcon('refresh', new vscode.ThemeColor('errorForeground'));
      item.tooltip = `${pager.error?.message ?? 'Loading the next page failed.'}\n\nThe results already loaded are kept.`;
      item.command = { command: 'llamaClassify.loadMore', title: 'Retry loading more', arguments: [node.jobId] };
      item.contextValue = 'llamaClassify:error';
    } else {
      item.label = `Load more (${progress})`;
      item.iconPath = new vscode.ThemeIcon('fold-down');
      item.tooltip = `Load the next page of results for job ${node.jobId}.`;
      item.command = { command: 'llamaClassify.loadMore', title: 'Load more', arguments: [node.jobId] };
      item.contextValue = 'llamaClassify:loadMore';
    }
    item.accessibilityInformation = { label: `${item.label}, ${progress} results` };
    return item;
  }

  private statusItem(node: StatusNode): vscode.TreeItem {
    const item = new vscode.TreeItem('', vscode.TreeItemCollapsibleState.None);
    item.id = nodeId(node);
    item.contextValue = `llamaClassify:status`;
    const retry = { command: 'llamaClassify.loadMore', title: 'Retry', arguments: [node.jobId] };
    switch (node.status) {
      case 'loading':
        item.label = 'Loading results…';
        item.iconPath = new vscode.ThemeIcon('loading~spin');
        item.contextValue = 'llamaClassify:loading';
        break;
      case 'cancelled':
        item.label = 'Loading was cancelled — click to load';
        item.iconPath = new vscode.ThemeIcon('debug-restart');
        item.command = retry;
        break;
      case 'empty':
        item.label = 'No results in this job';
        item.iconPath = new vscode.ThemeIcon('info');
        break;
      case 'pending':
        item.label = 'The job is still pending';
        item.description = 'refresh to check again';
        item.iconPath = new vscode.ThemeIcon('clock');
        item.command = { command: 'llamaClassify.refresh', title: 'Refresh', arguments: [node.jobId] };
        break;
      case 'jobFailed':
        item.label = 'The classify job failed';
        item.description = node.message;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        break;
      case 'auth':
        item.label = 'Set API key…';
        item.description = 'LlamaCloud rejected the key';
        item.iconPath = new vscode.ThemeIcon('key', new vscode.ThemeColor('errorForeground'));
        item.command = { command: 'llamaClassify.setApiKey', title: 'Set API Key…' };
        break;
      case 'notFound':
        item.label = 'Job not found';
        item.description = 'check the ID, region and project';
        item.iconPath = new vscode.ThemeIcon('question', new vscode.ThemeColor('errorForeground'));
        item.contextValue = 'llamaClassify:error';
        break;
      case 'error':
        item.label = 'Couldn’t load results — click to retry';
        item.description = node.message;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        item.command = retry;
        item.contextValue = 'llamaClassify:error';
        break;
      case 'warning':
        item.label = node.title ?? 'Warning';
        item.description = node.message;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'));
        break;
    }
    if (node.message) item.tooltip = node.message;
    item.accessibilityInformation = { label: [item.label, node.message].filter(Boolean).join('. ') };
    return item;
  }
}

function isAuth(error: Error): boolean {
  return error instanceof LlamaCloudError && error.isAuthProblem;
}

function jobIcon(status: string | undefined): string {
  switch (status) {
    case 'SUCCESS':
      return 'pass';
    case 'PARTIAL_SUCCESS':
      return 'warning';
    case 'PENDING':
      return 'clock';
    case 'ERROR':
      return 'error';
    case 'CANCELLED':
      return 'circle-slash';
    default:
      return 'list-unordered';
  }
}

function jobIconColor(status: string | undefined): vscode.ThemeColor | undefined {
  if (status === 'SUCCESS') return new vscode.ThemeColor('testing.iconPassed');
  if (status === 'ERROR') return new vscode.ThemeColor('errorForeground');
  if (status === 'PARTIAL_SUCCESS') return new vscode.ThemeColor('editorWarning.foreground');
  return undefined;
}

