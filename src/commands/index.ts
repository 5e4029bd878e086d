import * as vscode from 'vscode';
import type { Services } from '../services';
import { clearApiKey, setApiKey } from './apiKey';
import { cancelLoad, copyJobId, loadMoreCommand, refresh, removeJob } from './jobCommands';
import { openJob } from './openJob';
import { copyResultId, openResult, showRawJsonCommand } from './resultCommands';

type Handler = (s: Services, ...args: unknown[]) => unknown;

const COMMANDS: Record<string, Handler> = {
  'llamaClassify.openJob': openJob,
  'llamaClassify.setApiKey': setApiKey,
  'llamaClassify.clearApiKey': clearApiKey,
  'llamaClassify.refresh': refresh,
  'llamaClassify.loadMore': loadMoreCommand,
  'llamaClassify.cancelLoad': cancelLoad,
  'llamaClassify.removeJob': removeJob,
  'llamaClassify.openResult': openResult,
  'llamaClassify.showRawJson': showRawJsonCommand,
  'llamaClassify.copyJobId': copyJobId,
  'llamaClassify.copyResultId': copyResultId,
  'llamaClassify.showLog': (s) => s.log.show(),
};

/** Registers every command with one error wrapper: a failure is logged and shown once, never swallowed. */
export function registerCommands(s: Services): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(s, ...args);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        s.log.error(`${id} failed: ${message}`);
        const choice = await s.ui.error(message, 'Show Log');
        if (choice === 'Show Log') s.log.show();
      }
    }),
  );
}
