import * as assert from 'assert';
import { BatchGetBuildsCommand, CodeBuildClient, paginateListBuilds } from '@aws-sdk/client-codebuild';
import { BatchGetDeploymentsCommand, CodeDeployClient, paginateListDeployments } from '@aws-sdk/client-codedeploy';
import { CodePipelineClient, paginateListPipelines } from '@aws-sdk/client-codepipeline';
import { Sandbox } from '../../../src/sandbox/sandbox';
import { seedScalePipelines } from '../../../src/sandbox/seeds/scale';
import { clientConfig, startSandbox } from '../../helpers/sandbox';
import { cp, type Wire } from './codepipeline.fixtures';

describe('sandbox seeds', function () {
  this.timeout(60_000);

  describe('demo', () => {
    let sb: Sandbox;
    let seedMs = 0;
    before(async () => {
      const t = Date.now();
      sb = await startSandbox({ seed: 'demo' });
      seedMs = Date.now() - t;
    });
    after(async () => {
      await sb.stop();
    });

    // How fast seeding is belongs to the benchmark suite (figure 7); the time is printed for the record.
    it(`seeds (and says how long it took)`, () => {
      console.log(`      demo seed: ${seedMs} ms`);
      assert.ok(sb.codepipeline.state.pipelines['web-app-release'], 'the demo seed has web-app-release');
    });

    const states = async (name: string) => {
      const state: Wire = await cp(sb, 'GetPipelineState', { name });
      const executions: Wire = await cp(sb, 'ListPipelineExecutions', { pipelineName: name });
      return { state, executions: executions.pipelineExecutionSummaries as Wire[] };
    };

    it('has web-app-release waiting at its manual approval (V2, QUEUED)', async () => {
      const { state, executions } = await states('web-app-release');
      const approval = state.stageStates.find((s: Wire) => s.stageName === 'Approval');
      assert.strictEqual(approval.latestExecution.status, 'InProgress');
      assert.match(approval.actionStates[0].latestExecution.token, /^[0-9a-f-]{36}$/);
      assert.strictEqual(state.stageStates.find((s: Wire) => s.stageName === 'Staging').latestExecution.status, 'Succeeded');
      assert.strictEqual(executions[0].status, 'InProgress');
      assert.strictEqual(executions[0].executionMode, 'QUEUED');
      assert.ok(executions[0].sourceRevisions[0].revisionSummary, 'the commit message is the revision summary');
      assert.ok(executions.some((e: Wire) => e.status === 'Succeeded'));
    });

    it('has api-service-ci failed at Build with a failing build, and its Deploy transition disabled', async () => {
      const { state, executions } = await states('api-service-ci');
      assert.strictEqual(executions[0].status, 'Failed');
      const buildStage = state.stageStates.find((s: Wire) => s.stageName === 'Build');
      assert.strictEqual(buildStage.latestExecution.status, 'Failed');
      assert.match(buildStage.actionStates[0].latestExecution.errorDetails.message, /Build terminated with state: FAILED/);
      const deploy = state.stageStates.find((s: Wire) => s.stageName === 'Deploy');
      assert.strictEqual(deploy.inboundTransitionState.enabled, false);
      assert.match(deploy.inboundTransitionState.disabledReason, /freeze/);
      assert.ok(executions.some((e: Wire) => e.status === 'Stopped' && e.stopTrigger?.reason));
    });

    it('has infra-deploy running mid-stage and mobile-app-nightly all green', async () => {
      const infra = await states('infra-deploy');
      assert.strictEqual(infra.executions[0].status, 'InProgress');
      const running = infra.state.stageStates.find((s: Wire) => s.latestExecution?.pipelineExecutionId === infra.executions[0].pipelineExecutionId && s.latestExecution.status === 'InProgress');
      assert.ok(running, 'a stage of the latest execution is in progress');
      assert.ok(running.actionStates.some((a: Wire) => a.latestExecution?.status === 'InProgress' && Boolean(a.latestExecution.externalExecutionId)));
      const mobile = await states('mobile-app-nightly');
      assert.ok(mobile.executions.length >= 5);
      assert.ok(mobile.executions.every((e: Wire) => e.status === 'Succeeded'));
    });

    it('has at least 20 executions, builds and deployments, and the executions reference real builds and deployments', async () => {
      const pipelines = new CodePipelineClient(clientConfig(sb));
      const builds = new CodeBuildClient(clientConfig(sb));
      const deploy = new CodeDeployClient(clientConfig(sb));
      try {
        let executions = 0;
        const buildIds = new Set<string>();
        const deploymentIds = new Set<string>();
        for await (const pg of paginateListPipelines({ client: pipelines }, {}))
          for (const p of pg.pipelines ?? []) {
            executions += ((await cp(sb, 'ListPipelineExecutions', { pipelineName: p.name }))).pipelineExecutionSummaries.length;
            for (const a of ((await cp(sb, 'ListActionExecutions', { pipelineName: p.name }))).actionExecutionDetails as Wire[]) {
              const ext = a.output?.executionResult?.externalExecutionId as string | undefined;
              if (ext && a.input.actionTypeId.provider === 'CodeBuild') buildIds.add(ext);
              if (ext && a.input.actionTypeId.provider === 'CodeDeploy') deploymentIds.add(ext);
            }
          }
        assert.ok(executions >= 20, `${executions} executions`);
        const allBuilds: string[] = [];
        for await (const pg of paginateListBuilds({ client: builds }, {})) allBuilds.push(...(pg.ids ?? []));
        assert.ok(allBuilds.length >= 20, `${allBuilds.length} builds`);
        const ids = [...buildIds];
        for (let i = 0; i < ids.length; i += 100) {
          const got = await builds.send(new BatchGetBuildsCommand({ ids: ids.slice(i, i + 100) }));
          assert.deepStrictEqual(got.buildsNotFound ?? [], []);
          for (const b of got.builds ?? []) assert.match(b.initiator ?? '', /^codepipeline\//);
        }
        const allDeployments: string[] = [];
        for await (const pg of paginateListDeployments({ client: deploy }, {})) allDeployments.push(...(pg.deployments ?? []));
        assert.ok(allDeployments.length >= 20, `${allDeployments.length} deployments`);
        const deps = [...deploymentIds];
        assert.ok(deps.length > 0);
        for (let i = 0; i < deps.length; i += 25) {
          const got = await deploy.send(new BatchGetDeploymentsCommand({ deploymentIds: deps.slice(i, i + 25) }));
          assert.strictEqual(got.deploymentsInfo?.length, deps.slice(i, i + 25).length);
        }
      } finally {
        pipelines.destroy();
        builds.destroy();
        deploy.destroy();
      }
    });
  });

  describe('scale', () => {
    it('seeds 1,000 pipelines in well under 5 seconds, all listed through the paginator', async () => {
      const alone = new Sandbox({ clock: 'manual' });
      let t = Date.now();
      seedScalePipelines(alone, 1000, 200);
      const pipelinesMs = Date.now() - t;
      t = Date.now();
      const sb = new Sandbox({ clock: 'manual' });
      sb.reset('scale', { pipelines: 1000 });
      const totalMs = Date.now() - t;
      console.log(`      scale seed: 1,000 pipelines ${pipelinesMs} ms; with 200 projects x 50 builds ${totalMs} ms`);
      assert.strictEqual(Object.keys(sb.codepipeline.state.pipelines).length, 1000);
      const project = sb.codepipeline.state.pipelines['scale-pipeline-0000'].versions[0].stages[1].actions[0].configuration?.ProjectName ?? '';
      assert.ok(sb.codebuild.state.projects[project], `the build action's project ${project} exists`);
      await sb.listen(0);
      const client = new CodePipelineClient(clientConfig(sb));
      try {
        let n = 0;
        for await (const pg of paginateListPipelines({ client, pageSize: 1000 }, {})) n += pg.pipelines?.length ?? 0;
        assert.strictEqual(n, 1000);
        const state: Wire = await cp(sb, 'GetPipelineState', { name: 'scale-pipeline-0999' });
        assert.strictEqual(state.stageStates[1].latestExecution.status, 'Succeeded');
        await cp(sb, 'ListActionExecutions', { pipelineName: 'scale-pipeline-0001' });
      } finally {
        client.destroy();
        await sb.stop();
      }
    });
  });
});
