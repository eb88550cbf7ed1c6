import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CodeCommitClient, CreateRepositoryCommand, ListRepositoriesCommand } from '@aws-sdk/client-codecommit';
import { Clock } from '../../../src/sandbox/clock';
import { parseArgs } from '../../../src/sandbox/cli';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { clientConfig, control, rawCall, startSandbox } from '../../helpers/sandbox';
import { approvalPipeline, cp, seedRepo } from './codepipeline.fixtures';

const AUTH = { Authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/codecommit/aws4_request' };
const list = (sb: Sandbox) => rawCall(sb, 'CodeCommit_20150413.ListRepositories', '{}', AUTH);

/** The control API actions, the fault kinds at the wire, request ids everywhere, --speed and --state batches. */
describe('sandbox control API, faults and protocol details', function () {
  this.timeout(30_000);
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox();
  });
  afterEach(() => control(sb, 'faults', { rules: [] }));
  after(() => sb.stop());

  it('puts x-amzn-RequestId on successes, errors and control answers, a new one each time', async () => {
    const a = await list(sb);
    const b = await rawCall(sb, 'CodeCommit_20150413.GetRepository', '{"repositoryName":"missing"}', AUTH);
    const c = await fetch(`${sb.endpoint}/__sandbox/health`, { method: 'POST', headers: { 'x-sandbox-token': sb.controlToken } });
    const ids = [a.headers.get('x-amzn-requestid'), b.headers.get('x-amzn-requestid'), c.headers.get('x-amzn-requestid')];
    for (const id of ids) assert.match(id ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.strictEqual(new Set(ids).size, 3);
    assert.deepStrictEqual([a.status, a.headers.get('content-type')], [200, 'application/x-amz-json-1.1']);
    assert.deepStrictEqual([b.status, b.headers.get('x-amzn-errortype'), b.json.__type], [400, 'RepositoryDoesNotExistException', 'RepositoryDoesNotExistException']);
    assert.strictEqual(typeof b.json.message, 'string');
  });

  it('reset, seed, state dump, advance, speed, request counts; unknown actions and bad JSON refused', async () => {
    await control(sb, 'seed', { seed: 'demo' });
    const state = await control(sb, 'state');
    assert.deepStrictEqual(Object.keys(state).sort(), ['codebuild', 'codecommit', 'codedeploy', 'codepipeline', 'logs', 'now', 'version']);
    const pipelines = Object.keys((state.codepipeline as { pipelines: object }).pipelines).sort();
    assert.deepStrictEqual(pipelines, ['api-service-ci', 'infra-deploy', 'mobile-app-nightly', 'web-app-release']);
    await list(sb);
    await list(sb);
    assert.strictEqual(((await control(sb, 'requests')).counts as Record<string, number>)['codecommit.ListRepositories'], 2);
    const t = (await control(sb, 'advance', { ms: 90_000 })).now as number;
    assert.strictEqual((await control(sb, 'health')).now, t);
    assert.strictEqual((await control(sb, 'speed', { speed: 10 })).speed, 10);
    await control(sb, 'speed', { speed: 1 });
    await control(sb, 'reset');
    const empty = await control(sb, 'state');
    assert.deepStrictEqual((empty.codepipeline as { pipelines: object }).pipelines, {});
    assert.deepStrictEqual((await control(sb, 'requests')).counts, {}, 'reset clears the counts');
    await assert.rejects(control(sb, 'seed', {}), /400.*seed needs a seed name/);
    await assert.rejects(control(sb, 'seed', { seed: 'nope' }), /Unknown seed 'nope'/);
    await assert.rejects(control(sb, 'explode'), /404/);
    const bad = await fetch(`${sb.endpoint}/__sandbox/advance`, { method: 'POST', headers: { 'x-sandbox-token': sb.controlToken }, body: '{"ms":' });
    assert.strictEqual(bad.status, 400);
    const wrong = await fetch(`${sb.endpoint}/__sandbox/state`, { method: 'POST', headers: { 'x-sandbox-token': 'not-the-token' } });
    assert.strictEqual(wrong.status, 403);
    const browser = await fetch(`${sb.endpoint}/__sandbox/reset`, { method: 'POST', headers: { 'x-sandbox-token': sb.controlToken, Origin: 'null' } });
    assert.strictEqual(browser.status, 403, 'even with the token, a request with an Origin header is refused');
  });

  it('faults: 500 and 503 errors, throttling at a rate, added latency, dropped connections and lost responses', async () => {
    await control(sb, 'faults', { rules: [{ service: 'codecommit', operation: 'ListRepositories', errorRate: 1 }] });
    let r = await list(sb);
    assert.deepStrictEqual([r.status, r.headers.get('x-amzn-errortype'), r.json.__type], [500, 'InternalFailure', 'InternalFailure']);
    await control(sb, 'faults', { rules: [{ service: 'codecommit', errorRate: 1, errorStatus: 503 }] });
    r = await list(sb);
    assert.deepStrictEqual([r.status, r.json.__type], [503, 'ServiceUnavailableException']);
    // Another service is untouched by a rule for codecommit.
    assert.strictEqual((await rawCall(sb, 'CodeBuild_20161006.ListProjects', '{}')).status, 200);

    await control(sb, 'faults', { rules: [{ service: 'codecommit', operation: 'ListRepositories', throttleRate: 0.5 }] });
    let throttled = 0;
    for (let i = 0; i < 100; i++) if ((await list(sb)).json.__type === 'ThrottlingException') throttled++;
    assert.ok(throttled > 30 && throttled < 70, `${throttled} of 100 throttled at a rate of 0.5`);

    await control(sb, 'faults', { rules: [{ service: 'codecommit', operation: 'ListRepositories', latencyMs: 300 }] });
    const t0 = Date.now();
    assert.strictEqual((await list(sb)).status, 200);
    assert.ok(Date.now() - t0 >= 290, `answered after ${Date.now() - t0} ms`);

    await control(sb, 'faults', { rules: [{ service: 'codecommit', operation: 'ListRepositories', dropRate: 1 }] });
    await assert.rejects(list(sb), /fetch failed|socket|ECONNRESET/i);

    // A lost response: the operation ran (the repository exists), the caller saw the connection drop.
    await control(sb, 'faults', { rules: [{ service: 'codecommit', operation: 'CreateRepository', dropResponseRate: 1 }] });
    await assert.rejects(rawCall(sb, 'CodeCommit_20150413.CreateRepository', '{"repositoryName":"lost-answer"}', AUTH));
    await control(sb, 'faults', { rules: [] });
    assert.strictEqual((await rawCall(sb, 'CodeCommit_20150413.GetRepository', '{"repositoryName":"lost-answer"}', AUTH)).status, 200);

    await control(sb, 'faults', { rules: [{ expiredCredentials: true }] });
    r = await list(sb);
    assert.deepStrictEqual([r.status, r.json.__type], [400, 'ExpiredTokenException']);

    // A rule's message replaces the usual one (AWS messages quote names and input: the hostile-data tests use it).
    await control(sb, 'faults', { rules: [{ service: 'codecommit', errorRate: 1, message: '<b>quoted</b> input' }] });
    r = await list(sb);
    assert.deepStrictEqual([r.status, r.json.__type, r.json.message], [500, 'InternalFailure', '<b>quoted</b> input']);
    assert.deepStrictEqual((await control(sb, 'faults', { rules: [] })).rules, []);
  });

  it('EnableStageTransition and DisableStageTransition answers match the model (empty structures)', async () => {
    await control(sb, 'reset');
    seedRepo(sb);
    await cp(sb, 'CreatePipeline', approvalPipeline('gate'));
    assert.deepStrictEqual(await cp(sb, 'DisableStageTransition', { pipelineName: 'gate', stageName: 'Approval', transitionType: 'Inbound', reason: 'Freeze' }), {});
    assert.deepStrictEqual(await cp(sb, 'EnableStageTransition', { pipelineName: 'gate', stageName: 'Approval', transitionType: 'Inbound' }), {});
  });
});

describe('sandbox clock speed and --state change batches', function () {
  this.timeout(30_000);

  it('--speed N runs the clock N times faster (CLI flag, Clock, control API)', async () => {
    assert.strictEqual(parseArgs(['--speed', '10', '--port', '0', '--seed', 'empty']).speed, 10);
    assert.deepStrictEqual(parseArgs([]), { port: 4599, seed: 'demo', speed: 1 });
    const clock = new Clock('real', 20);
    const start = clock.now();
    await new Promise((r) => setTimeout(r, 200));
    const moved = clock.now() - start;
    assert.ok(moved >= 20 * 190 && moved < 20 * 2000, `20x clock moved ${moved} ms in 200 ms`);
    // A real-clock Sandbox at speed 100 runs a build (about 1.5 to 4 simulated minutes) in a few wall-clock seconds.
    const fast = await startSandbox({ clock: 'real', speed: 100, tickIntervalMs: 50, seed: 'demo' });
    try {
      const b = fast.codebuild.startBuildInternal('web-app', {});
      const deadline = Date.now() + 10_000;
      while (fast.codebuild.getBuildSummary(b.id)?.status === 'IN_PROGRESS' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.notStrictEqual(fast.codebuild.getBuildSummary(b.id)?.status, 'IN_PROGRESS');
    } finally {
      await fast.stop();
    }
  });

  it('--state: a read asks for no save of its own (the ticks batch theirs per second); a change and a build made on first read do', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-reads-'));
    const sb = await startSandbox({ stateFile: path.join(dir, 'state.json'), seed: 'scale', seedOptions: { pipelines: 20, projects: 2, buildsPerProject: 3, runningBuilds: 1 } });
    const asked: number[] = [];
    const changed = sb.changed.bind(sb);
    sb.changed = (delayMs?: number) => {
      asked.push(delayMs ?? 200);
      changed(delayMs);
    };
    const call = async (target: string, body: unknown) => {
      const r = await rawCall(sb, target, JSON.stringify(body));
      assert.strictEqual(r.status, 200, JSON.stringify(r.json));
      return r.json;
    };
    try {
      for (let i = 0; i < 10; i++) await call('CodePipeline_20150709.GetPipelineState', { name: `scale-pipeline-000${i}` });
      await call('CodePipeline_20150709.ListPipelines', {});
      const ids = (await call('CodeBuild_20161006.ListBuildsForProject', { projectName: 'svc-0001' })).ids as string[];
      assert.deepStrictEqual(asked.filter((d) => d < 1000), [], 'reads asked for a save within 200 ms');
      await call('CodeBuild_20161006.BatchGetBuilds', { ids: [ids[ids.length - 1]] }); // a finished scale build, made on this first read
      assert.ok(asked.some((d) => d < 1000), 'the build made from its stub is saved soon');
      asked.length = 0;
      await call('CodeCommit_20150413.CreateRepository', { repositoryName: 'a-change' });
      assert.deepStrictEqual(asked.filter((d) => d < 1000), [200]);
    } finally {
      await sb.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--state is saved after each change batch, not only on exit, atomically (no temporary file left)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-batch-'));
    const file = path.join(dir, 'state.json');
    const sb = await startSandbox({ stateFile: file });
    const cc = new CodeCommitClient(clientConfig(sb));
    try {
      await new Promise((r) => setTimeout(r, 400));
      await cc.send(new CreateRepositoryCommand({ repositoryName: 'saved-without-exit' }));
      await cc.send(new CreateRepositoryCommand({ repositoryName: 'same-batch' }));
      const deadline = Date.now() + 5000;
      const saved = () => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { codecommit: { repositories: object } }) : undefined);
      while (!Object.hasOwn(saved()?.codecommit.repositories ?? {}, 'same-batch') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.deepStrictEqual(Object.keys(saved()?.codecommit.repositories ?? {}).sort(), ['same-batch', 'saved-without-exit']);
      assert.deepStrictEqual(fs.readdirSync(dir), ['state.json']);
      assert.strictEqual((await cc.send(new ListRepositoriesCommand({}))).repositories?.length, 2);
    } finally {
      cc.destroy();
      await sb.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
