import * as vscode from 'vscode';
import { notificationText } from '../notifications/text';

/**
 * The prompts commands use. The default is `vscode.window`; the in-host tests swap in scripted answers through the
 * extension API (`answerPrompts`) for the prompts a test cannot reach otherwise. A scripted answer to an input box
 * still goes through the box's `validateInput`, so the tests check the validation people see.
 */
export interface Ui {
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[] | Thenable<readonly T[]>, options: vscode.QuickPickOptions): Thenable<T | undefined>;
  /** A modal confirmation: resolves with the chosen item's title. */
  confirm(message: string, detail: string, ...items: string[]): Thenable<string | undefined>;
  showErrorMessage(message: string, ...items: string[]): Thenable<string | undefined>;
  showInformationMessage(message: string, ...items: string[]): Thenable<string | undefined>;
}

export const windowUi: Ui = {
  showInputBox: (o) => vscode.window.showInputBox(o),
  showQuickPick: (items, o) => vscode.window.showQuickPick(items, o),
  confirm: (message, detail, ...items) => vscode.window.showWarningMessage(message, { modal: true, detail }, ...items),
  // messages quote AWS data: shown as text (no link made from it, see notificationText)
  showErrorMessage: (m, ...items) => vscode.window.showErrorMessage(notificationText(m), ...items),
  showInformationMessage: (m, ...items) => vscode.window.showInformationMessage(notificationText(m), ...items),
};

/** One scripted answer: text for an input box, a label (or predicate) for a quick pick, a button title for a confirmation. */
export type ScriptedAnswer = string | undefined | ((item: vscode.QuickPickItem) => boolean);

/** Answers prompts from a queue, in order; records every message shown. Throws when a prompt has no answer left or an answer fails validation. */
export class ScriptedUi implements Ui {
  readonly messages: { kind: 'error' | 'info'; message: string; items: string[] }[] = [];
  readonly prompts: string[] = [];
  /** What each input box showed already filled in (`value`), in order: a retried command shows what was typed. */
  readonly prefilled: { prompt: string; value: string | undefined }[] = [];
  /** How an error message is answered (e.g. a test clicks Retry once the fault clears); default: dismissed. */
  onError: ((message: string, items: string[]) => Thenable<string | undefined>) | undefined;
  constructor(private readonly answers: ScriptedAnswer[]) {}

  /** Queues more answers (for the prompts a Retry reopens). */
  push(...answers: ScriptedAnswer[]): void {
    this.answers.push(...answers);
  }

  get remaining(): number {
    return this.answers.length;
  }

  private next(what: string): ScriptedAnswer {
    this.prompts.push(what);
    if (this.answers.length === 0) throw new Error(`No scripted answer for prompt: ${what}`);
    return this.answers.shift();
  }

  async showInputBox(o: vscode.InputBoxOptions): Promise<string | undefined> {
    const a = this.next(`input: ${o.title ?? o.prompt ?? ''}`);
    this.prefilled.push({ prompt: `${o.title ?? ''}: ${o.prompt ?? ''}`, value: o.value });
    if (a === undefined || typeof a === 'function') return undefined;
    const problem = await o.validateInput?.(a);
    const message = typeof problem === 'string' ? problem : problem?.message;
    if (message) throw new Error(`Scripted answer '${a}' fails validation: ${message}`);
    return a;
  }

  async showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[] | Thenable<readonly T[]>, o: vscode.QuickPickOptions): Promise<T | undefined> {
    const a = this.next(`pick: ${o.title ?? o.placeHolder ?? ''}`);
    const list = await items;
    if (a === undefined) return undefined;
    const matches = (i: T) => (typeof a === 'function' ? a(i) : i.label === a || i.label.includes(a));
    // a multi-select pick answers with every item the answer matches (none: the person unticked them all)
    if (o.canPickMany) return list.filter(matches) as unknown as T;
    const found = list.find(matches);
    if (!found) throw new Error(`Scripted answer '${String(a)}' is not among: ${list.map((i) => i.label).join(', ')}`);
    return found;
  }

  confirm(message: string, _detail: string, ...items: string[]): Promise<string | undefined> {
    const a = this.next(`confirm: ${message}`);
    if (a !== undefined && (typeof a !== 'string' || !items.includes(a))) throw new Error(`Scripted answer '${String(a)}' is not among: ${items.join(', ')}`);
    return Promise.resolve(a);
  }

  showErrorMessage(message: string, ...items: string[]): Thenable<string | undefined> {
    this.messages.push({ kind: 'error', message, items });
    return this.onError ? this.onError(message, items) : Promise.resolve(undefined);
  }

  showInformationMessage(message: string, ...items: string[]): Promise<string | undefined> {
    this.messages.push({ kind: 'info', message, items });
    return Promise.resolve(undefined);
  }
}
