// Bundled for the browser by the panel figure and run in headless Chromium (the engine VS Code webviews use): the
// page's own PipelineView renders the state the figure passes, timed with layout included, then one action patch.
import type { PanelState } from '../../../src/webview/protocol';
import { PipelineView } from '../../../src/webview/render';

export interface BrowserPanelResult {
  /** update() of the first state, per sample (fresh root each). */
  renderMs: number[];
  /** update() plus a forced style and layout pass, per sample. */
  renderLayoutMs: number[];
  patchMs: number;
  patchMutations: number;
  outside: number;
  actions: number;
}

function fresh(now: number): { root: HTMLElement; view: PipelineView } {
  document.body.textContent = '';
  const root = document.createElement('main');
  root.id = 'app';
  document.body.appendChild(root);
  return { root, view: new PipelineView(document, root, { post: () => undefined, clock: () => now }) };
}

function run(state: PanelState, next: PanelState, stage: string, action: string, warmup: number, samples: number): BrowserPanelResult {
  const renderMs: number[] = [];
  const renderLayoutMs: number[] = [];
  for (let i = 0; i < warmup + samples; i++) {
    const { root, view } = fresh(state.now);
    void root.getBoundingClientRect();
    const t0 = performance.now();
    view.update(structuredClone(state));
    const t1 = performance.now();
    void root.getBoundingClientRect(); // style + layout of everything added
    const t2 = performance.now();
    if (i >= warmup) {
      renderMs.push(t1 - t0);
      renderLayoutMs.push(t2 - t0);
    }
  }
  const { root, view } = fresh(state.now);
  view.update(structuredClone(state));
  const el = [...root.querySelectorAll<HTMLElement>('li.stage')].find((e) => e.dataset.stage === stage)?.querySelector<HTMLElement>(`li.action[data-action="${action}"]`);
  const observer = new MutationObserver(() => undefined);
  observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  const t0 = performance.now();
  view.update(next);
  const patchMs = performance.now() - t0;
  const records = observer.takeRecords();
  observer.disconnect();
  return {
    renderMs,
    renderLayoutMs,
    patchMs,
    patchMutations: records.length,
    outside: records.filter((m) => !el || !el.contains(m.target)).length,
    actions: root.querySelectorAll('li.action').length,
  };
}

(globalThis as unknown as { __panelBench: typeof run }).__panelBench = run;
