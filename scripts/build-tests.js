// Compiles the in-host test tier (test/integration/*.ts, without runTests.ts) to out/test/integration/*.js:
// one CommonJS bundle per file, `vscode` external, mocha bundled into index.js. Fast (esbuild), no type check
// (npm run typecheck does that).
'use strict';
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const srcDir = path.join(root, 'test', 'integration');
const outDir = path.join(root, 'out', 'test', 'integration');

async function main() {
  const entries = fs.readdirSync(srcDir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts'));
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries.map((f) => path.join(srcDir, f)),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'warning',
    // Mocha's parallel mode (unused here) resolves worker files at run time; the warning is noise.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  console.log(`built ${entries.length} integration files into ${path.relative(root, outDir)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
