// The bundles the figures measure, built into a scratch folder (never into the checkout's dist/, which others use):
//  - `ext/`: the extension as it ships: esbuild.js's own build list with the production options (minified, no
//    sourcemaps), plus package.json and media/;
//  - `baseline/`: the same extension built the naive way: one bundle that imports the five SDK clients and creates
//    them in activate() before calling the real activate();
//  - `shim/`: the plain-Node `vscode` stand-in (scripts/bench/lib/vscodeShim.ts) as JavaScript;
//  - `host/activationEntry.js`: the extensionTestsPath run inside the real extension host.
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../../..');

export interface BuiltOutput {
  file: string;
  bytes: number;
  /** Input paths from node_modules/@aws-sdk or node_modules/@smithy that the bundle contains. */
  sdkInputs: number;
  sdkBytes: number;
}

export interface BenchBuild {
  dir: string;
  extDir: string;
  baselineDir: string;
  shim: string;
  hostEntry: string;
  sandboxCli: string;
  outputs: BuiltOutput[];
  baselineOutput: BuiltOutput;
  seconds: number;
}

interface EsbuildJs {
  builds: esbuild.BuildOptions[];
  externalSdkPlugin: esbuild.Plugin;
}

const SDK_INPUT = /node_modules[\\/](@aws-sdk|@smithy|@aws-crypto)[\\/]/;

function outputsOf(meta: esbuild.Metafile, relativeTo: string): BuiltOutput[] {
  return Object.entries(meta.outputs)
    .filter(([f]) => !f.endsWith('.map') && !f.endsWith('.css'))
    .map(([f, info]) => {
      const sdk = Object.entries(info.inputs).filter(([i]) => SDK_INPUT.test(i));
      return {
        file: path.relative(relativeTo, path.resolve(ROOT, f)).split(path.sep).join('/'),
        bytes: info.bytes,
        sdkInputs: sdk.length,
        sdkBytes: sdk.reduce((n, [, v]) => n + v.bytesInOutput, 0),
      };
    });
}

/** Builds everything the figures need into `dir` (created fresh). */
export async function buildForBench(dir: string): Promise<BenchBuild> {
  const t0 = Date.now();
  fs.rmSync(dir, { recursive: true, force: true });
  const extDir = path.join(dir, 'ext');
  const baselineDir = path.join(dir, 'baseline');
  fs.mkdirSync(extDir, { recursive: true });

  // 1. The production build, with esbuild.js's own build list (the options `node esbuild.js --production` uses).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { builds, externalSdkPlugin } = require(path.join(ROOT, 'esbuild.js')) as EsbuildJs;
  const outputs: BuiltOutput[] = [];
  const cwd = process.cwd();
  process.chdir(ROOT); // esbuild.js's entry points and its SDK plugin are relative to the repository root
  try {
    for (const b of builds) {
      const result = await esbuild.build({ ...b, outdir: path.join(extDir, 'dist', path.relative('dist', b.outdir ?? 'dist')), minify: true, sourcemap: false, metafile: true, logLevel: 'error' });
      outputs.push(...outputsOf(result.metafile, extDir));
    }

    // 2. The baseline: the five SDK clients bundled in and created at activation, then the real activate().
    fs.mkdirSync(path.join(baselineDir, 'dist'), { recursive: true });
    const entry = `
      import { CodeCommitClient } from '@aws-sdk/client-codecommit';
      import { CodeBuildClient } from '@aws-sdk/client-codebuild';
      import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
      import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
      import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
      import * as real from './src/extension';
      export function activate(context: { subscriptions: { dispose(): unknown }[] }) {
        const config = { region: 'us-east-1', credentials: { accessKeyId: 'BASELINE', secretAccessKey: 'baseline' } };
        const clients = [new CodeCommitClient(config), new CodeBuildClient(config), new CodeDeployClient(config), new CodePipelineClient(config), new CloudWatchLogsClient(config)];
        context.subscriptions.push({ dispose: () => clients.forEach((c) => c.destroy()) });
        return real.activate(context as never);
      }
      export function deactivate() {
        return real.deactivate();
      }
    `;
    const mainBuild = builds.find((b) => JSON.stringify(b.entryPoints).includes('src/extension.ts'));
    if (!mainBuild) throw new Error('esbuild.js has no build of src/extension.ts');
    const baseline = await esbuild.build({
      ...mainBuild,
      entryPoints: undefined,
      stdin: { contents: entry, resolveDir: ROOT, sourcefile: 'baseline-extension.ts', loader: 'ts' },
      outdir: undefined,
      outfile: path.join(baselineDir, 'dist', 'extension.js'),
      plugins: [externalSdkPlugin],
      minify: true,
      sourcemap: false,
      metafile: true,
      logLevel: 'error',
    });
    const baselineOutput = outputsOf(baseline.metafile, baselineDir)[0];

    // Both extension folders: the manifest and media; the baseline also gets the real lazy chunks and webview (same files).
    for (const d of [extDir, baselineDir]) {
      fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(d, 'package.json'));
      fs.cpSync(path.join(ROOT, 'media'), path.join(d, 'media'), { recursive: true });
    }
    // The baseline's main is its one bundle (no code cache loader: the naive build).
    const baselinePkgFile = path.join(baselineDir, 'package.json');
    fs.writeFileSync(baselinePkgFile, JSON.stringify({ ...JSON.parse(fs.readFileSync(baselinePkgFile, 'utf8')), main: './dist/extension.js' }, null, 2));
    for (const f of ['sdk.js', 'services.js', 'pipelinePanel.js', 'following.js', 'webview']) {
      const from = path.join(extDir, 'dist', f);
      if (fs.existsSync(from)) fs.cpSync(from, path.join(baselineDir, 'dist', f), { recursive: true });
    }

    // 3. The plain-Node vscode stand-in, where `require('vscode')` from either extension folder finds it.
    const shim = path.join(dir, 'shim', 'vscode.js');
    await esbuild.build({ entryPoints: [path.join(__dirname, 'vscodeShim.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: shim, logLevel: 'error' });
    for (const d of [extDir, baselineDir]) {
      const mod = path.join(d, 'node_modules', 'vscode');
      fs.mkdirSync(mod, { recursive: true });
      fs.writeFileSync(path.join(mod, 'index.js'), `module.exports = require(${JSON.stringify(shim)});\n`);
    }

    // 4. The in-host entry (the real `vscode` is external there).
    const hostEntry = path.join(dir, 'host', 'activationEntry.js');
    await esbuild.build({
      entryPoints: [path.join(__dirname, '..', 'host', 'activationEntry.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      outfile: hostEntry,
      logLevel: 'error',
    });

    return {
      dir,
      extDir,
      baselineDir,
      shim,
      hostEntry,
      sandboxCli: path.join(extDir, 'dist', 'sandbox.js'),
      outputs,
      baselineOutput,
      seconds: (Date.now() - t0) / 1000,
    };
  } finally {
    process.chdir(cwd);
  }
}

/** Wraps an extension folder's main so the host (or Node) reports code loading and the activate() call apart. */
export function timingMain(extDir: string): void {
  const pkgFile = path.join(extDir, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { main: string };
  const real = `./${path.posix.relative('dist', pkg.main.replace(/^\.\//, ''))}`;
  fs.writeFileSync(
    path.join(extDir, 'dist', 'benchMain.js'),
    `'use strict';
// Written by scripts/bench: times the require of the real bundle and its activate() call, unchanged otherwise.
const { performance } = require('perf_hooks');
const t0 = performance.now();
const real = require(${JSON.stringify(real)});
const loadMs = performance.now() - t0;
exports.activate = function (context) {
  const t1 = performance.now();
  const result = real.activate(context);
  const settle = (value) => {
    globalThis.__awsDevToolsBench = { loadMs, activateCallMs: performance.now() - t1 };
    return value;
  };
  return result && typeof result.then === 'function' ? result.then(settle) : settle(result);
};
exports.deactivate = function () {
  return real.deactivate && real.deactivate();
};
`,
  );
  pkg.main = './dist/benchMain.js';
  fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
}
