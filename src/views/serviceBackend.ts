import type { SessionRegistry } from '../aws/session';
import { connectionKey, type Connection } from '../model/connection';
import type { ExplorerBackend, Page } from './backend';

/** How many builds, deployments and executions a page shows before "Load more". */
export const PAGE_SIZE = 20;
/** Top-level lists (projects, pipelines, repositories) are fetched whole by the service layer and shown in pages of this size. */
export const LIST_PAGE_SIZE = 100;
const LIST_MEMO_MS = 60_000;

/**
 * The Explorer's port implemented on the service layer (src/aws). The service returns whole lists or the newest N;
 * paging is by offset (`nextToken` is the offset): the next page asks for N more ids and details only the new ones.
 */
export class ServiceBackend implements ExplorerBackend {
  private readonly memo = new Map<string, { at: number; value: Promise<unknown[]> }>();

  constructor(
    private readonly sessions: SessionRegistry,
    private readonly now: () => number = Date.now,
  ) {}

  private s(c: Connection) {
    return this.sessions.get(c);
  }

  /** Pages over a whole list fetched once (memoised briefly so "Load more" does not fetch it again). */
  private async pageOfList<T>(c: Connection, what: string, nextToken: string | undefined, fetch: () => Promise<T[]>): Promise<Page<T>> {
    const key = `${connectionKey(c)}/${what}`;
    const offset = Number(nextToken ?? 0) || 0;
    let m = this.memo.get(key);
    if (!m || offset === 0 || this.now() - m.at > LIST_MEMO_MS) {
      m = { at: this.now(), value: fetch() };
      this.memo.set(key, m);
      m.value.catch(() => this.memo.delete(key));
    }
    const all = (await m.value) as T[];
    const end = offset + LIST_PAGE_SIZE;
    return { items: all.slice(offset, end), nextToken: end < all.length ? String(end) : undefined };
  }

  /** Pages over a newest-first list: ask for `offset + PAGE_SIZE` ids, detail the last PAGE_SIZE. */
  private async pageOfIds<T>(nextToken: string | undefined, listIds: (limit: number) => Promise<string[]>, details: (ids: string[]) => Promise<T[]>): Promise<Page<T>> {
    const offset = Number(nextToken ?? 0) || 0;
    const ids = await listIds(offset + PAGE_SIZE + 1);
    const slice = ids.slice(offset, offset + PAGE_SIZE);
    const items = slice.length ? await details(slice) : [];
    return { items, nextToken: ids.length > offset + PAGE_SIZE ? String(offset + PAGE_SIZE) : undefined };
  }

  listRepositories(c: Connection, nextToken?: string) {
    return this.pageOfList(c, 'repositories', nextToken, () => this.s(c).codecommit.listRepositories());
  }
  listBranches(c: Connection, repository: string, defaultBranch?: string) {
    return this.s(c).codecommit.listBranches(repository, { defaultBranch, withHeads: true });
  }
  recentCommits(c: Connection, repository: string, branch: string, count: number) {
    return this.s(c).codecommit.recentCommits(repository, branch, { limit: count });
  }
  listOpenPullRequests(c: Connection, repository: string) {
    return this.s(c).codecommit.listOpenPullRequests(repository);
  }

  listProjects(c: Connection, nextToken?: string) {
    return this.pageOfList(c, 'projects', nextToken, () => this.s(c).codebuild.listProjects());
  }
  listBuilds(c: Connection, project: string, nextToken?: string) {
    const cb = this.s(c).codebuild;
    return this.pageOfIds(nextToken, (limit) => cb.listBuildIds(project, { limit }), (ids) => cb.getBuilds(ids));
  }
  getBuilds(c: Connection, ids: string[]) {
    return this.s(c).codebuild.getBuilds(ids);
  }
  startBuild(c: Connection, project: string, input: { sourceVersion?: string; environmentVariablesOverride?: { name: string; value: string; type: string }[] }) {
    return this.s(c).codebuild.startBuild({
      projectName: project,
      sourceVersion: input.sourceVersion,
      environmentVariables: input.environmentVariablesOverride?.map((v) => ({ name: v.name, value: v.value, type: v.type as 'PLAINTEXT' })),
    });
  }
  stopBuild(c: Connection, id: string) {
    return this.s(c).codebuild.stopBuild(id);
  }
  retryBuild(c: Connection, id: string) {
    return this.s(c).codebuild.retryBuild(id);
  }

  listApplications(c: Connection) {
    return this.s(c).codedeploy.listApplications();
  }
  listDeploymentGroups(c: Connection, application: string) {
    return this.s(c).codedeploy.listDeploymentGroups(application);
  }
  listDeployments(c: Connection, application: string, group: string, nextToken?: string) {
    const cd = this.s(c).codedeploy;
    return this.pageOfIds(
      nextToken,
      (limit) => cd.listDeploymentIds({ applicationName: application, deploymentGroupName: group, limit }),
      (ids) => cd.getDeployments(ids),
    );
  }
  getDeployments(c: Connection, ids: string[]) {
    return this.s(c).codedeploy.getDeployments(ids);
  }
  listDeploymentTargets(c: Connection, deploymentId: string) {
    return this.s(c).codedeploy.listTargets(deploymentId);
  }
  createDeployment(c: Connection, application: string, group: string, revision: Parameters<ExplorerBackend['createDeployment']>[3], description?: string) {
    return this.s(c).codedeploy.createDeployment({ applicationName: application, deploymentGroupName: group, revision, description });
  }
  async stopDeployment(c: Connection, id: string, rollback: boolean) {
    await this.s(c).codedeploy.stopDeployment(id, { rollback });
  }
  continueDeployment(c: Connection, id: string) {
    return this.s(c).codedeploy.continueDeployment(id);
  }

  listPipelines(c: Connection, nextToken?: string) {
    return this.pageOfList(c, 'pipelines', nextToken, () => this.s(c).codepipeline.listPipelines());
  }
  getPipelineState(c: Connection, name: string) {
    return this.s(c).codepipeline.getPipelineState(name);
  }
  getPipeline(c: Connection, name: string) {
    return this.s(c).codepipeline.getPipeline(name);
  }
  async listExecutions(c: Connection, name: string, nextToken?: string) {
    const offset = Number(nextToken ?? 0) || 0;
    const all = await this.s(c).codepipeline.listExecutions(name, { limit: offset + PAGE_SIZE + 1 });
    return { items: all.slice(offset, offset + PAGE_SIZE), nextToken: all.length > offset + PAGE_SIZE ? String(offset + PAGE_SIZE) : undefined };
  }
  startExecution(c: Connection, name: string, variables: { name: string; value: string }[]) {
    return this.s(c).codepipeline.startExecution(name, variables.length ? { variables } : {});
  }
  stopExecution(c: Connection, name: string, executionId: string, abandon: boolean, reason?: string) {
    return this.s(c).codepipeline.stopExecution(name, executionId, { abandon, reason });
  }
  retryStage(c: Connection, name: string, stage: string, executionId: string, mode: 'FAILED_ACTIONS' | 'ALL_ACTIONS') {
    return this.s(c).codepipeline.retryStage(name, stage, executionId, mode);
  }
  putApproval(c: Connection, a: { pipelineName: string; stageName: string; actionName: string; token?: string; pipelineExecutionId?: string }, approved: boolean, summary: string) {
    return this.s(c).codepipeline.putApprovalResult({
      pipelineName: a.pipelineName,
      stageName: a.stageName,
      actionName: a.actionName,
      approved,
      summary,
      token: a.token,
      executionId: a.pipelineExecutionId,
    });
  }
  setTransition(c: Connection, name: string, stage: string, enable: boolean, reason?: string) {
    const cp = this.s(c).codepipeline;
    return enable ? cp.enableTransition(name, stage) : cp.disableTransition(name, stage, reason ?? '');
  }
  async listApprovals(c: Connection) {
    const cp = this.s(c).codepipeline;
    const names = (await cp.listPipelines()).map((p) => p.name);
    const approvals = await cp.listPendingApprovals(names);
    return approvals.sort((a, b) => (a.since ?? 0) - (b.since ?? 0));
  }
  forget(c: Connection): void {
    const prefix = `${connectionKey(c)}/`;
    for (const k of [...this.memo.keys()]) if (k.startsWith(prefix)) this.memo.delete(k);
    this.sessions.remove(c);
  }
}
