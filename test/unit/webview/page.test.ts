// The result panel's page script (src/webview/page): the renderer and the key mapping on fake elements,
// then the real esbuild bundle of the page run against a fake DOM built from the page shell's ids.
import * as assert from 'assert';
import type { BuildOptions } from 'esbuild';
import * as esbuild from 'esbuild';
import * as path from 'path';
import * as ts from 'typescript';
import * as vm from 'vm';
import { readResultTemplate, buildResultHtml } from '../../../src/webview/html';
import { navigationKey, reviewKey, type KeyInput } from '../../../src/webview/page/keyboard';
import { createResultPage } from '../../../src/webview/page/render';
import { parseWebviewMessage, type HostToWebview, type PanelState, type ResultView } from '../../../src/webview/protocol';

const TEMPLATE = readResultTemplate(path.resolve(__dirname, '../../../..'));

const ROOT = path.resolve(__dirname, '../../../..');
const build = require(path.join(ROOT, 'esbuild.js')) as { pageOptions(production: boolean): BuildOptions };

type Listener = (event: unknown) => void;

/** Just enough of an HTMLElement for the page; the APIs that parse markup throw if ever touched. */
class FakeElement {
  textContent = '';
  hidden = false;
  title = '';
  scrollTop = 0;
  isContentEditable = false;
  readonly dataset: Record<string, string> = {};
  readonly style: Record<string, string> = {};
  readonly attributes = new Map<string, string>();
  readonly classes = new Set<string>();
  readonly listeners = new Map<string, Listener[]>();
  readonly classList = {
    toggle: (name: string, on?: boolean) => {
      const add = on ?? !this.classes.has(name);
      if (add) { this.classes.add(name); }
      else { this.classes.delete(name); }
      return add;
    },
    contains: (name: string) => this.classes.has(name),
  };
  constructor(
    readonly id: string,
    readonly tagName = 'DIV',
  ) {}
  setAttribute(name: string, value: string): void {
    if (/^(style|on)/i.test(name)) {throw new Error(`setAttribute(${name}) is not allowed`);}
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }
  addEventListener(type: string, fn: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  click(): void {
    for (const fn of this.listeners.get('click') ?? []) {fn({ type: 'click', target: this });}
  }
  get innerHTML(): string {
    throw new Error('innerHTML used');
  }
  set innerHTML(_: string) {
    throw new Error('innerHTML used');
  }
  get outerHTML(): string {
    throw new Error('outerHTML used');
  }
  set outerHTML(_: string) {
    throw new Error('outerHTML used');
  }
  insertAdjacentHTML(): void {
    throw new Error('insertAdjacentHTML used');
  }
}

/** One FakeElement per id of the real page shell, with its tag and initial `hidden`. */
function shellElements(): Map<string, FakeElement> {
  const { html } = buildResultHtml({ cspSource: 'vscode-resource:', scriptUri: 'result.js', styleUri: 'result.css' }, TEMPLATE);
  const els = new Map<string, FakeElement>();
  for (const m of html.matchAll(/<([a-z0-9]+) id="([^"]+)"([^>]*)>/g)) {
    const el = new FakeElement(m[2], m[1].toUpperCase());
    el.hidden = /\shidden\b/.test(m[3]);
    els.set(m[2], el);
  }
  return els;
}

function byIdOf(els: Map<string, FakeElement>) {
  return (id: string): HTMLElement => {
    const el = els.get(id);
    if (!el) {throw new Error(`the page looked up #${id}, which the shell does not have`);}
    return el as unknown as HTMLElement;
  };
}

function view(over: Partial<ResultView> = {}): ResultView {
  return {
    jobId: 'job-1',
    resultId: 'res-1',
    kind: 'match',
    typeLabel: 'invoice',
    typeNote: null,
    percent: '92%',
    percentValue: 92.4,
    band: 'high',
    bandLabel: 'High',
    confidenceIssue: null,
    reasoning: 'Has a total and a due date.',
    fileName: 'a.pdf',
    fileId: 'file-1',
    created: '1 Jan 2025',
    createdIso: '2025-01-01T00:00:00Z',
    updated: '2 Jan 2025',
    updatedIso: '2025-01-02T00:00:00Z',
    index: 0,
    loaded: 3,
    total: 3,
    hasMore: false,
    position: '1 of 3',
    canPrev: false,
    canNext: true,
    v2: null,
    mark: null,
    review: null,
    ...over,
  };
}

describe('Result page: renderer', () => {
  function setup() {
    const els = shellElements();
    const saved: PanelState[] = [];
    const page = createResultPage(byIdOf(els), (s) => saved.push(s));
    const el = (id: string) => els.get(id)!;
    return { els, saved, page, el };
  }

  it('shows a match: text, band, meter through the CSSOM, navigation state, and persists only the two IDs', () => {
    const { page, el, saved } = setup();
    page.render(view());
    assert.strictEqual(el('type').textContent, 'invoice');
    assert.strictEqual(el('type').dataset.kind, 'match');
    assert.ok(el('type-note').hidden);
    assert.strictEqual(el('confidence-value').textContent, '92%');
    assert.strictEqual(el('confidence-band').textContent, 'High');
    assert.strictEqual(el('confidence-band').dataset.band, 'high');
    assert.ok(!el('confidence-band').hidden);
    assert.strictEqual(el('meter').dataset.band, 'high');
    assert.strictEqual(el('meter').getAttribute('aria-valuenow'), '92');
    assert.strictEqual(el('meter').getAttribute('aria-valuetext'), '92%, high confidence');
    assert.strictEqual(el('meter-fill').style.width, '92.4%');
    assert.ok(el('confidence-issue').hidden);
    assert.strictEqual(el('reasoning').textContent, 'Has a total and a due date.');
    assert.ok(!el('reasoning').classes.has('empty'));
    assert.ok(!el('copy-reasoning').hidden);
    assert.strictEqual(el('file-name').textContent, 'a.pdf');
    assert.strictEqual(el('file-id').textContent, 'file-1');
    assert.strictEqual(el('result-id').textContent, 'res-1');
    assert.strictEqual(el('job-id').textContent, 'job-1');
    assert.strictEqual(el('created').textContent, '1 Jan 2025');
    assert.strictEqual(el('created').title, '2025-01-01T00:00:00Z');
    assert.strictEqual(el('updated').title, '2025-01-02T00:00:00Z');
    assert.strictEqual(el('position').textContent, '1 of 3');
    assert.strictEqual(el('prev').getAttribute('aria-disabled'), 'true');
    assert.strictEqual(el('next').getAttribute('aria-disabled'), 'false');
    assert.ok(el('status').hidden);
    assert.ok(!el('content').hidden);
    assert.deepStrictEqual(saved, [{ jobId: 'job-1', resultId: 'res-1' }]);
    assert.deepStrictEqual(Object.keys(saved[0]), ['jobId', 'resultId']);
  });

  it('shows "no result" with fallbacks, an unknown meter and no copy-reasoning button', () => {
    const { page, el } = setup();
    page.render(
      view({ kind: 'noResult', typeLabel: 'No result', typeNote: 'The file has no result.', percent: null, percentValue: null, band: 'unknown', bandLabel: 'Unknown', reasoning: null, fileName: null, fileId: null, created: null, createdIso: null }),
    );
    assert.strictEqual(el('type').dataset.kind, 'noResult');
    assert.strictEqual(el('type-note').textContent, 'The file has no result.');
    assert.ok(!el('type-note').hidden);
    assert.strictEqual(el('confidence-value').textContent, 'Unknown');
    assert.ok(el('confidence-value').classes.has('empty'));
    assert.ok(el('confidence-band').hidden, '"Unknown" once, not twice');
    assert.strictEqual(el('meter').getAttribute('aria-valuenow'), null);
    assert.strictEqual(el('meter').getAttribute('aria-valuetext'), 'Unknown confidence');
    assert.strictEqual(el('meter-fill').style.width, '0%');
    assert.strictEqual(el('reasoning').textContent, 'No reasoning: the file has no result.');
    assert.ok(el('reasoning').classes.has('empty'));
    assert.ok(el('copy-reasoning').hidden);
    assert.strictEqual(el('file-name').textContent, 'No file');
    assert.ok(el('file-id').hidden);
    assert.strictEqual(el('created').textContent, 'Unknown');
    assert.strictEqual(el('created').title, '');
  });

  it('shows the Classify v2 section (status, mode, parse job, error, rules one per line) only for a v2 job', () => {
    const { page, el } = setup();
    page.render(view());
    assert.ok(el('v2').hidden, 'a v1 result has no v2 section');
    const hostile = '<b onclick="x()">bold</b>';
    page.render(view({ resultId: 'cls-1', v2: { status: 'COMPLETED', mode: 'FAST', parseJobId: 'pjb-1', errorMessage: null, configurationId: null,
      rules: [{ type: 'invoice', description: 'A bill.' }, { type: hostile, description: '' }] } }));
    assert.ok(!el('v2').hidden);
    assert.strictEqual(el('v2-status').textContent, 'COMPLETED');
    assert.strictEqual(el('v2-mode').textContent, 'FAST');
    assert.strictEqual(el('v2-parse-job').textContent, 'pjb-1');
    assert.strictEqual(el('v2-error').textContent, 'None');
    assert.ok(el('v2-error').classes.has('empty'));
    assert.strictEqual(el('v2-configuration').textContent, 'None');
    assert.strictEqual(el('v2-rules').textContent, `invoice — A bill.\n${hostile} — No description.`);
    page.render(view({ resultId: 'cls-2', v2: { status: 'FAILED', mode: null, parseJobId: null, errorMessage: 'Password protected', configurationId: 'cfg-1', rules: [] } }));
    assert.strictEqual(el('v2-error').textContent, 'Password protected');
    assert.strictEqual(el('v2-mode').textContent, 'Not given');
    assert.strictEqual(el('v2-rules').textContent, 'The job lists no rules.');
    page.render(view({ resultId: 'r-3' }));
    assert.ok(el('v2').hidden, 'hidden again for a v1 result');
  });

  it('places hostile text verbatim as text, clamps the meter and falls back on unknown kinds and bands', () => {
    const { page, el } = setup();
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    page.render(view({ typeLabel: hostile, reasoning: hostile, fileName: hostile, confidenceIssue: 'the server sent 1.7, above 1', percentValue: 170, kind: 'bogus' as ResultView['kind'], band: 'bogus' as ResultView['band'] }));
    assert.strictEqual(el('type').textContent, hostile);
    assert.strictEqual(el('reasoning').textContent, hostile);
    assert.strictEqual(el('file-name').textContent, hostile);
    assert.strictEqual(el('type').dataset.kind, 'match');
    assert.strictEqual(el('meter').dataset.band, 'unknown');
    assert.strictEqual(el('meter-fill').style.width, '100%');
    assert.strictEqual(el('meter').getAttribute('aria-valuenow'), '100');
    assert.strictEqual(el('confidence-issue').textContent, 'Not shown, as it cannot be trusted: the server sent 1.7, above 1.');
    assert.strictEqual(el('confidence-issue').textContent?.match(/server sent/g)?.length, 1, 'says "the server sent" once');
    assert.ok(!el('confidence-issue').hidden);
    page.render(view({ percentValue: Number.NaN }));
    assert.strictEqual(el('meter-fill').style.width, '0%');
    assert.strictEqual(el('meter').getAttribute('aria-valuenow'), null);
    page.render(view({ percentValue: -5 }));
    assert.strictEqual(el('meter-fill').style.width, '0%');
  });

  it('scrolls the reasoning to the top only for a different result, and ignores non-objects', () => {
    const { page, el, saved } = setup();
    page.render(view());
    el('reasoning').scrollTop = 120;
    page.render(view({ position: '1 of 4' }));
    assert.strictEqual(el('reasoning').scrollTop, 120, 'the same result re-rendered keeps its scroll');
    page.render(view({ resultId: 'res-2' }));
    assert.strictEqual(el('reasoning').scrollTop, 0);
    page.render(null as unknown as ResultView);
    page.render('x' as unknown as ResultView);
    assert.strictEqual(saved.length, 3);
  });

  it('shows the review queue title, the mark, its note and the review controls; persists review mode', () => {
    const { page, el, saved } = setup();
    page.render(view());
    assert.ok(el('review-status').hidden, 'not reviewing: no queue title');
    assert.ok(el('review-exit').hidden && el('review-keys').hidden);
    assert.strictEqual(el('mark-state').textContent, 'Not reviewed');
    assert.strictEqual(el('mark-state').dataset.verdict, 'none');
    assert.strictEqual(el('mark-correct').getAttribute('aria-pressed'), 'false');
    assert.ok(el('mark-clear').hidden && el('mark-note').hidden);
    const hostile = '<img src=x onerror="alert(1)">';
    page.render(view({ review: { title: 'Review 3 of 17 · below 60%' }, mark: { verdict: 'wrong', text: `Wrong type (should be ${hostile})`, note: hostile } }));
    assert.strictEqual(el('review-status').textContent, 'Review 3 of 17 · below 60%');
    assert.ok(!el('review-status').hidden && !el('review-exit').hidden && !el('review-keys').hidden);
    assert.strictEqual(el('mark-state').textContent, `Wrong type (should be ${hostile})`);
    assert.strictEqual(el('mark-state').dataset.verdict, 'wrong');
    assert.strictEqual(el('mark-wrong').getAttribute('aria-pressed'), 'true');
    assert.strictEqual(el('mark-correct').getAttribute('aria-pressed'), 'false');
    assert.ok(!el('mark-clear').hidden);
    assert.strictEqual(el('mark-note').textContent, `Note: ${hostile}`);
    assert.ok(!el('mark-note').hidden);
    assert.deepStrictEqual(saved.at(-1), { jobId: 'job-1', resultId: 'res-1', review: true });
    page.render(view({ mark: { verdict: 'bogus' as 'correct', text: 'x', note: 'y' } }));
    assert.strictEqual(el('mark-state').textContent, 'Not reviewed', 'an unknown verdict is no mark');
    assert.ok(el('mark-note').hidden);
    assert.deepStrictEqual(saved.at(-1), { jobId: 'job-1', resultId: 'res-1' });
    assert.strictEqual(page.current()?.resultId, 'res-1');
  });

  it('shows and hides the status line; unknown kinds read as info', () => {
    const { page, el } = setup();
    page.status({ type: 'status', kind: 'error', text: 'Could not load.' });
    assert.strictEqual(el('status').textContent, 'Could not load.');
    assert.strictEqual(el('status').dataset.kind, 'error');
    assert.ok(!el('status').hidden);
    page.status({ type: 'status', kind: 'weird' as 'info', text: 'x' });
    assert.strictEqual(el('status').dataset.kind, 'info');
    page.status({ type: 'status', kind: 'busy', text: '' });
    assert.ok(el('status').hidden);
  });
});

describe('Result page: keyboard', () => {
  const key = (k: string, over: Partial<KeyInput> = {}): KeyInput => ({ key: k, altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, defaultPrevented: false, target: null, ...over });
  const input = (tagName: string, isContentEditable = false) => ({ tagName, isContentEditable }) as unknown as EventTarget;

  it('maps Alt+Left/Right, [ ] and k j', () => {
    assert.strictEqual(navigationKey(key('ArrowLeft', { altKey: true })), 'prev');
    assert.strictEqual(navigationKey(key('ArrowRight', { altKey: true })), 'next');
    for (const k of ['[', 'k']) { assert.strictEqual(navigationKey(key(k)), 'prev', k); }
    for (const k of [']', 'j']) { assert.strictEqual(navigationKey(key(k)), 'next', k); }
    assert.strictEqual(navigationKey(key('j', { target: input('BUTTON') })), 'next', 'a focused button does not block');
  });

  it('ignores chords, handled events, plain arrows and typing', () => {
    assert.strictEqual(navigationKey(key('ArrowLeft')), null, 'plain arrows scroll');
    assert.strictEqual(navigationKey(key('ArrowLeft', { altKey: true, shiftKey: true })), null);
    assert.strictEqual(navigationKey(key('k', { altKey: true })), null);
    assert.strictEqual(navigationKey(key('j', { ctrlKey: true })), null);
    assert.strictEqual(navigationKey(key('ArrowRight', { altKey: true, metaKey: true })), null);
    assert.strictEqual(navigationKey(key('j', { defaultPrevented: true })), null);
    assert.strictEqual(navigationKey(key('j', { target: input('INPUT') })), null);
    assert.strictEqual(navigationKey(key('j', { target: input('TEXTAREA') })), null);
    assert.strictEqual(navigationKey(key('j', { target: input('DIV', true) })), null);
    assert.strictEqual(navigationKey(key('x')), null);
  });

  it('review keys: c Correct, w Wrong type, n next, p previous; never in a chord or while typing', () => {
    assert.strictEqual(reviewKey(key('c')), 'correct');
    assert.strictEqual(reviewKey(key('w')), 'wrong');
    assert.strictEqual(reviewKey(key('n')), 'next');
    assert.strictEqual(reviewKey(key('p')), 'prev');
    for (const over of [{ ctrlKey: true }, { metaKey: true }, { altKey: true }, { defaultPrevented: true }, { target: input('INPUT') }]) {
      assert.strictEqual(reviewKey(key('c', over)), null, JSON.stringify(over));
    }
    assert.strictEqual(reviewKey(key('C')), null);
    assert.strictEqual(reviewKey(key('j')), null, 'navigation keys are navigationKey\'s');
  });
});

describe('Result page: the esbuild bundle (dist/webview/result.js)', function () {
  this.timeout(20000);

  it('is a second entry point: browser IIFE, es2020, minified without a source map in production', () => {
    const prod = build.pageOptions(true);
    assert.deepStrictEqual(prod.entryPoints, ['src/webview/page/result.ts']);
    assert.strictEqual(prod.outfile, 'dist/webview/result.js');
    assert.strictEqual(prod.platform, 'browser');
    assert.strictEqual(prod.format, 'iife');
    assert.strictEqual(prod.target, 'es2020');
    assert.strictEqual(prod.bundle, true);
    assert.strictEqual(prod.minify, true);
    assert.strictEqual(prod.sourcemap, false);
    assert.strictEqual(build.pageOptions(false).minify, false);
  });

  let code = '';
  before(async () => {
    const result = await esbuild.build({ ...build.pageOptions(true), write: false, logLevel: 'silent' });
    assert.strictEqual(result.outputFiles?.length, 1);
    code = result.outputFiles[0].text;
  });

  it('is self-contained browser code with no markup-parsing DOM API', () => {
    assert.ok(code.length < 10_000, `${code.length} bytes`);
    for (const banned of [/innerHTML/, /outerHTML/, /insertAdjacentHTML/, /document\.write/, /\beval\(/, /new Function/, /\brequire\(/, /\bimport\(/, /DOMParser/]) {
      assert.ok(!banned.test(code), `the bundle uses ${banned}`);
    }
  });

  /** Runs the bundle in a fresh context with a fake DOM and a fake acquireVsCodeApi. */
  function runPage() {
    const els = shellElements();
    const windowListeners = new Map<string, Listener[]>();
    const documentListeners = new Map<string, Listener[]>();
    const posted: unknown[] = [];
    const states: unknown[] = [];
    const listenerCountAtPost: number[] = [];
    let acquired = 0;
    const on = (map: Map<string, Listener[]>) => (type: string, fn: Listener) => map.set(type, [...(map.get(type) ?? []), fn]);
    const document = {
      visibilityState: 'visible',
      getElementById: byIdOf(els),
      addEventListener: on(documentListeners),
      write: () => assert.fail('document.write used'),
    };
    const context = {
      window: { addEventListener: on(windowListeners) },
      document,
      acquireVsCodeApi: () => {
        acquired++;
        return {
          // Copied like VS Code does (structured clone), which also leaves the vm's realm.
          postMessage: (m: unknown) => {
            posted.push(JSON.parse(JSON.stringify(m)));
            listenerCountAtPost.push(windowListeners.get('message')?.length ?? 0);
          },
          setState: (s: unknown) => states.push(JSON.parse(JSON.stringify(s))),
        };
      },
    };
    vm.runInNewContext(code, context, { filename: 'dist/webview/result.js' });
    const dispatch = (map: Map<string, Listener[]>, type: string, event: unknown) => {
      for (const fn of map.get(type) ?? []) { fn(event); }
    };
    const send = (data: unknown) => dispatch(windowListeners, 'message', { data });
    const key = (k: string, over: Record<string, unknown> = {}) => {
      const event = { key: k, altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, defaultPrevented: false, target: els.get('reasoning'), ...over, prevented: false, preventDefault() { this.prevented = true; } };
      dispatch(documentListeners, 'keydown', event);
      return event;
    };
    const visibility = (state: string) => {
      document.visibilityState = state;
      dispatch(documentListeners, 'visibilitychange', {});
    };
    return { els, posted, states, listenerCountAtPost, acquired: () => acquired, send, key, visibility };
  }

  it('starts the ready handshake once its message listener is installed, and again when shown', () => {
    const page = runPage();
    assert.strictEqual(page.acquired(), 1, 'acquireVsCodeApi is called once');
    assert.deepStrictEqual(page.posted, [{ type: 'ready' }]);
    assert.deepStrictEqual(page.listenerCountAtPost, [1], 'the listener was there before ready was posted');
    page.visibility('hidden');
    assert.strictEqual(page.posted.length, 1);
    page.visibility('visible');
    assert.deepStrictEqual(page.posted, [{ type: 'ready' }, { type: 'ready' }]);
  });

  it('renders HostToWebview messages, ignores anything else, and persists only {jobId, resultId}', () => {
    const page = runPage();
    page.send({ type: 'status', kind: 'busy', text: 'Loading result…' } satisfies HostToWebview);
    assert.strictEqual(page.els.get('status')!.textContent, 'Loading result…');
    for (const junk of [null, 'show', 42, { type: 'eval', code: 'x' }, { result: view() }]) { page.send(junk); }
    assert.ok(page.els.get('content')!.hidden);
    page.send({ type: 'show', result: view({ reasoning: '<b>bold?</b>' }) } satisfies HostToWebview);
    assert.ok(!page.els.get('content')!.hidden);
    assert.ok(page.els.get('status')!.hidden);
    assert.strictEqual(page.els.get('reasoning')!.textContent, '<b>bold?</b>');
    assert.strictEqual(page.els.get('meter-fill')!.style.width, '92.4%');
    assert.deepStrictEqual(page.states, [{ jobId: 'job-1', resultId: 'res-1' }]);
  });

  it('posts only valid WebviewToHost messages from its buttons and keys, honouring aria-disabled', () => {
    const page = runPage();
    page.send({ type: 'show', result: view({ canPrev: false, canNext: true }) } satisfies HostToWebview);
    page.posted.length = 0;
    page.els.get('prev')!.click();
    assert.deepStrictEqual(page.posted, [], 'prev is aria-disabled at the start');
    assert.strictEqual(page.key('k').prevented, true, 'the key is still taken');
    assert.deepStrictEqual(page.posted, []);
    page.els.get('next')!.click();
    page.key('j');
    page.key('ArrowRight', { altKey: true });
    page.key(']');
    assert.strictEqual(page.key('j', { ctrlKey: true }).prevented, false);
    page.key('j', { target: new FakeElement('x', 'INPUT') });
    page.key('j', { defaultPrevented: true });
    page.els.get('copy-id')!.click();
    page.els.get('copy-reasoning')!.click();
    page.els.get('copy-json')!.click();
    page.els.get('copy-link')!.click();
    page.els.get('raw-json')!.click();
    const sent = [...page.posted];
    assert.deepStrictEqual(sent, [
      { type: 'next' },
      { type: 'next' },
      { type: 'next' },
      { type: 'next' },
      { type: 'copy', what: 'id' },
      { type: 'copy', what: 'reasoning' },
      { type: 'copy', what: 'json' },
      { type: 'copy', what: 'link' },
      { type: 'showRawJson' },
    ]);
    for (const m of sent) { assert.deepStrictEqual(parseWebviewMessage(m), m, 'the host accepts it as is'); }
    page.send({ type: 'show', result: view({ canPrev: true, canNext: false }) } satisfies HostToWebview);
    page.posted.length = 0;
    page.key('ArrowLeft', { altKey: true });
    page.key('j');
    page.els.get('next')!.click();
    assert.deepStrictEqual(page.posted, [{ type: 'prev' }]);
  });

  it('marks the shown result from its buttons, and from c / w / n / p only while reviewing', () => {
    const page = runPage();
    page.send({ type: 'show', result: view({ canPrev: true, canNext: true }) } satisfies HostToWebview);
    page.posted.length = 0;
    assert.strictEqual(page.key('c').prevented, false, 'not reviewing: c is not taken');
    page.key('w');
    page.key('n');
    assert.deepStrictEqual(page.posted, []);
    page.els.get('mark-correct')!.click();
    page.els.get('mark-wrong')!.click();
    page.els.get('mark-clear')!.click();
    page.send({ type: 'show', result: view({ resultId: 'res-2', canPrev: true, canNext: true, review: { title: 'Review 2 of 5 · below 60%' } }) } satisfies HostToWebview);
    assert.strictEqual(page.key('c').prevented, true);
    page.key('w');
    page.key('n');
    page.key('p');
    page.key('c', { target: new FakeElement('x', 'TEXTAREA') });
    page.els.get('review-exit')!.click();
    const sent = [...page.posted];
    assert.deepStrictEqual(sent, [
      { type: 'mark', verdict: 'correct', resultId: 'res-1' },
      { type: 'mark', verdict: 'wrong', resultId: 'res-1' },
      { type: 'clearMark', resultId: 'res-1' },
      { type: 'mark', verdict: 'correct', resultId: 'res-2' },
      { type: 'mark', verdict: 'wrong', resultId: 'res-2' },
      { type: 'next' },
      { type: 'prev' },
      { type: 'exitReview' },
    ]);
    for (const m of sent) { assert.deepStrictEqual(parseWebviewMessage(m), m, 'the host accepts it as is'); }
    assert.deepStrictEqual(page.states.at(-1), { jobId: 'job-1', resultId: 'res-2', review: true });
  });
});

describe('Result page: type-checked as browser code', function () {
  this.timeout(30000);

  it('compiles with src/webview/page/tsconfig.json (DOM + ES2020, no Node types)', () => {
    const configPath = path.join(ROOT, 'src/webview/page/tsconfig.json');
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')) });
    assert.ok(parsed && parsed.errors.length === 0, 'the page tsconfig parses');
    assert.deepStrictEqual(parsed.options.types, []);
    const program = ts.createProgram(parsed.fileNames, parsed.options);
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    assert.deepStrictEqual(diagnostics, []);
    assert.ok(parsed.fileNames.some((f) => f.endsWith('src/webview/page/result.ts')));
  });
});
