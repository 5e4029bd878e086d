// Filter, order, group and find among the loaded results. Every one of these works on what is
// loaded: nothing is fetched again, and the tree keeps the person's place (tree/jobView.ts).
import * as vscode from 'vscode';
import { shortId } from '../api/jobId';
import { formatCount, itemDescription } from '../model/format';
import { compareKeys, countTypes, keyLabel, NO_MATCH, NO_RESULT, parseCondition, SORT_LABELS, SORT_ORDERS } from '../model/resultQuery';
import type { Choice } from '../ui/prompts';
import type { CommandDeps } from './deps';

/** `llamaClassify.filter`: the types to show (with their loaded counts), then a confidence condition. */
export async function filterResults(d: CommandDeps): Promise<void> {
  const counts = new Map<string, number>();
  for (const job of d.jobs.jobs) { countTypes(d.jobs.existingPager(job.id)?.items ?? [], counts); }
  const current = d.query.filter;
  // "No match" and "No result" are always offered, and so is a type still selected but no longer loaded.
  const keys = [...new Set([...counts.keys(), NO_MATCH, NO_RESULT, ...current.types])].sort(compareKeys);
  const types = await d.ui().pickMany({
    title: vscode.l10n.t('Filter Results (1/2): types'),
    placeholder: vscode.l10n.t('Pick the types to show; pick none to show every type'),
    items: keys.map((key) => ({ label: keyLabel(key), description: vscode.l10n.t('{0} loaded', formatCount(counts.get(key) ?? 0)), value: key, picked: current.types.includes(key) })),
  });
  if (types === undefined) { return; }
  const text = await d.ui().inputText({
    title: vscode.l10n.t('Filter Results (2/2): confidence'),
    prompt: vscode.l10n.t('Show results whose confidence is… e.g. <0.6, >=0.9, 40-70 or 40%-70%. Leave empty for any confidence.'),
    placeHolder: '<0.6',
    value: current.confidenceText ?? '',
    validate: (t) => {
      const p = parseCondition(t);
      return p.ok ? undefined : p.message;
    },
  });
  if (text === undefined) { return; }
  const parsed = parseCondition(text);
  if (!parsed.ok) {
    void d.ui().error(parsed.message);
    return;
  }
  await d.query.setFilter(parsed.condition ? { types, confidenceText: text.trim(), confidence: parsed.condition } : { types });
  d.ui().status(d.query.filtered ? vscode.l10n.t('Filter: {0}', d.query.describe()) : vscode.l10n.t('No filter: every loaded result is shown'));
}

export async function clearFilter(d: CommandDeps): Promise<void> {
  await d.query.clearFilter();
  d.ui().status(vscode.l10n.t('Filter cleared: every loaded result is shown'));
}

/** `llamaClassify.sortBy`: the order of each job's rows (ties keep server order). */
export async function sortBy(d: CommandDeps): Promise<void> {
  const order = await d.ui().pickOne({
    title: vscode.l10n.t('Sort Results By'),
    placeholder: vscode.l10n.t('The order of the rows under each job'),
    items: SORT_ORDERS.map((o) => ({ label: SORT_LABELS[o], description: o === d.query.sort ? 'current' : undefined, value: o })),
  });
  if (order !== undefined) { await d.query.setSort(order); }
}

export const groupByType = (d: CommandDeps) => d.query.setGrouped(true);
export const ungroup = (d: CommandDeps) => d.query.setGrouped(false);

interface Found {
  jobId: string;
  resultId: string;
}

/**
 * `llamaClassify.findResult`: every loaded result of every listed job, searchable by file name,
 * type, confidence or ID; the chosen one is selected in the tree and opened in the panel.
 */
export async function findResult(d: CommandDeps): Promise<void> {
  const items: Choice<Found>[] = [];
  for (const job of d.jobs.jobs) {
    for (const item of d.jobs.existingPager(job.id)?.items ?? []) {
      const hidden = d.query.matches(item) ? '' : vscode.l10n.t(' · hidden by the filter');
      items.push({
        label: d.fileNames.get(item.file_id) ?? item.file_id ?? item.id,
        description: itemDescription(item),
        detail: vscode.l10n.t('Result {0} · job {1}{2}', item.id, shortId(job.id), hidden),
        value: { jobId: job.id, resultId: item.id },
      });
    }
  }
  if (items.length === 0) {
    void d.ui().info(vscode.l10n.t('No results are loaded yet. Open a job (Open Job Results…) and its results can be found here.'));
    return;
  }
  const found = await d.ui().pickOne({
    title: vscode.l10n.t('Find Result ({0} loaded)', formatCount(items.length)),
    placeholder: vscode.l10n.t('Type part of a file name, a type, a confidence such as 92% or an ID'),
    items,
    matchOnDetails: true,
  });
  if (!found) { return; }
  await d.view.focus();
  if (!d.view.revealResult(found.jobId, found.resultId, { show: true })) {
    d.ui().status(vscode.l10n.t('That result is hidden by the filter: Clear Filter to see it in the tree.'));
  }
  await d.panel.show(found.jobId, found.resultId);
}
