import * as assert from 'assert';
import { SessionRegistry } from '../../../src/aws/session';
import { SANDBOX_PROFILE, type Connection } from '../../../src/model/connection';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { ServiceBackend } from '../../../src/views/serviceBackend';
import { startSandbox } from '../../helpers/sandbox';

describe('ServiceBackend (the Explorer on the service layer) against the Sandbox demo seed', function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let sessions: SessionRegistry;
  let backend: ServiceBackend;
  let c: Connection;

  before(async () => {
    sb = await startSandbox({ seed: 'demo' });
    sessions = new SessionRegistry();
    backend = new ServiceBackend(sessions);
    c = { profile: SANDBOX_PROFILE, region: sb.region, endpoint: sb.endpoint };
  });
  after(async () => {
    sessions.dispose();
    await sb.stop();
  });

  it('lists every kind of resource the five views show', async () => {
    const repos = await backend.listRepositories(c);
    assert.ok(repos.items.length > 0, 'repositories');
    const repo = repos.items[0];
    const branches = await backend.listBranches(c, repo.name, repo.defaultBranch);
    assert.ok(branches.length > 0 && branches[0].commitId, 'branches with heads');
    const commits = await backend.recentCommits(c, repo.name, branches[0].name, 5);
    assert.ok(commits.length > 0, 'commits');
    await backend.listOpenPullRequests(c, repo.name);

    const projects = await backend.listProjects(c);
    assert.ok(projects.items.length > 0, 'projects');
    const builds = await backend.listBuilds(c, projects.items[0].name);
    assert.ok(builds.items.length > 0, 'builds');
    assert.deepStrictEqual((await backend.getBuilds(c, [builds.items[0].id])).map((b) => b.id), [builds.items[0].id]);

    const pipelines = await backend.listPipelines(c);
    assert.ok(pipelines.items.length > 0, 'pipelines');
    const state = await backend.getPipelineState(c, pipelines.items[0].name);
    assert.ok(state.stages.length > 0, 'stages');
    const executions = await backend.listExecutions(c, pipelines.items[0].name);
    assert.ok(executions.items.length > 0, 'executions');

    const apps = await backend.listApplications(c);
    assert.ok(apps.length > 0, 'applications');
    const groups = await backend.listDeploymentGroups(c, apps[0].name);
    assert.ok(groups.length > 0, 'groups');
    const deployments = await backend.listDeployments(c, apps[0].name, groups[0].name);
    assert.ok(deployments.items.length > 0, 'deployments');
    const targets = await backend.listDeploymentTargets(c, deployments.items[0].id);
    assert.ok(targets.length > 0, 'targets');
    const approvals = await backend.listApprovals(c);
    console.log(`      demo: ${repos.items.length} repos, ${projects.items.length} projects, ${pipelines.items.length} pipelines, ${apps.length} apps, ${approvals.length} approvals waiting`);
  });

  it('starts, stops and retries a build; pages builds newest first', async () => {
    const project = (await backend.listProjects(c)).items[0].name;
    const started = await backend.startBuild(c, project, { sourceVersion: 'main', environmentVariablesOverride: [{ name: 'FOO', value: 'bar', type: 'PLAINTEXT' }] });
    assert.strictEqual(started.complete, false);
    const first = await backend.listBuilds(c, project);
    assert.strictEqual(first.items[0].id, started.id, 'newest first');
    const stopped = await backend.stopBuild(c, started.id);
    assert.strictEqual(stopped.id, started.id);
    const retried = await backend.retryBuild(c, started.id);
    assert.notStrictEqual(retried.id, started.id);
    if (first.nextToken) {
      const second = await backend.listBuilds(c, project, first.nextToken);
      assert.ok(!second.items.some((b) => first.items.some((x) => x.id === b.id)), 'pages do not overlap');
    }
  });
});
