// Export one job: every page through the job's pager (JobController.loadAll, the same pager the view
// uses), each page written to disk as it arrives — the file is never held in memory — under a
// temporary name renamed onto the target only when the job is complete. Imports no `vscode`.
import * as path from 'path';
import type { FileClassification } from '../api/types';
import type { JobController } from '../model/controller';
import type { FileNameCache } from '../model/fileNames';
import type { JobList } from '../model/jobList';
import { MAX_REFRESH_PAGES, type ResultPager } from '../model/pager';
import { AtomicFile } from './atomicFile';
import { encoder, type ExportFormat } from './formats';

export interface ExportRequest {
  jobId: string;
  format: ExportFormat;
  /** A path on disk. */
  target: string;
  /** Aborting it cancels the export: the page in flight is cancelled and no file is left. */
  signal: AbortSignal;
  /** Only these results (an active filter); default: all. */
  include?: (item: FileClassification, fileName: string | undefined) => boolean;
  /** After every page written. `total` is the server's count (may be absent or an estimate). */
  onProgress?(p: { loaded: number; total: number | undefined; written: number }): void;
}

export interface ExportDeps {
  controller: JobController;
  jobs: JobList;
  fileNames: FileNameCache;
}

export type ExportOutcome =
  | { outcome: 'cancelled' }
  /** `warning`: the file holds fewer results than the job may have (the pager's loop guard ended paging). */
  | { outcome: 'done'; written: number; loaded: number; warning?: string };

/** A failure said for a person; no file was left behind. */
export class ExportError extends Error {
  override name = 'ExportError';
}

export async function exportJob(deps: ExportDeps, req: ExportRequest): Promise<ExportOutcome> {
  const pager = deps.jobs.pager(req.jobId);
  let file: AtomicFile;
  try {
    file = await AtomicFile.create(req.target);
  } catch (err) {
    throw new ExportError(`Couldn't create a file in ${path.dirname(req.target)}: ${reason(err)}. Nothing was written.`);
  }
  const enc = encoder(req.format);
  let items = pager.items;
  let seen = 0;
  let written = 0;

  // Runs between pages (loadAll waits for it): writes what arrived since the last call.
  const writeNew = async (p: ResultPager): Promise<void> => {
    if (req.signal.aborted) { return; }
    // Superseded: the job was removed (its pager dropped), or its results reloaded after some were written.
    if (deps.jobs.existingPager(req.jobId) !== pager) { throw new ExportError(`Job ${req.jobId} was removed during the export. Nothing was written.`); }
    if (p.items !== items) {
      if (seen > 0) { throw new ExportError(`The results of job ${req.jobId} were reloaded during the export (Refresh, a new key or connection). Nothing was written; export again.`); }
      items = p.items; // the first load of a job restored after a window reload builds a new list: nothing written yet
    }
    const batch = items.slice(seen);
    seen = items.length;
    // The names of this page: looked up now, or by a lookup already on its way (the controller starts one after every page).
    await deps.fileNames.resolve(batch.map((i) => i.file_id));
    await deps.fileNames.settled();
    const name = (i: FileClassification) => deps.fileNames.get(i.file_id);
    const kept = req.include ? batch.filter((i) => req.include!(i, name(i))) : batch;
    await write(file, enc.page(kept, name), req.target);
    written += kept.length;
    req.onProgress?.({ loaded: seen, total: p.totalSize, written });
  };

  try {
    await write(file, enc.begin(), req.target);
    const out = await deps.controller.loadAll(req.jobId, { limit: Number.POSITIVE_INFINITY, onProgress: writeNew, signal: req.signal });
    if (out.outcome === 'cancelled' || req.signal.aborted) {
      await file.discard();
      return { outcome: 'cancelled' };
    }
    if (out.outcome === 'error') {
      throw new ExportError(`Couldn't load every result of job ${req.jobId} (${out.loaded.toLocaleString('en-US')} loaded): ${out.error?.message ?? 'unknown error'} Nothing was written.`);
    }
    await write(file, enc.end(), req.target);
    try {
      await file.commit();
    } catch (err) {
      throw new ExportError(`Couldn't save ${req.target}: ${reason(err)}. Nothing was written.`);
    }
    const warning =
      out.outcome === 'stoppedEarly' ? pager.warning : out.outcome === 'limit' ? `Paging stopped after ${MAX_REFRESH_PAGES.toLocaleString('en-US')} pages; the job may have more results.` : undefined;
    return { outcome: 'done', written, loaded: seen, warning };
  } catch (err) {
    await file.discard();
    throw err;
  }
}

async function write(file: AtomicFile, text: string, target: string): Promise<void> {
  try {
    await file.write(text);
  } catch (err) {
    throw new ExportError(`Couldn't write ${target}: ${reason(err)}. Nothing was written.`);
  }
}

function reason(err: unknown): string {
  const e = err as { code?: string; message?: string };
  switch (e?.code) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'the folder does not exist';
    case 'EROFS':
      return 'the disk is read-only';
    case 'EISDIR':
      return 'a folder has that name';
    default:
      return e?.message ?? String(err);
  }
}
