// The set-up the Explorer's in-host tests share: the extension activated, an in-process Sandbox (demo seed, manual clock), that
// Sandbox as the only connection, and the AWS DevTools container shown.
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { Connection } from '../../src/model/connection';
import type { Sandbox } from '../../src/sandbox/sandbox';
import { startSandbox } from '../helpers/sandbox';

export async function explorerOnSandbox(): Promise<{ ext: ExtensionApi; api: ExtensionApi['explorer']; sb: Sandbox; c: Connection }> {
  const ext = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate();
  const api = ext.explorer;
  const sb = await startSandbox({ seed: 'demo' });
  for (const old of [...api.connections.list()]) await api.connections.remove(old);
  const c = await api.addSandboxConnection(sb.endpoint, sb.region);
  await vscode.commands.executeCommand('workbench.view.extension.awsDevTools');
  return { ext, api, sb, c };
}
