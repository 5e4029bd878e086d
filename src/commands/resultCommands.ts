import * as vscode from 'vscode';
import type { Node } from '../tree/nodes';
import type { CommandDeps } from './deps';

/** Result commands get a tree node, or (jobId, resultId) from the row's own command and from tests. */
export function resultRef(arg: unknown, resultId?: unknown): { jobId: string; resultId: string } | undefined {
  if (typeof arg === 'string' && typeof resultId === 'string') {return { jobId: arg, resultId };}
  const node = arg as Node | undefined;
  if (node && typeof node === 'object' && node.kind === 'result') {return { jobId: node.jobId, resultId: node.item.id };}
  return undefined;
}

export async function openResult(d: CommandDeps, arg?: unknown, resultId?: unknown): Promise<void> {
  const ref = resultRef(arg, resultId);
  if (ref) { await d.panel.show(ref.jobId, ref.resultId); }
}

export async function showRawJsonCommand(d: CommandDeps, arg?: unknown, resultId?: unknown): Promise<void> {
  const ref = resultRef(arg, resultId);
  if (ref) { await d.showRawJson(ref.jobId, ref.resultId); }
}

export async function copyResultId(d: CommandDeps, arg?: unknown, resultId?: unknown): Promise<void> {
  const ref = resultRef(arg, resultId);
  if (!ref) { return; }
  await d.clipboard(ref.resultId);
  d.ui().status(vscode.l10n.t('Copied result ID {0}', ref.resultId));
}
