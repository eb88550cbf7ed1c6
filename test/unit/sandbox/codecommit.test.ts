import * as assert from 'assert';
import { createHash } from 'crypto';
import {
  BatchGetRepositoriesCommand,
  CodeCommitClient,
  CreateBranchCommand,
  CreateCommitCommand,
  CreatePullRequestCommand,
  CreateRepositoryCommand,
  GetBranchCommand,
  GetCommitCommand,
  type GetCommitCommandOutput,
  GetFileCommand,
  GetFolderCommand,
  GetPullRequestCommand,
  GetRepositoryCommand,
  ListBranchesCommand,
  ListPullRequestsCommand,
  ListRepositoriesCommand,
  PutFileCommand,
  paginateGetDifferences,
  paginateListBranches,
  paginateListPullRequests,
  paginateListRepositories,
} from '@aws-sdk/client-codecommit';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { seedDemoRepositories } from '../../../src/sandbox/seeds/demoCommit';
import { assertMatchesModel } from '../../helpers/modelCheck';
import { clientConfig, rawCall, startSandbox } from '../../helpers/sandbox';

const AUTH = { Authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/codecommit/aws4_request' };

describe('sandbox CodeCommit', () => {
  let sb: Sandbox;
  let cc: CodeCommitClient;
  const sourceChanges: string[] = [];

  /** Calls an operation over raw HTTP and checks the answer against the model (or returns the error). */
  async function raw(op: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const r = await rawCall(sb, `CodeCommit_20150413.${op}`, JSON.stringify(body), AUTH);
    if (r.status === 200) assertMatchesModel('codecommit', op, r.json);
    return r.json;
  }

  async function rejects(promise: Promise<unknown>, name: string): Promise<void> {
    await assert.rejects(promise, (e: Error) => {
      assert.strictEqual(e.name, name, e.message);
      return true;
    });
  }

  const text = (s: string) => new TextEncoder().encode(s);
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  before(async () => {
    sb = await startSandbox();
    cc = new CodeCommitClient(clientConfig(sb));
    // Record what CodePipeline would be told (works whether or not the pipeline service implements it yet).
    (sb.codepipeline as unknown as Record<string, unknown>).onSourceChange = (repo: string, branch: string, commit: string) => sourceChanges.push(`${repo}/${branch}@${commit}`);
  });
  after(async () => {
    delete (sb.codepipeline as unknown as Record<string, unknown>).onSourceChange;
    cc.destroy();
    await sb.stop();
  });

  describe('repositories', () => {
    it('creates and gets a repository with its metadata', async () => {
      const created = await raw('CreateRepository', { repositoryName: 'alpha', repositoryDescription: 'First one' });
      const meta = created.repositoryMetadata as Record<string, unknown>;
      assert.strictEqual(meta.Arn, 'arn:aws:codecommit:us-east-1:123456789012:alpha');
      assert.strictEqual(meta.cloneUrlHttp, 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/alpha');
      assert.strictEqual(meta.cloneUrlSsh, 'ssh://git-codecommit.us-east-1.amazonaws.com/v1/repos/alpha');
      assert.match(String(meta.repositoryId), /^[0-9a-f-]{36}$/);
      assert.strictEqual(meta.defaultBranch, undefined);
      const got = await cc.send(new GetRepositoryCommand({ repositoryName: 'alpha' }));
      assert.strictEqual(got.repositoryMetadata?.repositoryDescription, 'First one');
      assert.ok(got.repositoryMetadata?.creationDate instanceof Date);
      await raw('GetRepository', { repositoryName: 'alpha' });
    });

    it('refuses bad, missing, duplicate and unknown names with CodeCommit errors', async () => {
      await rejects(cc.send(new CreateRepositoryCommand({ repositoryName: 'alpha' })), 'RepositoryNameExistsException');
      await rejects(cc.send(new CreateRepositoryCommand({ repositoryName: 'bad name!' })), 'InvalidRepositoryNameException');
      await rejects(cc.send(new CreateRepositoryCommand({ repositoryName: 'x'.repeat(101) })), 'InvalidRepositoryNameException');
      assert.strictEqual((await raw('GetRepository', {})).__type, 'RepositoryNameRequiredException');
      await rejects(cc.send(new GetRepositoryCommand({ repositoryName: 'nope' })), 'RepositoryDoesNotExistException');
    });

    it('lists repositories sorted, in order, through the paginator', async () => {
      for (const n of ['delta', 'bravo', 'charlie']) await cc.send(new CreateRepositoryCommand({ repositoryName: n }));
      const names: string[] = [];
      for await (const p of paginateListRepositories({ client: cc }, {})) names.push(...(p.repositories ?? []).map((r) => r.repositoryName ?? ''));
      assert.deepStrictEqual(names, ['alpha', 'bravo', 'charlie', 'delta']);
      const desc = await cc.send(new ListRepositoriesCommand({ sortBy: 'repositoryName', order: 'descending' }));
      assert.deepStrictEqual(desc.repositories?.map((r) => r.repositoryName), ['delta', 'charlie', 'bravo', 'alpha']);
      const byDate = await raw('ListRepositories', { sortBy: 'lastModifiedDate', order: 'descending' });
      assert.strictEqual((byDate.repositories as unknown[]).length, 4);
      assert.strictEqual((await raw('ListRepositories', { sortBy: 'size' })).__type, 'InvalidSortByException');
      assert.strictEqual((await raw('ListRepositories', { order: 'up' })).__type, 'InvalidOrderException');
      assert.strictEqual((await raw('ListRepositories', { nextToken: 'garbage' })).__type, 'InvalidContinuationTokenException');
    });

    it('batch-gets repositories, reporting the missing ones, up to 100 names', async () => {
      const r = await raw('BatchGetRepositories', { repositoryNames: ['alpha', 'missing', 'bravo'] });
      assert.deepStrictEqual((r.repositories as { repositoryName: string }[]).map((x) => x.repositoryName), ['alpha', 'bravo']);
      assert.deepStrictEqual(r.repositoriesNotFound, ['missing']);
      assert.strictEqual((r.errors as { errorCode: string }[])[0].errorCode, 'RepositoryDoesNotExistException');
      const names = Array.from({ length: 101 }, (_, i) => `r${i}`);
      await rejects(cc.send(new BatchGetRepositoriesCommand({ repositoryNames: names })), 'MaximumRepositoryNamesExceededException');
      await rejects(cc.send(new BatchGetRepositoriesCommand({ repositoryNames: [] })), 'RepositoryNamesRequiredException');
    });
  });

  describe('commits and files', () => {
    const commits: string[] = [];

    it('PutFile starts the first branch of an empty repository and moves the head', async () => {
      await cc.send(new CreateRepositoryCommand({ repositoryName: 'graph' }));
      const first = await raw('PutFile', { repositoryName: 'graph', branchName: 'main', filePath: 'README.md', fileContent: b64('# Graph\n'), commitMessage: 'Initial commit', name: 'Ana', email: 'ana@example.com' });
      assert.match(String(first.commitId), /^[0-9a-f]{40}$/);
      assert.match(String(first.treeId), /^[0-9a-f]{40}$/);
      // Blobs are addressed exactly as git addresses them.
      const gitBlob = createHash('sha1').update('blob 8\0# Graph\n').digest('hex');
      assert.strictEqual(first.blobId, gitBlob);
      commits.push(String(first.commitId));
      const branch = await cc.send(new GetBranchCommand({ repositoryName: 'graph', branchName: 'main' }));
      assert.strictEqual(branch.branch?.commitId, first.commitId);
      assert.strictEqual((await cc.send(new GetRepositoryCommand({ repositoryName: 'graph' }))).repositoryMetadata?.defaultBranch, 'main');
      assert.deepStrictEqual(sourceChanges.at(-1), `graph/main@${String(first.commitId)}`);
    });

    it('PutFile enforces the parent commit rules and refuses an unchanged file', async () => {
      const put = (parentCommitId: string | undefined, content = 'console.log(1);\n') =>
        cc.send(new PutFileCommand({ repositoryName: 'graph', branchName: 'main', filePath: 'src/index.js', fileContent: text(content), parentCommitId, name: 'Ben' }));
      await rejects(put(undefined), 'ParentCommitIdRequiredException');
      await rejects(put('0'.repeat(40)), 'ParentCommitDoesNotExistException');
      await rejects(put('not-a-commit'), 'InvalidParentCommitIdException');
      const second = await put(commits[0]);
      commits.push(second.commitId ?? '');
      await rejects(put(commits[0], 'console.log(2);\n'), 'ParentCommitIdOutdatedException');
      await rejects(put(commits[1]), 'SameFileContentException');
      const third = await put(commits[1], 'console.log(3);\n');
      commits.push(third.commitId ?? '');
      const branch = await cc.send(new GetBranchCommand({ repositoryName: 'graph', branchName: 'main' }));
      assert.strictEqual(branch.branch?.commitId, third.commitId);
      await rejects(cc.send(new PutFileCommand({ repositoryName: 'graph', branchName: 'nope', filePath: 'a', fileContent: text('a') })), 'BranchDoesNotExistException');
    });

    it('CreateCommit adds, updates and deletes files in one commit', async () => {
      const r = await raw('CreateCommit', {
        repositoryName: 'graph',
        branchName: 'main',
        parentCommitId: commits[2],
        authorName: 'Cleo',
        email: 'cleo@example.com',
        commitMessage: 'Restructure',
        putFiles: [
          { filePath: 'src/lib/util.js', fileContent: b64('export const x = 1;\n') },
          { filePath: 'README.md', fileContent: b64('# Graph\n\nNow with utils.\n') },
          { filePath: 'scripts/run.sh', fileContent: b64('#!/bin/sh\nnode src/index.js\n'), fileMode: 'EXECUTABLE' },
        ],
        deleteFiles: [{ filePath: 'src/index.js' }],
      });
      assert.deepStrictEqual((r.filesAdded as { absolutePath: string }[]).map((f) => f.absolutePath), ['src/lib/util.js', 'scripts/run.sh']);
      assert.deepStrictEqual((r.filesUpdated as { absolutePath: string }[]).map((f) => f.absolutePath), ['README.md']);
      assert.deepStrictEqual((r.filesDeleted as { absolutePath: string }[]).map((f) => f.absolutePath), ['src/index.js']);
      commits.push(String(r.commitId));
      await rejects(
        cc.send(new CreateCommitCommand({ repositoryName: 'graph', branchName: 'main', parentCommitId: commits[3], deleteFiles: [{ filePath: 'nope.txt' }] })),
        'FileDoesNotExistException',
      );
      await rejects(cc.send(new CreateCommitCommand({ repositoryName: 'graph', branchName: 'main', parentCommitId: commits[3] })), 'FileEntryRequiredException');
      await rejects(
        cc.send(new CreateCommitCommand({ repositoryName: 'graph', branchName: 'main', parentCommitId: commits[3], putFiles: [{ filePath: 'README.md', fileContent: text('# Graph\n\nNow with utils.\n') }] })),
        'NoChangeException',
      );
    });

    it('GetCommit answers git-style dates and a graph that walks back to the root', async () => {
      const head = await raw('GetCommit', { repositoryName: 'graph', commitId: commits[3] });
      const c = head.commit as { author: { date: string; name: string }; committer: { date: string }; parents: string[]; message: string };
      assert.match(c.author.date, /^\d{10} \+0000$/);
      assert.strictEqual(c.committer.date, c.author.date);
      assert.strictEqual(c.author.name, 'Cleo');
      assert.strictEqual(c.message, 'Restructure');
      const walked: string[] = [];
      let id: string | undefined = commits[3];
      while (id) {
        walked.push(id);
        const got: GetCommitCommandOutput = await cc.send(new GetCommitCommand({ repositoryName: 'graph', commitId: id }));
        id = got.commit?.parents?.[0];
      }
      assert.deepStrictEqual(walked, [...commits].reverse());
      await rejects(cc.send(new GetCommitCommand({ repositoryName: 'graph', commitId: 'abc' })), 'InvalidCommitIdException');
      await rejects(cc.send(new GetCommitCommand({ repositoryName: 'graph', commitId: 'f'.repeat(40) })), 'CommitIdDoesNotExistException');
    });

    it('GetFile reads by branch or commit, base64 with blob id and mode', async () => {
      const byBranch = await raw('GetFile', { repositoryName: 'graph', filePath: '/scripts/run.sh' });
      assert.strictEqual(Buffer.from(String(byBranch.fileContent), 'base64').toString(), '#!/bin/sh\nnode src/index.js\n');
      assert.strictEqual(byBranch.fileMode, 'EXECUTABLE');
      assert.strictEqual(byBranch.commitId, commits[3]);
      const old = await cc.send(new GetFileCommand({ repositoryName: 'graph', filePath: 'src/index.js', commitSpecifier: commits[1] }));
      assert.strictEqual(new TextDecoder().decode(old.fileContent), 'console.log(1);\n');
      assert.strictEqual(old.fileSize, 16);
      await rejects(cc.send(new GetFileCommand({ repositoryName: 'graph', filePath: 'src/index.js', commitSpecifier: 'main' })), 'FileDoesNotExistException');
      await rejects(cc.send(new GetFileCommand({ repositoryName: 'graph', filePath: 'a', commitSpecifier: 'no-such-branch' })), 'CommitDoesNotExistException');
    });

    it('GetFolder lists files and sub-folders of the root and of a folder', async () => {
      const root = await raw('GetFolder', { repositoryName: 'graph', folderPath: '/' });
      assert.deepStrictEqual((root.subFolders as { absolutePath: string }[]).map((f) => f.absolutePath), ['scripts', 'src']);
      assert.deepStrictEqual((root.files as { relativePath: string }[]).map((f) => f.relativePath), ['README.md']);
      const lib = await cc.send(new GetFolderCommand({ repositoryName: 'graph', folderPath: 'src/lib', commitSpecifier: 'main' }));
      assert.deepStrictEqual(lib.files?.map((f) => f.absolutePath), ['src/lib/util.js']);
      await rejects(cc.send(new GetFolderCommand({ repositoryName: 'graph', folderPath: 'nope' })), 'FolderDoesNotExistException');
    });

    it('GetDifferences compares two commits, filters by path and pages', async () => {
      const all = await raw('GetDifferences', { repositoryName: 'graph', beforeCommitSpecifier: commits[2], afterCommitSpecifier: commits[3] });
      const changes = (all.differences as { changeType: string; afterBlob?: { path: string }; beforeBlob?: { path: string } }[]).map(
        (d) => `${d.changeType} ${d.afterBlob?.path ?? d.beforeBlob?.path ?? ''}`,
      );
      assert.deepStrictEqual(changes, ['M README.md', 'A scripts/run.sh', 'D src/index.js', 'A src/lib/util.js']);
      const pages: string[][] = [];
      for await (const p of paginateGetDifferences({ client: cc, pageSize: 1 }, { repositoryName: 'graph', beforeCommitSpecifier: commits[2], afterCommitSpecifier: 'main', afterPath: 'src' }))
        pages.push((p.differences ?? []).map((d) => `${d.changeType ?? ''} ${d.afterBlob?.path ?? d.beforeBlob?.path ?? ''}`));
      assert.deepStrictEqual(pages, [['D src/index.js'], ['A src/lib/util.js']]);
      const fromRoot = await raw('GetDifferences', { repositoryName: 'graph', afterCommitSpecifier: commits[0] });
      assert.deepStrictEqual(fromRoot.differences, [{ afterBlob: { blobId: createHash('sha1').update('blob 8\0# Graph\n').digest('hex'), path: 'README.md', mode: '100644' }, changeType: 'A' }]);
      assert.strictEqual((await raw('GetDifferences', { repositoryName: 'graph', afterCommitSpecifier: 'main', afterPath: 'nope' })).__type, 'PathDoesNotExistException');
      assert.strictEqual((await raw('GetDifferences', { repositoryName: 'graph' })).__type, 'CommitRequiredException');
    });

    it('creates, lists and gets branches', async () => {
      await raw('CreateBranch', { repositoryName: 'graph', branchName: 'feature/x', commitId: commits[1] });
      await cc.send(new CreateBranchCommand({ repositoryName: 'graph', branchName: 'develop', commitId: commits[3] }));
      const branches: string[] = [];
      for await (const p of paginateListBranches({ client: cc }, { repositoryName: 'graph' })) branches.push(...(p.branches ?? []));
      assert.deepStrictEqual(branches, ['develop', 'feature/x', 'main']);
      await raw('ListBranches', { repositoryName: 'graph' });
      await raw('GetBranch', { repositoryName: 'graph', branchName: 'feature/x' });
      await rejects(cc.send(new CreateBranchCommand({ repositoryName: 'graph', branchName: 'develop', commitId: commits[3] })), 'BranchNameExistsException');
      await rejects(cc.send(new CreateBranchCommand({ repositoryName: 'graph', branchName: 'z', commitId: 'e'.repeat(40) })), 'CommitDoesNotExistException');
      await rejects(cc.send(new CreateBranchCommand({ repositoryName: 'graph', branchName: 'bad..name', commitId: commits[3] })), 'InvalidBranchNameException');
      await rejects(cc.send(new GetBranchCommand({ repositoryName: 'graph', branchName: 'gone' })), 'BranchDoesNotExistException');
      await rejects(cc.send(new GetBranchCommand({ repositoryName: 'graph' })), 'BranchNameRequiredException');
    });

    it('a commit on a new branch from a parent creates the branch', async () => {
      const r = await cc.send(
        new PutFileCommand({ repositoryName: 'graph', branchName: 'feature/x', filePath: 'feature.txt', fileContent: text('x'), parentCommitId: commits[1] }),
      );
      const c = await cc.send(new GetCommitCommand({ repositoryName: 'graph', commitId: r.commitId }));
      assert.deepStrictEqual(c.commit?.parents, [commits[1]]);
      assert.strictEqual(sourceChanges.at(-1), `graph/feature/x@${r.commitId ?? ''}`);
    });
  });

  describe('pull requests', () => {
    let prId = '';
    it('creates a pull request with its merge base and source and destination commits', async () => {
      const r = await raw('CreatePullRequest', {
        title: 'Add feature X',
        description: 'Adds feature.txt',
        targets: [{ repositoryName: 'graph', sourceReference: 'feature/x', destinationReference: 'main' }],
        clientRequestToken: 'token-1',
      });
      const pr = r.pullRequest as { pullRequestId: string; pullRequestStatus: string; pullRequestTargets: Record<string, unknown>[] };
      prId = pr.pullRequestId;
      assert.strictEqual(pr.pullRequestStatus, 'OPEN');
      const t = pr.pullRequestTargets[0];
      const main = await cc.send(new GetBranchCommand({ repositoryName: 'graph', branchName: 'main' }));
      const feature = await cc.send(new GetBranchCommand({ repositoryName: 'graph', branchName: 'feature/x' }));
      assert.strictEqual(t.sourceReference, 'refs/heads/feature/x');
      assert.strictEqual(t.destinationReference, 'refs/heads/main');
      assert.strictEqual(t.sourceCommit, feature.branch?.commitId);
      assert.strictEqual(t.destinationCommit, main.branch?.commitId);
      const featureCommit = await cc.send(new GetCommitCommand({ repositoryName: 'graph', commitId: feature.branch?.commitId }));
      assert.strictEqual(t.mergeBase, featureCommit.commit?.parents?.[0]);
      const again = await cc.send(
        new CreatePullRequestCommand({ title: 'Add feature X', description: 'Adds feature.txt', targets: [{ repositoryName: 'graph', sourceReference: 'feature/x' }], clientRequestToken: 'token-1' }),
      );
      assert.strictEqual(again.pullRequest?.pullRequestId, prId, 'same client request token, same pull request');
    });

    it('gets and lists pull requests with filters and pages', async () => {
      await raw('GetPullRequest', { pullRequestId: prId });
      const got = await cc.send(new GetPullRequestCommand({ pullRequestId: prId }));
      assert.strictEqual(got.pullRequest?.title, 'Add feature X');
      await cc.send(new CreatePullRequestCommand({ title: 'Develop into main', targets: [{ repositoryName: 'graph', sourceReference: 'develop' }] }));
      const ids: string[] = [];
      for await (const p of paginateListPullRequests({ client: cc, pageSize: 1 }, { repositoryName: 'graph', pullRequestStatus: 'OPEN' })) ids.push(...(p.pullRequestIds ?? []));
      assert.strictEqual(ids.length, 2);
      assert.strictEqual(ids[1], prId, 'newest first');
      await raw('ListPullRequests', { repositoryName: 'graph', authorArn: 'arn:aws:iam::123456789012:user/sandbox-user' });
      const closed = await raw('ListPullRequests', { repositoryName: 'graph', pullRequestStatus: 'CLOSED' });
      assert.deepStrictEqual(closed.pullRequestIds, []);
      assert.strictEqual((await raw('ListPullRequests', { repositoryName: 'graph', pullRequestStatus: 'MERGED' })).__type, 'InvalidPullRequestStatusException');
      assert.strictEqual((await raw('ListPullRequests', { repositoryName: 'graph', authorArn: 'bob' })).__type, 'InvalidAuthorArnException');
    });

    it('refuses invalid pull requests with the model errors', async () => {
      const create = (targets: { repositoryName: string; sourceReference: string; destinationReference?: string }[], title = 'T') =>
        cc.send(new CreatePullRequestCommand({ title, targets }));
      await rejects(create([{ repositoryName: 'graph', sourceReference: 'main', destinationReference: 'main' }]), 'SourceAndDestinationAreSameException');
      await rejects(create([{ repositoryName: 'graph', sourceReference: 'nope' }]), 'ReferenceDoesNotExistException');
      await rejects(create([{ repositoryName: 'nope', sourceReference: 'main' }]), 'RepositoryDoesNotExistException');
      await rejects(create([{ repositoryName: 'graph', sourceReference: 'develop' }], ''), 'TitleRequiredException');
      await rejects(create([]), 'InvalidTargetsException');
      await rejects(cc.send(new GetPullRequestCommand({ pullRequestId: '999' })), 'PullRequestDoesNotExistException');
      await rejects(cc.send(new GetPullRequestCommand({ pullRequestId: 'abc' })), 'InvalidPullRequestIdException');
    });
  });

  describe('internal API and demo seed', () => {
    it('putFileInternal commits on a branch (created from the default one) and notifies pipelines', () => {
      const before = sb.codecommit.getBranchHead('graph', 'main');
      const id = sb.codecommit.putFileInternal({ repositoryName: 'graph', branch: 'hotfix', filePath: 'fix.txt', content: 'fix', message: 'Hotfix' });
      assert.strictEqual(sb.codecommit.getBranchHead('graph', 'hotfix'), id);
      assert.strictEqual(sb.codecommit.getBranchHead('graph', 'main'), before);
      assert.deepStrictEqual(sb.codecommit.getCommitSummary('graph', id)?.message, 'Hotfix');
      assert.strictEqual(sourceChanges.at(-1), `graph/hotfix@${id}`);
    });

    it('seeds the demo repositories with history and open pull requests without starting pipelines', async () => {
      const notified = sourceChanges.length;
      sb.codecommit.reset();
      seedDemoRepositories(sb);
      assert.strictEqual(sourceChanges.length, notified, 'seeding must not start pipelines');
      const repos = await cc.send(new ListRepositoriesCommand({}));
      assert.deepStrictEqual(repos.repositories?.map((r) => r.repositoryName), ['api-service', 'infra', 'web-app']);
      let openPrs = 0;
      for (const name of ['web-app', 'api-service', 'infra']) {
        const branches = await cc.send(new ListBranchesCommand({ repositoryName: name }));
        assert.ok((branches.branches ?? []).includes('main') && (branches.branches ?? []).includes('develop'), `${name} has main and develop`);
        assert.ok((branches.branches ?? []).length >= 3, `${name} has a feature branch`);
        let id = sb.codecommit.getBranchHead(name, 'main');
        let count = 0;
        let last = Infinity;
        while (id) {
          const c = await cc.send(new GetCommitCommand({ repositoryName: name, commitId: id }));
          const secs = Number(c.commit?.author?.date?.split(' ')[0]);
          assert.ok(secs * 1000 <= last && secs * 1000 < sb.clock.now(), 'commit dates go back in time');
          last = secs * 1000;
          count++;
          id = c.commit?.parents?.[0];
        }
        assert.ok(count >= 10, `${name} main has ${count} commits`);
        const file = await cc.send(new GetFileCommand({ repositoryName: name, filePath: 'README.md' }));
        assert.ok(file.fileSize && file.fileSize > 20);
        const prs = await cc.send(new ListPullRequestsCommand({ repositoryName: name, pullRequestStatus: 'OPEN' }));
        openPrs += prs.pullRequestIds?.length ?? 0;
        for (const prId of prs.pullRequestIds ?? []) await raw('GetPullRequest', { pullRequestId: prId });
      }
      assert.ok(openPrs >= 2 && openPrs <= 4, `${openPrs} open pull requests`);
      for (const f of ['package.json', 'buildspec.yml', 'appspec.yml']) await cc.send(new GetFileCommand({ repositoryName: 'web-app', filePath: f }));
    });
  });
});
