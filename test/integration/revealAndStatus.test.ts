// Gaps closed in the Explorer, in a real extension host against an in-process Sandbox (demo seed, manual clock):
// - the Pipelines view shows a stopped (or stopping) latest execution as such, not the success an earlier execution
//   left in a later stage;
// - a finished build's phases (COMPLETED included) never read as running.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SessionRegistry } from '../../src/aws/session';
import { CommandIds, EXTENSION_ID } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { Connection } from '../../src/model/connection';
import type { Sandbox } from '../../src/sandbox/sandbox';
import type { ExplorerNode, ExplorerProvider } from '../../src/views/explorerProvider';
import { startSandbox } from '../helpers/sandbox';

function item(n: ExplorerNode): vscode.TreeItem {
  return n.treeItem();
}
function kind(n: ExplorerNode): string {
  return String(item(n).contextValue ?? '').split(' ')[0];
}
function label(n: ExplorerNode): string {
  const l = item(n).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}
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

async function walk(p: ExplorerProvider, depth: number, n?: ExplorerNode): Promise<ExplorerNode[]> {
  const out: ExplorerNode[] = [];
  for (const child of await p.getChildren(n)) {
    out.push(child);
    if (depth > 1 && item(child).collapsibleState !== vscode.TreeItemCollapsibleState.None) out.push(...(await walk(p, depth - 1, child)));
  }
  return out;
}

describe('Explorer status and Reveal Deployment (in the extension host)', function () {
  this.timeout(120_000);
  let ext: ExtensionApi;
  let api: ExtensionApi['explorer'];
  let sb: Sandbox;
  let c: Connection;

  before(async () => {
    ext = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate();
    api = ext.explorer;
    sb = await startSandbox({ seed: 'demo' });
    for (const old of [...api.connections.list()]) await api.connections.remove(old);
    c = await api.addSandboxConnection(sb.endpoint, sb.region);
    await vscode.commands.executeCommand('workbench.view.extension.awsDevTools');
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
});
