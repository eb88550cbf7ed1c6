import * as assert from 'assert';
import type { Build } from '../../../src/model/codebuild';
import type { Deployment } from '../../../src/model/codedeploy';
import type { PipelineState, StageState } from '../../../src/model/codepipeline';
import { SANDBOX_PROFILE, type Connection } from '../../../src/model/connection';
import {
  actionView,
  buildView,
  CONTEXT_FLAGS,
  contextValue,
  deploymentView,
  errorView,
  filterDescription,
  formatAge,
  formatDuration,
  isMine,
  matchesText,
  md,
  NO_FILTER,
  NODE_KINDS,
  phaseView,
  pipelineStatus,
  pipelineView,
  stageView,
} from '../../../src/views/presentation';

const aws: Connection = { profile: 'dev', region: 'eu-west-1' };
const sandbox: Connection = { profile: SANDBOX_PROFILE, region: 'us-east-1', endpoint: 'http://127.0.0.1:4599' };
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

function build(over: Partial<Build> = {}): Build {
  return {
    id: 'web:1b2c',
    arn: 'arn:aws:codebuild:eu-west-1:123456789012:build/web:1b2c',
    projectName: 'web',
    buildNumber: 42,
    status: 'running',
    rawStatus: 'IN_PROGRESS',
    currentPhase: 'BUILD',
    complete: false,
    start: NOW - 65_000,
    sourceVersion: 'refs/heads/main',
    initiator: 'arn:aws:sts::123456789012:assumed-role/dev/alice',
    phases: [],
    logs: { deepLink: 'https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logEvent:group=g;stream=s' },
    reportArns: [],
    environmentVariables: [],
    ...over,
  };
}

function stage(over: Partial<StageState> = {}): StageState {
  return { name: 'Build', inboundTransition: { enabled: true }, inboundExecutions: [], actions: [], ...over };
}

describe('Explorer presentation (pure builders)', () => {
  describe('contextValue', () => {
    it('is the kind, then the set flags in a fixed order', () => {
      assert.strictEqual(contextValue('build', { stoppable: true, running: true, hasLogs: false }), 'build running stoppable');
      assert.strictEqual(contextValue('stage'), 'stage');
      assert.strictEqual(contextValue('stage', { transitionDisabled: true, failed: true, retryable: true }), 'stage failed retryable transitionDisabled');
    });
    it('tokens are words a \\b regex can match alone: no kind or flag is a prefix-word of another', () => {
      const tokens = [...NODE_KINDS, ...CONTEXT_FLAGS];
      assert.strictEqual(new Set(tokens).size, tokens.length);
      for (const t of tokens) assert.match(t, /^[A-Za-z]+$/);
      // \bdeployment\b must not match "deploymentGroup"
      assert.ok(!/\bdeployment\b/.test(contextValue('deploymentGroup')));
      assert.ok(/^deployment\b/.test(contextValue('deployment', { stoppable: true })));
    });
  });

  describe('builds', () => {
    it('a running build: spinning icon, phase and elapsed time, stoppable, not retryable', () => {
      const v = buildView(aws, build(), NOW);
      assert.strictEqual(v.label, '#42');
      assert.deepStrictEqual(v.icon, { id: 'sync~spin', color: 'charts.blue' });
      assert.match(v.description!, /^build · refs\/heads\/main · alice · 1m 05s elapsed$/);
      assert.strictEqual(v.contextValue, 'build running stoppable hasLogs hasConsole hasArn');
      assert.match(v.tooltip!, /Open in AWS console\]\(https:\/\/eu-west-1\.console\.aws\.amazon\.com\/codesuite\/codebuild\/projects\/web\/build\/web%3A1b2c/);
    });
    it('a failed build names the failed phase and its message; retryable', () => {
      const b = build({
        status: 'failed',
        rawStatus: 'FAILED',
        complete: true,
        end: NOW,
        failure: { phase: 'BUILD', message: 'COMMAND_EXECUTION_ERROR: npm test exited 1' },
      });
      const v = buildView(aws, b, NOW);
      assert.deepStrictEqual(v.icon, { id: 'error', color: 'testing.iconFailed' });
      assert.match(v.tooltip!, /Failed in \*\*BUILD\*\*: COMMAND\\_EXECUTION\\_ERROR: npm test exited 1/);
      assert.strictEqual(v.contextValue, 'build failed retryable hasLogs hasConsole hasArn');
    });
    it('the Sandbox has no console: no console links, no hasConsole', () => {
      const v = buildView(sandbox, build({ logs: {} }), NOW);
      assert.ok(!/console\.aws/.test(v.tooltip!));
      assert.ok(!/hasConsole/.test(v.contextValue));
    });
    it('a failed phase shows its context message', () => {
      const v = phaseView({ type: 'BUILD', status: 'failed', durationSeconds: 12, messages: ['npm test exited 1'] }, NOW);
      assert.strictEqual(v.description, 'npm test exited 1 · 12s');
      assert.strictEqual(v.contextValue, 'phase failed');
    });
  });

  describe('pipelines', () => {
    const waiting = stage({
      name: 'Approve',
      latestExecution: { executionId: 'e1', status: 'running', rawStatus: 'InProgress' },
      actions: [{ name: 'Manual', status: 'running', approvalToken: 'tok' }],
    });
    it('a waiting approval makes the action, stage and pipeline "waiting"', () => {
      const state: PipelineState = { pipelineName: 'p', stages: [stage({ latestExecution: { executionId: 'e1', status: 'succeeded', rawStatus: 'Succeeded' } }), waiting] };
      assert.strictEqual(pipelineStatus(state), 'waiting');
      assert.strictEqual(actionView(waiting.actions[0], NOW).contextValue, 'action running approvable');
      assert.deepStrictEqual(stageView(waiting).icon, { id: 'bell', color: 'charts.orange' });
      const v = pipelineView(aws, { name: 'p' }, state);
      assert.match(v.description!, /^waiting · Approve/);
    });
    it('a disabled transition shows on the stage and the pipeline; a failed stage is retryable', () => {
      const s = stage({ inboundTransition: { enabled: false, disabledReason: 'freeze' }, latestExecution: { executionId: 'e', status: 'failed', rawStatus: 'Failed' } });
      const v = stageView(s);
      assert.strictEqual(v.contextValue, 'stage failed retryable transitionDisabled');
      assert.match(v.description!, /transition disabled/);
      assert.match(pipelineView(aws, { name: 'p' }, { pipelineName: 'p', stages: [s] }).description!, /1 transition disabled/);
    });
  });

  describe('deployments', () => {
    const d: Deployment = {
      id: 'd-ABC',
      applicationName: 'shop',
      deploymentGroupName: 'prod',
      status: 'running',
      rawStatus: 'InProgress',
      overview: { Pending: 1, InProgress: 1, Succeeded: 2, Failed: 0, Skipped: 0, Ready: 0 },
      waitingForContinue: false,
      created: NOW - 3 * 60_000,
    };
    it('running: counts, stoppable', () => {
      const v = deploymentView(aws, d, NOW);
      assert.match(v.description!, /^running · 2 ok, 1 running, 1 pending · 3 min ago$/);
      assert.strictEqual(v.contextValue, 'deployment running stoppable hasConsole');
    });
    it('blue/green waiting to continue: continuable and stoppable', () => {
      const v = deploymentView(aws, { ...d, status: 'waiting', rawStatus: 'Ready', waitingForContinue: true }, NOW);
      assert.match(v.description!, /^waiting to continue/);
      assert.strictEqual(v.contextValue, 'deployment running stoppable hasConsole continuable');
    });
  });

  describe('errors', () => {
    const commands = { refresh: 'r', signIn: 's', openSandbox: 'o', addConnection: 'a' };
    it('SSO sign-in needed: the next step is Sign in for that profile', () => {
      const v = errorView({ kind: 'credentials', message: 'run aws sso login', details: { ssoLoginRequired: true } }, aws, commands);
      assert.deepStrictEqual(v.next, { title: 'Sign in', command: 's', args: ['dev'] });
      assert.strictEqual(v.contextValue, 'error');
    });
    it('the Sandbox unreachable: the next step starts it', () => {
      assert.strictEqual(errorView({ kind: 'network', message: 'ECONNREFUSED' }, sandbox, commands).next?.command, 'o');
    });
    it('stale data: the label says since when, the kind is stale', () => {
      const v = errorView({ kind: 'throttled', message: 'slow down' }, aws, commands, Date.UTC(2026, 0, 1, 10, 42));
      assert.match(v.label, /^Showing data from \d\d:\d\d: throttled/);
      assert.strictEqual(v.contextValue, 'stale');
    });
  });

  describe('formatting and filters', () => {
    it('durations and ages', () => {
      assert.strictEqual(formatDuration(4_000), '4s');
      assert.strictEqual(formatDuration(65_000), '1m 05s');
      assert.strictEqual(formatDuration(2 * 3600_000 + 3 * 60_000), '2h 03m');
      assert.strictEqual(formatAge(NOW - 10_000, NOW), 'just now');
      assert.strictEqual(formatAge(NOW - 5 * 60_000, NOW), '5 min ago');
      assert.strictEqual(formatAge(undefined, NOW), '');
    });
    it('markdown from AWS is escaped', () => {
      assert.strictEqual(md('[x](javascript:alert(1)) *b*'), '\\[x\\]\\(javascript:alert\\(1\\)\\) \\*b\\*');
    });
    it('text filter, only mine, description', () => {
      const f = { ...NO_FILTER, text: 'WEB', onlyFailing: true };
      assert.ok(matchesText(f, 'my-web-app'));
      assert.ok(!matchesText(f, 'api', undefined));
      assert.ok(isMine('alice', 'arn:aws:sts::1:assumed-role/dev/Alice'));
      assert.ok(!isMine('alice', 'bob'));
      assert.ok(isMine('', 'bob'), 'no identity configured: everything is mine');
      assert.strictEqual(filterDescription(f), 'filter: “WEB” · only failing');
      assert.strictEqual(filterDescription(NO_FILTER), undefined);
    });
  });
});
