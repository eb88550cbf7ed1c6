import * as assert from 'assert';
import type { AwsSession } from '../../../src/aws/session';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { seedDemoRepositories } from '../../../src/sandbox/seeds/demoCommit';
import { startSandbox } from '../../helpers/sandbox';
import { sandboxSession } from './helpers';

describe('aws/codecommit against the Sandbox', () => {
  let sb: Sandbox;
  let s: AwsSession;

  before(async () => {
    sb = await startSandbox();
    seedDemoRepositories(sb);
    for (let i = 0; i < 150; i++) sb.codecommit.createRepositoryInternal(`bulk-${String(i).padStart(3, '0')}`, { description: `bulk ${i}` });
  });
  beforeEach(() => {
    s = sandboxSession(sb);
  });
  afterEach(() => s.dispose());
  after(() => sb.stop());

  it('lists repositories with metadata: one ListRepositories page, BatchGetRepositories in chunks of 100', async () => {
    const repos = await s.codecommit.listRepositories();
    assert.strictEqual(repos.length, 153);
    const web = repos.find((r) => r.name === 'web-app')!;
    assert.ok(web.description);
    assert.strictEqual(web.defaultBranch, 'main');
    assert.ok(web.arn.startsWith('arn:aws:codecommit:us-east-1:'));
    assert.ok(web.created && web.lastModified);
    assert.strictEqual(web.cloneUrls.grc, 'codecommit::us-east-1://web-app');
    assert.match(web.cloneUrls.https, /^https:\/\/git-codecommit\.us-east-1\.amazonaws\.com\/v1\/repos\/web-app$/);
    assert.match(web.cloneUrls.ssh, /^ssh:\/\/git-codecommit\.us-east-1\.amazonaws\.com\/v1\/repos\/web-app$/);
    assert.deepStrictEqual(s.requestCounts(), { 'codecommit.ListRepositories': 1, 'codecommit.BatchGetRepositories': 2 });
  });

  it('clone URLs carry a non-default profile for git-remote-codecommit', () => {
    const other = new (s.constructor as typeof AwsSession)({ profile: 'dev', region: 'eu-west-1' });
    try {
      assert.deepStrictEqual(other.codecommit.cloneUrls('app'), {
        https: 'https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/app',
        ssh: 'ssh://git-codecommit.eu-west-1.amazonaws.com/v1/repos/app',
        grc: 'codecommit::eu-west-1://dev@app',
      });
    } finally {
      other.dispose();
    }
  });

  it('lists branches, the default first, with heads through GetBranch', async () => {
    const branches = await s.codecommit.listBranches('web-app', { defaultBranch: 'main', withHeads: true });
    assert.strictEqual(branches[0].name, 'main');
    assert.strictEqual(branches[0].isDefault, true);
    assert.ok(branches.length >= 2);
    for (const b of branches) assert.match(b.commitId ?? '', /^[0-9a-f]{40}$/);
    assert.strictEqual(s.requestCounts()['codecommit.GetBranch'], branches.length);
  });

  it("walks a branch's recent commits newest first with GetCommit, one call per commit", async () => {
    const commits = await s.codecommit.recentCommits('web-app', 'main', { limit: 5, firstParent: true });
    assert.strictEqual(commits.length, 5);
    for (let i = 1; i < commits.length; i++) {
      assert.strictEqual(commits[i - 1].parents[0], commits[i].id, 'first-parent chain');
      assert.ok((commits[i - 1].committer.date ?? 0) >= (commits[i].committer.date ?? 0));
    }
    assert.ok(commits[0].subject.length > 0 && !commits[0].subject.includes('\n'));
    assert.ok(commits[0].author.name && commits[0].author.email);
    assert.strictEqual(s.requestCounts()['codecommit.GetCommit'], 5);
    const all = await s.codecommit.recentCommits('web-app', 'main', { limit: 1000 });
    assert.ok(all.length > 5);
    assert.strictEqual(all[all.length - 1].parents.length, 0, 'ends at the root commit');
    assert.strictEqual(new Set(all.map((c) => c.id)).size, all.length, 'no commit twice');
  });

  it('gives commit details and differences against the parent', async () => {
    const [head] = await s.codecommit.recentCommits('web-app', 'main', { limit: 1 });
    const commit = await s.codecommit.getCommit('web-app', head.id);
    assert.strictEqual(commit.id, head.id);
    const diffs = await s.codecommit.getDifferences('web-app', head.id, head.parents[0]);
    assert.ok(diffs.length >= 1);
    for (const d of diffs) {
      assert.ok(['A', 'M', 'D'].includes(d.changeType));
      assert.ok(d.path.length > 0);
    }
  });

  it('lists open pull requests with their branches', async () => {
    const prs = await s.codecommit.listOpenPullRequests('web-app');
    assert.ok(prs.length >= 1);
    for (const pr of prs) {
      assert.strictEqual(pr.status, 'OPEN');
      assert.strictEqual(pr.repositoryName, 'web-app');
      assert.ok(pr.title && pr.sourceReference && pr.destinationReference);
    }
    assert.strictEqual(s.requestCounts()['codecommit.GetPullRequest'], prs.length);
  });

  it('maps a missing repository to notFound and a bad name to invalidInput before any call', async () => {
    await assert.rejects(s.codecommit.listBranches('no-such-repo'), (e: { kind: string; operation: string; requestId?: string }) => {
      assert.strictEqual(e.kind, 'notFound');
      assert.strictEqual(e.operation, 'codecommit.ListBranches');
      assert.ok(e.requestId);
      return true;
    });
    const before = s.clients.counter.total();
    await assert.rejects(s.codecommit.listBranches('bad name'), (e: { kind: string }) => e.kind === 'invalidInput');
    assert.strictEqual(s.clients.counter.total(), before);
  });
});
