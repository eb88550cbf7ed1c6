// The panel's data path against a real Sandbox (demo seed, manual clock) through the real service layer:
// PipelineLoader fetches, the mapper builds the view model, the page renders it; then an approval through the
// service layer moves the pipeline on and the next load shows it.
import * as assert from 'assert';
import { AwsSession } from '../../../src/aws/session';
import { SANDBOX_PROFILE } from '../../../src/model/connection';
import { PipelineLoader } from '../../../src/pipelinePanel/loader';
import { toPanelState } from '../../../src/pipelinePanel/mapper';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { isHostMessage, type PanelState } from '../../../src/webview/protocol';
import { startSandbox } from '../../helpers/sandbox';
import { actionEl, makePage, q, stageEl } from '../webview/dom';

describe('pipeline panel data path against the Sandbox (demo seed)', function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let session: AwsSession;

  before(async () => {
    sb = await startSandbox({ seed: 'demo' });
    session = new AwsSession({ profile: SANDBOX_PROFILE, region: sb.region, endpoint: sb.endpoint }, { maxAttempts: 1 });
  });
  after(async () => {
    session.dispose();
    await sb.stop();
  });

  async function load(loader: PipelineLoader, selected?: string): Promise<PanelState> {
    await loader.load(session.codepipeline, selected);
    return toPanelState(loader.data('Sandbox account (us-east-1)', sb.clock.now()));
  }

  it('web-app-release: waits at its approval; the page renders it with the comment box; approving moves it on', async () => {
    const loader = new PipelineLoader('web-app-release');
    const vm = await load(loader);
    assert.ok(isHostMessage({ type: 'state', state: vm, persist: { v: 1, connection: { profile: 'p', region: 'r' }, pipelineName: 'web-app-release' } }));
    const approvalStage = vm.stages.find((s) => s.actions.some((a) => a.category === 'Approval'));
    assert.ok(approvalStage, `stages: ${vm.stages.map((s) => s.name).join(', ')}`);
    const approval = approvalStage.actions.find((a) => a.category === 'Approval')!;
    assert.strictEqual(approval.status, 'waiting');
    assert.ok(approval.approval?.token, 'the approval token is in the view model');
    assert.strictEqual(approvalStage.status, 'waiting');
    assert.ok(vm.execution, 'the header shows the latest execution');
    assert.ok(vm.executions.length > 1, 'history for the picker');
    assert.ok(vm.stages[0].actions[0].link?.kind === 'commit');
    const build = vm.stages.flatMap((s) => s.actions).find((a) => a.provider === 'CodeBuild');
    assert.strictEqual(build?.link?.kind, 'build');
    console.log(`      web-app-release: ${vm.stages.map((s) => `${s.name}=${s.status}`).join(' ')}; ${vm.executions.length} executions`);

    const page = makePage(() => sb.clock.now());
    try {
      page.view.update(vm);
      const card = actionEl(page.root, approvalStage.name, approval.name);
      assert.ok(!q(card, '.approval-form').hasAttribute('hidden'));
      assert.strictEqual(q(card, '.counter').textContent, '0 / 512');
      assert.ok(q(stageEl(page.root, approvalStage.name), '.stage-card'));
    } finally {
      await page.close();
    }

    await session.codepipeline.putApprovalResult({
      pipelineName: 'web-app-release',
      stageName: approvalStage.name,
      actionName: approval.name,
      approved: true,
      summary: 'Staging verified <b>by me</b>',
      token: approval.approval.token,
    });
    const after = await load(loader);
    const a2 = after.stages.find((s) => s.name === approvalStage.name)!.actions.find((a) => a.name === approval.name)!;
    assert.strictEqual(a2.status, 'succeeded');
    assert.strictEqual(a2.approval?.token, undefined);
    assert.strictEqual(a2.summary, 'Staging verified <b>by me</b>', 'the comment is the action summary');
  });

  it('api-service-ci: failed build is retryable with error details; the transition into Deploy is disabled', async () => {
    const vm = await load(new PipelineLoader('api-service-ci'));
    const failed = vm.stages.find((s) => s.status === 'failed');
    assert.ok(failed, vm.stages.map((s) => `${s.name}=${s.status}`).join(' '));
    assert.strictEqual(failed.retryable, true);
    assert.ok(failed.actions.some((a) => a.status === 'failed' && a.error?.message));
    assert.ok(vm.stages.some((s) => s.transition && !s.transition.enabled && s.transition.reason));
  });

  it('an earlier execution: its action executions are shown, not the live state', async () => {
    const loader = new PipelineLoader('web-app-release');
    const live = await load(loader);
    const earlier = live.executions[1];
    const past = await load(loader, earlier.id);
    assert.strictEqual(past.live, false);
    assert.strictEqual(past.execution?.id, earlier.id);
    assert.ok(past.stages.some((s) => s.status !== 'unknown'));
    assert.ok(past.stages.every((s) => !s.retryable));
  });
});
