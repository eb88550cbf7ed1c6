// Gaps closed in the Explorer, in a real extension host against an in-process Sandbox (demo seed, manual clock):
// - the Pipelines view shows a stopped (or stopping) latest execution as such, not the success an earlier execution
//   left in a later stage;
// - a finished build's phases (COMPLETED included) never read as running;
// - Reveal Deployment (awsDevTools.deployment.reveal) selects a deployment in the Deployments view, from the command
//   and from the pipeline panel's deploy link, through several connections and a filter that hid it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SessionRegistry } from '../../src/aws/session';
import { CommandIds } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { Connection } from '../../src/model/connection';
import type { Sandbox } from '../../src/sandbox/sandbox';
import type { DeploymentGroupNode } from '../../src/views/deploymentsView';
import type { ExplorerNode } from '../../src/views/explorerProvider';
import { NO_FILTER } from '../../src/views/presentation';
import { explorerOnSandbox } from './sandboxExplorer';
import { item, kind, label, walk } from './tree';

function icon(n: ExplorerNode): { id: string; color?: string } {
  const i = item(n).iconPath as vscode.ThemeIcon;
  return i.color ? { id: i.id, color: i.color.id } : { id: i.id };
}

async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Explorer status and Reveal Deployment (in the extension host)', function () {
  this.timeout(120_000);
  let ext: ExtensionApi;
  let api: ExtensionApi['explorer'];
  let sb: Sandbox;
  let c: Connection;

  before(async () => {
    ({ ext, api, sb, c } = await explorerOnSandbox());
  });
  afterEach(() => api.restorePrompts());
  after(async () => {
    for (const p of ext?.pipelinePanels.all ?? []) p.dispose();
    for (const old of [...(api?.connections.list() ?? [])]) await api.connections.remove(old);
    await sb?.stop();
  });

  /** infra-deploy's latest execution running in Plan while Apply shows an earlier success (the demo's; a retried test starts one). */
  async function infraRunningInPlan(): Promise<void> {
    const sessions = new SessionRegistry();
    try {
      const cp = sessions.get(c).codepipeline;
      const inPlan = async (id?: string) => {
        const [latest] = await cp.listExecutions('infra-deploy', { limit: 1 });
        const plan = (await cp.getPipelineState('infra-deploy')).stages.find((s) => s.name === 'Plan')?.latestExecution;
        return latest?.rawStatus === 'InProgress' && (id === undefined || latest.id === id) && plan?.executionId === latest.id && plan.rawStatus === 'InProgress';
      };
      if (await inPlan()) return;
      const id = await cp.startExecution('infra-deploy', {});
      await waitFor('a new infra-deploy execution in Plan', async () => (await inPlan(id)) || (sb.advance(10_000), false));
    } finally {
      sessions.dispose();
    }
    api.views.pipelines.refresh();
  }

  it('Pipelines view: a latest execution stopped in a stage reads "stopping", then "stopped" (not an earlier run\'s success)', async () => {
    await infraRunningInPlan();
    const pipeline = async () => (await api.views.pipelines.getChildren()).find((n) => kind(n) === 'pipeline' && label(n) === 'infra-deploy')!;
    const before = await pipeline();
    assert.match(String(item(before).description), /^running · Plan/, 'the demo runs infra-deploy in Plan; Apply shows an earlier success');
    const ui = api.answerPrompts(['Stop and wait', 'integration test', 'Stop Execution']);
    await vscode.commands.executeCommand(CommandIds.stopExecution, before);
    assert.strictEqual(ui.remaining, 0, ui.prompts.join(' | '));
    assert.deepStrictEqual(ui.messages.filter((m) => m.kind === 'error'), []);

    const stopping = await waitFor('the pipeline to read "stopping"', async () => {
      const n = await pipeline();
      return /^stopping · Plan/.test(String(item(n).description)) && n;
    });
    assert.deepStrictEqual(icon(stopping), { id: 'sync~spin', color: 'charts.blue' }, 'Stopping is still active (status.ts maps it to running)');
    assert.match(String(item(stopping).contextValue), /\brunning\b/);
    const plan = (await api.views.pipelines.getChildren(stopping)).find((n) => kind(n) === 'stage' && label(n) === 'Plan')!;
    assert.match(String(item(plan).description), /^stopping\b/);

    sb.advance(60 * 60_000); // the action in progress finishes: the execution is Stopped
    api.views.pipelines.refresh();
    const stopped = await waitFor('the pipeline to read "stopped"', async () => {
      const n = await pipeline();
      return /^stopped · Plan/.test(String(item(n).description)) && n;
    });
    assert.deepStrictEqual(icon(stopped), { id: 'debug-stop', color: 'disabledForeground' });
    assert.doesNotMatch(String(item(stopped).contextValue), /\brunning\b/);
    const stages = await api.views.pipelines.getChildren(stopped);
    assert.match(String(item(stages.find((n) => label(n) === 'Apply')!).description), /^succeeded/, 'Apply still shows the earlier success');
  });

  it('Builds view: no phase of a finished build reads as running; COMPLETED says how the build ended', async () => {
    const nodes = await walk(api.views.builds, 2);
    const finished = nodes.filter((n) => kind(n) === 'build' && /\bretryable\b/.test(String(item(n).contextValue)));
    assert.ok(finished.length >= 3, 'the demo has finished builds');
    let completed = 0;
    for (const b of finished) {
      const phases = await api.views.builds.getChildren(b);
      for (const p of phases) {
        const what = `${label(b)} ${label(p)}: ${String(item(p).description)}`;
        assert.doesNotMatch(icon(p).id, /spin/, what);
        assert.doesNotMatch(String(item(p).description ?? ''), /running/, what);
        assert.doesNotMatch(String(item(p).contextValue), /\brunning\b/, what);
      }
      const done = phases.find((p) => label(p) === 'COMPLETED');
      if (done) {
        completed++;
        assert.match(String(item(done).description), /^build (succeeded|failed|stopped)$/);
        assert.deepStrictEqual(icon(done), icon(b), 'COMPLETED has its build\'s icon');
      }
    }
    assert.ok(completed >= 3, 'finished builds end with a COMPLETED phase');
  });

  describe('Reveal Deployment', () => {
    let deploymentId: string;
    const view = () => api.views.treeViews.get('deployments')!;
    const selected = () => view().selection.map((n) => n.id);
    const isSelected = (id: string) => () => selected().length === 1 && selected()[0].endsWith(`/deployment/${id}`) && selected()[0];

    before(async () => {
      const d = (await walk(api.views.deployments, 3)).find((n) => kind(n) === 'deployment');
      assert.ok(d, 'the demo has a deployment');
      deploymentId = label(d);
      // collapse everything, select something else: the reveal has work to do
      await vscode.commands.executeCommand('workbench.actions.treeView.awsDevTools.deployments.collapseAll');
    });

    it('the command takes (connection, deployment id), loads application > group > deployment and selects it', async () => {
      const ok = await vscode.commands.executeCommand<boolean>(CommandIds.revealDeployment, { connection: c, deploymentId });
      assert.strictEqual(ok, true);
      const id = await waitFor(`the Deployments view to select ${deploymentId}`, isSelected(deploymentId));
      assert.ok(view().visible, 'the Deployments view is shown');
      // the selected node's parents are its group, then its application (getParent)
      const node = view().selection[0];
      const group = api.views.deployments.getParent(node)!;
      const app = api.views.deployments.getParent(group)!;
      assert.deepStrictEqual([kind(app), kind(group), kind(node)], ['application', 'deploymentGroup', 'deployment']);
      assert.strictEqual(api.views.deployments.getParent(app), undefined, 'with one connection, applications are the roots');
      assert.ok(id.startsWith(`${group.id}/`) && group.id.startsWith(`${app.id}/`), 'ids are paths');
    });

    it('the pipeline panel\'s deploy link reveals the deployment in the tree (not the console), with a filter that hid it cleared', async () => {
      api.views.deployments.setFilter({ ...NO_FILTER, text: 'no application is called this' });
      const ui = api.answerPrompts([]);
      const panel = ext.pipelinePanels.open(c, 'web-app-release');
      const deploy = await waitFor('a deploy action with its deployment link', () => {
        for (const s of panel.current?.stages ?? []) for (const a of s.actions) if (a.link?.kind === 'deployment') return { stage: s.name, action: a.name, id: a.link.id ?? a.link.label };
        return undefined;
      });
      await panel.receive({ type: 'open', target: { kind: 'action', stage: deploy.stage, action: deploy.action } });
      await waitFor(`the Deployments view to select ${deploy.id}`, isSelected(deploy.id));
      assert.deepStrictEqual(api.views.deployments.filter, NO_FILTER);
      assert.ok(ui.messages.some((m) => /filter was cleared/.test(m.message)), ui.messages.map((m) => m.message).join(' | '));
    });

    it('with several connections, the path starts at the connection node', async () => {
      const other = await api.addSandboxConnection(sb.endpoint, 'eu-west-1');
      try {
        await vscode.commands.executeCommand('workbench.actions.treeView.awsDevTools.deployments.collapseAll');
        assert.strictEqual(await vscode.commands.executeCommand<boolean>(CommandIds.revealDeployment, c, deploymentId), true);
        await waitFor(`the Deployments view to select ${deploymentId}`, isSelected(deploymentId));
        let n: ExplorerNode | undefined = view().selection[0];
        const kinds: string[] = [];
        while (n) {
          kinds.unshift(kind(n));
          n = api.views.deployments.getParent(n);
        }
        assert.deepStrictEqual(kinds, ['connection', 'application', 'deploymentGroup', 'deployment']);
      } finally {
        await api.connections.remove(other);
      }
    });

    it('a deployment older than the first page: the reveal loads more pages until it is there', async () => {
      const first = (await walk(api.views.deployments, 3)).find((n) => kind(n) === 'deployment' && label(n) === deploymentId)!;
      const group = api.views.deployments.getParent(first) as DeploymentGroupNode;
      const sessions = new SessionRegistry();
      try {
        const cd = sessions.get(c).codedeploy;
        for (let i = 0; i < 21; i++) {
          await cd.createDeployment({
            applicationName: group.group.applicationName,
            deploymentGroupName: group.group.name,
            revision: { type: 'S3', bucket: 'demo-artifacts', key: `app/build-${100 + i}.zip`, bundleType: 'zip' },
            description: `paging ${i}`,
          });
          sb.advance(60 * 60_000); // one deployment at a time per group: let it finish
        }
      } finally {
        sessions.dispose();
      }
      api.views.deployments.refresh();
      const firstPage = await api.views.deployments.getChildren(group);
      assert.ok(!firstPage.some((n) => label(n) === deploymentId) && firstPage.some((n) => kind(n) === 'loadMore'), 'the deployment is past the first page');
      assert.strictEqual(await vscode.commands.executeCommand<boolean>(CommandIds.revealDeployment, { connection: c, deploymentId }), true);
      await waitFor(`the Deployments view to select ${deploymentId}`, isSelected(deploymentId));
    });

    it('an unknown deployment or connection: a message, false (the panel then opens the console), no throw', async () => {
      const ui = api.answerPrompts([]);
      assert.strictEqual(await vscode.commands.executeCommand<boolean>(CommandIds.revealDeployment, { connection: c, deploymentId: 'd-NOSUCH123' }), false);
      assert.strictEqual(await vscode.commands.executeCommand<boolean>(CommandIds.revealDeployment, { connection: { ...c, region: 'ap-south-2' }, deploymentId }), false);
      assert.strictEqual(await vscode.commands.executeCommand<boolean>(CommandIds.revealDeployment), false);
      assert.strictEqual(ui.messages.length, 3, ui.messages.map((m) => m.message).join(' | '));
    });
  });
});
