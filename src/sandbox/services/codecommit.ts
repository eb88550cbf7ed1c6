import { dict } from '../dict';
import { AwsError } from '../errors';
import { ACCOUNT_ID, arn, ts, uuid } from '../ids';
import { page } from '../pagination';
import { BaseService } from './base';
import { branchName, checkRepositoryName, decodeRefName, filePath, isObjectId, repositoryName, str } from './codecommit/checks';
import {
  GIT_MODE,
  buildTree,
  diff,
  flatten,
  putBlob,
  putCommit,
  subtree,
  type CommitObject,
  type FileMap,
  type FileMode,
  type ObjectStore,
} from './codecommit/git';
import { cmp, commitMessage, commitWire, defaultMessage, fileModeOf, listOf, omitUndefined, personOf, under, type FileMeta } from './codecommit/wire';
import { PullRequests, type PullRequestInput, type PullRequestState } from './codecommit/pullRequests';
import type { CodeCommitInternal, CodePipelineInternal, CommitSummary } from './internal';
import type { Json, Operation, RequestContext } from './types';

interface Repository {
  repositoryId: string;
  repositoryName: string;
  repositoryDescription?: string;
  defaultBranch?: string;
  creationDate: number;
  lastModifiedDate: number;
  tags?: Record<string, string>;
  /** branch name -> head commit id (a map without a prototype, as are all maps of the state: ../dict.ts) */
  branches: Record<string, string>;
  objects: ObjectStore;
}

interface State extends PullRequestState {
  version: 1;
  repositories: Record<string, Repository>;
}

export interface CommitChanges {
  repositoryName: string;
  branch: string;
  /** The head the caller expects the branch to be at; absent for a new branch in an empty repository. */
  parentCommitId?: string;
  putFiles?: { filePath: string; content: Buffer | string; fileMode?: FileMode }[];
  deleteFiles?: string[];
  authorName?: string;
  email?: string;
  message?: string;
  /** epoch ms; the clock's time when absent (seeds set dates in the past) */
  date?: number;
  /** git offset of the author, +0000 when absent */
  tz?: string;
  /** Start the pipelines that watch the branch (false while seeding). */
  notify?: boolean;
  /** Internal callers may commit without a file change. */
  allowEmpty?: boolean;
}

export interface CommitResult {
  commitId: string;
  treeId: string;
  added: FileMeta[];
  updated: FileMeta[];
  deleted: FileMeta[];
}

const DEFAULT_AUTHOR = 'sandbox-user';
const MODE_OF: Record<string, FileMode> = { '100644': 'NORMAL', '100755': 'EXECUTABLE', '120000': 'SYMLINK' };
const MAX_FILE = 6 * 1024 * 1024;

export class CodeCommitService extends BaseService<State> implements CodeCommitInternal {
  readonly name = 'codecommit' as const;
  private readonly pullRequests = new PullRequests({
    state: () => this.state,
    repository: (name) => this.repo(name),
    now: () => this.sandbox.clock.now(),
  });
  readonly targetPrefix = 'CodeCommit_20150413';
  readonly operations: Record<string, Operation> = {
    ListRepositories: (i) => this.listRepositories(i),
    BatchGetRepositories: (i, c) => this.batchGetRepositories(i, c),
    GetRepository: (i, c) => ({ repositoryMetadata: this.metadata(this.repo(repositoryName(i)), c.region) }),
    CreateRepository: (i, c) => this.createRepository(i, c),
    ListBranches: (i) => this.listBranches(i),
    GetBranch: (i) => this.getBranch(i),
    CreateBranch: (i, c) => this.createBranch(i, c),
    GetCommit: (i) => this.getCommit(i),
    GetDifferences: (i) => this.getDifferences(i),
    GetFolder: (i) => this.getFolder(i),
    GetFile: (i) => this.getFile(i),
    PutFile: (i, c) => this.putFile(i, c),
    CreateCommit: (i, c) => this.createCommit(i, c),
    ...this.pullRequests.operations,
  };

  protected initialState(): State {
    return { version: 1, repositories: dict(), pullRequests: dict(), nextPullRequestId: 1 };
  }

  protected revive(state: State): State {
    state.repositories = dict(state.repositories);
    for (const repo of Object.values(state.repositories)) {
      repo.branches = dict(repo.branches);
      repo.objects = { blobs: dict(repo.objects.blobs), trees: dict(repo.objects.trees), commits: dict(repo.objects.commits) };
    }
    state.pullRequests = dict(state.pullRequests);
    return state;
  }

  // ---- internal API (other services, seeds) ----

  getBranchHead(repositoryName: string, branch: string): string | undefined {
    return this.state.repositories[repositoryName]?.branches[decodeRefName(branch)];
  }

  getCommitSummary(repositoryName: string, commitId: string): CommitSummary | undefined {
    const c = this.state.repositories[repositoryName]?.objects.commits[commitId];
    return c && { commitId, message: c.message, authorName: c.author.name, date: c.author.date };
  }

  putFileInternal(opts: { repositoryName: string; branch: string; filePath: string; content: string; message: string; authorName?: string; email?: string }): string {
    const repo = this.repo(opts.repositoryName);
    const head = repo.branches[opts.branch] ?? (repo.defaultBranch ? repo.branches[repo.defaultBranch] : undefined);
    return this.commitChanges({
      repositoryName: opts.repositoryName,
      branch: opts.branch,
      parentCommitId: head,
      putFiles: [{ filePath: opts.filePath.replace(/^\/+/, ''), content: opts.content }],
      message: opts.message,
      authorName: opts.authorName,
      email: opts.email,
      notify: true,
      allowEmpty: true,
    }).commitId;
  }

  /** Creates a repository without a request (seeds). */
  createRepositoryInternal(name: string, opts: { description?: string; date?: number } = {}): void {
    checkRepositoryName(name);
    if (this.state.repositories[name]) throw new AwsError('RepositoryNameExistsException', `Repository named ${name} already exists`);
    const now = opts.date ?? this.sandbox.clock.now();
    this.state.repositories[name] = {
      repositoryId: uuid(),
      repositoryName: name,
      repositoryDescription: opts.description,
      creationDate: now,
      lastModifiedDate: now,
      branches: dict(),
      objects: { blobs: dict(), trees: dict(), commits: dict() },
    };
  }

  /** Creates a branch at a commit without a request (seeds). */
  createBranchInternal(repositoryName: string, branch: string, commitId: string): void {
    const repo = this.repo(repositoryName);
    if (!repo.objects.commits[commitId]) throw new AwsError('CommitDoesNotExistException', `Commit ${commitId} does not exist`);
    repo.branches[branch] = commitId;
  }

  /** Creates a pull request without a request (seeds may date it in the past). */
  createPullRequestInternal(opts: PullRequestInput): string {
    return this.pullRequests.create(opts);
  }

  /**
   * One commit on `branch` with the parent-commit rules of PutFile and CreateCommit: an existing branch needs its
   * current head as the parent; a new branch needs an existing parent unless the repository is empty.
   */
  commitChanges(opts: CommitChanges): CommitResult {
    const repo = this.repo(opts.repositoryName);
    const objects = repo.objects;
    const head = repo.branches[opts.branch];
    const empty = Object.keys(repo.branches).length === 0;
    const parent = opts.parentCommitId;
    if (parent !== undefined) {
      if (!isObjectId(parent)) throw new AwsError('InvalidParentCommitIdException', `The parent commit ID '${parent}' is not valid. The commit ID must be a full commit ID.`);
      if (!objects.commits[parent]) throw new AwsError('ParentCommitDoesNotExistException', `The parent commit ID '${parent}' does not exist in the repository ${repo.repositoryName}.`);
    }
    if (head !== undefined) {
      if (parent === undefined)
        throw new AwsError(
          'ParentCommitIdRequiredException',
          'A parent commit ID is required. To view the full commit ID of a branch in a repository, use GetBranch or a Git command (for example, git pull or git log).',
        );
      if (parent !== head)
        throw new AwsError('ParentCommitIdOutdatedException', `The parent commit ID '${parent}' is not the most recent commit ID of branch ${opts.branch}. The latest commit ID is ${head}.`);
    } else if (!empty && parent === undefined) {
      throw new AwsError('BranchDoesNotExistException', `The branch ${opts.branch} does not exist in the repository ${repo.repositoryName}.`);
    }

    const before: FileMap = parent ? flatten(objects, objects.commits[parent].treeId) : new Map<string, { blobId: string; mode: string }>();
    const files: FileMap = new Map(before);
    const result: CommitResult = { commitId: '', treeId: '', added: [], updated: [], deleted: [] };
    const seen = new Set<string>();
    for (const put of opts.putFiles ?? []) {
      const path = put.filePath;
      if (seen.has(path)) throw new AwsError('SamePathRequestException', `The file path ${path} is specified more than once in the request.`);
      seen.add(path);
      const content = typeof put.content === 'string' ? Buffer.from(put.content) : put.content;
      if (content.length > MAX_FILE) throw new AwsError('FileContentSizeLimitExceededException', 'The file cannot be added because it is too large. The maximum file size is 6 MB.');
      for (const existing of files.keys()) {
        if (existing.startsWith(`${path}/`)) throw new AwsError('FileNameConflictsWithDirectoryNameException', `The file name ${path} conflicts with the name of a directory.`);
        if (path.startsWith(`${existing}/`)) throw new AwsError('DirectoryNameConflictsWithFileNameException', `The directory in ${path} conflicts with the file ${existing}.`);
      }
      const old = files.get(path);
      const fileMode = put.fileMode ?? (old ? MODE_OF[old.mode] : undefined) ?? 'NORMAL';
      const blobId = putBlob(objects, content);
      files.set(path, { blobId, mode: GIT_MODE[fileMode] });
      if (!old) result.added.push({ absolutePath: path, blobId, fileMode });
      else if (old.blobId !== blobId || old.mode !== GIT_MODE[fileMode]) result.updated.push({ absolutePath: path, blobId, fileMode });
    }
    for (const path of opts.deleteFiles ?? []) {
      if (seen.has(path)) throw new AwsError('SamePathRequestException', `The file path ${path} is specified more than once in the request.`);
      seen.add(path);
      const old = files.get(path);
      if (!old) throw new AwsError('FileDoesNotExistException', `The file ${path} does not exist in the commit ${parent ?? '(empty repository)'}.`);
      files.delete(path);
      result.deleted.push({ absolutePath: path, blobId: old.blobId, fileMode: MODE_OF[old.mode] ?? 'NORMAL' });
    }
    const changed = result.added.length + result.updated.length + result.deleted.length > 0;
    if (!changed && !opts.allowEmpty) throw new AwsError('NoChangeException', 'The commit cannot be created because no files have been changed.');

    const date = opts.date ?? this.sandbox.clock.now();
    const who = { name: opts.authorName ?? DEFAULT_AUTHOR, email: opts.email ?? '', date, tz: opts.tz ?? '+0000' };
    const commit: CommitObject = {
      treeId: buildTree(objects, files),
      parents: parent ? [parent] : [],
      message: opts.message ?? defaultMessage(result),
      author: who,
      committer: who,
    };
    result.treeId = commit.treeId;
    result.commitId = putCommit(objects, commit);
    repo.branches[opts.branch] = result.commitId;
    repo.defaultBranch ??= opts.branch;
    repo.lastModifiedDate = Math.max(repo.lastModifiedDate, date);
    if (opts.notify) this.notifySourceChange(repo.repositoryName, opts.branch, result.commitId);
    return result;
  }

  /** Tells CodePipeline a branch head moved (guarded: the pipeline service may not implement it yet). */
  private notifySourceChange(repositoryName: string, branch: string, commitId: string): void {
    const pipelines = this.sandbox.codepipeline as Partial<CodePipelineInternal>;
    if (typeof pipelines.onSourceChange === 'function') pipelines.onSourceChange(repositoryName, branch, commitId);
  }

  // ---- repositories ----

  private repo(name: string): Repository {
    const repo = this.state.repositories[name];
    if (!repo) throw new AwsError('RepositoryDoesNotExistException', `${name} does not exist`);
    return repo;
  }

  private metadata(repo: Repository, region: string): Json {
    return omitUndefined({
      accountId: ACCOUNT_ID,
      repositoryId: repo.repositoryId,
      repositoryName: repo.repositoryName,
      repositoryDescription: repo.repositoryDescription,
      defaultBranch: repo.defaultBranch,
      lastModifiedDate: ts(repo.lastModifiedDate),
      creationDate: ts(repo.creationDate),
      cloneUrlHttp: `https://git-codecommit.${region}.amazonaws.com/v1/repos/${repo.repositoryName}`,
      cloneUrlSsh: `ssh://git-codecommit.${region}.amazonaws.com/v1/repos/${repo.repositoryName}`,
      Arn: arn('codecommit', region, repo.repositoryName),
    });
  }

  private listRepositories(input: Json): Json {
    const sortBy = str(input, 'sortBy') ?? 'repositoryName';
    const order = str(input, 'order') ?? 'ascending';
    if (sortBy !== 'repositoryName' && sortBy !== 'lastModifiedDate') throw new AwsError('InvalidSortByException', `The specified sort by value '${sortBy}' is not valid.`);
    if (order !== 'ascending' && order !== 'descending') throw new AwsError('InvalidOrderException', `The specified sort order '${order}' is not valid.`);
    const repos = Object.values(this.state.repositories).sort((a, b) =>
      sortBy === 'repositoryName' ? cmp(a.repositoryName, b.repositoryName) : a.lastModifiedDate - b.lastModifiedDate || cmp(a.repositoryName, b.repositoryName),
    );
    if (order === 'descending') repos.reverse();
    const p = page(repos, { list: `repos:${sortBy}:${order}`, nextToken: str(input, 'nextToken'), pageSize: 1000, invalidTokenError: 'InvalidContinuationTokenException' });
    return omitUndefined({ repositories: p.items.map((r) => ({ repositoryName: r.repositoryName, repositoryId: r.repositoryId })), nextToken: p.nextToken });
  }

  private batchGetRepositories(input: Json, ctx: RequestContext): Json {
    const names = input.repositoryNames;
    if (names !== undefined && !Array.isArray(names)) throw new AwsError('SerializationException', "Unexpected value type for 'repositoryNames': expected list");
    if (!names || names.length === 0) throw new AwsError('RepositoryNamesRequiredException', 'At least one repository name is required, but was not specified.');
    if (names.length > 100) throw new AwsError('MaximumRepositoryNamesExceededException', 'The maximum number of allowed repository names was exceeded. Currently, this number is 100.');
    const found: Json[] = [];
    const notFound: string[] = [];
    const errors: Json[] = [];
    for (const name of names) {
      if (typeof name !== 'string') throw new AwsError('SerializationException', "Unexpected value type for 'repositoryNames': expected string");
      checkRepositoryName(name);
      const repo = this.state.repositories[name];
      if (repo) found.push(this.metadata(repo, ctx.region));
      else {
        notFound.push(name);
        errors.push({ repositoryName: name, errorCode: 'RepositoryDoesNotExistException', errorMessage: `${name} does not exist` });
      }
    }
    return { repositories: found, repositoriesNotFound: notFound, errors };
  }

  private createRepository(input: Json, ctx: RequestContext): Json {
    const name = repositoryName(input);
    const description = str(input, 'repositoryDescription');
    if (description !== undefined && description.length > 1000)
      throw new AwsError('InvalidRepositoryDescriptionException', 'The specified repository description is not valid. Descriptions must be 1000 characters or fewer.');
    const tags = input.tags as Record<string, string> | undefined;
    if (tags !== undefined && (typeof tags !== 'object' || Array.isArray(tags) || Object.values(tags).some((v) => typeof v !== 'string')))
      throw new AwsError('InvalidTagsMapException', 'The map of tags is not valid.');
    this.createRepositoryInternal(name, { description, date: ctx.now });
    if (tags && Object.keys(tags).length) this.state.repositories[name].tags = { ...tags };
    return { repositoryMetadata: this.metadata(this.state.repositories[name], ctx.region) };
  }

  // ---- branches and commits ----

  private listBranches(input: Json): Json {
    const repo = this.repo(repositoryName(input));
    const names = Object.keys(repo.branches).sort();
    const p = page(names, { list: `branches:${repo.repositoryName}`, nextToken: str(input, 'nextToken'), pageSize: 100, invalidTokenError: 'InvalidContinuationTokenException' });
    return omitUndefined({ branches: p.items, nextToken: p.nextToken });
  }

  private getBranch(input: Json): Json {
    const repo = this.repo(repositoryName(input));
    const branch = branchName(input);
    const head = repo.branches[branch];
    if (!head) throw new AwsError('BranchDoesNotExistException', `Could not find branch ${branch}`);
    return { branch: { branchName: branch, commitId: head } };
  }

  private createBranch(input: Json, ctx: RequestContext): Json {
    const repo = this.repo(repositoryName(input));
    const branch = branchName(input);
    const commitId = str(input, 'commitId');
    if (!commitId) throw new AwsError('CommitIdRequiredException', 'A commit ID is required, but was not specified.');
    if (!isObjectId(commitId)) throw new AwsError('InvalidCommitIdException', `The specified commit ID '${commitId}' is not valid.`);
    if (repo.branches[branch]) throw new AwsError('BranchNameExistsException', `Branch with name ${branch} already exists`);
    if (!repo.objects.commits[commitId]) throw new AwsError('CommitDoesNotExistException', `Could not find commit ${commitId}`);
    repo.branches[branch] = commitId;
    repo.lastModifiedDate = ctx.now;
    return {};
  }

  private getCommit(input: Json): Json {
    const repo = this.repo(repositoryName(input));
    const id = str(input, 'commitId');
    if (!id) throw new AwsError('CommitIdRequiredException', 'A commit ID is required, but was not specified.');
    if (!isObjectId(id)) throw new AwsError('InvalidCommitIdException', `The specified commit ID '${id}' is not valid.`);
    const c = repo.objects.commits[id];
    if (!c) throw new AwsError('CommitIdDoesNotExistException', `Could not find commit ${id}`);
    return { commit: commitWire(id, c) };
  }

  /** A branch name (or refs/heads/ name) or a full commit id; the default branch's head when absent. */
  private resolve(repo: Repository, specifier: string | undefined): string {
    if (specifier === undefined || specifier === '') {
      const head = repo.defaultBranch ? repo.branches[repo.defaultBranch] : undefined;
      if (!head) throw new AwsError('CommitDoesNotExistException', `The repository ${repo.repositoryName} has no commits.`);
      return head;
    }
    const byBranch = repo.branches[decodeRefName(specifier)];
    if (byBranch) return byBranch;
    if (repo.objects.commits[specifier]) return specifier;
    throw new AwsError('CommitDoesNotExistException', `Could not find commit ${specifier}`);
  }

  private getDifferences(input: Json): Json {
    const repo = this.repo(repositoryName(input));
    const afterSpec = str(input, 'afterCommitSpecifier');
    if (!afterSpec) throw new AwsError('CommitRequiredException', 'A commit must be specified.');
    const beforeSpec = str(input, 'beforeCommitSpecifier');
    const after = this.resolve(repo, afterSpec);
    const before = beforeSpec ? this.resolve(repo, beforeSpec) : undefined;
    const max = input.MaxResults;
    if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1))
      throw new AwsError('InvalidMaxResultsException', `The specified number of maximum results '${JSON.stringify(max)}' is not valid.`);
    const objects = repo.objects;
    const beforeFiles: FileMap = before ? flatten(objects, objects.commits[before].treeId) : new Map<string, { blobId: string; mode: string }>();
    const afterFiles = flatten(objects, objects.commits[after].treeId);
    const beforePath = input.beforePath !== undefined ? filePath(input, 'beforePath', { allowRoot: true }) : undefined;
    const afterPath = input.afterPath !== undefined ? filePath(input, 'afterPath', { allowRoot: true }) : undefined;
    for (const [path, files] of [
      [beforePath, beforeFiles],
      [afterPath, afterFiles],
    ] as const) {
      if (path && ![...files.keys()].some((p) => under(p, path))) throw new AwsError('PathDoesNotExistException', `The specified path ${path} does not exist.`);
    }
    const prefixes = [beforePath, afterPath].filter((p): p is string => p !== undefined);
    const changes = diff(beforeFiles, afterFiles).filter(
      (c) => prefixes.length === 0 || prefixes.some((prefix) => (c.before && under(c.before.path, prefix)) || (c.after && under(c.after.path, prefix))),
    );
    const p = page(changes, {
      list: `diff:${repo.repositoryName}:${before ?? ''}:${after}:${prefixes.join(',')}`,
      nextToken: str(input, 'NextToken'),
      pageSize: typeof max === 'number' ? max : 100,
      invalidTokenError: 'InvalidContinuationTokenException',
    });
    const blob = (b: { path: string; blobId: string; mode: string } | undefined) => b && { blobId: b.blobId, path: b.path, mode: b.mode };
    return omitUndefined({
      differences: p.items.map((c) => omitUndefined({ beforeBlob: blob(c.before), afterBlob: blob(c.after), changeType: c.changeType })),
      NextToken: p.nextToken,
    });
  }

  private getFolder(input: Json): Json {
    const repo = this.repo(repositoryName(input));
    const commitId = this.resolve(repo, str(input, 'commitSpecifier'));
    const raw = str(input, 'folderPath');
    const path = filePath(input, 'folderPath', { allowRoot: true });
    const objects = repo.objects;
    const treeId = subtree(objects, objects.commits[commitId].treeId, path);
    if (!treeId) throw new AwsError('FolderDoesNotExistException', `The folder ${raw ?? ''} does not exist in the commit ${commitId}.`);
    const abs = (name: string) => (path ? `${path}/${name}` : name);
    const entries = objects.trees[treeId];
    return {
      commitId,
      folderPath: raw,
      treeId,
      subFolders: entries.filter((e) => e.type === 'tree').map((e) => ({ treeId: e.id, absolutePath: abs(e.name), relativePath: e.name })),
      files: entries
        .filter((e) => e.type === 'blob' && e.mode !== GIT_MODE.SYMLINK)
        .map((e) => ({ blobId: e.id, absolutePath: abs(e.name), relativePath: e.name, fileMode: MODE_OF[e.mode] ?? 'NORMAL' })),
      symbolicLinks: entries
        .filter((e) => e.mode === GIT_MODE.SYMLINK)
        .map((e) => ({ blobId: e.id, absolutePath: abs(e.name), relativePath: e.name, fileMode: 'SYMLINK' })),
      subModules: [],
    };
  }

  private getFile(input: Json): Json {
    const repo = this.repo(repositoryName(input));
    const commitId = this.resolve(repo, str(input, 'commitSpecifier'));
    const path = filePath(input, 'filePath');
    const objects = repo.objects;
    const file = flatten(objects, objects.commits[commitId].treeId).get(path);
    if (!file) throw new AwsError('FileDoesNotExistException', `The file ${path} does not exist in the commit ${commitId}.`);
    const content = objects.blobs[file.blobId];
    return {
      commitId,
      blobId: file.blobId,
      filePath: path,
      fileMode: MODE_OF[file.mode] ?? 'NORMAL',
      fileSize: Buffer.from(content, 'base64').length,
      fileContent: content,
    };
  }

  private putFile(input: Json, ctx: RequestContext): Json {
    const repo = this.repo(repositoryName(input));
    const branch = branchName(input);
    const rawContent = str(input, 'fileContent');
    if (rawContent === undefined) throw new AwsError('FileContentRequiredException', 'The file cannot be added because it is empty. Empty files cannot be added to the repository with this API.');
    const content = Buffer.from(rawContent, 'base64');
    const path = filePath(input, 'filePath');
    const fileMode = fileModeOf(input.fileMode);
    const author = personOf(input, 'name');
    const parentCommitId = str(input, 'parentCommitId');
    const head = repo.branches[branch];
    if (head && parentCommitId === head) {
      const existing = flatten(repo.objects, repo.objects.commits[head].treeId).get(path);
      const sameMode = !fileMode || existing?.mode === GIT_MODE[fileMode];
      if (existing && sameMode && repo.objects.blobs[existing.blobId] === content.toString('base64'))
        throw new AwsError('SameFileContentException', 'The file could not be added because the provided file matches the existing file.');
    }
    const result = this.commitChanges({
      repositoryName: repo.repositoryName,
      branch,
      parentCommitId,
      putFiles: [{ filePath: path, content, fileMode }],
      authorName: author.name,
      email: author.email,
      message: commitMessage(input),
      date: ctx.now,
      notify: true,
      allowEmpty: true,
    });
    const blobId = flatten(repo.objects, result.treeId).get(path)?.blobId as string;
    return { commitId: result.commitId, blobId, treeId: result.treeId };
  }

  private createCommit(input: Json, ctx: RequestContext): Json {
    const repo = this.repo(repositoryName(input));
    const branch = branchName(input);
    const author = personOf(input, 'authorName');
    const putFiles = listOf(input, 'putFiles');
    const deleteFiles = listOf(input, 'deleteFiles');
    if (putFiles.length + deleteFiles.length === 0 && listOf(input, 'setFileModes').length === 0)
      throw new AwsError('FileEntryRequiredException', 'The commit cannot be created because no files have been specified as added, updated, or changed (PutFile or DeleteFile) for the commit.');
    if (putFiles.length + deleteFiles.length > 100) throw new AwsError('MaximumFileEntriesExceededException', 'The number of specified files to change as part of this commit exceeds the maximum number of files that can be changed in a single commit.');
    const parentCommitId = str(input, 'parentCommitId');
    const parentFiles = parentCommitId && repo.objects.commits[parentCommitId] ? flatten(repo.objects, repo.objects.commits[parentCommitId].treeId) : new Map<string, { blobId: string; mode: string }>();
    const puts = putFiles.map((entry) => {
      const path = filePath(entry, 'filePath');
      const content = str(entry, 'fileContent');
      const source = entry.sourceFile as Json | undefined;
      if (content !== undefined && source) throw new AwsError('FileContentAndSourceFileSpecifiedException', `The commit cannot be created because both a source file and file content have been specified for the same file ${path}.`);
      if (content === undefined && !source) throw new AwsError('SourceFileOrContentRequiredException', `The commit cannot be created because no source files or file content have been specified for the file ${path}.`);
      let data: Buffer;
      if (source) {
        const from = parentFiles.get(filePath(source, 'filePath'));
        if (!from) throw new AwsError('FileDoesNotExistException', `The source file ${String(source.filePath)} does not exist.`);
        data = Buffer.from(repo.objects.blobs[from.blobId], 'base64');
      } else data = Buffer.from(content as string, 'base64');
      return { filePath: path, content: data, fileMode: fileModeOf(entry.fileMode) };
    });
    const deletes = deleteFiles.map((entry) => filePath(entry, 'filePath'));
    for (const entry of putFiles) {
      const source = entry.sourceFile as Json | undefined;
      if (source?.isMove === true) deletes.push(filePath(source, 'filePath'));
    }
    const result = this.commitChanges({
      repositoryName: repo.repositoryName,
      branch,
      parentCommitId,
      putFiles: puts,
      deleteFiles: deletes,
      authorName: author.name,
      email: author.email,
      message: commitMessage(input),
      date: ctx.now,
      notify: true,
    });
    return { commitId: result.commitId, treeId: result.treeId, filesAdded: result.added, filesUpdated: result.updated, filesDeleted: result.deleted };
  }
}
