// A happy-dom window per test, typed as the DOM the page code expects.
import { Window } from 'happy-dom';
import type { PageMessage } from '../../../src/webview/protocol';
import { PipelineView } from '../../../src/webview/render';
import { NOW } from './builders';

export interface Page {
  window: Window;
  document: Document;
  root: HTMLElement;
  view: PipelineView;
  posted: PageMessage[];
  close(): Promise<void>;
}

export function makePage(clock: () => number = () => NOW): Page {
  const window = new Window({ url: 'https://webview.test/' });
  const document = window.document as unknown as Document;
  const root = document.createElement('main');
  document.body.appendChild(root);
  const posted: PageMessage[] = [];
  const view = new PipelineView(document, root, { post: (m) => posted.push(m), clock });
  return { window, document, root, view, posted, close: () => window.happyDOM.close() };
}

/** Counts the mutation records an update causes (childList, attributes, characterData, in the whole subtree). */
export function observe(page: Page): { take(): MutationRecord[]; disconnect(): void } {
  const MO = (page.window as unknown as { MutationObserver: typeof MutationObserver }).MutationObserver;
  const observer = new MO(() => undefined);
  observer.observe(page.root, { subtree: true, childList: true, attributes: true, characterData: true });
  return { take: () => observer.takeRecords(), disconnect: () => observer.disconnect() };
}

export function q<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const found = root.querySelector(selector);
  if (!found) throw new Error(`no element matches ${selector}`);
  return found as unknown as T;
}

export function stageEl(root: ParentNode, name: string): HTMLElement {
  return Array.from(root.querySelectorAll<HTMLElement>('li.stage')).find((e) => e.getAttribute('data-stage') === name)!;
}

export function actionEl(root: ParentNode, stage: string, action: string): HTMLElement {
  return Array.from(stageEl(root, stage).querySelectorAll<HTMLElement>('li.action')).find((e) => e.getAttribute('data-action') === action)!;
}
