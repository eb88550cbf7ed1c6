import * as assert from 'assert';
import {
  BatchGetBuildsCommand,
  BatchGetProjectsCommand,
  BatchGetReportsCommand,
  CodeBuildClient,
  CreateProjectCommand,
  DescribeTestCasesCommand,
  ListBuildsCommand,
  ListBuildsForProjectCommand,
  ListProjectsCommand,
  ListReportGroupsCommand,
  ListReportsForReportGroupCommand,
  RetryBuildCommand,
  StartBuildCommand,
  StopBuildCommand,
  paginateListBuilds,
  paginateListBuildsForProject,
  paginateListProjects,
  type CreateProjectCommandInput,
} from '@aws-sdk/client-codebuild';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { writeLog } from '../../../src/sandbox/services/codebuild/lifecycle';
import { assertMatchesModel } from '../../helpers/modelCheck';
import { clientConfig, rawCall, startSandbox } from '../../helpers/sandbox';

/** Raw wire JSON, read loosely in assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type WireJson = Record<string, any>;

async function raw(sb: Sandbox, op: string, body: unknown) {
  const r = await rawCall(sb, `CodeBuild_20161006.${op}`, JSON.stringify(body));
  if (r.status === 200) assertMatchesModel('codebuild', op, r.json);
  return r;
}

async function rejects(p: Promise<unknown>, name: string, message?: RegExp): Promise<void> {
  await assert.rejects(p, (e: Error) => {
    assert.strictEqual(e.name, name, e.message);
    if (message) assert.match(e.message, message);
    return true;
  });
}

export function projectInput(name: string, extra: Partial<CreateProjectCommandInput> = {}): CreateProjectCommandInput {
  return {
    name,
    source: { type: 'CODECOMMIT', location: `https://git-codecommit.us-east-1.amazonaws.com/v1/repos/${name}` },
    sourceVersion: 'refs/heads/main',
    artifacts: { type: 'NO_ARTIFACTS' },
    environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
    serviceRole: 'arn:aws:iam::123456789012:role/codebuild-service-role',
    ...extra,
  };
}

/** All log messages of a build, through GetLogEvents pages. */
async function readLog(logs: CloudWatchLogsClient, group: string, stream: string): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  for (;;) {
    const r = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, nextToken: token }));
    out.push(...r.events!.map((e) => e.message!));
    if (r.nextForwardToken === token) return out;
    token = r.nextForwardToken;
  }
}

describe('sandbox CodeBuild', () => {
  let sb: Sandbox;
  let cb: CodeBuildClient;
  let logs: CloudWatchLogsClient;
  before(async () => {
    sb = await startSandbox();
    cb = new CodeBuildClient(clientConfig(sb));
    logs = new CloudWatchLogsClient(clientConfig(sb));
  });
  after(async () => {
    cb.destroy();
    logs.destroy();
    await sb.stop();
  });
  beforeEach(() => sb.reset('empty'));

  describe('projects', () => {
    it('creates, gets and lists projects; duplicates and missing names are reported', async () => {
      const created = await raw(sb, 'CreateProject', projectInput('web-app', { description: 'The web front end', tags: [{ key: 'team', value: 'web' }] }));
      assert.strictEqual(created.status, 200);
      const project = created.json.project as Record<string, unknown>;
      assert.strictEqual(project.arn, 'arn:aws:codebuild:us-east-1:123456789012:project/web-app');
      assert.strictEqual(project.timeoutInMinutes, 60);
      await rejects(cb.send(new CreateProjectCommand(projectInput('web-app'))), 'ResourceAlreadyExistsException', /Project already exists/);
      const got = await raw(sb, 'BatchGetProjects', { names: ['web-app', 'nope', 'arn:aws:codebuild:us-east-1:123456789012:project/web-app'] });
      assert.deepStrictEqual((got.json.projects as { name: string }[]).map((p) => p.name), ['web-app', 'web-app']);
      assert.deepStrictEqual(got.json.projectsNotFound, ['nope']);
      const listed = await raw(sb, 'ListProjects', {});
      assert.deepStrictEqual(listed.json.projects, ['web-app']);
      await rejects(cb.send(new BatchGetProjectsCommand({ names: [] })), 'InvalidInputException');
      await rejects(cb.send(new BatchGetProjectsCommand({ names: Array.from({ length: 101 }, (_, i) => `p${i}`) })), 'InvalidInputException', /less than or equal to 100/);
    });

    it('validates CreateProject input the way the model and the service do', async () => {
      const bad = async (input: unknown, message: RegExp) => {
        const r = await rawCall(sb, 'CodeBuild_20161006.CreateProject', JSON.stringify(input));
        assert.strictEqual(r.json.__type, 'InvalidInputException', JSON.stringify(r.json));
        assert.match(String(r.json.message), message);
      };
      await bad({ name: 'x' }, /6 validation errors detected.*'name'.*length greater than or equal to 2.*regular expression pattern.*'source'.*'artifacts'.*'environment'.*'serviceRole'/);
      await bad(projectInput('-bad-name'), /regular expression pattern/);
      await bad(projectInput('p1', { description: 'd'.repeat(256) }), /'description'.*less than or equal to 255/);
      await bad(projectInput('p1', { source: { type: 'SVN' as never } }), /'source.type'.*enum value set/);
      await bad(projectInput('p1', { environment: { type: 'LINUX_CONTAINER', image: 'img', computeType: 'HUGE' as never } }), /'environment.computeType'.*enum/);
      await bad(projectInput('p1', { timeoutInMinutes: 4 }), /'timeoutInMinutes'.*greater than or equal to 5/);
      await bad(projectInput('p1', { timeoutInMinutes: 2161 }), /'timeoutInMinutes'.*less than or equal to 2160/);
      await bad(projectInput('p1', { queuedTimeoutInMinutes: 481 }), /'queuedTimeoutInMinutes'/);
      await bad(
        projectInput('p1', { environment: { type: 'LINUX_CONTAINER', image: 'img', computeType: 'BUILD_GENERAL1_SMALL', environmentVariables: [{ name: 'A', value: 'b', type: 'SECRET' as never }] } }),
        /'environment.environmentVariables.1.member.type'/,
      );
      await bad(
        projectInput('p1', { environment: { type: 'LINUX_CONTAINER', image: 'img', computeType: 'BUILD_GENERAL1_SMALL', environmentVariables: [{ name: 'CODEBUILD_X', value: 'b' }] } }),
        /cannot start with CODEBUILD_/,
      );
      await bad(projectInput('p1', { source: { type: 'CODECOMMIT', location: 'https://github.com/x/y' } }), /Invalid source location/);
      await bad(projectInput('p1', { source: { type: 'CODECOMMIT' } }), /location must be specified/);
      await bad(projectInput('p1', { source: { type: 'CODEPIPELINE' } }), /CODEPIPELINE/);
      await bad(projectInput('p1', { tags: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' })) }), /'tags'/);
    });

    it('lists projects in pages of 100, sorted by name, creation or modification time', async () => {
      for (let i = 0; i < 130; i++) {
        sb.codebuild.createProjectInternal(projectInput(`proj-${String(i).padStart(3, '0')}`) as never, sb.clock.now() + (i % 7) * 1000);
      }
      const pages: number[] = [];
      const names: string[] = [];
      for await (const p of paginateListProjects({ client: cb }, { sortBy: 'NAME', sortOrder: 'DESCENDING' })) {
        pages.push(p.projects!.length);
        names.push(...p.projects!);
      }
      assert.deepStrictEqual(pages, [100, 30]);
      assert.strictEqual(names[0], 'proj-129');
      assert.deepStrictEqual(names, [...names].sort().reverse());
      const byCreated = await cb.send(new ListProjectsCommand({ sortBy: 'CREATED_TIME', sortOrder: 'ASCENDING' }));
      assert.strictEqual(byCreated.projects![0], 'proj-000');
      assert.strictEqual(byCreated.projects![1], 'proj-007');
      await rejects(cb.send(new ListProjectsCommand({ nextToken: 'bogus' })), 'InvalidInputException');
      await rejects(cb.send(new ListProjectsCommand({ sortBy: 'SIZE' as never })), 'InvalidInputException', /enum/);
    });
  });

  describe('builds', () => {
    beforeEach(async () => {
      await cb.send(new CreateProjectCommand(projectInput('web-app')));
    });

    it('runs a build through every phase to SUCCEEDED on the manual clock, writing its log', async () => {
      const started = await raw(sb, 'StartBuild', { projectName: 'web-app' });
      const build = started.json.build as WireJson;
      assert.match(build.id, /^web-app:[0-9a-f-]{36}$/);
      assert.strictEqual(build.arn, `arn:aws:codebuild:us-east-1:123456789012:build/${build.id}`);
      assert.deepStrictEqual([build.buildStatus, build.buildNumber, build.buildComplete, build.initiator], ['IN_PROGRESS', 1, false, 'sandbox-user']);
      assert.strictEqual(build.sourceVersion, 'refs/heads/main');
      assert.match(build.resolvedSourceVersion, /^[0-9a-f]{40}$/);
      assert.strictEqual(build.logs.groupName, '/aws/codebuild/web-app');
      assert.strictEqual(build.logs.streamName, build.id.split(':')[1]);
      assert.strictEqual(build.logs.deepLink, `https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEvent:group=/aws/codebuild/web-app;stream=${build.logs.streamName}`);

      const seenPhases = new Set<string>();
      for (let t = 0; t < 300 && seenPhases.size < 11; t += 5) {
        sb.advance(5000);
        const r = await raw(sb, 'BatchGetBuilds', { ids: [build.id] });
        seenPhases.add((r.json.builds as { currentPhase: string }[])[0].currentPhase);
      }
      const done = (await cb.send(new BatchGetBuildsCommand({ ids: [build.id] }))).builds![0];
      assert.deepStrictEqual([done.buildStatus, done.currentPhase, done.buildComplete], ['SUCCEEDED', 'COMPLETED', true]);
      assert.deepStrictEqual(done.phases!.map((p) => p.phaseType), ['SUBMITTED', 'QUEUED', 'PROVISIONING', 'DOWNLOAD_SOURCE', 'INSTALL', 'PRE_BUILD', 'BUILD', 'POST_BUILD', 'UPLOAD_ARTIFACTS', 'FINALIZING', 'COMPLETED']);
      for (const p of done.phases!.slice(0, -1)) {
        assert.strictEqual(p.phaseStatus, 'SUCCEEDED');
        assert.ok(p.startTime && p.endTime && p.endTime >= p.startTime);
        assert.strictEqual(p.durationInSeconds, Math.round((p.endTime.getTime() - p.startTime.getTime()) / 1000));
      }
      assert.ok(seenPhases.has('BUILD') && seenPhases.has('INSTALL'), [...seenPhases].join());
      const total = (done.endTime!.getTime() - done.startTime!.getTime()) / 1000;
      assert.ok(total > 60 && total < 300, `took ${total} s`);

      const lines = await readLog(logs, done.logs!.groupName!, done.logs!.streamName!);
      const text = lines.join('\n');
      assert.match(text, /^\[Container\] \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d{6} Entering phase BUILD$/m);
      assert.match(text, /Running command npm test/);
      assert.match(text, /Tests: +128 passed/);
      assert.match(text, /Phase complete: BUILD State: SUCCEEDED/);
      assert.ok(text.indexOf('Entering phase INSTALL') < text.indexOf('Entering phase BUILD'));
      assert.strictEqual(done.reportArns!.length, 1);
    });

    it('fails at BUILD with SANDBOX_FAIL_PHASE: error lines in the log, POST_BUILD still runs, failing test cases', async () => {
      const { build } = await cb.send(new StartBuildCommand({ projectName: 'web-app', environmentVariablesOverride: [{ name: 'SANDBOX_FAIL_PHASE', value: 'BUILD', type: 'PLAINTEXT' }] }));
      sb.advance(300_000);
      const b = (await cb.send(new BatchGetBuildsCommand({ ids: [build!.id!] }))).builds![0];
      assert.strictEqual(b.buildStatus, 'FAILED');
      const phase = b.phases!.find((p) => p.phaseType === 'BUILD')!;
      assert.strictEqual(phase.phaseStatus, 'FAILED');
      assert.deepStrictEqual(phase.contexts, [{ statusCode: 'COMMAND_EXECUTION_ERROR', message: 'Error while executing command: npm test. Reason: exit status 1' }]);
      assert.strictEqual(b.phases!.find((p) => p.phaseType === 'POST_BUILD')!.phaseStatus, 'SUCCEEDED');
      const text = (await readLog(logs, b.logs!.groupName!, b.logs!.streamName!)).join('\n');
      assert.match(text, /npm ERR! Test failed/);
      assert.match(text, /^Error: /m);
      assert.match(text, /Command did not exit successfully npm test exit status 1/);
      assert.match(text, /Phase complete: BUILD State: FAILED/);
      assert.match(text, /Phase context status code: COMMAND_EXECUTION_ERROR Message: Error while executing command: npm test/);

      // The test report of that build.
      const groups = await raw(sb, 'ListReportGroups', {});
      const groupArn = (groups.json.reportGroups as string[])[0];
      assert.strictEqual(groupArn, 'arn:aws:codebuild:us-east-1:123456789012:report-group/web-app-tests');
      assert.strictEqual((await raw(sb, 'BatchGetReportGroups', { reportGroupArns: [groupArn, 'arn:nope'] })).json.reportGroupsNotFound instanceof Array, true);
      const reports = await raw(sb, 'ListReportsForReportGroup', { reportGroupArn: groupArn });
      assert.deepStrictEqual(reports.json.reports, b.reportArns);
      const got = await raw(sb, 'BatchGetReports', { reportArns: [...b.reportArns!, 'arn:aws:codebuild:us-east-1:123456789012:report/x:y'] });
      const report = (got.json.reports as WireJson[])[0];
      assert.strictEqual(report.status, 'FAILED');
      assert.strictEqual(report.executionId, b.arn);
      assert.ok(report.testSummary.statusCounts.FAILED >= 1);
      assert.deepStrictEqual(got.json.reportsNotFound, ['arn:aws:codebuild:us-east-1:123456789012:report/x:y']);
      const failed = await raw(sb, 'DescribeTestCases', { reportArn: report.arn, filter: { status: 'FAILED' } });
      const cases = failed.json.testCases as { status: string; message?: string }[];
      assert.strictEqual(cases.length, report.testSummary.statusCounts.FAILED);
      assert.ok(cases.every((c) => c.status === 'FAILED' && c.message));
      const all = await cb.send(new DescribeTestCasesCommand({ reportArn: report.arn, maxResults: 10 }));
      assert.strictEqual(all.testCases!.length, 10);
      assert.ok(all.nextToken);
      await rejects(cb.send(new DescribeTestCasesCommand({ reportArn: 'arn:aws:codebuild:us-east-1:123456789012:report/none:x' })), 'ResourceNotFoundException');
      await rejects(cb.send(new ListReportsForReportGroupCommand({ reportGroupArn: 'arn:none' })), 'ResourceNotFoundException');
      await rejects(cb.send(new BatchGetReportsCommand({ reportArns: [] })), 'InvalidInputException');
      await rejects(cb.send(new ListReportGroupsCommand({ maxResults: 101 })), 'InvalidInputException');
    });

    it('a project variable or a scripted outcome fails an early phase and skips to FINALIZING', async () => {
      sb.codebuild.scriptNextBuild('web-app', { failPhase: 'INSTALL' });
      const { build } = await cb.send(new StartBuildCommand({ projectName: 'web-app' }));
      sb.advance(300_000);
      const b = (await cb.send(new BatchGetBuildsCommand({ ids: [build!.id!] }))).builds![0];
      assert.strictEqual(b.buildStatus, 'FAILED');
      assert.deepStrictEqual(b.phases!.map((p) => p.phaseType).slice(4), ['INSTALL', 'FINALIZING', 'COMPLETED']);
      assert.strictEqual(b.reportArns, undefined);
      assert.deepStrictEqual(sb.codebuild.getBuildSummary(b.id!)?.failure?.phase, 'INSTALL');
      // The script applied to one build only.
      const next = await cb.send(new StartBuildCommand({ projectName: 'web-app' }));
      sb.advance(300_000);
      assert.strictEqual((await cb.send(new BatchGetBuildsCommand({ ids: [next.build!.id!] }))).builds![0].buildStatus, 'SUCCEEDED');
      assert.throws(() => sb.codebuild.scriptNextBuild('web-app', { failPhase: 'NOPE' }));
    });

    it('validates StartBuild overrides', async () => {
      await rejects(cb.send(new StartBuildCommand({ projectName: 'web-app', timeoutInMinutesOverride: 4 })), 'InvalidInputException', /'timeoutInMinutesOverride'.*greater than or equal to 5/);
      await rejects(cb.send(new StartBuildCommand({ projectName: 'web-app', timeoutInMinutesOverride: 2161 })), 'InvalidInputException', /less than or equal to 2160/);
      await rejects(cb.send(new StartBuildCommand({ projectName: 'web-app', environmentVariablesOverride: [{ name: '', value: 'x' }] })), 'InvalidInputException', /environmentVariablesOverride.1.member.name/);
      await rejects(cb.send(new StartBuildCommand({ projectName: 'web-app', environmentVariablesOverride: [{ name: 'A', value: 'x', type: 'VAULT' as never }] })), 'InvalidInputException', /enum value set: \[PLAINTEXT, PARAMETER_STORE, SECRETS_MANAGER\]/);
      const r = await rawCall(sb, 'CodeBuild_20161006.StartBuild', JSON.stringify({ projectName: 'web-app', environmentVariablesOverride: [{ name: 'A' }] }));
      assert.match(String(r.json.message), /Value null at 'environmentVariablesOverride.1.member.value'/);
      await rejects(cb.send(new StartBuildCommand({ projectName: 'web-app', environmentVariablesOverride: [{ name: 'CODEBUILD_BUILD_ID', value: 'x' }] })), 'InvalidInputException', /CODEBUILD_/);
      await rejects(cb.send(new StartBuildCommand({ projectName: 'missing' })), 'ResourceNotFoundException', /Project cannot be found/);
      await rejects(cb.send(new StartBuildCommand({ projectName: '' })), 'InvalidInputException');
      assert.strictEqual((await cb.send(new ListBuildsForProjectCommand({ projectName: 'web-app' }))).ids!.length, 0);
    });

    it('applies overrides: source version, buildspec commands, environment variables, timeout', async () => {
      const buildspec = 'version: 0.2\nphases:\n  build:\n    commands:\n      - make all\n      - "./run-checks.sh"\n';
      const { build } = await cb.send(
        new StartBuildCommand({
          projectName: 'web-app',
          sourceVersion: 'refs/heads/feature/login',
          buildspecOverride: buildspec,
          timeoutInMinutesOverride: 30,
          environmentVariablesOverride: [{ name: 'STAGE', value: 'beta' }],
        }),
      );
      assert.strictEqual(build!.sourceVersion, 'refs/heads/feature/login');
      assert.strictEqual(build!.timeoutInMinutes, 30);
      assert.deepStrictEqual(build!.environment!.environmentVariables, [{ name: 'STAGE', value: 'beta', type: 'PLAINTEXT' }]);
      sb.advance(300_000);
      const text = (await readLog(logs, build!.logs!.groupName!, build!.logs!.streamName!)).join('\n');
      assert.match(text, /Running command make all/);
      assert.match(text, /Running command \.\/run-checks\.sh/);
      assert.doesNotMatch(text, /npm ci/);
    });

    it('an idempotency token starts one build for identical requests within 5 minutes', async () => {
      const input = { projectName: 'web-app', sourceVersion: 'refs/heads/main', idempotencyToken: 'tok-1' };
      const a = await cb.send(new StartBuildCommand(input));
      const b = await cb.send(new StartBuildCommand(input));
      assert.strictEqual(a.build!.id, b.build!.id);
      assert.strictEqual((await cb.send(new ListBuildsForProjectCommand({ projectName: 'web-app' }))).ids!.length, 1);
      await rejects(cb.send(new StartBuildCommand({ ...input, sourceVersion: 'refs/heads/dev' })), 'IdempotentParameterMismatchException');
      sb.advance(5 * 60_000);
      const c = await cb.send(new StartBuildCommand(input));
      assert.notStrictEqual(c.build!.id, a.build!.id);
      assert.strictEqual((await cb.send(new ListBuildsForProjectCommand({ projectName: 'web-app' }))).ids!.length, 2);
    });

    it('stops a running build (current phase STOPPED) and refuses to stop a finished one', async () => {
      const { build } = await cb.send(new StartBuildCommand({ projectName: 'web-app' }));
      sb.advance(45_000);
      const stopped = await raw(sb, 'StopBuild', { id: build!.id });
      const sbuild = stopped.json.build as WireJson;
      assert.strictEqual(sbuild.buildStatus, 'STOPPED');
      assert.strictEqual(sbuild.buildComplete, true);
      const phases = sbuild.phases as { phaseType: string; phaseStatus?: string }[];
      assert.strictEqual(phases[phases.length - 1].phaseType, 'COMPLETED');
      assert.strictEqual(phases[phases.length - 2].phaseStatus, 'STOPPED');
      sb.advance(300_000);
      assert.strictEqual((await cb.send(new BatchGetBuildsCommand({ ids: [build!.id!] }))).builds![0].buildStatus, 'STOPPED');
      await rejects(cb.send(new StopBuildCommand({ id: build!.id })), 'InvalidInputException', /is not in progress/);
      await rejects(cb.send(new StopBuildCommand({ id: 'web-app:00000000-0000-0000-0000-000000000000' })), 'ResourceNotFoundException');
      const text = (await readLog(logs, build!.logs!.groupName!, build!.logs!.streamName!)).join('\n');
      assert.match(text, /State: STOPPED/);
    });

    it('retries a build with the same parameters, once per idempotency token', async () => {
      const { build } = await cb.send(new StartBuildCommand({ projectName: 'web-app', sourceVersion: 'refs/heads/main', environmentVariablesOverride: [{ name: 'SANDBOX_FAIL_PHASE', value: 'BUILD' }] }));
      sb.advance(300_000);
      const retried = await raw(sb, 'RetryBuild', { id: build!.id, idempotencyToken: 'r1' });
      const r = retried.json.build as WireJson;
      assert.notStrictEqual(r.id, build!.id);
      assert.strictEqual(r.buildNumber, 2);
      assert.strictEqual(r.resolvedSourceVersion, build!.resolvedSourceVersion);
      assert.deepStrictEqual(r.environment.environmentVariables, [{ name: 'SANDBOX_FAIL_PHASE', value: 'BUILD', type: 'PLAINTEXT' }]);
      const again = await cb.send(new RetryBuildCommand({ id: build!.id, idempotencyToken: 'r1' }));
      assert.strictEqual(again.build!.id, r.id);
      await rejects(cb.send(new RetryBuildCommand({ id: 'web-app:missing' })), 'ResourceNotFoundException');
      await rejects(cb.send(new RetryBuildCommand({})), 'InvalidInputException');
    });

    it('BatchGetBuilds enforces 1..100 ids and reports the missing ones', async () => {
      const { build } = await cb.send(new StartBuildCommand({ projectName: 'web-app' }));
      await rejects(cb.send(new BatchGetBuildsCommand({ ids: [] })), 'InvalidInputException', /The input build ID list cannot be empty/);
      await rejects(cb.send(new BatchGetBuildsCommand({ ids: Array.from({ length: 101 }, (_, i) => `web-app:${i}`) })), 'InvalidInputException', /less than or equal to 100/);
      const r = await raw(sb, 'BatchGetBuilds', { ids: [build!.id, 'web-app:missing', build!.arn] });
      assert.deepStrictEqual((r.json.builds as { id: string }[]).map((b) => b.id), [build!.id, build!.id]);
      assert.deepStrictEqual(r.json.buildsNotFound, ['web-app:missing']);
    });

    it('lists builds newest first in pages of 100, across projects and per project', async () => {
      await cb.send(new CreateProjectCommand(projectInput('api-service')));
      const ids: string[] = [];
      for (let i = 0; i < 150; i++) ids.push(sb.codebuild.startBuildInternal(i % 3 === 0 ? 'api-service' : 'web-app', {}).id);
      const pages: number[] = [];
      const forWeb: string[] = [];
      for await (const p of paginateListBuildsForProject({ client: cb }, { projectName: 'web-app' })) {
        pages.push(p.ids!.length);
        forWeb.push(...p.ids!);
      }
      assert.deepStrictEqual(pages, [100]);
      assert.deepStrictEqual(forWeb, ids.filter((_, i) => i % 3 !== 0).reverse());
      const all: string[] = [];
      const allPages: number[] = [];
      for await (const p of paginateListBuilds({ client: cb }, {})) {
        allPages.push(p.ids!.length);
        all.push(...p.ids!);
      }
      assert.deepStrictEqual(allPages, [100, 50]);
      assert.deepStrictEqual(all, [...ids].reverse());
      const asc = await raw(sb, 'ListBuilds', { sortOrder: 'ASCENDING' });
      assert.strictEqual((asc.json.ids as string[])[0], ids[0]);
      const forApi = await raw(sb, 'ListBuildsForProject', { projectName: 'api-service', sortOrder: 'ASCENDING' });
      assert.deepStrictEqual(forApi.json.ids, ids.filter((_, i) => i % 3 === 0));
      for (let i = 0; i < 60; i++) sb.codebuild.startBuildInternal('web-app', {});
      const many: string[] = [];
      for await (const p of paginateListBuildsForProject({ client: cb }, { projectName: 'web-app' })) many.push(...p.ids!);
      assert.strictEqual(many.length, 160);
      assert.strictEqual(new Set(many).size, 160);
      await rejects(cb.send(new ListBuildsForProjectCommand({ projectName: 'nope' })), 'ResourceNotFoundException');
      await rejects(cb.send(new ListBuildsCommand({ nextToken: 'bogus' })), 'InvalidInputException');
    });

    it('a build started by a pipeline carries its initiator and resolved source version', async () => {
      const s = sb.codebuild.startBuildInternal('web-app', { initiator: 'codepipeline/web-app-pipeline', resolvedSourceVersion: 'a'.repeat(40), sourceVersion: 'a'.repeat(40) });
      const b = (await cb.send(new BatchGetBuildsCommand({ ids: [s.id] }))).builds![0];
      assert.deepStrictEqual([b.initiator, b.resolvedSourceVersion], ['codepipeline/web-app-pipeline', 'a'.repeat(40)]);
      sb.codebuild.stopBuildInternal(s.id);
      assert.strictEqual(sb.codebuild.getBuildSummary(s.id)?.status, 'STOPPED');
    });

    it('follows a growing build log with GetLogEvents tokens until the build completes', async () => {
      const { build } = await cb.send(new StartBuildCommand({ projectName: 'web-app' }));
      const group = build!.logs!.groupName!;
      const stream = build!.logs!.streamName!;
      const lines: string[] = [];
      let token: string | undefined;
      let caughtUp = 0;
      let status = 'IN_PROGRESS';
      while (status === 'IN_PROGRESS' || token === undefined) {
        const r = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, nextToken: token }));
        lines.push(...r.events!.map((e) => e.message!));
        token = r.nextForwardToken;
        // Nothing new until the clock moves: the same token comes back.
        const again = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, nextToken: token }));
        if (again.nextForwardToken === token && again.events!.length === 0) caughtUp++;
        sb.advance(7000);
        status = (await cb.send(new BatchGetBuildsCommand({ ids: [build!.id!] }))).builds![0].buildStatus!;
      }
      const rest = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, nextToken: token }));
      lines.push(...rest.events!.map((e) => e.message!));
      assert.ok(caughtUp > 10, 'the reader caught up after every read while the build ran');
      assert.deepStrictEqual(lines, await readLog(logs, group, stream));
      assert.match(lines[lines.length - 1], /Phase context status code/);
    });

    it('a log written tick by tick is the log written in one go (succeeded, failed and stopped builds)', async () => {
      // writeLog skips ticks with nothing due (LogMemo): whatever it skipped, the lines must be those of the builds' scripts.
      const ok = await cb.send(new StartBuildCommand({ projectName: 'web-app' }));
      const failed = await cb.send(new StartBuildCommand({ projectName: 'web-app', environmentVariablesOverride: [{ name: 'SANDBOX_FAIL_PHASE', value: 'BUILD' }] }));
      const stopped = await cb.send(new StartBuildCommand({ projectName: 'web-app' }));
      for (let t = 0; t < 300_000; t += 137) {
        sb.clock.advance(137, 137);
        if (t === 60_000) await cb.send(new StopBuildCommand({ id: stopped.build!.id }));
        if (t % 10_000 < 137) sb.tick(); // also ticks at the same time
      }
      for (const { build } of [ok, failed, stopped]) {
        const rec = sb.codebuild.state.builds[build!.id!];
        assert.notStrictEqual(rec.status, 'IN_PROGRESS');
        const fresh = { ...structuredClone(rec), logCursor: { phase: 0, line: 0 } };
        const expected: string[] = [];
        writeLog(fresh, sb.clock.now(), { appendLog: (_b, events) => expected.push(...events.map((e) => e.message)), phaseEnded: () => undefined });
        assert.ok(expected.length > 20);
        assert.deepStrictEqual(await readLog(logs, build!.logs!.groupName!, build!.logs!.streamName!), expected, `${rec.status} build`);
      }
    });

    it('writes a 100,000-line log with SANDBOX_LOG_LINES, readable through GetLogEvents pages', async function () {
      this.timeout(120_000);
      const { build } = await cb.send(new StartBuildCommand({ projectName: 'web-app', environmentVariablesOverride: [{ name: 'SANDBOX_LOG_LINES', value: '100000' }] }));
      const t0 = Date.now();
      sb.advance(600_000);
      const writeMs = Date.now() - t0;
      const t1 = Date.now();
      let calls = 0;
      let count = 0;
      let token: string | undefined;
      for (;;) {
        const r = await logs.send(new GetLogEventsCommand({ logGroupName: build!.logs!.groupName!, logStreamName: build!.logs!.streamName!, startFromHead: true, nextToken: token }));
        calls++;
        count += r.events!.length;
        if (r.nextForwardToken === token) break;
        token = r.nextForwardToken;
      }
      const readMs = Date.now() - t1;
      console.log(`      build with 100,000 extra lines: ${count} events written in ${writeMs} ms (clock advanced 10 min), read in ${calls} GetLogEvents calls in ${readMs} ms`);
      assert.ok(count > 100_000);
      assert.strictEqual((await cb.send(new BatchGetBuildsCommand({ ids: [build!.id!] }))).builds![0].buildStatus, 'SUCCEEDED');
    });
  });
});
