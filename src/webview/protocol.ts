// The result panel's message protocol, both ways, and the validators for everything that crosses the
// webview boundary. Pure (no `vscode`), so it is unit tested.
//
// The webview is treated as untrusted: it renders remote text, so an XSS there must not become
// anything more than "ask the host for one of these few harmless things". Every inbound message is
// checked against an allow-list; unknown types, extra fields and odd values are dropped.
import type { ConfidenceBand } from '../model/format';

export { RESULT_PANEL_VIEW_TYPE as RESULT_VIEW_TYPE } from '../constants';

export type CopyWhat = 'id' | 'reasoning' | 'json' | 'link';
export type MarkVerdict = 'correct' | 'wrong';

/** What the page may ask of the host. Nothing else is ever acted on. */
export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'prev' }
  | { type: 'next' }
  | { type: 'copy'; what: CopyWhat }
  | { type: 'showRawJson' }
  /** Marks the result the page shows; the host acts only while it still shows that result. */
  | { type: 'mark'; verdict: MarkVerdict; resultId: string }
  | { type: 'clearMark'; resultId: string }
  /** Leaves review mode: Previous/Next walk every result again. */
  | { type: 'exitReview' };

/** The person's verdict on the shown result. */
export interface MarkView {
  verdict: MarkVerdict;
  /** "Correct", "Wrong type (should be receipt)". */
  text: string;
  note: string | null;
}

/** Present while the panel walks the review queue. */
export interface ReviewView {
  /** "Review 3 of 17 · below 60%". */
  title: string;
}

/** A plain view model: strings and numbers only, every remote string placed with `textContent`. */
export interface ResultView {
  jobId: string;
  resultId: string;
  /** match: a type; noMatch: result.type null; noResult: result null. */
  kind: 'match' | 'noMatch' | 'noResult';
  typeLabel: string;
  /** Explains "No match" / "No result"; absent for a match. */
  typeNote: string | null;
  /** "92%", or null when unknown (no result, or the server's value was not trusted). */
  percent: string | null;
  /** 0..100 (not rounded) for the bar; null when unknown. */
  percentValue: number | null;
  band: ConfidenceBand;
  bandLabel: string;
  /** Why the server's confidence was not trusted, e.g. "1.7 is above 1". */
  confidenceIssue: string | null;
  reasoning: string | null;
  fileName: string | null;
  fileId: string | null;
  created: string | null;
  createdIso: string | null;
  updated: string | null;
  updatedIso: string | null;
  /** 0-based position in the job's loaded results; -1 when no longer in the list (e.g. after a refresh). */
  index: number;
  loaded: number;
  total: number | null;
  hasMore: boolean;
  /** "3 of 2,345". */
  position: string;
  canPrev: boolean;
  canNext: boolean;
  /** The review mark on this result, or null when it has none. */
  mark: MarkView | null;
  /** The review queue's position while reviewing; null otherwise. */
  review: ReviewView | null;
  /** What only a Classify v2 job has; null for a v1 result. */
  v2: V2View | null;
}

/** The v2-only section of the panel. */
export interface V2View {
  status: string;
  rules: { type: string; description: string }[];
  mode: string | null;
  parseJobId: string | null;
  errorMessage: string | null;
  configurationId: string | null;
}

export type StatusKind = 'info' | 'busy' | 'error';

/** What the host sends to the page. */
export type HostToWebview = { type: 'show'; result: ResultView } | { type: 'status'; kind: StatusKind; text: string };

/** The only state the page persists (vscode.setState) and the serializer restores from. */
export interface PanelState {
  jobId: string;
  resultId: string;
  /** Present (true) only while the panel walks the review queue. */
  review?: true;
}

const COPY_WHAT: readonly CopyWhat[] = ['id', 'reasoning', 'json', 'link'];
const BARE_TYPES = new Set(['ready', 'prev', 'next', 'showRawJson', 'exitReview']);
const VERDICTS: readonly MarkVerdict[] = ['correct', 'wrong'];

function isPlainObject(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

/**
 * Returns a fresh, typed copy of an allowed message, or undefined for anything else: non-objects,
 * unknown types, extra fields (`{type:'copy', what:'id', command:'…'}`), unknown `what` values.
 */
export function parseWebviewMessage(raw: unknown): WebviewToHost | undefined {
  if (!isPlainObject(raw)) { return undefined; }
  const keys = Object.keys(raw);
  const type = raw.type;
  if (typeof type !== 'string') { return undefined; }
  if (BARE_TYPES.has(type)) {
    return keys.length === 1 ? ({ type } as WebviewToHost) : undefined;
  }
  if (type === 'copy') {
    const what = raw.what;
    if (keys.length !== 2 || typeof what !== 'string' || !COPY_WHAT.includes(what as CopyWhat)) { return undefined; }
    return { type: 'copy', what: what as CopyWhat };
  }
  if (type === 'mark') {
    const { verdict, resultId } = raw;
    if (keys.length !== 3 || typeof verdict !== 'string' || !VERDICTS.includes(verdict as MarkVerdict) || !isId(resultId)) { return undefined; }
    return { type: 'mark', verdict: verdict as MarkVerdict, resultId };
  }
  if (type === 'clearMark') {
    const { resultId } = raw;
    if (keys.length !== 2 || !isId(resultId)) { return undefined; }
    return { type: 'clearMark', resultId };
  }
  return undefined;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
const isId = (v: unknown): v is string => typeof v === 'string' && ID_PATTERN.test(v);

/** The serializer's state, validated: two ID-shaped strings (and review: true) or nothing. Extra fields are ignored. */
export function parsePanelState(raw: unknown): PanelState | undefined {
  if (!isPlainObject(raw)) { return undefined; }
  const { jobId, resultId } = raw;
  if (!isId(jobId) || !isId(resultId)) { return undefined; }
  return raw.review === true ? { jobId, resultId, review: true } : { jobId, resultId };
}

/** A short description of a rejected message for the log: never the whole payload when it is large. */
export function describeRejected(raw: unknown, max = 200): string {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? String(raw);
  } catch {
    text = Object.prototype.toString.call(raw);
  }
  return text.length <= max ? text : `(${typeof raw}, ${text.length} characters, not shown)`;
}
