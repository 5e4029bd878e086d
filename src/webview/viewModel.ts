// Turns one loaded result into the panel's plain view model. Pure (no `vscode`): the wording is
// shared with the tree through model/format.ts and unit tested.
import type { FileClassification } from '../api/types';
import { confidenceBand, formatCount, formatDate, formatPercent, typeLabel, type ConfidenceBand } from '../model/format';
import { markText, type ReviewMark } from '../model/reviewMarks';
import type { ResultView } from './protocol';

export interface ViewContext {
  fileName?: string;
  /** 0-based index in the job's loaded results, -1 when not (or no longer) in them. */
  index: number;
  loaded: number;
  total?: number;
  hasMore: boolean;
  /** The user's display language (vscode.env.language); undefined = the runtime default. */
  locale?: string;
  mark?: ReviewMark;
  /** While reviewing: the queue's title and whether Previous/Next have a queue entry to go to. */
  review?: { title: string; canPrev: boolean; canNext: boolean };
}

export const BAND_LABELS: Record<ConfidenceBand, string> = { high: 'High', medium: 'Medium', low: 'Low', unknown: 'Unknown' };

export const NO_MATCH_NOTE = 'No classification rule matched this document closely enough to give it a type.';
export const NO_RESULT_NOTE = 'The job produced no classification for this file (for example, in a partially successful job).';

/** "3 of 2,345"; "3 of 50 loaded" while the total is unknown and more pages exist. */
export function positionText(index: number, loaded: number, total: number | undefined, hasMore: boolean): string {
  if (index < 0) { return 'Not in the loaded results'; }
  if (total !== undefined) {return `${formatCount(index + 1)} of ${formatCount(total)}`;}
  return `${formatCount(index + 1)} of ${formatCount(loaded)}${hasMore ? ' loaded' : ''}`;
}

/** The panel's title: the file name when known, else a short file or result ID. */
export function panelTitle(item: FileClassification, fileName: string | undefined): string {
  return fileName ?? `Result ${(item.file_id ?? item.id).slice(0, 8)}`;
}

function safeDate(iso: string | null, locale: string | undefined): string | null {
  try {
    return formatDate(iso, locale) ?? null;
  } catch {
    return formatDate(iso) ?? null; // an unknown locale tag: fall back to the runtime's
  }
}

export function toResultView(item: FileClassification, ctx: ViewContext): ResultView {
  const result = item.result;
  const kind: ResultView['kind'] = !result ? 'noResult' : result.type === null && !result.typeIssue ? 'noMatch' : 'match';
  const confidence = result ? result.confidence : null;
  const band = confidenceBand(confidence);
  const label = typeLabel(result);
  return {
    jobId: item.classify_job_id,
    resultId: item.id,
    kind,
    typeLabel: label === '' ? '(empty type)' : label,
    typeNote: !result && item.v2 && item.v2.status !== 'COMPLETED'
      ? `The Classify v2 job is ${item.v2.status}${item.v2.error_message ? `: ${item.v2.error_message}` : ''}; it has no result.`
      : result?.typeIssue
      ? `Not readable: ${result.typeIssue}.` // the issue names the server already
      : kind === 'noMatch'
        ? NO_MATCH_NOTE
        : kind === 'noResult'
          ? NO_RESULT_NOTE
          : null,
    percent: formatPercent(confidence) ?? null,
    percentValue: confidence === null ? null : Math.min(100, Math.max(0, confidence * 100)),
    band,
    bandLabel: BAND_LABELS[band],
    confidenceIssue: result?.confidenceIssue ?? null,
    reasoning: result ? result.reasoning : null,
    fileName: ctx.fileName ?? null,
    fileId: item.file_id ?? item.v2?.document ?? null,
    created: safeDate(item.created_at, ctx.locale),
    createdIso: item.created_at,
    updated: safeDate(item.updated_at, ctx.locale),
    updatedIso: item.updated_at,
    index: ctx.index,
    loaded: ctx.loaded,
    total: ctx.total ?? null,
    hasMore: ctx.hasMore,
    position: positionText(ctx.index, ctx.loaded, ctx.total, ctx.hasMore),
    canPrev: ctx.review ? ctx.review.canPrev : ctx.index > 0,
    canNext: ctx.review ? ctx.review.canNext : ctx.index >= 0 && (ctx.index < ctx.loaded - 1 || ctx.hasMore),
    mark: ctx.mark ? { verdict: ctx.mark.verdict, text: markText(ctx.mark), note: ctx.mark.note ?? null } : null,
    review: ctx.review ? { title: ctx.review.title } : null,
    v2: item.v2
      ? {
          status: item.v2.status,
          rules: item.v2.rules.map((r) => ({ type: r.type, description: r.description })),
          mode: item.v2.mode,
          parseJobId: item.v2.parse_job_id,
          errorMessage: item.v2.error_message,
          configurationId: item.v2.configuration_id,
        }
      : null,
  };
}
