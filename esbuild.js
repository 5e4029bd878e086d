// Bundles the extension into one CommonJS file. esbuild does not type-check: `npm run check-types` does.
const esbuild = require('esbuild');
const fs = require('fs');

const production = process.argv.includes('--production');

// fetch-blob (a node-fetch dependency) falls back to a 60 KB streams polyfill only when the runtime has
// no WHATWG streams. Every VS Code extension host does (Node >= 18), so point it at Node's own module.
const nodeWebStreams = {
  name: 'node-web-streams',
  setup(build) {
    build.onResolve({ filter: /^web-streams-polyfill(\/.*)?$/ }, () => ({ path: 'node:stream/web', external: true }));
  },
};
const watch = process.argv.includes('--watch');

async function main() {
  const ctx = await esbuild.context({
    entryPoints: ['src/extension.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    outfile: 'dist/extension.js',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    legalComments: production ? 'none' : 'inline',
    logLevel: 'warning',
    metafile: true,
    plugins: [nodeWebStreams],
  });
  if (watch) {
    await ctx.watch();
    console.log('[esbuild] watching…');
    return;
  }
  const result = await ctx.rebuild();
  await ctx.dispose();
  const bytes = fs.statSync('dist/extension.js').size;
  console.log(`[esbuild] dist/extension.js ${(bytes / 1024).toFixed(1)} KB (${production ? 'production, minified' : 'development'})`);
  if (process.argv.includes('--analyze')) {
    console.log(await esbuild.analyzeMetafile(result.metafile));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
