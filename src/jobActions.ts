// Loading a job's pages with visible progress, and reporting failures once: states live in the tree,
// and only auth problems raise a notification (deduplicated, with a cooldown).
import * as vscode from 'vscode';
import { LlamaCloudError } from './api/errors';
import type { ResultPager } from './model/pager';
import { VIEW_ID, type Services } from './services';

/** Adds the job (or finds it), expands and reveals it, and loads its first page. */
export async function showJob(s: Services, jobId: string): Promise<void> {
  await s.jobs.add(jobId);
  s.tree.expandOnNextRender(jobId);
  s.tree.refreshAll();
  s.tree.flush();
  void s.jobs.refreshMeta(jobId);
  const loading = loadFirst(s, jobId);
  await revealJob(s, jobId);
  await loading;
}

async function revealJob(s: Services, jobId: string) {
  try {
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    await s.treeView.reveal(s.tree.jobNode(jobId), { select: true, focus: false, expand: true });
  } catch (err) {
    s.log.warn(`Could not reveal job ${jobId} in the tree: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Loads page 1 unless it was asked for already, with the view's progress bar. */
export function loadFirst(s: Services, jobId: string): Promise<void> {
  const pager = s.jobs.pager(jobId);
  if (pager.started) return pager.loadFirst();
  return withViewProgress(pager.loadFirst()).then(() => afterLoad(s, pager));
}

export async function loadMore(s: Services, jobId: string): Promise<void> {
  const pager = s.jobs.pager(jobId);
  await (pager.state === 'error' ? pager.retry() : pager.loadMore());
  await afterLoad(s, pager);
}

export async function refreshJob(s: Services, jobId: string): Promise<void> {
  const pager = s.jobs.pager(jobId);
  void s.jobs.refreshMeta(jobId);
  if (!pager.started) {
    s.tree.refreshJob(jobId);
    return;
  }
  await withViewProgress(pager.refresh());
  await afterLoad(s, pager);
}

export async function refreshAll(s: Services): Promise<void> {
  s.fileNames.clear();
  await Promise.all(s.jobs.jobs.map((j) => refreshJob(s, j.id)));
  s.tree.refreshAll();
}

function withViewProgress(work: Promise<void>): Promise<void> {
  return Promise.resolve(vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => work));
}

/** Resolves file names for new rows, logs failures, and raises at most one notification for auth problems. */
async function afterLoad(s: Services, pager: ResultPager): Promise<void> {
  if (pager.items.length) void s.fileNames.resolve(pager.items.slice(-1000).map((i) => i.file_id));
  const err = pager.state === 'error' ? pager.error : undefined;
  if (!err) {
    // The job's status could not be read last time (network down, key rejected): the server answers now.
    if (s.jobs.get(pager.jobId) && s.jobs.statusUnread(pager.jobId)) void s.jobs.refreshMeta(pager.jobId);
    return;
  }
  s.log.error(`Job ${pager.jobId}: ${err.message}`);
  if (err instanceof LlamaCloudError && err.isAuthProblem) {
    const choice = await s.authGate.notify('auth', () => s.ui.warn(err.message, 'Set API Key…'));
    if (choice === 'Set API Key…') await vscode.commands.executeCommand('llamaClassify.setApiKey');
  }
}
