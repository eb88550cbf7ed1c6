import * as vscode from 'vscode';
import { SessionRegistry } from './aws/session';
import { CommandIds, ContextKeys, ViewIds } from './constants';
import { PipelinePanels } from './pipelinePanel/pipelinePanels';
import { RefreshScheduler } from './refresh/scheduler';
import { registerViews } from './views/registerViews';

/** Composition root: builds every service and registers everything; all of it is disposed on deactivate. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const output = vscode.window.createOutputChannel('AWS DevTools', { log: true });
  context.subscriptions.push(output);

  const scheduler = new RefreshScheduler(undefined, undefined, (e, what) => output.warn(`refresh ${what}: ${e instanceof Error ? e.message : String(e)}`));
  context.subscriptions.push(scheduler, vscode.window.onDidChangeWindowState((w) => scheduler.setFocused(w.focused)));
  const sessions = new SessionRegistry();
  context.subscriptions.push(sessions);

  const pipelinePanels = new PipelinePanels({
    extensionUri: context.extensionUri,
    scheduler,
    log: output,
    services: { pipelines: (c) => sessions.get(c).codepipeline },
  });
  context.subscriptions.push(pipelinePanels);

  const views = registerViews();
  context.subscriptions.push(views);

  context.subscriptions.push(
    vscode.commands.registerCommand(CommandIds.refresh, () => views.refreshAll()),
    vscode.commands.registerCommand(CommandIds.addConnection, () => notYet('Adding a connection from an AWS profile')),
    vscode.commands.registerCommand(CommandIds.openSandbox, () => notYet('The Sandbox account')),
  );
  void vscode.commands.executeCommand('setContext', ContextKeys.hasConnection, false);
  output.info(`activated; views: ${Object.values(ViewIds).join(', ')}`);
  return { pipelinePanels };
}

/** What activate() returns (`vscode.extensions.getExtension(id).exports`): the Explorer and the in-host tests use it. */
export interface ExtensionApi {
  pipelinePanels: PipelinePanels;
}

function notYet(what: string): void {
  void vscode.window.showInformationMessage(`${what} is being built: see the project's open issues.`);
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
