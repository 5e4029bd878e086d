// Tree elements are plain data; the provider turns them into TreeItems. Special rows (load more,
// loading, errors, empty) are one typed status node.
import type { FileClassification } from '../api/types';

export interface JobNode {
  kind: 'job';
  jobId: string;
}

export interface ResultNode {
  kind: 'result';
  jobId: string;
  item: FileClassification;
}

/**
 * Rows `start`..`end - 1` of a job's shown list (or of one type group) when it holds more than
 * RANGE_SIZE: keeps every getChildren small. The list is the filtered, sorted one (resultQuery.ts).
 */
export interface RangeNode {
  kind: 'range';
  jobId: string;
  start: number;
  end: number;
  /** The type group's key when the range lies inside a group. */
  group?: string;
}

/** "invoice (48)": the job's shown results of one type, when the view is grouped by type. */
export interface GroupNode {
  kind: 'group';
  jobId: string;
  key: string;
  label: string;
  count: number;
}

export interface LoadMoreNode {
  kind: 'loadMore';
  jobId: string;
}

export type StatusKind =
  | 'loading' // first page on its way
  | 'cancelled' // first page cancelled
  | 'empty' // finished, no results
  | 'pending' // job not finished yet, no results
  | 'jobFailed' // the job itself failed
  | 'error' // a request failed; retryable
  | 'auth' // 401: set a key
  | 'noAccess' // 403: the key works, but not for this job's organization/project
  | 'notFound' // 404: wrong ID, region or project
  | 'warning' // paging stopped early or duplicates dropped
  | 'noMatch' // results are loaded, none passes the filter
  | 'loadAll'; // a filter or order is active on a job that is not fully loaded

export interface StatusNode {
  kind: 'status';
  jobId: string;
  status: StatusKind;
  message?: string;
  /** Overrides the row's label (warnings). */
  title?: string;
}

export type Node = JobNode | GroupNode | RangeNode | ResultNode | LoadMoreNode | StatusNode;

/** Results per range row once a job has more loaded than this. */
export const RANGE_SIZE = 1000;

export function nodeId(node: Node): string {
  switch (node.kind) {
    case 'job':
      return `job:${node.jobId}`;
    case 'group':
      return `group:${node.jobId}:${node.key}`;
    case 'range':
      // By start only: the last range grows and keeps its state.
      return node.group === undefined ? `range:${node.jobId}:${node.start}` : `range:${node.jobId}:${node.group}:${node.start}`;
    case 'result':
      return `result:${node.jobId}/${node.item.id}`;
    case 'loadMore':
      return `more:${node.jobId}`;
    case 'status':
      return `status:${node.jobId}:${node.status}`;
  }
}
