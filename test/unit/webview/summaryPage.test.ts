// The summary and compare pages: view models, the renderers on a fake DOM built from the real
// templates (hostile type names stay text), the message validators, and the real esbuild bundles run
// in a vm against that fake DOM.
import * as assert from 'assert';
import type { BuildOptions } from 'esbuild';
import * as esbuild from 'esbuild';
import * as path from 'path';
import * as vm from 'vm';
import type { ClassifyJob, FileClassification } from '../../../src/api/types';
import { compareResults } from '../../../src/model/compare';
import { summarize } from '../../../src/model/summary';
import { buildResultHtml, readPageTemplate } from '../../../src/webview/html';
import { createComparePage, deltaText } from '../../../src/webview/page/compareRender';
import { createSummaryPage } from '../../../src/webview/page/summaryRender';
import { parseCompareMessage, parseSummaryMessage, type CompareView, type SummaryView } from '../../../src/webview/summaryProtocol';
import { countText, MAX_LOW_SHOWN, toCompareView, toSummaryView, type SummaryContext } from '../../../src/webview/summaryViewModel';
import { fakeDom, type FakeEl } from './fakeDom';

const ROOT = path.resolve(__dirname, '../../../..');
const build = require(path.join(ROOT, 'esbuild.js')) as { pageOptionsFor(name: string, production: boolean): BuildOptions };
const RES = { cspSource: 'vscode-resource:', scriptUri: 'page.js', styleUri: 'summary.css' };
const html = (page: 'summary' | 'compare') => buildResultHtml(RES, readPageTemplate(ROOT, page)).html;

const HOSTILE = '<img src=x onerror=alert(1)>';
let n = 0;
function row(type: string | null | undefined, confidence: number | null, fileId: string | null = `f${n + 1}`): FileClassification {
  n++;
  return { id: `r${n}`, classify_job_id: 'job-1', file_id: fileId, result: type === undefined ? null : { type, confidence, reasoning: '' }, created_at: null, updated_at: null };
}
const JOB: ClassifyJob = {
  id: 'job-1',
  project_id: null,
  status: 'SUCCESS',
  rules: [{ type: HOSTILE, description: '<b>desc</b>' }],
  created_at: '2026-10-14T09:30:00Z',
  updated_at: '2026-10-14T10:00:00Z',
  error_message: null,
};
const ctx = (over: Partial<SummaryContext> = {}): SummaryContext => ({ jobId: 'job-1', total: 6, hasMore: false, loadingAll: false, limit: 10_000, fileName: () => undefined, job: JOB, locale: 'en-US', ...over });
/** Six results with IDs r1..r6 and files f1..f6, every time. */
const items = () => (n = 0, [row('invoice', 0.9), row('invoice', 0.1), row(HOSTILE, 0.35), row(null, 0.2), row(undefined, null), row('null', 1)]);

describe('Summary view model', () => {
  it('says "loaded of total results"', () => {
    assert.strictEqual(countText(137, 137, false), '137 of 137 results');
    assert.strictEqual(countText(50, 2345, true), '50 of 2,345 results');
    assert.strictEqual(countText(50, undefined, true), '50 results loaded, more on the server');
    assert.strictEqual(countText(1, undefined, false), '1 of 1 result');
  });

  it('has rows, shares, bins, the apart count, low results with file names and the job facts', () => {
    const v = toSummaryView(summarize(items(), 0.6), ctx({ fileName: (id) => (id === 'f2' ? 'b.pdf' : undefined) }));
    assert.deepStrictEqual(v.types.map((t) => [t.kind, t.type, t.label, t.count, t.share]), [
      ['match', 'invoice', 'invoice', 2, '33.3%'],
      ['match', HOSTILE, HOSTILE, 1, '16.7%'],
      ['match', 'null', 'null', 1, '16.7%'],
      ['noMatch', null, 'No match', 1, '16.7%'],
      ['noResult', null, 'No result', 1, '16.7%'],
    ]);
    assert.deepStrictEqual(v.bins.map((b) => b.count), [0, 1, 1, 1, 0, 0, 0, 0, 0, 2]);
    assert.strictEqual(v.bins[9].label, '90–100 %');
    assert.strictEqual(v.apartCount, 1);
    assert.strictEqual(v.apartText, 'Not in the histogram: 1 (1 without a result)');
    assert.strictEqual(v.lowText, '3 results below 60%');
    assert.deepStrictEqual(v.low.map((l) => [l.label, l.typeLabel, l.percent]), [['b.pdf', 'invoice', '10%'], ['f4', 'No match', '20%'], ['f3', HOSTILE, '35%']]);
    assert.strictEqual(v.countText, '6 of 6 results');
    assert.strictEqual(v.canLoadAll, false);
    assert.strictEqual(v.facts.status, 'SUCCESS');
    assert.match(v.facts.created!, /2026/);
    assert.deepStrictEqual(v.facts.rules, [{ type: HOSTILE, description: '<b>desc</b>' }]);
    assert.deepStrictEqual(toSummaryView(summarize([]), ctx({ job: undefined })).facts, { status: null, created: null, updated: null, error: null, rules: null });
  });

  it('offers Load all only while more pages exist below the limit, and caps the low list', () => {
    assert.strictEqual(toSummaryView(summarize(items()), ctx({ hasMore: true, total: 100 })).canLoadAll, true);
    assert.strictEqual(toSummaryView(summarize(items()), ctx({ hasMore: true, limit: 6 })).canLoadAll, false);
    const many = Array.from({ length: MAX_LOW_SHOWN + 5 }, () => row('x', 0.1));
    const v = toSummaryView(summarize(many), ctx());
    assert.strictEqual(v.low.length, MAX_LOW_SHOWN);
    assert.strictEqual(v.lowTotal, MAX_LOW_SHOWN + 5);
    assert.strictEqual(v.lowText, `105 results below 60% (the lowest ${MAX_LOW_SHOWN} are listed)`);
  });

  it('compare view: labels, notes for name matches, duplicates and the caller’s notes', () => {
    const names: Record<string, string> = { a1: 'same.pdf', b1: 'same.pdf' };
    const c = compareResults([row('invoice', 0.9, 'a1'), row(null, 0.3, 'x'), row('y', 0.5, 'x')], [row('receipt', 0.4, 'b1'), row('invoice', 0.8, 'x')], (id) => (id ? names[id] : undefined));
    const v = toCompareView('A', 'B', c, ['limit note']);
    assert.deepStrictEqual(v.counts, { same: 0, changed: 2, onlyA: 1, onlyB: 0 });
    assert.deepStrictEqual(v.rows.map((r) => [r.file, r.typeA, r.typeB, r.delta]), [['same.pdf', 'invoice', 'receipt', -0.5], ['x', 'No match', 'invoice', 0.5]]);
    assert.deepStrictEqual(v.notes, ['limit note', '1 matched by file name (their file IDs differ).', 'Job A has 1 more result for files it already has a result for; they are paired in job order.']);
  });
});

function summaryPage() {
  const f = fakeDom(html('summary'));
  const opened: string[] = [];
  const page = createSummaryPage(f.dom, (id) => opened.push(id));
  return { ...f, page, opened };
}

describe('Summary page: renderer', () => {
  it('fills the count, the type table (data-type exactly as sent) and the chart; hostile names stay text', () => {
    const { page, el, created } = summaryPage();
    page.render(toSummaryView(summarize(items()), ctx({ total: 10, hasMore: true })));
    assert.strictEqual(el('summary-count').textContent, '6 of 10 results');
    assert.ok(!el('load-all').hidden);
    assert.ok(el('cancel-load').hidden);
    assert.ok(!el('content').hidden);
    const rows = el('type-rows').children;
    assert.deepStrictEqual(rows.map((r) => [r.tagName, r.dataset.type, r.dataset.count]), [
      ['TR', 'invoice', '2'],
      ['TR', HOSTILE, '1'],
      ['TR', 'null', '1'],
      ['TR', '', '1'],
      ['TR', 'null', '1'],
    ]);
    assert.deepStrictEqual(rows.map((r) => r.dataset.kind), ['match', 'match', 'match', 'noMatch', 'noResult'], 'data-kind tells a type named "null" from No result');
    assert.strictEqual(rows[1].text(), `${HOSTILE}116.7%`);
    assert.strictEqual(rows[1].children[0].textContent, HOSTILE, 'placed as text');
    assert.strictEqual(rows[3].text(), 'No match116.7%');
    assert.strictEqual(el('type-chart').children.length, 5);
    assert.strictEqual(el('type-chart').children[0].findAll((e) => e.className === 'bar-fill')[0].style.width, '100%');
    assert.strictEqual(el('type-chart').children[1].findAll((e) => e.className === 'bar-fill')[0].style.width, '50%');
    assert.strictEqual(el('type-chart').children[1].text(), `${HOSTILE}1 (16.7%)`);
    assert.ok(created.every((e) => !e.attributes.has('style')));
  });

  it('draws ten histogram bins with data-bin and data-count, and counts the rest apart', () => {
    const { page, el } = summaryPage();
    page.render(toSummaryView(summarize(items()), ctx()));
    const bins = el('confidence-histogram').children;
    assert.deepStrictEqual(bins.map((b) => b.dataset.bin), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    assert.deepStrictEqual(bins.map((b) => b.dataset.count), ['0', '1', '1', '1', '0', '0', '0', '0', '0', '2']);
    assert.strictEqual(bins[9].text(), '290–100 %', 'the number is text, not only a bar');
    assert.strictEqual(bins[9].findAll((e) => e.className === 'bar-fill')[0].style.height, '100%');
    assert.strictEqual(bins[1].findAll((e) => e.className === 'bar-fill')[0].style.height, '50%');
    assert.strictEqual(el('confidence-apart').textContent, 'Not in the histogram: 1 (1 without a result)');
    assert.ok(!el('confidence-apart').hidden);
  });

  it('lists low results lowest first; a click asks to open that result', () => {
    const { page, el, opened } = summaryPage();
    page.render(toSummaryView(summarize(items()), ctx()));
    const li = el('low-confidence-list').children;
    assert.deepStrictEqual(li.map((l) => l.text()), ['f2invoice · 10%', 'f4No match · 20%', `f3${HOSTILE} · 35%`]);
    li[2].children[0].click();
    assert.deepStrictEqual(opened, [li[2].dataset.resultId]);
    assert.strictEqual(el('low-text').textContent, '3 results below 60%');
  });

  it('shows the job facts as text, hides empty ones, and swaps Load all for Cancel while loading', () => {
    const { page, el } = summaryPage();
    page.render(toSummaryView(summarize(items()), ctx({ hasMore: true, loadingAll: true })));
    assert.strictEqual(el('job-status').textContent, 'SUCCESS');
    assert.match(el('job-dates').textContent, /2026.* → .*2026/);
    assert.ok(el('job-error-row').hidden);
    assert.strictEqual(el('job-rules').children[0].text(), `${HOSTILE} — <b>desc</b>`);
    assert.ok(el('load-all').hidden);
    assert.ok(!el('cancel-load').hidden);
    page.render(toSummaryView(summarize([]), ctx({ job: undefined })));
    assert.strictEqual(el('job-status').textContent, 'Unknown');
    assert.ok(el('job-rules-row').hidden);
    assert.ok(!el('types-empty').hidden);
    page.status('error', 'boom');
    assert.strictEqual(el('status').textContent, 'boom');
    assert.strictEqual(el('status').dataset.kind, 'error');
    page.status('bogus' as 'info', '');
    assert.ok(el('status').hidden);
  });
});

function compareView(): CompareView {
  return {
    jobA: 'A',
    jobB: 'B',
    counts: { same: 3, changed: 3, onlyA: 1, onlyB: 2 },
    notes: [HOSTILE],
    rows: [
      { fileId: 'f1', file: 'b.pdf', typeA: 'invoice', typeB: 'receipt', confidenceA: 0.9, confidenceB: 0.4, delta: -0.5, resultA: 'ra1', resultB: 'rb1' },
      { fileId: 'f2', file: HOSTILE, typeA: 'No match', typeB: HOSTILE, confidenceA: 0.3, confidenceB: null, delta: null, resultA: 'ra2', resultB: 'rb2' },
      { fileId: 'f3', file: 'a.pdf', typeA: 'x', typeB: 'y', confidenceA: 0.5, confidenceB: 0.62, delta: 0.12, resultA: 'ra3', resultB: 'rb3' },
    ],
  };
}

describe('Compare page: renderer', () => {
  function setup() {
    const f = fakeDom(html('compare'));
    const opened: number[] = [];
    const page = createComparePage(f.dom, (i) => opened.push(i));
    page.render(compareView());
    const fileIds = () => f.el('changed-rows').children.map((r) => r.dataset.fileId);
    return { ...f, page, opened, fileIds };
  }

  it('shows the four counts, the notes as text and one row per changed result', () => {
    const { el, fileIds } = setup();
    assert.deepStrictEqual(['same', 'changed', 'onlyA', 'onlyB'].map((k) => [el(`count-${k}`).textContent, el(`count-${k}`).dataset.count]), [['3', '3'], ['3', '3'], ['1', '1'], ['2', '2']]);
    assert.strictEqual(el('compare-notes').children[0].textContent, HOSTILE);
    assert.deepStrictEqual(fileIds(), ['f1', 'f2', 'f3']);
    const second = el('changed-rows').children[1];
    assert.deepStrictEqual(second.children.map((c) => c.text()), [HOSTILE, 'No match', HOSTILE, '30%', 'unknown', 'unknown']);
    assert.deepStrictEqual(el('changed-rows').children[0].children.slice(3).map((c) => c.text()), ['90%', '40%', '−50 pts']);
    assert.ok(el('no-changes').hidden);
    assert.ok(!el('content').hidden);
  });

  it('sorts by a header, flips on a second click, marks aria-sort, and a row opens its own pair after sorting', () => {
    const { page, el, fileIds, opened } = setup();
    page.sort('file');
    assert.deepStrictEqual(fileIds(), ['f2', 'f3', 'f1'], '"<img…" < "a.pdf" < "b.pdf"');
    assert.strictEqual(el('sort-file').getAttribute('aria-sort'), 'ascending');
    assert.strictEqual(el('sort-delta').getAttribute('aria-sort'), 'none');
    page.sort('delta');
    assert.deepStrictEqual(fileIds(), ['f1', 'f3', 'f2'], 'unknown last');
    page.sort('delta');
    assert.deepStrictEqual(fileIds(), ['f3', 'f1', 'f2']);
    assert.strictEqual(el('sort-delta').getAttribute('aria-sort'), 'descending');
    el('changed-rows').children[0].click();
    assert.deepStrictEqual(opened, [2], 'the host’s index of f3, not its sorted position');
    page.sort('bogus' as 'file');
    assert.deepStrictEqual(fileIds(), ['f3', 'f1', 'f2']);
  });

  it('says when nothing changed; delta text', () => {
    const { page, el } = setup();
    page.render({ ...compareView(), rows: [] });
    assert.ok(!el('no-changes').hidden);
    assert.strictEqual(el('changed-rows').children.length, 0);
    assert.strictEqual(deltaText(0.12), '+12 pts');
    assert.strictEqual(deltaText(0), '0 pts');
    assert.strictEqual(deltaText(null), 'unknown');
  });
});

describe('Summary and compare protocols: inbound validators', () => {
  it('accept exactly the allow-list', () => {
    for (const m of [{ type: 'ready' }, { type: 'loadAll' }, { type: 'cancelLoad' }, { type: 'openResult', resultId: 'abc-1' }]) {
      assert.deepStrictEqual(parseSummaryMessage(m), m);
    }
    assert.deepStrictEqual(parseCompareMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepStrictEqual(parseCompareMessage({ type: 'openPair', index: 3 }), { type: 'openPair', index: 3 });
  });
  it('reject extra fields, odd values and other types', () => {
    for (const m of [null, 'ready', [], { type: 'ready', x: 1 }, { type: 'openResult' }, { type: 'openResult', resultId: '../x' }, { type: 'openResult', resultId: 'a'.repeat(200) }, { type: 'openPair', index: 1 }, { type: 'eval' }]) {
      assert.strictEqual(parseSummaryMessage(m), undefined, JSON.stringify(m));
    }
    for (const m of [{ type: 'openPair', index: -1 }, { type: 'openPair', index: 1.5 }, { type: 'openPair', index: '1' }, { type: 'openPair', index: 1, x: 2 }, { type: 'loadAll' }]) {
      assert.strictEqual(parseCompareMessage(m), undefined, JSON.stringify(m));
    }
  });
});

describe('Summary and compare pages: the esbuild bundles', function () {
  this.timeout(20000);
  const bundles = new Map<string, string>();
  before(async () => {
    for (const name of ['summary', 'compare']) {
      const result = await esbuild.build({ ...build.pageOptionsFor(name, true), write: false, logLevel: 'silent' });
      bundles.set(name, result.outputFiles![0].text);
    }
  });

  it('are small, self-contained browser code with no markup-parsing DOM API', () => {
    for (const [name, code] of bundles) {
      assert.ok(code.length < 10_000, `${name}: ${code.length} bytes`);
      for (const banned of [/innerHTML/, /outerHTML/, /insertAdjacentHTML/, /document\.write/, /\beval\(/, /new Function/, /\brequire\(/, /\bimport\(/, /DOMParser/]) {
        assert.ok(!banned.test(code), `${name} uses ${banned}`);
      }
    }
  });

  function run(name: 'summary' | 'compare') {
    const f = fakeDom(html(name));
    const listeners = new Map<string, ((e: unknown) => void)[]>();
    const posted: unknown[] = [];
    const context = {
      window: { addEventListener: (t: string, fn: (e: unknown) => void) => listeners.set(t, [...(listeners.get(t) ?? []), fn]) },
      document: { visibilityState: 'visible', getElementById: f.dom.byId, createElement: f.dom.create, addEventListener: () => undefined },
      acquireVsCodeApi: () => ({ postMessage: (m: unknown) => posted.push(JSON.parse(JSON.stringify(m))) }),
    };
    vm.runInNewContext(bundles.get(name)!, context);
    const send = (data: unknown) => listeners.get('message')?.forEach((fn) => fn({ data }));
    return { ...f, posted, send };
  }

  it('summary: ready handshake, renders a view, ignores junk, posts loadAll / cancelLoad / openResult', () => {
    const p = run('summary');
    assert.deepStrictEqual(p.posted, [{ type: 'ready' }]);
    for (const junk of [null, 42, { type: 'eval' }]) { p.send(junk); }
    assert.ok(p.el('content').hidden);
    const view: SummaryView = toSummaryView(summarize(items()), ctx({ hasMore: true, total: 9 }));
    p.send({ type: 'summary', view });
    assert.strictEqual(p.el('summary-count').textContent, '6 of 9 results');
    assert.strictEqual(p.el('type-rows').children[1].dataset.type, HOSTILE);
    p.el('load-all').click();
    p.el('cancel-load').click();
    (p.el('low-confidence-list').children[0].children[0] as FakeEl).click();
    assert.deepStrictEqual(p.posted.slice(1), [{ type: 'loadAll' }, { type: 'cancelLoad' }, { type: 'openResult', resultId: view.low[0].resultId }]);
    for (const m of p.posted) { assert.ok(parseSummaryMessage(m), `the host accepts ${JSON.stringify(m)}`); }
  });

  it('compare: ready handshake, renders, sorts from the header buttons, a row posts its index', () => {
    const p = run('compare');
    assert.deepStrictEqual(p.posted, [{ type: 'ready' }]);
    p.send({ type: 'compare', view: compareView() });
    p.el('sort-button-confidenceA').click();
    assert.deepStrictEqual(p.el('changed-rows').children.map((r) => r.dataset.fileId), ['f2', 'f3', 'f1']);
    p.el('changed-rows').children[0].click();
    assert.deepStrictEqual(p.posted.slice(1), [{ type: 'openPair', index: 1 }]);
    for (const m of p.posted) { assert.ok(parseCompareMessage(m)); }
  });
});
