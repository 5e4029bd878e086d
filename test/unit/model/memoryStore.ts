// An in-memory Memento for model tests: values are copied as VS Code's globalState copies them (JSON).
import type { KeyValueStore } from '../../../src/model/jobList';

export class MemoryStore implements KeyValueStore {
  data = new Map<string, unknown>();
  get<T>(key: string) {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown) {
    this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}
