// The pipeline panel in a real extension host against an in-process Sandbox (demo seed, manual clock): the real
// webview page loads and says `ready`, the host posts the state; messages are sent the way the page sends them
// (through the panel's receive(), which validates them like any page message) and the Sandbox's state changes.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { ScriptedUi, windowUi } from '../../src/commands/ui';
import { CommandIds, EXTENSION_ID } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import { SANDBOX_PROFILE, type Connection } from '../../src/model/connection';
import type { PipelinePanel } from '../../src/pipelinePanel/pipelinePanel';
import type { Sandbox } from '../../src/sandbox/sandbox';
import type { PanelState } from '../../src/webview/protocol';
import { startSandbox } from '../helpers/sandbox';

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function approvalOf(state: PanelState | undefined) {
  for (const s of state?.stages ?? []) for (const a of s.actions) if (a.approval?.token) return { stage: s.name, action: a.name, token: a.approval.token };
  return undefined;
}

describe('Pipeline panel against the Sandbox (in the extension host)', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let sb: Sandbox;
  let c: Connection;

  before(async () => {
    const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!;
    api = await ext.activate();
    sb = await startSandbox({ seed: 'demo' });
    c = { profile: SANDBOX_PROFILE, region: sb.region, endpoint: sb.endpoint };
  });
  after(async () => {
    for (const p of api?.pipelinePanels.all ?? []) p.dispose();
    await sb?.stop();
  });

  it('opens web-app-release: the page says ready, the state arrives with the approval waiting; reopening focuses it', async () => {
    const panel = api.pipelinePanels.open(c, 'web-app-release');
    const state = await waitFor('the first state posted to a ready page', () => approvalOf(panel.current) && panel.current);
    assert.deepStrictEqual(
      state.stages.map((s) => s.name),
      ['Source', 'Build', 'Staging', 'Approval', 'Production'],
    );
    assert.strictEqual(state.stages.find((s) => s.name === 'Approval')?.status, 'waiting');
    assert.ok(state.execution?.id);
    assert.strictEqual(api.pipelinePanels.open(c, 'web-app-release'), panel, 'one panel per pipeline');
    assert.strictEqual(api.pipelinePanels.all.length, 1);
    assert.strictEqual(panel.panel.viewType, 'awsDevTools.pipelinePanel');
    assert.match(panel.panel.webview.html, /default-src &#39;none&#39;; script-src &#39;nonce-/);
  });

  it('ignores hostile messages, then approves through a page message: the Sandbox state changes', async () => {
    const panel = api.pipelinePanels.get(c, 'web-app-release')!;
    const waiting = approvalOf(panel.current)!;
    await panel.receive({ type: 'approval', stage: waiting.stage, action: waiting.action, token: waiting.token, result: 'Approved' }); // no summary: invalid
    await panel.receive({ type: 'open', target: { kind: 'url', url: 'javascript:alert(1)' } });
    await panel.receive('<script>');
    const executionId = panel.current!.stages.find((s) => s.name === waiting.stage)!.executionId!;
    const stageStatus = () => sb.codepipeline.state.executions[executionId]?.stages[waiting.stage]?.status;
    assert.strictEqual(stageStatus(), 'InProgress', 'nothing happened yet');

    const tooLong = 'x'.repeat(513);
    await panel.receive({ type: 'approval', stage: waiting.stage, action: waiting.action, token: waiting.token, result: 'Approved', summary: tooLong });
    assert.strictEqual(stageStatus(), 'InProgress', 'the service layer validator refused the 513-character comment');

    await panel.receive({ type: 'approval', stage: waiting.stage, action: waiting.action, token: waiting.token, result: 'Approved', summary: 'Staging verified from the panel' });
    await waitFor('the approval stage to succeed in the Sandbox', () => stageStatus() === 'Succeeded');
    const after = await waitFor('the panel to show it', () => {
      const a = panel.current?.stages.find((s) => s.name === waiting.stage)?.actions.find((x) => x.name === waiting.action);
      return a?.status === 'succeeded' && a;
    });
    assert.strictEqual(after.summary, 'Staging verified from the panel');
    // the deploy stage runs on the Sandbox clock; the panel follows it without a refresh click
    sb.clock.advance(10 * 60_000, 5_000);
    await panel.receive({ type: 'refresh' });
    await waitFor('Production to run or finish', () => {
      const p = panel.current?.stages.find((s) => s.name === 'Production');
      return p?.executionId === executionId && p.status !== 'unknown' && p;
    });
  });

  it('retries a failed stage of api-service-ci (failed actions) through a page message', async () => {
    const panel: PipelinePanel = api.pipelinePanels.open(c, 'api-service-ci');
    const failed = await waitFor('a failed, retryable stage', () => panel.current?.stages.find((s) => s.retryable));
    const id = failed.executionId!;
    await panel.receive({ type: 'retryStage', stage: failed.name, executionId: id, mode: 'FAILED_ACTIONS' });
    await waitFor('the stage to run again in the Sandbox', () => sb.codepipeline.state.executions[id]?.stages[failed.name]?.status === 'InProgress');
    assert.strictEqual(api.pipelinePanels.all.length, 2);
  });

  it('stops an execution (stop and abandon, with a reason) and disables a transition through scripted prompts', async () => {
    const panel = api.pipelinePanels.get(c, 'api-service-ci')!;
    const running = await waitFor('a running execution in the header', () => panel.current?.execution?.stoppable && panel.current.execution);
    const ui = new ScriptedUi(['Stop and abandon', 'Hotfix coming', 'Abandon']);
    api.pipelinePanels.ui = ui;
    try {
      await panel.receive({ type: 'stopExecution', executionId: running.id });
      assert.strictEqual(ui.remaining, 0, ui.prompts.join(' | '));
      await waitFor('the execution to stop in the Sandbox', () => ['Stopped', 'Stopping'].includes(sb.codepipeline.state.executions[running.id]?.status ?? ''));

      const stage = panel.current!.stages.find((s) => s.transition?.enabled)!;
      api.pipelinePanels.ui = new ScriptedUi(['Release freeze (until Monday)']);
      await panel.receive({ type: 'setTransition', stage: stage.name, enable: false });
      const t = await waitFor('the disabled transition in the panel', () => {
        const tr = panel.current?.stages.find((s) => s.name === stage.name)?.transition;
        return tr && !tr.enabled && tr;
      });
      assert.strictEqual(t.reason, 'Release freeze (until Monday)');
      await panel.receive({ type: 'setTransition', stage: stage.name, enable: true });
      await waitFor('the transition enabled again', () => panel.current?.stages.find((s) => s.name === stage.name)?.transition?.enabled === true);
    } finally {
      api.pipelinePanels.ui = windowUi;
    }
  });

  it('Start execution asks for the V2 pipeline variables (default shown, validated as typed) and passes them', async () => {
    const panel = api.pipelinePanels.get(c, 'web-app-release')!;
    const before = new Set(Object.keys(sb.codepipeline.state.executions));
    const ui = new ScriptedUi(['beta']);
    api.pipelinePanels.ui = ui;
    try {
      await panel.receive({ type: 'startExecution' });
      assert.strictEqual(ui.remaining, 0, ui.prompts.join(' | '));
      assert.match(ui.prompts[0], /Start web-app-release: variable ReleaseChannel/);
      const started = await waitFor('a new execution in the Sandbox', () => Object.keys(sb.codepipeline.state.executions).find((id) => !before.has(id)));
      assert.deepStrictEqual(sb.codepipeline.state.executions[started]?.variables, [{ name: 'ReleaseChannel', resolvedValue: 'beta' }]);

      // a value the service would refuse (a line break) is refused in the prompt, before any call
      const box = { validate: undefined as undefined | ((v: string) => unknown) };
      api.pipelinePanels.ui = {
        ...windowUi,
        showInputBox: (o) => {
          box.validate = (v) => o.validateInput?.(v);
          return Promise.resolve(undefined);
        },
      };
      await panel.receive({ type: 'startExecution' });
      assert.match(String(box.validate?.('two\nlines')), /one line/);
      assert.strictEqual(box.validate?.(''), undefined, 'empty keeps the default');
    } finally {
      api.pipelinePanels.ui = windowUi;
    }
  });

  it('the serializer restores a panel after a reload from the state its page saved', async () => {
    for (const p of api.pipelinePanels.all.filter((x) => x.pipelineName === 'web-app-release')) p.dispose();
    await waitFor('web-app-release closed', () => !api.pipelinePanels.get(c, 'web-app-release'));
    // what VS Code does after a reload: a fresh panel of our view type, and what the page saved with setState
    const fresh = vscode.window.createWebviewPanel('awsDevTools.pipelinePanel', 'web-app-release', vscode.ViewColumn.Active, { enableScripts: true });
    const persisted = { v: 1, pipelineName: 'web-app-release', connection: { profile: c.profile, region: c.region, endpoint: c.endpoint } };
    await api.pipelinePanels.deserializeWebviewPanel(fresh, persisted);
    const restored = api.pipelinePanels.get(c, 'web-app-release');
    assert.ok(restored, 'the panel is adopted');
    assert.strictEqual(restored.panel, fresh);
    await waitFor('the restored panel to show the pipeline', () => restored.current?.stages.length === 5);
    assert.match(fresh.webview.html, /script-src &#39;nonce-/);

    // a saved state that does not validate is not restored: the panel is closed
    const junk = vscode.window.createWebviewPanel('awsDevTools.pipelinePanel', 'junk', vscode.ViewColumn.Active, {});
    let closed = false;
    junk.onDidDispose(() => (closed = true));
    await api.pipelinePanels.deserializeWebviewPanel(junk, { v: 1, pipelineName: '<script>' });
    assert.ok(closed);
  });

  it('the command opens a panel from (connection, name); closing the panel forgets it', async () => {
    const panel = await vscode.commands.executeCommand<PipelinePanel>(CommandIds.openPipelinePanel, c, 'mobile-app-nightly');
    await waitFor('the state of mobile-app-nightly', () => panel.current?.stages.length);
    assert.strictEqual(api.pipelinePanels.all.length, 3);
    panel.panel.dispose();
    await waitFor('the panel to be forgotten', () => api.pipelinePanels.all.length === 2);
  });
});
