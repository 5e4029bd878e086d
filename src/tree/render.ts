// Turns tree nodes into TreeItems: labels, descriptions, icons, tooltips and screen-reader labels.
// Remote text only ever reaches a tooltip through `appendText`, which escapes markdown, so a result
// can neither format nor link (no command: links).
import * as vscode from 'vscode';
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
import type { ResultPager } from '../model/pager';
import { nodeId, type JobNode, type LoadMoreNode, type RangeNode, type ResultNode, type StatusNode } from './nodes';

const BAND_COLORS = {
  high: 'charts.green',
  medium: 'charts.yellow',
  low: 'charts.red',
  unknown: 'disabledForeground',
} as const;

export function jobItem(node: JobNode, entry: OpenedJob | undefined, pager: ResultPager | undefined, expanded: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(shortId(node.jobId), expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = nodeId(node);
  item.contextValue = RowContext.job;
  const status = entry?.meta?.status;
  const counts = pager?.started && (pager.items.length > 0 || pager.state === 'complete') ? formatProgress(pager.items.length, pager.totalSize) : undefined;
  item.description = [status, counts].filter(Boolean).join(' · ') || undefined;
  item.iconPath = new vscode.ThemeIcon(jobIcon(status), jobIconColor(status));
  const tip = new vscode.MarkdownString();
  tip.appendMarkdown('**Classify job** ');
  tip.appendText(node.jobId);
  if (status) { tip.appendMarkdown('\n\nStatus: ').appendText(status); }
  const created = formatDate(entry?.meta?.created_at);
  if (created) { tip.appendMarkdown('\n\nCreated: ').appendText(created); }
  if (entry?.meta?.error_message) { tip.appendMarkdown('\n\nError: ').appendText(entry.meta.error_message); }
  if (counts) { tip.appendMarkdown('\n\nResults loaded: ').appendText(counts); }
  item.tooltip = tip;
  item.accessibilityInformation = { label: `Classify job ${node.jobId}${status ? `, ${status}` : ''}${counts ? `, ${counts} results` : ''}` };
  return item;
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
      item.label = 'The job is still pending';
      item.description = 'refresh to check again';
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
  if (status === 'SUCCESS') { return new vscode.ThemeColor('testing.iconPassed'); }
  if (status === 'ERROR') { return new vscode.ThemeColor('errorForeground'); }
  if (status === 'PARTIAL_SUCCESS') { return new vscode.ThemeColor('editorWarning.foreground'); }
  return undefined;
}
