import * as assert from 'assert';
import { carriesCommit, describeProgress } from '../../../src/commit/progress';
import type { AwsSession } from '../../../src/aws/session';
import { severity, statusWords, summarizeExecution, worst } from '../../../src/statusBar/matching';
import type { PipelineExecution, PipelineState, PipelineStructure } from '../../../src/model/codepipeline';
import { parseRemoteUrl } from '../../../src/statusBar/remotes';
import { Discovery, PipelineTracker, ProjectTracker } from '../../../src/statusBar/trackers';
import type { RunEvent } from '../../../src/notifications/policy';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import type { RunStatus } from '../../../src/model/status';
import { startSandbox } from '../../helpers/sandbox';
import { sandboxConnection, sandboxSession } from '../aws/helpers';

describe('status bar: worst status of several matches', () => {
  it('orders failed > waiting > running > queued > stopped > succeeded > superseded > unknown', () => {
    const order: RunStatus[] = ['failed', 'waiting', 'running', 'queued', 'stopped', 'succeeded', 'skipped', 'unknown'];
    for (let i = 1; i < order.length; i++) assert.ok(severity(order[i - 1]) > severity(order[i]), `${order[i - 1]} > ${order[i]}`);
    const e = (name: string, status: RunStatus) => ({ name, status });
    assert.strictEqual(worst([e('a', 'succeeded'), e('b', 'running'), e('c', 'waiting'), e('d', 'succeeded')], (x) => x.status)?.name, 'c');
    assert.strictEqual(worst([e('a', 'running'), e('b', 'failed'), e('c', 'failed')], (x) => x.status)?.name, 'b', 'the first of equals');
    assert.strictEqual(worst([], (x: { status: RunStatus }) => x.status), undefined);
    assert.strictEqual(statusWords({ status: 'waiting', where: 'Approval' }), 'waiting for approval in Approval');
    assert.strictEqual(statusWords({ status: 'running', where: 'Staging' }), 'in Staging');
  });

  it('an execution being stopped (CodePipeline Stopping) says so, and is not shown as waiting for its approval', () => {
    const structure: PipelineStructure = {
      name: 'p',
      stages: [{ name: 'Approval', actions: [{ name: 'Gate', category: 'Approval', provider: 'Manual', configuration: {}, runOrder: 1 }] }],
    } as unknown as PipelineStructure;
    const state = {
      stages: [{ name: 'Approval', latestExecution: { executionId: 'e1', status: 'running' }, actions: [{ name: 'Gate', status: 'running', approvalToken: 't' }] }],
    } as unknown as PipelineState;
    const execution = (rawStatus: string) => ({ id: 'e1', pipelineName: 'p', status: 'running', rawStatus, sourceRevisions: [] }) as PipelineExecution;
    const stopping = summarizeExecution(structure, state, execution('Stopping'));
    assert.deepStrictEqual(stopping, { status: 'running', stopping: true, where: 'Approval' });
    assert.strictEqual(statusWords(stopping), 'stopping in Approval');
    assert.strictEqual(statusWords({ status: 'running', stopping: true }), 'stopping');
    assert.strictEqual(summarizeExecution(structure, state, execution('InProgress')).status, 'waiting');
  });
});

describe('status bar over the Sandbox demo: discovery, trackers, notification events', function () {
  this.timeout(120_000);
  let sb: Sandbox;
  let session: AwsSession;
  before(async () => {
    sb = await startSandbox({ seed: 'demo' });
    session = sandboxSession(sb);
  });
  after(async () => {
    session.dispose();
    await sb.stop();
  });

  it('finds the pipelines of a repository and branch, and the projects of the repository; caches structures', async () => {
    const c = sandboxConnection(sb);
    const d = new Discovery();
    const main = await d.find(session, c, parseRemoteUrl('https://git-codecommit.us-east-1.amazonaws.com/v1/repos/web-app')!, 'main');
    assert.deepStrictEqual(main.pipelines.map((p) => p.name), ['web-app-release']);
    // The project the pipeline builds with has the repository as its source.
    const buildProject = main.pipelines[0].stages.flatMap((st) => st.actions).find((a) => a.provider === 'CodeBuild')!.configuration.ProjectName;
    assert.ok(main.projects.some((p) => p.name === buildProject), `${buildProject} in ${main.projects.map((p) => p.name).join()}`);
    assert.ok(main.projects.every((p) => p.repositoryName === 'web-app'));
    const develop = await d.find(session, c, parseRemoteUrl('codecommit::us-east-1://web-app')!, 'develop');
    assert.deepStrictEqual(develop.pipelines.map((p) => p.name), ['mobile-app-nightly']);
    const none = await d.find(session, c, parseRemoteUrl('git@github.com:octo/unknown.git')!, 'main');
    assert.deepStrictEqual([none.pipelines.length, none.projects.length], [0, 0]);
    // The second and third discoveries fetched no structure again.
    assert.strictEqual(session.requestCounts()['codepipeline.GetPipeline'], 4);
  });

  it('follows a pushed commit to the approval: one approval event, no event on the baseline, none repeated', async () => {
    const c = sandboxConnection(sb);
    const [structure] = (await new Discovery().find(session, c, parseRemoteUrl('codecommit::us-east-1://web-app')!, 'main')).pipelines;
    const tracker = new PipelineTracker(session, c, structure);
    assert.deepStrictEqual(await tracker.poll(), [], 'the baseline makes no event');
    assert.strictEqual(tracker.entry.summary.status, 'waiting', 'the demo waits at its approval');
    assert.strictEqual(tracker.entry.summary.where, 'Approval');
    // Let the waiting release go, then push a commit: a new execution starts.
    await session.codepipeline.putApprovalResult({ pipelineName: structure.name, stageName: 'Approval', actionName: 'ApproveRelease', approved: true, summary: 'ok' });
    const commitId = sb.codecommit.putFileInternal({ repositoryName: 'web-app', branch: 'main', filePath: 'README.md', content: `change ${Date.now()}`, message: 'Docs: a change' });
    const events: RunEvent[] = [];
    const seen: string[] = [];
    for (let i = 0; i < 400; i++) {
      sb.advance(10_000);
      events.push(...(await tracker.poll()));
      const words = statusWords(tracker.entry.summary);
      if (seen[seen.length - 1] !== words) seen.push(words);
      if (tracker.entry.summary.status === 'waiting' && tracker.entry.executionId && events.some((e) => e.kind === 'approval')) break;
    }
    assert.ok(seen.some((w) => /^in (Source|Build|Staging)$/.test(w)), `went through running stages: ${seen.join(' → ')}`);
    assert.strictEqual(tracker.entry.summary.status, 'waiting', seen.join(' → '));
    const approvals = events.filter((e) => e.kind === 'approval');
    assert.strictEqual(approvals.length, 1);
    assert.strictEqual(approvals[0].approval?.stageName, 'Approval');
    assert.ok(approvals[0].approval?.token, 'the approval token comes with the event');
    for (let i = 0; i < 3; i++) assert.deepStrictEqual(await tracker.poll(), [], 'no event again while nothing changes');
    console.log(`      pushed commit followed: ${seen.join(' → ')}`);

    // Where is my commit: this execution carries the pushed commit and waits in Approval.
    const executions = await session.codepipeline.listExecutions(structure.name, { limit: 5 });
    const mine = executions.filter((e) => carriesCommit(e, commitId));
    assert.strictEqual(mine.length, 1);
    const progress = describeProgress(structure, mine[0], await session.codepipeline.listActionExecutions(structure.name, mine[0].id));
    assert.strictEqual(progress.text, 'in Approval, waiting for approval (stage 4 of 5)');
    assert.ok(!executions.filter((e) => e.id !== mine[0].id).some((e) => carriesCommit(e, commitId)));
  });

  it('a project tracker reports a failed build once, with its failed phase', async () => {
    const c = sandboxConnection(sb);
    const project = (await session.codebuild.listProjects()).find((p) => p.repositoryName === 'web-app')!.name;
    const tracker = new ProjectTracker(session, c, project);
    await tracker.poll();
    sb.codebuild.startBuildInternal(project, { environmentVariablesOverride: [{ name: 'SANDBOX_FAIL_PHASE', value: 'BUILD', type: 'PLAINTEXT' }] });
    const events: RunEvent[] = [];
    for (let i = 0; i < 200 && tracker.entry.summary.status !== 'failed'; i++) {
      sb.advance(10_000);
      events.push(...(await tracker.poll()));
    }
    events.push(...(await tracker.poll()));
    assert.deepStrictEqual(
      events.map((e) => [e.kind, e.failedPhase]),
      [['failed', 'BUILD']],
    );
    assert.ok(events[0].buildId?.startsWith(`${project}:`));
  });
});

describe('where is my commit: progress words', () => {
  const structure = {
    name: 'p',
    executionMode: 'QUEUED',
    variables: [],
    stages: ['Source', 'Build', 'Staging', 'Approval', 'Production'].map((name) => ({ name, actions: [] })),
  };
  const exec = (status: RunStatus, revisionId = 'abcdef1234567890') => ({ id: 'e1', pipelineName: 'p', status, rawStatus: status, sourceRevisions: [{ actionName: 'Source', revisionId }] });
  const action = (stageName: string, status: RunStatus, extra: Record<string, unknown> = {}) => ({
    actionExecutionId: `${stageName}-a`,
    pipelineExecutionId: 'e1',
    stageName,
    actionName: `${stageName}Action`,
    status,
    rawStatus: status,
    configuration: {},
    outputVariables: {},
    ...extra,
  });

  it('says where an execution is, failed, succeeded or stopped', () => {
    assert.strictEqual(describeProgress(structure, exec('running'), [action('Source', 'succeeded'), action('Build', 'running')]).text, 'in Build (stage 2 of 5)');
    assert.strictEqual(
      describeProgress(structure, exec('running'), [action('Source', 'succeeded'), action('Build', 'succeeded'), action('Staging', 'succeeded'), action('Approval', 'running', { provider: 'Manual', category: 'Approval' })]).text,
      'in Approval, waiting for approval (stage 4 of 5)',
    );
    assert.strictEqual(describeProgress(structure, exec('failed'), [action('Source', 'succeeded'), action('Build', 'failed')]).text, 'failed in Build (BuildAction)');
    assert.strictEqual(describeProgress(structure, exec('succeeded'), structure.stages.map((s) => action(s.name, 'succeeded'))).text, 'succeeded, through Production');
    assert.strictEqual(describeProgress(structure, exec('stopped'), [action('Source', 'succeeded'), action('Build', 'stopped')]).text, 'stopped in Build');
    assert.strictEqual(describeProgress(structure, exec('running'), []).text, 'starting');
  });

  it('matches full and abbreviated commit ids, never a too-short one', () => {
    assert.ok(carriesCommit(exec('running'), 'abcdef1234567890'));
    assert.ok(carriesCommit(exec('running'), 'ABCDEF1'));
    assert.ok(carriesCommit(exec('running', 'abcdef1'), 'abcdef1234567890'));
    assert.ok(!carriesCommit(exec('running'), 'abc'));
    assert.ok(!carriesCommit(exec('running'), '1234567'));
  });
});
