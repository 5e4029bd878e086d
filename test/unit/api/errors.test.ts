import * as assert from 'assert';
import {
  errorForStatus,
  errorMessage,
  formatWait,
  isAuthError,
  isCancelled,
  isLlamaCloudError,
  isNoAccessError,
  LlamaCloudError,
  type ApiErrorKind,
} from '../../../src/api/errors';

const err = (kind: ApiErrorKind) => new LlamaCloudError({ kind, message: kind });

describe('LlamaCloudError', () => {
  it('carries what the UI and the log need', () => {
    const e = new LlamaCloudError({
      kind: 'rateLimited',
      message: 'slow down',
      status: 429,
      detail: 'd',
      validation: [{ loc: ['q'], msg: 'm' }],
      retryAfterMs: 5,
      attempts: 3,
      request: 'GET /x',
    });
    assert.ok(e instanceof Error);
    assert.strictEqual(e.name, 'LlamaCloudError');
    assert.strictEqual(e.message, 'slow down');
    assert.deepStrictEqual(
      [e.kind, e.status, e.detail, e.validation, e.retryAfterMs, e.attempts, e.request],
      ['rateLimited', 429, 'd', [{ loc: ['q'], msg: 'm' }], 5, 3, 'GET /x'],
    );
    assert.strictEqual(err('network').attempts, 1, 'one attempt unless told otherwise');
    assert.strictEqual(new LlamaCloudError({ kind: 'auth', message: 'm', attempts: 0 }).attempts, 0);
  });

  it('isAuthProblem is a missing or rejected key only (401, no key); a 403 is not', () => {
    assert.strictEqual(err('auth').isAuthProblem, true);
    for (const kind of ['permission', 'notFound', 'validation', 'rateLimited', 'server', 'http', 'network', 'timeout', 'cancelled', 'invalidResponse', 'config'] as const) {
      assert.strictEqual(err(kind).isAuthProblem, false, kind);
    }
  });

  it('isNoAccess is a 403 only', () => {
    assert.strictEqual(err('permission').isNoAccess, true);
    for (const kind of ['auth', 'notFound', 'validation', 'rateLimited', 'server', 'http', 'network', 'timeout', 'cancelled', 'invalidResponse', 'config'] as const) {
      assert.strictEqual(err(kind).isNoAccess, false, kind);
    }
  });

  it('isTransient: rate limits, server errors, network and timeouts', () => {
    for (const kind of ['rateLimited', 'server', 'network', 'timeout'] as const) { assert.strictEqual(err(kind).isTransient, true, kind); }
    for (const kind of ['auth', 'permission', 'notFound', 'validation', 'http', 'cancelled', 'invalidResponse', 'config'] as const) {
      assert.strictEqual(err(kind).isTransient, false, kind);
    }
  });
});

describe('error helpers', () => {
  it('isLlamaCloudError, isCancelled, isAuthError and isNoAccessError accept anything', () => {
    assert.strictEqual(isLlamaCloudError(err('auth')), true);
    assert.strictEqual(isLlamaCloudError(new Error('x')), false);
    assert.strictEqual(isCancelled(err('cancelled')), true);
    assert.strictEqual(isCancelled(err('timeout')), false);
    assert.strictEqual(isCancelled({ kind: 'cancelled' }), false);
    assert.strictEqual(isAuthError(err('auth')), true);
    assert.strictEqual(isAuthError(err('permission')), false);
    assert.strictEqual(isAuthError({ kind: 'auth', isAuthProblem: true }), false);
    assert.strictEqual(isAuthError(undefined), false);
    assert.strictEqual(isNoAccessError(err('permission')), true);
    assert.strictEqual(isNoAccessError(err('auth')), false);
    assert.strictEqual(isNoAccessError({ kind: 'permission', isNoAccess: true }), false);
  });

  it('errorMessage: an Error’s message, anything else as text', () => {
    assert.strictEqual(errorMessage(new Error('boom')), 'boom');
    assert.strictEqual(errorMessage(err('network')), 'network');
    assert.strictEqual(errorMessage('plain'), 'plain');
    assert.strictEqual(errorMessage(42), '42');
    assert.strictEqual(errorMessage(undefined), 'undefined');
  });

  it('formatWait: ms below a second, whole seconds above', () => {
    assert.strictEqual(formatWait(0), '0 ms');
    assert.strictEqual(formatWait(250.4), '250 ms');
    assert.strictEqual(formatWait(999), '999 ms');
    assert.strictEqual(formatWait(1000), '1 s');
    assert.strictEqual(formatWait(1499), '1 s');
    assert.strictEqual(formatWait(120_000), '120 s');
  });
});

describe('errorForStatus', () => {
  const extra = { attempts: 1, request: 'GET /api/v1/classifier/jobs/j/results', what: 'results for classify job j' };

  it('401: auth, asks to check the key, keeps the server detail', () => {
    const e = errorForStatus(401, 'Invalid authentication token', extra);
    assert.strictEqual(e.kind, 'auth');
    assert.strictEqual(e.status, 401);
    assert.strictEqual(e.detail, 'Invalid authentication token');
    assert.strictEqual(e.request, extra.request);
    assert.strictEqual(e.attempts, 1);
    assert.strictEqual(
      e.message,
      'LlamaCloud rejected the API key (401). Check that the key is correct, not revoked, and was created in the same region (NA or EU) and project. Server said: “Invalid authentication token”',
    );
    assert.ok(e.isAuthProblem);
  });

  it('403: no access to what was asked for in this organization/project, pointing at the settings, not at the key', () => {
    const e = errorForStatus(403, undefined, extra);
    assert.strictEqual(e.kind, 'permission');
    assert.ok(e.isNoAccess);
    assert.ok(!e.isAuthProblem);
    assert.strictEqual(
      e.message,
      'The API key works, but it has no access to results for classify job j in this organization/project (403). ' +
        'If it belongs to another organization or project, set “llamaClassify.organizationId” and “llamaClassify.projectId” to it; ' +
        'otherwise its role may lack permission or the project may be disabled.',
    );
    assert.match(errorForStatus(403, 'Forbidden', {}).message, /no access to the resource in this organization\/project \(403\).* Server said: “Forbidden”$/);
  });

  it('404: names what is missing', () => {
    const e = errorForStatus(404, undefined, extra);
    assert.strictEqual(e.kind, 'notFound');
    assert.strictEqual(e.message, 'LlamaCloud has no results for classify job j (404). Check the ID, the region and the project.');
    assert.strictEqual(errorForStatus(404, 'gone', { what: 'file f' }).message, 'LlamaCloud has no file f (404). Check the ID, the region and the project. Server said: “gone”');
  });

  it('422 and 400: validation, listing the issues, else the detail', () => {
    const issues = errorForStatus(422, 'ignored', { validation: [{ loc: ['query', 'page_size'], msg: 'too big' }, { loc: [], msg: 'bad' }] });
    assert.strictEqual(issues.kind, 'validation');
    assert.strictEqual(issues.message, 'LlamaCloud rejected the request (422): query.page_size: too big; : bad');
    assert.strictEqual(errorForStatus(400, 'Invalid page_token', {}).message, 'LlamaCloud rejected the request (400): Invalid page_token');
    assert.strictEqual(errorForStatus(400, undefined, {}).message, 'LlamaCloud rejected the request (400).');
    assert.strictEqual(errorForStatus(422, undefined, { validation: [] }).message, 'LlamaCloud rejected the request (422).');
  });

  it('429: rate limited, with the requested wait when there was one', () => {
    assert.strictEqual(errorForStatus(429, undefined, {}).message, 'LlamaCloud is rate limiting requests (429). Try again shortly.');
    const e = errorForStatus(429, 'Slow down', { retryAfterMs: 120_000 });
    assert.strictEqual(e.kind, 'rateLimited');
    assert.strictEqual(e.retryAfterMs, 120_000);
    assert.strictEqual(e.message, 'LlamaCloud is rate limiting requests (429). It asked to wait 120 s. Try again shortly. Server said: “Slow down”');
  });

  it('5xx: server error, with the attempts and the requested wait', () => {
    assert.strictEqual(errorForStatus(500, undefined, { attempts: 1 }).message, 'LlamaCloud had a server error (500). Try again later.');
    assert.strictEqual(errorForStatus(500, undefined, {}).message, 'LlamaCloud had a server error (500). Try again later.');
    assert.strictEqual(errorForStatus(503, 'busy', { attempts: 3 }).message, 'LlamaCloud had a server error (503) after 3 attempts. Try again later. Server said: “busy”');
    const waited = errorForStatus(599, undefined, { attempts: 2, retryAfterMs: 500 });
    assert.strictEqual(waited.kind, 'server');
    assert.strictEqual(waited.message, 'LlamaCloud had a server error (599) after 2 attempts. It asked to wait 500 ms. Try again later.');
  });

  it('402: out of credits; any other status: unexpected', () => {
    const credits = errorForStatus(402, undefined, {});
    assert.strictEqual(credits.kind, 'http');
    assert.strictEqual(credits.message, 'LlamaCloud refused the request (402): the plan may be out of credits.');
    for (const status of [405, 409, 418, 499, 302]) {
      const e = errorForStatus(status, 'x', {});
      assert.strictEqual(e.kind, 'http', String(status));
      assert.strictEqual(e.message, `LlamaCloud answered with an unexpected status ${status}. Server said: “x”`);
    }
  });
});
