// The branch status bar item in a real extension host: a git repository whose remote is a Sandbox CodeCommit
// repository; the item shows its pipeline, changes while a pushed commit runs, and one notification fires at the
// approval.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { SessionRegistry } from '../../src/aws/session';
import { CommandIds, EXTENSION_ID } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { Connection } from '../../src/model/connection';
import type { Sandbox } from '../../src/sandbox/sandbox';
import { startSandbox } from '../helpers/sandbox';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' }).trim();
}

describe('Branch status bar and notifications (in the extension host)', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  let sb: Sandbox;
  let c: Connection;
  const sessions = new SessionRegistry();
  let dir: string;
  const texts: string[] = [];

  before(async function () {
    api = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate();
    await vscode.workspace.getConfiguration('awsDevTools').update('refresh.activeIntervalSeconds', 1, vscode.ConfigurationTarget.Global);
    sb = await startSandbox({ seed: 'demo' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-devtools-statusbar-'));
    git(dir, 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(dir, 'README.md'), '# web-app\n');
    git(dir, 'add', 'README.md');
    git(dir, 'commit', '-q', '-m', 'first');
    git(dir, 'remote', 'add', 'origin', 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/web-app');
    api.following.statusBar.onDidUpdate((v) => v && texts[texts.length - 1] !== v.text && texts.push(v.text));
    c = await api.explorer.addSandboxConnection(sb.endpoint, sb.region);
    // The test host turns the git extension off (stable workbench settings): this suite turns it on for its run.
    await vscode.workspace.getConfiguration('git').update('enabled', true, vscode.ConfigurationTarget.Global);
    for (let i = 0; i < 60 && api.following.git.availability !== 'ready'; i++) {
      await api.following.git.start().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 500));
    }
    const opened = await api.following.git.open(vscode.Uri.file(dir));
    if (!opened) {
      console.log(`      no git repository through the git extension (${api.following.git.availability}): skipped`);
      this.skip();
    }
  });
  after(async () => {
    await vscode.workspace.getConfiguration('awsDevTools').update('refresh.activeIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('git').update('enabled', undefined, vscode.ConfigurationTarget.Global);
    await api?.explorer.connections.remove(c);
    sessions.dispose();
    await sb?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function until(what: string, test: () => boolean, tick = 0, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!test()) {
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; status bar texts: ${texts.join(' | ')}`);
      if (tick) sb.advance(tick);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('shows the branch pipeline, follows a pushed commit through its stages to the approval, and notifies once', async () => {
    await api.following.statusBar.refresh();
    await until('the item', () => /web-app-release: waiting for approval in Approval/.test(api.following.statusBar.current?.text ?? ''));
    assert.match(api.following.statusBar.current!.tooltip, /web-app-release/);
    const before = api.following.notifier.shown.length;

    // Release the waiting run, then push (PutFile): the pipeline of web-app/main starts again.
    await sessions.get(c).codepipeline.putApprovalResult({ pipelineName: 'web-app-release', stageName: 'Approval', actionName: 'ApproveRelease', approved: true, summary: 'ok' });
    sb.codecommit.putFileInternal({ repositoryName: 'web-app', branch: 'main', filePath: 'CHANGELOG.md', content: 'next', message: 'Release notes' });
    await until('a running stage', () => /\$\(sync~spin\) web-app-release: in /.test(api.following.statusBar.current?.text ?? ''), 2_000);
    await until('the approval again', () => /waiting for approval in Approval/.test(api.following.statusBar.current?.text ?? '') && api.following.notifier.shown.length > before, 5_000);
    const shown = api.following.notifier.shown.slice(before);
    assert.deepStrictEqual(shown.map((s) => s.event.kind), ['approval'], JSON.stringify(shown.map((s) => s.event.message)));
    assert.ok(shown[0].actions.includes('Approve...'));
    await new Promise((r) => setTimeout(r, 3_000));
    assert.strictEqual(api.following.notifier.shown.length, before + 1, 'never twice for the same approval');
    console.log(`      status bar texts: ${texts.join(' | ')}`);

    // Where is my commit (HEAD of the Sandbox branch = the pushed commit) answers with the waiting execution.
    const head = sb.codecommit.getBranchHead('web-app', 'main')!;
    const places = await vscode.commands.executeCommand<{ progress: { text: string } }[]>(CommandIds.whereIsMyCommit, { connection: c, repository: 'web-app', commit: { id: head } });
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.strictEqual(places?.[0]?.progress.text, 'in Approval, waiting for approval (stage 4 of 5)');
  });
});
