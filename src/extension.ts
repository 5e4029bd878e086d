// Wiring only: build the parts in order (each gets what it needs, nothing is bound late), register
// the view, the commands and the providers. Activation sends no request; the first one goes out when
// a job is expanded or opened.
import * as vscode from 'vscode';
import { LlamaCloudClient } from './api/client';
import { ApiKeyStore } from './auth/apiKeyStore';
import { registerCommands } from './commands';
import type { CommandDeps } from './commands/deps';
import { Connection, userAgent } from './config/connection';
import { affectsConnection, readSettings } from './config/settings';
import { ContextKeys, EXTENSION_ID, RESULT_PANEL_VIEW_TYPE, RESULTS_VIEW_ID, SETTINGS_SECTION, Settings } from './constants';
import { LinkHandler } from './commands/linkCommands';
import { RAW_JSON_SCHEME, RawJsonProvider, rawJsonOpener, showRawJsonDiff } from './documents/rawJson';
import { JobController } from './model/controller';
import { FileNameCache } from './model/fileNames';
import { JobList } from './model/jobList';
import { JobSource } from './model/jobSource';
import { JobVersions } from './model/jobVersions';
import { buildLink } from './model/links';
import { StatusPoller } from './model/poller';
import { ReviewActions } from './commands/reviewActions';
import { ReviewMarks } from './model/reviewMarks';
import { ResultPager } from './model/pager';
import { ViewQuery } from './model/viewQuery';
import { JobView } from './tree/jobView';
import { AuthNotice } from './ui/authNotice';
import { Log } from './ui/log';
import { vscodeUi, type Ui } from './ui/prompts';
import { LOAD_ALL_LIMIT } from './model/summary';
import { ComparePanels } from './webview/comparePanel';
import { ResultPanel } from './webview/resultPanel';
import { SummaryPanels } from './webview/summaryPanel';

/** Internals for the integration tests, returned only when VS Code runs the extension's tests. */
export interface TestApi {
  deps: CommandDeps;
  connection: Connection;
  fileNames: FileNameCache;
  context: vscode.ExtensionContext;
  poller: StatusPoller;
  /** The registered URI handler: tests open links through it. */
  links: LinkHandler;
  setUi(ui: Ui): void;
  setClipboard(write: (text: string) => Thenable<void>): void;
}

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const log = new Log();
  const keys = new ApiKeyStore(context.secrets);
  let ui: Ui = vscodeUi;
  const currentUi = () => ui;
  let clipboard = (text: string) => vscode.env.clipboard.writeText(text);
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0.0.0';
  const connection = new Connection(keys, currentUi, userAgent(version));
  const client = new LlamaCloudClient(
    () => connection.config(),
    (e) => log.request(e),
    Math.random,
    // A malformed display-only field (a count, a date) becomes "unknown"; the log says so once.
    (message) => log.warn(message),
  );
  const fileNames = new FileNameCache((ids) => client.getFiles(ids));
  // v1 or Classify v2 per job, decided from the ID's shape or by asking (model/jobSource.ts).
  const versions = new JobVersions(context.globalState);
  const source = new JobSource(client, versions, () => readSettings().pageSize);
  const jobs = new JobList(
    context.globalState,
    (jobId) =>
      new ResultPager(jobId, (pageToken, signal) => source.fetchPage(jobId, pageToken, signal), {
        prefetch: () => readSettings().prefetch,
      }),
    (jobId) => source.fetchJob(jobId),
  );
  const showRawJson = rawJsonOpener(jobs, fileNames);
  const authNotice = new AuthNotice(currentUi, vscode.l10n.t('Set API Key…'));
  const controller = new JobController(jobs, fileNames, {
    withViewProgress: (work) => Promise.resolve(vscode.window.withProgress({ location: { viewId: RESULTS_VIEW_ID } }, () => work)),
    log,
    // Short, so the sentence and its "Set API Key…" link fit the notification; the tree rows and the log have the details.
    // No key at all is not a rejection: the view's welcome content and rows say what to do.
    authRejected: (err) => err.status === 401 && authNotice.show(vscode.l10n.t('LlamaCloud rejected the API key (401).')),
  });
  // The filter, order and grouping are kept with the list of opened jobs, so both survive a reload.
  const query = new ViewQuery(context.globalState);
  // Review marks belong to this workspace's work: workspace state, like a person's notes on it.
  const marks = new ReviewMarks(context.workspaceState);
  const review = new ReviewActions(marks, jobs, currentUi, vscode.l10n);
  const threshold = () => readSettings().lowConfidenceThreshold;
  // Live status: unfinished jobs are checked on a backoff schedule while the view is visible and the
  // window focused; a job that ends loads its results without a click.
  const poller = new StatusPoller(jobs, (jobId) => void controller.jobFinished(jobId));
  const view = new JobView(jobs, controller, fileNames, versions, log, query, poller, { marks, threshold });
  const updatePolling = () => poller.setActive(view.treeView.visible && vscode.window.state.focused);
  const link = (jobId: string, resultId?: string) => buildLink(vscode.env.uriScheme, EXTENSION_ID, jobId, resultId);
  const panel = new ResultPanel({
    controller,
    fileNames,
    keys,
    ui: currentUi,
    log,
    clipboard: (text) => clipboard(text),
    link,
    showRawJson,
    revealInTree: (jobId, resultId) => view.revealResult(jobId, resultId),
    // Pages of a job that is not listed live only while the panel shows it.
    onDidChangeJob: (shown) => jobs.prune(shown ? [shown] : []),
    review,
    threshold,
    extensionUri: context.extensionUri,
  });
  const loadAllLimit = () => readSettings().loadAllLimit;
  const summary = new SummaryPanels({
    controller,
    fileNames,
    getJob: (jobId) => source.fetchJob(jobId), // v1 or v2, as the job's pages
    openResult: (jobId, resultId) => panel.show(jobId, resultId),
    threshold: () => readSettings().lowConfidenceThreshold,
    loadAllLimit,
    log,
    extensionUri: context.extensionUri,
  });
  const compare = new ComparePanels({
    openPair: showRawJsonDiff,
    log,
    extensionUri: context.extensionUri,
  });
  const deps: CommandDeps = {
    controller,
    jobs,
    query,
    versions,
    source,
    keys,
    client,
    log,
    ui: currentUi,
    authNotice,
    view,
    panel,
    clipboard: (text) => clipboard(text),
    showRawJson,
    fileNames,
    summary,
    compare,
    loadAllLimit,
    // The real notification (compare's own flow); Load All goes through the Ui seam so tests can cancel it.
    progress: (title, work) => vscodeUi.progress(title, work),
    link,
    review,
  };
  const links = new LinkHandler(deps);

  const setKeyContext = async () => {
    await vscode.commands.executeCommand('setContext', ContextKeys.hasApiKey, !!(await keys.get()));
  };
  // The title bar shows "Clear Filter" while filtering and "Show as List" while grouped.
  const setQueryContext = () => {
    void vscode.commands.executeCommand('setContext', ContextKeys.filtered, query.filtered);
    void vscode.commands.executeCommand('setContext', ContextKeys.grouped, query.grouped);
  };

  context.subscriptions.push(
    log,
    keys,
    view,
    panel,
    summary,
    compare,
    vscode.window.registerWebviewPanelSerializer(RESULT_PANEL_VIEW_TYPE, panel.serializer),
    { dispose: () => poller.dispose() },
    { dispose: () => jobs.dispose() },
    view.treeView.onDidChangeVisibility(updatePolling),
    vscode.window.onDidChangeWindowState(updatePolling),
    vscode.window.registerUriHandler(links),
    { dispose: () => fileNames.dispose() },
    { dispose: () => query.dispose() },
    query.onDidChange(setQueryContext),
    { dispose: () => marks.dispose() },
    ...registerCommands(deps),
    vscode.workspace.registerTextDocumentContentProvider(RAW_JSON_SCHEME, new RawJsonProvider(jobs)),
    // One reload path for a new key, a new connection and Refresh (commands/jobCommands.ts).
    keys.onDidChange(() => {
      void setKeyContext();
      authNotice.reset();
      void controller.reload();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS_SECTION}.${Settings.lowConfidenceThreshold}`)) {
        view.provider.refreshAll();
        panel.refresh();
      }
      if (!affectsConnection(e) || !connection.update()) { return; }
      const where = connection.describe();
      log.info(`Connection changed: requests now go to ${where}. Reloading open jobs.`);
      void ui.info(vscode.l10n.t('LlamaCloud Classify now sends requests to {0}. Open jobs are reloaded from there.', where));
      void controller.reload({ newConnection: true });
    }),
  );
  void setKeyContext();
  updatePolling();
  setQueryContext();

  // Other extensions must not reach the key store or the client: only the extension's own tests get them.
  if (context.extensionMode !== vscode.ExtensionMode.Test) { return undefined; }
  return {
    deps,
    connection,
    fileNames,
    context,
    poller,
    links,
    setUi: (next) => (ui = next),
    setClipboard: (write) => (clipboard = write),
  };
}

export function deactivate(): void {}
