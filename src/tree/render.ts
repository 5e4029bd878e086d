// Turns tree nodes into TreeItems: labels, descriptions, icons, tooltips and screen-reader labels.
// Remote text only ever reaches a tooltip through `appendText`, which escapes markdown, so a result
// can neither format nor link (no command: links).
import * as vscode from 'vscode';
import type { V2ListFilters } from '../api/client';
import { isLlamaCloudError, isNoAccessError } from '../api/errors';
import { shortId, type ApiVersion } from '../api/jobId';
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
  jobAccessibilityLabel,
  loadMoreAccessibilityLabel,
  itemDescription,
  reasoningPreview,
  typeLabel,
  type ConfidenceBand,
} from '../model/format';
import type { OpenedJob } from '../model/jobList';
import { readStatus, showsErrorMessage } from '../model/jobStatus';
import type { PollState } from '../model/poller';
import type { ResultPager } from '../model/pager';
import { v2ListLabel } from '../model/v2';
import { nodeId, type GroupNode, type JobNode, type LoadMoreNode, type RangeNode, type ResultNode, type StatusNode } from './nodes';

const BAND_COLORS = {
  high: 'charts.green',
  medium: 'charts.yellow',
  low: 'charts.red',
  unknown: 'disabledForeground',
} as const;

/** The band also by shape, for people who do not tell the colours apart: ✓ high, ○ medium, ⚠ low, ? unknown. */
const BAND_ICONS: Record<ConfidenceBand, string> = {
  high: 'pass',
  medium: 'circle-large-outline',
  low: 'warning',
  unknown: 'question',
};

/** The tooltip line that explains the bands (the same thresholds as model/format.ts `confidenceBand`). */
export const BAND_EXPLANATION = 'Confidence bands: high ≥ 80% (check icon, green), medium 50–79% (circle, yellow), low < 50% (warning icon, red). A slashed circle is "No match", a question mark no result or an unreadable value.';

/** Filtering shows on the job row: how many of its loaded results match. */
export interface JobMatch {
  matched: number;
  filter: string;
}

export interface JobRowState {
  entry: OpenedJob | undefined;
  pager: ResultPager | undefined;
  expanded: boolean;
  /** Set while the job is polled for its status. */
  poll?: PollState;
  /** Why the last status read failed (shown when no results say more). */
  statusError?: Error;
  /** Set while a filter is active: the row says "12 of 137 match". */
  match?: JobMatch;
  /** The order of the rows (in the tooltip). */
  sortLabel?: string;
  /** The job's API version when known: a v2 job's row says "v2". */
  version?: ApiVersion;
  /** Set on the root of a browsed Classify v2 list (its filters): a list, not a job. */
  list?: V2ListFilters;
}

export function jobItem(node: JobNode, row: JobRowState): vscode.TreeItem {
  const { entry, pager, poll } = row;
  const collapsible = row.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  if (row.list) { return v2ListItem(node, row.list, pager, collapsible); }
  const name = entry?.label;
  const v2 = row.version === 'v2';
  const item = new vscode.TreeItem(name ?? shortId(node.jobId), collapsible);
  item.id = nodeId(node);
  item.contextValue = RowContext.job;
  const state = jobState(row);
  item.description = [name ? shortId(node.jobId) : undefined, v2 ? 'v2' : undefined, state.text].filter(Boolean).join(' · ') || undefined;
  item.iconPath = new vscode.ThemeIcon(state.icon, state.color && new vscode.ThemeColor(state.color));
  const status = entry?.meta?.status;
  const tip = new vscode.MarkdownString();
  if (name) { tip.appendMarkdown('**').appendText(name).appendMarkdown('**\n\n'); }
  tip.appendMarkdown(`**${v2 ? vscode.l10n.t('Classify v2 job') : vscode.l10n.t('Classify job')}** `);
  tip.appendText(node.jobId);
  if (status) { tip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Status: ')).appendText(`${readStatus(status)?.word ?? status} (${status})`); }
  const created = formatDate(entry?.meta?.created_at);
  if (created) { tip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Created: ')).appendText(created); }
  if (entry?.meta?.error_message) { tip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Error: ')).appendText(entry.meta.error_message); }
  if (poll) {
    tip.appendMarkdown('\n\n').appendText(
      poll.paused
        ? vscode.l10n.t('Checks pause while the view is hidden or the window is in the background.')
        : vscode.l10n.t('Checked every {0} until it ends; the results then load by themselves.', formatInterval(poll.intervalMs)),
    );
    if (poll.error) { tip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Last check failed: ')).appendText(poll.error); }
  }
  if (state.counts) { tip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Results loaded: ')).appendText(state.counts); }
  if (state.matching && row.match) { tip.appendMarkdown('\n\n').appendText(vscode.l10n.t('{0} the filter: {1}', state.matching, row.match.filter)); }
  if (row.sortLabel && state.counts) { tip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Order: ')).appendText(row.sortLabel); }
  item.tooltip = tip;
  item.accessibilityInformation = { label: jobAccessibilityLabel(shortId(node.jobId), name, state.text, state.counts, v2) };
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
  /** "12 of 137 match" while a filter is active. */
  matching?: string;
  icon: string;
  color?: string;
}

/** What the job row says about the job at a glance: never "0 of 0". */
function jobState(row: JobRowState): JobStateText {
  const result = jobStateText(row);
  const loaded = row.pager?.started ? row.pager.items.length : 0;
  return row.match && loaded > 0 ? { ...result, matching: `${formatCount(row.match.matched)} of ${formatCount(loaded)} match` } : result;
}

function jobStateText({ entry, pager, poll, statusError, match }: JobRowState): JobStateText {
  const status = entry?.meta?.status;
  const reading = readStatus(status);
  const loaded = pager?.started ? pager.items.length : 0;
  const counts = loaded > 0 ? formatProgress(loaded, pager?.totalSize) : undefined;
  // Under a filter the row says how many loaded results match instead ("12 of 137 match").
  const shown = match && loaded > 0 ? `${formatCount(match.matched)} of ${formatCount(loaded)} match` : counts;
  const withCounts = (text: string) => [text, shown].filter(Boolean).join(' · ');
  // The job itself cannot be read: what the results (or the status) request said.
  const problem = (pager?.state === 'error' ? pager.error : undefined) ?? (!status ? statusError : undefined);
  if (problem && isLlamaCloudError(problem) && problem.kind === 'notFound' && loaded === 0) { return { text: vscode.l10n.t('Not found'), icon: 'question', color: 'errorForeground' }; }
  if (problem && isNoAccessError(problem) && loaded === 0) { return { text: vscode.l10n.t('No access'), icon: 'lock', color: 'errorForeground' }; }
  if (!reading) { return { text: shown, counts, icon: 'list-unordered' }; }
  if (reading.tone === 'live') {
    if (!poll) { return { text: withCounts(reading.word), counts, icon: 'clock' }; }
    if (poll.error) { return { text: vscode.l10n.t('{0} — check failed, next in {1}', reading.word, formatInterval(poll.intervalMs)), counts, icon: 'warning', color: 'editorWarning.foreground' }; }
    if (poll.paused) { return { text: vscode.l10n.t('{0} — checks paused', reading.word), counts, icon: 'clock' }; }
    return { text: vscode.l10n.t('{0} — checking every {1}', reading.word, formatInterval(poll.intervalMs)), counts, icon: 'sync~spin' };
  }
  const reason = showsErrorMessage(status) ? entry?.meta?.error_message?.trim() : undefined;
  const text = withCounts(reason ? `${reading.word}: ${reason}` : reading.word);
  switch (reading.tone) {
    case 'succeeded':
      return { text: pager?.state === 'complete' && loaded === 0 ? vscode.l10n.t('{0} · no results', reading.word) : text, counts, icon: 'pass', color: 'testing.iconPassed' };
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

/** The root of a browsed v2 list: "Classify v2 · status COMPLETED" (or "· all jobs"). */
function v2ListItem(node: JobNode, filters: V2ListFilters, pager: ResultPager | undefined, collapsible: vscode.TreeItemCollapsibleState): vscode.TreeItem {
  const counts = pager?.started && (pager.items.length > 0 || pager.state === 'complete') ? formatProgress(pager.items.length, pager.totalSize) : undefined;
  const label = v2ListLabel(filters);
  const item = new vscode.TreeItem(label, collapsible);
  item.id = nodeId(node);
  item.contextValue = RowContext.job;
  item.description = counts;
  item.iconPath = new vscode.ThemeIcon('list-filter');
  item.tooltip = `${label}: Classify v2 jobs from GET /api/v2/classify, in the order the server sends them.${counts ? ` ${counts}.` : ''}`;
  item.accessibilityInformation = { label: `${label}${counts ? `, ${counts} jobs` : ''}` };
  return item;
}

/** "invoice (48)": one type's shown results. Starts collapsed, so the types are an overview. */
export function groupItem(node: GroupNode): vscode.TreeItem {
  const item = new vscode.TreeItem(`${node.label} (${formatCount(node.count)})`, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = nodeId(node);
  item.iconPath = new vscode.ThemeIcon('symbol-folder');
  item.contextValue = RowContext.group;
  item.tooltip = `${formatCount(node.count)} loaded result${node.count === 1 ? '' : 's'} of job ${node.jobId} with type ${node.label}.`;
  item.accessibilityInformation = { label: `${node.label}, ${node.count} results` };
  return item;
}

/**
 * "1–1,000": a slice of a long list of results. The newest slice starts expanded, the others
 * collapsed; under a filter or another order the slices count shown rows, not server positions.
 */
export function rangeItem(node: RangeNode, newest: boolean, queried = false): vscode.TreeItem {
  const label = `${formatCount(node.start + 1)}–${formatCount(node.end)}`;
  const item = new vscode.TreeItem(label, newest ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = nodeId(node);
  item.description = vscode.l10n.t('{0} results', formatCount(node.end - node.start));
  item.iconPath = new vscode.ThemeIcon('list-flat');
  item.contextValue = RowContext.range;
  item.tooltip = queried ? vscode.l10n.t('Rows {0} of job {1} as filtered and sorted.', label, node.jobId) : vscode.l10n.t('Results {0} of job {1}, in server order.', label, node.jobId);
  item.accessibilityInformation = { label: vscode.l10n.t('Results {0} to {1} of job {2}', formatCount(node.start + 1), formatCount(node.end), shortId(node.jobId)) };
  return item;
}

export function resultItem(node: ResultNode, fileNames: FileNameCache): vscode.TreeItem {
  const { item: row, jobId } = node;
  const fileName = fileNames.get(row.file_id);
  // What matters first, readable at the default sidebar width: "invoice · 92%", then the file.
  const item = new vscode.TreeItem(itemDescription(row), vscode.TreeItemCollapsibleState.None);
  item.id = nodeId(node);
  // A v2 job's document that is no file (a parse job, a URL) is shown whole: it is what the job read.
  item.description = fileName ?? (row.file_id ? shortId(row.file_id) : row.v2?.document ?? shortId(row.id));
  item.contextValue = RowContext.result;
  const result = row.result;
  const band = confidenceBand(result?.confidence);
  item.iconPath = new vscode.ThemeIcon(
    !result || result.typeIssue ? 'question' : result.type === null ? 'circle-slash' : BAND_ICONS[band],
    new vscode.ThemeColor(BAND_COLORS[band]),
  );
  item.tooltip = resultTooltip(row, fileName);
  item.accessibilityInformation = { label: itemAccessibilityLabel(row, fileName) };
  item.command = { command: Commands.openResult, title: vscode.l10n.t('Open Result'), arguments: [jobId, row.id] };
  return item;
}

function resultTooltip(row: FileClassification, fileName: string | undefined): vscode.MarkdownString {
  const result = row.result;
  const tip = new vscode.MarkdownString();
  tip.appendMarkdown('**').appendText(typeLabel(result)).appendMarkdown('**');
  if (result) {
    const percent = formatPercent(result.confidence);
    tip.appendMarkdown(' · ').appendText(percent ? vscode.l10n.t('{0} confidence ({1})', percent, confidenceBand(result.confidence)) : vscode.l10n.t('confidence unknown: {0}', result.confidenceIssue ?? ''));
    if (result.reasoning) { tip.appendMarkdown('\n\n').appendText(reasoningPreview(result.reasoning)); }
  }
  const document = row.file_id ?? row.v2?.document;
  tip.appendMarkdown('\n\n').appendText(fileName ? vscode.l10n.t('File: {0} ({1})', fileName, document ?? '') : document ? (row.v2 ? vscode.l10n.t('Document: {0}', document) : vscode.l10n.t('File ID: {0}', document)) : vscode.l10n.t('No file ID'));
  if (row.v2) {
    tip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Classify v2 job {0} · {1} ({2})', row.id, readStatus(row.v2.status)?.word ?? row.v2.status, row.v2.status));
    if (row.v2.error_message) { tip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Error: ')).appendText(row.v2.error_message); }
  } else {
    tip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Result ID: {0}', row.id));
  }
  tip.appendMarkdown('\n\n*').appendText(BAND_EXPLANATION).appendMarkdown('*');
  return tip;
}

export function loadMoreItem(node: LoadMoreNode, pager: ResultPager): vscode.TreeItem {
  const progress = formatProgress(pager.items.length, pager.totalSize);
  const item = new vscode.TreeItem('', vscode.TreeItemCollapsibleState.None);
  item.id = nodeId(node);
  if (pager.state === 'loading') {
    // No command while loading: a second click cannot start a second request.
    item.label = vscode.l10n.t('Loading more…');
    item.description = progress;
    item.iconPath = new vscode.ThemeIcon('loading~spin');
    item.contextValue = RowContext.loading;
    item.tooltip = vscode.l10n.t('Loading the next page. Use the stop button to cancel.');
  } else if (pager.state === 'error') {
    item.label = vscode.l10n.t('Retry loading more');
    item.description = progress;
    item.iconPath = new vscode.ThemeIcon('refresh', new vscode.ThemeColor('errorForeground'));
    item.tooltip = vscode.l10n.t('{0}\n\nThe results already loaded are kept.', pager.error?.message ?? vscode.l10n.t('Loading the next page failed.'));
    item.command = { command: Commands.loadMore, title: vscode.l10n.t('Retry loading more'), arguments: [node.jobId] };
    item.contextValue = RowContext.error;
  } else {
    item.label = vscode.l10n.t('Load more ({0})', progress);
    item.iconPath = new vscode.ThemeIcon('fold-down');
    item.tooltip = vscode.l10n.t('Load the next page of results for job {0}.', node.jobId);
    item.command = { command: Commands.loadMore, title: vscode.l10n.t('Load more'), arguments: [node.jobId] };
    item.contextValue = RowContext.loadMore;
  }
  item.accessibilityInformation = { label: loadMoreAccessibilityLabel(pager.state === 'loading' ? 'loading' : pager.state === 'error' ? 'error' : 'idle', pager.items.length, pager.totalSize) };
  return item;
}

export function statusItem(node: StatusNode): vscode.TreeItem {
  const item = new vscode.TreeItem('', vscode.TreeItemCollapsibleState.None);
  item.id = nodeId(node);
  item.contextValue = RowContext.status;
  const retry = { command: Commands.loadMore, title: vscode.l10n.t('Retry'), arguments: [node.jobId] };
  const errorColor = new vscode.ThemeColor('errorForeground');
  switch (node.status) {
    case 'loading':
      item.label = vscode.l10n.t('Loading results…');
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      item.contextValue = RowContext.loading;
      break;
    case 'cancelled':
      item.label = vscode.l10n.t('Loading was cancelled — click to load');
      item.iconPath = new vscode.ThemeIcon('debug-restart');
      item.command = retry;
      break;
    case 'empty':
      item.label = node.title ?? vscode.l10n.t('No results in this job');
      item.iconPath = new vscode.ThemeIcon('info');
      break;
    case 'pending':
      item.label = node.title ?? vscode.l10n.t('The job is still pending');
      item.description = vscode.l10n.t('its results load here when it ends');
      item.iconPath = new vscode.ThemeIcon('clock');
      item.command = { command: Commands.refresh, title: vscode.l10n.t('Refresh'), arguments: [node.jobId] };
      break;
    case 'jobFailed':
      item.label = vscode.l10n.t('The classify job failed');
      item.description = node.message;
      item.iconPath = new vscode.ThemeIcon('error', errorColor);
      break;
    case 'auth':
      item.label = vscode.l10n.t('Set API key…');
      // A 401 carries its status in the message; otherwise no key is set at all.
      item.description = /\(401\)/.test(node.message ?? '') ? vscode.l10n.t('LlamaCloud rejected the key') : vscode.l10n.t('no API key is set');
      item.iconPath = new vscode.ThemeIcon('key', errorColor);
      item.command = { command: Commands.setApiKey, title: vscode.l10n.t('Set API Key…') };
      break;
    case 'noAccess':
      // The key works (other jobs load): the job lives in an organization/project it cannot read.
      item.label = vscode.l10n.t('No access to this job');
      item.description = vscode.l10n.t('check llamaClassify.organizationId / projectId');
      item.iconPath = new vscode.ThemeIcon('lock', errorColor);
      item.command = { command: 'workbench.action.openSettings', title: vscode.l10n.t('Open Settings'), arguments: ['llamaClassify.projectId'] };
      item.contextValue = RowContext.error;
      break;
    case 'notFound':
      item.label = vscode.l10n.t('Job not found');
      item.description = vscode.l10n.t('check the ID, region and project');
      item.iconPath = new vscode.ThemeIcon('question', errorColor);
      item.contextValue = RowContext.error;
      break;
    case 'error':
      item.label = vscode.l10n.t('Couldn’t load results — click to retry');
      item.description = node.message;
      item.iconPath = new vscode.ThemeIcon('error', errorColor);
      item.command = retry;
      item.contextValue = RowContext.error;
      break;
    case 'noMatch':
      item.label = 'No loaded result matches the filter';
      item.description = 'Clear Filter shows them all';
      item.iconPath = new vscode.ThemeIcon('filter');
      break;
    case 'loadAll':
      // Sorted or filtered, the loaded results are only part of the job: say so where the rows are.
      item.label = 'Load all to include every result';
      item.iconPath = new vscode.ThemeIcon('cloud-download');
      item.tooltip = 'The filter, order and groups apply to the results loaded so far. Load All Results loads the rest (up to llamaClassify.loadAllLimit).';
      item.command = { command: Commands.loadAll, title: 'Load All Results', arguments: [node.jobId] };
      break;
    case 'warning':
      item.label = node.title ?? vscode.l10n.t('Warning');
      item.description = node.message;
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'));
      break;
  }
  if (node.message) { item.tooltip = node.message; }
  item.accessibilityInformation = { label: [item.label, node.message].filter(Boolean).join('. ') };
  return item;
}

