// Show Job Summary and Compare with Job…: pick the job(s), make sure they are listed (a listed job's
// pages stay while its summary or comparison uses them), then hand over to the panels.
import * as vscode from 'vscode';
import { errorMessage } from '../api/errors';
import { parseJobId } from '../api/jobId';
import { compareResults } from '../model/compare';
import { formatCount } from '../model/format';
import { isV2ListKey } from '../model/v2';
import { toCompareView } from '../webview/summaryViewModel';
import type { CommandDeps } from './deps';
import { jobIdOf } from './deps';
import { pickJob } from './openJob';

/** A job from the row or argument (a pasted ID or URL is parsed), else from the picker. */
async function jobFrom(d: CommandDeps, arg: unknown, title: string): Promise<string | undefined> {
  const given = jobIdOf(arg);
  if (given === undefined) { return pickJob(d, d.jobs.recent, { title, verb: vscode.l10n.t('Use job') }); }
  if (isV2ListKey(given) && d.versions.list(given)) { return given; } // a browsed v2 list's node: its jobs are its results
  const parsed = parseJobId(given);
  if (!parsed.ok) {
    void d.ui().error(parsed.message);
    return undefined;
  }
  return parsed.jobId;
}

export async function showSummary(d: CommandDeps, arg?: unknown): Promise<void> {
  const jobId = await jobFrom(d, arg, vscode.l10n.t('Show Job Summary'));
  if (!jobId) { return; }
  if (!d.jobs.get(jobId)) { await d.jobs.add(jobId); }
  d.summary.show(jobId);
}

/** `llamaClassify.compareJobs [jobA] [jobB]`: both loaded in full (with progress), matched, shown. */
export async function compareJobs(d: CommandDeps, arg?: unknown, second?: unknown): Promise<void> {
  const a = await jobFrom(d, arg, vscode.l10n.t('Compare: the first job (A)'));
  if (!a) { return; }
  let b: string | undefined;
  if (typeof second === 'string') {
    b = await jobFrom(d, second, '');
  } else {
    // Opened jobs first, then recent ones, never A itself.
    const candidates = [...new Set([...d.jobs.jobs.map((j) => j.id), ...d.jobs.recent])].filter((id) => id !== a);
    b = await pickJob(d, candidates, { title: vscode.l10n.t('Compare job {0} with…', a), verb: vscode.l10n.t('Compare with job'), recentLabel: vscode.l10n.t('Opened and recent jobs') });
  }
  if (!b) { return; }
  if (b === a) {
    void d.ui().warn(vscode.l10n.t('Pick a different job to compare with: both sides are the same job.'));
    return;
  }
  for (const id of [a, b]) { if (!d.jobs.get(id)) { await d.jobs.add(id); } }

  const limit = d.loadAllLimit();
  const outcomes = await d.progress(vscode.l10n.t('Loading jobs to compare'), async (report, signal) => {
    const loaded = new Map<string, number>();
    const say = () => report([a, b].map((id, i) => `${i ? 'B' : 'A'}: ${formatCount(loaded.get(id) ?? 0)}`).join(' · '));
    return Promise.all(
      [a, b].map((id) =>
        d.controller.loadAll(id, {
          limit,
          signal,
          onProgress: (pager) => {
            loaded.set(id, pager.items.length);
            say();
          },
        }),
      ),
    );
  });
  const notes: string[] = [];
  for (const [i, out] of outcomes.entries()) {
    const name = i ? vscode.l10n.t('job B ({0})', b) : vscode.l10n.t('job A ({0})', a);
    if (out.outcome === 'cancelled') {
      d.ui().status(vscode.l10n.t('Compare cancelled'));
      return;
    }
    if (out.outcome === 'error') { throw new Error(vscode.l10n.t("Couldn't load {0} in full: {1}", name, errorMessage(out.error))); }
    if (out.outcome === 'limit') { notes.push(vscode.l10n.t('Only the first {0} results of {1} are compared (the Load all limit).', formatCount(out.loaded), name)); }
    if (out.outcome === 'stoppedEarly') { notes.push(vscode.l10n.t('Loading {0} stopped at {1} results: the server kept sending pages.', name, formatCount(out.loaded))); }
  }
  const [itemsA, itemsB] = [a, b].map((id) => d.jobs.pager(id).items);
  // Names are the fallback key: wait for the lookups the loads started.
  await d.fileNames.resolve([...itemsA, ...itemsB].map((i) => i.file_id));
  await d.fileNames.settled();
  const comparison = compareResults(itemsA, itemsB, (id) => d.fileNames.get(id));
  d.compare.show(toCompareView(a, b, comparison, notes));
}
