/**
 * Resources named like members of Object.prototype (issue 10): 'constructor', '__proto__', 'toString' are valid AWS
 * names. Created through real AWS SDK v3 clients, such resources read back as themselves; a name that was never
 * created is not found (rather than found as an inherited member); nothing reaches Object.prototype; and all of it
 * survives the state file (saved on stop, loaded on the next start).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, DescribeLogGroupsCommand, DescribeLogStreamsCommand, GetLogEventsCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { BatchGetBuildsCommand, BatchGetProjectsCommand, CodeBuildClient, CreateProjectCommand, ListBuildsForProjectCommand, StartBuildCommand, StopBuildCommand } from '@aws-sdk/client-codebuild';
import {
  CodeCommitClient,
  CreateBranchCommand,
  CreateRepositoryCommand,
  GetBranchCommand,
  GetDifferencesCommand,
  GetFileCommand,
  GetFolderCommand,
  GetRepositoryCommand,
  ListBranchesCommand,
  PutFileCommand,
} from '@aws-sdk/client-codecommit';
import { BatchGetApplicationsCommand, BatchGetDeploymentGroupsCommand, CodeDeployClient, CreateDeploymentCommand, GetDeploymentCommand } from '@aws-sdk/client-codedeploy';
import {
  CodePipelineClient,
  CreatePipelineCommand,
  DisableStageTransitionCommand,
  EnableStageTransitionCommand,
  GetPipelineCommand,
  GetPipelineStateCommand,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
} from '@aws-sdk/client-codepipeline';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { clientConfig, startSandbox } from '../../helpers/sandbox';

async function rejects(promise: Promise<unknown>, name: string): Promise<void> {
  await assert.rejects(promise, (e: Error) => {
    assert.strictEqual(e.name, name, e.message);
    return true;
  });
}

const text = (s: string) => new TextEncoder().encode(s);

/** The SDK v3 clients of one Sandbox. */
function clients(sb: Sandbox) {
  return {
    cc: new CodeCommitClient(clientConfig(sb)),
    cb: new CodeBuildClient(clientConfig(sb)),
    cp: new CodePipelineClient(clientConfig(sb)),
    cd: new CodeDeployClient(clientConfig(sb)),
    logs: new CloudWatchLogsClient(clientConfig(sb)),
  };
}

describe('reliability: resources named after Object.prototype members', function () {
  this.timeout(60_000);
  let dir: string;
  let file: string;
  let sb: Sandbox;
  let c: ReturnType<typeof clients>;
  /** The two commits on the branches of the `__proto__` repository: `constructor` (first), `__proto__` (second). */
  let first = '';
  let second = '';
  let buildId = '';
  let deploymentId = '';

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-proto-'));
    file = path.join(dir, 'state.json');
    sb = await startSandbox({ stateFile: file });
    c = clients(sb);
  });
  after(async () => {
    await sb.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the manual clock forward in steps until `done` (or fails after `maxMs`). */
  async function runUntil(what: string, done: () => Promise<boolean>, maxMs = 30 * 60_000): Promise<void> {
    for (let t = 0; t <= maxMs; t += 30_000) {
      if (await done()) return;
      sb.advance(30_000);
    }
    assert.fail(`${what} within ${maxMs / 60_000} minutes of Sandbox time`);
  }

  it('CodeCommit: repositories and branches named constructor and __proto__ are created and read back', async () => {
    for (const repositoryName of ['constructor', '__proto__']) {
      const created = await c.cc.send(new CreateRepositoryCommand({ repositoryName }));
      assert.strictEqual(created.repositoryMetadata?.repositoryName, repositoryName);
      const got = await c.cc.send(new GetRepositoryCommand({ repositoryName }));
      assert.strictEqual(got.repositoryMetadata?.repositoryName, repositoryName);
    }
    const repositoryName = '__proto__';
    first = (await c.cc.send(new PutFileCommand({ repositoryName, branchName: 'constructor', filePath: 'toString/valueOf.txt', fileContent: text('one\n') }))).commitId ?? '';
    await c.cc.send(new CreateBranchCommand({ repositoryName, branchName: '__proto__', commitId: first }));
    second = (await c.cc.send(new PutFileCommand({ repositoryName, branchName: '__proto__', parentCommitId: first, filePath: 'toString/valueOf.txt', fileContent: text('two\n') }))).commitId ?? '';
    assert.notStrictEqual(first, second);

    assert.deepStrictEqual((await c.cc.send(new ListBranchesCommand({ repositoryName }))).branches, ['__proto__', 'constructor']);
    assert.strictEqual((await c.cc.send(new GetBranchCommand({ repositoryName, branchName: 'constructor' }))).branch?.commitId, first);
    assert.strictEqual((await c.cc.send(new GetBranchCommand({ repositoryName, branchName: '__proto__' }))).branch?.commitId, second);
    const f = await c.cc.send(new GetFileCommand({ repositoryName, commitSpecifier: '__proto__', filePath: 'toString/valueOf.txt' }));
    assert.strictEqual(Buffer.from(f.fileContent ?? new Uint8Array()).toString(), 'two\n');
    const folder = await c.cc.send(new GetFolderCommand({ repositoryName, commitSpecifier: 'constructor', folderPath: '/' }));
    assert.deepStrictEqual(folder.subFolders?.map((s) => s.relativePath), ['toString']);
    const diff = await c.cc.send(new GetDifferencesCommand({ repositoryName, beforeCommitSpecifier: 'constructor', afterCommitSpecifier: '__proto__' }));
    assert.deepStrictEqual(diff.differences?.map((d) => [d.changeType, d.afterBlob?.path]), [['M', 'toString/valueOf.txt']]);

    // names never created are not found, whatever Object.prototype has
    for (const missing of ['toString', 'hasOwnProperty', 'valueOf']) {
      await rejects(c.cc.send(new GetRepositoryCommand({ repositoryName: missing })), 'RepositoryDoesNotExistException');
      await rejects(c.cc.send(new GetBranchCommand({ repositoryName, branchName: missing })), 'BranchDoesNotExistException');
      await rejects(c.cc.send(new GetFileCommand({ repositoryName, commitSpecifier: missing, filePath: 'toString/valueOf.txt' })), 'CommitDoesNotExistException');
    }
    await rejects(c.cc.send(new ListBranchesCommand({ repositoryName: 'toString' })), 'RepositoryDoesNotExistException');
  });

  it('CodeBuild: a project named constructor builds from the __proto__ branch, and its builds read back', async () => {
    const project = await c.cb.send(
      new CreateProjectCommand({
        name: 'constructor',
        source: { type: 'CODECOMMIT', location: 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/__proto__' },
        sourceVersion: 'refs/heads/__proto__',
        artifacts: { type: 'NO_ARTIFACTS' },
        environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
        serviceRole: 'arn:aws:iam::123456789012:role/codebuild-service-role',
      }),
    );
    assert.strictEqual(project.project?.name, 'constructor');
    const started = await c.cb.send(new StartBuildCommand({ projectName: 'constructor' }));
    buildId = started.build?.id ?? '';
    assert.match(buildId, /^constructor:/);
    assert.strictEqual(started.build?.resolvedSourceVersion, second, 'the __proto__ branch head');

    const got = await c.cb.send(new BatchGetBuildsCommand({ ids: [buildId, 'toString', 'constructor', '__proto__'] }));
    assert.deepStrictEqual(got.builds?.map((b) => b.id), [buildId]);
    assert.deepStrictEqual(got.buildsNotFound, ['toString', 'constructor', '__proto__']);
    assert.deepStrictEqual((await c.cb.send(new ListBuildsForProjectCommand({ projectName: 'constructor' }))).ids, [buildId]);
    const projects = await c.cb.send(new BatchGetProjectsCommand({ names: ['constructor', 'toString', 'valueOf'] }));
    assert.deepStrictEqual(projects.projects?.map((p) => p.name), ['constructor']);
    assert.deepStrictEqual(projects.projectsNotFound, ['toString', 'valueOf']);
    await rejects(c.cb.send(new StartBuildCommand({ projectName: 'toString' })), 'ResourceNotFoundException');
    await rejects(c.cb.send(new StopBuildCommand({ id: 'hasOwnProperty' })), 'ResourceNotFoundException');
  });

  it('CodePipeline: a pipeline named __proto__ with stages, actions and a namespace named so runs and reads back', async () => {
    const created = await c.cp.send(
      new CreatePipelineCommand({
        pipeline: {
          name: '__proto__',
          roleArn: 'arn:aws:iam::123456789012:role/codepipeline-role',
          artifactStore: { type: 'S3', location: 'codepipeline-us-east-1-artifacts' },
          stages: [
            {
              name: '__proto__',
              actions: [
                {
                  name: 'constructor',
                  actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeCommit', version: '1' },
                  configuration: { RepositoryName: '__proto__', BranchName: 'constructor', PollForSourceChanges: 'false' },
                  outputArtifacts: [{ name: 'constructor' }],
                  namespace: '__proto__',
                },
              ],
            },
            {
              name: 'constructor',
              actions: [
                {
                  name: '__proto__',
                  actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' },
                  configuration: { ProjectName: 'constructor', EnvironmentVariables: '[{"name":"COMMIT","value":"#{__proto__.CommitId}"},{"name":"NONE","value":"#{__proto__.toString}"}]' },
                  inputArtifacts: [{ name: 'constructor' }],
                },
              ],
            },
          ],
        },
      }),
    );
    assert.strictEqual(created.pipeline?.name, '__proto__');
    const state = () => c.cp.send(new GetPipelineStateCommand({ name: '__proto__' }));
    await runUntil('the build action starts', async () => Boolean((await state()).stageStates?.[1].actionStates?.[0].latestExecution));

    const s = await state();
    assert.deepStrictEqual(s.stageStates?.map((x) => x.stageName), ['__proto__', 'constructor']);
    assert.strictEqual(s.stageStates?.[0].latestExecution?.status, 'Succeeded');
    assert.strictEqual(s.stageStates?.[0].actionStates?.[0].actionName, 'constructor');
    assert.strictEqual(s.stageStates?.[0].actionStates?.[0].currentRevision?.revisionId, first, 'the constructor branch head');
    assert.strictEqual((await c.cp.send(new GetPipelineCommand({ name: '__proto__' }))).pipeline?.stages?.[1].actions?.[0].name, '__proto__');

    const executions = await c.cp.send(new ListPipelineExecutionsCommand({ pipelineName: '__proto__', filter: { succeededInStage: { stageName: '__proto__' } } }));
    assert.strictEqual(executions.pipelineExecutionSummaries?.length, 1);
    const actions = await c.cp.send(new ListActionExecutionsCommand({ pipelineName: '__proto__' }));
    const buildAction = actions.actionExecutionDetails?.find((a) => a.actionName === '__proto__');
    assert.strictEqual(
      buildAction?.input?.resolvedConfiguration?.EnvironmentVariables,
      `[{"name":"COMMIT","value":"${first}"},{"name":"NONE","value":"#{__proto__.toString}"}]`,
      'the __proto__ namespace resolves its own variables only',
    );

    await c.cp.send(new DisableStageTransitionCommand({ pipelineName: '__proto__', stageName: 'constructor', transitionType: 'Inbound', reason: 'hold' }));
    assert.strictEqual((await state()).stageStates?.[1].inboundTransitionState?.enabled, false);
    await c.cp.send(new EnableStageTransitionCommand({ pipelineName: '__proto__', stageName: 'constructor', transitionType: 'Inbound' }));
    assert.strictEqual((await state()).stageStates?.[1].inboundTransitionState?.enabled, true);

    for (const missing of ['constructor', 'toString', 'valueOf']) {
      await rejects(c.cp.send(new GetPipelineCommand({ name: missing })), 'PipelineNotFoundException');
      await rejects(c.cp.send(new GetPipelineStateCommand({ name: missing })), 'PipelineNotFoundException');
    }
  });

  it('CodeDeploy: an application constructor with a group __proto__ deploys; an unknown configuration named constructor is refused', async () => {
    // CodeDeploy's applications and groups have no create operation in the Sandbox: made through its internal API
    sb.codedeploy.createApplicationInternal('constructor');
    sb.codedeploy.createDeploymentGroupInternal({ applicationName: 'constructor', deploymentGroupName: '__proto__', instanceCount: 1 });
    assert.deepStrictEqual((await c.cd.send(new BatchGetApplicationsCommand({ applicationNames: ['constructor'] }))).applicationsInfo?.map((a) => a.applicationName), ['constructor']);
    const groups = await c.cd.send(new BatchGetDeploymentGroupsCommand({ applicationName: 'constructor', deploymentGroupNames: ['__proto__', 'toString'] }));
    assert.deepStrictEqual(groups.deploymentGroupsInfo?.map((g) => g.deploymentGroupName), ['__proto__']);
    await rejects(c.cd.send(new BatchGetApplicationsCommand({ applicationNames: ['toString'] })), 'ApplicationDoesNotExistException');

    const revision = { revisionType: 'S3' as const, s3Location: { bucket: 'artifacts', key: 'app.zip', bundleType: 'zip' as const } };
    await rejects(
      c.cd.send(new CreateDeploymentCommand({ applicationName: 'constructor', deploymentGroupName: '__proto__', revision, deploymentConfigName: 'constructor' })),
      'DeploymentConfigDoesNotExistException',
    );
    deploymentId = (await c.cd.send(new CreateDeploymentCommand({ applicationName: 'constructor', deploymentGroupName: '__proto__', revision }))).deploymentId ?? '';
    await runUntil('the deployment succeeds', async () => (await c.cd.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo?.status === 'Succeeded');
  });

  it('CloudWatch Logs: a group __proto__ with a stream constructor takes and returns events', async () => {
    await c.logs.send(new CreateLogGroupCommand({ logGroupName: '__proto__' }));
    await c.logs.send(new CreateLogStreamCommand({ logGroupName: '__proto__', logStreamName: 'constructor' }));
    await c.logs.send(new PutLogEventsCommand({ logGroupName: '__proto__', logStreamName: 'constructor', logEvents: [{ timestamp: sb.clock.now(), message: 'hello' }] }));
    const events = await c.logs.send(new GetLogEventsCommand({ logGroupName: '__proto__', logStreamName: 'constructor', startFromHead: true }));
    assert.deepStrictEqual(events.events?.map((e) => e.message), ['hello']);
    assert.deepStrictEqual((await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: '__proto__' }))).logStreams?.map((s) => s.logStreamName), ['constructor']);
    assert.deepStrictEqual((await c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '__' }))).logGroups?.map((g) => g.logGroupName), ['__proto__']);
    await rejects(c.logs.send(new CreateLogStreamCommand({ logGroupName: 'toString', logStreamName: 'constructor' })), 'ResourceNotFoundException');
    await rejects(c.logs.send(new GetLogEventsCommand({ logGroupName: '__proto__', logStreamName: 'valueOf' })), 'ResourceNotFoundException');
  });

  it('nothing reaches Object.prototype, and the state maps keep such names as their own keys', () => {
    assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
    assert.strictEqual(Object.getPrototypeOf({}), Object.prototype);
    const maps: [string, object][] = [
      ['codecommit repositories', sb.codecommit.state.repositories],
      ['codebuild projects', sb.codebuild.state.projects],
      ['codepipeline pipelines', sb.codepipeline.state.pipelines],
      ['codedeploy applications', sb.codedeploy.state.applications],
      ['logs groups', sb.logs.state.groups],
    ];
    for (const [what, map] of maps) assert.strictEqual(Object.getPrototypeOf(map), null, `${what} has no prototype`);
    assert.deepStrictEqual(Object.keys(sb.codecommit.state.repositories).sort(), ['__proto__', 'constructor']);
    assert.deepStrictEqual(Object.keys(sb.codepipeline.state.pipelines), ['__proto__']);
    assert.deepStrictEqual(Object.keys(sb.logs.state.groups).filter((g) => g.startsWith('__')), ['__proto__']);
    assert.match(JSON.stringify(sb.snapshot()), /"__proto__":\{"repositoryId"/);
  });

  it('all of it survives the state file: a restarted Sandbox reads the same resources and still finds no inherited ones', async () => {
    await sb.stop();
    sb = await startSandbox({ stateFile: file });
    c = clients(sb);
    for (const map of [sb.codecommit.state.repositories, sb.codecommit.state.repositories['__proto__'].branches, sb.codebuild.state.builds, sb.codepipeline.state.executions, sb.logs.state.groups['__proto__'].streams])
      assert.strictEqual(Object.getPrototypeOf(map), null, 'maps loaded from the state file have no prototype');

    assert.strictEqual((await c.cc.send(new GetBranchCommand({ repositoryName: '__proto__', branchName: '__proto__' }))).branch?.commitId, second);
    await rejects(c.cc.send(new GetBranchCommand({ repositoryName: '__proto__', branchName: 'toString' })), 'BranchDoesNotExistException');
    await rejects(c.cc.send(new GetRepositoryCommand({ repositoryName: 'hasOwnProperty' })), 'RepositoryDoesNotExistException');
    assert.deepStrictEqual((await c.cb.send(new BatchGetBuildsCommand({ ids: [buildId, 'constructor'] }))).builds?.map((b) => b.id), [buildId]);
    const ids = (await c.cb.send(new ListBuildsForProjectCommand({ projectName: 'constructor' }))).ids ?? [];
    assert.strictEqual(ids.length, 2, 'the build started above, and the build action of the pipeline');
    assert.strictEqual(ids[1], buildId);
    await rejects(c.cb.send(new StartBuildCommand({ projectName: 'valueOf' })), 'ResourceNotFoundException');
    const s = await c.cp.send(new GetPipelineStateCommand({ name: '__proto__' }));
    assert.deepStrictEqual(s.stageStates?.map((x) => [x.stageName, x.inboundTransitionState?.enabled]), [['__proto__', true], ['constructor', true]]);
    await rejects(c.cp.send(new GetPipelineCommand({ name: 'constructor' })), 'PipelineNotFoundException');
    assert.strictEqual((await c.cd.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo?.status, 'Succeeded');
    const events = await c.logs.send(new GetLogEventsCommand({ logGroupName: '__proto__', logStreamName: 'constructor', startFromHead: true }));
    assert.deepStrictEqual(events.events?.map((e) => e.message), ['hello']);

    // and a loaded state takes new such names as well
    await c.logs.send(new CreateLogStreamCommand({ logGroupName: '__proto__', logStreamName: '__proto__' }));
    await c.cc.send(new CreateBranchCommand({ repositoryName: '__proto__', branchName: 'hasOwnProperty', commitId: first }));
    assert.deepStrictEqual((await c.cc.send(new ListBranchesCommand({ repositoryName: '__proto__' }))).branches, ['__proto__', 'constructor', 'hasOwnProperty']);
    assert.deepStrictEqual((await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: '__proto__' }))).logStreams?.map((x) => x.logStreamName), ['__proto__', 'constructor']);
    assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
  });
});
