// Turns a Summary (model/summary.ts) and a Comparison (model/compare.ts) into the plain view models
// the pages render. Pure (no `vscode`): the wording is unit tested.
import type { ClassifyJob } from '../api/types';
import type { ChangedRowView, Comparison, Side } from '../model/compare';
import { formatCount, formatDate, formatPercent } from '../model/format';
import { binLabel, kindLabel, shareText, type Summary } from '../model/summary';
import type { CompareView, JobFactsView, SummaryView } from './summaryProtocol';

/** The low-confidence list shows at most this many (lowest first); the heading gives the full count. */
export const MAX_LOW_SHOWN = 100;

export interface SummaryContext {
  jobId: string;
  total: number | undefined;
  hasMore: boolean;
  loadingAll: boolean;
  /** "Load all" stops here: at or past it, no button. */
  limit: number;
  fileName: (fileId: string | null) => string | undefined;
  job: ClassifyJob | undefined;
  locale?: string;
}

/** "137 of 137 results"; "50 results loaded, more on the server" while the total is unknown. */
export function countText(loaded: number, total: number | undefined, hasMore: boolean): string {
  const noun = (n: number) => (n === 1 ? 'result' : 'results');
  if (total !== undefined) { return `${formatCount(loaded)} of ${formatCount(total)} ${noun(total)}`; }
  if (hasMore) { return `${formatCount(loaded)} ${noun(loaded)} loaded, more on the server`; }
  return `${formatCount(loaded)} of ${formatCount(loaded)} ${noun(loaded)}`;
}

function safeDate(iso: string | null | undefined, locale: string | undefined): string | null {
  try {
    return formatDate(iso, locale) ?? null;
  } catch {
    return formatDate(iso) ?? null;
  }
}

export function jobFacts(job: ClassifyJob | undefined, locale?: string): JobFactsView {
  if (!job) { return { status: null, created: null, updated: null, error: null, rules: null }; }
  return {
    status: job.status,
    created: safeDate(job.created_at, locale),
    updated: safeDate(job.updated_at, locale),
    error: job.error_message,
    rules: job.rules.map((r) => ({ type: r.type, description: r.description })),
  };
}

export function toSummaryView(s: Summary, ctx: SummaryContext): SummaryView {
  const apart = s.noConfidence.noResult + s.noConfidence.untrusted;
  const parts = [
    s.noConfidence.noResult ? `${formatCount(s.noConfidence.noResult)} without a result` : '',
    s.noConfidence.untrusted ? `${formatCount(s.noConfidence.untrusted)} with a confidence that cannot be trusted` : '',
  ].filter(Boolean);
  const threshold = formatPercent(s.threshold) ?? '';
  return {
    jobId: ctx.jobId,
    countText: countText(s.loaded, ctx.total, ctx.hasMore),
    loaded: s.loaded,
    total: ctx.total ?? null,
    canLoadAll: ctx.hasMore && s.loaded < ctx.limit,
    loadingAll: ctx.loadingAll,
    types: s.types.map((t) => ({ kind: t.kind, type: t.type, label: kindLabel(t.kind, t.type), count: t.count, share: shareText(t.count, s.loaded) })),
    bins: s.bins.map((count, i) => ({ label: binLabel(i), count, share: shareText(count, s.loaded) })),
    apartCount: apart,
    apartText: apart ? `Not in the histogram: ${formatCount(apart)} (${parts.join(', ')})` : '',
    lowText: `${formatCount(s.low.length)} ${s.low.length === 1 ? 'result' : 'results'} below ${threshold}${s.low.length > MAX_LOW_SHOWN ? ` (the lowest ${MAX_LOW_SHOWN} are listed)` : ''}`,
    lowTotal: s.low.length,
    low: s.low.slice(0, MAX_LOW_SHOWN).map((l) => ({
      resultId: l.resultId,
      label: ctx.fileName(l.fileId) ?? l.fileId ?? l.resultId,
      typeLabel: kindLabel(l.kind, l.type),
      percent: formatPercent(l.confidence) ?? '',
      confidence: l.confidence,
    })),
    facts: jobFacts(ctx.job, ctx.locale),
  };
}

const sideLabel = (s: Side) => kindLabel(s.kind, s.type);

export function toCompareView(jobA: string, jobB: string, c: Comparison, notes: string[]): CompareView {
  const rows: ChangedRowView[] = c.changed.map((r) => ({
    fileId: r.fileId,
    file: r.fileName ?? (r.fileId || r.a.resultId),
    typeA: sideLabel(r.a),
    typeB: sideLabel(r.b),
    confidenceA: r.a.confidence,
    confidenceB: r.b.confidence,
    delta: r.delta,
    resultA: r.a.resultId,
    resultB: r.b.resultId,
  }));
  const all = [...notes];
  if (c.matchedByName) { all.push(`${formatCount(c.matchedByName)} matched by file name (their file IDs differ).`); }
  for (const [job, n] of [[jobA, c.duplicates.a], [jobB, c.duplicates.b]] as const) {
    if (n) { all.push(`Job ${job} has ${formatCount(n)} more result${n === 1 ? '' : 's'} for files it already has a result for; they are paired in job order.`); }
  }
  return { jobA, jobB, counts: { ...c.counts }, notes: all, rows };
}
