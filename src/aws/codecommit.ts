import type { Commit as SdkCommit, PullRequest as SdkPullRequest, RepositoryMetadata } from '@aws-sdk/client-codecommit';
import type { Branch, CloneUrls, Commit, FileDifference, Person, PullRequest, Repository } from '../model/codecommit';
import { ENVIRONMENT_PROFILE, isSandbox } from '../model/connection';
import type { ConnectionClients } from './clients';
import { BATCH_LIMITS, chunk } from './queue';
import { time } from './convert';
import { assertValid, validateBranchName, validateRepositoryName } from './validation';


/** CodeCommit: repositories, branches, commits, differences, pull requests, clone URLs. */
export class CodeCommitService {
  constructor(private readonly clients: ConnectionClients) {}

  /** Every repository with its metadata: ListRepositories pages, then BatchGetRepositories in chunks of 100. */
  async listRepositories(): Promise<Repository[]> {
    const names = await this.clients.call('codecommit', 'ListRepositories', async (client, sdk) => {
      const out: string[] = [];
      for await (const page of sdk.paginateListRepositories({ client }, { sortBy: 'repositoryName', order: 'ascending' })) {
        for (const r of page.repositories ?? []) if (r.repositoryName) out.push(r.repositoryName);
      }
      return out;
    });
    return this.getRepositories(names);
  }

  /** Metadata of the named repositories (chunks of 100); unknown names are left out. */
  async getRepositories(names: readonly string[]): Promise<Repository[]> {
    const chunks = chunk(names, BATCH_LIMITS.BatchGetRepositories);
    const results = await Promise.all(
      chunks.map((repositoryNames) =>
        this.clients.call('codecommit', 'BatchGetRepositories', async (client, sdk) => (await client.send(new sdk.BatchGetRepositoriesCommand({ repositoryNames }))).repositories ?? []),
      ),
    );
    const byName = new Map(results.flat().map((m) => [m.repositoryName ?? '', this.toRepository(m)]));
    return names.flatMap((n) => byName.get(n) ?? []);
  }

  async getRepository(name: string): Promise<Repository> {
    assertValid('codecommit.GetRepository', validateRepositoryName(name));
    const meta = await this.clients.call('codecommit', 'GetRepository', async (client, sdk) => (await client.send(new sdk.GetRepositoryCommand({ repositoryName: name }))).repositoryMetadata);
    return this.toRepository(meta ?? { repositoryName: name });
  }

  /** Branch names (sorted, the default branch first) with their head commits when `withHeads` (one GetBranch each, through the queue). */
  async listBranches(repositoryName: string, options: { defaultBranch?: string; withHeads?: boolean } = {}): Promise<Branch[]> {
    assertValid('codecommit.ListBranches', validateRepositoryName(repositoryName));
    const names = await this.clients.call('codecommit', 'ListBranches', async (client, sdk) => {
      const out: string[] = [];
      for await (const page of sdk.paginateListBranches({ client }, { repositoryName })) out.push(...(page.branches ?? []));
      return out;
    });
    names.sort((a, b) => (a === options.defaultBranch ? -1 : b === options.defaultBranch ? 1 : a.localeCompare(b)));
    const heads = options.withHeads ? await this.clients.queue.map(names, (n) => this.getBranchHead(repositoryName, n)) : [];
    return names.map((name, i) => ({ name, commitId: heads[i], isDefault: name === options.defaultBranch }));
  }

  async getBranchHead(repositoryName: string, branchName: string): Promise<string | undefined> {
    assertValid('codecommit.GetBranch', validateRepositoryName(repositoryName), validateBranchName(branchName));
    return this.clients.call('codecommit', 'GetBranch', async (client, sdk) => (await client.send(new sdk.GetBranchCommand({ repositoryName, branchName }))).branch?.commitId);
  }

  async getCommit(repositoryName: string, commitId: string): Promise<Commit> {
    const commit = await this.clients.call('codecommit', 'GetCommit', async (client, sdk) => (await client.send(new sdk.GetCommitCommand({ repositoryName, commitId }))).commit);
    return toCommit(commit ?? { commitId }, commitId);
  }

  /**
   * A branch's recent commits, newest first (git log order by committer date), walking parents with GetCommit.
   * Stops after `limit` commits (default 20); `firstParent` follows only first parents (the branch's own line).
   */
  async recentCommits(repositoryName: string, branchName: string, options: { limit?: number; firstParent?: boolean } = {}): Promise<Commit[]> {
    const limit = Math.max(1, options.limit ?? 20);
    const head = await this.getBranchHead(repositoryName, branchName);
    if (!head) return [];
    const fetched = new Map<string, Promise<Commit>>();
    const fetch = (id: string) => {
      let p = fetched.get(id);
      if (!p) {
        p = this.clients.queue.run(() => this.getCommit(repositoryName, id));
        fetched.set(id, p);
      }
      return p;
    };
    const out: Commit[] = [];
    let frontier: Commit[] = [await fetch(head)];
    const seen = new Set<string>([head]);
    while (frontier.length > 0 && out.length < limit) {
      frontier.sort((a, b) => (b.committer.date ?? b.author.date ?? 0) - (a.committer.date ?? a.author.date ?? 0));
      const next = frontier.shift()!;
      out.push(next);
      if (out.length >= limit) break;
      const parents = (options.firstParent ? next.parents.slice(0, 1) : next.parents).filter((p) => !seen.has(p));
      parents.forEach((p) => seen.add(p));
      frontier = frontier.concat(await Promise.all(parents.map(fetch)));
    }
    return out;
  }

  /** Files changed between two commits (`before` absent: the commit's changes against its first parent or the empty tree). */
  async getDifferences(repositoryName: string, afterCommit: string, beforeCommit?: string, options: { limit?: number } = {}): Promise<FileDifference[]> {
    const limit = options.limit ?? Infinity;
    return this.clients.call('codecommit', 'GetDifferences', async (client, sdk) => {
      const out: FileDifference[] = [];
      for await (const page of sdk.paginateGetDifferences({ client }, { repositoryName, afterCommitSpecifier: afterCommit, ...(beforeCommit ? { beforeCommitSpecifier: beforeCommit } : {}) })) {
        for (const d of page.differences ?? []) {
          const before = d.beforeBlob;
          const after = d.afterBlob;
          out.push({
            changeType: (d.changeType ?? 'M'),
            beforePath: before?.path,
            afterPath: after?.path,
            beforeBlobId: before?.blobId,
            afterBlobId: after?.blobId,
            path: after?.path ?? before?.path ?? '',
          });
        }
        if (out.length >= limit) break;
      }
      return out.slice(0, limit);
    });
  }

  /** Open pull requests of a repository (ListPullRequests pages, then GetPullRequest each through the queue: there is no batch get). */
  async listOpenPullRequests(repositoryName: string, options: { limit?: number } = {}): Promise<PullRequest[]> {
    assertValid('codecommit.ListPullRequests', validateRepositoryName(repositoryName));
    const limit = options.limit ?? 100;
    const ids = await this.clients.call('codecommit', 'ListPullRequests', async (client, sdk) => {
      const out: string[] = [];
      for await (const page of sdk.paginateListPullRequests({ client }, { repositoryName, pullRequestStatus: 'OPEN' })) {
        out.push(...(page.pullRequestIds ?? []));
        if (out.length >= limit) break;
      }
      return out.slice(0, limit);
    });
    const prs = await this.clients.queue.map(ids, (id) => this.getPullRequest(id));
    return prs.sort((a, b) => (b.lastActivity ?? 0) - (a.lastActivity ?? 0));
  }

  async getPullRequest(pullRequestId: string): Promise<PullRequest> {
    const pr = await this.clients.call('codecommit', 'GetPullRequest', async (client, sdk) => (await client.send(new sdk.GetPullRequestCommand({ pullRequestId }))).pullRequest);
    return toPullRequest(pr ?? { pullRequestId });
  }

  /** Clone URLs: HTTPS (git credential helper or GRC), SSH, and git-remote-codecommit (with the profile when it is not the default). */
  cloneUrls(repositoryName: string, given: { https?: string; ssh?: string } = {}): CloneUrls {
    const { region, profile } = this.clients.connection;
    const host = `git-codecommit.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
    const withProfile = profile !== 'default' && profile !== ENVIRONMENT_PROFILE && !isSandbox(this.clients.connection);
    return {
      https: given.https ?? `https://${host}/v1/repos/${repositoryName}`,
      ssh: given.ssh ?? `ssh://${host}/v1/repos/${repositoryName}`,
      grc: `codecommit::${region}://${withProfile ? `${profile}@` : ''}${repositoryName}`,
    };
  }

  private toRepository(m: RepositoryMetadata): Repository {
    const name = m.repositoryName ?? '';
    return {
      name,
      id: m.repositoryId ?? '',
      arn: m.Arn ?? '',
      accountId: m.accountId,
      description: m.repositoryDescription,
      defaultBranch: m.defaultBranch,
      created: time(m.creationDate),
      lastModified: time(m.lastModifiedDate),
      cloneUrls: this.cloneUrls(name, { https: m.cloneUrlHttp, ssh: m.cloneUrlSsh }),
    };
  }
}

/** CodeCommit dates are `<epoch seconds> <+hhmm>` strings. */
export function parseGitDate(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m = /^(\d+)(\s+[+-]\d{4})?$/.exec(value.trim());
  if (m) return Number(m[1]) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

function person(u: { name?: string; email?: string; date?: string } | undefined): Person {
  return { name: u?.name, email: u?.email, date: parseGitDate(u?.date) };
}

function toCommit(c: SdkCommit, fallbackId: string): Commit {
  const message = c.message ?? '';
  return {
    id: c.commitId ?? fallbackId,
    treeId: c.treeId,
    parents: c.parents ?? [],
    message,
    subject: message.split('\n')[0].trim(),
    author: person(c.author),
    committer: person(c.committer),
  };
}

function toPullRequest(p: SdkPullRequest): PullRequest {
  const t = p.pullRequestTargets?.[0];
  return {
    id: p.pullRequestId ?? '',
    title: p.title ?? '',
    description: p.description,
    status: p.pullRequestStatus ?? 'OPEN',
    authorArn: p.authorArn,
    created: time(p.creationDate),
    lastActivity: time(p.lastActivityDate),
    repositoryName: t?.repositoryName ?? '',
    sourceReference: t?.sourceReference,
    destinationReference: t?.destinationReference,
    sourceCommit: t?.sourceCommit,
    destinationCommit: t?.destinationCommit,
    isMerged: t?.mergeMetadata?.isMerged ?? false,
  };
}
