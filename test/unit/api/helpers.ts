// Client factory for the api tests: like ../helpers' makeClient, and also collects onWarning messages.
import * as http from 'http';
import type { AddressInfo } from 'net';
import { LlamaCloudClient, type ClientConfig, type RequestLogEntry } from '../../../src/api/client';
import type { FakeServer } from '../../fake-server/server';
import { FAST_RETRY } from '../helpers';

export { apiRequests, FAST_RETRY, rejection } from '../helpers';

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

/** Gaps in ms between consecutive recorded requests. */
export function gaps(requests: { at: number }[]): number[] {
  return requests.slice(1).map((r, i) => r.at - requests[i].at);
}

/** A bare HTTP server on 127.0.0.1 for answers the fake server cannot give (no content-type, raw bodies). */
export async function withRawServer<T>(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  fn: (server: { url: string; apiKey: string }) => Promise<T>,
): Promise<T> {
  const raw = http.createServer(handler);
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  try {
    return await fn({ url: `http://127.0.0.1:${(raw.address() as AddressInfo).port}`, apiKey: 'llx-raw-key-9999' });
  } finally {
    raw.closeAllConnections();
    await new Promise((resolve) => raw.close(resolve));
  }
}
