// Runs inside a real VS Code extension host (code-server, or a desktop VS Code with AWS_DEVTOOLS_VSCODE), as a
// person's actions would: through commands and the extension API.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { CommandIds, EXTENSION_ID, ViewIds, type ViewKey } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import { hostStateAtStart } from './hostState';

interface Manifest {
  engines: { vscode: string };
  activationEvents?: string[];
  contributes: { commands: { command: string }[]; views: Record<string, { id: string; name: string }[]> };
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is loaded in the extension host`);
  return ext;
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('AWS DevTools in a real VS Code extension host', function () {
  const manifest = () => extension().packageJSON as Manifest;

  it('runs in a VS Code host that satisfies engines.vscode', () => {
    const [major, minor] = vscode.version.split('.').map(Number);
    const [wantMajor, wantMinor] = manifest().engines.vscode.replace(/^[\^~>=]+/, '').split('.').map(Number);
    assert.ok(major > wantMajor || (major === wantMajor && minor >= wantMinor), `VS Code ${vscode.version} vs ${manifest().engines.vscode}`);
  });

  it('is lazy: not active when the host started, active once its container is opened', async () => {
    assert.ok(!(manifest().activationEvents ?? []).some((e) => e === '*' || e === 'onStartupFinished'));
    const atStart = hostStateAtStart();
    assert.ok(atStart, 'index.ts recorded the host state before the tests');
    assert.strictEqual(atStart.extensionActive, false, 'nothing had used the extension when the tests started');
    await vscode.commands.executeCommand('workbench.view.extension.awsDevTools');
    await waitFor('activation after opening the AWS DevTools container', () => extension().isActive);
  });

  it('registers every contributed command, and contributes every command it registers', async () => {
    await extension().activate();
    const registered = await vscode.commands.getCommands(true);
    const contributed = manifest().contributes.commands.map((c) => c.command);
    for (const id of contributed) assert.ok(registered.includes(id), `${id} is registered`);
    // The workbench registers <viewId>.focus, .open, .resetViewLocation, ... for each view: not ours.
    const viewIds = Object.values(ViewIds) as string[];
    const ours = registered.filter((id) => id.startsWith('awsDevTools.') && !viewIds.some((v) => id.startsWith(`${v}.`)));
    assert.deepStrictEqual(ours.sort(), [...contributed].sort());
    assert.deepStrictEqual([...contributed].sort(), (Object.values(CommandIds) as string[]).sort());
  });

  it('contributes the five views, and each one opens', async () => {
    const views = manifest().contributes.views.awsDevTools ?? [];
    assert.deepStrictEqual(
      views.map((v) => v.name),
      ['Repositories', 'Builds', 'Deployments', 'Pipelines', 'Approvals'],
    );
    assert.deepStrictEqual(views.map((v) => v.id), Object.values(ViewIds));
    for (const view of views) {
      await vscode.commands.executeCommand(`${view.id}.focus`);
    }
  });

  it('with no connection, every tree provider is empty (so the welcome content shows) and every tree view is visible', async () => {
    const api = (await extension().activate()) as ExtensionApi;
    assert.strictEqual(api.explorer.connections.size, 0, 'a fresh profile has no connection');
    assert.strictEqual(api.explorer.views.all.length, 5);
    for (const provider of api.explorer.views.all) {
      assert.deepStrictEqual(await provider.getChildren(undefined), []);
    }
    for (const key of Object.keys(ViewIds) as ViewKey[]) {
      await vscode.commands.executeCommand(`${ViewIds[key]}.focus`);
      await waitFor(`${key} visible`, () => api.explorer.views.treeViews.get(key)?.visible === true);
    }
  });

  it('runs the Refresh command', async () => {
    await vscode.commands.executeCommand(CommandIds.refresh);
  });
});
