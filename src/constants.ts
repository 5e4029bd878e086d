// Every ID the manifest (package.json `contributes`) and the code share: commands, views, webview
// types, context keys and tree-row context values. A unit test checks package.json contributes
// exactly these, so a rename cannot leave a dead menu entry or an unregistered command.

export const EXTENSION_ID = 'llamacloud-classify.llamacloud-classify-results';

export const Commands = {
  openJob: 'llamaClassify.openJob',
  browseV2: 'llamaClassify.browseV2',
  setApiKey: 'llamaClassify.setApiKey',
  clearApiKey: 'llamaClassify.clearApiKey',
  refresh: 'llamaClassify.refresh',
  loadMore: 'llamaClassify.loadMore',
  cancelLoad: 'llamaClassify.cancelLoad',
  removeJob: 'llamaClassify.removeJob',
  openResult: 'llamaClassify.openResult',
  showRawJson: 'llamaClassify.showRawJson',
  copyJobId: 'llamaClassify.copyJobId',
  copyResultId: 'llamaClassify.copyResultId',
  showLog: 'llamaClassify.showLog',
  showSummary: 'llamaClassify.showSummary',
  compareJobs: 'llamaClassify.compareJobs',
  renameJob: 'llamaClassify.renameJob',
  copyResultLink: 'llamaClassify.copyResultLink',
  copyJobLink: 'llamaClassify.copyJobLink',
  filter: 'llamaClassify.filter',
  clearFilter: 'llamaClassify.clearFilter',
  sortBy: 'llamaClassify.sortBy',
  groupByType: 'llamaClassify.groupByType',
  ungroup: 'llamaClassify.ungroup',
  findResult: 'llamaClassify.findResult',
  loadAll: 'llamaClassify.loadAll',
  exportResults: 'llamaClassify.export',
  reviewLowConfidence: 'llamaClassify.reviewLowConfidence',
  markCorrect: 'llamaClassify.markCorrect',
  markWrong: 'llamaClassify.markWrong',
  clearMark: 'llamaClassify.clearMark',
  clearReview: 'llamaClassify.clearReview',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export const VIEW_CONTAINER_ID = 'llamaClassify';
export const RESULTS_VIEW_ID = 'llamaClassify.results';
export const RESULT_PANEL_VIEW_TYPE = 'llamaClassify.result';
export const SUMMARY_VIEW_TYPE = 'llamaClassify.summary';
export const COMPARE_VIEW_TYPE = 'llamaClassify.compare';

/** Context keys set with `setContext` and read in `when` clauses. */
export const ContextKeys = {
  hasApiKey: 'llamaClassify.hasApiKey',
  /** The view is grouped by type: the title bar offers "Show as List" instead of "Group by Type". */
  grouped: 'llamaClassify.grouped',
  /** A filter is active: the title bar offers "Clear Filter". */
  filtered: 'llamaClassify.filtered',
} as const;

/** `TreeItem.contextValue`s, matched by `viewItem == …` in menus. */
export const RowContext = {
  job: 'llamaClassify:job',
  result: 'llamaClassify:result',
  range: 'llamaClassify:range',
  loadMore: 'llamaClassify:loadMore',
  loading: 'llamaClassify:loading',
  error: 'llamaClassify:error',
  status: 'llamaClassify:status',
  group: 'llamaClassify:group',
} as const;

/** The settings section; each key is `llamaClassify.<name>`. */
export const SETTINGS_SECTION = 'llamaClassify';
export const Settings = {
  region: 'region',
  baseUrl: 'baseUrl',
  organizationId: 'organizationId',
  projectId: 'projectId',
  pageSize: 'pageSize',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  prefetch: 'prefetch',
  lowConfidenceThreshold: 'lowConfidenceThreshold',
  loadAllLimit: 'loadAllLimit',
} as const;
