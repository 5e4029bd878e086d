import { showRawJson } from '../rawJson';
import type { Services } from '../services';
import type { Node } from '../tree/nodes';

/** Result commands get a tree node, or (jobId, resultId) from the row's own command and from tests. */
export function resultRef(arg: unknown, resultId?: unknown): { jobId: string; resultId: string } | undefined {
  if (typeof arg === 'string' && typeof resultId === 'string') return { jobId: arg, resultId };
  const node = arg as Node | undefined;
  if (node && typeof node === 'object' && node.kind === 'result') return { jobId: node.jobId, resultId: node.item.id };
  return undefined;
}

export async function openResult(s: Services, arg?: unknown, resultId?: unknown): Promise<void> {
  const ref = resultRef(arg, resultId);
  if (ref) await s.showResult(ref.jobId, ref.resultId);
}

export async function showRawJsonCommand(_s: Services, arg?: unknown, resultId?: unknown): Promise<void> {
  const ref = resultRef(arg, resultId);
  if (ref) await showRawJson(ref.jobId, ref.resultId);
}

export async function copyResultId(s: Services, arg?: unknown, resultId?: unknown): Promise<void> {
  const ref = resultRef(arg, resultId);
  if (!ref) return;
  await s.clipboard(ref.resultId);
  s.ui.status(`Copied result ID ${ref.resultId}`);
}
