// "Show Raw JSON": a read-only virtual document with a result exactly as the API sent it (after
// parsing, so untrusted confidence is shown with the raw value next to it). Its tab is titled by the
// result's file name ("invoice-0003.pdf.json"), or by the result ID while the name is unknown.
import * as vscode from 'vscode';
import type { FileNameCache } from '../model/fileNames';
import type { JobList } from '../model/jobList';

export const RAW_JSON_SCHEME = 'llamaclassify-json';

export class RawJsonProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly jobs: JobList) {}

  /** `/<jobId>/<resultId>/<title>.json`: the last segment is only the tab's title. */
  static uri(jobId: string, resultId: string, fileName?: string): vscode.Uri {
    // a remote name must stay one path segment (no slashes) and stay short enough for a tab
    const title = (fileName?.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 80) || resultId) + '.json';
    return vscode.Uri.from({ scheme: RAW_JSON_SCHEME, path: `/${jobId}/${resultId}/${title}` });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const [, jobId, resultId] = uri.path.split('/');
    const item = this.jobs.existingPager(jobId)?.items.find((i) => i.id === resultId);
    if (!item) {return JSON.stringify({ error: vscode.l10n.t('Result {0} of job {1} is not loaded. Open the job and load it first.', resultId, jobId) }, null, 2);}
    return JSON.stringify(item, null, 2);
  }
}

/** Opens a result's raw JSON beside the editor, titled by its file name when known. */
export function rawJsonOpener(jobs: JobList, fileNames: FileNameCache) {
  return async (jobId: string, resultId: string): Promise<void> => {
    const item = jobs.existingPager(jobId)?.items.find((i) => i.id === resultId);
    const doc = await vscode.workspace.openTextDocument(RawJsonProvider.uri(jobId, resultId, fileNames.get(item?.file_id)));
    await vscode.languages.setTextDocumentLanguage(doc, 'json');
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  };
}

/** Both results side by side in a diff editor (A left, B right): what the compare table's rows open. */
export async function showRawJsonDiff(jobA: string, resultA: string, jobB: string, resultB: string, title: string): Promise<void> {
  const uris = [RawJsonProvider.uri(jobA, resultA), RawJsonProvider.uri(jobB, resultB)];
  for (const uri of uris) { await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'json'); }
  await vscode.commands.executeCommand('vscode.diff', uris[0], uris[1], title, { preview: true });
}
