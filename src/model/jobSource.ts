// Where a job's pages and status come from, by API version, without making the person say which:
// a browsed v2 list reads `GET /api/v2/classify`; an ID whose shape (or an earlier answer) shows the
// version goes straight to it; a bare UUID is tried on v1 and, on a 404, on v2
// (`GET /api/v2/classify/{id}`). The answer is remembered per ID (JobVersions), so the probe runs once.
import type { ResultsPageRequest, V2ListRequest } from '../api/client';
import { isLlamaCloudError, LlamaCloudError } from '../api/errors';
import { versionFromShape, type ApiVersion } from '../api/jobId';
import type { ClassifyJob, ClassifyJobResultsPage, ClassifyV2Job, ClassifyV2JobsPage } from '../api/types';
import type { JobVersions } from './jobVersions';
import { isV2ListKey, v2JobAsMeta, v2JobAsPage, v2ListAsPage } from './v2';

/** The client calls this needs (LlamaCloudClient has them). */
export interface SourceApi {
  getResults(jobId: string, req: ResultsPageRequest): Promise<ClassifyJobResultsPage>;
  getJob(jobId: string, opts: { signal?: AbortSignal }): Promise<ClassifyJob>;
  getV2Job(jobId: string, opts: { signal?: AbortSignal }): Promise<ClassifyV2Job>;
  listV2Jobs(req: V2ListRequest): Promise<ClassifyV2JobsPage>;
}

const isNotFound = (err: unknown) => isLlamaCloudError(err) && err.kind === 'notFound';

export class JobSource {
  constructor(
    private readonly api: SourceApi,
    private readonly versions: JobVersions,
    /** The `llamaClassify.pageSize` setting, read per page (v2 lists cap it at 100). */
    private readonly pageSize: () => number,
  ) {}

  /** The version this ID is known or shaped to be; undefined while it is ambiguous and unasked. */
  versionOf(id: string): ApiVersion | undefined {
    return this.versions.get(id) ?? versionFromShape(id);
  }

  /** One page of "results" for the pager: v1 results, a v2 job as one item, or a page of a v2 list. */
  async fetchPage(id: string, pageToken: string | undefined, signal: AbortSignal): Promise<ClassifyJobResultsPage> {
    if (isV2ListKey(id)) {
      const filters = this.versions.list(id);
      if (!filters) {
        throw new LlamaCloudError({ kind: 'config', message: 'The filters of this Classify v2 list are no longer known. Remove it and run “Browse Classify v2 Jobs…” again.' });
      }
      return v2ListAsPage(await this.api.listV2Jobs({ ...filters, pageToken, pageSize: this.pageSize(), signal }));
    }
    return this.byVersion(
      id,
      () => this.api.getResults(id, { pageToken, pageSize: this.pageSize(), signal }),
      async () => v2JobAsPage(await this.api.getV2Job(id, { signal })),
    );
  }

  /** The job's status, dates and error message, from whichever API holds it (the job list's meta). */
  fetchJob(id: string): Promise<ClassifyJob> {
    if (isV2ListKey(id)) {
      return Promise.reject(new LlamaCloudError({ kind: 'config', message: 'A browsed Classify v2 list is not a job: it has no status or rules of its own.' }));
    }
    return this.byVersion(
      id,
      () => this.api.getJob(id, {}),
      async () => v2JobAsMeta(await this.api.getV2Job(id, {})),
    );
  }

  private async byVersion<T>(id: string, v1: () => Promise<T>, v2: () => Promise<T>): Promise<T> {
    const known = this.versionOf(id);
    if (known === 'v2') { return v2(); }
    if (known === 'v1') { return v1(); }
    let v1Error: unknown;
    try {
      const value = await v1();
      await this.versions.remember(id, 'v1');
      return value;
    } catch (err) {
      if (!isNotFound(err)) { throw err; }
      v1Error = err;
    }
    try {
      const value = await v2();
      await this.versions.remember(id, 'v2');
      return value;
    } catch (err) {
      if (!isNotFound(err)) { throw err; }
      const e = v1Error as LlamaCloudError;
      throw new LlamaCloudError({
        kind: 'notFound',
        status: 404,
        detail: e.detail,
        request: e.request,
        message: `LlamaCloud has no classify job ${id} (404), neither as a v1 job nor as a Classify v2 job. Check the ID, the region and the project.`,
      });
    }
  }
}
