// The pipeline page alone in headless Debian Chromium (the engine of VS Code's webviews): the packaged page bundle
// (dist/webview/pipelinePage.js, from `npm run package`) with the panel's CSS and the codicon font, at 1280×800.
// Outside VS Code there is no webview host: `acquireVsCodeApi` is a stand-in that records what the page posts, and
// the host's messages are dispatched to the page's window as VS Code delivers them (message events).
//
// A 20-stage × 10-action pipeline, running at stage 12: the first render scrolls to that stage and builds the action
// cards of the stages then in view only, down to the bottom of the window; every other card follows in idle time.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { addPanelStyles } from '../../scripts/host/panelPageStyles';
import { makeScratch, startChromium, type ChromiumHandle } from '../../scripts/host/workbenchHost';
import type { PersistedState } from '../../src/webview/protocol';
import { bigState } from '../unit/webview/builders';

const ROOT = path.resolve(__dirname, '../..');
const VIEWPORT = { width: 1280, height: 800 };

interface FirstRender {
  posted: string[];
  built: number[];
  scrollLeft: number;
  running: { left: number; right: number };
  /** The bottom of each stage's last action card (0: none). */
  lastBottom: number[];
  /** Each stage card's computed content-visibility ('' : not attached yet). */
  cardVisibility: string[];
  innerWidth: number;
  innerHeight: number;
}

describe('pipeline page in Chromium: first render of a long pipeline', function () {
  this.timeout(120_000);
  let scratch: ReturnType<typeof makeScratch>;
  let browser: ChromiumHandle;
  let page: Page;

  before(async () => {
    const bundle = path.join(ROOT, 'dist/webview/pipelinePage.js');
    assert.ok(fs.existsSync(bundle), 'dist/webview/pipelinePage.js is missing: run `npm run package` first');
    scratch = makeScratch('aws-devtools-page-');
    browser = await startChromium({ scratch, viewport: VIEWPORT });
    page = await browser.newPage();
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><main id="app"></main></body></html>');
    await addPanelStyles(page, path.join(ROOT, 'dist/webview'));
    await page.addScriptTag({
      content: 'window.__posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), setState: () => {}, getState: () => undefined });',
    });
    await page.addScriptTag({ content: fs.readFileSync(bundle, 'utf8') });
  });

  after(async () => {
    await browser?.stop();
    scratch?.remove();
  });

  it('scrolls to the running stage and builds the stages in view, then all the others', async () => {
    const state = bigState(20, 10);
    state.stages.forEach((s, i) => (s.status = i < 12 ? 'succeeded' : i === 12 ? 'running' : 'unknown'));
    const persist: PersistedState = { v: 1, pipelineName: state.pipelineName, connection: { profile: 'sandbox', region: 'us-east-1' } };
    // dispatched and read in one task: what the first render built, before any idle time
    const first = await page.evaluate(`(() => {
      window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify({ type: 'state', state, persist })} }));
      const stages = [...document.querySelectorAll('li.stage')];
      const running = stages[12].getBoundingClientRect();
      return {
        posted: window.__posted.map((m) => m.type),
        built: stages.map((s) => s.querySelectorAll('li.action').length),
        scrollLeft: document.querySelector('ol.stages').scrollLeft,
        running: { left: running.left, right: running.right },
        lastBottom: stages.map((s) => s.querySelector('li.action:last-child')?.getBoundingClientRect().bottom ?? 0),
        cardVisibility: stages.map((s) => { const c = s.querySelector('.stage-card'); return c ? getComputedStyle(c).contentVisibility : ''; }),
        innerWidth: window.innerWidth,
        innerHeight: window.innerHeight,
      };
    })()`);
    const r = first as FirstRender;
    assert.deepStrictEqual(r.posted, ['ready']);
    assert.ok(r.scrollLeft > 0, 'the stage list scrolled sideways');
    assert.ok(r.running.left >= 0 && r.running.right <= r.innerWidth, `stage 12 is in view (${r.running.left}–${r.running.right})`);
    const builtStages = r.built.map((n, i) => (n ? i : -1)).filter((i) => i >= 0);
    assert.ok(builtStages.includes(12), `stage 12 is built (built: ${builtStages.join(', ')})`);
    assert.ok(builtStages.length >= 4 && builtStages.length <= 6, `the 4 to 6 stages in view are built, no more (built: ${builtStages.join(', ')})`);
    // the cards of each stage in view reach below the window's bottom (the rest of them come right after)
    for (const i of builtStages) {
      assert.ok(r.built[i] === 10 || r.lastBottom[i] >= r.innerHeight, `stage ${i}: ${r.built[i]} cards, the last ending at ${r.lastBottom[i]} px of ${r.innerHeight}`);
    }
    // a stage shown in the first frame is rendered whole (content-visibility: auto would cost that frame a second
    // layout); those built later skip rendering while out of view
    for (const i of builtStages) assert.strictEqual(r.cardVisibility[i], 'visible', `stage ${i}'s card`);
    assert.ok(
      r.built.reduce((a, b) => a + b, 0) < 60,
      `fewer cards than the stages in view have (built: ${r.built.join(', ')})`,
    );
    // the others follow without any further message
    await page.waitForFunction(() => document.querySelectorAll('li.action').length === 200, undefined, { timeout: 10_000 });
    const names = await page.evaluate(() => [...document.querySelectorAll('li.stage')].map((s) => s.querySelector('li.action:last-child .action-name')?.textContent));
    const later = await page.evaluate(() => getComputedStyle(document.querySelectorAll('li.stage')[19].querySelector('.stage-card')!).contentVisibility);
    assert.strictEqual(later, 'auto', 'stage 19, built after the first frame');
    assert.deepStrictEqual(
      names,
      Array.from({ length: 20 }, (_, i) => `Action-${i}-9`),
    );
  });
});
