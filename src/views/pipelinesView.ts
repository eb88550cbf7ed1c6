import * as vscode from 'vscode';
import { connectionKey, type Connection } from '../model/connection';
import type { ActionState, PipelineExecution, PipelineState, PipelineSummary, StageState } from '../model/codepipeline';
import type { RunStatus } from '../model/status';
import type { Loaded, PagedValue } from './dataCache';
import { ExplorerNode, ExplorerProvider, MessageNode, toTreeItem, type ExplorerServices } from './explorerProvider';
import { actionView, executionView, historyView, latestRunIsAmbiguous, matchesText, pipelineStatus, pipelineView, stageView } from './presentation';

const { Collapsed, None } = vscode.TreeItemCollapsibleState;

/** Fast polling while something runs; a pipeline waiting for an approval may wait for days: the slow interval will do. */
const runs = (s: RunStatus | undefined) => s === 'running' || s === 'queued';

export const stateKey = (c: Connection, name: string) => `${connectionKey(c)}/state/${name}`;
export const executionsKey = (c: Connection, name: string) => `${connectionKey(c)}/executions/${name}`;
export const pipelineWatchId = (c: Connection, name: string) => `pipeline:${connectionKey(c)}:${name}`;

export class PipelineNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: PipelinesProvider,
    override readonly connection: Connection,
    readonly pipeline: PipelineSummary,
    readonly state: Loaded<PipelineState>,
    parentId: string,
    /** The newest execution (the first of the History page), when it loaded: the pipeline's status is its status. */
    readonly latest?: PipelineExecution,
  ) {
    super();
    this.id = `${parentId}/pipeline/${pipeline.name}`;
  }
  get name(): string {
    return this.pipeline.name;
  }
  get status(): RunStatus | undefined {
    return pipelineStatus(this.state.value, this.latest);
  }
  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, pipelineView(this.connection, this.pipeline, this.state.value, this.latest), Collapsed);
  }
  override children(): Promise<ExplorerNode[]> {
    const nodes: ExplorerNode[] = [];
    if (this.state.error !== undefined) nodes.push(MessageNode.error(this.id, this.connection, this.state.error, this.state.value ? this.state.at : undefined));
    for (const s of this.state.value?.stages ?? []) nodes.push(new StageNode(this.provider, this.connection, this.name, s, this.id));
    nodes.push(new HistoryNode(this.provider, this.connection, this.name, this.id));
    return Promise.resolve(nodes);
  }
}

export class StageNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: PipelinesProvider,
    override readonly connection: Connection,
    readonly pipelineName: string,
    readonly stage: StageState,
    parentId: string,
  ) {
    super();
    this.id = `${parentId}/stage/${stage.name}`;
  }
  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, stageView(this.stage), this.stage.actions.length ? Collapsed : None);
  }
  override children(): Promise<ExplorerNode[]> {
    return Promise.resolve(this.stage.actions.map((a) => new ActionNode(this.provider, this.connection, this.pipelineName, this.stage, a, this.id)));
  }
}

export class ActionNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: PipelinesProvider,
    override readonly connection: Connection,
    readonly pipelineName: string,
    readonly stage: StageState,
    readonly action: ActionState,
    parentId: string,
  ) {
    super();
    this.id = `${parentId}/action/${action.name}`;
  }
  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, actionView(this.action, this.provider.now()), None);
  }
}

export class HistoryNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: PipelinesProvider,
    override readonly connection: Connection,
    readonly pipelineName: string,
    parentId: string,
  ) {
    super();
    this.id = `${parentId}/history`;
  }
  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, historyView(), Collapsed);
  }
  override children(): Promise<ExplorerNode[]> {
    return this.provider.executionsOf(this);
  }
}

export class ExecutionNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: PipelinesProvider,
    override readonly connection: Connection,
    readonly execution: PipelineExecution,
    parentId: string,
  ) {
    super();
    this.id = `${parentId}/execution/${execution.id}`;
  }
  get pipelineName(): string {
    return this.execution.pipelineName;
  }
  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, executionView(this.connection, this.execution, this.provider.now()), None);
  }
}

/** Pipelines: pipeline > stages > actions, and History > executions. Each pipeline shown is watched (fast while it runs). */
export class PipelinesProvider extends ExplorerProvider {
  private readonly active = new Map<string, boolean>();
  /** Told when a poll sees an approval appear or go (the Approvals view reloads that connection). */
  onApprovalsChanged: ((c: Connection) => void) | undefined;

  constructor(services: ExplorerServices) {
    super('pipelines', services);
  }

  now(): number {
    return this.services.now();
  }

  async connectionChildren(c: Connection, parentId: string): Promise<ExplorerNode[]> {
    const f = this.filter;
    return this.loadPaged(parentId, c, `${connectionKey(c)}/pipelines`, (t) => this.services.backend.listPipelines(c, t), async (pipelines) => {
      const shown = pipelines.filter((p) => matchesText(f, p.name));
      const states = await Promise.all(shown.map((p) => this.cache.get(stateKey(c, p.name), () => this.services.backend.getPipelineState(c, p.name))));
      // Only where the state cannot say how the latest run ended (it stopped between two stages, say) is the newest
      // execution loaded too (the History page, shared with the History node): one call per pipeline, not two.
      const histories = await Promise.all(
        shown.map((p, i) =>
          latestRunIsAmbiguous(states[i].value) || this.cache.peek(executionsKey(c, p.name)).value !== undefined
            ? this.cache.getPaged<PipelineExecution>(executionsKey(c, p.name), (t) => this.services.backend.listExecutions(c, p.name, t))
            : Promise.resolve(undefined),
        ),
      );
      const nodes = shown.map((p, i) => new PipelineNode(this, c, p, states[i], parentId, histories[i]?.value?.items[0]));
      for (const n of nodes) this.track(c, n.name, n.status);
      const kept = f.onlyFailing ? nodes.filter((n) => n.status === 'failed') : nodes;
      if (kept.length === 0) return [MessageNode.empty(parentId, c, pipelines.length ? 'No pipeline matches the filter' : 'No pipelines in this region')];
      return kept;
    });
  }

  executionsOf(node: HistoryNode): Promise<ExplorerNode[]> {
    const c = node.connection;
    return this.loadPaged(node.id, c, executionsKey(c, node.pipelineName), (t) => this.services.backend.listExecutions(c, node.pipelineName, t), (executions) => {
      if (executions.length === 0) return [MessageNode.empty(node.id, c, 'No executions yet')];
      return executions.map((e) => new ExecutionNode(this, c, e, node.id));
    });
  }

  /** Every pipeline shown: polled fast while it runs or waits, slowly otherwise (it may start at any push). */
  private track(c: Connection, name: string, status: RunStatus | undefined): void {
    const id = pipelineWatchId(c, name);
    const known = this.active.has(id);
    this.active.set(id, runs(status));
    if (known) return;
    this.watch({ id, isActive: () => this.active.get(id) === true, whenSettled: 'slow', poll: () => this.pollPipeline(c, name) });
  }

  /** After a command on this pipeline: reload it now and watch it closely. */
  touched(c: Connection, name: string): void {
    this.cache.invalidate(stateKey(c, name));
    this.cache.invalidate(executionsKey(c, name));
    this.boost(pipelineWatchId(c, name));
    this.fire();
  }

  private async pollPipeline(c: Connection, name: string): Promise<void> {
    const previous = this.cache.peek<PipelineState>(stateKey(c, name));
    const before = previous.value;
    const state = await this.services.backend.getPipelineState(c, name);
    this.cache.set(stateKey(c, name), state);
    const status = pipelineStatus(state, this.cache.peek<PagedValue<PipelineExecution>>(executionsKey(c, name)).value?.items[0]);
    this.active.set(pipelineWatchId(c, name), runs(status));
    if (JSON.stringify(before) !== JSON.stringify(state)) {
      this.cache.invalidate(executionsKey(c, name));
      if (approvalTokens(before) !== approvalTokens(state)) this.onApprovalsChanged?.(c);
      this.fire();
    } else if (previous.error !== undefined) {
      this.fire(); // the error or stale node goes once a poll succeeds again
    }
  }
}

function approvalTokens(state: PipelineState | undefined): string {
  return (state?.stages ?? []).flatMap((s) => s.actions.map((a) => a.approvalToken ?? '')).join(',');
}
