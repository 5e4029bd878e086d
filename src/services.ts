// What commands, the tree and the panel share. Built once in extension.ts.
import type * as vscode from 'vscode';
import type { LlamaCloudClient } from './api/client';
import type { ApiKeyStore } from './auth/apiKeyStore';
import type { Log } from './log';
import type { FileNameCache } from './model/fileNames';
import type { JobList } from './model/jobList';
import type { NotifyGate } from './model/notifyGate';
import type { Node } from './tree/nodes';
import type { ResultsTreeProvider } from './tree/provider';
import type { Ui } from './ui/prompts';

export const VIEW_ID = 'llamaClassify.results';

export interface Services {
  context: vscode.ExtensionContext;
  log: Log;
  keys: ApiKeyStore;
  client: LlamaCloudClient;
  jobs: JobList;
  fileNames: FileNameCache;
  tree: ResultsTreeProvider;
  treeView: vscode.TreeView<Node>;
  authGate: NotifyGate;
  /** Replaced by tests with a scripted Ui. */
  ui: Ui;
  clipboard: (text: string) => Thenable<void>;
  /** Opens (or reveals) the detail panel for one result. */
  showResult: (jobId: string, resultId: string) => Promise<void>;
}
