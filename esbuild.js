// Bundles the extension into one CommonJS file (dist/extension.js) and each webview page script (result,
// summary, compare) into its own browser IIFE (dist/webview/<name>.js). esbuild does not type-check: `npm run check-types` does.
//
// `node esbuild.js [--production] [--watch] [--analyze]` builds; `require('./esbuild.js')` only returns
// the options and plugins (the unit tests bundle with exactly these).
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

// fetch-blob (a node-fetch dependency) falls back to a 60 KB streams polyfill only when the runtime has
// no WHATWG streams. Every VS Code extension host does (Node >= 18), so point it at Node's own module.
const nodeWebStreams = {
  name: 'node-web-streams',
  setup(build) {
    build.onResolve({ filter: /^web-streams-polyfill(\/.*)?$/ }, () => ({ path: 'node:stream/web', external: true }));
  },
};

// node-fetch 3 carries code the extension never runs: it only sends GET requests without a body and
// reads `response.text()`. These modules are replaced by stubs with the same exports that THROW a clear
// error when used, so nothing silently misbehaves if a later change starts to need them (then remove
// the stub). Importing a stub does nothing; only calling into it throws. If node-fetch imports a name a
// stub lacks, the build fails ("No matching export"); test/unit/bundle.test.ts bundles the client with
// these plugins, fetches through it, and fails on any node_modules file it does not expect.
const HELPER = 'lean-node-fetch:unsupported';
const UNSUPPORTED = `import { unsupported } from '${HELPER}';`;
const HELPER_SOURCE = `export function unsupported(what) {
  throw new Error(what + ' is not in this build of the extension: esbuild.js stubs it out of node-fetch (the extension only sends GET requests and reads response.text()).');
}`;
const stubs = [
  {
    // Parses multipart/form-data for Response.formData(); imported lazily by node-fetch's Body.
    module: 'node-fetch/src/utils/multipart-parser.js',
    filter: /[\\/]node_modules[\\/]node-fetch[\\/]src[\\/]utils[\\/]multipart-parser\.js$/,
    contents: `${UNSUPPORTED}
export async function toFormData() { unsupported('Response.formData() (multipart parser)'); }`,
  },
  {
    // FormData for FormData request bodies and Response.formData(). node-fetch's Body asks
    // `body instanceof FormData` of bodies that are not null, strings, buffers, blobs or streams: the
    // stub answers false, except for a real FormData, which it refuses instead of sending "[object FormData]".
    module: 'formdata-polyfill/esm.min.js',
    filter: /[\\/]node_modules[\\/]formdata-polyfill[\\/]esm\.min\.js$/,
    contents: `${UNSUPPORTED}
export class FormData {
  constructor() { unsupported('FormData'); }
  static [Symbol.hasInstance](value) {
    if (value !== null && typeof value === 'object' && value[Symbol.toStringTag] === 'FormData') unsupported('A FormData request body');
    return false;
  }
}
export class File { constructor() { unsupported('File'); } }
export function formDataToBlob() { unsupported('formDataToBlob()'); }`,
  },
  {
    // Blob and File from disk paths: re-exported by node-fetch (blobFrom, fileFrom, …), never used.
    module: 'fetch-blob/from.js',
    filter: /[\\/]node_modules[\\/]fetch-blob[\\/]from\.js$/,
    contents: `${UNSUPPORTED}
export class Blob { constructor() { unsupported('Blob'); } }
export class File { constructor() { unsupported('File'); } }
export function blobFrom() { unsupported('blobFrom()'); }
export function blobFromSync() { unsupported('blobFromSync()'); }
export function fileFrom() { unsupported('fileFrom()'); }
export function fileFromSync() { unsupported('fileFromSync()'); }
export default blobFromSync;`,
  },
  {
    // File, imported only by the FormData polyfill (stubbed above): not reached today, stubbed in case.
    module: 'fetch-blob/file.js',
    filter: /[\\/]node_modules[\\/]fetch-blob[\\/]file\.js$/,
    contents: `${UNSUPPORTED}
export class File { constructor() { unsupported('File'); } }
export default File;`,
  },
  {
    // Blob (and, through it, fetch-blob/streams.cjs), used only by Response.blob(). Blob request bodies
    // are still recognised by node-fetch's duck-typed isBlob(), which does not need this class.
    module: 'fetch-blob/index.js',
    filter: /[\\/]node_modules[\\/]fetch-blob[\\/]index\.js$/,
    contents: `${UNSUPPORTED}
export class Blob { constructor() { unsupported('Blob / Response.blob()'); } }
export default Blob;`,
  },
  {
    // data: URLs. The base URL is checked to be http(s) (src/api/config.ts) and redirects are errors,
    // so fetch never sees one; if it did, the fetch promise rejects with this error.
    module: 'data-uri-to-buffer',
    filter: /[\\/]node_modules[\\/]data-uri-to-buffer[\\/]dist[\\/]index\.js$/,
    contents: `${UNSUPPORTED}
export function dataUriToBuffer() { unsupported('A data: URL'); }
export default dataUriToBuffer;`,
  },
  {
    // Referrer handling. Kept (re-exported from the real file): the policy values and their validation,
    // which every request runs, and the Referrer-Policy header parsing done when following a redirect.
    // Stubbed: determineRequestsReferrer and the URL-trust helpers only it uses. node-fetch calls it only
    // for a request that sets a `referrer`, which the extension never does; if one did, the fetch
    // promise rejects with this error (it is called inside fetch's promise executor).
    module: 'node-fetch/src/utils/referrer.js',
    filter: /[\\/]node_modules[\\/]node-fetch[\\/]src[\\/]utils[\\/]referrer\.js$/,
    keep: ['ReferrerPolicy', 'DEFAULT_REFERRER_POLICY', 'validateReferrerPolicy', 'parseReferrerPolicyFromHeader'],
    contents: `${UNSUPPORTED}
export function determineRequestsReferrer() { unsupported('Sending a Referer header (a request with a referrer)'); }
export function stripURLForUseAsAReferrer() { unsupported('stripURLForUseAsAReferrer()'); }
export function isOriginPotentiallyTrustworthy() { unsupported('isOriginPotentiallyTrustworthy()'); }
export function isUrlPotentiallyTrustworthy() { unsupported('isUrlPotentiallyTrustworthy()'); }`,
  },
];

const REAL = 'lean-node-fetch:real:';
const leanNodeFetch = {
  name: 'lean-node-fetch',
  setup(build) {
    for (const stub of stubs) {
      build.onLoad({ filter: stub.filter, namespace: 'file' }, (args) => {
        // A partial stub re-exports what it keeps from the real file (loaded below, outside the 'file'
        // namespace so this stub does not replace it again); esbuild drops the real file's other exports.
        const keep = stub.keep ? `export { ${stub.keep.join(', ')} } from ${JSON.stringify(REAL + args.path)};\n` : '';
        return { contents: keep + stub.contents, loader: 'js' };
      });
    }
    build.onResolve({ filter: /^lean-node-fetch:real:/ }, (args) => ({ path: args.path.slice(REAL.length), namespace: 'lean-node-fetch-real' }));
    build.onLoad({ filter: /.*/, namespace: 'lean-node-fetch-real' }, async (args) => ({
      contents: await fs.promises.readFile(args.path, 'utf8'),
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
    // One shared copy of the throwing helper for all stubs.
    build.onResolve({ filter: /^lean-node-fetch:unsupported$/ }, (args) => ({ path: args.path, namespace: 'lean-node-fetch' }));
    build.onLoad({ filter: /.*/, namespace: 'lean-node-fetch' }, () => ({ contents: HELPER_SOURCE, loader: 'js' }));
  },
};

const plugins = [nodeWebStreams, leanNodeFetch];

/** The extension host bundle. `absWorkingDir` makes the paths work from any cwd (the tests). */
function extensionOptions(production) {
  return {
    ...common(production),
    entryPoints: ['src/extension.ts'],
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins,
  };
}

/** The result panel's page script (src/webview/page), loaded by the webview with the page's CSP nonce. */
function pageOptions(production) {
  return pageOptionsFor('result', production);
}

/** The page scripts: one browser IIFE per webview (result, summary, compare), none in extension.js. */
const PAGES = ['result', 'summary', 'compare'];
function pageOptionsFor(name, production) {
  return {
    ...common(production),
    entryPoints: [`src/webview/page/${name}.ts`],
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    outfile: `dist/webview/${name}.js`,
  };
}

/** What both outputs share: one bundle, minified without a source map in production. */
function common(production) {
  return {
    absWorkingDir: __dirname,
    bundle: true,
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    legalComments: production ? 'none' : 'inline',
    logLevel: 'warning',
    metafile: true,
  };
}

async function main() {
  const production = process.argv.includes('--production');
  const watch = process.argv.includes('--watch');
  const builds = [extensionOptions(production), ...PAGES.map((name) => pageOptionsFor(name, production))];
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    console.log('[esbuild] watching…');
    return;
  }
  const results = [];
  try {
    for (const ctx of contexts) results.push(await ctx.rebuild());
  } finally {
    await Promise.all(contexts.map((ctx) => ctx.dispose()));
  }
  const mode = production ? 'production, minified' : 'development';
  for (const options of builds) {
    const bytes = fs.statSync(path.join(__dirname, options.outfile)).size;
    console.log(`[esbuild] ${options.outfile} ${(bytes / 1024).toFixed(1)} KB, ${bytes} bytes (${mode})`);
  }
  if (process.argv.includes('--analyze')) {
    for (const result of results) console.log(await esbuild.analyzeMetafile(result.metafile));
  }
}

module.exports = { extensionOptions, pageOptions, pageOptionsFor, PAGES, plugins, stubs, nodeWebStreams, leanNodeFetch };

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
