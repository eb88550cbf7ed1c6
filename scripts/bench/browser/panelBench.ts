// Bundled for the browser by the panel figure and run in headless Chromium (the engine VS Code webviews use): the
// page's own PipelineView renders the state the figure passes, timed with layout included, then one action patch.
import type { PanelState } from '../../../src/webview/protocol';
import { PipelineView } from '../../../src/webview/render';

export interface BrowserPanelResult {
  /** update() of the first state, per sample (fresh root each). */
  renderMs: number[];
  /**
   * update() plus style and layout of what the first frame shows, per sample: the page's layout, then the contents of
   * each stage card in the viewport (the cards have `content-visibility: auto`, so a forced layout of the page leaves
   * their contents to the first frame; reading a size inside a card lays it out now). Off-screen cards stay skipped,
   * as they do in the panel until scrolled to.
   */
  renderLayoutMs: number[];
  /** update() plus the page's forced layout only (without the visible cards' contents), for comparison. */
  pageLayoutMs: number[];
  /** Stage cards in the viewport, laid out within renderLayoutMs. */
  visibleStages: number;
  /**
   * update() called at the start of a frame (in a requestAnimationFrame callback) to the end of that frame's
   * rendering (style, layout, paint; timed by a message posted from the callback, which runs after them), per sample.
   */
  frameMs: number[];
  /** update() alone within frameMs. */
  frameUpdateMs: number[];
  /** The first render of all in this page, in a frame: what opening the panel costs, its code not yet optimized. */
  coldFrameMs: number;
  /** frameMs for a pipeline of one stage with one action: what a frame costs here whatever the page. */
  frameSmallMs: number[];
  /**
   * The DOM a first render shows, copied and attached in one native call (and the stage list scrolled as the page
   * scrolls it) in a frame, to the end of that frame's rendering, per sample: what that frame costs with no page code.
   */
  copyFrameMs: number[];
  /** Elements in that copy. */
  copyElements: number;
  /** Action cards the first render built (the stages in view), per the last sample. */
  firstBuilt: number;
  /** From update() to every action card built (the stages out of view are built in idle time), per sample. */
  completeMs: number[];
  /** The longest interval between two frames while they were built, per sample. */
  completeLongestFrameMs: number[];
  patchMs: number;
  patchMutations: number;
  outside: number;
  actions: number;
}

function freshRoot(): HTMLElement {
  document.body.textContent = '';
  const root = document.createElement('main');
  root.id = 'app';
  document.body.appendChild(root);
  return root;
}

function fresh(now: number): { root: HTMLElement; view: PipelineView } {
  const root = freshRoot();
  return { root, view: new PipelineView(document, root, { post: () => undefined, clock: () => now }) };
}

interface FirstFrameCopy {
  dom: DocumentFragment;
  scrollLeft: number;
}

/** The page's DOM right after a first render (before idle time builds the stages out of view), and its scroll. */
function firstFrameCopy(state: PanelState): FirstFrameCopy {
  const { root, view } = fresh(state.now);
  void root.getBoundingClientRect();
  view.update(structuredClone(state));
  const dom = document.createDocumentFragment();
  for (const node of root.childNodes) dom.appendChild(node.cloneNode(true));
  return { dom, scrollLeft: root.querySelector('ol.stages')!.scrollLeft };
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Runs `work` at the start of a frame, in a root laid out and painted before: the time to the end of that frame's
 * rendering, and `work`'s own.
 */
async function timeInFrame(root: HTMLElement, work: () => void): Promise<[number, number]> {
  void root.getBoundingClientRect();
  await nextFrame();
  return new Promise<[number, number]>((resolve) =>
    requestAnimationFrame(() => {
      const t0 = performance.now();
      work();
      const t1 = performance.now();
      // a message posted here runs once this frame's style, layout, paint and commit are done
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve([performance.now() - t0, t1 - t0]);
      };
      channel.port2.postMessage(0);
    }),
  );
}

/** One fresh render inside a frame: update() to the end of that frame's rendering work. */
function renderInFrame(state: PanelState): Promise<[number, number]> {
  const { root, view } = fresh(state.now);
  const copy = structuredClone(state);
  return timeInFrame(root, () => view.update(copy));
}

/** The first frame's DOM attached in a frame with no page code: one native copy, then the stage list's scroll. */
async function copyInFrame(copy: FirstFrameCopy): Promise<number> {
  const root = freshRoot();
  const [ms] = await timeInFrame(root, () => {
    root.appendChild(copy.dom.cloneNode(true));
    root.querySelector('ol.stages')!.scrollLeft = copy.scrollLeft;
  });
  return ms;
}

async function run(state: PanelState, next: PanelState, stage: string, action: string, warmup: number, samples: number): Promise<BrowserPanelResult> {
  // In frames first, in this fresh page: the very first render is the one a panel gets when it opens (cold).
  const frameMs: number[] = [];
  const frameUpdateMs: number[] = [];
  const frameSmallMs: number[] = [];
  const small: PanelState = { ...state, stages: state.stages.slice(0, 1).map((s) => ({ ...s, actions: s.actions.slice(0, 1) })) };
  const copyFrameMs: number[] = [];
  let coldFrameMs = NaN;
  let copy: FirstFrameCopy | undefined;
  for (let i = 0; i < warmup + samples; i++) {
    const [ms, upd] = await renderInFrame(state);
    if (i === 0) {
      coldFrameMs = ms;
      copy = firstFrameCopy(state);
    }
    if (i >= warmup) {
      frameMs.push(ms);
      frameUpdateMs.push(upd);
    }
    const [smallMs] = await renderInFrame(small);
    if (i >= warmup) frameSmallMs.push(smallMs);
    const copyMs = await copyInFrame(copy!);
    if (i >= warmup) copyFrameMs.push(copyMs);
  }
  // Then update() with forced layouts, outside frames (these samples follow the frames' and are warmer).
  const renderMs: number[] = [];
  const renderLayoutMs: number[] = [];
  const pageLayoutMs: number[] = [];
  let visibleStages = 0;
  let firstBuilt = 0;
  for (let i = 0; i < warmup + samples; i++) {
    const { root, view } = fresh(state.now);
    void root.getBoundingClientRect();
    const copy = structuredClone(state);
    const t0 = performance.now();
    view.update(copy);
    const t1 = performance.now();
    firstBuilt = root.querySelectorAll('li.action').length;
    void root.getBoundingClientRect(); // style + layout of the page
    const t2 = performance.now();
    visibleStages = 0;
    // in view: inside the window and inside the stage list, which scrolls sideways and clips what overflows
    const list = root.querySelector('ol.stages')!.getBoundingClientRect();
    const left = Math.max(0, list.left);
    const right = Math.min(innerWidth, list.right);
    for (const stage of root.querySelectorAll<HTMLElement>('li.stage')) {
      const r = stage.getBoundingClientRect();
      if (r.right <= left || r.bottom <= 0 || r.left >= right || r.top >= innerHeight) continue;
      visibleStages++;
      void stage.querySelector('li.action:last-child')?.getBoundingClientRect(); // lays out the card's contents
    }
    const t3 = performance.now();
    if (i >= warmup) {
      renderMs.push(t1 - t0);
      pageLayoutMs.push(t2 - t0);
      renderLayoutMs.push(t3 - t0);
    }
  }
  // the stages out of view: built after the first frame, in idle time
  const completeMs: number[] = [];
  const completeLongestFrameMs: number[] = [];
  for (let i = 0; i < samples; i++) {
    const { view } = fresh(state.now);
    const copy = structuredClone(state);
    const t0 = performance.now();
    view.update(copy);
    let last = performance.now();
    let longest = 0;
    while (!view.complete) {
      await nextFrame();
      const t = performance.now();
      longest = Math.max(longest, t - last);
      last = t;
      if (t - t0 > 10_000) throw new Error('the page did not build every stage within 10 s');
    }
    completeMs.push(performance.now() - t0);
    completeLongestFrameMs.push(longest);
  }
  const { root, view } = fresh(state.now);
  view.update(structuredClone(state));
  while (!view.complete) await nextFrame();
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
    pageLayoutMs,
    visibleStages,
    frameMs,
    frameUpdateMs,
    frameSmallMs,
    copyFrameMs,
    copyElements: copy!.dom.querySelectorAll('*').length,
    coldFrameMs,
    firstBuilt,
    completeMs,
    completeLongestFrameMs,
    patchMs,
    patchMutations: records.length,
    outside: records.filter((m) => !el || !el.contains(m.target)).length,
    actions: root.querySelectorAll('li.action').length,
  };
}

(globalThis as unknown as { __panelBench: typeof run }).__panelBench = run;
