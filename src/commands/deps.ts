// What the commands work with. Built once in extension.ts after everything it names exists.
import type { LlamaCloudClient } from '../api/client';
import type { ApiKeyStore } from '../auth/apiKeyStore';
import type { JobController } from '../model/controller';
import type { FileNameCache } from '../model/fileNames';
import type { JobList } from '../model/jobList';
import type { ViewQuery } from '../model/viewQuery';
import type { JobSource } from '../model/jobSource';
import type { JobVersions } from '../model/jobVersions';
import type { JobView } from '../tree/jobView';
import type { AuthNotice } from '../ui/authNotice';
import type { Log } from '../ui/log';
import type { Ui } from '../ui/prompts';
import type { ComparePanels } from '../webview/comparePanel';
import type { ReviewActions } from './reviewActions';
import type { ResultPanel } from '../webview/resultPanel';
import type { SummaryPanels } from '../webview/summaryPanel';

export interface CommandDeps {
  controller: JobController;
  jobs: JobList;
  /** The view's filter, order and grouping: what "filtered" means for every feature. */
  query: ViewQuery;
  /** v1 or v2 per job ID, and the filters of browsed v2 lists. */
  versions: JobVersions;
  source: JobSource;
  keys: ApiKeyStore;
  client: LlamaCloudClient;
  log: Log;
  /** The prompt seam: tests replace it with a scripted one. */
  ui: () => Ui;
  authNotice: AuthNotice;
  view: JobView;
  panel: ResultPanel;
  clipboard: (text: string) => Thenable<void>;
  showRawJson: (jobId: string, resultId: string) => Promise<void>;
  fileNames: FileNameCache;
  summary: SummaryPanels;
  compare: ComparePanels;
  /** How many results a "load everything" loads at most. */
  loadAllLimit: () => number;
  /** Runs `work` under a cancellable progress notification (never waits for a person). */
  progress<T>(title: string, work: (report: (message: string) => void, signal: AbortSignal) => Promise<T>): Promise<T>;
  /** A link that opens the job (and the result) in this editor: see model/links.ts. */
  link: (jobId: string, resultId?: string) => string;
  /** Review marks (Correct / Wrong type) and their prompts. */
  review: ReviewActions;
}

/** Commands from tree rows get the node; from keybindings, links or tests, a job ID string. */
export function jobIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') { return arg; }
  if (typeof arg === 'object' && arg !== null && typeof (arg as { jobId?: unknown }).jobId === 'string') {return (arg as { jobId: string }).jobId;}
  return undefined;
}
