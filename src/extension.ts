import * as vscode from 'vscode';
import { CommandIds, ContextKeys, ViewIds } from './constants';
import { registerViews } from './views/registerViews';

/** Composition root: builds every service and registers everything; all of it is disposed on deactivate. */
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('AWS DevTools', { log: true });
  context.subscriptions.push(output);

  const views = registerViews();
  context.subscriptions.push(views);

  context.subscriptions.push(
    vscode.commands.registerCommand(CommandIds.refresh, () => views.refreshAll()),
    vscode.commands.registerCommand(CommandIds.addConnection, () => notYet('Adding a connection from an AWS profile')),
    vscode.commands.registerCommand(CommandIds.openSandbox, () => notYet('The Sandbox account')),
  );
  void vscode.commands.executeCommand('setContext', ContextKeys.hasConnection, false);
  output.info(`activated; views: ${Object.values(ViewIds).join(', ')}`);
}

function notYet(what: string): void {
  void vscode.window.showInformationMessage(`${what} is being built: see the project's open issues.`);
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
