import * as assert from 'assert';
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { CodePipelineClient, ListPipelinesCommand, paginateListPipelineExecutions } from '@aws-sdk/client-codepipeline';
import { SANDBOX_CREDENTIALS } from '../../../src/sandbox/sandbox';

const ROOT = path.resolve(__dirname, '../../..');

/** Runs the Sandbox CLI from source (same entry as dist/sandbox.js) in its own process, or a built bundle (`script`). */
function runCli(args: string[], script?: string): { child: ChildProcess; url: Promise<string>; exit: Promise<{ code: number | null; stderr: string }> } {
  const argv = script ? [script, ...args] : ['--require', 'tsx/cjs', path.join(ROOT, 'src/sandbox/cli.ts'), ...args];
  const child = spawn(process.execPath, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
      const line = /^(http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
      if (line) resolve(line[1]);
    });
    void exit.then(({ code }) => reject(new Error(`sandbox exited (${code}) before printing its URL: ${stderr}`)));
  });
  return { child, url, exit };
}

const client = (endpoint: string) => new CodePipelineClient({ region: 'us-east-1', endpoint, credentials: { ...SANDBOX_CREDENTIALS }, maxAttempts: 1 });

describe('sandbox CLI', function () {
  this.timeout(60_000);
  let dir: string;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-cli-'));
  });
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints its URL, serves the demo seed, and saves --state atomically on SIGTERM; the state loads back', async () => {
    const state = path.join(dir, 'sandbox.json');
    const run = runCli(['--port', '0', '--seed', 'demo', '--state', state]);
    children.push(run.child);
    const url = await run.url;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const cp = client(url);
    const names = ((await cp.send(new ListPipelinesCommand({}))).pipelines ?? []).map((p) => p.name);
    assert.deepStrictEqual(names, ['api-service-ci', 'infra-deploy', 'mobile-app-nightly', 'web-app-release']);
    const ids: string[] = [];
    for await (const pg of paginateListPipelineExecutions({ client: cp }, { pipelineName: 'web-app-release' })) ids.push(...(pg.pipelineExecutionSummaries ?? []).map((e) => e.pipelineExecutionId ?? ''));
    cp.destroy();
    run.child.kill('SIGTERM');
    const { code } = await run.exit;
    assert.strictEqual(code, 0);
    assert.deepStrictEqual(fs.readdirSync(dir), ['sandbox.json'], 'no temporary file is left behind');
    const saved = JSON.parse(fs.readFileSync(state, 'utf8')) as { codepipeline: { pipelines: Record<string, { executions: string[] }> } };
    assert.deepStrictEqual(saved.codepipeline.pipelines['web-app-release'].executions.slice().reverse(), ids);

    const again = runCli(['--port', '0', '--seed', 'empty', '--state', state]);
    children.push(again.child);
    const cp2 = client(await again.url);
    assert.strictEqual((await cp2.send(new ListPipelinesCommand({}))).pipelines?.length, 4, 'the state file wins over the seed');
    cp2.destroy();
    again.child.kill('SIGINT');
    assert.strictEqual((await again.exit).code, 0);
  });

  it('as the bundle `node esbuild.js` writes (dist/sandbox.js): --port 0 picks a free port, prints the URL line, serves, stops on SIGTERM', async () => {
    // esbuild.js's own options for the sandbox entry, written to a temporary folder (dist/ belongs to the build).
    /* eslint-disable @typescript-eslint/no-require-imports */
    const esbuild = require('esbuild') as typeof import('esbuild');
    const config = require(path.join(ROOT, 'esbuild.js')) as { builds: import('esbuild').BuildOptions[] };
    /* eslint-enable @typescript-eslint/no-require-imports */
    const options = config.builds.find((b) => JSON.stringify(b.entryPoints).includes('src/sandbox/cli.ts'));
    assert.ok(options, 'esbuild.js builds the sandbox entry');
    assert.deepStrictEqual(options.entryPoints, { sandbox: 'src/sandbox/cli.ts' });
    await esbuild.build({ ...options, absWorkingDir: ROOT, outdir: dir, sourcemap: false, logLevel: 'silent' });
    const bundle = path.join(dir, 'sandbox.js');
    assert.ok(fs.existsSync(bundle));
    assert.ok(!fs.readFileSync(bundle, 'utf8').includes("require(\"vscode\")"), 'no vscode in the Sandbox bundle');
    const started = Date.now();
    const run = runCli(['--port', '0', '--seed', 'demo', '--speed', '10'], bundle);
    children.push(run.child);
    const url = await run.url;
    const port = Number(new URL(url).port);
    assert.ok(port > 0 && port !== 4599, `a free port, got ${port}`);
    const cp = client(url);
    assert.strictEqual((await cp.send(new ListPipelinesCommand({}))).pipelines?.length, 4);
    cp.destroy();
    console.log(`      bundle: URL line after ${Date.now() - started} ms (demo seed)`);
    run.child.kill('SIGTERM');
    const { code, stderr } = await run.exit;
    assert.strictEqual(code, 0);
    assert.match(stderr, /control token: [0-9a-f-]+/);
  });

  it('says clearly when --port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const run = runCli(['--port', String(port), '--seed', 'empty']);
      children.push(run.child);
      run.url.catch(() => undefined);
      const { code, stderr } = await run.exit;
      assert.strictEqual(code, 2);
      assert.match(stderr, new RegExp(`port ${port} is already in use \\(try --port 0 for a free one\\)`));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
