// Text shown for results in the tree, tooltips and the detail panel. Pure, so wording and bands are
// unit tested and the tree and the webview agree.
import { shortId } from '../api/jobId';
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

/**
 * What a screen reader says for a job row: its label and short ID (a full UUID read aloud is 36
 * characters of noise), the row's state in words, the counts said once:
 * "Classify job Invoices, 3f2a1b9c, Succeeded, 50 of 2,345 results loaded".
 */
export function jobAccessibilityLabel(shortJobId: string, name: string | undefined, stateText: string | undefined, counts: string | undefined, v2 = false): string {
  const kind = v2 ? 'Classify v2 job' : 'Classify job';
  const parts = [name ? `${kind} ${name}, ${shortJobId}` : `${kind} ${shortJobId}`];
  // the row's text carries the counts after " · ": say them once, at the end, with "results loaded"
  const state = counts && stateText ? stateText.replace(` · ${counts}`, '') : stateText;
  if (state && state !== counts) { parts.push(state.replace(/ · /g, ', ')); }
  if (counts) { parts.push(`${counts.replace(/ loaded$/, '')} results loaded`); } // "12 loaded" when the total is unknown
  return parts.join(', ');
}

/** "Load more results, 50 of 2,345 loaded" (not the visible "Load more (50 of 2,345)" read twice). */
export function loadMoreAccessibilityLabel(state: 'idle' | 'loading' | 'error', loaded: number, total: number | undefined): string {
  const action = state === 'loading' ? 'Loading more results' : state === 'error' ? 'Loading more failed, retry' : 'Load more results';
  return `${action}, ${formatCount(loaded)}${total === undefined ? '' : ` of ${formatCount(total)}`} loaded`;
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
  // a name that is a UUID (no file name known) is read as its first 8 characters, not 36 of noise
  const name = fileName ?? (item.v2 ? itemLabel(item, undefined) : item.file_id ? `file ${shortId(item.file_id)}` : `result ${shortId(item.id)}`); // a v2 document ID is short already
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
