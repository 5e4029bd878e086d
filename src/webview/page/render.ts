// Renders a ResultView and status lines into the page shell of src/webview/html.ts.
// Security rules: every string from the host (and so from the API) is placed with textContent, never as
// markup; styles are set through the CSSOM only (allowed by the CSP, unlike style attributes); the only
// state persisted is {jobId, resultId} (and review: true while walking the review queue).
import type { HostToWebview, MarkVerdict, PanelState, ResultView } from '../protocol';

type StatusMessage = Extract<HostToWebview, { type: 'status' }>;

/** Finds one of the shell's elements by id. */
export type ById = (id: string) => HTMLElement;

const BANDS: readonly string[] = ['high', 'medium', 'low', 'unknown'] satisfies readonly ResultView['band'][];
const KINDS: readonly string[] = ['match', 'noMatch', 'noResult'] satisfies readonly ResultView['kind'][];
const VERDICTS: readonly string[] = ['correct', 'wrong'] satisfies readonly MarkVerdict[];
const STATUS_KINDS: readonly string[] = ['info', 'busy', 'error'] satisfies readonly StatusMessage['kind'][];

/** The value when it is a string, '' otherwise: the host is trusted, its data is still checked. */
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Places text with textContent; empty or missing text shows the fallback and marks the element `.empty`. */
export function setText(el: HTMLElement, text: unknown, fallback?: string): void {
  const present = typeof text === 'string' && text !== '';
  el.textContent = present ? text : fallback ?? '';
  el.classList.toggle('empty', !present);
}

/** aria-disabled (not `disabled`) so a focused button keeps focus at the ends of the list. */
export function setEnabled(el: HTMLElement, enabled: boolean): void {
  el.setAttribute('aria-disabled', enabled ? 'false' : 'true');
}

export interface ResultPage {
  /** Shows one result; anything that is not an object is ignored. */
  render(r: ResultView): void;
  /** Shows (or, for empty text, hides) the status line. */
  status(msg: StatusMessage): void;
  /** The result shown last, if any. */
  current(): ResultView | undefined;
}

/**
 * The page's renderer. `$` finds the shell's elements; `persist` receives the state to keep across a
 * reload (vscode.setState in the page).
 */
export function createResultPage($: ById, persist: (state: PanelState) => void): ResultPage {
  let shown: ResultView | undefined;

  function render(r: ResultView): void {
    if (!r || typeof r !== 'object') { return; }
    const isNew = !shown || shown.resultId !== r.resultId;
    shown = r;
    const kind = KINDS.includes(r.kind) ? r.kind : 'match';
    const type = $('type');
    setText(type, r.typeLabel);
    type.dataset.kind = kind;
    const note = $('type-note');
    setText(note, r.typeNote);
    note.hidden = !r.typeNote;

    const band = BANDS.includes(r.band) ? r.band : 'unknown';
    setText($('confidence-value'), r.percent, 'Unknown');
    const bandEl = $('confidence-band');
    setText(bandEl, r.bandLabel, 'Unknown');
    bandEl.dataset.band = band;
    bandEl.hidden = !r.percent; // "Unknown" once, not "Unknown Unknown"
    const meter = $('meter');
    meter.dataset.band = band;
    const pct = typeof r.percentValue === 'number' && Number.isFinite(r.percentValue) ? Math.min(100, Math.max(0, r.percentValue)) : null;
    if (pct === null) {
      meter.removeAttribute('aria-valuenow');
      meter.setAttribute('aria-valuetext', 'Unknown confidence');
    } else {
      meter.setAttribute('aria-valuenow', String(Math.round(pct)));
      meter.setAttribute('aria-valuetext', `${str(r.percent)}, ${str(r.bandLabel).toLowerCase()} confidence`);
    }
    $('meter-fill').style.width = `${pct ?? 0}%`; // CSSOM: allowed by the CSP, unlike style attributes
    const issue = $('confidence-issue');
    // the issue already names the server ("the server sent 1.7, above 1"): say it once
    setText(issue, r.confidenceIssue ? `Not shown, as it cannot be trusted: ${r.confidenceIssue}.` : '');
    issue.hidden = !r.confidenceIssue;

    const reasoning = $('reasoning');
    setText(reasoning, r.reasoning, r.kind === 'noResult' ? 'No reasoning: the file has no result.' : 'No reasoning given.');
    if (isNew) { reasoning.scrollTop = 0; }
    $('copy-reasoning').hidden = typeof r.reasoning !== 'string';

    setText($('file-name'), r.fileName, r.fileId ? 'Name unknown' : 'No file');
    setText($('file-id'), r.fileId);
    $('file-id').hidden = !r.fileId;
    setText($('result-id'), r.resultId);
    setText($('job-id'), r.jobId);
    setText($('created'), r.created, 'Unknown');
    setText($('updated'), r.updated, 'Unknown');
    $('created').title = str(r.createdIso);
    $('updated').title = str(r.updatedIso);

    renderV2($, r.v2);

    setText($('position'), r.position);
    setEnabled($('prev'), !!r.canPrev);
    setEnabled($('next'), !!r.canNext);
    const reviewing = renderReview(r);

    $('status').hidden = true;
    $('content').hidden = false;
    // Only the two IDs (and review mode): enough for the serializer to fetch the rest again after a reload.
    const ids = { jobId: str(r.jobId), resultId: str(r.resultId) };
    persist(reviewing ? { ...ids, review: true } : ids);
  }

  /** The review queue's position and the mark; returns true while reviewing. */
  function renderReview(r: ResultView): boolean {
    const review = r.review && typeof r.review === 'object' ? r.review : null;
    const reviewStatus = $('review-status');
    setText(reviewStatus, review ? review.title : '');
    reviewStatus.hidden = !review;
    $('review-exit').hidden = !review;
    $('review-keys').hidden = !review;
    const mark = r.mark && typeof r.mark === 'object' ? r.mark : null;
    const verdict = mark && VERDICTS.includes(mark.verdict) ? mark.verdict : null;
    const state = $('mark-state');
    setText(state, verdict ? mark?.text : '', 'Not reviewed');
    state.dataset.verdict = verdict ?? 'none';
    $('mark-correct').setAttribute('aria-pressed', String(verdict === 'correct'));
    $('mark-wrong').setAttribute('aria-pressed', String(verdict === 'wrong'));
    $('mark-clear').hidden = !verdict;
    const note = $('mark-note');
    setText(note, verdict && mark?.note ? `Note: ${mark.note}` : '');
    note.hidden = !(verdict && mark?.note);
    return !!review;
  }

  function status(msg: StatusMessage): void {
    const el = $('status');
    setText(el, msg.text);
    el.dataset.kind = STATUS_KINDS.includes(msg.kind) ? msg.kind : 'info';
    el.hidden = !msg.text;
  }

  return { render, status, current: () => shown };
}

/** The v2-only section: status, mode, parse job, configuration, error and the rules, one per line ("type — description"). */
function renderV2($: ById, v2: ResultView['v2'] | undefined): void {
  const section = $('v2');
  section.hidden = !v2 || typeof v2 !== 'object';
  if (section.hidden || !v2) { return; }
  setText($('v2-status'), v2.status, 'Unknown');
  setText($('v2-mode'), v2.mode, 'Not given');
  setText($('v2-parse-job'), v2.parseJobId, 'None');
  setText($('v2-configuration'), v2.configurationId, 'None');
  setText($('v2-error'), v2.errorMessage, 'None');
  const rules = Array.isArray(v2.rules) ? v2.rules : [];
  const lines = rules.map((r) => `${str(r?.type) || '(no type)'} — ${str(r?.description) || 'No description.'}`);
  setText($('v2-rules'), lines.join('\n'), 'The job lists no rules.');
}
