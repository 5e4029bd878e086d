// The lean node-fetch of esbuild.js: the extension's own options and plugins bundle src/api/client.ts
// (node-fetch and all) into a temp dir; the bundle then does real GETs against a local server. The unit
// tests of the client run against node_modules directly; this one proves the STUBBED bundle still fetches,
// and that what was stubbed out throws a clear error instead of silently misbehaving.
import * as assert from 'assert';
import type { BuildOptions, Metafile, Plugin } from 'esbuild';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import type { ClientConfig, LlamaCloudClient } from '../../src/api/client';

const ROOT = path.resolve(__dirname, '../../..');
const build = require(path.join(ROOT, 'esbuild.js')) as {
  extensionOptions(production: boolean): BuildOptions;
  plugins: Plugin[];
  stubs: { module: string; filter: RegExp }[];
};

/** node_modules files the production bundle may contain: node-fetch's request path, and the stubs. */
const ALLOWED_NODE_MODULES = [
  /^node-fetch\/src\/(index|body|request|response|headers)\.js$/,
  /^node-fetch\/src\/errors\/(base|fetch-error|abort-error)\.js$/,
  /^node-fetch\/src\/utils\/(is|is-redirect|get-search)\.js$/,
];
/** Replaced by stubs (output bytes stay tiny). */
const STUBBED = [
  'node-fetch/src/utils/multipart-parser.js',
  'formdata-polyfill/esm.min.js',
  'fetch-blob/from.js',
  'fetch-blob/file.js',
  'fetch-blob/index.js',
  'data-uri-to-buffer/dist/index.js',
  'node-fetch/src/utils/referrer.js',
];
/** What a partial stub keeps of the real file, loaded in esbuild.js's 'lean-node-fetch-real' namespace. */
const KEPT_REAL = 'real:node-fetch/src/utils/referrer.js';

/** node_modules files in the one output, by path under node_modules ("real:" for the kept parts), with their bytes in the output. */
function nodeModulesInOutput(metafile: Metafile): Map<string, number> {
  const outputs = Object.values(metafile.outputs).filter((o) => o.entryPoint);
  assert.strictEqual(outputs.length, 1);
  const out = new Map<string, number>();
  for (const [p, input] of Object.entries(outputs[0].inputs)) {
    const m = /(?:^|[\\/])node_modules[\\/](.*)$/.exec(p);
    if (m) { out.set((p.startsWith('lean-node-fetch-real:') ? 'real:' : '') + m[1].replace(/\\/g, '/'), input.bytesInOutput); }
  }
  return out;
}

describe('Production bundle: lean node-fetch (esbuild.js)', function () {
  this.timeout(30000);
  let dir: string;
  let server: http.Server;
  let baseUrl: string;
  const seen: { method?: string; url?: string; auth?: string; accept?: string; referer?: string }[] = [];
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llama-bundle-'));
    server = http.createServer((req, res) => {
      seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, accept: req.headers.accept, referer: req.headers.referer });
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/redirect') {
        res.writeHead(302, { Location: '/plain', 'Referrer-Policy': 'no-referrer' });
        return res.end();
      }
      if (req.url === '/plain') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        return res.end('plain');
      }
      if (req.headers.authorization !== 'Bearer good-key') {return send(401, { detail: 'Invalid API key' });}
      if (req.url?.startsWith('/api/v1/classifier/jobs/job-1')) {
        return send(200, { id: 'job-1', project_id: 'p-1', status: 'SUCCESS', rules: [{ type: 'invoice', description: 'Bills' }], created_at: '2025-01-01T00:00:00Z', updated_at: null });
      }
      return send(404, { detail: 'Not found' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('uses the web-streams alias and the stub plugin in the extension build', () => {
    const opts = build.extensionOptions(true);
    assert.strictEqual(opts.plugins, build.plugins);
    assert.deepStrictEqual(
      build.plugins.map((p) => p.name),
      ['node-web-streams', 'lean-node-fetch'],
    );
    assert.strictEqual(opts.minify, true);
    assert.strictEqual(opts.sourcemap, false);
    assert.deepStrictEqual(opts.entryPoints, ['src/extension.ts']);
  });

  describe('src/api/client.ts bundled with the extension options', () => {
    let client: typeof LlamaCloudClient;
    let metafile: Metafile;

    before(async () => {
      const outfile = path.join(dir, 'client.js');
      const result = await esbuild.build({ ...build.extensionOptions(true), entryPoints: ['src/api/client.ts'], outfile, logLevel: 'silent' });
      metafile = result.metafile!;
      client = (require(outfile) as { LlamaCloudClient: typeof LlamaCloudClient }).LlamaCloudClient;
    });

    const config = (apiKey: string): ClientConfig => ({
      baseUrl,
      apiKey,
      timeoutMs: 5000,
      retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
      userAgent: 'bundle-test',
    });

    it('ships only node-fetch’s request path; the stubbed modules are stubs', () => {
      const inOutput = nodeModulesInOutput(metafile);
      for (const [file, bytes] of inOutput) {
        if (STUBBED.includes(file)) {assert.ok(bytes < 300, `${file} is the stub (${bytes} bytes)`);}
        else if (file === KEPT_REAL) {assert.ok(bytes < 600, `only the kept part of ${file} (${bytes} bytes)`);}
        else {assert.ok(ALLOWED_NODE_MODULES.some((re) => re.test(file)), `unexpected module in the bundle: ${file} (${bytes} bytes)`);}
      }
      assert.ok(inOutput.has('node-fetch/src/index.js'), 'node-fetch is bundled, not external');
      assert.ok(inOutput.has(KEPT_REAL));
      for (const gone of ['fetch-blob/streams.cjs', 'node-domexception/index.js']) { assert.ok(!inOutput.has(gone), gone); }
      const code = fs.readFileSync(path.join(dir, 'client.js'), 'utf8');
      assert.ok(!/web-streams-polyfill/.test(code));
      assert.ok(!/MultipartParser|formdata-polyfill|potentially|node:net/i.test(code), 'no multipart parser, FormData polyfill or referrer computation');
    });

    it('GETs JSON through the bundled node-fetch', async () => {
      const c = new client(() => config('good-key'));
      const job = await c.getJob('job-1');
      assert.strictEqual(job.id, 'job-1');
      assert.strictEqual(job.status, 'SUCCESS');
      assert.deepStrictEqual(job.rules, [{ type: 'invoice', description: 'Bills' }]);
      const last = seen[seen.length - 1];
      assert.strictEqual(last.method, 'GET');
      assert.strictEqual(last.url, '/api/v1/classifier/jobs/job-1');
      assert.strictEqual(last.auth, 'Bearer good-key');
      assert.strictEqual(last.accept, 'application/json');
    });

    it('reads a 401’s JSON detail into an auth error', async () => {
      const c = new client(() => config('bad-key'));
      await assert.rejects(c.getJob('job-1'), (err: Error & { kind?: string; status?: number; detail?: string }) => {
        assert.strictEqual(err.name, 'LlamaCloudError');
        assert.strictEqual(err.kind, 'auth');
        assert.strictEqual(err.status, 401);
        assert.strictEqual(err.detail, 'Invalid API key');
        assert.match(err.message, /Invalid API key/);
        return true;
      });
    });
  });

  describe('what the stubs replace throws a clear error', () => {
    type NodeFetch = typeof import('node-fetch');
    let nf: NodeFetch;
    before(async () => {
      const outfile = path.join(dir, 'node-fetch.js');
      await esbuild.build({
        ...build.extensionOptions(true),
        entryPoints: undefined,
        stdin: { contents: "export * from 'node-fetch'; export { default } from 'node-fetch';", resolveDir: ROOT, loader: 'js' },
        outfile,
        logLevel: 'silent',
      });
      nf = require(outfile) as NodeFetch;
    });
    const clear = /is not in this build of the extension: esbuild\.js stubs it out of node-fetch/;

    it('FormData, File, Blob and the from-disk helpers', () => {
      assert.throws(() => new nf.FormData(), clear);
      assert.throws(() => new nf.File([], 'a.txt'), clear);
      assert.throws(() => new nf.Blob([]), clear);
      assert.throws(() => nf.fileFromSync('/etc/hosts'), clear);
      assert.throws(() => nf.blobFromSync('/etc/hosts'), clear);
      assert.throws(() => nf.fileFrom('/etc/hosts'), clear);
      assert.throws(() => nf.blobFrom('/etc/hosts'), clear);
    });

    it('Response.formData() and .blob(); a FormData request body; a data: URL', async () => {
      const multipart = new nf.Response('x', { headers: { 'Content-Type': 'multipart/form-data; boundary=b' } });
      await assert.rejects(multipart.formData(), clear);
      const urlencoded = new nf.Response('a=1', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      await assert.rejects(urlencoded.formData(), clear);
      await assert.rejects(new nf.Response('x').blob(), clear);
      assert.throws(() => new nf.Request('http://127.0.0.1/', { method: 'POST', body: new globalThis.FormData() as never }), /A FormData request body is not in this build/);
      await assert.rejects(nf.default('data:text/plain,hi'), /A data: URL is not in this build/);
    });

    it('a request with a referrer rejects with a clear error (no Referer is computed)', async () => {
      const before = seen.length;
      await assert.rejects(nf.default(`${baseUrl}/plain`, { referrer: 'http://example.com/page' }), /Sending a Referer header \(a request with a referrer\) is not in this build/);
      assert.strictEqual(seen.length, before, 'nothing was sent');
    });

    it('the kept parts still work: GET, redirect: error, and following a redirect with a Referrer-Policy', async () => {
      const plain = await nf.default(`${baseUrl}/plain`);
      assert.strictEqual(plain.status, 200);
      assert.strictEqual(await plain.text(), 'plain');
      assert.strictEqual(seen[seen.length - 1].referer, undefined);
      await assert.rejects(nf.default(`${baseUrl}/redirect`, { redirect: 'error' }), /redirect mode is set to error/);
      const followed = await nf.default(`${baseUrl}/redirect`);
      assert.ok(followed.redirected);
      assert.strictEqual(await followed.text(), 'plain');
      assert.throws(() => new nf.Request(baseUrl, { referrerPolicy: 'bogus' as never }), /Invalid referrerPolicy: bogus/);
    });

    it('everything the extension does still works: text(), json(), string and buffer bodies, headers', async () => {
      assert.strictEqual(await new nf.Response('hello').text(), 'hello');
      assert.deepStrictEqual(await new nf.Response('{"a":1}').json(), { a: 1 });
      assert.strictEqual(await new nf.Request('http://127.0.0.1/', { method: 'POST', body: 'x=1' }).text(), 'x=1');
      assert.strictEqual(await new nf.Response(Buffer.from('buf')).text(), 'buf');
      assert.strictEqual(new nf.Response('x', { headers: { 'X-A': '1' } }).headers.get('x-a'), '1');
    });
  });
});
