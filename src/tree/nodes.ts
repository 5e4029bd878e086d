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

/** Results `start`..`end - 1` of a job with more than RANGE_SIZE loaded: keeps every getChildren small. */
export interface RangeNode {
  kind: 'range';
  jobId: string;
  start: number;
  end: number;
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
  | 'warning'; // paging stopped early or duplicates dropped

export interface StatusNode {
  kind: 'status';
  jobId: string;
  status: StatusKind;
  message?: string;
  /** Overrides the row's label (warnings). */
  title?: string;
}

export type Node = JobNode | RangeNode | ResultNode | LoadMoreNode | StatusNode;

/** Results per range row once a job has more loaded than this. */
export const RANGE_SIZE = 1000;

export function nodeId(node: Node): string {
  switch (node.kind) {
    case 'job':
      return `job:${node.jobId}`;
    case 'range':
      return `range:${node.jobId}:${node.start}`; // by start only: the last range grows and keeps its state
    case 'result':
      return `result:${node.jobId}/${node.item.id}`;
    case 'loadMore':
      return `more:${node.jobId}`;
    case 'status':
      return `status:${node.jobId}:${node.status}`;
  }
}
