import * as assert from 'assert';
import type { AwsError } from '../../../src/aws/errors';
import type { AwsSession } from '../../../src/aws/session';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { control, startSandbox } from '../../helpers/sandbox';
import { approvalPipeline, cp } from '../sandbox/codepipeline.fixtures';
import { sandboxSession } from './helpers';

describe('aws/codepipeline against the Sandbox', () => {
  let sb: Sandbox;
  let s: AwsSession;

  const waitForApproval = async (name: string) => {
    for (let i = 0; i < 20; i++) {
      await control(sb, 'advance', { ms: 30_000 });
      const st = await s.codepipeline.getPipelineState(name);
      const a = st.stages.find((x) => x.name === 'Approval')?.actions[0];
      if (a?.rawStatus === 'InProgress') return st;
    }
    throw new Error(`${name} never reached its approval`);
  };

  before(async () => {
    sb = await startSandbox();
    sb.codecommit.createRepositoryInternal('app');
    sb.codecommit.putFileInternal({ repositoryName: 'app', branch: 'main', filePath: 'README.md', content: 'hello', message: 'init' });
    await cp(sb, 'CreatePipeline', approvalPipeline('release', { pipelineType: 'V2', executionMode: 'QUEUED', variables: [{ name: 'TARGET', defaultValue: 'staging' }] }));
    await cp(sb, 'CreatePipeline', approvalPipeline('parallel', { pipelineType: 'V2', executionMode: 'PARALLEL' }));
    // Creating a pipeline starts it: abandon those first runs so each test owns its executions.
    await control(sb, 'advance', { ms: 60_000 });
    for (const name of ['release', 'parallel']) {
      const list = await cp(sb, 'ListPipelineExecutions', { pipelineName: name });
      for (const e of list.pipelineExecutionSummaries) {
        if (e.status === 'InProgress') await cp(sb, 'StopPipelineExecution', { pipelineName: name, pipelineExecutionId: e.pipelineExecutionId, abandon: true });
      }
    }
    await control(sb, 'advance', { ms: 60_000 });
  });
  beforeEach(() => (s = sandboxSession(sb)));
  afterEach(() => s.dispose());
  after(() => sb.stop());

  it('lists pipelines and gives a structure', async () => {
    const names = (await s.codepipeline.listPipelines()).map((p) => p.name);
    assert.ok(names.includes('release') && names.includes('parallel'));
    const structure = await s.codepipeline.getPipeline('release');
    assert.deepStrictEqual(
      structure.stages.map((st) => [st.name, st.actions.map((a) => `${a.category}/${a.provider}`)]),
      [
        ['Source', ['Source/CodeCommit']],
        ['Approval', ['Approval/Manual']],
      ],
    );
    assert.strictEqual(structure.executionMode, 'QUEUED');
    assert.deepStrictEqual(structure.variables.map((v) => v.name), ['TARGET']);
  });

  it('starts with variables, shows the approval token, history with source revisions, action executions; approves', async () => {
    const id = await s.codepipeline.startExecution('release', { variables: [{ name: 'TARGET', value: 'prod' }], clientRequestToken: 'start-1' });
    assert.match(id, /^[0-9a-f-]{36}$/);
    const state = await waitForApproval('release');
    const approval = state.stages[1].actions[0];
    assert.strictEqual(approval.status, 'waiting');
    assert.ok(approval.approvalToken);
    const pending = await s.codepipeline.listPendingApprovals(['release']);
    assert.strictEqual(pending.length, 1);
    assert.strictEqual(pending[0].token, approval.approvalToken);
    const history = await s.codepipeline.listExecutions('release');
    assert.strictEqual(history[0].id, id);
    assert.ok(history[0].sourceRevisions.length >= 1 && history[0].sourceRevisions[0].revisionId);
    const execution = await s.codepipeline.getExecution('release', id);
    assert.ok(execution.variables?.some((v) => v.name === 'TARGET' && v.value === 'prod'));
    const actions = await s.codepipeline.listActionExecutions('release', id);
    assert.ok(actions.some((a) => a.actionName === 'Source' && a.status === 'succeeded'));
    await assert.rejects(
      s.codepipeline.putApprovalResult({ pipelineName: 'release', stageName: 'Approval', actionName: 'Approve', approved: true, summary: 'x'.repeat(513) }),
      (e: AwsError) => e.kind === 'invalidInput' && /512/.test(e.message),
    );
    await s.codepipeline.putApprovalResult({ pipelineName: 'release', stageName: 'Approval', actionName: 'Approve', approved: true, summary: 'Looks good' });
    await control(sb, 'advance', { ms: 60_000 });
    const after = await s.codepipeline.getExecution('release', id);
    assert.strictEqual(after.rawStatus, 'Succeeded');
  });

  it('in PARALLEL mode takes the approval token from ListActionExecutions, lists both waiting approvals, approves and rejects', async () => {
    const first = await s.codepipeline.startExecution('parallel');
    await waitForApproval('parallel');
    const id = await s.codepipeline.startExecution('parallel');
    await control(sb, 'advance', { ms: 30_000 });
    // AWS gives no token in a PARALLEL pipeline's state.
    const state = await s.codepipeline.getPipelineState('parallel');
    assert.strictEqual(state.stages[1].actions[0].rawStatus, 'InProgress');
    assert.strictEqual(state.stages[1].actions[0].approvalToken, undefined);
    // The first execution is not the stage's latest: its token can only come from ListActionExecutions.
    const before = s.requestCounts()['codepipeline.ListActionExecutions'] ?? 0;
    const token = await s.codepipeline.findApprovalToken('parallel', 'Approval', 'Approve', first);
    assert.match(token ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.strictEqual(s.requestCounts()['codepipeline.ListActionExecutions'], before + 1);
    // The approvals list finds both executions' approvals (one ListPipelines for the modes, one ListPipelineExecutions, one ListActionExecutions each).
    const counts = { ...s.requestCounts() };
    const delta = (op: string) => (s.requestCounts()[`codepipeline.${op}`] ?? 0) - (counts[`codepipeline.${op}`] ?? 0);
    const pending = await s.codepipeline.listPendingApprovals(['parallel']);
    assert.deepStrictEqual(
      ['ListPipelines', 'GetPipelineState', 'ListPipelineExecutions', 'ListActionExecutions'].map(delta),
      [1, 0, 1, 2],
    );
    assert.deepStrictEqual(pending.map((a) => a.pipelineExecutionId).sort(), [first, id].sort());
    assert.ok(pending.every((a) => a.stageName === 'Approval' && a.actionName === 'Approve' && /^[0-9a-f-]{36}$/.test(a.token)));
    assert.strictEqual(pending.find((a) => a.pipelineExecutionId === first)?.token, token);
    await s.codepipeline.putApprovalResult({ pipelineName: 'parallel', stageName: 'Approval', actionName: 'Approve', approved: true, summary: 'ok', executionId: first });
    await s.codepipeline.putApprovalResult({ pipelineName: 'parallel', stageName: 'Approval', actionName: 'Approve', approved: false, summary: 'Not today', executionId: id });
    await control(sb, 'advance', { ms: 60_000 });
    assert.strictEqual((await s.codepipeline.getExecution('parallel', first)).rawStatus, 'Succeeded');
    assert.strictEqual((await s.codepipeline.getExecution('parallel', id)).rawStatus, 'Failed');
    assert.deepStrictEqual(await s.codepipeline.listPendingApprovals(['parallel']), []);
  });

  it('stops with a reason, retries a failed stage, and disables/enables a transition with a reason', async () => {
    const id = await s.codepipeline.startExecution('release');
    await waitForApproval('release');
    await assert.rejects(s.codepipeline.stopExecution('release', id, { reason: 'r'.repeat(201) }), (e: AwsError) => e.kind === 'invalidInput' && /200/.test(e.message));
    await s.codepipeline.stopExecution('release', id, { abandon: true, reason: 'Superseded by hotfix' });
    await control(sb, 'advance', { ms: 60_000 });
    const stopped = await s.codepipeline.getExecution('release', id);
    assert.strictEqual(stopped.status, 'stopped');
    await assert.rejects(s.codepipeline.stopExecution('release', id, {}), (e: AwsError) => e.kind === 'conflict');

    // Reject to make the stage fail, then retry its failed actions.
    const id2 = await s.codepipeline.startExecution('release');
    await waitForApproval('release');
    await s.codepipeline.putApprovalResult({ pipelineName: 'release', stageName: 'Approval', actionName: 'Approve', approved: false, summary: 'no' });
    await control(sb, 'advance', { ms: 60_000 });
    assert.strictEqual((await s.codepipeline.getExecution('release', id2)).rawStatus, 'Failed');
    assert.strictEqual(await s.codepipeline.retryStage('release', 'Approval', id2, 'FAILED_ACTIONS'), id2);
    const retried = await waitForApproval('release');
    assert.strictEqual(retried.stages[1].latestExecution?.executionId, id2);

    await assert.rejects(s.codepipeline.disableTransition('release', 'Approval', 'no_underscores'), (e: AwsError) => e.kind === 'invalidInput');
    await s.codepipeline.disableTransition('release', 'Approval', 'Freeze (release 1.2)');
    let st = await s.codepipeline.getPipelineState('release');
    assert.deepStrictEqual([st.stages[1].inboundTransition.enabled, st.stages[1].inboundTransition.disabledReason], [false, 'Freeze (release 1.2)']);
    await s.codepipeline.enableTransition('release', 'Approval');
    st = await s.codepipeline.getPipelineState('release');
    assert.strictEqual(st.stages[1].inboundTransition.enabled, true);
  });

  it('1,000 pipelines (scale seed): pages of 100, states through the bounded queue', async () => {
    const big = await startSandbox({ seed: 'scale', seedOptions: { pipelines: 1000, projects: 10 } });
    const b = sandboxSession(big, { concurrency: 4 });
    try {
      const all = await b.codepipeline.listPipelines({ pageSize: 100 });
      assert.strictEqual(all.length, 1000);
      assert.strictEqual(b.requestCounts()['codepipeline.ListPipelines'], 10);
      const names = all.slice(0, 40).map((p) => p.name);
      const states = await b.codepipeline.getPipelineStates(names);
      assert.strictEqual([...states.values()].filter((v) => !(v instanceof Error)).length, 40);
      assert.strictEqual(b.clients.queue.peakConcurrency, 4);
      assert.strictEqual(b.requestCounts()['codepipeline.GetPipelineState'], 40);
    } finally {
      b.dispose();
      await big.stop();
    }
  });
});
