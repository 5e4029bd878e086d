// Reading an export back, for the unit and integration tests: an RFC 4180 CSV reader written apart
// from the writer (quoted fields, doubled quotes, CR/LF inside quotes, CRLF records), and what the
// API sent for a job of the fake server, to compare with.
import type { FakeFile, FakeJob } from '../../fake-server/datasets';

/** Rows of fields. Throws on a malformed file (a quote inside an unquoted field, an unclosed quote). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) { throw new Error('unclosed quote'); }
        if (text[i] === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') { throw new Error(`a quote inside an unquoted field at ${i}`); }
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') { i++; continue; }
    if (text.startsWith('\r\n', i)) { i += 2; }
    else if (i < n) { throw new Error(`a record must end with CRLF (at ${i}: ${JSON.stringify(text[i])})`); }
    rows.push(row);
    row = [];
  }
  return rows;
}

/** A row as the fake server sends it: JSON, with NaN as the string "NaN". */
export function sentRow(job: FakeJob, index: number): Record<string, unknown> {
  return JSON.parse(JSON.stringify(job.row(index), (_k, v) => (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v)));
}

/** What a JSON/JSONL export holds for the job: each row as sent plus file_name when the Files API knows it. */
export function expectedJsonItems(job: FakeJob, files: Map<string, FakeFile>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < job.count; i++) {
    const row = sentRow(job, i);
    const file = typeof row.file_id === 'string' ? files.get(row.file_id) : undefined;
    out.push(file ? { ...row, file_name: file.name } : row);
  }
  return out;
}

/** The formula guard, applied by the test to what it expects. */
export const guarded = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** What a CSV export's rows (after the header) hold for the job: text cells guarded, numbers as numbers, null as empty. */
export function expectedCsvRows(job: FakeJob, files: Map<string, FakeFile>): string[][] {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : guarded(typeof v === 'string' ? v : JSON.stringify(v)));
  return expectedJsonItems(job, files).map((o) => {
    const r = (o.result ?? {}) as Record<string, unknown>;
    return [o.id, o.classify_job_id, o.file_id, o.file_name, r.type, r.confidence, r.reasoning, o.created_at, o.updated_at].map(cell);
  });
}

/** A job (added with `server.addJob`) whose text cells would run as formulas in a spreadsheet, and carry CSV's special characters. */
export function formulaJob(id: string): FakeJob {
  const texts = ['=1+1', '+SUM(A1:A9)', '-2', '@cmd', '\t=tab', '\r=cr', '=HYPERLINK("http://evil","click, me")', 'plain, "quoted"\r\nnext line', 'ok'];
  return {
    id,
    label: 'Formula cells',
    status: 'SUCCESS',
    created_at: '2026-10-14T09:30:00.000Z',
    count: texts.length,
    row: (i) => ({
      id: `res-${i}`,
      classify_job_id: id,
      file_id: texts[(i + 1) % texts.length],
      result: { type: texts[i], confidence: i === 2 ? -0.5 : 0.5, reasoning: texts[(i + 2) % texts.length] },
      created_at: '2026-10-14T09:30:00.000Z',
      updated_at: '=NOW()',
    }),
  };
}
