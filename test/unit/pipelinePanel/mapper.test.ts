import * as assert from 'assert';
import type { ActionExecution, PipelineExecution, PipelineState, PipelineStructure } from '../../../src/model/codepipeline';
import { actionLink, isPanelActive, shortBuildId, stageStatusFrom, toCategory, toPanelState, type PanelData } from '../../../src/pipelinePanel/mapper';
import { parseOpenArgs } from '../../../src/pipelinePanel/openArgs';
import { isHostMessage } from '../../../src/webview/protocol';

const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);
const E1 = '0f9a2c3e-1111-4222-8333-444455556666';
const E0 = '11111111-2222-4333-8444-555555555555';
const TOKEN = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

function structure(): PipelineStructure {
  return {
    name: 'web-app-release',
    version: 3,
    executionMode: 'SUPERSEDED',
    variables: [],
    stages: [
      { name: 'Source', actions: [{ name: 'Source', category: 'Source', provider: 'CodeCommit', runOrder: 1, configuration: { RepositoryName: 'web-app', BranchName: 'main' } }] },
      { name: 'Build', actions: [{ name: 'Build', category: 'Build', provider: 'CodeBuild', runOrder: 1, configuration: { ProjectName: 'web-app' } }] },
      {
        name: 'Approve',
        actions: [{ name: 'Manual', category: 'Approval', provider: 'Manual', runOrder: 1, configuration: { CustomData: 'Check staging', ExternalEntityLink: 'https://staging.example.com', NotificationArn: 'arn:aws:sns:us-east-1:111122223333:release-approvers' } }],
      },
      { name: 'Deploy', actions: [{ name: 'Deploy', category: 'Deploy', provider: 'CodeDeploy', runOrder: 1, configuration: {} }] },
    ],
  };
}

function state(): PipelineState {
  return {
    pipelineName: 'web-app-release',
    version: 3,
    stages: [
      {
        name: 'Source',
        inboundTransition: { enabled: true },
        latestExecution: { executionId: E1, status: 'succeeded', rawStatus: 'Succeeded' },
        inboundExecutions: [],
        actions: [{ name: 'Source', status: 'succeeded', rawStatus: 'Succeeded', currentRevision: '3f2a9b7c1d4e5f60718293a4b5c6d7e8f9012345', revisionUrl: 'https://console.aws.amazon.com/codesuite/codecommit/repositories/web-app/commit/3f2a9b7c', lastStatusChange: T0 }],
      },
      {
        name: 'Build',
        inboundTransition: { enabled: true },
        latestExecution: { executionId: E1, status: 'succeeded', rawStatus: 'Succeeded' },
        inboundExecutions: [],
        actions: [{ name: 'Build', status: 'succeeded', rawStatus: 'Succeeded', externalExecutionId: 'web-app:1234', externalExecutionUrl: 'https://console.aws.amazon.com/codebuild/x', summary: 'Build succeeded', lastStatusChange: T0 + 60_000 }],
      },
      {
        name: 'Approve',
        inboundTransition: { enabled: true },
        latestExecution: { executionId: E1, status: 'running', rawStatus: 'InProgress' },
        inboundExecutions: [{ executionId: E0, status: 'running', rawStatus: 'InProgress' }],
        actions: [{ name: 'Manual', status: 'waiting', rawStatus: 'InProgress', approvalToken: TOKEN, lastStatusChange: T0 + 120_000 }],
      },
      {
        name: 'Deploy',
        inboundTransition: { enabled: false, disabledReason: 'Freeze', lastChangedBy: 'arn:aws:iam::111122223333:user/bob', lastChangedAt: T0 - 3_600_000 },
        inboundExecutions: [],
        actions: [{ name: 'Deploy', status: 'unknown' }],
      },
    ],
  };
}

function executions(): PipelineExecution[] {
  return [
    {
      id: E1,
      pipelineName: 'web-app-release',
      status: 'running',
      rawStatus: 'InProgress',
      start: T0,
      lastUpdate: T0 + 120_000,
      trigger: { type: 'StartPipelineExecution', detail: 'arn:aws:iam::111122223333:user/alice' },
      sourceRevisions: [{ actionName: 'Source', revisionId: '3f2a9b7c1d4e5f60718293a4b5c6d7e8f9012345', revisionSummary: 'Fix login\n\nbody', revisionUrl: 'https://example.com/c/3f2a' }],
    },
    { id: E0, pipelineName: 'web-app-release', status: 'failed', rawStatus: 'Failed', start: T0 - 86_400_000, lastUpdate: T0 - 86_000_000, sourceRevisions: [], trigger: { type: 'CloudWatchEvent' } },
  ];
}

function data(over: Partial<PanelData> = {}): PanelData {
  return { pipelineName: 'web-app-release', connectionLabel: 'Sandbox account (us-east-1)', structure: structure(), state: state(), executions: executions(), now: T0 + 180_000, ...over };
}

describe('pipeline panel mapper (model → view model)', () => {
  it('maps the live state: stages in declared order with status, execution, transitions, inbound executions', () => {
    const vm = toPanelState(data());
    assert.strictEqual(vm.live, true);
    assert.deepStrictEqual(vm.stages.map((s) => [s.name, s.status]), [['Source', 'succeeded'], ['Build', 'succeeded'], ['Approve', 'waiting'], ['Deploy', 'unknown']]);
    assert.strictEqual(vm.stages[0].transition, undefined, 'no transition into the first stage');
    assert.deepStrictEqual(vm.stages[3].transition, { enabled: false, reason: 'Freeze', by: 'arn:aws:iam::111122223333:user/bob', at: T0 - 3_600_000 });
    assert.deepStrictEqual(vm.stages[2].inbound, [{ executionId: E0, status: 'running' }]);
    assert.strictEqual(vm.stages[1].executionId, E1);
    assert.strictEqual(vm.stages[3].executionId, undefined);
    assert.ok(isHostMessage({ type: 'state', state: vm, persist: { v: 1, connection: { profile: 'p', region: 'r' }, pipelineName: 'x' } }), 'passes the page-side guard');
  });

  it('maps actions: category, provider, status, summary, time, links, approval', () => {
    const vm = toPanelState(data());
    const [source, build, manual, deploy] = vm.stages.map((s) => s.actions[0]);
    assert.deepStrictEqual(source.link, { kind: 'commit', label: '3f2a9b7c', id: '3f2a9b7c1d4e5f60718293a4b5c6d7e8f9012345', url: 'https://console.aws.amazon.com/codesuite/codecommit/repositories/web-app/commit/3f2a9b7c' });
    assert.deepStrictEqual(build.link, { kind: 'build', label: 'web-app:1234', id: 'web-app:1234', url: 'https://console.aws.amazon.com/codebuild/x' });
    assert.strictEqual(build.summary, 'Build succeeded');
    assert.strictEqual(build.lastChange, T0 + 60_000);
    assert.strictEqual(build.category, 'Build');
    assert.strictEqual(manual.status, 'waiting');
    assert.strictEqual(manual.approval?.token, TOKEN);
    assert.strictEqual(manual.approval?.customData, 'Check staging');
    assert.strictEqual(manual.approval?.externalUrl, 'https://staging.example.com');
    assert.match(manual.approval?.approvers ?? '', /release-approvers/);
    assert.strictEqual(deploy.status, 'unknown');
    assert.strictEqual(deploy.link, undefined);
  });

  it('maps the execution header: trigger, revisions, times, variables, stoppable; history for the picker', () => {
    const detail: PipelineExecution = { ...executions()[0], start: undefined, lastUpdate: undefined, variables: [{ name: 'ENV', value: 'prod' }] };
    const vm = toPanelState(data({ execution: detail }));
    const x = vm.execution!;
    assert.strictEqual(x.id, E1);
    assert.strictEqual(x.trigger, 'StartPipelineExecution (user/alice)');
    assert.strictEqual(x.startTime, T0);
    assert.strictEqual(x.endTime, undefined, 'still running');
    assert.strictEqual(x.stoppable, true);
    assert.deepStrictEqual(x.variables, [{ name: 'ENV', value: 'prod' }]);
    assert.deepStrictEqual(x.revisions, [{ actionName: 'Source', revisionId: '3f2a9b7c1d4e5f60718293a4b5c6d7e8f9012345', summary: 'Fix login\n\nbody', url: 'https://example.com/c/3f2a' }]);
    assert.deepStrictEqual(vm.executions, [
      { id: E1, status: 'running', startTime: T0, label: 'Fix login' },
      { id: E0, status: 'failed', startTime: T0 - 86_400_000, label: 'CloudWatchEvent' },
    ]);
  });

  it('a failed stage is retryable and shows the error details', () => {
    const s = state();
    s.stages[1].latestExecution = { executionId: E1, status: 'failed', rawStatus: 'Failed' };
    s.stages[1].actions[0] = { ...s.stages[1].actions[0], status: 'failed', rawStatus: 'Failed', error: { code: 'JobFailed', message: 'Build failed: exit status 2' } };
    const vm = toPanelState(data({ state: s }));
    assert.strictEqual(vm.stages[1].retryable, true);
    assert.deepStrictEqual(vm.stages[1].actions[0].error, { code: 'JobFailed', message: 'Build failed: exit status 2' });
    assert.strictEqual(vm.stages[0].retryable, false);
  });

  it('drops non-https service URLs from links', () => {
    const s = state();
    s.stages[1].actions[0].externalExecutionUrl = 'javascript:alert(1)';
    const vm = toPanelState(data({ state: s }));
    assert.deepStrictEqual(vm.stages[1].actions[0].link, { kind: 'build', label: 'web-app:1234', id: 'web-app:1234' });
    assert.strictEqual(shortBuildId('web-app:a31403e0-fa9c-4d87-a168-6657aa246867'), 'web-app:a31403e0');
    assert.strictEqual(actionLink('Invoke', 'Lambda', 'x', 'http://insecure')?.url, 'http://insecure', 'the page drops it; the host opens https only');
  });

  it('a past execution: stages from its action executions (latest attempt wins), no live-only buttons', () => {
    const actions: ActionExecution[] = [
      { actionExecutionId: 'a1', pipelineExecutionId: E0, stageName: 'Source', actionName: 'Source', status: 'succeeded', rawStatus: 'Succeeded', start: T0 - 86_400_000, configuration: {}, outputVariables: {} },
      { actionExecutionId: 'a2', pipelineExecutionId: E0, stageName: 'Build', actionName: 'Build', status: 'failed', rawStatus: 'Failed', start: T0 - 86_300_000, configuration: {}, outputVariables: {}, externalExecutionId: 'web-app:1000', error: { code: 'JobFailed', message: 'old' } },
      { actionExecutionId: 'a3', pipelineExecutionId: E0, stageName: 'Build', actionName: 'Build', status: 'failed', rawStatus: 'Failed', start: T0 - 86_200_000, configuration: {}, outputVariables: {}, externalExecutionId: 'web-app:1001', error: { code: 'JobFailed', message: 'retry failed too' } },
    ];
    const vm = toPanelState(data({ selected: { executionId: E0, actions } }));
    assert.strictEqual(vm.live, false);
    assert.strictEqual(vm.selectedExecutionId, E0);
    assert.strictEqual(vm.execution?.id, E0);
    assert.deepStrictEqual(vm.stages.map((s) => s.status), ['succeeded', 'failed', 'unknown', 'unknown']);
    assert.strictEqual(vm.stages[1].actions[0].error?.message, 'retry failed too');
    assert.strictEqual(vm.stages[1].actions[0].link?.label, 'web-app:1001');
    assert.ok(vm.stages.every((s) => !s.retryable && s.inbound.length === 0));
    assert.strictEqual(vm.stages[3].transition?.enabled, false, 'transitions show the pipeline as it is now');
  });

  it('helpers: categories, stage status from actions, activity', () => {
    assert.strictEqual(toCategory('Build'), 'Build');
    assert.strictEqual(toCategory('<script>'), 'Other');
    assert.strictEqual(stageStatusFrom(['succeeded', 'failed']), 'failed');
    assert.strictEqual(stageStatusFrom(['succeeded', 'unknown']), 'running');
    assert.strictEqual(stageStatusFrom(['succeeded', 'skipped']), 'succeeded');
    assert.strictEqual(stageStatusFrom([]), 'unknown');
    const vm = toPanelState(data());
    assert.strictEqual(isPanelActive(vm), true);
    assert.strictEqual(isPanelActive(undefined), false);
  });
});

describe('Open Pipeline Panel arguments', () => {
  const c = { profile: 'dev', region: 'eu-west-1' };
  it('reads (connection, name[, executionId]) and tree nodes', () => {
    assert.deepStrictEqual(parseOpenArgs([c, 'p']), { connection: c, pipelineName: 'p' });
    assert.deepStrictEqual(parseOpenArgs([c, 'p', E1]), { connection: c, pipelineName: 'p', executionId: E1 });
    assert.deepStrictEqual(parseOpenArgs([{ connection: c, pipelineName: 'p' }]), { connection: c, pipelineName: 'p' });
    assert.deepStrictEqual(parseOpenArgs([{ connection: c, pipeline: { name: 'p' }, execution: { id: E1 } }]), { connection: c, pipelineName: 'p', executionId: E1 });
    assert.deepStrictEqual(parseOpenArgs([{ connection: { ...c, endpoint: 'http://127.0.0.1:1' }, pipeline: 'p' }]), { connection: { ...c, endpoint: 'http://127.0.0.1:1' }, pipelineName: 'p' });
  });
  it('gives undefined for anything else (the command then asks)', () => {
    for (const args of [[], [undefined], ['p'], [c], [{ connection: c }], [{ pipelineName: 'p' }], [{ connection: { profile: 'x' }, pipelineName: 'p' }]]) {
      assert.strictEqual(parseOpenArgs(args), undefined, JSON.stringify(args));
    }
  });
});
