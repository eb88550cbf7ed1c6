import * as vscode from 'vscode';
import { connectionKey, type Connection } from '../model/connection';
import type { DeployApplication, Deployment, DeploymentGroup, DeploymentTarget, LifecycleEvent } from '../model/codedeploy';
import { isActive } from '../model/status';
import { ExplorerNode, ExplorerProvider, MessageNode, toTreeItem, type ExplorerServices } from './explorerProvider';
import { applicationView, deploymentGroupView, deploymentView, isMine, lifecycleEventView, matchesText, targetView } from './presentation';

const { Collapsed, None } = vscode.TreeItemCollapsibleState;

export const deploymentsKey = (c: Connection, app: string, group: string) => `${connectionKey(c)}/deployments/${app}/${group}`;
export const targetsKey = (c: Connection, id: string) => `${connectionKey(c)}/targets/${id}`;
export const deploymentWatchId = (c: Connection, id: string) => `deployment:${connectionKey(c)}:${id}`;

export class ApplicationNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: DeploymentsProvider,
    override readonly connection: Connection,
    readonly application: DeployApplication,
    parentId: string,
  ) {
    super();
    this.id = `${parentId}/application/${application.name}`;
  }
  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, applicationView(this.connection, this.application), Collapsed);
  }
  override children(): Promise<ExplorerNode[]> {
    return this.provider.groupsOf(this);
  }
}

export class DeploymentGroupNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: DeploymentsProvider,
    override readonly connection: Connection,
    readonly group: DeploymentGroup,
    parentId: string,
  ) {
    super();
    this.id = `${parentId}/group/${group.name}`;
  }
  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, deploymentGroupView(this.connection, this.group), Collapsed);
  }
  override children(): Promise<ExplorerNode[]> {
    return this.provider.deploymentsOf(this);
  }
}

export class DeploymentNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: DeploymentsProvider,
    override readonly connection: Connection,
    readonly deployment: Deployment,
    parentId: string,
  ) {
    super();
    this.id = `${parentId}/deployment/${deployment.id}`;
  }
  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, deploymentView(this.connection, this.deployment, this.provider.now()), Collapsed);
  }
  override children(): Promise<ExplorerNode[]> {
    return this.provider.targetsOf(this);
  }
}

export class TargetNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: DeploymentsProvider,
    override readonly connection: Connection,
    readonly target: DeploymentTarget,
    parentId: string,
  ) {
    super();
    this.id = `${parentId}/target/${target.id}`;
  }
  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, targetView(this.target), this.target.lifecycleEvents.length ? Collapsed : None);
  }
  override children(): Promise<ExplorerNode[]> {
    return Promise.resolve(this.target.lifecycleEvents.map((e) => new LifecycleEventNode(this.provider, this.connection, e, this.id)));
  }
}

export class LifecycleEventNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: DeploymentsProvider,
    override readonly connection: Connection,
    readonly event: LifecycleEvent,
    parentId: string,
  ) {
    super();
    this.id = `${parentId}/${event.name}`;
  }
  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, lifecycleEventView(this.event, this.provider.now()), None);
  }
}

/** Deployments: application > group > deployments > targets > lifecycle events. Active deployments are polled in one BatchGetDeployments per connection. */
export class DeploymentsProvider extends ExplorerProvider {
  private readonly active = new Map<string, boolean>();

  constructor(services: ExplorerServices) {
    super('deployments', services);
  }

  now(): number {
    return this.services.now();
  }

  async connectionChildren(c: Connection, parentId: string): Promise<ExplorerNode[]> {
    const f = this.filter;
    return this.load(parentId, c, `${connectionKey(c)}/applications`, () => this.services.backend.listApplications(c), (apps) => {
      const kept = apps.filter((a) => matchesText(f, a.name));
      if (kept.length === 0) return [MessageNode.empty(parentId, c, apps.length ? 'No application matches the filter' : 'No CodeDeploy applications in this region')];
      return kept.map((a) => new ApplicationNode(this, c, a, parentId));
    });
  }

  groupsOf(node: ApplicationNode): Promise<ExplorerNode[]> {
    const c = node.connection;
    return this.load(node.id, c, `${connectionKey(c)}/groups/${node.application.name}`, () => this.services.backend.listDeploymentGroups(c, node.application.name), (groups) => {
      if (groups.length === 0) return [MessageNode.empty(node.id, c, 'No deployment groups')];
      return groups.map((g) => new DeploymentGroupNode(this, c, g, node.id));
    });
  }

  deploymentsOf(node: DeploymentGroupNode): Promise<ExplorerNode[]> {
    const c = node.connection;
    const { applicationName, name } = node.group;
    const f = this.filter;
    const me = this.services.myIdentity();
    return this.loadPaged(node.id, c, deploymentsKey(c, applicationName, name), (t) => this.services.backend.listDeployments(c, applicationName, name, t), (deployments) => {
      for (const d of deployments) this.track(c, d);
      const kept = deployments.filter((d) => (!f.onlyFailing || d.status === 'failed') && (!f.onlyMine || isMine(me, d.creator)));
      if (kept.length === 0) return [MessageNode.empty(node.id, c, deployments.length ? 'No deployment matches the filter' : 'No deployments yet: create one')];
      return kept.map((d) => new DeploymentNode(this, c, d, node.id));
    });
  }

  targetsOf(node: DeploymentNode): Promise<ExplorerNode[]> {
    const c = node.connection;
    return this.load(node.id, c, targetsKey(c, node.deployment.id), () => this.services.backend.listDeploymentTargets(c, node.deployment.id), (targets) => {
      if (targets.length === 0) return [MessageNode.empty(node.id, c, 'No targets yet')];
      return targets.map((t) => new TargetNode(this, c, t, node.id));
    });
  }

  private track(c: Connection, d: Deployment): void {
    const id = deploymentWatchId(c, d.id);
    const running = isActive(d.status) && !d.waitingForContinue;
    const was = this.active.get(id);
    this.active.set(id, running);
    if (was !== undefined || !running) return;
    const ck = connectionKey(c);
    this.batchPoller(`deployments:${ck}`, (ids) => this.pollDeployments(c, ids));
    this.watch({ id, isActive: () => this.active.get(id) === true, whenSettled: 'never', batch: { key: `deployments:${ck}`, item: d.id } });
  }

  /** A command created or changed a deployment: reload its group and poll it closely. */
  touched(c: Connection, app: string, group: string, id: string): void {
    this.cache.invalidate(deploymentsKey(c, app, group));
    this.cache.invalidate(targetsKey(c, id));
    const watchId = deploymentWatchId(c, id);
    this.active.delete(watchId);
    const ck = connectionKey(c);
    this.batchPoller(`deployments:${ck}`, (ids) => this.pollDeployments(c, ids));
    this.active.set(watchId, true);
    this.watch({ id: watchId, isActive: () => this.active.get(watchId) === true, whenSettled: 'never', batch: { key: `deployments:${ck}`, item: id } });
    this.boost(watchId);
    this.fire();
  }

  private async pollDeployments(c: Connection, ids: string[]): Promise<void> {
    const deployments = await this.services.backend.getDeployments(c, ids);
    let changed = false;
    for (const d of deployments) {
      this.active.set(deploymentWatchId(c, d.id), isActive(d.status) && !d.waitingForContinue);
      changed = this.replaceInPage(deploymentsKey(c, d.applicationName ?? '', d.deploymentGroupName ?? ''), d) || changed;
      // Expanded targets: their lifecycle events move without the deployment itself changing.
      const targets = targetsKey(c, d.id);
      const shown = this.cache.peek(targets).value;
      if (shown !== undefined) {
        const fresh = await this.services.backend.listDeploymentTargets(c, d.id);
        if (JSON.stringify(fresh) !== JSON.stringify(shown)) {
          this.cache.set(targets, fresh);
          changed = true;
        }
      }
    }
    if (changed) this.fire();
  }
}
