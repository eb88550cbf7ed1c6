import * as assert from 'assert';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { BatchGetBuildsCommand, CodeBuildClient } from '@aws-sdk/client-codebuild';
import { CodeCommitClient, GetBranchCommand, PutFileCommand } from '@aws-sdk/client-codecommit';
import { CodeDeployClient, ContinueDeploymentCommand, GetDeploymentCommand } from '@aws-sdk/client-codedeploy';
import {
  CodePipelineClient,
  EnableStageTransitionCommand,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
  PutApprovalResultCommand,
  RetryStageExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { clientConfig, startSandbox } from '../../helpers/sandbox';
import { cp, type Wire } from './codepipeline.fixtures';

/** Advances the manual clock in `stepMs` steps until `done()` holds (checked on the in-process state), at most `maxMs`. */
function advanceUntil(sb: Sandbox, done: () => boolean, what: string, maxMs = 3 * 3600_000, stepMs = 5_000): void {
  for (let t = 0; t < maxMs; t += stepMs) {
    if (done()) return;
    sb.clock.advance(stepMs, stepMs);
  }
  assert.ok(done(), `timed out waiting for ${what}`);
}

describe('sandbox end to end (demo seed, manual clock)', function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let pipelines: CodePipelineClient;
  let commit: CodeCommitClient;
  let builds: CodeBuildClient;
  let deploy: CodeDeployClient;
  let logs: CloudWatchLogsClient;
  before(async () => {
    sb = await startSandbox({ seed: 'demo' });
    pipelines = new CodePipelineClient(clientConfig(sb));
    commit = new CodeCommitClient(clientConfig(sb));
    builds = new CodeBuildClient(clientConfig(sb));
    deploy = new CodeDeployClient(clientConfig(sb));
    logs = new CloudWatchLogsClient(clientConfig(sb));
  });
  after(async () => {
    for (const c of [pipelines, commit, builds, deploy, logs]) c.destroy();
    await sb.stop();
  });

  const executionStatus = (id: string) => sb.codepipeline.state.executions[id]?.status;
  const stageStatus = (id: string, stage: string) => sb.codepipeline.state.executions[id]?.stages[stage]?.status;

  it('a commit starts web-app-release: build, staging, approval, blue/green production; the build log is readable', async () => {
    // The seeded execution waits at the approval; the release manager rejects it so the new commit can go out.
    const before: Wire = await cp(sb, 'GetPipelineState', { name: 'web-app-release' });
    const waiting = before.stageStates.find((s: Wire) => s.stageName === 'Approval').actionStates[0].latestExecution;
    await pipelines.send(
      new PutApprovalResultCommand({ pipelineName: 'web-app-release', stageName: 'Approval', actionName: 'ApproveRelease', token: waiting.token, result: { status: 'Rejected', summary: 'Superseded by the header fix' } }),
    );

    const head = (await commit.send(new GetBranchCommand({ repositoryName: 'web-app', branchName: 'main' }))).branch?.commitId;
    const put = await commit.send(
      new PutFileCommand({ repositoryName: 'web-app', branchName: 'main', parentCommitId: head, filePath: 'src/banner.txt', fileContent: Buffer.from('Spring sale!\n'), commitMessage: 'Add the spring sale banner' }),
    );
    const list = await pipelines.send(new ListPipelineExecutionsCommand({ pipelineName: 'web-app-release', maxResults: 5 }));
    const run = list.pipelineExecutionSummaries?.[0];
    assert.strictEqual(run?.trigger?.triggerType, 'CloudWatchEvent');
    assert.deepStrictEqual([run?.sourceRevisions?.[0].revisionId, run?.sourceRevisions?.[0].revisionSummary], [put.commitId, 'Add the spring sale banner']);
    const id = run?.pipelineExecutionId ?? '';

    advanceUntil(sb, () => stageStatus(id, 'Approval') === 'InProgress' || executionStatus(id) !== 'InProgress', 'the approval');
    assert.strictEqual(executionStatus(id), 'InProgress');
    const state = await pipelines.send(new GetPipelineStateCommand({ name: 'web-app-release' }));
    await cp(sb, 'GetPipelineState', { name: 'web-app-release' });
    const stage = (name: string) => state.stageStates?.find((s) => s.stageName === name);
    assert.strictEqual(stage('Build')?.latestExecution?.status, 'Succeeded');
    assert.strictEqual(stage('Staging')?.latestExecution?.status, 'Succeeded');
    const approval = stage('Approval')?.actionStates?.[0].latestExecution;
    assert.strictEqual(approval?.status, 'InProgress');
    assert.strictEqual(stage('Approval')?.latestExecution?.pipelineExecutionId, id);

    // The build the pipeline started is a real CodeBuild build with the commit, and its log is in CloudWatch Logs.
    const actions = await pipelines.send(new ListActionExecutionsCommand({ pipelineName: 'web-app-release', filter: { pipelineExecutionId: id } }));
    const buildId = actions.actionExecutionDetails?.find((a) => a.actionName === 'Build')?.output?.executionResult?.externalExecutionId ?? '';
    const b = (await builds.send(new BatchGetBuildsCommand({ ids: [buildId] }))).builds?.[0];
    assert.strictEqual(b?.buildStatus, 'SUCCEEDED');
    assert.strictEqual(b?.initiator, 'codepipeline/web-app-release');
    assert.strictEqual(b?.resolvedSourceVersion ?? b?.sourceVersion, put.commitId);
    const events = await logs.send(new GetLogEventsCommand({ logGroupName: b?.logs?.groupName, logStreamName: b?.logs?.streamName, startFromHead: true }));
    assert.ok((events.events ?? []).length > 5, 'the build wrote its log');
    assert.ok(events.events?.some((e) => /BUILD/.test(e.message ?? '')));

    await pipelines.send(new PutApprovalResultCommand({ pipelineName: 'web-app-release', stageName: 'Approval', actionName: 'ApproveRelease', token: approval?.token, result: { status: 'Approved', summary: 'Staging verified' } }));
    const deploymentId = () => {
      const prod = sb.codepipeline.state.executions[id].stages.Production?.actions.DeployProduction;
      return prod ? sb.codepipeline.state.actions[prod].externalExecutionId : undefined;
    };
    advanceUntil(
      sb,
      () => ['Ready', 'Succeeded', 'Failed', 'Stopped'].includes(sb.codedeploy.getDeploymentStatus(deploymentId() ?? '')?.status ?? ''),
      'the blue/green production deployment to wait in Ready',
    );
    const depId = deploymentId() ?? '';
    assert.strictEqual(sb.codedeploy.getDeploymentStatus(depId)?.status, 'Ready');
    await deploy.send(new ContinueDeploymentCommand({ deploymentId: depId, deploymentWaitType: 'READY_WAIT' }));
    advanceUntil(sb, () => executionStatus(id) !== 'InProgress', 'the execution to finish');
    assert.strictEqual((await deploy.send(new GetDeploymentCommand({ deploymentId: depId }))).deploymentInfo?.status, 'Succeeded');
    const done = await pipelines.send(new GetPipelineExecutionCommand({ pipelineName: 'web-app-release', pipelineExecutionId: id }));
    assert.strictEqual(done.pipelineExecution?.status, 'Succeeded');
    await cp(sb, 'ListActionExecutions', { pipelineName: 'web-app-release', filter: { pipelineExecutionId: id } });
  });

  it('api-service-ci failed at Build: RetryStageExecution rebuilds, the disabled transition holds it, enabling deploys', async () => {
    const latest = (await pipelines.send(new ListPipelineExecutionsCommand({ pipelineName: 'api-service-ci', maxResults: 1 }))).pipelineExecutionSummaries?.[0];
    assert.strictEqual(latest?.status, 'Failed');
    const id = latest?.pipelineExecutionId ?? '';
    await pipelines.send(new RetryStageExecutionCommand({ pipelineName: 'api-service-ci', stageName: 'Build', pipelineExecutionId: id, retryMode: 'FAILED_ACTIONS' }));
    advanceUntil(sb, () => stageStatus(id, 'Build') !== 'InProgress', 'the retried build');
    assert.strictEqual(stageStatus(id, 'Build'), 'Succeeded');
    const held: Wire = await cp(sb, 'GetPipelineState', { name: 'api-service-ci' });
    const deployStage = held.stageStates.find((s: Wire) => s.stageName === 'Deploy');
    assert.strictEqual(deployStage.inboundExecution.pipelineExecutionId, id);
    assert.strictEqual(deployStage.inboundTransitionState.enabled, false);
    await pipelines.send(new EnableStageTransitionCommand({ pipelineName: 'api-service-ci', stageName: 'Deploy', transitionType: 'Inbound' }));
    advanceUntil(sb, () => executionStatus(id) !== 'InProgress', 'the deployment');
    assert.strictEqual(executionStatus(id), 'Succeeded');
    const actions = await pipelines.send(new ListActionExecutionsCommand({ pipelineName: 'api-service-ci', filter: { pipelineExecutionId: id } }));
    assert.deepStrictEqual(
      actions.actionExecutionDetails?.map((a) => `${a.actionName}:${a.status}`),
      ['Deploy:Succeeded', 'Build:Succeeded', 'Build:Failed', 'Source:Succeeded'],
    );
  });
});
