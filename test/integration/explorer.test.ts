// The Explorer in a real extension host against an in-process Sandbox (demo seed, manual clock): each view's
// getChildren at every level, the commands end to end (the Sandbox's state changes), the Approvals badge, error and
// stale nodes with faults injected, and no scheduler calls while every view is hidden.
// Prompts are answered through the extension API's scripted prompts (api.explorer.answerPrompts): quick picks and
// input boxes cannot be answered from a test otherwise. Scripted input still goes through each box's validateInput.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SessionRegistry } from '../../src/aws/session';
import { CommandIds } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { Connection } from '../../src/model/connection';
import { defaultSchedulerSettings } from '../../src/refresh/scheduler';
import type { Sandbox } from '../../src/sandbox/sandbox';
import { control } from '../helpers/sandbox';
import { explorerOnSandbox } from './sandboxExplorer';
import { children, find, item, kind, label, walk } from './tree';

type Api = ExtensionApi['explorer'];

/** How many variables a pipeline declares (each is asked for when it starts), read with the service layer. */
async function pipelineVariableCount(c: Connection, name: string): Promise<number> {
  const sessions = new SessionRegistry();
  try {
    return (await sessions.get(c).codepipeline.getPipeline(name)).variables.length;
  } finally {
    sessions.dispose();
  }
}

describe('Explorer against the Sandbox (in the extension host)', function () {
  this.timeout(120_000);
  let api: Api;
  let sb: Sandbox;
  let c: Connection;

  before(async () => {
    ({ api, sb, c } = await explorerOnSandbox());
  });
  afterEach(() => api.restorePrompts());
  after(async () => {
    await api?.connections.remove(c);
    await sb?.stop();
  });

  it('each view lists its resources at every level', async () => {
    const v = api.views;
    const repos = await walk(v.repositories, 3);
    assert.ok(repos.some((n) => kind(n) === 'repository') && repos.some((n) => kind(n) === 'branch') && repos.some((n) => kind(n) === 'commit'), 'repository > branch > commit');
    assert.ok(repos.some((n) => kind(n) === 'pullRequests'));
    const builds = await walk(v.builds, 3);
    assert.ok(builds.some((n) => kind(n) === 'project') && builds.some((n) => kind(n) === 'build') && builds.some((n) => kind(n) === 'phase'), 'project > build > phase');
    const deployments = await walk(v.deployments, 5);
    for (const k of ['application', 'deploymentGroup', 'deployment', 'target', 'lifecycleEvent']) assert.ok(deployments.some((n) => kind(n) === k), `deployments: ${k}`);
    const pipelines = await walk(v.pipelines, 3);
    for (const k of ['pipeline', 'stage', 'action', 'history', 'execution']) assert.ok(pipelines.some((n) => kind(n) === k), `pipelines: ${k}`);
    // stable ids: the same tree twice gives the same ids
    assert.deepStrictEqual((await walk(v.pipelines, 2)).map((n) => item(n).id), pipelines.filter((n) => ['pipeline', 'stage', 'history'].includes(kind(n))).map((n) => item(n).id));
  });

  it('the Approvals view lists the waiting approvals, oldest first, and its badge shows the count', async () => {
    const nodes = (await children(api.views.approvals)).filter((n) => kind(n) === 'approval');
    assert.ok(nodes.length >= 1, 'the demo has an approval waiting');
    assert.strictEqual(api.views.treeViews.get('approvals')!.badge?.value, nodes.length);
  });

  it('start a build from its project (source version, env override), see it run to completion', async () => {
    const project = await find(api.views.builds, 1, (n) => kind(n) === 'project', 'a project');
    const name = label(project);
    const ui = api.answerPrompts(['main', 'GREETING=hello; STAGE:PARAMETER_STORE=/app/stage']);
    await vscode.commands.executeCommand(CommandIds.startBuild, project);
    assert.deepStrictEqual(ui.messages.filter((m) => m.kind === 'error'), []);
    const builds = await api.views.builds.getChildren(project);
    const started = builds.find((n) => kind(n) === 'build')!;
    assert.match(String(item(started).contextValue), /\brunning\b/);
    const state = (await control(sb, 'state')) as { codebuild: unknown };
    assert.match(JSON.stringify(state.codebuild), /GREETING/, `the Sandbox got the override for ${name}`);
    sb.advance(60 * 60_000);
    api.views.builds.refresh();
    const after = (await api.views.builds.getChildren(project)).find((n) => item(n).id === item(started).id)!;
    assert.doesNotMatch(String(item(after).contextValue), /\brunning\b/, 'finished');
  });

  it('a source version that breaks the rules is refused as typed (validateInput)', async () => {
    const project = await find(api.views.builds, 1, (n) => kind(n) === 'project', 'a project');
    api.answerPrompts(['bad..ref']);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand(CommandIds.startBuild, project)), /fails validation: Source version/);
  });

  it('stop a running build, then retry it', async () => {
    const project = await find(api.views.builds, 1, (n) => kind(n) === 'project', 'a project');
    api.answerPrompts(['', '']);
    await vscode.commands.executeCommand(CommandIds.startBuild, project);
    const running = (await api.views.builds.getChildren(project)).find((n) => /\bstoppable\b/.test(String(item(n).contextValue)))!;
    api.answerPrompts(['Stop Build']);
    await vscode.commands.executeCommand(CommandIds.stopBuild, running);
    sb.advance(60_000);
    api.views.builds.refresh();
    const stopped = (await api.views.builds.getChildren(project)).find((n) => item(n).id === item(running).id)!;
    assert.match(String(item(stopped).contextValue), /\bretryable\b/);
    const before = (await api.views.builds.getChildren(project)).filter((n) => kind(n) === 'build').length;
    await vscode.commands.executeCommand(CommandIds.retryBuild, stopped);
    api.views.builds.refresh();
    const afterRetry = (await api.views.builds.getChildren(project)).filter((n) => kind(n) === 'build').length;
    assert.ok(afterRetry > before || afterRetry >= 20, 'a new build');
  });

  it('approve the waiting approval and see the pipeline continue', async () => {
    const approval = (await children(api.views.approvals)).find((n) => kind(n) === 'approval')!;
    const pipelineName = label(approval).split(' › ')[0];
    api.answerPrompts(['Looks good', 'Approve']);
    await vscode.commands.executeCommand(CommandIds.approve, approval);
    const left = (await children(api.views.approvals)).filter((n) => item(n).id === item(approval).id);
    assert.strictEqual(left.length, 0, 'the approval is gone');
    sb.advance(30 * 60_000);
    api.views.pipelines.refresh();
    const pipeline = await find(api.views.pipelines, 1, (n) => label(n) === pipelineName, pipelineName);
    const stages = await api.views.pipelines.getChildren(pipeline);
    assert.ok(stages.some((s) => kind(s) === 'stage' && !/waiting/.test(String(item(s).description ?? ''))), 'past the approval');
  });

  it('start a pipeline execution, stop it (abandon, with a reason)', async () => {
    const pipeline = await find(api.views.pipelines, 1, (n) => kind(n) === 'pipeline', 'a pipeline');
    // one answer per declared V2 variable (empty = default), then the confirmation
    const variables = await pipelineVariableCount(c, label(pipeline));
    api.answerPrompts([...Array<string>(variables).fill(''), 'Start']);
    await vscode.commands.executeCommand(CommandIds.startExecution, pipeline);
    const history = (await api.views.pipelines.getChildren(pipeline)).find((n) => kind(n) === 'history')!;
    const running = (await api.views.pipelines.getChildren(history)).find((n) => /\bstoppable\b/.test(String(item(n).contextValue)));
    if (!running) return; // the execution finished or queued behind another (QUEUED mode): nothing to stop
    api.answerPrompts(['Stop and abandon', 'testing stop', 'Stop Execution']);
    await vscode.commands.executeCommand(CommandIds.stopExecution, running);
    sb.advance(60_000);
    api.views.pipelines.refresh();
    const after = (await api.views.pipelines.getChildren(history)).find((n) => item(n).id === item(running).id)!;
    assert.doesNotMatch(String(item(after).contextValue), /\bstoppable\b/);
  });

  it('disable a transition with a reason, then enable it', async () => {
    const stage = await find(api.views.pipelines, 2, (n) => /\btransitionEnabled\b/.test(String(item(n).contextValue)) && kind(n) === 'stage', 'a stage');
    api.answerPrompts(['freeze for release', 'Disable']);
    await vscode.commands.executeCommand(CommandIds.disableTransition, stage);
    const again = await find(api.views.pipelines, 2, (n) => item(n).id === item(stage).id, 'the stage');
    assert.match(String(item(again).contextValue), /\btransitionDisabled\b/);
    await vscode.commands.executeCommand(CommandIds.enableTransition, again);
    const enabled = await find(api.views.pipelines, 2, (n) => item(n).id === item(stage).id, 'the stage');
    assert.match(String(item(enabled).contextValue), /\btransitionEnabled\b/);
  });

  it('create a deployment from S3, then stop it with rollback', async () => {
    const group = await find(api.views.deployments, 2, (n) => kind(n) === 'deploymentGroup', 'a deployment group');
    api.answerPrompts(['Amazon S3', 's3://demo-artifacts/app/build-99.zip', 'zip', 'from the integration test', 'Deploy']);
    await vscode.commands.executeCommand(CommandIds.createDeployment, group);
    const deployments = await api.views.deployments.getChildren(group);
    const created = deployments.find((n) => kind(n) === 'deployment')!;
    assert.match(String(item(created).tooltip instanceof vscode.MarkdownString ? (item(created).tooltip as vscode.MarkdownString).value : ''), /integration test/);
    api.answerPrompts(['Stop and roll back', 'Stop Deployment']);
    await vscode.commands.executeCommand(CommandIds.stopDeployment, created);
    sb.advance(60 * 60_000);
    api.views.deployments.refresh();
    const after = (await api.views.deployments.getChildren(group)).find((n) => item(n).id === item(created).id)!;
    assert.doesNotMatch(String(item(after).contextValue), /\bstoppable\b/);
  });

  it('errors become nodes with a next step; a failed refresh keeps the last good data marked stale', async () => {
    await walk(api.views.builds, 1);
    await control(sb, 'faults', { rules: [{ service: 'codebuild', accessDenied: true }] });
    try {
      api.views.builds.refresh();
      const nodes = await children(api.views.builds);
      assert.strictEqual(kind(nodes[0]), 'stale');
      assert.match(label(nodes[0]), /access denied/i);
      assert.ok(nodes.some((n) => kind(n) === 'project'), 'last good projects still shown');
    } finally {
      await control(sb, 'faults', { rules: [] });
    }
  });

  it('polls of a running build redraw the Builds view only when the build changed', async () => {
    const project = await find(api.views.builds, 1, (n) => kind(n) === 'project', 'a project');
    api.answerPrompts(['', '']);
    await vscode.commands.executeCommand(CommandIds.startBuild, project);
    await api.views.builds.getChildren(project); // tracks the running build
    let redraws = 0;
    const sub = api.views.builds.onDidChangeTreeData(() => redraws++);
    api.scheduler.updateSettings({ activeIntervalMs: 200 });
    try {
      await new Promise((r) => setTimeout(r, 1_500)); // the boost's first poll may still see the start settle
      const calls = api.schedulerStats().batchCalls;
      redraws = 0;
      await new Promise((r) => setTimeout(r, 2_000)); // the Sandbox clock is frozen: nothing changes
      assert.ok(api.schedulerStats().batchCalls - calls >= 3, 'the running build was polled');
      assert.strictEqual(redraws, 0, 'unchanged polls do not redraw the view');
      sb.advance(30_000); // the build moves on to a later phase
      await new Promise((r) => setTimeout(r, 1_000));
      assert.ok(redraws >= 1, 'a changed build redraws the view');
    } finally {
      sub.dispose();
      api.scheduler.updateSettings({ activeIntervalMs: defaultSchedulerSettings.activeIntervalMs });
    }
  });

  it('with every view hidden, the scheduler makes no calls', async () => {
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await new Promise((r) => setTimeout(r, 500));
    const before = api.schedulerStats().calls;
    assert.strictEqual(api.scheduler.pollableCount, 0, 'nothing pollable');
    await new Promise((r) => setTimeout(r, 3_000));
    assert.strictEqual(api.schedulerStats().calls, before);
    assert.strictEqual(api.scheduler.hasTimer, false);
  });
});
