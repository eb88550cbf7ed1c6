import * as vscode from 'vscode';
import { CommandIds, NOTIFICATIONS_SETTING } from '../constants';
import { Disposable } from '../disposable';
import { EventDeduper, parseLevel, shouldNotify, type NotificationLevel, type RunEvent } from './policy';
import { notificationText } from './text';

export interface ShownNotification {
  event: RunEvent;
  actions: string[];
}

/** The Explorer's approve command (it prompts for the summary); called with the approval's fields. */
const APPROVE_COMMAND = 'awsDevTools.pipeline.approve';
const OPEN_PANEL = 'Open Pipeline';
const OPEN_LOG = 'Open Log';
const APPROVE = 'Approve...';

/**
 * Says when a watched execution or build finished or waits for an approval: one notification per event (deduped
 * by its key, even when several watchers see it), filtered by `awsDevTools.notifications`. The toast is never
 * awaited by the caller: `notify` returns at once and the chosen action runs when (if) someone clicks it.
 */
export class Notifier extends Disposable {
  private readonly dedupe = new EventDeduper();
  private readonly shownEmitter = this._register(new vscode.EventEmitter<ShownNotification>());
  /** Fires for each notification shown (the in-host tests listen to it). */
  readonly onDidNotify = this.shownEmitter.event;
  readonly shown: ShownNotification[] = [];

  constructor(private readonly log?: vscode.LogOutputChannel) {
    super();
  }

  get level(): NotificationLevel {
    return parseLevel(vscode.workspace.getConfiguration(NOTIFICATIONS_SETTING.section).get(NOTIFICATIONS_SETTING.key));
  }

  /** Reports an event; returns whether a notification was shown. Never waits for the toast. */
  notify(event: RunEvent): boolean {
    if (!this.dedupe.firstTime(event.key)) return false;
    if (!shouldNotify(this.level, event.kind)) return false;
    const actions: string[] = [];
    if (event.kind === 'approval' && event.approval) actions.push(APPROVE);
    if (event.buildId) actions.push(OPEN_LOG);
    if (event.pipelineName) actions.push(OPEN_PANEL);
    const shown = { event, actions };
    this.shown.push(shown);
    if (this.shown.length > 100) this.shown.shift();
    // the message quotes names from AWS: shown as text (no link made from it, see notificationText)
    const toast =
      event.kind === 'failed'
        ? vscode.window.showErrorMessage(notificationText(event.message), ...actions)
        : event.kind === 'approval'
          ? vscode.window.showWarningMessage(notificationText(event.message), ...actions)
          : vscode.window.showInformationMessage(notificationText(event.message), ...actions);
    void toast.then(
      (choice) => this.act(event, choice),
      () => undefined,
    );
    this.shownEmitter.fire(shown);
    return true;
  }

  private async act(event: RunEvent, choice: string | undefined): Promise<void> {
    try {
      if (choice === OPEN_PANEL && event.pipelineName) {
        await vscode.commands.executeCommand(CommandIds.openPipelinePanel, event.connection, event.pipelineName, event.executionId);
      } else if (choice === OPEN_LOG && event.buildId) {
        await vscode.commands.executeCommand(CommandIds.openBuildLogAtError, { connection: event.connection, buildId: event.buildId, phase: event.failedPhase });
      } else if (choice === APPROVE && event.approval) {
        const a = event.approval;
        try {
          await vscode.commands.executeCommand(APPROVE_COMMAND, { connection: event.connection, ...a, approval: { ...a, pipelineExecutionId: a.executionId } });
        } catch {
          // The approve command wants a tree node: the panel has the same button.
          await vscode.commands.executeCommand(CommandIds.openPipelinePanel, event.connection, a.pipelineName, a.executionId);
        }
      }
    } catch (e) {
      this.log?.warn(`notification action ${choice ?? ''}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
