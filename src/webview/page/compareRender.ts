// Renders a CompareView into media/compare.html: the four counts, the notes and the table of results
// whose type changed, sortable by clicking a column header. Text with textContent only.
import { sortRows, SORT_COLUMNS, type ChangedRowView, type SortColumn } from '../../model/compare';
import type { StatusKind } from '../protocol';
import type { CompareView } from '../summaryProtocol';
import { list, make, num, str, type PageDom } from './dom';

const STATUS_KINDS: readonly string[] = ['info', 'busy', 'error'] satisfies readonly StatusKind[];
const COUNTS = ['same', 'changed', 'onlyA', 'onlyB'] as const;

const pct = (c: unknown): string => (typeof c === 'number' && Number.isFinite(c) ? `${Math.round(c * 100)}%` : 'unknown');
/** "+12 pts", "−5 pts", "0 pts"; "unknown" when either confidence is. */
export function deltaText(d: unknown): string {
  if (typeof d !== 'number' || !Number.isFinite(d)) { return 'unknown'; }
  const points = Math.round(d * 100);
  return `${points > 0 ? '+' : points < 0 ? '−' : ''}${Math.abs(points)} pts`;
}

export interface ComparePage {
  render(view: CompareView): void;
  /** Sorts by a column; the same column again flips the direction. */
  sort(column: SortColumn): void;
  status(kind: StatusKind, text: string): void;
}

export function createComparePage(dom: PageDom, openPair: (index: number) => void): ComparePage {
  const $ = dom.byId;
  /** Rows with their index in the host's list (what openPair names), in the host's order. */
  let rows: (ChangedRowView & { index: number })[] = [];
  let sortBy: { column: SortColumn; descending: boolean } | undefined;

  function body(): void {
    const sorted = sortBy ? sortRows(rows, sortBy.column, sortBy.descending) : rows;
    const trs = sorted.map((r) => {
      const tr = make(dom, 'tr', undefined, undefined, { fileId: str(r.fileId), index: String(r.index) });
      const file = make(dom, 'button', str(r.file), 'link');
      file.setAttribute('type', 'button');
      file.title = 'Open both results side by side';
      const fileCell = make(dom, 'th');
      fileCell.setAttribute('scope', 'row');
      fileCell.appendChild(file);
      tr.append(
        fileCell,
        make(dom, 'td', str(r.typeA), 'type-a'),
        make(dom, 'td', str(r.typeB), 'type-b'),
        make(dom, 'td', pct(r.confidenceA), 'num'),
        make(dom, 'td', pct(r.confidenceB), 'num'),
        make(dom, 'td', deltaText(r.delta), 'num delta'),
      );
      tr.addEventListener('click', () => openPair(r.index)); // the file button's click (and Enter) lands here too
      return tr;
    });
    $('changed-rows').replaceChildren(...trs);
    for (const column of SORT_COLUMNS) {
      const th = $(`sort-${column}`);
      th.setAttribute('aria-sort', sortBy?.column === column ? (sortBy.descending ? 'descending' : 'ascending') : 'none');
    }
  }

  return {
    render(view) {
      if (!view || typeof view !== 'object') { return; }
      $('job-a').textContent = str(view.jobA);
      $('job-b').textContent = str(view.jobB);
      for (const key of COUNTS) {
        const n = num(view.counts?.[key]);
        const el = $(`count-${key}`);
        el.textContent = String(n);
        el.dataset.count = String(n);
      }
      $('compare-notes').replaceChildren(...list<string>(view.notes).map((n) => make(dom, 'li', str(n))));
      rows = list<ChangedRowView>(view.rows).map((r, index) => ({ ...r, index }));
      $('no-changes').hidden = rows.length > 0;
      body();
      $('status').hidden = true;
      $('content').hidden = false;
    },
    sort(column) {
      if (!SORT_COLUMNS.includes(column)) { return; }
      sortBy = { column, descending: sortBy?.column === column ? !sortBy.descending : false };
      body();
    },
    status(kind, text) {
      const el = $('status');
      el.textContent = str(text);
      el.dataset.kind = STATUS_KINDS.includes(kind) ? kind : 'info';
      el.hidden = !text;
    },
  };
}
