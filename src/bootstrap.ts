import { join } from 'path';
import type * as vscode from 'vscode';
import { loadBundle } from './codeCache';
import type * as Main from './extension';

/**
 * The extension's entry point (package.json `main`): loads the main bundle (dist/extension.js, the composition root)
 * with V8's code cache kept in the extension's global storage, and hands activation to it. It imports nothing else,
 * so it is a few hundred bytes to load.
 */
let main: typeof Main | undefined;

/** After this, the views have painted and their code is compiled: the cache written then holds it too. */
const SAVE_DELAY_MS = 10_000;

export function activate(context: vscode.ExtensionContext): Main.ExtensionApi {
  const bundle = loadBundle(join(__dirname, 'extension.js'), join(context.globalStorageUri.fsPath, 'code-cache'));
  main = bundle.exports as typeof Main;
  const api = main.activate(context);
  if (!bundle.fromCache) {
    // A cache that cannot be written costs time only: the extension host's log says why.
    const save = () => {
      const e = bundle.save();
      if (e) console.warn(`AWS DevTools: the code cache was not written: ${e.message}`);
    };
    const timer = setTimeout(save, SAVE_DELAY_MS);
    // A window closed sooner saves it on the way out.
    context.subscriptions.push({ dispose: () => (clearTimeout(timer), save()) });
  }
  return api;
}

export function deactivate(): void {
  main?.deactivate();
}
