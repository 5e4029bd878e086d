// When and how long to wait before retrying a request. Pure functions, so the rules are unit tested
// without a clock. Follows the official SDK's retry rules, with a smaller budget for an interactive UI.

export interface RetryPolicy {
  /** Retries after the first attempt. The SDK uses 5; a person waiting on a tree wants fewer. */
  maxRetries: number;
  /** First backoff delay; doubles each retry. */
  baseDelayMs: number;
  /** Upper bound of one computed backoff delay. */
  maxDelayMs: number;
  /** Longest server-requested wait (Retry-After) we sleep through; longer ones fail fast with the wait in the error. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 4000,
  maxRetryAfterMs: 10_000,
};

/** Statuses worth retrying (SDK: 408, 409, 429, 5xx). Never other 4xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** A server-requested wait is only honoured when it is a finite number above zero (the SDK ignores the rest). */
function usableWait(ms: number): number | undefined {
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/** Numbers only: "1.5", "30". A sign, hex, exponent or unit ("5s") is not a delay. */
const DECIMAL = /^\d+(\.\d+)?$/;

/** A numeric header value, or NaN when it is not one. */
function decimal(value: string): number {
  return DECIMAL.test(value) ? Number(value) : Number.NaN;
}

/**
 * Reads `retry-after-ms`, then `Retry-After` (seconds or an HTTP date), as the SDK does. Returns
 * undefined when both are absent, blank, zero, negative, in the past or unreadable, so the caller
 * falls back to exponential backoff instead of retrying at once. A value that reads as a number
 * (even a bad one such as "-1") is never taken for a date.
 */
export function parseRetryAfter(get: (name: string) => string | null, now = Date.now()): number | undefined {
  const ms = get('retry-after-ms')?.trim();
  if (ms) {
    const wait = usableWait(decimal(ms));
    if (wait !== undefined) { return wait; }
  }
  const header = get('retry-after')?.trim();
  if (!header) { return undefined; }
  if (/^[-+.\d]/.test(header)) { return usableWait(decimal(header) * 1000); }
  return usableWait(Date.parse(header) - now);
}

/** Exponential backoff with up to 25% negative jitter: about 0.5, 1, 2, 4 s. */
export function backoffDelay(retryIndex: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const delay = Math.min(policy.baseDelayMs * 2 ** retryIndex, policy.maxDelayMs);
  return delay * (1 - random() * 0.25);
}

/**
 * The server's `x-should-retry` verdict, read as the SDK does but forgiving about case and spaces:
 * true or false when it says so, undefined when absent or anything else.
 */
export function readShouldRetry(header: string | null | undefined): boolean | undefined {
  const value = header?.trim().toLowerCase();
  if (value === 'true') { return true; }
  if (value === 'false') { return false; }
  return undefined;
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: 'budget' | 'status' | 'retryAfterTooLong' | 'serverSaidNo' };

/**
 * Decides about retry number `retryIndex` (0 for the first retry). `status` is undefined for
 * connection errors and timeouts, which are always worth retrying within the budget.
 * `x-should-retry: true` makes any status retryable and `false` stops any retry; the budget and the
 * Retry-After cap still apply. A `retryAfterMs` that is not above zero is treated as absent.
 */
export function decideRetry(args: {
  retryIndex: number;
  status?: number;
  retryAfterMs?: number;
  shouldRetryHeader?: string | null;
  policy: RetryPolicy;
  random?: () => number;
}): RetryDecision {
  const { retryIndex, status, shouldRetryHeader, policy } = args;
  const serverSays = readShouldRetry(shouldRetryHeader);
  if (serverSays === false) { return { retry: false, reason: 'serverSaidNo' }; }
  const retryable = serverSays === true || status === undefined || isRetryableStatus(status);
  if (!retryable) { return { retry: false, reason: 'status' }; }
  if (retryIndex >= policy.maxRetries) { return { retry: false, reason: 'budget' }; }
  const retryAfterMs = usableWait(args.retryAfterMs ?? Number.NaN);
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > policy.maxRetryAfterMs) { return { retry: false, reason: 'retryAfterTooLong' }; }
    return { retry: true, delayMs: retryAfterMs };
  }
  return { retry: true, delayMs: backoffDelay(retryIndex, policy, args.random) };
}
