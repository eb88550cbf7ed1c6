import * as vscode from 'vscode';
import { connectionKey, type Connection } from '../model/connection';
import type { Branch, Commit, PullRequest, Repository } from '../model/codecommit';
import { ExplorerNode, ExplorerProvider, MessageNode, toTreeItem, type ExplorerServices } from './explorerProvider';
import { branchView, commitView, matchesText, pullRequestsView, pullRequestView, repositoryView } from './presentation';

const { Collapsed, None } = vscode.TreeItemCollapsibleState;
const RECENT_COMMITS = 10;

export class RepositoryNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: RepositoriesProvider,
    override readonly connection: Connection,
    readonly repository: Repository,
    parentId: string,
  ) {
    super();
    this.id = `${parentId}/repository/${repository.name}`;
  }
  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, repositoryView(this.connection, this.repository), Collapsed);
  }
  override children(): Promise<ExplorerNode[]> {
    return this.provider.branchesOf(this);
  }
}

export class BranchNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: RepositoriesProvider,
    override readonly connection: Connection,
    readonly repository: string,
    readonly branch: Branch,
    parentId: string,
  ) {
    super();
    this.id = `${parentId}/branch/${branch.name}`;
  }
  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, branchView(this.branch), this.branch.commitId ? Collapsed : None);
  }
  override children(): Promise<ExplorerNode[]> {
    return this.provider.commitsOf(this);
  }
}

export class CommitNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: RepositoriesProvider,
    override readonly connection: Connection,
    readonly repository: string,
    readonly commit: Commit,
    parentId: string,
  ) {
    super();
    this.id = `${parentId}/commit/${commit.id}`;
  }
  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, commitView(this.connection, this.repository, this.commit, this.provider.now()), None);
  }
}

export class PullRequestsNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: RepositoriesProvider,
    override readonly connection: Connection,
    readonly repository: string,
    parentId: string,
  ) {
    super();
    this.id = `${parentId}/pullRequests`;
  }
  override treeItem(): vscode.TreeItem {
    const count = this.provider.cache.peek<PullRequest[]>(this.provider.pullRequestsKey(this.connection, this.repository)).value?.length;
    return toTreeItem(this.id, pullRequestsView(count), Collapsed);
  }
  override children(): Promise<ExplorerNode[]> {
    return this.provider.pullRequestsOf(this);
  }
}

export class PullRequestNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: RepositoriesProvider,
    override readonly connection: Connection,
    readonly pullRequest: PullRequest,
    parentId: string,
  ) {
    super();
    this.id = `${parentId}/${pullRequest.id}`;
  }
  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, pullRequestView(this.connection, this.pullRequest, this.provider.now()), None);
  }
}

/** Repositories: repository > branches (default first) > recent commits, and a node for open pull requests. Nothing here runs, so nothing is polled. */
export class RepositoriesProvider extends ExplorerProvider {
  constructor(services: ExplorerServices) {
    super('repositories', services);
  }

  now(): number {
    return this.services.now();
  }

  pullRequestsKey(c: Connection, repository: string): string {
    return `${connectionKey(c)}/pullRequests/${repository}`;
  }

  connectionChildren(c: Connection, parentId: string): Promise<ExplorerNode[]> {
    const f = this.filter;
    return this.loadPaged(parentId, c, `${connectionKey(c)}/repositories`, (t) => this.services.backend.listRepositories(c, t), (repos) => {
      const kept = repos.filter((r) => matchesText(f, r.name, r.description));
      if (kept.length === 0) return [MessageNode.empty(parentId, c, repos.length ? 'No repository matches the filter' : 'No CodeCommit repositories in this region')];
      return kept.map((r) => new RepositoryNode(this, c, r, parentId));
    });
  }

  branchesOf(node: RepositoryNode): Promise<ExplorerNode[]> {
    const c = node.connection;
    const repo = node.repository.name;
    return this.load(node.id, c, `${connectionKey(c)}/branches/${repo}`, () => this.services.backend.listBranches(c, repo, node.repository.defaultBranch), (branches) => {
      const sorted = [...branches].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
      const nodes: ExplorerNode[] = sorted.map((b) => new BranchNode(this, c, repo, b, node.id));
      if (nodes.length === 0) nodes.push(MessageNode.empty(node.id, c, 'No branches yet: push a first commit'));
      nodes.push(new PullRequestsNode(this, c, repo, node.id));
      return nodes;
    });
  }

  commitsOf(node: BranchNode): Promise<ExplorerNode[]> {
    const c = node.connection;
    const head = node.branch.commitId;
    if (!head) return Promise.resolve([]);
    return this.load(node.id, c, `${connectionKey(c)}/commits/${node.repository}/${head}`, () => this.services.backend.recentCommits(c, node.repository, node.branch.name, RECENT_COMMITS), (commits) =>
      commits.map((commit) => new CommitNode(this, c, node.repository, commit, node.id)),
    );
  }

  pullRequestsOf(node: PullRequestsNode): Promise<ExplorerNode[]> {
    const c = node.connection;
    return this.load(node.id, c, this.pullRequestsKey(c, node.repository), () => this.services.backend.listOpenPullRequests(c, node.repository), (prs) => {
      if (prs.length === 0) return [MessageNode.empty(node.id, c, 'No open pull requests')];
      return prs.map((p) => new PullRequestNode(this, c, p, node.id));
    });
  }
}
