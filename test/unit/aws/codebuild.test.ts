import * as assert from 'assert';
import type { AwsError } from '../../../src/aws/errors';
import type { AwsSession } from '../../../src/aws/session';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { seedDemoRepositories } from '../../../src/sandbox/seeds/demoCommit';
import { control, startSandbox } from '../../helpers/sandbox';
import { sandboxSession } from './helpers';

const project = (name: string, repo = 'web-app') => ({
  name,
  description: `${name} build`,
  source: { type: 'CODECOMMIT', location: `https://git-codecommit.us-east-1.amazonaws.com/v1/repos/${repo}` },
  sourceVersion: 'refs/heads/main',
  artifacts: { type: 'NO_ARTIFACTS' },
  environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL', environmentVariables: [{ name: 'STAGE', value: 'dev', type: 'PLAINTEXT' }] },
  serviceRole: 'arn:aws:iam::123456789012:role/codebuild-role',
});

describe('aws/codebuild against the Sandbox', () => {
  let sb: Sandbox;
  let s: AwsSession;

  before(async () => {
    sb = await startSandbox();
    seedDemoRepositories(sb);
    const now = sb.clock.now();
    sb.codebuild.createProjectInternal(project('web-app-build'), now);
    sb.codebuild.createProjectInternal(project('many-builds', 'api-service'), now);
    for (let i = 0; i < 250; i++) sb.codebuild.startBuildInternal('many-builds', {});
  });
  beforeEach(() => (s = sandboxSession(sb)));
  afterEach(async () => {
    s.dispose();
    await control(sb, 'faults', { rules: [] });
  });
  after(() => sb.stop());

  it('lists projects with their source repository and branch', async () => {
    const projects = await s.codebuild.listProjects();
    assert.deepStrictEqual(
      projects.map((p) => [p.name, p.repositoryName, p.branch, p.sourceType]),
      [
        ['many-builds', 'api-service', 'main', 'CODECOMMIT'],
        ['web-app-build', 'web-app', 'main', 'CODECOMMIT'],
      ],
    );
    assert.deepStrictEqual(projects[1].environmentVariables, [{ name: 'STAGE', value: 'dev', type: 'PLAINTEXT' }]);
    assert.deepStrictEqual(s.requestCounts(), { 'codebuild.ListProjects': 1, 'codebuild.BatchGetProjects': 1 });
  });

  it('pages beyond 100 build ids and gets 250 builds in 3 BatchGetBuilds, newest first', async () => {
    const ids = await s.codebuild.listBuildIds('many-builds');
    assert.strictEqual(ids.length, 250);
    assert.strictEqual(s.requestCounts()['codebuild.ListBuildsForProject'], 3);
    const builds = await s.codebuild.getBuilds(ids);
    assert.strictEqual(builds.length, 250);
    assert.strictEqual(s.requestCounts()['codebuild.BatchGetBuilds'], 3);
    assert.strictEqual(builds[0].buildNumber, 250, 'newest first');
    assert.strictEqual(builds[249].buildNumber, 1);
    const latest = await s.codebuild.listBuilds('many-builds', { limit: 20 });
    assert.strictEqual(latest.length, 20);
    assert.strictEqual(s.requestCounts()['codebuild.ListBuildsForProject'], 4, 'a limit of 20 reads one page');
  });

  it('starts a build with source version, env overrides and a token; details carry phases and the log location', async () => {
    const started = await s.codebuild.startBuild({
      projectName: 'web-app-build',
      sourceVersion: 'main',
      environmentVariables: [{ name: 'DEPLOY_ENV', value: 'staging' }],
      timeoutInMinutes: 30,
      idempotencyToken: 'token-1',
    });
    assert.strictEqual(started.projectName, 'web-app-build');
    assert.strictEqual(started.status, 'running');
    assert.strictEqual(started.sourceVersion, 'main');
    assert.ok(started.environmentVariables.some((v) => v.name === 'DEPLOY_ENV' && v.value === 'staging'));
    await control(sb, 'advance', { ms: 30 * 60_000 });
    const done = await s.codebuild.getBuild(started.id);
    assert.ok(done.complete, `status ${done.rawStatus}`);
    assert.ok(done.phases.length >= 5);
    assert.ok(done.phases.every((p) => p.type.length > 0));
    assert.ok(done.logs.groupName && done.logs.streamName, 'log location');
    assert.match(done.logs.deepLink ?? '', /^https:\/\/console\.aws\.amazon\.com\/cloudwatch\/home\?region=us-east-1#logEvent:group=/);
    const log = await s.logs.readAll({ groupName: done.logs.groupName, streamName: done.logs.streamName });
    assert.ok(log.length > 5, 'the build wrote its log');
  });

  it('reads a build\'s test report and its test cases (passing and failing builds)', async () => {
    const ok = await s.codebuild.startBuild({ projectName: 'web-app-build' });
    const bad = await s.codebuild.startBuild({ projectName: 'web-app-build', environmentVariables: [{ name: 'SANDBOX_FAIL_PHASE', value: 'BUILD' }] });
    await control(sb, 'advance', { ms: 30 * 60_000 });
    const [passed, failed] = await s.codebuild.getBuilds([ok.id, bad.id]);
    assert.deepStrictEqual([passed.rawStatus, failed.rawStatus], ['SUCCEEDED', 'FAILED']);
    assert.strictEqual(passed.reportArns.length, 1);
    assert.strictEqual(failed.reportArns.length, 1);
    const before = s.requestCounts()['codebuild.BatchGetReports'] ?? 0;
    const [good, broken] = await s.codebuild.getReports([...passed.reportArns, ...failed.reportArns]);
    assert.strictEqual(s.requestCounts()['codebuild.BatchGetReports'], before + 1, 'one BatchGetReports for both');
    assert.deepStrictEqual((await s.codebuild.getReportsForBuild(passed)).map((r) => r.arn), passed.reportArns);
    for (const [r, b] of [[good, passed], [broken, failed]] as const) {
      assert.strictEqual(r.type, 'TEST');
      assert.strictEqual(r.name, 'web-app-build-tests');
      assert.match(r.reportGroupArn ?? '', /:report-group\/web-app-build-tests$/);
      assert.strictEqual(r.executionId, b.arn);
      assert.ok(r.total >= 24, `total ${r.total}`);
      assert.strictEqual(Object.values(r.statusCounts).reduce((x, y) => x + y, 0), r.total);
      assert.ok((r.durationMs ?? 0) > 0);
    }
    assert.deepStrictEqual([good.status, good.statusCounts.FAILED], ['SUCCEEDED', 0]);
    assert.strictEqual(broken.status, 'FAILED');
    assert.ok(broken.statusCounts.FAILED >= 1);
    const cases = await s.codebuild.listTestCases(broken.arn);
    assert.strictEqual(cases.length, broken.total);
    assert.ok(cases.every((c) => c.reportArn === broken.arn && c.name && c.prefix && ['SUCCEEDED', 'FAILED', 'SKIPPED'].includes(c.status)));
    const failing = await s.codebuild.listTestCases(broken.arn, { status: 'FAILED' });
    assert.strictEqual(failing.length, broken.statusCounts.FAILED);
    assert.ok(failing.every((c) => c.status === 'FAILED' && /Expected/.test(c.message ?? '')));
    assert.strictEqual((await s.codebuild.listTestCases(good.arn, { status: 'FAILED' })).length, 0);
    assert.strictEqual((await s.codebuild.listTestCases(good.arn, { limit: 5 })).length, 5);
  });

  it('stops and retries a build', async () => {
    const b = await s.codebuild.startBuild({ projectName: 'web-app-build' });
    const stopped = await s.codebuild.stopBuild(b.id);
    assert.strictEqual(stopped.id, b.id);
    await control(sb, 'advance', { ms: 60_000 });
    assert.strictEqual((await s.codebuild.getBuild(b.id)).rawStatus, 'STOPPED');
    const retried = await s.codebuild.retryBuild(b.id);
    assert.notStrictEqual(retried.id, b.id);
    assert.strictEqual(retried.projectName, 'web-app-build');
  });

  it('validates start input before calling, and maps service errors', async () => {
    const before = s.clients.counter.total();
    await assert.rejects(s.codebuild.startBuild({ projectName: 'web-app-build', environmentVariables: [{ name: 'CODEBUILD_X', value: '1' }] }), (e: AwsError) => e.kind === 'invalidInput' && /reserved/.test(e.message));
    await assert.rejects(s.codebuild.startBuild({ projectName: 'web-app-build', timeoutInMinutes: 3000 }), (e: AwsError) => e.kind === 'invalidInput' && /2160/.test(e.message));
    await assert.rejects(s.codebuild.startBuild({ projectName: 'web-app-build', sourceVersion: 'bad ref' }), (e: AwsError) => e.kind === 'invalidInput');
    assert.strictEqual(s.clients.counter.total(), before);
    await assert.rejects(s.codebuild.startBuild({ projectName: 'no-such-project' }), (e: AwsError) => e.kind === 'notFound' && e.operation === 'codebuild.StartBuild');
    await control(sb, 'faults', { rules: [{ service: 'codebuild', operation: 'BatchGetBuilds', accessDenied: true }] });
    await assert.rejects(s.codebuild.listBuilds('many-builds'), (e: AwsError) => e.kind === 'accessDenied' && e.operation === 'codebuild.BatchGetBuilds');
  });
});
