// Text shown for results in the tree, tooltips and the detail panel. Pure, so wording and bands are
// unit tested and the tree and the webview agree.
import type { ClassificationResult, FileClassification } from '../api/types';
import { readStatus } from './jobStatus';

export type ConfidenceBand = 'high' | 'medium' | 'low' | 'unknown';

/** The whole percentage shown for a confidence (0.796 → 80), or undefined when unknown. */
export function percentOf(confidence: number | null | undefined): number | undefined {
  if (confidence === null || confidence === undefined || !Number.isFinite(confidence)) { return undefined; }
  return Math.round(confidence * 100);
}

/**
 * Bands for colour and for the text label that says the same thing without colour. Computed from the
 * rounded percentage a person reads, so two rows that both say "80%" are always in the same band.
 */
export function confidenceBand(confidence: number | null | undefined): ConfidenceBand {
  const percent = percentOf(confidence);
  if (percent === undefined) { return 'unknown'; }
  if (percent >= 80) { return 'high'; }
  if (percent >= 50) { return 'medium'; }
  return 'low';
}

export function formatPercent(confidence: number | null | undefined): string | undefined {
  const percent = percentOf(confidence);
  return percent === undefined ? undefined : `${percent}%`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "50 of 2,345", "50" when the total is unknown. */
export function formatProgress(loaded: number, total: number | undefined): string {
  return total === undefined ? `${formatCount(loaded)} loaded` : `${formatCount(loaded)} of ${formatCount(total)}`;
}

/** "invoice", "No match" (type null) or "No result" (result null). */
export function typeLabel(result: ClassificationResult | null): string {
  if (!result) { return 'No result'; }
  if (result.typeIssue) { return 'Type unknown'; } // the server sent something that is not a type: not "No match"
  return result.type ?? 'No match';
}

/** The tree row's label: the file name when known, else the file ID (a v2 job: its document), else the result ID. */
export function itemLabel(item: FileClassification, fileName: string | undefined): string {
  return fileName ?? item.file_id ?? item.v2?.document ?? item.id;
}

/** The tree row's description: "invoice · 92%", "No match · 31%", "No result", "invoice · confidence ?". */
export function itemDescription(item: FileClassification): string {
  const result = item.result;
  // A v2 job without a result says why, in the job rows' words: it has not finished ("Running"), or
  // failed ("Failed: <reason>"). The API value is in the row's tooltip.
  if (!result && item.v2 && item.v2.status !== 'COMPLETED') {
    const word = readStatus(item.v2.status)?.word ?? item.v2.status;
    return item.v2.error_message ? `${word}: ${item.v2.error_message}` : word;
  }
  if (!result) { return 'No result'; }
  const percent = formatPercent(result.confidence);
  return `${typeLabel(result)} · ${percent ?? 'confidence ?'}`;
}

/** What a screen reader says for a row: never "type null" or "confidence undefined". */
export function itemAccessibilityLabel(item: FileClassification, fileName: string | undefined): string {
  const result = item.result;
  const name = itemLabel(item, fileName);
  if (!result) {return `${name}: no result`;}
  const type = result.typeIssue
    ? 'type unknown'
    : typeof result.type === 'string' && result.type.trim() !== ''
      ? `type ${result.type}`
      : result.type === null
        ? 'no match'
        : 'type empty';
  const percent = formatPercent(result.confidence);
  const conf = percent === undefined ? 'confidence unknown' : `confidence ${percent}, ${confidenceBand(result.confidence)}`;
  return `${name}: ${type}, ${conf}`;
}

/** The first `max` characters of the reasoning on one line, ending in an ellipsis when cut. */
export function reasoningPreview(reasoning: string, max = 280): string {
  const flat = reasoning.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** "Oct 14, 2026, 9:30 AM" in the user's locale, or undefined for a missing/invalid date. */
export function formatDate(iso: string | null | undefined, locale?: string): string | undefined {
  if (!iso) { return undefined; }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) { return iso; }
  return date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
