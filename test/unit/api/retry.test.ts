import * as assert from 'assert';
import { backoffDelay, decideRetry, DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfter, readShouldRetry } from '../../../src/api/retry';

const h = (o: Record<string, string>) => (n: string) => o[n] ?? null;
const POLICY = { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };

describe('retry rules', () => {
  it('has a small default budget for an interactive UI', () => {
    assert.deepStrictEqual(DEFAULT_RETRY_POLICY, { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 4000, maxRetryAfterMs: 10_000 });
  });

  it('retries connection errors, 408, 409, 429 and 5xx; never other 4xx', () => {
    const policy = DEFAULT_RETRY_POLICY;
    for (const status of [undefined, 408, 409, 429, 500, 502, 503, 504, 599]) { assert.ok(decideRetry({ retryIndex: 0, status, policy }).retry, String(status)); }
    for (const status of [400, 401, 402, 403, 404, 410, 422, 499]) {
      assert.deepStrictEqual(decideRetry({ retryIndex: 0, status, policy }), { retry: false, reason: 'status' }, String(status));
    }
    assert.strictEqual(isRetryableStatus(500), true);
    assert.strictEqual(isRetryableStatus(499), false);
    assert.strictEqual(isRetryableStatus(407), false);
    assert.strictEqual(isRetryableStatus(410), false);
    assert.strictEqual(isRetryableStatus(428), false);
    assert.strictEqual(isRetryableStatus(430), false);
  });

  it('stops at the budget', () => {
    assert.deepStrictEqual(decideRetry({ retryIndex: 2, status: 503, policy: DEFAULT_RETRY_POLICY }), { retry: false, reason: 'budget' });
    assert.deepStrictEqual(decideRetry({ retryIndex: 1, status: 503, policy: DEFAULT_RETRY_POLICY, random: () => 0 }), { retry: true, delayMs: 1000 });
    assert.deepStrictEqual(decideRetry({ retryIndex: 0, policy: { ...POLICY, maxRetries: 0 } }), { retry: false, reason: 'budget' });
  });

  it('backs off exponentially with jitter, capped', () => {
    const p = DEFAULT_RETRY_POLICY;
    assert.strictEqual(backoffDelay(0, p, () => 0), 500);
    assert.strictEqual(backoffDelay(1, p, () => 0), 1000);
    assert.strictEqual(backoffDelay(2, p, () => 0), 2000);
    assert.strictEqual(backoffDelay(3, p, () => 0), 4000);
    assert.strictEqual(backoffDelay(10, p, () => 0), 4000);
    assert.strictEqual(backoffDelay(0, p, () => 0.999), 500 * (1 - 0.999 * 0.25));
    assert.strictEqual(backoffDelay(1, p, () => 0.5), 875);
    const d = backoffDelay(0, p);
    assert.ok(d > 375 && d <= 500, String(d));
  });

  it('decides a backoff delay when no usable wait was asked for', () => {
    assert.deepStrictEqual(decideRetry({ retryIndex: 0, status: 503, policy: POLICY, random: () => 0 }), { retry: true, delayMs: 100 });
    assert.deepStrictEqual(decideRetry({ retryIndex: 1, status: 429, policy: POLICY, random: () => 0.5 }), { retry: true, delayMs: 175 });
  });

  it('sleeps through a server-requested wait up to the cap, and refuses a longer one', () => {
    assert.deepStrictEqual(decideRetry({ retryIndex: 0, status: 429, retryAfterMs: 250, policy: POLICY }), { retry: true, delayMs: 250 });
    assert.deepStrictEqual(decideRetry({ retryIndex: 0, status: 429, retryAfterMs: 5000, policy: POLICY }), { retry: true, delayMs: 5000 });
    assert.deepStrictEqual(decideRetry({ retryIndex: 0, status: 429, retryAfterMs: 5001, policy: POLICY }), { retry: false, reason: 'retryAfterTooLong' });
    assert.deepStrictEqual(decideRetry({ retryIndex: 0, status: 429, retryAfterMs: 60_000, policy: DEFAULT_RETRY_POLICY }), {
      retry: false,
      reason: 'retryAfterTooLong',
    });
  });

  it('never retries at once: a requested wait that is not above zero means backoff', () => {
    for (const retryAfterMs of [0, -0, -1, -5000, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      assert.deepStrictEqual(
        decideRetry({ retryIndex: 0, status: 429, retryAfterMs, policy: POLICY, random: () => 0 }),
        { retry: true, delayMs: 100 },
        String(retryAfterMs),
      );
    }
  });

  it('the budget is checked before the Retry-After cap', () => {
    assert.deepStrictEqual(decideRetry({ retryIndex: 2, status: 429, retryAfterMs: 60_000, policy: POLICY }), { retry: false, reason: 'budget' });
  });
});

describe('Retry-After headers', () => {
  it('reads retry-after-ms, Retry-After seconds and HTTP dates', () => {
    assert.strictEqual(parseRetryAfter(h({ 'retry-after-ms': '250' })), 250);
    assert.strictEqual(parseRetryAfter(h({ 'retry-after-ms': ' 250.5 ' })), 250.5);
    assert.strictEqual(parseRetryAfter(h({ 'retry-after': '3' })), 3000);
    assert.strictEqual(parseRetryAfter(h({ 'retry-after': ' 1.5 ' })), 1500);
    assert.strictEqual(parseRetryAfter(h({ 'retry-after': '1.25' })), 1250);
    assert.strictEqual(parseRetryAfter(h({ 'retry-after-ms': '12.75' })), 12.75);
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    assert.strictEqual(parseRetryAfter(h({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now), 5000);
    assert.strictEqual(parseRetryAfter(h({ 'retry-after': '  Thu, 01 Jan 2026 00:00:05 GMT  ' }), now), 5000);
  });

  it('prefers retry-after-ms over Retry-After', () => {
    assert.strictEqual(parseRetryAfter(h({ 'retry-after-ms': '150', 'retry-after': '30' })), 150);
  });

  it('treats absent, empty, blank, zero, negative, non-numeric and past values as absent', () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    for (const value of ['', '   ', '0', '0.0', '000', '-1', '-0.5', '+3', '.5', '1e3', '0x10', '3s', 'soon', 'Infinity', 'NaN', '1.5.2']) {
      assert.strictEqual(parseRetryAfter(h({ 'retry-after': value }), now), undefined, `Retry-After: ${JSON.stringify(value)}`);
      assert.strictEqual(parseRetryAfter(h({ 'retry-after-ms': value }), now), undefined, `retry-after-ms: ${JSON.stringify(value)}`);
    }
    assert.strictEqual(parseRetryAfter(h({}), now), undefined);
    assert.strictEqual(parseRetryAfter(h({ 'retry-after': 'Wed, 31 Dec 2025 23:59:59 GMT' }), now), undefined, 'a date in the past');
    assert.strictEqual(parseRetryAfter(h({ 'retry-after': 'Thu, 01 Jan 2026 00:00:00 GMT' }), now), undefined, 'a date that is now');
    assert.strictEqual(parseRetryAfter(h({ 'retry-after': 'Thu, 01 Jan 2026 00:00:01 GMT' }), now), 1000, 'a date just ahead');
  });

  it('an unusable retry-after-ms falls back to Retry-After', () => {
    for (const ms of ['0', '-5', 'abc', '']) {
      assert.strictEqual(parseRetryAfter(h({ 'retry-after-ms': ms, 'retry-after': '2' })), 2000, ms);
    }
  });

  it('uses the clock when no time is given', () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const wait = parseRetryAfter(h({ 'retry-after': inTenSeconds }));
    assert.ok(wait !== undefined && wait > 8000 && wait <= 10_000, String(wait));
  });
});

describe('x-should-retry', () => {
  it('reads true and false case-insensitively and trimmed; anything else is no verdict', () => {
    for (const v of ['true', 'TRUE', ' True ', '\ttrue']) { assert.strictEqual(readShouldRetry(v), true, v); }
    for (const v of ['false', 'FALSE', ' False\n']) { assert.strictEqual(readShouldRetry(v), false, v); }
    for (const v of [null, undefined, '', 'yes', '1', 'no', 'truee']) { assert.strictEqual(readShouldRetry(v), undefined, String(v)); }
  });

  it('"true" retries a status that would not be, within the budget', () => {
    for (const status of [400, 401, 403, 404, 422]) {
      assert.deepStrictEqual(decideRetry({ retryIndex: 0, status, shouldRetryHeader: ' TRUE', policy: POLICY, random: () => 0 }), { retry: true, delayMs: 100 });
    }
    assert.deepStrictEqual(decideRetry({ retryIndex: 2, status: 400, shouldRetryHeader: 'true', policy: POLICY }), { retry: false, reason: 'budget' });
    assert.deepStrictEqual(decideRetry({ retryIndex: 0, status: 400, shouldRetryHeader: 'true', retryAfterMs: 9000, policy: POLICY }), {
      retry: false,
      reason: 'retryAfterTooLong',
    });
  });

  it('"false" stops a retry the status would allow, even a connection error', () => {
    for (const status of [undefined, 408, 429, 500, 503]) {
      assert.deepStrictEqual(decideRetry({ retryIndex: 0, status, shouldRetryHeader: 'False ', policy: POLICY }), { retry: false, reason: 'serverSaidNo' });
    }
  });

  it('other values leave the decision to the status', () => {
    assert.ok(decideRetry({ retryIndex: 0, status: 503, shouldRetryHeader: 'maybe', policy: POLICY }).retry);
    assert.deepStrictEqual(decideRetry({ retryIndex: 0, status: 400, shouldRetryHeader: 'maybe', policy: POLICY }), { retry: false, reason: 'status' });
    assert.deepStrictEqual(decideRetry({ retryIndex: 0, status: 400, shouldRetryHeader: null, policy: POLICY }), { retry: false, reason: 'status' });
  });
});
