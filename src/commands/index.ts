// Registers every command with one error wrapper: a failure is logged and shown, never swallowed —
// and never awaited, so a caller (a keybinding, executeCommand, the panel) is not held until a
// person closes a toast.
import * as vscode from 'vscode';
import { errorMessage } from '../api/errors';
import { Commands, type CommandId } from '../constants';
import { clearApiKey, setApiKey } from './apiKey';
import { browseV2 } from './browseV2';
import { exportResults } from './exportResults';
import type { CommandDeps } from './deps';
import { cancelLoad, copyJobId, loadMoreCommand, refresh, removeJob, renameJob } from './jobCommands';
import { copyJobLink, copyResultLink } from './linkCommands';
import { loadAll } from './loadAll';
import { openJob } from './openJob';
import { clearFilter, filterResults, findResult, groupByType, sortBy, ungroup } from './queryCommands';
import { copyResultId, openResult, showRawJsonCommand } from './resultCommands';
import { compareJobs, showSummary } from './summaryCommands';
import { clearMark, clearReview, markCorrect, markWrong, reviewLowConfidence } from './reviewCommands';

type Handler = (d: CommandDeps, ...args: unknown[]) => unknown;

export const HANDLERS: Record<CommandId, Handler> = {
  [Commands.openJob]: openJob,
  [Commands.browseV2]: browseV2,
  [Commands.setApiKey]: setApiKey,
  [Commands.clearApiKey]: clearApiKey,
  [Commands.refresh]: refresh,
  [Commands.loadMore]: loadMoreCommand,
  [Commands.cancelLoad]: cancelLoad,
  [Commands.removeJob]: removeJob,
  [Commands.openResult]: openResult,
  [Commands.showRawJson]: showRawJsonCommand,
  [Commands.copyJobId]: copyJobId,
  [Commands.copyResultId]: copyResultId,
  [Commands.showLog]: (d) => d.log.show(),
  [Commands.showSummary]: showSummary,
  [Commands.compareJobs]: compareJobs,
  [Commands.renameJob]: renameJob,
  [Commands.copyResultLink]: copyResultLink,
  [Commands.copyJobLink]: copyJobLink,
  [Commands.filter]: filterResults,
  [Commands.clearFilter]: clearFilter,
  [Commands.sortBy]: sortBy,
  [Commands.groupByType]: groupByType,
  [Commands.ungroup]: ungroup,
  [Commands.findResult]: findResult,
  [Commands.loadAll]: loadAll,
  [Commands.exportResults]: exportResults,
  [Commands.reviewLowConfidence]: reviewLowConfidence,
  [Commands.markCorrect]: markCorrect,
  [Commands.markWrong]: markWrong,
  [Commands.clearMark]: clearMark,
  [Commands.clearReview]: clearReview,
};

export function registerCommands(d: CommandDeps): vscode.Disposable[] {
  return Object.entries(HANDLERS).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(d, ...args);
      } catch (err) {
        const message = errorMessage(err);
        d.log.error(`${id} failed: ${message}`);
        const showLog = vscode.l10n.t('Show Log');
        void d.ui().error(message, showLog).then((choice) => choice === showLog && d.log.show());
      }
    }),
  );
}
