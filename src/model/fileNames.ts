// Resolves file IDs to names through the Files API, in batches, once per ID. Best effort: a failure
// leaves rows labelled by ID and is not retried for the same IDs until `clear()`. A `clear()` (a new
// connection or key) starts a new generation: an answer to a lookup of an older one is dropped, so
// names from the previous server never come back.
import type { FileInfo } from '../api/types';
import { Emitter } from './events';

export type LookupFiles = (ids: string[]) => Promise<Map<string, FileInfo>>;

export class FileNameCache {
  private names = new Map<string, string>();
  private asked = new Set<string>();
  private generation = 0;
  private inflight = new Set<Promise<void>>();
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  lastError: unknown;

  constructor(private readonly lookup: LookupFiles) {}

  get(fileId: string | null | undefined): string | undefined {
    return fileId ? this.names.get(fileId) : undefined;
  }

  /** Looks up the IDs not asked for yet. Resolves when done; never rejects. */
  async resolve(ids: Iterable<string | null | undefined>): Promise<void> {
    const fresh: string[] = [];
    for (const id of ids) {
      if (id && !this.asked.has(id)) {
        this.asked.add(id);
        fresh.push(id);
      }
    }
    if (fresh.length === 0) { return; }
    const generation = this.generation;
    const done = this.lookupNames(fresh, generation);
    this.inflight.add(done);
    try {
      await done;
    } finally {
      this.inflight.delete(done);
    }
  }

  /** Resolves once every lookup running now has finished (a compare needs the names to match by). */
  async settled(): Promise<void> {
    await Promise.all([...this.inflight]);
  }

  private async lookupNames(fresh: string[], generation: number): Promise<void> {
    try {
      const found = await this.lookup(fresh);
      if (generation !== this.generation) { return; }
      for (const [id, file] of found) { this.names.set(id, file.name); }
      if (found.size > 0) { this.changed.fire(); }
    } catch (err) {
      if (generation === this.generation) { this.lastError = err; }
    }
  }

  clear(): void {
    this.generation++;
    this.names.clear();
    this.asked.clear();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
