/**
 * The Sandbox's state file survives the process being killed mid-write (issue 10): the CLI runs with --state and a
 * fast clock, requests change state continuously, and the process gets SIGKILL at random moments, ten times. After
 * every kill the state file must parse, and a restart must load it (not fall back to the seed) with the clock going on.
 */
import * as assert from 'assert';
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
const TOKEN = 'state-file-test-token';
const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/codebuild/aws4_request, SignedHeaders=host, Signature=abc';

/**
 * The CLI as `node esbuild.js` bundles it into dist/sandbox.js (same entry, platform and format), bundled here into
 * the test's temporary folder: a stale or missing dist/ does not matter, and the 11 starts are fast.
 */
async function bundleCli(outdir: string): Promise<string[]> {
  const esbuild = await import('esbuild');
  await esbuild.build({ entryPoints: { sandbox: path.join(ROOT, 'src/sandbox/cli.ts') }, outdir, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
  return [path.join(outdir, 'sandbox.js')];
}

interface Run {
  child: ChildProcess;
  url: Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

function start(cmd: string[], state: string): Run {
  const child = spawn(process.execPath, [...cmd, '--port', '0', '--seed', 'demo', '--state', state, '--speed', '50', '--token', TOKEN], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = /^(http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
      if (m) resolve(m[1]);
    });
    void exit.then(({ code }) => reject(new Error(`sandbox exited (${code}) before printing its URL: ${stderr}`)));
  });
  return { child, url, exit, stderr: () => stderr };
}

async function call(url: string, target: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/`, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': target, Authorization: AUTH }, body: JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown>;
}

async function health(url: string): Promise<number> {
  const res = await fetch(`${url}/__sandbox/health`, { method: 'POST', headers: { 'x-sandbox-token': TOKEN } });
  return ((await res.json()) as { now: number }).now;
}

/** Fires changing requests without waiting, until stopped: new repositories and commits, builds, pipeline runs. */
function churn(url: string, round: number, projects: string[], pipelines: string[]): () => void {
  let stopped = false;
  let i = 0;
  const loop = async () => {
    while (!stopped) {
      const n = i++;
      const batch = [
        call(url, 'CodeCommit_20150413.CreateRepository', { repositoryName: `kill-${round}-${n}`, repositoryDescription: 'x'.repeat(500) }),
        call(url, 'CodeBuild_20161006.StartBuild', { projectName: projects[n % projects.length] }),
        call(url, 'CodePipeline_20150709.StartPipelineExecution', { name: pipelines[n % pipelines.length] }),
      ];
      await Promise.allSettled(batch);
    }
  };
  void loop();
  return () => {
    stopped = true;
  };
}

describe('reliability: the Sandbox state file survives SIGKILL mid-write', function () {
  this.timeout(150_000);
  let dir: string;
  const children: ChildProcess[] = [];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-kill-'));
  });
  after(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('parses after each of 10 random kills, and every restart loads it with the clock going on', async () => {
    const cmd = await bundleCli(path.join(dir, 'bin'));
    const state = path.join(dir, 'state', 's.json');
    let lastNow = 0;
    let repositories = 0;
    const sizes: number[] = [];
    const leftovers: string[] = [];
    for (let round = 0; round < 10; round++) {
      const run = start(cmd, state);
      children.push(run.child);
      const url = await run.url;
      assert.ok(fs.existsSync(state), `round ${round}: the state file is there once the Sandbox says it is ready`);
      if (round > 0) {
        assert.doesNotMatch(run.stderr(), /unreadable/, `round ${round}: the restart did not load the state file`);
        const stale = fs.readdirSync(path.dirname(state)).filter((f) => f !== 's.json' && f !== `s.json.${run.child.pid}.tmp`);
        assert.deepStrictEqual(stale, [], `round ${round}: temporary files left by the killed process are removed on start`);
        const now = await health(url);
        assert.ok(now >= lastNow, `round ${round}: the clock went back from ${lastNow} to ${now}`);
      }
      const projects = ((await call(url, 'CodeBuild_20161006.ListProjects', {})).projects as string[]) ?? [];
      const pipelines = (((await call(url, 'CodePipeline_20150709.ListPipelines', {})).pipelines as { name: string }[]) ?? []).map((p) => p.name);
      assert.ok(projects.length > 0 && pipelines.length > 0, `round ${round}: the demo seed (or its saved state) is there`);
      const stop = churn(url, round, projects, pipelines);
      if (round % 2 === 1) {
        // odd rounds: kill the moment a save has created its temporary file, i.e. in the middle of a write
        await new Promise<void>((resolve) => {
          const watcher = fs.watch(path.dirname(state), (_event, name) => {
            if (name?.endsWith('.tmp')) {
              run.child.kill('SIGKILL');
              watcher.close();
              resolve();
            }
          });
          setTimeout(() => {
            watcher.close();
            resolve();
          }, 3000);
        });
      } else {
        await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 500)));
      }
      run.child.kill('SIGKILL');
      const { signal } = await run.exit;
      stop();
      assert.strictEqual(signal, 'SIGKILL');

      const text = fs.readFileSync(state, 'utf8');
      sizes.push(text.length);
      let data: Record<string, unknown>;
      assert.doesNotThrow(() => (data = JSON.parse(text) as Record<string, unknown>), `round ${round}: the state file does not parse`);
      data = JSON.parse(text) as Record<string, unknown>;
      assert.strictEqual(data.version, 1);
      for (const s of ['codecommit', 'codebuild', 'codedeploy', 'codepipeline', 'logs']) assert.ok(data[s], `round ${round}: ${s} is in the state`);
      assert.strictEqual(typeof data.now, 'number');
      lastNow = data.now as number;
      const repos = Object.keys((data.codecommit as { repositories?: Record<string, unknown> }).repositories ?? {}).filter((r) => r.startsWith('kill-')).length;
      assert.ok(repos >= repositories, `round ${round}: saved repositories went from ${repositories} to ${repos}`);
      repositories = repos;
      for (const f of fs.readdirSync(path.dirname(state))) if (f !== 's.json') leftovers.push(f); // a temporary file a kill left behind
    }
    // a last restart loads what the last kill left, and answers
    const run = start(cmd, state);
    children.push(run.child);
    const url = await run.url;
    assert.doesNotMatch(run.stderr(), /unreadable/);
    assert.ok((await health(url)) >= lastNow);
    const names = ((await call(url, 'CodeCommit_20150413.ListRepositories', {})).repositories as { repositoryName: string }[]).map((r) => r.repositoryName);
    assert.ok(names.some((n) => n.startsWith('kill-')), 'the repositories created before the kills are there');
    run.child.kill('SIGTERM');
    assert.strictEqual((await run.exit).code, 0);
    assert.ok(repositories > 0, 'some changes were saved before the kills');
    if (process.env.STATE_VERBOSE) console.log(`state sizes ${sizes.join(', ')}; temporary files left by kills: ${new Set(leftovers).size}`);
  });
});
