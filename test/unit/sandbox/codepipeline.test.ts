import * as assert from 'assert';
import {
  CodePipelineClient,
  CreatePipelineCommand,
  DisableStageTransitionCommand,
  EnableStageTransitionCommand,
  GetPipelineCommand,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  PutApprovalResultCommand,
  RetryStageExecutionCommand,
  StartPipelineExecutionCommand,
  StopPipelineExecutionCommand,
  ListPipelineExecutionsCommand,
  ListActionExecutionsCommand,
  ListPipelinesCommand,
  paginateListActionExecutions,
  paginateListPipelineExecutions,
  paginateListPipelines,
  type ActionExecutionDetail,
  type PipelineExecutionSummary,
  type PipelineSummary,
} from '@aws-sdk/client-codepipeline';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { clientConfig, startSandbox } from '../../helpers/sandbox';
import {
  approval,
  approvalPipeline,
  build,
  cp,
  cpError,
  deploy,
  executionStatus,
  installFakes,
  pipeline,
  releasePipeline,
  seedRepo,
  source,
  stateOf,
  type Wire,
} from './codepipeline.fixtures';

const DAY = 24 * 3600_000;

describe('sandbox CodePipeline', () => {
  let sb: Sandbox;
  let client: CodePipelineClient;
  let fakes: ReturnType<typeof installFakes>;

  beforeEach(async () => {
    sb = await startSandbox();
    client = new CodePipelineClient(clientConfig(sb));
    // CodeBuild and CodeDeploy are replaced by in-test fakes here; the end-to-end tests use the real services.
    fakes = installFakes(sb);
    seedRepo(sb);
  });
  afterEach(async () => {
    fakes.restore();
    client.destroy();
    await sb.stop();
  });

  const latestId = async (name: string): Promise<string> => {
    const out: Wire = await cp(sb, 'ListPipelineExecutions', { pipelineName: name, maxResults: 1 });
    return String(out.pipelineExecutionSummaries[0].pipelineExecutionId);
  };

  describe('pipelines', () => {
    it('creates a pipeline, starts it, and answers GetPipeline, ListPipelines and GetPipelineState by the model', async () => {
      const created = await client.send(new CreatePipelineCommand({ ...releasePipeline('release'), tags: [{ key: 'team', value: 'web' }] } as Wire));
      assert.strictEqual(created.pipeline?.version, 1);
      assert.strictEqual(created.pipeline?.pipelineType, 'V1');
      assert.strictEqual(created.pipeline?.executionMode, 'SUPERSEDED');
      assert.strictEqual(created.pipeline?.stages?.[1].actions?.[0].runOrder, 1);
      const raw = await cp(sb, 'GetPipeline', { name: 'release' });
      assert.match(raw.metadata.pipelineArn, /^arn:aws:codepipeline:us-east-1:123456789012:release$/);
      assert.strictEqual(typeof raw.metadata.created, 'number');
      const got = await client.send(new GetPipelineCommand({ name: 'release', version: 1 }));
      assert.ok(got.metadata?.created instanceof Date);
      await cpError(sb, 'GetPipeline', { name: 'release', version: 2 }, 'PipelineVersionNotFoundException');
      await cpError(sb, 'GetPipeline', { name: 'nope' }, 'PipelineNotFoundException');
      await cpError(sb, 'CreatePipeline', releasePipeline('release'), 'PipelineNameInUseException');

      // CreatePipeline starts the first execution, as on AWS.
      const execs = await cp(sb, 'ListPipelineExecutions', { pipelineName: 'release' });
      assert.strictEqual(execs.pipelineExecutionSummaries.length, 1);
      assert.strictEqual(execs.pipelineExecutionSummaries[0].trigger.triggerType, 'CreatePipeline');
      assert.strictEqual(execs.pipelineExecutionSummaries[0].sourceRevisions[0].revisionSummary, 'Initial commit');
      const state = await client.send(new GetPipelineStateCommand({ name: 'release' }));
      assert.strictEqual(state.stageStates?.[0].actionStates?.[0].latestExecution?.status, 'InProgress');
      assert.match(state.stageStates?.[0].actionStates?.[0].entityUrl ?? '', /codecommit\/repositories\/app\/browse/);
      assert.deepStrictEqual(state.stageStates?.[1].inboundTransitionState, { enabled: true });
      await stateOf(sb, 'release');
    });

    it('pages ListPipelines with paginateListPipelines and maxResults 1..1000', async () => {
      for (let i = 0; i < 7; i++) await cp(sb, 'CreatePipeline', approvalPipeline(`p-${i}`));
      const names: string[] = [];
      let pages = 0;
      for await (const pg of paginateListPipelines({ client, pageSize: 3 }, {})) {
        pages++;
        names.push(...(pg.pipelines ?? []).map((p: PipelineSummary) => p.name ?? ''));
      }
      assert.strictEqual(pages, 3);
      assert.deepStrictEqual(names, ['p-0', 'p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6']);
      const first = await cp(sb, 'ListPipelines', { maxResults: 2 });
      assert.ok(first.nextToken);
      await cp(sb, 'ListPipelines', { maxResults: 2, nextToken: first.nextToken });
      await cpError(sb, 'ListPipelines', { maxResults: 0 }, 'ValidationException', /greater than or equal to 1/);
      await cpError(sb, 'ListPipelines', { maxResults: 1001 }, 'ValidationException', /less than or equal to 1000/);
      await cpError(sb, 'ListPipelines', { nextToken: 'bogus' }, 'InvalidNextTokenException');
      const all = await client.send(new ListPipelinesCommand({}));
      assert.strictEqual(all.pipelines?.length, 7);
    });

    it('validates the pipeline declaration', async () => {
      const ok = releasePipeline('x');
      const withPipeline = (patch: Record<string, unknown>) => ({ pipeline: { ...ok.pipeline, ...patch } });
      await cpError(sb, 'CreatePipeline', withPipeline({ name: 'bad name!' }), 'ValidationException', /pipeline.name.*regular expression/);
      await cpError(sb, 'CreatePipeline', withPipeline({ name: 'n'.repeat(101) }), 'ValidationException', /length less than or equal to 100/);
      await cpError(sb, 'CreatePipeline', withPipeline({ roleArn: 'role' }), 'ValidationException', /roleArn/);
      await cpError(sb, 'CreatePipeline', withPipeline({ roleArn: undefined }), 'ValidationException', /Member must not be null/);
      await cpError(sb, 'CreatePipeline', withPipeline({ stages: [ok.pipeline.stages[0]] }), 'InvalidStructureException', /minimum of 2 stages/);
      await cpError(sb, 'CreatePipeline', withPipeline({ stages: [{ name: 'Build', actions: [build()] }, ok.pipeline.stages[0]] }), 'InvalidStructureException', /first stage/);
      await cpError(sb, 'CreatePipeline', withPipeline({ stages: [ok.pipeline.stages[0], { name: 'Again', actions: [source('app', 'main', 'Src2')] }] }), 'InvalidStructureException', /Source actions can only be in the first stage/);
      await cpError(sb, 'CreatePipeline', withPipeline({ stages: [ok.pipeline.stages[0], ok.pipeline.stages[0]] }), 'InvalidStageDeclarationException', /unique/);
      await cpError(sb, 'CreatePipeline', withPipeline({ stages: [ok.pipeline.stages[0], { name: 'Empty', actions: [] }] }), 'InvalidStageDeclarationException', /at least one action/);
      const typo = { ...build(), actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBiuld', version: '1' } };
      await cpError(sb, 'CreatePipeline', withPipeline({ stages: [ok.pipeline.stages[0], { name: 'Build', actions: [typo] }] }), 'InvalidActionDeclarationException', /not available in region 'US_EAST_1'/);
      const badEnum = { ...build(), actionTypeId: { category: 'Building', owner: 'Amazon', provider: 'Code Build', version: '1.0.0.0.0.0' } };
      const msg = await cpError(sb, 'CreatePipeline', withPipeline({ stages: [ok.pipeline.stages[0], { name: 'Build', actions: [badEnum] }] }), 'ValidationException', /^5 validation errors/);
      assert.match(msg, /actionTypeId.category' failed to satisfy constraint: Member must satisfy enum value set/);
      await cpError(sb, 'CreatePipeline', withPipeline({ stages: [ok.pipeline.stages[0], { name: 'Build', actions: [{ ...build(), configuration: {} }] }] }), 'InvalidActionDeclarationException', /ProjectName/);
      await cpError(sb, 'CreatePipeline', withPipeline({ stages: [ok.pipeline.stages[0], { name: 'Build', actions: [{ ...build(), runOrder: 0 }] }] }), 'ValidationException', /runOrder/);
      await cpError(sb, 'CreatePipeline', withPipeline({ stages: [ok.pipeline.stages[0], { name: 'Build', actions: [build('p', 'Build', { inputArtifacts: [{ name: 'Nowhere' }] })] }] }), 'InvalidStructureException', /Input Artifact Bundle 'Nowhere'/);
      await cpError(sb, 'CreatePipeline', withPipeline({ stages: [ok.pipeline.stages[0], { name: 'Build', actions: [build('p', 'Build', { outputArtifacts: [{ name: 'bad name' }] })] }] }), 'ValidationException', /outputArtifacts.1.member.name/);
      await cpError(sb, 'CreatePipeline', withPipeline({ stages: [ok.pipeline.stages[0], { name: 'Build', actions: [build('p', 'Build', { outputArtifacts: [{ name: 'SourceOutput' }] })] }] }), 'InvalidStructureException', /must be unique/);
      await cpError(sb, 'CreatePipeline', withPipeline({ executionMode: 'QUEUED' }), 'ValidationException', /only supported for pipelines of type V2/);
      await cpError(sb, 'CreatePipeline', withPipeline({ executionMode: 'FAST' }), 'ValidationException', /enum value set: \[QUEUED, SUPERSEDED, PARALLEL\]/);
      await cpError(sb, 'CreatePipeline', withPipeline({ pipelineType: 'V3' }), 'ValidationException', /pipelineType/);
      await cpError(sb, 'CreatePipeline', withPipeline({ variables: [{ name: 'env', defaultValue: 'dev' }] }), 'ValidationException', /only supported for pipelines of type V2/);
      await cpError(sb, 'CreatePipeline', withPipeline({ pipelineType: 'V2', variables: [{ name: 'bad name' }] }), 'ValidationException', /variables.1.member.name/);
      await cpError(sb, 'CreatePipeline', withPipeline({ pipelineType: 'V2', variables: [{ name: 'a' }, { name: 'a' }] }), 'ValidationException', /unique/);
      await cpError(sb, 'CreatePipeline', withPipeline({ artifactStore: undefined }), 'InvalidStructureException', /artifactStore/);
      await cpError(sb, 'CreatePipeline', withPipeline({ artifactStore: { type: 'S3', location: 'x' } }), 'ValidationException', /artifactStore.location/);
      await cpError(sb, 'CreatePipeline', { ...ok, tags: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' })) }, 'TooManyTagsException');
      await cpError(sb, 'CreatePipeline', {}, 'ValidationException', /'pipeline' failed to satisfy constraint: Member must not be null/);
      assert.deepStrictEqual((await cp(sb, 'ListPipelines', {})).pipelines, []);
    });
  });

  describe('executions', () => {
    it('runs source, build, approval and deploy; a bad token is refused; an answered approval cannot be answered again', async () => {
      await cp(sb, 'CreatePipeline', releasePipeline('release'));
      const id = await latestId('release');
      sb.advance(5_000);
      let s = await stateOf(sb, 'release');
      assert.strictEqual(s.stages['Source/Source'], 'Succeeded');
      assert.strictEqual(s.stages['Build/Build'], 'InProgress');
      const [buildId, fb] = [...fakes.builds][0];
      assert.strictEqual(fb.project, 'app-build');
      assert.strictEqual(fb.opts.initiator, 'codepipeline/release');
      assert.strictEqual(fb.opts.sourceVersion, sb.codecommit.getBranchHead('app', 'main'));
      const buildAction = s.raw.stageStates[1].actionStates[0];
      assert.strictEqual(buildAction.latestExecution.externalExecutionId, buildId);
      assert.match(buildAction.latestExecution.externalExecutionUrl, /codebuild\/123456789012\/projects\/app-build\/build\/app-build%3A/);
      assert.match(s.raw.stageStates[0].actionStates[0].currentRevision.revisionId, /^[0-9a-f]{40}$/);
      assert.match(s.raw.stageStates[0].actionStates[0].revisionUrl, /\/commit\/[0-9a-f]{40}/);

      fakes.finishBuild(buildId, 'SUCCEEDED');
      sb.advance(1_000);
      s = await stateOf(sb, 'release');
      assert.strictEqual(s.stages['Approval/Approve'], 'InProgress');
      const token = s.raw.stageStates[2].actionStates[0].latestExecution.token as string;
      assert.match(token, /^[0-9a-f-]{36}$/);
      assert.strictEqual(s.raw.stageStates[2].actionStates[0].entityUrl, 'https://staging.example.com');

      const approve = { pipelineName: 'release', stageName: 'Approval', actionName: 'Approve', result: { summary: 'Looks good', status: 'Approved' } };
      await cpError(sb, 'PutApprovalResult', { ...approve, token: '00000000-0000-4000-8000-000000000000' }, 'InvalidApprovalTokenException');
      await cpError(sb, 'PutApprovalResult', { ...approve, token: 'not-a-token' }, 'ValidationException', /token/);
      await cpError(sb, 'PutApprovalResult', { ...approve, token, result: { summary: 'x'.repeat(513), status: 'Approved' } }, 'ValidationException', /result.summary/);
      await cpError(sb, 'PutApprovalResult', { ...approve, token, result: { summary: '', status: 'Maybe' } }, 'ValidationException', /result.status/);
      await cpError(sb, 'PutApprovalResult', { ...approve, token, actionName: 'Nope' }, 'ActionNotFoundException');
      await cpError(sb, 'PutApprovalResult', { ...approve, token, stageName: 'Nope' }, 'StageNotFoundException');
      const approved = await client.send(new PutApprovalResultCommand({ ...approve, token } as Wire));
      assert.ok(approved.approvedAt instanceof Date);
      await cpError(sb, 'PutApprovalResult', { ...approve, token }, 'ApprovalAlreadyCompletedException');

      s = await stateOf(sb, 'release');
      assert.strictEqual(s.stages['Approval/Approve'], 'Succeeded');
      assert.strictEqual(s.raw.stageStates[2].actionStates[0].latestExecution.summary, 'Looks good');
      assert.strictEqual(s.raw.stageStates[2].actionStates[0].latestExecution.lastUpdatedBy, 'arn:aws:iam::123456789012:user/sandbox');
      assert.strictEqual(s.stages['Deploy/Deploy'], 'InProgress');
      const [deploymentId, fd] = [...fakes.deployments][0];
      assert.deepStrictEqual([fd.opts.applicationName, fd.opts.deploymentGroupName], ['app', 'production']);
      assert.strictEqual((fd.opts.revision as Wire).revisionType, 'S3');
      fakes.finishDeployment(deploymentId, 'Succeeded');
      sb.advance(1_000);
      assert.strictEqual(await executionStatus(sb, 'release', id), 'Succeeded');

      const execution = await client.send(new GetPipelineExecutionCommand({ pipelineName: 'release', pipelineExecutionId: id }));
      assert.strictEqual(execution.pipelineExecution?.artifactRevisions?.[0].name, 'SourceOutput');
      assert.strictEqual(execution.pipelineExecution?.artifactRevisions?.[0].revisionSummary, 'Initial commit');
      assert.strictEqual(execution.pipelineExecution?.trigger?.triggerType, 'CreatePipeline');
      await cp(sb, 'GetPipelineExecution', { pipelineName: 'release', pipelineExecutionId: id });
      await cpError(sb, 'GetPipelineExecution', { pipelineName: 'release', pipelineExecutionId: '00000000-0000-4000-8000-000000000000' }, 'PipelineExecutionNotFoundException');

      const actions: ActionExecutionDetail[] = [];
      for await (const pg of paginateListActionExecutions({ client, pageSize: 2 }, { pipelineName: 'release', filter: { pipelineExecutionId: id } })) actions.push(...(pg.actionExecutionDetails ?? []));
      assert.deepStrictEqual(actions.map((a) => a.actionName), ['Deploy', 'Approve', 'Build', 'Source']);
      const src = actions[3];
      assert.strictEqual(src.output?.outputVariables?.CommitMessage, 'Initial commit');
      assert.strictEqual(src.input?.configuration?.RepositoryName, 'app');
      assert.strictEqual(src.output?.outputArtifacts?.[0].s3location?.bucket, 'codepipeline-us-east-1-artifacts');
      assert.strictEqual(actions[1].output?.executionResult?.externalExecutionSummary, 'Looks good');
      assert.strictEqual(actions[1].updatedBy, 'arn:aws:iam::123456789012:user/sandbox');
      const rawActions = await cp(sb, 'ListActionExecutions', { pipelineName: 'release', maxResults: 3 });
      assert.ok(rawActions.nextToken);
      await cp(sb, 'ListActionExecutions', { pipelineName: 'release', maxResults: 3, nextToken: rawActions.nextToken });
      await cpError(sb, 'ListActionExecutions', { pipelineName: 'release', filter: { pipelineExecutionId: '00000000-0000-4000-8000-000000000000' } }, 'PipelineExecutionNotFoundException');
      await cpError(sb, 'ListActionExecutions', { pipelineName: 'release', maxResults: 101 }, 'ValidationException');
    });

    it('a rejected approval fails the stage; an unanswered one fails after 7 days', async () => {
      await cp(sb, 'CreatePipeline', approvalPipeline('gate'));
      sb.advance(5_000);
      let s = await stateOf(sb, 'gate');
      const token = s.raw.stageStates[1].actionStates[0].latestExecution.token as string;
      await cp(sb, 'PutApprovalResult', { pipelineName: 'gate', stageName: 'Approval', actionName: 'Approve', token, result: { summary: 'Not today', status: 'Rejected' } });
      s = await stateOf(sb, 'gate');
      assert.strictEqual(s.stages.Approval, 'Failed');
      assert.strictEqual(s.raw.stageStates[1].actionStates[0].latestExecution.errorDetails.message, 'Rejected: Not today');
      assert.strictEqual(await executionStatus(sb, 'gate', await latestId('gate')), 'Failed');

      const { pipelineExecutionId } = await cp(sb, 'StartPipelineExecution', { name: 'gate' });
      sb.advance(5_000);
      sb.clock.advance(7 * DAY, 3600_000);
      assert.strictEqual(await executionStatus(sb, 'gate', pipelineExecutionId), 'Failed');
      s = await stateOf(sb, 'gate');
      assert.match(s.raw.stageStates[1].actionStates[0].latestExecution.errorDetails.message, /7 days/);
    });

    it('a failed build fails its stage; retry is refused until the stage failed and for a stale execution; FAILED_ACTIONS retries it', async () => {
      await cp(sb, 'CreatePipeline', releasePipeline('release'));
      const id = await latestId('release');
      const retry = { pipelineName: 'release', stageName: 'Build', pipelineExecutionId: id, retryMode: 'FAILED_ACTIONS' };
      sb.advance(5_000);
      await cpError(sb, 'RetryStageExecution', retry, 'StageNotRetryableException');
      await cpError(sb, 'RetryStageExecution', { ...retry, stageName: 'Source' }, 'StageNotRetryableException', /not failed/);
      await cpError(sb, 'RetryStageExecution', { ...retry, stageName: 'Nope' }, 'StageNotFoundException');
      await cpError(sb, 'RetryStageExecution', { ...retry, retryMode: 'SOME' }, 'ValidationException', /retryMode/);
      const [buildId] = [...fakes.builds.keys()];
      fakes.finishBuild(buildId, 'FAILED', { phase: 'BUILD', message: 'Error while executing command: npm test. Reason: exit status 1' });
      sb.advance(1_000);
      const s = await stateOf(sb, 'release');
      assert.strictEqual(s.stages.Build, 'Failed');
      assert.deepStrictEqual(s.raw.stageStates[1].actionStates[0].latestExecution.errorDetails, {
        code: 'JobFailed',
        message: 'Build terminated with state: FAILED. Phase: BUILD, Message: Error while executing command: npm test. Reason: exit status 1',
      });
      const summary = (await cp(sb, 'ListPipelineExecutions', { pipelineName: 'release' })).pipelineExecutionSummaries[0];
      assert.strictEqual(summary.status, 'Failed');
      assert.match(summary.statusSummary, /Build terminated/);

      const out = await client.send(new RetryStageExecutionCommand(retry as Wire));
      assert.strictEqual(out.pipelineExecutionId, id);
      assert.strictEqual(await executionStatus(sb, 'release', id), 'InProgress');
      assert.strictEqual(fakes.builds.size, 2);
      const second = [...fakes.builds.keys()][1];
      fakes.finishBuild(second, 'SUCCEEDED');
      sb.advance(1_000);
      assert.strictEqual((await stateOf(sb, 'release')).stages.Approval, 'InProgress');

      // A later execution that fails Build makes the first one stale for that stage.
      const { pipelineExecutionId: later } = await cp(sb, 'StartPipelineExecution', { name: 'release' });
      sb.advance(5_000);
      fakes.finishBuild([...fakes.builds.keys()][2], 'FAILED');
      sb.advance(1_000);
      assert.strictEqual(await executionStatus(sb, 'release', later), 'Failed');
      await cpError(sb, 'RetryStageExecution', retry, 'NotLatestPipelineExecutionException');
      await cp(sb, 'RetryStageExecution', { ...retry, pipelineExecutionId: later, retryMode: 'ALL_ACTIONS' });
    });

    it('stops and waits, refuses a duplicated stop, abandons with a reason', async () => {
      await cp(sb, 'CreatePipeline', releasePipeline('release'));
      const id = await latestId('release');
      sb.advance(5_000);
      const stop = { pipelineName: 'release', pipelineExecutionId: id, reason: 'Wrong branch' };
      await cpError(sb, 'StopPipelineExecution', { ...stop, reason: 'r'.repeat(201) }, 'ValidationException', /reason/);
      await client.send(new StopPipelineExecutionCommand({ ...stop, abandon: false }));
      assert.strictEqual(await executionStatus(sb, 'release', id), 'Stopping');
      assert.strictEqual((await stateOf(sb, 'release')).stages.Build, 'Stopping');
      await cpError(sb, 'StopPipelineExecution', stop, 'DuplicatedStopRequestException');
      const [buildId, fb] = [...fakes.builds][0];
      fakes.finishBuild(buildId, 'SUCCEEDED');
      sb.advance(1_000);
      assert.strictEqual(fb.stopped, false);
      assert.strictEqual(await executionStatus(sb, 'release', id), 'Stopped');
      const s = await stateOf(sb, 'release');
      assert.strictEqual(s.stages.Build, 'Stopped');
      assert.strictEqual(s.stages['Build/Build'], 'Succeeded');
      assert.strictEqual(s.stages.Approval, undefined);
      const summary = (await cp(sb, 'ListPipelineExecutions', { pipelineName: 'release' })).pipelineExecutionSummaries[0];
      assert.deepStrictEqual(summary.stopTrigger, { reason: 'Wrong branch' });
      await cpError(sb, 'StopPipelineExecution', stop, 'PipelineExecutionNotStoppableException');

      const { pipelineExecutionId: second } = await cp(sb, 'StartPipelineExecution', { name: 'release' });
      sb.advance(5_000);
      await cp(sb, 'StopPipelineExecution', { ...stop, pipelineExecutionId: second, reason: 'Wait, then abandon' });
      await cp(sb, 'StopPipelineExecution', { ...stop, pipelineExecutionId: second, abandon: true, reason: 'Abandon now' });
      assert.strictEqual(await executionStatus(sb, 'release', second), 'Stopped');
      assert.strictEqual([...fakes.builds.values()][1].stopped, true);
      assert.strictEqual((await stateOf(sb, 'release')).stages['Build/Build'], 'Abandoned');
      // A stopped stage with abandoned actions can be retried.
      await cp(sb, 'RetryStageExecution', { pipelineName: 'release', stageName: 'Build', pipelineExecutionId: second, retryMode: 'FAILED_ACTIONS' });
      assert.strictEqual(await executionStatus(sb, 'release', second), 'InProgress');
    });

    it('abandons a deployment in progress through stopDeploymentInternal', async () => {
      await cp(sb, 'CreatePipeline', pipeline('ship', [{ name: 'Source', actions: [source()] }, { name: 'Deploy', actions: [deploy('app', 'staging', 'Deploy', 'SourceOutput')] }]));
      const id = await latestId('ship');
      sb.advance(5_000);
      await cp(sb, 'StopPipelineExecution', { pipelineName: 'ship', pipelineExecutionId: id, abandon: true });
      assert.strictEqual([...fakes.deployments.values()][0].stopped, true);
      assert.strictEqual(await executionStatus(sb, 'ship', id), 'Stopped');
    });

    it('supersedes an older execution waiting at a stage (SUPERSEDED)', async () => {
      await cp(sb, 'CreatePipeline', approvalPipeline('gate'));
      const first = await latestId('gate');
      sb.advance(5_000);
      const { pipelineExecutionId: second } = await cp(sb, 'StartPipelineExecution', { name: 'gate' });
      sb.advance(5_000);
      let s = await stateOf(sb, 'gate');
      assert.strictEqual(s.raw.stageStates[1].inboundExecution.pipelineExecutionId, second);
      const { pipelineExecutionId: third } = await cp(sb, 'StartPipelineExecution', { name: 'gate' });
      sb.advance(5_000);
      assert.strictEqual(await executionStatus(sb, 'gate', second), 'Superseded');
      s = await stateOf(sb, 'gate');
      assert.strictEqual(s.raw.stageStates[1].inboundExecution.pipelineExecutionId, third);
      assert.strictEqual(s.raw.stageStates[1].latestExecution.pipelineExecutionId, first);
      const token = s.raw.stageStates[1].actionStates[0].latestExecution.token as string;
      await cp(sb, 'PutApprovalResult', { pipelineName: 'gate', stageName: 'Approval', actionName: 'Approve', token, result: { summary: '', status: 'Approved' } });
      assert.strictEqual(await executionStatus(sb, 'gate', first), 'Succeeded');
      s = await stateOf(sb, 'gate');
      assert.strictEqual(s.raw.stageStates[1].latestExecution.pipelineExecutionId, third);
      const summaries: PipelineExecutionSummary[] = [];
      for await (const pg of paginateListPipelineExecutions({ client, pageSize: 1 }, { pipelineName: 'gate' })) summaries.push(...(pg.pipelineExecutionSummaries ?? []));
      assert.deepStrictEqual(summaries.map((x) => x.status), ['InProgress', 'Superseded', 'Succeeded']);
      assert.strictEqual(summaries[1].executionMode, 'SUPERSEDED');
    });

    it('queues executions in order (V2 QUEUED) and runs them side by side (V2 PARALLEL)', async () => {
      await cp(sb, 'CreatePipeline', approvalPipeline('queued', { pipelineType: 'V2', executionMode: 'QUEUED' }));
      const first = await latestId('queued');
      const second = (await cp(sb, 'StartPipelineExecution', { name: 'queued' })).pipelineExecutionId as string;
      const third = (await cp(sb, 'StartPipelineExecution', { name: 'queued' })).pipelineExecutionId as string;
      sb.advance(20_000);
      let s = await stateOf(sb, 'queued');
      assert.deepStrictEqual(s.raw.stageStates[1].inboundExecutions.map((x: Wire) => String(x.pipelineExecutionId)), [second, third]);
      assert.strictEqual(s.raw.stageStates[1].inboundExecution.pipelineExecutionId, second);
      const approveLatest = async (name: string) => {
        const st = await stateOf(sb, name);
        const token = st.raw.stageStates[1].actionStates[0].latestExecution.token as string;
        await cp(sb, 'PutApprovalResult', { pipelineName: name, stageName: 'Approval', actionName: 'Approve', token, result: { summary: 'ok', status: 'Approved' } });
      };
      await approveLatest('queued');
      assert.strictEqual(await executionStatus(sb, 'queued', first), 'Succeeded');
      s = await stateOf(sb, 'queued');
      assert.strictEqual(s.raw.stageStates[1].latestExecution.pipelineExecutionId, second);
      assert.strictEqual(await executionStatus(sb, 'queued', third), 'InProgress');

      await cp(sb, 'CreatePipeline', approvalPipeline('parallel', { pipelineType: 'V2', executionMode: 'PARALLEL' }));
      await cp(sb, 'StartPipelineExecution', { name: 'parallel' });
      sb.advance(5_000);
      const running = (await cp(sb, 'ListActionExecutions', { pipelineName: 'parallel' })).actionExecutionDetails.filter((a: Wire) => a.actionName === 'Approve' && a.status === 'InProgress');
      assert.strictEqual(running.length, 2);
      // PARALLEL: GetPipelineState gives no token; each waiting approval's token is its ListActionExecutions externalExecutionId.
      const ps = await stateOf(sb, 'parallel');
      const latest = ps.raw.stageStates[1].actionStates[0].latestExecution;
      assert.strictEqual(latest.status, 'InProgress');
      assert.strictEqual(latest.token, undefined);
      const tokens = running.map((a: Wire) => a.output.executionResult.externalExecutionId as string);
      for (const t of tokens) assert.match(t, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.notStrictEqual(tokens[0], tokens[1]);
      const older = running[1];
      await cp(sb, 'PutApprovalResult', { pipelineName: 'parallel', stageName: 'Approval', actionName: 'Approve', token: tokens[1], result: { summary: 'ok', status: 'Approved' } });
      assert.strictEqual(await executionStatus(sb, 'parallel', older.pipelineExecutionId as string), 'Succeeded');
      assert.strictEqual(await executionStatus(sb, 'parallel', running[0].pipelineExecutionId as string), 'InProgress');
      // Non-PARALLEL modes keep the token in GetPipelineState and give no executionResult while the approval waits.
      const queuedWaiting = (await cp(sb, 'ListActionExecutions', { pipelineName: 'queued' })).actionExecutionDetails.find(
        (a: Wire) => a.actionName === 'Approve' && a.status === 'InProgress',
      );
      assert.strictEqual(queuedWaiting.output.executionResult, undefined);
    });

    it('holds executions before a disabled transition and lets them through when enabled', async () => {
      await cp(sb, 'CreatePipeline', releasePipeline('release'));
      const id = await latestId('release');
      const disable = { pipelineName: 'release', stageName: 'Build', transitionType: 'Inbound', reason: 'Freeze (release 1.2) - ask @ops' };
      await cpError(sb, 'DisableStageTransition', { ...disable, reason: 'no_underscores' }, 'ValidationException', /reason.*regular expression/);
      await cpError(sb, 'DisableStageTransition', { ...disable, reason: 'r'.repeat(301) }, 'ValidationException', /300/);
      await cpError(sb, 'DisableStageTransition', { ...disable, reason: undefined }, 'ValidationException', /reason/);
      await cpError(sb, 'DisableStageTransition', { ...disable, transitionType: 'Sideways' }, 'ValidationException', /transitionType/);
      await cpError(sb, 'DisableStageTransition', { ...disable, stageName: 'Nope' }, 'StageNotFoundException');
      await cpError(sb, 'DisableStageTransition', { ...disable, stageName: 'Deploy', transitionType: 'Outbound' }, 'ValidationException', /last stage/);
      // Outbound of Source is the inbound transition of Build.
      await client.send(new DisableStageTransitionCommand({ ...disable, stageName: 'Source', transitionType: 'Outbound' } as Wire));
      sb.advance(30_000);
      let s = await stateOf(sb, 'release');
      const buildStage = s.raw.stageStates[1];
      assert.strictEqual(buildStage.inboundTransitionState.enabled, false);
      assert.strictEqual(buildStage.inboundTransitionState.disabledReason, disable.reason);
      assert.strictEqual(buildStage.inboundTransitionState.lastChangedBy, 'arn:aws:iam::123456789012:user/sandbox');
      assert.strictEqual(typeof buildStage.inboundTransitionState.lastChangedAt, 'number');
      assert.deepStrictEqual(buildStage.inboundExecution, { pipelineExecutionId: id, status: 'InProgress', type: 'STANDARD' });
      assert.strictEqual(buildStage.latestExecution, undefined);
      assert.strictEqual(fakes.builds.size, 0);
      await client.send(new EnableStageTransitionCommand({ pipelineName: 'release', stageName: 'Build', transitionType: 'Inbound' }));
      s = await stateOf(sb, 'release');
      assert.strictEqual(s.stages.Build, 'InProgress');
      assert.strictEqual(s.raw.stageStates[1].inboundTransitionState.enabled, true);
      assert.strictEqual(s.raw.stageStates[1].inboundTransitionState.disabledReason, undefined);
      assert.strictEqual(fakes.builds.size, 1);
    });

    it('starts with V2 variables, checks them, and is idempotent on clientRequestToken', async () => {
      const p = releasePipeline('vars', { pipelineType: 'V2', executionMode: 'QUEUED', variables: [{ name: 'env', defaultValue: 'staging', description: 'Target' }, { name: 'ticket' }] });
      p.pipeline.stages[1].actions = [build('app-build', 'Build', { configuration: { ProjectName: 'app-build', EnvironmentVariables: '[{"name":"TARGET","value":"#{variables.env}","type":"PLAINTEXT"},{"name":"COMMIT","value":"#{SourceVariables.CommitId}"}]' } })];
      await cpError(sb, 'CreatePipeline', p, 'ValidationException', /ticket.*no default/).catch(() => undefined);
      await cp(sb, 'CreatePipeline', { pipeline: { ...p.pipeline, variables: [{ name: 'env', defaultValue: 'staging' }, { name: 'ticket', defaultValue: 'none' }] } });
      const start = { name: 'vars', variables: [{ name: 'ticket', value: 'OPS-1' }] };
      await cpError(sb, 'StartPipelineExecution', { name: 'vars', variables: [{ name: 'undeclared', value: 'x' }] }, 'ValidationException', /not declared/);
      await cpError(sb, 'StartPipelineExecution', { name: 'vars', variables: [{ name: 'bad name', value: 'x' }] }, 'ValidationException', /variables.1.member.name/);
      await cpError(sb, 'StartPipelineExecution', { name: 'vars', variables: [] }, 'ValidationException', /length greater than or equal to 1/);
      await cpError(sb, 'StartPipelineExecution', { name: 'vars', variables: Array.from({ length: 51 }, (_, i) => ({ name: `v${i}`, value: 'x' })) }, 'ValidationException', /less than or equal to 50/);
      await cpError(sb, 'StartPipelineExecution', { name: 'vars', variables: [{ name: 'env', value: '' }] }, 'ValidationException', /value/);
      await cpError(sb, 'StartPipelineExecution', { ...start, clientRequestToken: 'not valid!' }, 'ValidationException', /clientRequestToken/);
      await cpError(sb, 'StartPipelineExecution', { name: 'nope' }, 'PipelineNotFoundException');
      await cpError(sb, 'StartPipelineExecution', { name: 'gate', variables: [{ name: 'x', value: 'y' }] }, 'PipelineNotFoundException');
      const a = await client.send(new StartPipelineExecutionCommand({ ...start, clientRequestToken: 'run-42' }));
      const b = await client.send(new StartPipelineExecutionCommand({ ...start, clientRequestToken: 'run-42' }));
      assert.strictEqual(a.pipelineExecutionId, b.pipelineExecutionId);
      assert.strictEqual((await cp(sb, 'ListPipelineExecutions', { pipelineName: 'vars' })).pipelineExecutionSummaries.length, 2);
      const e = (await cp(sb, 'GetPipelineExecution', { pipelineName: 'vars', pipelineExecutionId: a.pipelineExecutionId })).pipelineExecution;
      assert.deepStrictEqual(e.variables, [{ name: 'env', resolvedValue: 'staging' }, { name: 'ticket', resolvedValue: 'OPS-1' }]);
      assert.strictEqual(e.executionMode, 'QUEUED');
      // The first (CreatePipeline) execution holds Build; its build got the resolved variables.
      sb.advance(6_000);
      const [, fb] = [...fakes.builds][0];
      assert.deepStrictEqual(fb.opts.environmentVariablesOverride, [
        { name: 'TARGET', value: 'staging', type: 'PLAINTEXT' },
        { name: 'COMMIT', value: sb.codecommit.getBranchHead('app', 'main') },
      ]);
      const details = (await cp(sb, 'ListActionExecutions', { pipelineName: 'vars' })).actionExecutionDetails;
      const buildDetail = details.find((d: Wire) => d.actionName === 'Build');
      assert.match(buildDetail.input.resolvedConfiguration.EnvironmentVariables, /"value":"staging"/);
      const v1 = await cp(sb, 'CreatePipeline', approvalPipeline('v1'));
      assert.ok(v1.pipeline);
      await cpError(sb, 'StartPipelineExecution', { name: 'v1', variables: [{ name: 'x', value: 'y' }] }, 'ValidationException', /V2/);
    });

    it('fails a build action whose project does not exist, and a source whose branch does not', async () => {
      await cp(sb, 'CreatePipeline', pipeline('broken', [{ name: 'Source', actions: [source()] }, { name: 'Build', actions: [build('missing')] }]));
      sb.advance(5_000);
      let s = await stateOf(sb, 'broken');
      assert.match(s.raw.stageStates[1].actionStates[0].latestExecution.errorDetails.message, /Project cannot be found/);
      await cp(sb, 'CreatePipeline', approvalPipeline('nobranch', { stages: [{ name: 'Source', actions: [source('app', 'nope')] }, { name: 'Approval', actions: [approval()] }] }));
      s = await stateOf(sb, 'nobranch');
      assert.strictEqual(s.stages.Source, 'Failed');
      assert.match(s.raw.stageStates[0].actionStates[0].latestExecution.errorDetails.message, /branch 'nope' does not exist/);
    });

    it('starts the pipelines that watch a branch when a commit lands on it', async () => {
      await cp(sb, 'CreatePipeline', approvalPipeline('watcher'));
      await cp(sb, 'CreatePipeline', approvalPipeline('other', { stages: [{ name: 'Source', actions: [source('app', 'develop')] }, { name: 'Approval', actions: [approval()] }] }));
      const commitId = sb.codecommit.putFileInternal({ repositoryName: 'app', branch: 'main', filePath: 'src/index.ts', content: 'x', message: 'Fix the login page' });
      const list = await client.send(new ListPipelineExecutionsCommand({ pipelineName: 'watcher' }));
      const latest = list.pipelineExecutionSummaries?.[0];
      assert.strictEqual(latest?.trigger?.triggerType, 'CloudWatchEvent');
      assert.match(latest?.trigger?.triggerDetail ?? '', /^arn:aws:events:us-east-1:123456789012:rule\//);
      assert.deepStrictEqual(latest?.sourceRevisions?.[0], {
        actionName: 'Source',
        revisionId: commitId,
        revisionSummary: 'Fix the login page',
        revisionUrl: `https://us-east-1.console.aws.amazon.com/codesuite/codecommit/repositories/app/commit/${commitId}?region=us-east-1`,
      });
      assert.strictEqual((await cp(sb, 'ListPipelineExecutions', { pipelineName: 'other' })).pipelineExecutionSummaries.length, 1);
      await cpError(sb, 'ListPipelineExecutions', { pipelineName: 'watcher', maxResults: 0 }, 'ValidationException');
      await cpError(sb, 'ListPipelineExecutions', { pipelineName: 'nope' }, 'PipelineNotFoundException');
      const succeeded = await cp(sb, 'ListPipelineExecutions', { pipelineName: 'watcher', filter: { succeededInStage: { stageName: 'Source' } } });
      assert.strictEqual(succeeded.pipelineExecutionSummaries.length, 0);
      await client.send(new ListActionExecutionsCommand({ pipelineName: 'watcher' }));
    });
  });
});
