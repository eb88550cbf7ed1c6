// Builders of panel view-model states for the page tests.
import { DEFAULT_LIMITS, type ActionVM, type PanelState, type StageVM } from '../../../src/webview/protocol';

export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
export const EXEC_ID = '0f9a2c3e-1111-4222-8333-444455556666';
export const TOKEN = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

export function action(name: string, over: Partial<ActionVM> = {}): ActionVM {
  return { name, category: 'Build', provider: 'CodeBuild', status: 'succeeded', lastChange: NOW - 5 * 60_000, summary: `${name} done`, ...over };
}

export function stage(name: string, actions: ActionVM[], over: Partial<StageVM> = {}): StageVM {
  return { name, status: 'succeeded', executionId: EXEC_ID, transition: { enabled: true }, inbound: [], retryable: false, actions, ...over };
}

export function panelState(over: Partial<PanelState> = {}): PanelState {
  return {
    pipelineName: 'web-app-release',
    connectionLabel: 'Sandbox account (us-east-1)',
    live: true,
    execution: {
      id: EXEC_ID,
      status: 'running',
      rawStatus: 'InProgress',
      trigger: 'StartPipelineExecution (user/alice)',
      startTime: NOW - 12 * 60_000,
      revisions: [{ actionName: 'Source', revisionId: '3f2a9b7c1d4e5f60718293a4b5c6d7e8f9012345', summary: 'Fix login redirect\n\nlong body', url: 'https://example.com/commit/3f2a9b7' }],
      variables: [{ name: 'ENV', value: 'prod' }],
      stoppable: true,
    },
    executions: [
      { id: EXEC_ID, status: 'running', startTime: NOW - 12 * 60_000, label: 'Fix login redirect' },
      { id: '11111111-2222-4333-8444-555555555555', status: 'failed', startTime: NOW - 86_400_000 },
    ],
    stages: [
      stage('Source', [action('Source', { category: 'Source', provider: 'CodeCommit', link: { kind: 'commit', label: '3f2a9b7c', url: 'https://example.com/c' } })], { transition: undefined }),
      stage('Build', [action('Build', { link: { kind: 'build', label: 'web-app:1234', url: 'https://console.aws.amazon.com/codesuite/codebuild/x' } }), action('UnitTests', { category: 'Test' })]),
      stage(
        'Approve',
        [
          action('ManualApproval', {
            category: 'Approval',
            provider: 'Manual',
            status: 'waiting',
            summary: undefined,
            approval: { token: TOKEN, customData: 'Check the staging site first', externalUrl: 'https://staging.example.com', approvers: 'anyone allowed codepipeline:PutApprovalResult' },
          }),
        ],
        { status: 'waiting' },
      ),
      stage('Deploy', [action('Deploy', { category: 'Deploy', provider: 'CodeDeploy', status: 'unknown', lastChange: undefined, summary: undefined })], {
        status: 'unknown',
        executionId: undefined,
        transition: { enabled: false, reason: 'Freeze until Monday', by: 'user/bob', at: NOW - 3600_000 },
      }),
    ],
    now: NOW,
    limits: DEFAULT_LIMITS,
    ...over,
  };
}

/** A deep copy to modify for a patch. */
export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** `stages` stages of `actions` actions each. */
export function bigState(stages: number, actions: number): PanelState {
  const s = panelState();
  s.stages = Array.from({ length: stages }, (_, i) =>
    stage(
      `Stage-${i}`,
      Array.from({ length: actions }, (_, j) => action(`Action-${i}-${j}`, { status: (i + j) % 7 === 0 ? 'failed' : 'succeeded', error: (i + j) % 7 === 0 ? { code: 'JobFailed', message: 'exit 1' } : undefined })),
      { transition: i === 0 ? undefined : { enabled: i % 5 !== 0, reason: i % 5 === 0 ? 'Hold' : undefined } },
    ),
  );
  return s;
}
