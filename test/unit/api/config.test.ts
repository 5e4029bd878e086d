import * as assert from 'assert';
import { isInsecureBaseUrl, resolveBaseUrl } from '../../../src/api/config';
import { REGION_BASE_URLS } from '../../../src/api/types';

describe('base URL', () => {
  it('maps regions and lets an explicit URL or LLAMA_CLOUD_BASE_URL override them', () => {
    assert.deepStrictEqual(resolveBaseUrl({ region: 'na' }), { ok: true, baseUrl: 'https://api.cloud.llamaindex.ai', source: 'region' });
    assert.deepStrictEqual(resolveBaseUrl({ region: 'eu' }), { ok: true, baseUrl: 'https://api.cloud.eu.llamaindex.ai', source: 'region' });
    assert.deepStrictEqual(resolveBaseUrl({ region: 'eu', envBaseUrl: 'https://byoc.example.com/' }), {
      ok: true,
      baseUrl: 'https://byoc.example.com',
      source: 'environment',
    });
    assert.deepStrictEqual(resolveBaseUrl({ baseUrl: 'http://127.0.0.1:8080', envBaseUrl: 'https://x' }), {
      ok: true,
      baseUrl: 'http://127.0.0.1:8080',
      source: 'setting',
    });
  });
  it('an unknown or missing region is NA', () => {
    assert.deepStrictEqual(resolveBaseUrl({}), { ok: true, baseUrl: REGION_BASE_URLS.na, source: 'region' });
    assert.deepStrictEqual(resolveBaseUrl({ region: 'EU' }), { ok: true, baseUrl: REGION_BASE_URLS.na, source: 'region' });
  });
  it('blank settings are ignored; URLs are trimmed and keep their path without trailing slashes, query or hash', () => {
    assert.deepStrictEqual(resolveBaseUrl({ region: 'eu', baseUrl: '   ', envBaseUrl: ' ' }), { ok: true, baseUrl: REGION_BASE_URLS.eu, source: 'region' });
    assert.deepStrictEqual(resolveBaseUrl({ baseUrl: '  https://h.example/llama//?x=1#y  ' }), { ok: true, baseUrl: 'https://h.example/llama', source: 'setting' });
    assert.deepStrictEqual(resolveBaseUrl({ baseUrl: '', envBaseUrl: ' https://env.example ' }), { ok: true, baseUrl: 'https://env.example', source: 'environment' });
  });
  it('rejects a bare host with a message showing a full URL', () => {
    assert.deepStrictEqual(resolveBaseUrl({ baseUrl: 'api.cloud.eu.llamaindex.ai' }), {
      ok: false,
      message: 'The base URL “api.cloud.eu.llamaindex.ai” is not a URL. Use a full URL with its scheme, e.g. https://api.cloud.eu.llamaindex.ai.',
    });
  });
  it('rejects schemes other than http and https', () => {
    assert.deepStrictEqual(resolveBaseUrl({ envBaseUrl: 'ftp://files.example' }), { ok: false, message: 'The base URL must start with https:// (got “ftp:”).' });
  });
  it('calls plain http insecure unless it is loopback', () => {
    assert.strictEqual(isInsecureBaseUrl('https://api.cloud.llamaindex.ai'), false);
    assert.strictEqual(isInsecureBaseUrl('http://127.0.0.1:3000'), false);
    assert.strictEqual(isInsecureBaseUrl('http://127.5.6.7'), false);
    assert.strictEqual(isInsecureBaseUrl('http://localhost:3000'), false);
    assert.strictEqual(isInsecureBaseUrl('http://[::1]:3000'), false);
    assert.strictEqual(isInsecureBaseUrl('http://llama.internal.example.com'), true);
    assert.strictEqual(isInsecureBaseUrl('http://10.127.0.1'), true);
    assert.strictEqual(isInsecureBaseUrl('http://localhost.example.com'), true);
    assert.strictEqual(isInsecureBaseUrl('http://[::2]'), true);
  });
});
