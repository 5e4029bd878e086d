// Links to a job or a result (Copy Link to …), and the URI handler that opens them. A link names the
// job and the result only: no key, no server, nothing else.
import * as vscode from 'vscode';
import { errorMessage } from '../api/errors';
import { parseLink } from '../model/links';
import { isV2ListKey } from '../model/v2';
import type { CommandDeps } from './deps';
import { jobIdOf } from './deps';
import { resultRef } from './resultCommands';

/** `llamaClassify.copyResultLink [node | jobId, resultId]`: from a tree row, or the result the panel shows. */
export async function copyResultLink(d: CommandDeps, arg?: unknown, resultId?: unknown): Promise<void> {
  const ref = resultRef(arg, resultId) ?? d.panel.currentResult();
  if (!ref) {
    void d.ui().info(vscode.l10n.t('Open a result first: Copy Link to Result copies the link of the result the panel shows.'));
    return;
  }
  await d.clipboard(d.link(ref.jobId, ref.resultId));
  d.ui().status(vscode.l10n.t('Copied a link to result {0}', ref.resultId));
}

export async function copyJobLink(d: CommandDeps, arg?: unknown): Promise<void> {
  const jobId = jobIdOf(arg);
  if (!jobId) { return; }
  if (isV2ListKey(jobId)) {
    d.ui().status(vscode.l10n.t('A Classify v2 list is not a job: copy the link of one of its rows (Copy Link to Result)'));
    return;
  }
  await d.clipboard(d.link(jobId));
  d.ui().status(vscode.l10n.t('Copied a link to job {0}', jobId));
}

/**
 * Opens `…/open?jobId=…[&resultId=…]`: the job in the tree (added, expanded, revealed) and the
 * result in the panel. A malformed link is refused with its reason before anything changes.
 */
export class LinkHandler implements vscode.UriHandler {
  constructor(private readonly d: CommandDeps) {}

  async handleUri(uri: vscode.Uri): Promise<void> {
    const parsed = parseLink(uri.path, uri.query);
    if (!parsed.ok) {
      this.d.log.warn(`Refused a link: ${parsed.message}`);
      void this.d.ui().error(vscode.l10n.t("Couldn't open the link: {0}", parsed.message));
      return;
    }
    try {
      this.d.log.info(`Opening a link to job ${parsed.jobId}${parsed.resultId ? `, result ${parsed.resultId}` : ''}.`);
      await this.d.view.showJob(parsed.jobId);
      // The panel finds the result (paging a bounded way) and says so when it is not there.
      if (parsed.resultId) {
        await this.d.panel.show(parsed.jobId, parsed.resultId);
        this.d.view.provider.flush(); // the pages the lookup loaded, before the tree resolves the row
        this.d.view.revealResult(parsed.jobId, parsed.resultId);
      }
    } catch (err) {
      this.d.log.error(`Opening a link failed: ${errorMessage(err)}`);
      void this.d.ui().error(vscode.l10n.t("Couldn't open the link: {0}", errorMessage(err)));
    }
  }
}
