// Turns tree nodes into TreeItems: labels, descriptions, icons, tooltips and screen-reader labels.
// Remote text only ever reaches a tooltip through `appendText`, which escapes markdown, so a result
// can neither format nor link (no command: links).
import * as vscode from 'vscode';
import { isLlamaCloudError, isNoAccessError } from '../api/errors';
import { shortId } from '../api/jobId';
import type { FileClassification } from '../api/types';
import { Commands, RowContext } from '../constants';
import type { FileNameCache } from '../model/fileNames';
import {
  confidenceBand,
  formatCount,
  formatDate,
  formatPercent,
  formatProgress,
  itemAccessibilityLabel,
  itemDescription,
  itemLabel,
  reasoningPreview,
  typeLabel,
} from '../model/format';
import type { OpenedJob } from '../model/jobList';
import { readStatus, showsErrorMessage } from '../model/jobStatus';
import type { PollState } from '../model/poller';
import type { ResultPager } from '../model/pager';
import { nodeId, type JobNode, type LoadMoreNode, type RangeNode, type ResultNode, type StatusNode } from './nodes';

const BAND_COLORS = {
  high: 'charts.green',
  medium: 'charts.yellow',
  low: 'charts.red',
  unknown: 'disabledForeground',
} as const;

export interface JobRowState {
  entry: OpenedJob | undefined;
  pager: ResultPager | undefined;
  expanded: boolean;
  /** Set while the job is polled for its status. */
  poll?: PollState;
  /** Why the last status read failed (shown when no results say more). */
  statusError?: Error;
}

export function jobItem(node: JobNode, row: JobRowState): vscode.TreeItem {
  const { entry, pager, poll } = row;
  const name = entry?.label;
  const item = new vscode.TreeItem(name ?? shortId(node.jobId), row.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = nodeId(node);
  item.contextValue = RowContext.job;
  const state = jobState(row);
  item.description = [name ? shortId(node.jobId) : undefined, state.text].filter(Boolean).join(' · ') || undefined;
  item.iconPath = new vscode.ThemeIcon(state.icon, state.color && new vscode.ThemeColor(state.color));
  const status = entry?.meta?.status;
  const tip = new vscode.MarkdownString();
  if (name) { tip.appendMarkdown('**').appendText(name).appendMarkdown('**\n\n'); }
  tip.appendMarkdown('**Classify job** ');
  tip.appendText(node.jobId);
  if (status) { tip.appendMarkdown('\n\nStatus: ').appendText(`${readStatus(status)?.word ?? status} (${status})`); }
  const created = formatDate(entry?.meta?.created_at);
  if (created) { tip.appendMarkdown('\n\nCreated: ').appendText(created); }
  if (entry?.meta?.error_message) { tip.appendMarkdown('\n\nError: ').appendText(entry.meta.error_message); }
  if (poll) {
    tip.appendMarkdown('\n\n').appendText(
      poll.paused
        ? 'Checks pause while the view is hidden or the window is in the background.'
        : `Checked every ${formatInterval(poll.intervalMs)} until it ends; the results then load by themselves.`,
    );
    if (poll.error) { tip.appendMarkdown('\n\nLast check failed: ').appendText(poll.error); }
  }
  if (state.counts) { tip.appendMarkdown('\n\nResults loaded: ').appendText(state.counts); }
  item.tooltip = tip;
  item.accessibilityInformation = { label: `Classify job ${name ? `${name}, ` : ''}${node.jobId}${state.text ? `, ${state.text}` : ''}` };
  return item;
}

/** "10 s", "2 min": a polling interval as the row shows it. */
export function formatInterval(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.round(s / 60)} min`;
}

interface JobStateText {
  text?: string;
  counts?: string;
  icon: string;
  color?: string;
}

/** What the job row says about the job at a glance: never "0 of 0". */
function jobState({ entry, pager, poll, statusError }: JobRowState): JobStateText {
  const status = entry?.meta?.status;
  const reading = readStatus(status);
  const loaded = pager?.started ? pager.items.length : 0;
  const counts = loaded > 0 ? formatProgress(loaded, pager?.totalSize) : undefined;
  const withCounts = (text: string) => [text, counts].filter(Boolean).join(' · ');
  // The job itself cannot be read: what the results (or the status) request said.
  const problem = (pager?.state === 'error' ? pager.error : undefined) ?? (!status ? statusError : undefined);
  if (problem && isLlamaCloudError(problem) && problem.kind === 'notFound' && loaded === 0) { return { text: 'Not found', icon: 'question', color: 'errorForeground' }; }
  if (problem && isNoAccessError(problem) && loaded === 0) { return { text: 'No access', icon: 'lock', color: 'errorForeground' }; }
  if (!reading) { return { text: counts, counts, icon: 'list-unordered' }; }
  if (reading.tone === 'live') {
    if (!poll) { return { text: withCounts(reading.word), counts, icon: 'clock' }; }
    if (poll.error) { return { text: `${reading.word} — check failed, next in ${formatInterval(poll.intervalMs)}`, counts, icon: 'warning', color: 'editorWarning.foreground' }; }
    if (poll.paused) { return { text: `${reading.word} — checks paused`, counts, icon: 'clock' }; }
    return { text: `${reading.word} — checking every ${formatInterval(poll.intervalMs)}`, counts, icon: 'sync~spin' };
  }
  const reason = showsErrorMessage(status) ? entry?.meta?.error_message?.trim() : undefined;
  const text = withCounts(reason ? `${reading.word}: ${reason}` : reading.word);
  switch (reading.tone) {
    case 'succeeded':
      return { text: pager?.state === 'complete' && loaded === 0 ? `${reading.word} · no results` : text, counts, icon: 'pass', color: 'testing.iconPassed' };
    case 'partial':
      return { text, counts, icon: 'warning', color: 'editorWarning.foreground' };
    case 'failed':
      return { text, counts, icon: 'error', color: 'errorForeground' };
    case 'cancelled':
      return { text, counts, icon: 'circle-slash' };
    default:
      return { text, counts, icon: 'list-unordered' };
  }
}

/** "1–1,000": a slice of a long job's results. The newest slice starts expanded, the others collapsed. */
export function rangeItem(node: RangeNode, newest: boolean): vscode.TreeItem {
  const label = `${formatCount(node.start + 1)}–${formatCount(node.end)}`;
  const item = new vscode.TreeItem(label, newest ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = nodeId(node);
  item.description = `${formatCount(node.end - node.start)} results`;
  item.iconPath = new vscode.ThemeIcon('list-flat');
  item.contextValue = RowContext.range;
  item.tooltip = `Results ${label} of job ${node.jobId}, in server order.`;
  item.accessibilityInformation = { label: `Results ${node.start + 1} to ${node.end}` };
  return item;
}

export function resultItem(node: ResultNode, fileNames: FileNameCache): vscode.TreeItem {
  const { item: row, jobId } = node;
  const fileName = fileNames.get(row.file_id);
  const item = new vscode.TreeItem(itemLabel(row, fileName), vscode.TreeItemCollapsibleState.None);
  item.id = nodeId(node);
  item.description = itemDescription(row);
  item.contextValue = RowContext.result;
  const result = row.result;
  const band = confidenceBand(result?.confidence);
  item.iconPath = new vscode.ThemeIcon(
    !result || result.typeIssue ? 'question' : result.type === null ? 'circle-slash' : 'circle-filled',
    new vscode.ThemeColor(BAND_COLORS[band]),
  );
  item.tooltip = resultTooltip(row, fileName);
  item.accessibilityInformation = { label: itemAccessibilityLabel(row, fileName) };
  item.command = { command: Commands.openResult, title: 'Open Result', arguments: [jobId, row.id] };
  return item;
}

function resultTooltip(row: FileClassification, fileName: string | undefined): vscode.MarkdownString {
  const result = row.result;
  const tip = new vscode.MarkdownString();
  tip.appendMarkdown('**').appendText(typeLabel(result)).appendMarkdown('**');
  if (result) {
    const percent = formatPercent(result.confidence);
    tip.appendMarkdown(' · ').appendText(percent ? `${percent} confidence (${confidenceBand(result.confidence)})` : `confidence unknown: ${result.confidenceIssue ?? ''}`);
    if (result.reasoning) { tip.appendMarkdown('\n\n').appendText(reasoningPreview(result.reasoning)); }
  }
  tip.appendMarkdown('\n\n').appendText(fileName ? `File: ${fileName} (${row.file_id})` : row.file_id ? `File ID: ${row.file_id}` : 'No file ID');
  return tip;
}

export function loadMoreItem(node: LoadMoreNode, pager: ResultPager): vscode.TreeItem {
  const progress = formatProgress(pager.items.length, pager.totalSize);
  const item = new vscode.TreeItem('', vscode.TreeItemCollapsibleState.None);
  item.id = nodeId(node);
  if (pager.state === 'loading') {
    // No command while loading: a second click cannot start a second request.
    item.label = 'Loading more…';
    item.description = progress;
    item.iconPath = new vscode.ThemeIcon('loading~spin');
    item.contextValue = RowContext.loading;
    item.tooltip = 'Loading the next page. Use the stop button to cancel.';
  } else if (pager.state === 'error') {
    item.label = 'Retry loading more';
    item.description = progress;
    item.iconPath = new vscode.ThemeIcon('refresh', new vscode.ThemeColor('errorForeground'));
    item.tooltip = `${pager.error?.message ?? 'Loading the next page failed.'}\n\nThe results already loaded are kept.`;
    item.command = { command: Commands.loadMore, title: 'Retry loading more', arguments: [node.jobId] };
    item.contextValue = RowContext.error;
  } else {
    item.label = `Load more (${progress})`;
    item.iconPath = new vscode.ThemeIcon('fold-down');
    item.tooltip = `Load the next page of results for job ${node.jobId}.`;
    item.command = { command: Commands.loadMore, title: 'Load more', arguments: [node.jobId] };
    item.contextValue = RowContext.loadMore;
  }
  item.accessibilityInformation = { label: `${item.label}, ${progress} results` };
  return item;
}

export function statusItem(node: StatusNode): vscode.TreeItem {
  const item = new vscode.TreeItem('', vscode.TreeItemCollapsibleState.None);
  item.id = nodeId(node);
  item.contextValue = RowContext.status;
  const retry = { command: Commands.loadMore, title: 'Retry', arguments: [node.jobId] };
  const errorColor = new vscode.ThemeColor('errorForeground');
  switch (node.status) {
    case 'loading':
      item.label = 'Loading results…';
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      item.contextValue = RowContext.loading;
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
      item.label = node.title ?? 'The job is still pending';
      item.description = 'its results load here when it ends';
      item.iconPath = new vscode.ThemeIcon('clock');
      item.command = { command: Commands.refresh, title: 'Refresh', arguments: [node.jobId] };
      break;
    case 'jobFailed':
      item.label = 'The classify job failed';
      item.description = node.message;
      item.iconPath = new vscode.ThemeIcon('error', errorColor);
      break;
    case 'auth':
      item.label = 'Set API key…';
      // A 401 carries its status in the message; otherwise no key is set at all.
      item.description = /\(401\)/.test(node.message ?? '') ? 'LlamaCloud rejected the key' : 'no API key is set';
      item.iconPath = new vscode.ThemeIcon('key', errorColor);
      item.command = { command: Commands.setApiKey, title: 'Set API Key…' };
      break;
    case 'noAccess':
      // The key works (other jobs load): the job lives in an organization/project it cannot read.
      item.label = 'No access to this job';
      item.description = 'check llamaClassify.organizationId / projectId';
      item.iconPath = new vscode.ThemeIcon('lock', errorColor);
      item.command = { command: 'workbench.action.openSettings', title: 'Open Settings', arguments: ['llamaClassify.projectId'] };
      item.contextValue = RowContext.error;
      break;
    case 'notFound':
      item.label = 'Job not found';
      item.description = 'check the ID, region and project';
      item.iconPath = new vscode.ThemeIcon('question', errorColor);
      item.contextValue = RowContext.error;
      break;
    case 'error':
      item.label = 'Couldn’t load results — click to retry';
      item.description = node.message;
      item.iconPath = new vscode.ThemeIcon('error', errorColor);
      item.command = retry;
      item.contextValue = RowContext.error;
      break;
    case 'warning':
      item.label = node.title ?? 'Warning';
      item.description = node.message;
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'));
      break;
  }
  if (node.message) { item.tooltip = node.message; }
  item.accessibilityInformation = { label: [item.label, node.message].filter(Boolean).join('. ') };
  return item;
}

