// The Explorer's remaining commands end to end in a real extension host against an in-process Sandbox (demo seed,
// manual clock): add a connection from a profile, switch its region, remove it; filters; load more; copy clone URL, clone, copy ID / ARN, open in console, retry a failed stage, reject an approval,
// continue a blue/green deployment. The Sandbox's state is read back through real SDK clients.
// Prompts are answered through the extension API's scripted prompts (answerPrompts); the clipboard is the real one.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CodeBuildClient, StartBuildCommand } from '@aws-sdk/client-codebuild';
import { CodePipelineClient, GetPipelineStateCommand } from '@aws-sdk/client-codepipeline';
import { CodeDeployClient, GetDeploymentCommand } from '@aws-sdk/client-codedeploy';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { Connection } from '../../src/model/connection';
import type { Sandbox } from '../../src/sandbox/sandbox';
import type { ExplorerNode } from '../../src/views/explorerProvider';
import { NO_FILTER } from '../../src/views/presentation';
import { clientConfig } from '../helpers/sandbox';
import { explorerOnSandbox } from './sandboxExplorer';
import { children, find, has, item, kind, label, walk } from './tree';

describe('Explorer commands: clone, copy, console, retry stage, reject, continue (in the extension host)', function () {
  this.timeout(120_000);
  let api: ExtensionApi['explorer'];
  let sb: Sandbox;
  let c: Connection;
  let pipelines: CodePipelineClient;
  let deploy: CodeDeployClient;

  before(async () => {
    ({ api, sb, c } = await explorerOnSandbox());
    pipelines = new CodePipelineClient(clientConfig(sb));
    deploy = new CodeDeployClient(clientConfig(sb));
  });
  afterEach(() => {
    api.restorePrompts();
    api.views.builds.setFilter(NO_FILTER);
  });
  after(async () => {
    pipelines?.destroy();
    deploy?.destroy();
    await api?.connections.remove(c);
    await sb?.stop();
  });

  async function stageStatus(pipeline: string, stage: string): Promise<string | undefined> {
    const state = await pipelines.send(new GetPipelineStateCommand({ name: pipeline }));
    return state.stageStates?.find((s) => s.stageName === stage)?.latestExecution?.status;
  }

  it('add a connection from a profile, switch its region, remove it; with two connections the roots are connections', async () => {
    // A real shared config in a temporary folder, read the way the SDK reads it (AWS_CONFIG_FILE and
    // AWS_SHARED_CREDENTIALS_FILE are read at each call); its endpoint_url is the Sandbox, so the connection works.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-devtools-profiles-'));
    const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
    fs.writeFileSync(path.join(dir, 'config'), `[profile team]\nregion = us-west-2\nendpoint_url = ${sb.endpoint}\n`);
    fs.writeFileSync(path.join(dir, 'credentials'), '[team]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    try {
      api.answerPrompts([(i) => i.label === 'team', (i) => i.label === 'us-west-2']);
      await vscode.commands.executeCommand(CommandIds.addConnection);
      const added = api.connections.list().find((x) => x.profile === 'team');
      assert.deepStrictEqual(added && { region: added.region, endpoint: added.endpoint }, { region: 'us-west-2', endpoint: sb.endpoint });
      const roots = await children(api.views.pipelines);
      assert.deepStrictEqual(roots.map(kind), ['connection', 'connection']);
      const team = roots.find((n) => label(n).startsWith('team'))!;
      assert.match(label(team) + ' ' + String(item(team).description ?? ''), /us-west-2/);
      assert.ok((await children(api.views.pipelines, team)).some((n) => kind(n) === 'pipeline'), 'the profile connection lists pipelines');

      api.answerPrompts([(i) => i.label === 'eu-west-1']);
      await vscode.commands.executeCommand(CommandIds.switchRegion, team);
      assert.strictEqual(api.connections.list().find((x) => x.profile === 'team')?.region, 'eu-west-1');

      const moved = (await children(api.views.pipelines)).find((n) => label(n).startsWith('team'))!;
      await vscode.commands.executeCommand(CommandIds.removeConnection, moved);
      assert.deepStrictEqual(api.connections.list(), [c]);
      assert.ok((await children(api.views.pipelines)).every((n) => kind(n) !== 'connection'), 'one connection: its resources are the roots');
    } finally {
      for (const x of api.connections.list().filter((x) => x.profile === 'team')) await api.connections.remove(x);
      process.env.AWS_CONFIG_FILE = saved.config;
      process.env.AWS_SHARED_CREDENTIALS_FILE = saved.credentials;
      if (saved.config === undefined) delete process.env.AWS_CONFIG_FILE;
      if (saved.credentials === undefined) delete process.env.AWS_SHARED_CREDENTIALS_FILE;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a view filter: text and "only failing" narrow the roots and show in the view\'s description; clearing brings all back', async () => {
    const all = (await children(api.views.builds)).filter((n) => kind(n) === 'project');
    const ui = api.answerPrompts(['worker', (i) => i.label === 'Only failing']);
    await vscode.commands.executeCommand(CommandIds.filterBuilds);
    // "worker" matches payments-worker by name; the prompt says what else it matches (the source repository)
    assert.match(ui.prefilled[0].prompt, /projects whose name, source repository or description contains/);
    const shown = await children(api.views.builds);
    assert.deepStrictEqual(shown.map(label), ['payments-worker'], `the failing project matching "worker": ${shown.map((n) => `${label(n)} (${String(item(n).contextValue)})`).join(', ')}`);
    assert.strictEqual(api.views.treeViews.get('builds')!.description, 'filter: “worker” · only failing');
    api.answerPrompts(['', (i) => i.label === 'Only failing']);
    await vscode.commands.executeCommand(CommandIds.filterBuilds);
    const failing = await children(api.views.builds);
    assert.ok(failing.length > 0 && failing.length < all.length && failing.every((n) => has(n, 'failed')), failing.map(label).join(', '));
    api.answerPrompts(['no-such-project', () => false]);
    await vscode.commands.executeCommand(CommandIds.filterBuilds);
    const none = await children(api.views.builds);
    assert.deepStrictEqual(none.map(kind), ['empty'], 'one node says nothing matches');
    api.answerPrompts(['', () => false]);
    await vscode.commands.executeCommand(CommandIds.filterBuilds);
    assert.deepStrictEqual((await children(api.views.builds)).map(label), all.map(label));
    assert.strictEqual(api.views.treeViews.get('builds')!.description, undefined);
  });

  it('"Load more" under a project with more builds than a page fetches the next page', async () => {
    const builds = new CodeBuildClient(clientConfig(sb));
    try {
      for (let i = 0; i < 25; i++) await builds.send(new StartBuildCommand({ projectName: 'web-app' }));
    } finally {
      builds.destroy();
    }
    api.views.builds.refresh();
    const project = await find(api.views.builds, 1, (n) => kind(n) === 'project' && label(n) === 'web-app', 'web-app');
    const first = await children(api.views.builds, project);
    const more = first.find((n) => kind(n) === 'loadMore');
    assert.ok(more, 'a Load more node after the first page');
    const before = first.filter((n) => kind(n) === 'build').length;
    await vscode.commands.executeCommand(CommandIds.loadMore, more);
    const after = (await children(api.views.builds, project)).filter((n) => kind(n) === 'build');
    assert.ok(after.length > before, `${before} builds, then ${after.length}`);
    assert.strictEqual(new Set(after.map((n) => item(n).id)).size, after.length, 'no build twice');
  });

  it('copy clone URL puts the chosen URL on the clipboard and says so', async () => {
    const repo = await find(api.views.repositories, 1, (n) => kind(n) === 'repository' && label(n) === 'web-app', 'web-app');
    await vscode.env.clipboard.writeText('');
    const ui = api.answerPrompts(['HTTPS']);
    await vscode.commands.executeCommand(CommandIds.copyCloneUrl, repo);
    const url = await vscode.env.clipboard.readText();
    assert.match(url, /^https:\/\/git-codecommit\.[a-z0-9-]+\.amazonaws\.com\/v1\/repos\/web-app$/);
    assert.ok(ui.messages.some((m) => m.kind === 'info' && m.message === `Copied ${url}`), JSON.stringify(ui.messages));
  });

  it('clone hands the chosen URL to the git extension\'s clone', async () => {
    // The built-in git extension is disabled in the test host (git.enabled: false) and the Sandbox serves no git
    // protocol, so a real clone cannot run here: a stand-in `git.clone` records what the extension passes to it.
    const existing = (await vscode.commands.getCommands(true)).includes('git.clone');
    assert.ok(!existing, 'the test host runs without the git extension (see STABLE_SETTINGS)');
    const cloned: unknown[] = [];
    const standIn = vscode.commands.registerCommand('git.clone', (...args: unknown[]) => void cloned.push(...args));
    try {
      const repo = await find(api.views.repositories, 1, (n) => kind(n) === 'repository' && label(n) === 'web-app', 'web-app');
      api.answerPrompts(['HTTPS']);
      await vscode.commands.executeCommand(CommandIds.cloneRepository, repo);
      assert.strictEqual(cloned.length, 1);
      assert.match(String(cloned[0]), /^https:\/\/git-codecommit\..*\/v1\/repos\/web-app$/);
      api.answerPrompts([undefined]); // the person dismisses the pick: nothing is cloned
      await vscode.commands.executeCommand(CommandIds.cloneRepository, repo);
      assert.strictEqual(cloned.length, 1);
    } finally {
      standIn.dispose();
    }
  });

  it('copy ID and copy ARN of a build', async () => {
    const project = await find(api.views.builds, 1, (n) => kind(n) === 'project' && label(n) === 'web-app', 'web-app project');
    const build = (await children(api.views.builds, project)).find((n) => kind(n) === 'build')!;
    assert.ok(has(build, 'hasArn'), String(item(build).contextValue));
    api.answerPrompts([]);
    await vscode.commands.executeCommand(CommandIds.copyId, build);
    const id = await vscode.env.clipboard.readText();
    assert.match(id, /^web-app:[0-9a-f-]+$/);
    await vscode.commands.executeCommand(CommandIds.copyArn, build);
    assert.strictEqual(await vscode.env.clipboard.readText(), `arn:aws:codebuild:${sb.region}:${/:(\d{12}):/.exec(await vscode.env.clipboard.readText())?.[1]}:build/${id}`);
  });

  it('open in console on a Sandbox item says there is no console page (nothing is opened)', async () => {
    const pipeline = await find(api.views.pipelines, 1, (n) => kind(n) === 'pipeline', 'a pipeline');
    const ui = api.answerPrompts([]);
    await vscode.commands.executeCommand(CommandIds.openInConsole, pipeline);
    assert.deepStrictEqual(
      ui.messages.map((m) => m.message),
      ['This item has no AWS console page (the Sandbox account has no console).'],
    );
  });

  it('retry the failed actions of a failed stage: the stage runs again', async () => {
    assert.strictEqual(await stageStatus('api-service-ci', 'Build'), 'Failed', 'the demo has api-service-ci failed at Build');
    const stage = await find(api.views.pipelines, 2, (n) => kind(n) === 'stage' && label(n) === 'Build' && has(n, 'failed'), 'the failed Build stage');
    const ui = api.answerPrompts(['Retry failed actions']);
    await vscode.commands.executeCommand(CommandIds.retryStage, stage);
    assert.deepStrictEqual(ui.messages.filter((m) => m.kind === 'error'), []);
    assert.strictEqual(await stageStatus('api-service-ci', 'Build'), 'InProgress');
    // the view shows it without a refresh click (the command reloads the pipeline)
    const again = (await walk(api.views.pipelines, 2)).find((n) => item(n).id === item(stage).id)!;
    assert.ok(!has(again, 'failed'), String(item(again).contextValue));
  });

  it('reject the waiting approval with a comment: the stage fails and the approval leaves the view', async () => {
    const approval = (await children(api.views.approvals)).find((n) => kind(n) === 'approval')!;
    const [pipelineName, stageName] = label(approval).split(' › ');
    const refused = api.answerPrompts(['']);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand(CommandIds.reject, approval)), /A rejection needs a comment/);
    assert.strictEqual(refused.remaining, 0);
    const ui = api.answerPrompts(['Staging smoke test failed', 'Reject']);
    await vscode.commands.executeCommand(CommandIds.reject, approval);
    assert.ok(ui.messages.some((m) => m.kind === 'info' && m.message.startsWith(`Rejected: ${pipelineName} › ${stageName}`)), JSON.stringify(ui.messages));
    assert.strictEqual(await stageStatus(pipelineName, stageName), 'Failed');
    assert.ok(!(await children(api.views.approvals)).some((n) => item(n).id === item(approval).id), 'the approval is gone');
  });

  it('continue a blue/green deployment waiting at Ready: traffic is rerouted and it succeeds', async () => {
    const group = await find(api.views.deployments, 2, (n) => kind(n) === 'deploymentGroup' && label(n) === 'production' && (item(n).id ?? '').includes('web-app'), 'web-app production');
    api.answerPrompts(['Amazon S3', 's3://web-app-artifacts/web-app/continue.zip', 'zip', 'blue/green from the integration test', 'Deploy']);
    await vscode.commands.executeCommand(CommandIds.createDeployment, group);
    const created = (await children(api.views.deployments, group)).find((n) => kind(n) === 'deployment')!;
    const id = /d-[A-Z0-9]+/.exec(label(created))![0];
    let waiting: ExplorerNode | undefined;
    for (let i = 0; i < 60 && !waiting; i++) {
      sb.advance(30_000);
      api.views.deployments.refresh();
      waiting = (await children(api.views.deployments, group)).find((n) => item(n).id === item(created).id && has(n, 'continuable'));
    }
    assert.ok(waiting, `${id} reached Ready and waits to continue`);
    api.answerPrompts(['Continue']);
    await vscode.commands.executeCommand(CommandIds.continueDeployment, waiting);
    for (let i = 0; i < 60; i++) {
      sb.advance(30_000);
      const d = (await deploy.send(new GetDeploymentCommand({ deploymentId: id }))).deploymentInfo;
      if (d?.status === 'Succeeded') return;
    }
    assert.fail(`${id} did not succeed after Continue`);
  });
});
