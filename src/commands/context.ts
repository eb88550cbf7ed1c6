import * as vscode from 'vscode';
import type { ConnectionStore } from '../connections/connectionStore';
import { connectionLabel, type Connection } from '../model/connection';
import type { ExplorerBackend } from '../views/backend';
import type { ExplorerNode } from '../views/explorerProvider';
import type { Views } from '../views/registerViews';
import type { Ui } from './ui';

/** What every command handler gets from the composition root. */
export interface CommandContext {
  readonly backend: ExplorerBackend;
  readonly connections: ConnectionStore;
  readonly views: Views;
  /** Swappable for tests (see ui.ts). */
  ui: Ui;
  log(message: string): void;
  /** Opens the pipeline panel (the pipeline panel issue), when it is there. */
  openPipelinePanel?(c: Connection, pipelineName: string, executionId?: string): void;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Runs a call under a progress notification. On failure, shows the reason with a Retry button that reruns `retry`
 * (which reopens the prompts filled with what was typed); the error toast is never awaited.
 */
export async function withProgress<T>(ctx: CommandContext, title: string, task: () => Promise<T>, retry?: () => unknown): Promise<T | undefined> {
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: false }, task);
  } catch (e) {
    const message = `${title} failed: ${errorMessage(e)}`;
    ctx.log(message);
    void ctx.ui.showErrorMessage(message, ...(retry ? ['Retry'] : [])).then((choice) => {
      if (choice === 'Retry') void retry?.();
    });
    return undefined;
  }
}

/** The connection to act on: the node's, the only one, or a pick. */
export async function pickConnection(ctx: CommandContext, node: ExplorerNode | undefined, title: string): Promise<Connection | undefined> {
  if (node?.connection) return node.connection;
  const list = ctx.connections.list();
  if (list.length === 0) {
    void ctx.ui.showInformationMessage('Add an AWS connection or open the Sandbox account first.');
    return undefined;
  }
  if (list.length === 1) return list[0];
  const pick = await ctx.ui.showQuickPick(
    list.map((c) => ({ label: connectionLabel(c), description: c.endpoint, c })),
    { title, placeHolder: 'Connection' },
  );
  return pick?.c;
}

/** An input box validated as the person types. */
export function ask(ctx: CommandContext, options: { title: string; prompt: string; value?: string; placeHolder?: string; validate?: (v: string) => string | undefined; password?: boolean }): Thenable<string | undefined> {
  return ctx.ui.showInputBox({
    title: options.title,
    prompt: options.prompt,
    value: options.value,
    placeHolder: options.placeHolder,
    password: options.password,
    ignoreFocusOut: true,
    validateInput: options.validate ? (v) => options.validate!(v) : undefined,
  });
}

/** A modal confirmation that names the resource; resolves true when `action` was chosen. */
export async function confirm(ctx: CommandContext, message: string, detail: string, action: string): Promise<boolean> {
  return (await ctx.ui.confirm(message, detail, action)) === action;
}

/** "profile · region" for messages, when there is more than one connection. */
export function where(ctx: CommandContext, c: Connection): string {
  return ctx.connections.size > 1 ? ` (${connectionLabel(c)})` : '';
}
