// Bundles the extension (node), the Sandbox CLI (node) and the webview page code (browser).
// Flags: --production (minify, no sourcemaps), --watch.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  metafile: true,
  legalComments: 'none',
};

// Lazily loaded chunks: code activation does not need is split out of dist/extension.js into its own bundle next to it
// in dist/, and the plugin below keeps the literal `require(request)` made from `from` external, so activation loads
// none of it; the first use does.
//  - sdk: the AWS SDK (src/aws/sdkLoader.ts requires './sdk' when the first client, profile credentials or the profile
//    list need it).
//  - services: the service layer, AwsSession with its clients and the five services (src/aws/sessionRegistry.ts
//    requires './services' when the first session is created). It requires './sdk' in turn.
// Every chunk is flat in dist/, so `./<name>.js` resolves from any of them. .vscodeignore ships dist/*.js and
// scripts/check-vsix.js checks that every chunk a bundle requires is in the .vsix.
const lazyChunks = [
  { name: 'sdk', request: './sdk', from: 'src/aws', entry: 'src/aws/sdk/index.ts' },
  { name: 'services', request: './services', from: 'src/aws', entry: 'src/aws/services.ts' },
  //  - pipelinePanel: the pipeline panels (src/extension.ts requires it when the first panel opens or is restored).
  //  - following: build logs, the branch status bar, notifications, where is my commit (src/extension.ts requires it
  //    shortly after activation, or at once when one of its commands runs).
  { name: 'pipelinePanel', request: './pipelinePanel/pipelinePanels', from: 'src', entry: 'src/pipelinePanel/pipelinePanels.ts', vscode: true },
  { name: 'following', request: './statusBar/registerFollowing', from: 'src', entry: 'src/statusBar/registerFollowing.ts', vscode: true },
];

/** @type {import('esbuild').Plugin} */
const externalChunksPlugin = {
  name: 'external-chunks',
  setup(build) {
    for (const c of lazyChunks) {
      const filter = new RegExp(`^${c.request.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
      build.onResolve({ filter }, (args) => (path.resolve(args.resolveDir) === path.resolve(c.from) ? { path: `./${c.name}.js`, external: true } : undefined));
    }
  },
};
// `import * as vscode from 'vscode'` compiles to `__toESM(require('vscode'))` in every module that has it: each
// call copies the whole API object into a new namespace (two dozen copies at load time, a measurable part of
// activation). Every import of 'vscode' is routed through one in-bundle module that re-exports it, copied once.
/** @type {import('esbuild').Plugin} */
const oneVscodeNamespacePlugin = {
  name: 'one-vscode-namespace',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-namespace' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-namespace' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-namespace' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

// The former name (the SDK was the only chunk): scripts/bench and the unit test use it.
const externalSdkPlugin = externalChunksPlugin;

/** A bundle the extension host loads (the main one and the lazy chunks that use `vscode`). */
const extensionHostBuild = (entryPoints) => ({
  ...common,
  entryPoints,
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  plugins: [externalChunksPlugin, oneVscodeNamespacePlugin],
});

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  // package.json `main`: loads dist/extension.js with V8's code cache (src/bootstrap.ts).
  extensionHostBuild({ bootstrap: 'src/bootstrap.ts' }),
  extensionHostBuild({ extension: 'src/extension.ts' }),
  ...lazyChunks.filter((c) => c.vscode).map((c) => extensionHostBuild({ [c.name]: c.entry })),
  {
    ...common,
    entryPoints: { services: 'src/aws/services.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [externalChunksPlugin],
  },
  {
    ...common,
    entryPoints: { sdk: 'src/aws/sdk/index.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The ESM builds of the SDK packages let esbuild drop the commands the service layer does not use.
    mainFields: ['module', 'main'],
  },
  {
    ...common,
    entryPoints: { sandbox: 'src/sandbox/cli.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: fs.existsSync('src/webview/pipelinePage.ts') ? { pipelinePage: 'src/webview/pipelinePage.ts' } : {},
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
].filter((b) => Object.keys(b.entryPoints).length > 0 && Object.values(b.entryPoints).every((f) => fs.existsSync(f)));

function reportSizes(result) {
  for (const [file, info] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    console.log(`  ${path.relative(process.cwd(), file).padEnd(36)} ${(info.bytes / 1024).toFixed(1).padStart(8)} KB`);
  }
}

const sizePlugin = {
  name: 'report-sizes',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length === 0 && result.metafile) reportSizes(result);
    });
  },
};

// The webview's icon font: codicon.css + codicon.ttf next to the page script, inside localResourceRoots (dist/webview).
function copyCodicons() {
  if (!fs.existsSync('src/webview/pipelinePage.ts')) return;
  const from = path.join(path.dirname(require.resolve('@vscode/codicons/package.json')), 'dist');
  fs.mkdirSync('dist/webview', { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(from, f), path.join('dist/webview', f));
}

async function main() {
  copyCodicons();
  const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...b, plugins: [...(b.plugins ?? []), sizePlugin] })));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('[watch] build started');
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

// The unit test of the split bundles with the same options (test/unit/aws/bundle.test.ts); scripts/check-vsix.js
// reads lazyChunks.
module.exports = { builds, lazyChunks, externalChunksPlugin, externalSdkPlugin };
