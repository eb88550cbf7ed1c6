// The first render of a long pipeline builds the action cards of the stages in view first and the others right
// after. happy-dom has no layout engine: these tests give it one, a stand-in for the page's two layouts (stages side
// by side in a 1024×768 window, the list scrolled by scrollIntoView; or, narrow, stages top to bottom, the window
// scrolled), by replacing getBoundingClientRect and scrollIntoView on its element prototype. Layout itself cannot be
// real here; tests/e2e/pageInChromium.test.ts runs the same page in Chromium.
import * as assert from 'assert';
import { opKey } from '../../../src/webview/protocol';
import { bigState, clone, TOKEN } from './builders';
import { actionEl, makePage, observe, q, stageEl, type Page } from './dom';

const STAGE_WIDTH = 300;
const INSET = 16;
const TOP = 190;
/** A placeholder's height (the CSS's --stage-height), and a shown stage's: its head, then its cards. */
const PENDING_HEIGHT = 480;
const stageHeight = (e: Element) => (e.classList.contains('pending') ? PENDING_HEIGHT : 56 + 54 * e.querySelectorAll('li.action').length);

interface Layout {
  scrolledTo: string[];
  /** The layouts a browser would have done: a geometry read or scroll after the DOM changed. */
  layouts(): number;
  restore(): void;
}

/**
 * A layout for the page. `row`: a stage list 16 px in from each side of the window, which scrolls sideways by
 * `scrollLeft`; stage i spans [i × 300, (i + 1) × 300) of it. `column`: stages 300 px wide one below the other from
 * 190 px down, each as tall as stageHeight says, the window scrolled by `scrollTop`. The page's style sheet says which
 * (the page reads the list's flex-direction). happy-dom shares its element classes between windows: `restore()` puts
 * the prototype back.
 */
function withLayout(page: Page, direction: 'row' | 'column' = 'row'): Layout {
  const w = page.window as unknown as { HTMLElement: typeof HTMLElement; MutationObserver: typeof MutationObserver; innerWidth: number; innerHeight: number };
  let scrollLeft = 0;
  let scrollTop = 0;
  const scrolledTo: string[] = [];
  const rect = (left: number, top: number, width: number, height: number) =>
    ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top, toJSON: () => ({}) }) as DOMRect;
  // the font size VS Code gives a webview by default (the first render estimates card heights in lines of it)
  page.document.body.style.fontSize = '13px';
  const style = page.document.createElement('style');
  style.textContent = `ol.stages { flex-direction: ${direction} }`;
  page.document.head.appendChild(style);
  // a read of the geometry after the DOM changed is a layout
  let layouts = 0;
  const changes = new w.MutationObserver(() => undefined);
  changes.observe(page.document, { subtree: true, childList: true, attributes: true, characterData: true });
  const layout = () => {
    if (changes.takeRecords().length > 0 || layouts === 0) layouts++;
  };
  const proto = w.HTMLElement.prototype;
  const saved = { rect: Object.getOwnPropertyDescriptor(proto, 'getBoundingClientRect'), scroll: Object.getOwnPropertyDescriptor(proto, 'scrollIntoView') };
  const index = (e: Element) => Number(/^Stage-(\d+)$/.exec(e.getAttribute('data-stage') ?? '')?.[1] ?? -1);
  const listWidth = () => w.innerWidth - 2 * INSET;
  const stages = () => Array.from(page.document.querySelectorAll('li.stage'));
  const columnTop = (i: number) => TOP - scrollTop + stages().slice(0, i).reduce((sum, e) => sum + stageHeight(e), 0);
  w.HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
    layout();
    if (this.matches('li.stage')) {
      return direction === 'row'
        ? rect(INSET + index(this) * STAGE_WIDTH - scrollLeft, TOP, STAGE_WIDTH, PENDING_HEIGHT)
        : rect(INSET, columnTop(index(this)), STAGE_WIDTH, stageHeight(this));
    }
    if (this.matches('ol.stages')) return direction === 'row' ? rect(INSET, TOP, listWidth(), 900) : rect(INSET, TOP - scrollTop, listWidth(), columnTop(stages().length) - TOP + scrollTop);
    return rect(0, 0, w.innerWidth, 900);
  };
  w.HTMLElement.prototype.scrollIntoView = function (this: HTMLElement) {
    layout();
    if (!this.matches('li.stage')) return;
    scrolledTo.push(this.getAttribute('data-stage') ?? '');
    const i = index(this);
    if (direction === 'row') {
      // "nearest": a stage right of the list's visible part ends at its right edge
      if ((i + 1) * STAGE_WIDTH - scrollLeft > listWidth()) scrollLeft = (i + 1) * STAGE_WIDTH - listWidth();
      if (i * STAGE_WIDTH < scrollLeft) scrollLeft = i * STAGE_WIDTH;
    } else {
      // "nearest": a stage below the window ends at its bottom
      const top = columnTop(i);
      const bottom = top + stageHeight(this);
      if (bottom > w.innerHeight) scrollTop += bottom - w.innerHeight;
      else if (top < 0) scrollTop += top;
    }
  };
  return {
    scrolledTo,
    layouts: () => layouts,
    restore: () => {
      changes.disconnect();
      for (const [name, d] of [['getBoundingClientRect', saved.rect], ['scrollIntoView', saved.scroll]] as const) {
        if (d) Object.defineProperty(proto, name, d);
        else delete (proto as unknown as Record<string, unknown>)[name];
      }
    },
  };
}

function builtCounts(page: Page): number[] {
  return Array.from(page.root.querySelectorAll('li.stage')).map((s) => s.querySelectorAll('li.action').length);
}

async function until(what: string, done: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('pipeline page: first render of a long pipeline', () => {
  let page: Page;
  let layout: ReturnType<typeof withLayout> | undefined;
  beforeEach(() => (page = makePage()));
  afterEach(async () => {
    layout?.restore();
    layout = undefined;
    await page.close();
  });

  it('builds the stages in view first (after scrolling to the one that needs attention), then every other stage', async () => {
    layout = withLayout(page);
    const s = bigState(20, 10);
    s.stages[12].status = 'running';
    page.view.update(s);
    // scrolled once, and every stage measured before any was shown: the page was laid out twice (before it was
    // attached, to tell whether it has a size, and for the scroll); a shown stage is as wide as its placeholder
    assert.deepStrictEqual(layout.scrolledTo, ['Stage-12']);
    assert.strictEqual(layout.layouts(), 2);
    // scrolled so that stage 12 ends at the list's right edge (1008 px): stages 9 (partly) to 12 are in view; stage 13
    // starts at 1008 px, inside the window but outside the list's visible part
    const first = builtCounts(page);
    assert.deepStrictEqual(
      first.map((n, i) => (n ? i : -1)).filter((i) => i >= 0),
      [9, 10, 11, 12],
    );
    assert.ok(!page.view.complete);
    // those in view are marked as shown in the first frame (media/pipeline.css renders them whole)
    assert.deepStrictEqual(
      Array.from(page.root.querySelectorAll('li.stage.first')).map((e) => e.getAttribute('data-stage')),
      ['Stage-9', 'Stage-10', 'Stage-11', 'Stage-12'],
    );
    // every stage has its place in the list; the others are empty placeholders, busy, named for assistive technology
    assert.deepStrictEqual(
      Array.from(page.root.querySelectorAll('li.stage')).map((e) => e.getAttribute('data-stage')),
      Array.from({ length: 20 }, (_, i) => `Stage-${i}`),
    );
    const pending = stageEl(page.root, 'Stage-19');
    assert.strictEqual(pending.className, 'stage pending');
    assert.strictEqual(pending.childElementCount, 0);
    assert.strictEqual(pending.getAttribute('aria-busy'), 'true');
    assert.strictEqual(pending.getAttribute('aria-label'), 'Stage-19');
    assert.strictEqual(page.root.querySelectorAll('li.stage h2').length, 4);
    await until('every stage built', () => page.view.complete);
    assert.deepStrictEqual(builtCounts(page), new Array(20).fill(10));
    // then each is a whole stage: head, transition, card
    assert.strictEqual(page.root.querySelectorAll('li.stage.pending, li.stage[aria-busy]').length, 0);
    assert.strictEqual(pending.className, 'stage status-succeeded');
    assert.strictEqual(q(pending, 'h2').textContent, 'Stage-19');
    assert.strictEqual(pending.getAttribute('aria-labelledby'), q(pending, 'h2').id);
    assert.ok(q(pending, '.transition .transition-state').textContent);
    // in the order of the view model, with their contents
    assert.strictEqual(q(actionEl(page.root, 'Stage-0', 'Action-0-3'), '.action-name').textContent, 'Action-0-3');
    assert.deepStrictEqual(
      Array.from(stageEl(page.root, 'Stage-19').querySelectorAll('li.action')).map((a) => a.getAttribute('data-action')),
      Array.from({ length: 10 }, (_, j) => `Action-19-${j}`),
    );
  });

  it('in the narrow layout, looks again after showing the stages in view: a stage shorter than its placeholder brings the next one into view', async () => {
    layout = withLayout(page, 'column');
    const s = bigState(20, 3);
    s.stages[12].status = 'running';
    page.view.update(s);
    // scrolled so that stage 12's placeholder ends at the window's bottom: stages 11 and 12 are in view; shown, each
    // is 218 px tall instead of 480, and stage 13 comes into view, then 14, then 15 (at 680 px; 16 starts at 898)
    const first = builtCounts(page);
    assert.deepStrictEqual(
      first.map((n, i) => (n ? i : -1)).filter((i) => i >= 0),
      [11, 12, 13, 14, 15],
    );
    await until('every stage built', () => page.view.complete);
    assert.deepStrictEqual(builtCounts(page), new Array(20).fill(3));
  });

  it('builds the cards of a stage in view down to the bottom of the window first, and the rest of them right after', async () => {
    layout = withLayout(page);
    const s = bigState(6, 10);
    for (const st of s.stages) {
      st.actions = st.actions.map((a) => ({ ...a, category: 'Approval', provider: 'Manual', status: 'waiting', error: undefined, approval: { token: TOKEN, customData: 'Check the staging site' } }));
    }
    page.view.update(s);
    // stages 0 to 3 are in the 1024 px window; from a top of 200 px in a 768 px window, three approval cards (each
    // with its comment box) reach the bottom
    assert.deepStrictEqual(builtCounts(page), [3, 3, 3, 3, 0, 0]);
    assert.deepStrictEqual(
      Array.from(stageEl(page.root, 'Stage-0').querySelectorAll('li.action')).map((a) => a.getAttribute('data-action')),
      ['Action-0-0', 'Action-0-1', 'Action-0-2'],
    );
    await until('every stage built', () => page.view.complete);
    assert.deepStrictEqual(builtCounts(page), new Array(6).fill(10));
  });

  it('a stage built later shows the latest state and busy flags, not those of the first render', async () => {
    layout = withLayout(page);
    const s = bigState(20, 3);
    s.stages[19].actions[1] = { ...s.stages[19].actions[1], category: 'Approval', provider: 'Manual', status: 'waiting', approval: { token: TOKEN } };
    page.view.update(s);
    assert.strictEqual(builtCounts(page)[19], 0);
    const next = clone(s);
    next.stages[19].actions[0] = { ...next.stages[19].actions[0], status: 'failed', summary: 'now failed' };
    next.stages[19].status = 'failed';
    next.stages[19].transition = { enabled: false, reason: 'Hold' };
    page.view.update(next);
    page.view.setBusy('approval', opKey('approval', 'Stage-19', 'Action-19-1'), true);
    await until('every stage built', () => page.view.complete);
    const stage19 = stageEl(page.root, 'Stage-19');
    assert.ok(stage19.classList.contains('status-failed'));
    assert.strictEqual(q(stage19, '.stage-head .status-text').textContent, 'Failed');
    assert.strictEqual(q(stage19, '.transition-state').textContent, 'Transition disabled');
    const failed = actionEl(page.root, 'Stage-19', 'Action-19-0');
    assert.ok(failed.classList.contains('status-failed'));
    assert.strictEqual(q(failed, '.summary').textContent, 'now failed');
    const approval = actionEl(page.root, 'Stage-19', 'Action-19-1');
    assert.ok(q<HTMLButtonElement>(approval, 'button.primary').disabled, 'the approval is busy: its buttons are disabled');
    page.view.setBusy('approval', opKey('approval', 'Stage-19', 'Action-19-1'), false);
    assert.ok(!q<HTMLButtonElement>(approval, 'button.primary').disabled);
  });

  it('a page whose stage list left the document stops building', async () => {
    layout = withLayout(page);
    page.view.update(bigState(20, 2));
    const built = builtCounts(page).reduce((a, b) => a + b, 0);
    assert.ok(built > 0 && built < 40);
    page.root.remove();
    await new Promise((r) => setTimeout(r, 100));
    assert.strictEqual(
      builtCounts(page).reduce((a, b) => a + b, 0),
      built,
    );
  });

  it('without layout (no size to measure), builds every stage before attaching the page: one mutation', () => {
    const o = observe(page);
    page.view.update(bigState(20, 10));
    assert.ok(page.view.complete);
    assert.deepStrictEqual(builtCounts(page), new Array(20).fill(10));
    const added = o.take().flatMap((m) => Array.from(m.addedNodes)).map((n) => (n as Element).tagName);
    assert.deepStrictEqual(added, ['HEADER', 'OL']);
    o.disconnect();
  });
});
