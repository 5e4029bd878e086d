// Wiring only: build the services, register the tree, commands and providers. Activation sends no
// request; the first one goes out when a job is expanded or opened.
import * as vscode from 'vscode';
import { LlamaCloudClient } from './api/client';
import { ApiKeyStore } from './auth/apiKeyStore';
import { registerCommands } from './commands';
import { Connection, userAgent } from './connection';
import { loadFirst } from './jobActions';
import { Log } from './log';
import { FileNameCache } from './model/fileNames';
import { JobList } from './model/jobList';
import { NotifyGate } from './model/notifyGate';
import { ResultPager } from './model/pager';
import { RAW_JSON_SCHEME, RawJsonProvider } from './rawJson';
import { VIEW_ID, type Services } from './services';
import { affectsConnection, readSettings } from './settings';
import { ResultsTreeProvider } from './tree/provider';
import { vscodeUi, type Ui } from './ui/prompts';
import { RESULT_VIEW_TYPE } from './webview/protocol';
import { ResultPanels } from './webview/resultPanels';

/** What activate() returns: used by the integration tests to reach internals. Not a public API. */
export interface ExtensionApi {
  services: Services;
  setUi(ui: Ui): void;
  /** The result detail panel (one reusable preview panel). */
  panels: ResultPanels;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = new Log();
  const keys = new ApiKeyStore(context.secrets);
  let ui: Ui = vscodeUi;
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0.0.0';
  const connection = new Connection(keys, () => ui, userAgent(version));
  const client = new LlamaCloudClient(() => connection.config(), (e) => log.request(e));
  const fileNames = new FileNameCache((ids) => client.getFiles(ids));

  // The tree needs the job list and the job list's pagers report to the tree: late-bound.
  let tree: ResultsTreeProvider | undefined;
  const jobs = new JobList(
    context.globalState,
    (jobId) => {
      const pager = new ResultPager(jobId, (pageToken, signal) => client.getResults(jobId, { pageToken, pageSize: readSettings().pageSize, signal }));
      pager.onDidChange(() => tree?.refreshJob(jobId));
      return pager;
    },
    (jobId) => client.getJob(jobId),
  );
  tree = new ResultsTreeProvider(jobs, fileNames, (jobId) => void loadFirst(services, jobId));
  const treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });

  const services: Services = {
    context,
    log,
    keys,
    client,
    jobs,
    fileNames,
    tree,
    treeView,
    authGate: new NotifyGate(),
    get ui() {
      return ui;
    },
    set ui(next: Ui) {
      ui = next;
    },
    clipboard: (text) => vscode.env.clipboard.writeText(text),
    // The result panel is built just below (it needs `services`); called only after activation.
    showResult: (jobId, resultId) => panels.show(jobId, resultId),
  };

  const panels = new ResultPanels(services, context.extensionUri);

  // All started pagers, not only the listed jobs': a job opened later reuses what the panel loaded.
  const reloadLoadedJobs = () => {
    for (const pager of jobs.allPagers()) if (pager.started) void pager.refresh();
  };

  const setKeyContext = async () => {
    await vscode.commands.executeCommand('setContext', 'llamaClassify.hasApiKey', !!(await keys.get()));
  };

  context.subscriptions.push(
    log,
    keys,
    tree,
    treeView,
    panels,
    vscode.window.registerWebviewPanelSerializer(RESULT_VIEW_TYPE, panels.serializer),
    { dispose: () => jobs.dispose() },
    ...registerCommands(services),
    vscode.workspace.registerTextDocumentContentProvider(RAW_JSON_SCHEME, new RawJsonProvider(jobs)),
    jobs.onDidChange(() => tree?.refreshAll()),
    fileNames.onDidChange(() => tree?.refreshAll()),
    keys.onDidChange(() => {
      void setKeyContext();
      services.authGate.reset('auth');
      reloadLoadedJobs();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affectsConnection(e)) return;
      connection.reset();
      fileNames.clear();
      log.info('Connection settings changed; reloading open jobs.');
      reloadLoadedJobs();
    }),
  );
  void setKeyContext();

  return {
    services,
    setUi: (next) => (services.ui = next),
    panels,
  };
}

export function deactivate(): void {}
