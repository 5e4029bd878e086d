// The result panel's page script. Loaded with the page's CSP nonce; no inline handlers.
// Every string from the API is placed with textContent (never innerHTML / insertAdjacentHTML /
// document.write), styles are set through the CSSOM only, and the page asks the host for nothing but
// the five messages of src/webview/protocol.ts.
// @ts-check
(function () {
  'use strict';
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();

  /** @param {string} id */
  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const BANDS = ['high', 'medium', 'low', 'unknown'];
  const KINDS = ['match', 'noMatch', 'noResult'];
  const STATUS_KINDS = ['info', 'busy', 'error'];

  /** @type {any} */
  let shown;

  /** @param {unknown} v */
  const str = (v) => (typeof v === 'string' ? v : '');
  /** @param {HTMLElement} el @param {unknown} text @param {string} [fallback] */
  function setText(el, text, fallback) {
    const value = typeof text === 'string' && text !== '' ? text : fallback ?? '';
    el.textContent = value;
    el.classList.toggle('empty', !(typeof text === 'string' && text !== ''));
  }
  /** @param {HTMLElement} el @param {boolean} enabled */
  function setEnabled(el, enabled) {
    // aria-disabled (not `disabled`) so a focused button keeps focus at the ends of the list.
    el.setAttribute('aria-disabled', enabled ? 'false' : 'true');
  }

  /** @param {any} r */
  function render(r) {
    if (!r || typeof r !== 'object') return;
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
    const pct = typeof r.percentValue === 'number' && isFinite(r.percentValue) ? Math.min(100, Math.max(0, r.percentValue)) : null;
    if (pct === null) {
      meter.removeAttribute('aria-valuenow');
      meter.setAttribute('aria-valuetext', 'Unknown confidence');
    } else {
      meter.setAttribute('aria-valuenow', String(Math.round(pct)));
      meter.setAttribute('aria-valuetext', `${str(r.percent)}, ${str(r.bandLabel).toLowerCase()} confidence`);
    }
    $('meter-fill').style.width = `${pct ?? 0}%`; // CSSOM: allowed by the CSP, unlike style attributes
    const issue = $('confidence-issue');
    setText(issue, r.confidenceIssue ? `The server sent a confidence that cannot be trusted: ${r.confidenceIssue}` : '');
    issue.hidden = !r.confidenceIssue;

    const reasoning = $('reasoning');
    setText(reasoning, r.reasoning, r.kind === 'noResult' ? 'No reasoning: the file has no result.' : 'No reasoning given.');
    if (isNew) reasoning.scrollTop = 0;
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

    setText($('position'), r.position);
    setEnabled($('prev'), !!r.canPrev);
    setEnabled($('next'), !!r.canNext);

    $('status').hidden = true;
    $('content').hidden = false;
    // Only the two IDs: enough for the serializer to fetch the rest again after a reload.
    vscode.setState({ jobId: str(r.jobId), resultId: str(r.resultId) });
  }

  /** @param {any} msg */
  function status(msg) {
    const el = $('status');
    setText(el, msg.text);
    el.dataset.kind = STATUS_KINDS.includes(msg.kind) ? msg.kind : 'info';
    el.hidden = !msg.text;
  }

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'show') render(msg.result);
    else if (msg.type === 'status') status(msg);
  });

  /** @param {'prev' | 'next'} dir */
  function step(dir) {
    const button = $(dir);
    if (button.getAttribute('aria-disabled') === 'true') return;
    vscode.postMessage({ type: dir });
  }
  /** @param {'id' | 'reasoning' | 'json'} what */
  const copy = (what) => vscode.postMessage({ type: 'copy', what });

  $('prev').addEventListener('click', () => step('prev'));
  $('next').addEventListener('click', () => step('next'));
  $('copy-id').addEventListener('click', () => copy('id'));
  $('copy-reasoning').addEventListener('click', () => copy('reasoning'));
  $('copy-json').addEventListener('click', () => copy('json'));
  $('raw-json').addEventListener('click', () => vscode.postMessage({ type: 'showRawJson' }));

  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    const t = /** @type {HTMLElement | null} */ (e.target);
    if (t && (t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA')) return;
    let dir = null;
    if (e.altKey && !e.shiftKey) {
      if (e.key === 'ArrowLeft') dir = 'prev';
      else if (e.key === 'ArrowRight') dir = 'next';
    } else if (!e.altKey) {
      if (e.key === '[' || e.key === 'k') dir = 'prev';
      else if (e.key === ']' || e.key === 'j') dir = 'next';
    }
    if (!dir) return;
    e.preventDefault();
    step(dir);
  });

  // A page that was hidden and shown again without being reloaded asks for the current state too.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') vscode.postMessage({ type: 'ready' });
  });

  // The listener is installed: ask the host for the result (the ready handshake).
  vscode.postMessage({ type: 'ready' });
})();
