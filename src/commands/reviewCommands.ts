// The review commands: Review Low-Confidence Results, Mark as Correct / Wrong Type…, Clear Review Mark
// and Clear Review Marks. From a tree row they get the row; from the palette or a keybinding, the result
// the panel shows (else the tree's selected result) and a job pick.
import * as vscode from 'vscode';
import { parseJobId } from '../api/jobId';
import type { Node } from '../tree/nodes';
import type { JobPickItem } from '../ui/prompts';
import { jobIdOf, type CommandDeps } from './deps';
import { pickJob as pickAnyJob } from './openJob';
import { resultRef } from './resultCommands';

export async function reviewLowConfidence(d: CommandDeps, arg?: unknown): Promise<void> {
  // From the palette: the view's jobs first, the project's jobs, or a pasted ID.
  const jobId = jobIdOf(arg) ?? (await pickAnyJob(d, d.jobs.jobs.map((j) => j.id), { title: 'Review Low-Confidence Results', verb: 'Review job' }));
  if (!jobId) { return; }
  // A job picked from the project or pasted joins the view, where its marks and counts show.
  if (!d.jobs.get(jobId)) { await d.view.showJob(jobId); }
  await d.panel.startReview(jobId);
}

export async function markCorrect(d: CommandDeps, arg?: unknown, resultId?: unknown): Promise<void> {
  const ref = target(d, arg, resultId);
  if (ref) { await d.review.markCorrect(ref.jobId, ref.resultId); }
}

export async function markWrong(d: CommandDeps, arg?: unknown, resultId?: unknown): Promise<void> {
  const ref = target(d, arg, resultId);
  if (ref) { await d.review.markWrong(ref.jobId, ref.resultId); }
}

export async function clearMark(d: CommandDeps, arg?: unknown, resultId?: unknown): Promise<void> {
  const ref = target(d, arg, resultId);
  if (ref) { await d.review.clearMark(ref.jobId, ref.resultId); }
}

/** Clears a job's marks (with a confirmation): the row's job, or a pick among the jobs that have marks. */
export async function clearReview(d: CommandDeps, arg?: unknown): Promise<void> {
  const marked = d.review.marks.markedJobs();
  let jobId = jobIdOf(arg);
  if (!jobId) {
    if (marked.length === 0) {
      d.ui().status(vscode.l10n.t('No job has review marks'));
      return;
    }
    jobId = marked.length === 1 ? marked[0] : await pickMarkedJob(d, marked);
  }
  if (jobId) { await d.review.clearJob(jobId); }
}

/** The result a mark command is for: its argument, else the panel's result, else the tree's selected result. */
function target(d: CommandDeps, arg: unknown, resultId: unknown): { jobId: string; resultId: string } | undefined {
  const ref = resultRef(arg, resultId) ?? d.panel.currentResult() ?? selectedResult(d);
  if (!ref) { void d.ui().warn(vscode.l10n.t('Open a result (or select one in the Classify Results view) to mark it.')); }
  return ref && { jobId: ref.jobId, resultId: ref.resultId };
}

function selectedResult(d: CommandDeps): { jobId: string; resultId: string } | undefined {
  const node = d.view.treeView.selection.find((n: Node) => n.kind === 'result');
  return node?.kind === 'result' ? { jobId: node.jobId, resultId: node.item.id } : undefined;
}

async function pickMarkedJob(d: CommandDeps, jobIds: string[]): Promise<string | undefined> {
  await d.view.focus(); // see JobView.focus: the prompt must get the keystrokes, not a webview
  const recent: JobPickItem[] = jobIds.map((id) => {
    const { correct, wrong } = d.review.marks.counts(id);
    return { jobId: id, label: id, description: correct + wrong ? `${correct} correct · ${wrong} wrong` : d.jobs.get(id)?.meta?.status };
  });
  return d.ui().pickJob({ recent, loadProjectJobs: async () => [], parse: parseJobId, title: 'Clear Review Marks', verb: 'Use job', recentLabel: 'Jobs with marks' });
}
