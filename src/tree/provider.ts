// The shape of the results tree: which rows a job has, given its pager and the view's filter, order
// and grouping (model/viewQuery.ts; re-ordering never fetches). Rendering is in render.ts.
// Fetches nothing itself except asking the controller for a job's first page when the job is shown
// expanded (getChildren cannot tell "load more" from "re-render", so further pages load only through
// the Load more command).
import * as vscode from 'vscode';
import { isAuthError, isLlamaCloudError, isNoAccessError } from '../api/errors';
import { versionFromShape } from '../api/jobId';
import type { FileClassification } from '../api/types';
import type { JobController } from '../model/controller';
import type { FileNameCache } from '../model/fileNames';
import type { JobList } from '../model/jobList';
import { readStatus } from '../model/jobStatus';
import type { JobVersions } from '../model/jobVersions';
import type { StatusPoller } from '../model/poller';
import type { QueryResult } from '../model/resultQuery';
import { isV2ListKey } from '../model/v2';
import type { ViewQuery } from '../model/viewQuery';
import { RANGE_SIZE, type GroupNode, type JobNode, type Node, type RangeNode, type ResultNode, type StatusKind, type StatusNode } from './nodes';
import { groupItem, jobItem, loadMoreItem, rangeItem, resultItem, statusItem } from './render';

/** Where a result sits in a job's shown rows: its group (if grouped) and its index in that list. */
type Place = { group?: string; index: number; length: number };
import type { ReviewMarks } from '../model/reviewMarks';
import { reviewSummary, reviewSummaryText } from '../model/reviewQueue';
import { decorateJob, decorateResult } from './reviewRender';

/** Review marks and the low-confidence threshold, for the marks on rows and the counts on job rows. */
export interface TreeReview {
  marks: ReviewMarks;
  threshold(): number;
}

export class ResultsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private jobNodes = new Map<string, JobNode>();
  private resultNodes = new Map<string, Map<string, ResultNode>>();
  private expandNext = new Set<string>();
  private pendingJobs = new Set<string>();
  private pendingAll = false;
  private timer: NodeJS.Timeout | undefined;
  private namesVersion = 0;
  private places = new WeakMap<QueryResult, Map<string, Place>>();
  private readonly subs: { dispose(): void }[];
  private readonly nameOf = (item: FileClassification) => this.fileNames.get(item.file_id) ?? item.file_id ?? item.id;

  constructor(
    private readonly jobs: JobList,
    private readonly fileNames: FileNameCache,
    private readonly controller: JobController,
    private readonly versions: JobVersions,
    private readonly query: ViewQuery,
    private readonly poller?: StatusPoller,
    private readonly review?: TreeReview,
  ) {
    this.subs = [
      ...(review ? [review.marks.onDidChange((jobId) => this.refreshJob(jobId))] : []),
      // The row says how often the job is checked, and that a check failed: drawn again when that changes.
      ...(poller ? [poller.onDidChange((jobId) => this.refreshJob(jobId))] : []),
      jobs.onDidChange(() => {
        this.prune();
        this.refreshAll();
      }),
      jobs.onDidChangePager((pager) => this.refreshJob(pager.jobId)),
      fileNames.onDidChange(() => {
        this.namesVersion++;
        this.refreshAll();
      }),
      query.onDidChange(() => this.refreshAll()),
    ];
  }

  /** The job's loaded results as the view shows them: filtered, ordered, grouped (cached). */
  shown(jobId: string): QueryResult {
    return this.query.results(jobId, this.jobs.existingPager(jobId)?.items ?? [], this.nameOf, this.namesVersion);
  }

  /** True when the result is loaded and passes the filter, so the tree has a row for it. */
  isShown(jobId: string, resultId: string): boolean {
    return this.placeOf(jobId, resultId) !== undefined;
  }

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

  /** The row of a loaded result, holding the pager's current copy of it; undefined when not loaded. */
  resultNode(jobId: string, itemId: string): ResultNode | undefined {
    const item = this.jobs.existingPager(jobId)?.items.find((i) => i.id === itemId);
    return item ? this.resultNodeFor(jobId, item) : undefined;
  }

  getChildren(element?: Node): Node[] {
    if (!element) { return this.jobs.jobs.map((j) => this.jobNode(j.id)); }
    if (element.kind === 'range') { return this.rangeChildren(element); }
    if (element.kind === 'group') { return this.jobs.get(element.jobId) ? this.listRows(element.jobId, this.groupItems(element.jobId, element.key), element.key) : []; }
    if (element.kind !== 'job') { return []; }
    return this.jobChildren(element.jobId);
  }

  getParent(element: Node): Node | undefined {
    if (element.kind === 'job') { return undefined; }
    if (element.kind === 'range' && element.group !== undefined) { return this.groupNode(element.jobId, element.group); }
    if (element.kind === 'result') {
      const place = this.placeOf(element.jobId, element.item.id);
      if (place && place.length > RANGE_SIZE) {
        return this.rangeNode(element.jobId, Math.floor(place.index / RANGE_SIZE) * RANGE_SIZE, place.length, place.group);
      }
      if (place?.group !== undefined) { return this.groupNode(element.jobId, place.group); }
    }
    return this.jobNode(element.jobId);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'job': {
        const entry = this.jobs.get(node.jobId);
        const expanded = this.expandNext.delete(node.jobId) || !!entry?.expanded;
        const pager = this.jobs.existingPager(node.jobId);
        const shown = pager && this.query.filtered ? this.shown(node.jobId) : undefined;
        const item = jobItem(node, {
          entry,
          pager,
          expanded,
          poll: this.poller?.state(node.jobId),
          statusError: this.jobs.statusError(node.jobId),
          match: shown && { matched: shown.matched, filter: this.query.describe() },
          sortLabel: this.query.sortLabel(),
          version: this.versions.get(node.jobId) ?? versionFromShape(node.jobId),
          list: isV2ListKey(node.jobId) ? this.versions.list(node.jobId) ?? {} : undefined,
        });
        if (!this.review) { return item; }
        const summary = reviewSummary(pager?.items ?? [], this.review.threshold(), this.review.marks, node.jobId);
        return decorateJob(item, reviewSummaryText(summary, !!pager?.hasMore));
      }
      case 'group':
        return groupItem(node);
      case 'range':
        return rangeItem(node, node.end >= this.listOf(node.jobId, node.group).length, this.query.active);
      case 'result':
        return decorateResult(resultItem(node, this.fileNames), this.review?.marks.get(node.jobId, node.item.id));
      case 'loadMore':
        return loadMoreItem(node, this.jobs.pager(node.jobId));
      case 'status':
        return statusItem(node);
    }
  }

  dispose(): void {
    if (this.timer) { clearTimeout(this.timer); }
    for (const s of this.subs) { s.dispose(); }
    this.changed.dispose();
  }

  /** Sends the pending change now: before `TreeView.reveal`, which resolves against the view's last known rows. */
  flush(): void {
    if (this.timer) { clearTimeout(this.timer); }
    this.timer = undefined;
    if (this.pendingAll) { this.changed.fire(undefined); }
    else { for (const id of this.pendingJobs) { if (this.jobs.get(id)) { this.changed.fire(this.jobNode(id)); } } }
    this.pendingAll = false;
    this.pendingJobs.clear();
  }

  /** Forgets the rows of jobs no longer listed, so removed jobs hold no memory. */
  private prune(): void {
    for (const jobId of [...this.jobNodes.keys()]) {
      if (this.jobs.get(jobId)) { continue; }
      this.jobNodes.delete(jobId);
      this.resultNodes.delete(jobId);
      this.expandNext.delete(jobId);
      this.query.forget(jobId);
    }
    for (const jobId of [...this.resultNodes.keys()]) { if (!this.jobs.get(jobId)) { this.resultNodes.delete(jobId); } }
  }

  private schedule() {
    this.timer ??= setTimeout(() => this.flush(), 15);
  }

  private jobChildren(jobId: string): Node[] {
    // The view can still ask for a job removed a moment ago: creating a pager then would load it in
    // the background and hand stale pages (old settings, old key) to the job when it is opened again.
    if (!this.jobs.get(jobId)) { return []; }
    const pager = this.jobs.pager(jobId);
    if (!pager.started) {
      void this.controller.loadFirst(jobId);
      return [this.status(jobId, 'loading')];
    }
    const items = pager.items;
    const error = pager.state === 'error' ? pager.error : undefined;
    if (items.length === 0) {
      if (pager.state === 'loading') { return [this.status(jobId, 'loading')]; }
      if (error) { return [this.errorNode(jobId, error)]; }
      if (pager.state === 'idle') { return [this.status(jobId, 'cancelled')]; }
      const meta = this.jobs.get(jobId)?.meta;
      const reading = readStatus(meta?.status);
      if (reading?.tone === 'live') { return [{ ...this.status(jobId, 'pending'), title: vscode.l10n.t('The job is still {0}', reading.word.toLowerCase()) }]; }
      if (reading?.tone === 'failed' || reading?.tone === 'cancelled') { return [this.status(jobId, 'jobFailed', meta?.error_message ?? undefined)]; }
      if (isV2ListKey(jobId)) { return [{ ...this.status(jobId, 'empty'), title: 'No Classify v2 jobs match these filters' }]; }
      return [this.status(jobId, 'empty')];
    }
    this.dropStaleRows(jobId, items);
    const children: Node[] = [];
    // Loaded results alone do not tell the whole story under a filter or another order: offer the rest.
    if (this.query.active && pager.hasMore) { children.push(this.status(jobId, 'loadAll')); }
    const shown = this.shown(jobId);
    if (shown.matched === 0) { children.push(this.status(jobId, 'noMatch', `None of the ${items.length.toLocaleString('en-US')} loaded results matches ${this.query.describe()}.`)); }
    else if (shown.groups) { for (const g of shown.groups) { children.push(this.groupNode(jobId, g.key, g.label, g.items.length)); } }
    else { children.push(...this.listRows(jobId, shown.rows)); }
    if (pager.hasMore) {children.push({ kind: 'loadMore', jobId });}
    if (error && (!pager.hasMore || isAuthError(error) || isNoAccessError(error))) { children.push(this.errorNode(jobId, error)); }
    if (pager.warning) {
      children.push({ ...this.status(jobId, 'warning', pager.warning), title: pager.stoppedEarly ? vscode.l10n.t('Paging stopped early') : vscode.l10n.t('Some results were sent more than once') });
    }
    return children;
  }

  /** The range row starting at `start`, ending at the next boundary or the end of the list. */
  private rangeNode(jobId: string, start: number, length: number, group?: string): RangeNode {
    return { kind: 'range', jobId, start, end: Math.min(start + RANGE_SIZE, length), group };
  }

  private groupNode(jobId: string, key: string, label?: string, count?: number): GroupNode {
    const group = label === undefined ? this.shown(jobId).groups?.find((g) => g.key === key) : undefined;
    return { kind: 'group', jobId, key, label: label ?? group?.label ?? key, count: count ?? group?.items.length ?? 0 };
  }

  /** A list of shown results: the rows themselves, or range rows past RANGE_SIZE. */
  private listRows(jobId: string, list: readonly FileClassification[], group?: string): Node[] {
    if (list.length > RANGE_SIZE) {
      const ranges: Node[] = [];
      for (let start = 0; start < list.length; start += RANGE_SIZE) { ranges.push(this.rangeNode(jobId, start, list.length, group)); }
      return ranges;
    }
    return list.map((item) => this.resultNodeFor(jobId, item));
  }

  private groupItems(jobId: string, key: string): readonly FileClassification[] {
    return this.shown(jobId).groups?.find((g) => g.key === key)?.items ?? [];
  }

  /** The shown list a range slices: a group's, or the job's. */
  private listOf(jobId: string, group: string | undefined): readonly FileClassification[] {
    return group === undefined ? this.shown(jobId).rows : this.groupItems(jobId, group);
  }

  private rangeChildren(range: RangeNode): Node[] {
    if (!this.jobs.get(range.jobId)) { return []; }
    const list = this.listOf(range.jobId, range.group);
    const end = Math.min(range.start + RANGE_SIZE, list.length);
    const rows: Node[] = [];
    for (let i = range.start; i < end; i++) { rows.push(this.resultNodeFor(range.jobId, list[i])); }
    return rows;
  }

  /** Where a result is among the shown rows; an index built once per computed view (reveal and getParent use it). */
  private placeOf(jobId: string, resultId: string): Place | undefined {
    const shown = this.shown(jobId);
    let map = this.places.get(shown);
    if (!map) {
      map = new Map();
      if (shown.groups) {
        for (const g of shown.groups) { g.items.forEach((item, index) => map!.set(item.id, { group: g.key, index, length: g.items.length })); }
      } else {
        shown.rows.forEach((item, index) => map!.set(item.id, { index, length: shown.rows.length }));
      }
      this.places.set(shown, map);
    }
    return map.get(resultId);
  }

  /** After a refresh the job may hold fewer or other results: forget rows that are gone. */
  private dropStaleRows(jobId: string, items: readonly FileClassification[]): void {
    const byId = this.resultNodes.get(jobId);
    if (!byId || byId.size <= items.length) { return; }
    const live = new Set(items.map((i) => i.id));
    for (const id of [...byId.keys()]) { if (!live.has(id)) { byId.delete(id); } }
  }

  private resultNodeFor(jobId: string, item: FileClassification): ResultNode {
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
    if (isAuthError(error)) { return this.status(jobId, 'auth', error.message); }
    if (isNoAccessError(error)) { return this.status(jobId, 'noAccess', error.message); }
    if (isLlamaCloudError(error) && error.kind === 'notFound') { return this.status(jobId, 'notFound', error.message); }
    return this.status(jobId, 'error', error.message);
  }
}
