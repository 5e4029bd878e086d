// Renders a SummaryView into media/summary.html: the count and Load all, the job facts, the type
// table and chart, the confidence histogram and the low-confidence list. Every string from the host
// (and so from the API) is placed with textContent; `data-type` carries the type exactly as sent.
import type { StatusKind } from '../protocol';
import type { LowItemView, SummaryView, TypeRowView } from '../summaryProtocol';
import { bar, list, make, num, str, type PageDom } from './dom';

const STATUS_KINDS: readonly string[] = ['info', 'busy', 'error'] satisfies readonly StatusKind[];

/** The `data-type` of a type row: the type as sent, "" for No match, "null" for No result; none for Type unknown. */
export function dataTypeOf(row: TypeRowView): string | undefined {
  switch (row.kind) {
    case 'match':
      return str(row.type);
    case 'noMatch':
      return '';
    case 'noResult':
      return 'null';
    default:
      return undefined;
  }
}

export interface SummaryPage {
  render(view: SummaryView): void;
  status(kind: StatusKind, text: string): void;
}

export function createSummaryPage(dom: PageDom, openResult: (resultId: string) => void): SummaryPage {
  const $ = dom.byId;

  function typeRows(types: TypeRowView[]): void {
    const body = $('type-rows');
    const chart = $('type-chart');
    const rows: HTMLElement[] = [];
    const bars: HTMLElement[] = [];
    const max = Math.max(1, ...types.map((t) => num(t.count)));
    for (const t of types) {
      const data: Record<string, string> = { kind: str(t.kind), count: String(num(t.count)) };
      const dataType = dataTypeOf(t);
      if (dataType !== undefined) { data.type = dataType; }
      const tr = make(dom, 'tr', undefined, undefined, data);
      const name = make(dom, 'th', str(t.label), t.kind === 'match' ? 'type-name' : 'type-name special');
      name.setAttribute('scope', 'row');
      tr.append(name, make(dom, 'td', String(num(t.count)), 'num'), make(dom, 'td', str(t.share), 'num'));
      rows.push(tr);
      const item = make(dom, 'div', undefined, 'chart-row', data);
      item.setAttribute('role', 'listitem');
      item.append(make(dom, 'span', str(t.label), 'chart-label'), bar(dom, (num(t.count) / max) * 100), make(dom, 'span', `${num(t.count)} (${str(t.share)})`, 'chart-value'));
      bars.push(item);
    }
    body.replaceChildren(...rows);
    chart.replaceChildren(...bars);
    $('types-empty').hidden = types.length > 0;
  }

  function histogram(view: SummaryView): void {
    const bins = list<SummaryView['bins'][number]>(view.bins);
    const max = Math.max(1, ...bins.map((b) => num(b.count)));
    const cols = bins.map((b, i) => {
      const col = make(dom, 'div', undefined, 'bin', { bin: String(i), count: String(num(b.count)) });
      col.setAttribute('role', 'listitem');
      col.append(make(dom, 'span', String(num(b.count)), 'bin-count'), bar(dom, (num(b.count) / max) * 100, true), make(dom, 'span', str(b.label), 'bin-label'));
      col.title = `${str(b.label)}: ${num(b.count)} (${str(b.share)})`;
      return col;
    });
    $('confidence-histogram').replaceChildren(...cols);
    const apart = $('confidence-apart');
    apart.textContent = str(view.apartText);
    apart.dataset.count = String(num(view.apartCount));
    apart.hidden = !view.apartText;
  }

  function lowList(view: SummaryView): void {
    $('low-text').textContent = str(view.lowText);
    const items = list<LowItemView>(view.low).map((l) => {
      const li = make(dom, 'li', undefined, undefined, { resultId: str(l.resultId) });
      const button = make(dom, 'button', undefined, 'link');
      button.setAttribute('type', 'button');
      button.append(make(dom, 'span', str(l.label), 'low-file'), make(dom, 'span', `${str(l.typeLabel)} · ${str(l.percent)}`, 'low-detail'));
      button.addEventListener('click', () => openResult(str(l.resultId)));
      li.appendChild(button);
      return li;
    });
    $('low-confidence-list').replaceChildren(...items);
  }

  function facts(view: SummaryView): void {
    const f = view.facts ?? ({} as SummaryView['facts']);
    $('job-id').textContent = str(view.jobId);
    $('job-status').textContent = str(f.status) || 'Unknown';
    $('job-dates').textContent = `${str(f.created) || 'unknown'} → ${str(f.updated) || 'unknown'}`;
    const error = $('job-error');
    error.textContent = str(f.error);
    $('job-error-row').hidden = !f.error;
    const rules = list<{ type: string; description: string }>(f.rules).map((r) => {
      const li = make(dom, 'li');
      li.append(make(dom, 'span', str(r.type), 'rule-type'), make(dom, 'span', str(r.description) ? ` — ${str(r.description)}` : '', 'rule-description'));
      return li;
    });
    $('job-rules').replaceChildren(...rules);
    $('job-rules-row').hidden = rules.length === 0;
  }

  return {
    render(view) {
      if (!view || typeof view !== 'object') { return; }
      const count = $('summary-count');
      count.textContent = str(view.countText);
      count.dataset.loaded = String(num(view.loaded));
      count.dataset.total = view.total === null ? '' : String(num(view.total));
      $('load-all').hidden = !view.canLoadAll || !!view.loadingAll;
      $('cancel-load').hidden = !view.loadingAll;
      facts(view);
      typeRows(list<TypeRowView>(view.types));
      histogram(view);
      lowList(view);
      $('content').hidden = false;
    },
    status(kind, text) {
      const el = $('status');
      el.textContent = str(text);
      el.dataset.kind = STATUS_KINDS.includes(kind) ? kind : 'info';
      el.hidden = !text;
    },
  };
}
