// When and how long to wait before retrying a request. Pure functions, so the rules are unit tested
// without a clock. Follows the SDK's rules (reference §6.3) with a smaller budget for an interactive UI.

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

/**
 * Reads `retry-after-ms`, then `Retry-After` (seconds or an HTTP date). Returns undefined when absent
 * or unreadable, so the caller falls back to exponential backoff.
 */
export function parseRetryAfter(get: (name: string) => string | null, now = Date.now()): number | undefined {
  const ms = get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const n = Number(ms);
    if (Number.isFinite(n) && n >= 0) return n;
  }
  const header = get('retry-after');
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Exponential backoff with up to 25% negative jitter: about 0.5, 1, 2, 4 s. */
export function backoffDelay(retryIndex: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const delay = Math.min(policy.baseDelayMs * 2 ** retryIndex, policy.maxDelayMs);
  return delay * (1 - random() * 0.25);
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: 'budget' | 'status' | 'retryAfterTooLong' | 'serverSaidNo' };

/**
 * Decides about retry number `retryIndex` (0 for the first retry). `status` is undefined for
 * connection errors and timeouts, which are always worth retrying within the budget.
 */
export function decideRetry(args: {
  retryIndex: number;
  status?: number;
  retryAfterMs?: number;
  shouldRetryHeader?: string | null;
  policy: RetryPolicy;
  random?: () => number;
}): RetryDecision {
  const { retryIndex, status, retryAfterMs, shouldRetryHeader, policy } = args;
  if (shouldRetryHeader === 'false') return { retry: false, reason: 'serverSaidNo' };
  const retryable = shouldRetryHeader === 'true' || status === undefined || isRetryableStatus(status);
  if (!retryable) return { retry: false, reason: 'status' };
  if (retryIndex >= policy.maxRetries) return { retry: false, reason: 'budget' };
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > policy.maxRetryAfterMs) return { retry: false, reason: 'retryAfterTooLong' };
    return { retry: true, delayMs: retryAfterMs };
  }
  return { retry: true, delayMs: backoffDelay(retryIndex, policy, args.random) };
}
