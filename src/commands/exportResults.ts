// `llamaClassify.export` "Export Results…": a job (row, argument or picker), a format, a save dialog,
// then the export in a cancellable progress notification; the end is told in a notification that is
// not waited for, with "Open File" and "Reveal".
import * as os from 'os';
import * as vscode from 'vscode';
import { parseJobId } from '../api/jobId';
import type { FileClassification } from '../api/types';
import { exportJob } from '../export/exportJob';
import { defaultName, FORMAT_EXTENSIONS, type ExportFormat } from '../export/formats';
import { matcher } from '../model/resultQuery';
import type { CommandDeps } from './deps';
import { jobIdOf } from './deps';
import { keepForPanel } from './jobCommands';
import { pickJob } from './openJob';

const FILTER_NAMES: Record<ExportFormat, string> = { json: 'JSON', jsonl: 'JSON Lines', csv: 'CSV' };
const n = (x: number) => x.toLocaleString('en-US');

export async function exportResults(d: CommandDeps, arg?: unknown): Promise<void> {
  const jobId = await jobToExport(d, arg);
  if (!jobId) { return; }
  // With a filter on the view: all results, or only the ones it shows (in server order either way).
  let include: ((item: FileClassification) => boolean) | undefined;
  const filter = d.query.describe();
  if (d.query.filtered) {
    const scope = await d.ui().pickOne({
      title: 'Export Results',
      placeholder: `The view is filtered (${filter}): export all results or only the filtered ones?`,
      items: [
        { label: 'Filtered results', description: filter, value: 'filtered' as const },
        { label: 'All results', description: 'every result of the job', value: 'all' as const },
      ],
    });
    if (!scope) { return; }
    // The filter as it is now: a change during the export does not change what this export holds.
    if (scope === 'filtered') { include = matcher(d.query.filter); }
  }
  const format = await d.ui().pickExportFormat();
  if (!format) { return; }
  const ext = FORMAT_EXTENSIONS[format];
  const target = await d.ui().saveFile({
    title: `Export the results of job ${jobId}`,
    defaultUri: vscode.Uri.joinPath(defaultFolder(), `${defaultName(jobId, d.jobs.get(jobId)?.label)}.${ext}`),
    filters: { [FILTER_NAMES[format]]: [ext] },
  });
  if (!target) { return; }
  if (target.scheme !== 'file') {
    void d.ui().error(vscode.l10n.t('Export writes to a folder on disk; {0} is not one. Pick a local folder.', target.toString(true)));
    return;
  }
  const name = target.path.split('/').pop() ?? target.fsPath;
  // Export pages a job that may not be listed: its pager then goes when the export ends (unless the panel shows it).
  const hadPager = !!d.jobs.existingPager(jobId);
  try {
    const out = await d.ui().progress(`Exporting job ${jobId.slice(0, 8)} to ${name}`, (report, signal) =>
      exportJob(
        { controller: d.controller, jobs: d.jobs, fileNames: d.fileNames },
        {
          jobId,
          format,
          target: target.fsPath,
          signal,
          include,
          onProgress: ({ loaded, total }) => report(total === undefined ? `${n(loaded)} results` : `${n(loaded)} of ${n(total)}`),
        },
      ),
    );
    if (out.outcome === 'cancelled') {
      d.ui().status(vscode.l10n.t('Export cancelled: no file was written.'));
      return;
    }
    const which = include ? ` (filtered: ${filter})` : '';
    const done = `Exported ${n(out.written)} result${out.written === 1 ? '' : 's'}${which} of job ${jobId.slice(0, 8)} to ${target.fsPath}.`;
    d.log.info(done + (out.warning ? ` ${out.warning}` : ''));
    const shown = out.warning ? d.ui().warn(`${done} ${out.warning}`, 'Open File', 'Reveal') : d.ui().info(done, 'Open File', 'Reveal');
    void shown.then((choice) => afterExport(d, choice, target));
  } finally {
    if (!hadPager && !d.jobs.get(jobId) && !keepForPanel(d).includes(jobId)) { await d.jobs.remove(jobId); }
  }
}

/** From a tree row or an argument (a job ID or URL), else a picker of opened, recent and project jobs. */
async function jobToExport(d: CommandDeps, arg: unknown): Promise<string | undefined> {
  const given = jobIdOf(arg);
  if (given !== undefined) {
    const parsed = parseJobId(given);
    if (parsed.ok) { return parsed.jobId; }
    void d.ui().error(parsed.message);
    return undefined;
  }
  const opened = [...new Set([...d.jobs.jobs.map((j) => j.id), ...d.jobs.recent])];
  return pickJob(d, opened, { title: 'Export Results', verb: 'Export job', recentLabel: 'Opened and recent jobs' });
}

function defaultFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder?.uri ?? vscode.Uri.file(os.homedir());
}

function afterExport(d: CommandDeps, choice: string | undefined, file: vscode.Uri): void {
  if (choice === 'Open File') {
    void vscode.commands.executeCommand('vscode.open', file);
  } else if (choice === 'Reveal') {
    // The OS file manager exists only for a desktop window on this machine; elsewhere the Explorer shows files of the workspace.
    if (vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName) {
      void vscode.commands.executeCommand('revealFileInOS', file);
    } else if (vscode.workspace.getWorkspaceFolder(file)) {
      void vscode.commands.executeCommand('revealInExplorer', file);
    } else {
      void d.ui().info(vscode.l10n.t('The export is at {0}, outside the workspace, so the Explorer cannot show it.', file.fsPath));
    }
  }
}
