// The three export formats as text, page by page: a JSON array, JSON Lines and CSV. Each result is
// written as the server sent it (the raw object kept by parse.ts) plus `file_name` when it is known.
// Imports no `vscode`.
import { rawOf } from '../api/parse';
import type { FileClassification } from '../api/types';
import { csvRecord } from './csv';

export type ExportFormat = 'json' | 'jsonl' | 'csv';

export const FORMAT_EXTENSIONS: Record<ExportFormat, string> = { json: 'json', jsonl: 'jsonl', csv: 'csv' };

/** `classify-<job ID>`, or `<label>-<short ID>` for a labelled job (characters a file system refuses become "-"). */
export function defaultName(jobId: string, label: string | undefined): string {
  const stem = label?.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  return stem ? `${stem}-${jobId.slice(0, 8)}` : `classify-${jobId}`;
}

/** CSV columns, in this order (issue 13's contract). */
export const CSV_COLUMNS = ['id', 'classify_job_id', 'file_id', 'file_name', 'type', 'confidence', 'reasoning', 'created_at', 'updated_at'] as const;

/** Spreadsheet apps read a CSV as UTF-8 only with a byte order mark. */
export const UTF8_BOM = '\uFEFF';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The object the server sent for `item`. An item that did not come from a results page (none does in
 * the extension; tests build some) is written from its parsed fields, with an untrusted confidence as sent.
 */
export function sentObject(item: FileClassification): Obj {
  const raw = rawOf(item);
  if (isObject(raw)) { return raw; }
  const r = item.result;
  return {
    id: item.id,
    classify_job_id: item.classify_job_id,
    file_id: item.file_id,
    result: r && { type: r.type, confidence: r.confidenceIssue ? r.rawConfidence : r.confidence, reasoning: r.reasoning },
    created_at: item.created_at,
    updated_at: item.updated_at,
  };
}

/** The result as sent, plus `file_name` when known (a `file_name` the server sent itself is kept). */
export function exportedObject(item: FileClassification, fileName: string | undefined): Obj {
  const sent = sentObject(item);
  return fileName === undefined || 'file_name' in sent ? sent : { ...sent, file_name: fileName };
}

/** The CSV cells of one result, in CSV_COLUMNS order. */
export function csvValues(item: FileClassification, fileName: string | undefined): unknown[] {
  const sent = sentObject(item);
  const result = isObject(sent.result) ? sent.result : {};
  const name = typeof sent.file_name === 'string' ? sent.file_name : fileName;
  return [sent.id, sent.classify_job_id, sent.file_id, name, result.type, result.confidence, result.reasoning, sent.created_at, sent.updated_at];
}

/** Turns pages of results into the text of one file: `begin()`, then `page()` per page, then `end()`. */
export interface Encoder {
  begin(): string;
  page(items: readonly FileClassification[], nameOf: (item: FileClassification) => string | undefined): string;
  end(): string;
}

export function encoder(format: ExportFormat): Encoder {
  switch (format) {
    case 'json': {
      let count = 0;
      return {
        begin: () => '[',
        // "[", then ",\n" before every item but the first: valid JSON after any page, one item a line.
        page: (items, nameOf) => items.map((i) => `${count++ === 0 ? '\n' : ',\n'}${JSON.stringify(exportedObject(i, nameOf(i)))}`).join(''),
        end: () => (count === 0 ? ']\n' : '\n]\n'),
      };
    }
    case 'jsonl':
      return {
        begin: () => '',
        page: (items, nameOf) => items.map((i) => JSON.stringify(exportedObject(i, nameOf(i))) + '\n').join(''),
        end: () => '',
      };
    case 'csv':
      return {
        begin: () => UTF8_BOM + csvRecord(CSV_COLUMNS),
        page: (items, nameOf) => items.map((i) => csvRecord(csvValues(i, nameOf(i)))).join(''),
        end: () => '',
      };
  }
}
