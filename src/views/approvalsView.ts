import * as vscode from 'vscode';
import { connectionKey, type Connection } from '../model/connection';
import type { PendingApproval } from '../model/codepipeline';
import type { Loaded } from './dataCache';
import { ExplorerNode, ExplorerProvider, MessageNode, toTreeItem, type ExplorerServices } from './explorerProvider';
import { approvalView, matchesText } from './presentation';

export const approvalsKey = (c: Connection) => `${connectionKey(c)}/approvals`;
export const approvalsWatchId = (c: Connection) => `approvals:${connectionKey(c)}:all`;

export class ApprovalNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: ApprovalsProvider,
    override readonly connection: Connection,
    readonly approval: PendingApproval,
    private readonly showConnection: boolean,
  ) {
    super();
    const a = approval;
    this.id = `approvals/${connectionKey(connection)}/${a.pipelineName}/${a.stageName}/${a.actionName}/${a.token}`;
  }
  get pipelineName(): string {
    return this.approval.pipelineName;
  }
  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, approvalView(this.approval, this.provider.now(), this.showConnection ? this.connection : undefined), vscode.TreeItemCollapsibleState.None);
  }
}

/**
 * Approvals: every manual approval waiting now, across pipelines and connections, oldest first (one flat list, the
 * connection named on each row when there are several); the view's badge shows how many.
 */
export class ApprovalsProvider extends ExplorerProvider {
  private count = 0;

  constructor(services: ExplorerServices) {
    super('approvals', services);
  }

  now(): number {
    return this.services.now();
  }

  get waitingCount(): number {
    return this.count;
  }

  override async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (node) return super.getChildren(node);
    try {
      const connections = this.services.connections.list();
      if (connections.length === 0) return [];
      const loaded = await Promise.all(connections.map((c) => this.loadFor(c)));
      const nodes: ExplorerNode[] = [];
      const approvals: ApprovalNode[] = [];
      loaded.forEach((r, i) => {
        const c = connections[i];
        if (r.error !== undefined) nodes.push(MessageNode.error(`approvals/${connectionKey(c)}`, c, r.error, r.value ? r.at : undefined));
        for (const a of r.value ?? []) approvals.push(new ApprovalNode(this, c, a, connections.length > 1));
      });
      this.setCount(approvals.length);
      const f = this.filter;
      const kept = approvals
        .filter((n) => matchesText(f, n.approval.pipelineName, n.approval.stageName, n.approval.actionName))
        .sort((a, b) => (a.approval.since ?? 0) - (b.approval.since ?? 0));
      nodes.push(...kept);
      if (kept.length === 0 && nodes.length === 0) nodes.push(MessageNode.empty('approvals', undefined, approvals.length ? 'No approval matches the filter' : 'No approvals waiting'));
      return nodes;
    } catch (e) {
      return [MessageNode.error('approvals', undefined, e)];
    }
  }

  connectionChildren(): Promise<ExplorerNode[]> {
    return Promise.resolve([]); // the list is flat: see getChildren
  }

  private loadFor(c: Connection): Promise<Loaded<PendingApproval[]>> {
    const id = approvalsWatchId(c);
    this.watch({ id, isActive: () => false, whenSettled: 'slow', poll: () => this.poll(c) }, false);
    return this.cache.get(approvalsKey(c), () => this.services.backend.listApprovals(c));
  }

  /**
   * After approve/reject, or a change seen in the Pipelines view or a panel: reload. A collapsed view is not asked
   * for its children, so then the list is fetched here, and the badge still counts right.
   */
  touched(c?: Connection): void {
    const affected = c ? [c] : this.services.connections.list();
    for (const x of affected) this.cache.invalidate(approvalsKey(x));
    this.fire();
    if (this.treeView?.visible) return;
    for (const x of affected) {
      this.poll(x).catch((e: unknown) => this.services.log(`approvals: reload after a change failed: ${e instanceof Error ? e.message : String(e)}`));
    }
  }

  private async poll(c: Connection): Promise<void> {
    const previous = this.cache.peek(approvalsKey(c));
    const before = JSON.stringify(previous.value);
    const approvals = await this.services.backend.listApprovals(c);
    this.cache.set(approvalsKey(c), approvals);
    this.setCount(this.services.connections.list().reduce((n, x) => n + (this.cache.peek<PendingApproval[]>(approvalsKey(x)).value?.length ?? 0), 0));
    // a poll that succeeds after a failure clears the error or stale node, even when the list did not change
    if (JSON.stringify(approvals) !== before || previous.error !== undefined) this.fire();
  }

  private setCount(n: number): void {
    this.count = n;
    if (this.treeView) this.treeView.badge = n > 0 ? { value: n, tooltip: `${n} approval${n === 1 ? '' : 's'} waiting` } : undefined;
  }
}
