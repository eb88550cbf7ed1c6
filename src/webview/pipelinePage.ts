/**
 * Entry of the pipeline panel's page (bundled by esbuild's browser entry into dist/webview/pipelinePage.js).
 * Posts `ready` once it listens; renders only messages that pass the protocol guard; ignores and reports the rest.
 */
import { isHostMessage, type PageMessage, type PersistedState } from './protocol';
import { PipelineView } from './render';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  setState(state: PersistedState): void;
  getState(): unknown;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('app');
if (root) {
  const view = new PipelineView(document, root, { post: (m) => vscode.postMessage(m) });
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (!isHostMessage(message)) {
      const type = typeof message === 'object' && message !== null ? String((message as { type?: unknown }).type).slice(0, 40) : typeof message;
      vscode.postMessage({ type: 'log', level: 'warn', message: `page ignored an invalid message from the host (type ${type})` });
      return;
    }
    switch (message.type) {
      case 'state':
        vscode.setState(message.persist);
        view.update(message.state);
        break;
      case 'busy':
        view.setBusy(message.op, message.key, message.busy);
        break;
      case 'result':
        view.showResult(message.op, message.key, message.ok, message.message);
        break;
    }
  });
  // relative times ("5 min ago") and elapsed time move on between refreshes
  setInterval(() => view.tick(), 15_000);
  vscode.postMessage({ type: 'ready' });
}
