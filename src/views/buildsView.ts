import * as vscode from 'vscode';
import { connectionKey, type Connection } from '../model/connection';
import type { Build, BuildPhase, BuildProject } from '../model/codebuild';
import type { PagedValue } from './dataCache';
import { ExplorerNode, ExplorerProvider, MessageNode, toTreeItem, type ExplorerServices } from './explorerProvider';
import { buildView, isMine, matchesText, phaseView, projectView } from './presentation';

const { Collapsed, None } = vscode.TreeItemCollapsibleState;

export const buildsKey = (c: Connection, project: string) => `${connectionKey(c)}/builds/${project}`;
export const buildWatchId = (c: Connection, id: string) => `build:${connectionKey(c)}:${id}`;

export class ProjectNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: BuildsProvider,
    override readonly connection: Connection,
    readonly project: BuildProject,
    parentId: string,
  ) {
    super();
    this.id = `${parentId}/project/${project.name}`;
  }
  get lastBuild(): Build | undefined {
    return this.provider.cache.peek<PagedValue<Build>>(buildsKey(this.connection, this.project.name)).value?.items[0];
  }
  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, projectView(this.connection, this.project, this.lastBuild), Collapsed);
  }
  override children(): Promise<ExplorerNode[]> {
    return this.provider.buildsOf(this);
  }
}

export class BuildNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: BuildsProvider,
    override readonly connection: Connection,
    readonly build: Build,
    parentId: string,
  ) {
    super();
    this.id = `${parentId}/build/${build.id}`;
  }
  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, buildView(this.connection, this.build, this.provider.now()), this.build.phases.length ? Collapsed : None);
  }
  override children(): Promise<ExplorerNode[]> {
    return Promise.resolve(this.build.phases.map((p) => new PhaseNode(this.provider, this.connection, p, this.id, this.build.id, this.build)));
  }
}

export class PhaseNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: BuildsProvider,
    override readonly connection: Connection,
    readonly phase: BuildPhase,
    parentId: string,
    /** Lets "Open Log at Error" find the build from a phase node. */
    readonly buildId: string,
    /** The build the phase belongs to: a finished build shows no running phase. */
    readonly build?: Build,
  ) {
    super();
    this.id = `${parentId}/${phase.type}`;
  }
  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, phaseView(this.phase, this.provider.now(), this.build), None);
  }
}

/** Builds: project > builds newest first > phases. Running builds of a connection are polled in one BatchGetBuilds. */
export class BuildsProvider extends ExplorerProvider {
  private readonly running = new Map<string, boolean>();

  constructor(services: ExplorerServices) {
    super('builds', services);
  }

  now(): number {
    return this.services.now();
  }

  async connectionChildren(c: Connection, parentId: string): Promise<ExplorerNode[]> {
    const f = this.filter;
    return this.loadPaged(parentId, c, `${connectionKey(c)}/projects`, (t) => this.services.backend.listProjects(c, t), async (projects) => {
      const shown = projects.filter((p) => matchesText(f, p.name, p.repositoryName, p.description));
      // The last build's status of each project shown (ListBuildsForProject + one BatchGetBuilds each, cached).
      await Promise.all(shown.map((p) => this.cache.getPaged<Build>(buildsKey(c, p.name), (t) => this.services.backend.listBuilds(c, p.name, t))));
      const nodes = shown.map((p) => new ProjectNode(this, c, p, parentId));
      for (const n of nodes) for (const b of this.cache.peek<PagedValue<Build>>(buildsKey(c, n.project.name)).value?.items ?? []) this.track(c, b);
      const kept = f.onlyFailing ? nodes.filter((n) => n.lastBuild?.status === 'failed') : nodes;
      if (kept.length === 0) return [MessageNode.empty(parentId, c, projects.length ? 'No project matches the filter' : 'No build projects in this region')];
      return kept;
    });
  }

  buildsOf(node: ProjectNode): Promise<ExplorerNode[]> {
    const c = node.connection;
    const f = this.filter;
    const me = this.services.myIdentity();
    return this.loadPaged(node.id, c, buildsKey(c, node.project.name), (t) => this.services.backend.listBuilds(c, node.project.name, t), (builds) => {
      for (const b of builds) this.track(c, b);
      const kept = builds.filter((b) => (!f.onlyFailing || b.status === 'failed') && (!f.onlyMine || isMine(me, b.initiator)));
      if (kept.length === 0) return [MessageNode.empty(node.id, c, builds.length ? 'No build matches the filter' : 'No builds yet: start one')];
      return kept.map((b) => new BuildNode(this, c, b, node.id));
    });
  }

  /** Running builds are watched: batched per connection, polled until they finish, never after. */
  track(c: Connection, b: Build): void {
    const id = buildWatchId(c, b.id);
    const running = !b.complete;
    const was = this.running.get(id);
    this.running.set(id, running);
    if (!running && was === undefined) return;
    if (was === undefined || (running && !was)) {
      const ck = connectionKey(c);
      this.batchPoller(`builds:${ck}`, (ids) => this.pollBuilds(c, ids));
      this.watch({ id, isActive: () => this.running.get(id) === true, whenSettled: 'never', batch: { key: `builds:${ck}`, item: b.id } });
    }
  }

  /** A command started or changed a build: show it at once and poll it closely. */
  upsert(c: Connection, b: Build): void {
    const key = buildsKey(c, b.projectName);
    if (!this.cache.update<PagedValue<Build>>(key, (v) => ({ ...v, items: v.items.some((x) => x.id === b.id) ? v.items.map((x) => (x.id === b.id ? b : x)) : [b, ...v.items] }))) {
      this.cache.invalidate(key);
    }
    this.running.delete(buildWatchId(c, b.id));
    this.track(c, b);
    this.boost(buildWatchId(c, b.id));
    this.fire();
  }

  private async pollBuilds(c: Connection, ids: string[]): Promise<void> {
    const builds = await this.services.backend.getBuilds(c, ids);
    let changed = false;
    for (const b of builds) {
      this.running.set(buildWatchId(c, b.id), !b.complete);
      changed = this.replaceInPage(buildsKey(c, b.projectName), b) || changed;
    }
    if (changed) this.fire();
  }
}
