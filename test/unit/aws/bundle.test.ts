import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// The SDK split: the extension bundle (and the service layer inside it) must carry no @aws-sdk code, and loading it
// must load none; the first client loads dist/sdk.js. Built with esbuild.js's own options into a temporary folder.
/* eslint-disable @typescript-eslint/no-require-imports */
const esbuild = require('esbuild') as typeof import('esbuild');
const config = require('../../../esbuild.js') as { builds: import('esbuild').BuildOptions[]; externalSdkPlugin: import('esbuild').Plugin };
/* eslint-enable @typescript-eslint/no-require-imports */

describe('aws: SDK split out of the extension bundle', function () {
  this.timeout(60_000);
  let dir: string;
  let sizes: Record<string, number>;
  let inputs: string[];
  let mainBytes: number;
  let mainInputs: string[];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awsdt-bundle-'));
    const extension = config.builds.find((b) => JSON.stringify(b.entryPoints).includes('src/extension.ts'))!;
    const sdk = config.builds.find((b) => JSON.stringify(b.entryPoints).includes('src/aws/sdk/index.ts'))!;
    const main = await esbuild.build({
      ...extension,
      // The service layer as the composition root will bundle it, next to the extension entry.
      entryPoints: { extension: 'src/extension.ts', serviceLayer: 'src/aws/index.ts' },
      outdir: dir,
      minify: true,
      sourcemap: false,
      logLevel: 'silent',
      metafile: true,
      plugins: [config.externalSdkPlugin],
    });
    await esbuild.build({ ...sdk, outdir: dir, minify: true, sourcemap: false, logLevel: 'silent' });
    const services = config.builds.find((b) => JSON.stringify(b.entryPoints).includes('src/aws/services.ts'))!;
    await esbuild.build({ ...services, outdir: dir, minify: true, sourcemap: false, logLevel: 'silent' });
    const mainOutput = main.metafile.outputs[Object.keys(main.metafile.outputs).find((o) => o.endsWith('extension.js'))!];
    mainBytes = mainOutput.bytes;
    mainInputs = Object.keys(mainOutput.inputs);
    inputs = Object.keys(main.metafile.inputs);
    sizes = Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.statSync(path.join(dir, f)).size]));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('bundles no @aws-sdk module into the extension or the service layer', () => {
    assert.deepStrictEqual(
      inputs.filter((i) => i.includes('node_modules/@aws-sdk/')),
      [],
    );
    // Nor any @smithy module: the shared config file loader (profiles.ts) comes from the lazily loaded sdk.js too.
    assert.deepStrictEqual(
      inputs.filter((i) => i.includes('node_modules/@smithy/')),
      [],
    );
    assert.ok(inputs.some((i) => i.includes('src/aws/clients.ts')), 'the service layer is in the bundle');
    for (const f of ['extension.js', 'serviceLayer.js']) assert.ok(!/@aws-sdk\/|@smithy\//.test(fs.readFileSync(path.join(dir, f), 'utf8')), f);
    assert.ok(sizes['serviceLayer.js'] < 150 * 1024, `service layer ${sizes['serviceLayer.js']} bytes`);
    assert.ok(sizes['sdk.js'] > 200 * 1024, 'the SDK lives in sdk.js');
    // The main bundle's budget (issue 9): the service layer is in the lazily loaded services.js.
    assert.ok(mainBytes <= 150 * 1024, `extension.js ${mainBytes} bytes`);
    assert.deepStrictEqual(
      mainInputs.filter((i) => /src\/aws\/(session|clients|codebuild|codecommit|codedeploy|codepipeline|logs|credentials)\.ts$/.test(i)),
      [],
    );
    // The pipeline panels and the build logs / status bar part are bundles of their own, loaded on first use (the
    // notification text helpers and their ANSI stripping are shared with the commands).
    assert.deepStrictEqual(
      mainInputs.filter((i) => /src\/(pipelinePanel|statusBar|logs\/(?!ansi)|commit|notifications\/notifier)/.test(i)),
      [],
    );
    console.log(`      sizes (minified): ${Object.entries(sizes).map(([f, n]) => `${f} ${(n / 1024).toFixed(1)} KB`).join(', ')}`);
  });

  it('the registry loads services.js with the first session, and sdk.js only with the first client', () => {
    const script = `
      const loaded = () => Object.keys(require.cache).filter((f) => /(sdk|services)\\.js$/.test(f) || f.includes('@aws-sdk')).map((f) => require('path').basename(f));
      const layer = require(${JSON.stringify(path.join(dir, 'serviceLayer.js'))});
      const registry = new layer.SessionRegistry();
      const afterLoad = loaded();
      const s = registry.get({ profile: 'Sandbox account', region: 'us-east-1', endpoint: 'http://127.0.0.1:9' });
      const afterSession = loaded();
      s.codebuild && s.clients.get('codebuild');
      const afterClient = loaded();
      registry.dispose();
      console.log(JSON.stringify({ afterLoad, afterSession, afterClient }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }).trim().split('\n').pop()!) as Record<string, string[]>;
    assert.deepStrictEqual(out, { afterLoad: [], afterSession: ['services.js'], afterClient: ['services.js', 'sdk.js'] });
  });

  it('loading the service layer loads no SDK code; creating the first client loads sdk.js once', () => {
    const script = `
      const Module = require('module');
      const loaded = () => Object.keys(require.cache).filter((f) => f.endsWith('sdk.js') || f.includes('@aws-sdk'));
      const layer = require(${JSON.stringify(path.join(dir, 'serviceLayer.js'))});
      const afterLoad = loaded();
      const s = new layer.AwsSession({ profile: 'Sandbox account', region: 'us-east-1', endpoint: 'http://127.0.0.1:9' });
      const afterSession = loaded();
      s.clients.get('codebuild');
      s.clients.get('codepipeline');
      const afterClients = loaded();
      s.dispose();
      console.log(JSON.stringify({ afterLoad, afterSession, afterClients: afterClients.map((f) => require('path').basename(f)), modules: layer.loadedSdkModules() }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }).trim().split('\n').pop()!) as {
      afterLoad: string[];
      afterSession: string[];
      afterClients: string[];
      modules: string[];
    };
    assert.deepStrictEqual(out.afterLoad, []);
    assert.deepStrictEqual(out.afterSession, []);
    assert.deepStrictEqual(out.afterClients, ['sdk.js']);
    assert.deepStrictEqual(out.modules, ['codebuild', 'codepipeline']);
  });
});
