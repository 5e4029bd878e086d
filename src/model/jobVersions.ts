// Which API version each job ID turned out to be, and the filters of browsed Classify v2 lists, kept
// across window reloads in the same store as the job list. Bounded: the oldest answers are forgotten
// first (a forgotten UUID is simply asked about again). Holds no results and no secrets.
import type { V2ListFilters } from '../api/client';
import type { ApiVersion } from '../api/jobId';
import type { KeyValueStore } from './jobList';
import { sanitizeV2Filters, v2ListKey } from './v2';

const VERSIONS_KEY = 'llamaClassify.jobVersions';
const LISTS_KEY = 'llamaClassify.v2Lists';
export const MAX_REMEMBERED_VERSIONS = 500;
export const MAX_REMEMBERED_LISTS = 20;

export class JobVersions {
  /** Insertion order is age: re-remembering moves an ID to the end. */
  private versions: Map<string, ApiVersion>;
  private lists: Map<string, V2ListFilters>;

  constructor(private readonly store: KeyValueStore) {
    this.versions = new Map();
    const raw = store.get<unknown>(VERSIONS_KEY);
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
        if ((v === 'v1' || v === 'v2') && id.length <= 128) { this.versions.set(id, v); }
      }
    }
    this.lists = new Map();
    const rawLists = store.get<unknown>(LISTS_KEY);
    if (rawLists && typeof rawLists === 'object' && !Array.isArray(rawLists)) {
      for (const f of Object.values(rawLists as Record<string, unknown>)) {
        const filters = sanitizeV2Filters(f);
        if (filters) { this.lists.set(v2ListKey(filters), filters); } // the key is recomputed, never trusted
      }
    }
  }

  get(id: string): ApiVersion | undefined {
    return this.versions.get(id);
  }

  async remember(id: string, version: ApiVersion): Promise<void> {
    if (this.versions.get(id) === version) { return; }
    this.versions.delete(id);
    this.versions.set(id, version);
    trim(this.versions, MAX_REMEMBERED_VERSIONS);
    await this.store.update(VERSIONS_KEY, Object.fromEntries(this.versions));
  }

  list(key: string): V2ListFilters | undefined {
    return this.lists.get(key);
  }

  /** Remembers a list's filters and returns its key (the same filters, the same key). */
  async rememberList(filters: V2ListFilters): Promise<string> {
    const key = v2ListKey(filters);
    this.lists.delete(key);
    this.lists.set(key, { ...filters });
    trim(this.lists, MAX_REMEMBERED_LISTS);
    await this.store.update(LISTS_KEY, Object.fromEntries(this.lists));
    return key;
  }
}

function trim<K, V>(map: Map<K, V>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) { return; }
    map.delete(key);
  }
}
