import { stripAnsi } from '../logs/ansi';

/**
 * A notification message as plain text. VS Code turns `[label](https://…)`, `[label](command:…)` and
 * `[label](file:…)` in a notification message into a link (a command link runs its command, with its arguments, when
 * clicked), and the messages quote what AWS returned: service error messages quote names and input. A zero-width
 * space between `]` and `(` keeps the text as it reads and makes no link. Terminal escapes (a message quoting a
 * tool's output) are removed. Modal dialogs need none of this: VS Code shows their message and detail as text.
 */
export function notificationText(message: string): string {
  return stripAnsi(message).replace(/\]\(/g, ']\u200b(');
}
