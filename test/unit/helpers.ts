import { LlamaCloudClient, type ClientConfig, type RequestLogEntry } from '../../src/api/client';
import { LlamaCloudError } from '../../src/api/errors';
import type { FakeServer } from '../fake-server/server';

export const FAST_RETRY = { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 1000 };

/** A client for the fake server (or any URL + key) with fast retries; collects its log entries and warnings. */
export function makeClient(server: Pick<FakeServer, 'url' | 'apiKey'>, overrides: Partial<ClientConfig> = {}) {
  const log: RequestLogEntry[] = [];
  const warnings: string[] = [];
  const config: ClientConfig = {
    baseUrl: server.url,
    apiKey: server.apiKey,
    timeoutMs: 2000,
    retry: FAST_RETRY,
    userAgent: 'llamacloud-classify-results-tests',
    ...overrides,
  };
  const client = new LlamaCloudClient(
    () => config,
    (e) => log.push(e),
    () => 0,
    (m) => warnings.push(m),
  );
  return { client, log, warnings, config };
}

/** Runs `fn` and returns the LlamaCloudError it threw; fails when it resolves or throws something else. */
export async function rejection(fn: () => Promise<unknown>): Promise<LlamaCloudError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof LlamaCloudError) { return err; }
    throw new Error(`expected a LlamaCloudError, got ${err}`);
  }
  throw new Error('expected a rejection, but it resolved');
}

export function apiRequests(server: FakeServer, pathPart: string) {
  return server.requests.filter((r) => r.path.includes(pathPart));
}
