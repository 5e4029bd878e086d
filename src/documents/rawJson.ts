// "Show Raw JSON": a read-only virtual document with a result exactly as the API sent it (after
// parsing, so untrusted confidence is shown with the raw value next to it).
import * as vscode from 'vscode';
import type { JobList } from '../model/jobList';

export const RAW_JSON_SCHEME = 'llamaclassify-json';

export class RawJsonProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly jobs: JobList) {}

  static uri(jobId: string, resultId: string): vscode.Uri {
    return vscode.Uri.from({ scheme: RAW_JSON_SCHEME, path: `/${jobId}/${resultId}.json` });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const [, jobId, file] = uri.path.split('/');
    const resultId = file?.replace(/\.json$/, '');
    const item = this.jobs.existingPager(jobId)?.items.find((i) => i.id === resultId);
    if (!item) {return JSON.stringify({ error: `Result ${resultId} of job ${jobId} is not loaded. Open the job and load it first.` }, null, 2);}
    return JSON.stringify(item, null, 2);
  }
}

export async function showRawJson(jobId: string, resultId: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(RawJsonProvider.uri(jobId, resultId));
  await vscode.languages.setTextDocumentLanguage(doc, 'json');
  await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}

/** Both results side by side in a diff editor (A left, B right): what the compare table's rows open. */
export async function showRawJsonDiff(jobA: string, resultA: string, jobB: string, resultB: string, title: string): Promise<void> {
  const uris = [RawJsonProvider.uri(jobA, resultA), RawJsonProvider.uri(jobB, resultB)];
  for (const uri of uris) { await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'json'); }
  await vscode.commands.executeCommand('vscode.diff', uris[0], uris[1], title, { preview: true });
}
