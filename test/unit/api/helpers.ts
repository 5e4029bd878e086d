// Helpers for the api tests: the shared client factory, request gaps, and a bare HTTP server.
import * as http from 'http';
import type { AddressInfo } from 'net';
export { apiRequests, FAST_RETRY, makeClient, rejection } from '../helpers';

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
