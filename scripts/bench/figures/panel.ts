// Figure 6, the pipeline panel page: the page's own PipelineView (src/webview/render.ts) renders a pipeline of 20
// stages × 10 actions; then one action's status changes and the MutationObserver records of the patch are counted
// and checked to stay inside that action's element. The baseline is a full re-render of the same state into a fresh
// page (what rebuilding the DOM on every update would cost). Measured twice: in happy-dom (the unit tier's DOM) and
// in headless Chromium (the engine of VS Code's webviews, with the panel's CSS), where the render is timed inside a
// frame to the end of that frame's rendering, which is what the 16 ms frame budget is about; happy-dom's per-element
// cost is reported alongside for scale.
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import { Window } from 'happy-dom';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { addPanelStyles } from '../../host/panelPageStyles';
import { makeScratch, startChromium } from '../../host/workbenchHost';
import type { BrowserPanelResult } from '../browser/panelBench';
import { ROOT } from '../lib/build';
import type { ActionVM, PanelState, StageVM, Status } from '../../../src/webview/protocol';
import { DEFAULT_LIMITS } from '../../../src/webview/protocol';
import { PipelineView } from '../../../src/webview/render';
import { median, record, round, type BenchRecord } from '../lib/record';
import type { Figure, FigureContext, FigureOutput } from './types';

const STAGES = 20;
const ACTIONS = 10;
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const EXEC = '0f9a2c3e-1111-4222-8333-444455556666';
// happy-dom is slow (hundreds of µs per element): few samples there; many in Chromium.
const HAPPY_WARMUP = 1;
const HAPPY_SAMPLES = 5;
const WARMUP = 5;
const SAMPLES = 21;
/** The page's window: about an editor area's size on a 1440-wide screen (five of the 20 stages show). */
const VIEWPORT_SIZE = { width: 1280, height: 800 };
const VIEWPORT = `${VIEWPORT_SIZE.width}×${VIEWPORT_SIZE.height}`;

const CATEGORIES = ['Source', 'Build', 'Test', 'Deploy', 'Invoke', 'Approval'] as const;
const STATUSES: Status[] = ['succeeded', 'succeeded', 'succeeded', 'failed', 'running', 'waiting', 'unknown'];

function action(i: number, j: number): ActionVM {
  const category = CATEGORIES[(i + j) % CATEGORIES.length];
  const status = category === 'Approval' ? 'waiting' : STATUSES[(i * ACTIONS + j) % STATUSES.length];
  const a: ActionVM = {
    name: `Action-${i}-${j}`,
    category,
    provider: category === 'Approval' ? 'Manual' : category === 'Build' || category === 'Test' ? 'CodeBuild' : category === 'Deploy' ? 'CodeDeploy' : 'CodeCommit',
    status,
    rawStatus: status === 'running' ? 'InProgress' : status === 'failed' ? 'Failed' : 'Succeeded',
    lastChange: NOW - ((i * ACTIONS + j) % 50) * 60_000,
    summary: status === 'unknown' ? undefined : `step ${i}.${j} ${status}`,
    runOrder: 1 + (j % 3),
  };
  if (category === 'Build' || category === 'Test') a.link = { kind: 'build', label: `project-${i}:${j}`, url: `https://console.aws.amazon.com/codesuite/codebuild/projects/p${i}/build/${j}` };
  if (status === 'failed') a.error = { code: 'JobFailed', message: `exit status 1 in Action-${i}-${j}` };
  if (category === 'Approval') a.approval = { token: `aaaaaaaa-bbbb-4ccc-8ddd-${String(i * 100 + j).padStart(12, '0')}`, customData: 'Check the staging site', externalUrl: 'https://staging.example.com' };
  return a;
}

export function bigState(): PanelState {
  const stages: StageVM[] = Array.from({ length: STAGES }, (_, i) => ({
    name: `Stage-${i}`,
    status: i < 12 ? 'succeeded' : i === 12 ? 'running' : 'unknown',
    executionId: i <= 12 ? EXEC : undefined,
    transition: i === 0 ? undefined : { enabled: i % 7 !== 0, ...(i % 7 === 0 ? { reason: 'Freeze', by: 'user/bob', at: NOW - 3600_000 } : {}) },
    inbound: [],
    retryable: i === 3,
    actions: Array.from({ length: ACTIONS }, (_, j) => action(i, j)),
  }));
  return {
    pipelineName: 'big-pipeline',
    connectionLabel: 'Sandbox account (us-east-1)',
    live: true,
    execution: {
      id: EXEC,
      status: 'running',
      rawStatus: 'InProgress',
      trigger: 'StartPipelineExecution (user/alice)',
      startTime: NOW - 40 * 60_000,
      revisions: [{ actionName: 'Action-0-0', revisionId: '3f2a9b7c1d4e5f60718293a4b5c6d7e8f9012345', summary: 'Fix login redirect', url: 'https://example.com/c/3f2a9b7' }],
      variables: [{ name: 'ENV', value: 'prod' }],
      stoppable: true,
    },
    executions: [{ id: EXEC, status: 'running', startTime: NOW - 40 * 60_000, label: 'Fix login redirect' }],
    stages,
    now: NOW,
    limits: DEFAULT_LIMITS,
  };
}

function page() {
  const window = new Window({ url: 'https://webview.test/' });
  const document = window.document as unknown as Document;
  const root = document.createElement('main');
  document.body.appendChild(root);
  const view = new PipelineView(document, root, { post: () => undefined, clock: () => NOW });
  const MO = (window as unknown as { MutationObserver: typeof MutationObserver }).MutationObserver;
  return { window, document, root, view, MO, close: () => window.happyDOM.close() };
}

function observe(p: ReturnType<typeof page>) {
  const o = new p.MO(() => undefined);
  o.observe(p.root, { subtree: true, childList: true, attributes: true, characterData: true });
  return o;
}

async function run(ctx: FigureContext): Promise<FigureOutput> {
  const records: BenchRecord[] = [];
  const state = bigState();

  // First render of the whole pipeline, each in a fresh page.
  const times: number[] = [];
  let cold = NaN;
  let elements = 0;
  for (let i = 0; i < HAPPY_WARMUP + HAPPY_SAMPLES; i++) {
    const p = page();
    const s = structuredClone(state);
    const t0 = performance.now();
    p.view.update(s);
    const ms = performance.now() - t0;
    if (i === 0) cold = ms;
    if (i >= HAPPY_WARMUP) times.push(ms);
    const actions = p.root.querySelectorAll('li.action').length;
    if (i === 0) elements = p.root.querySelectorAll('*').length;
    if (i === 0 && actions !== STAGES * ACTIONS) throw new Error(`the page shows ${actions} actions, not ${STAGES * ACTIONS}`);
    await p.close();
  }
  const perElement = happyDomElementCost();
  const happyRender = median(times);

  // One action's status changes: count the patch's mutations and where they land.
  const p = page();
  p.view.update(structuredClone(state));
  const next = structuredClone(state);
  const target = next.stages[12].actions[4];
  const before = target.status;
  Object.assign(target, { status: 'succeeded', rawStatus: 'Succeeded', summary: 'step 12.4 succeeded', lastChange: NOW - 10_000 });
  delete target.error;
  const actionEl = [...p.root.querySelectorAll<HTMLElement>('li.stage')]
    .find((e) => e.getAttribute('data-stage') === 'Stage-12')!
    .querySelectorAll<HTMLElement>('li.action');
  const el = [...actionEl].find((e) => e.getAttribute('data-action') === target.name);
  if (!el) throw new Error(`no element for ${target.name}`);
  const o = observe(p);
  const t0 = performance.now();
  p.view.update(next);
  const patchMs = performance.now() - t0;
  const muts = o.takeRecords();
  o.disconnect();
  const outside = muts.filter((m) => !el.contains(m.target));
  await p.close();

  // Baseline: the same state rendered from scratch (every node created again).
  const b = page();
  const ob = observe(b);
  b.view.update(structuredClone(next));
  const full = ob.takeRecords();
  // childList records count subtrees; count the nodes they add too, which is the real work of a rebuild
  let added = 0;
  for (const m of full) for (const n of m.addedNodes) added += 1 + (n as Element).querySelectorAll?.('*').length;
  ob.disconnect();
  await b.close();

  records.push(
    record({
      name: `one action status change (${before} → succeeded): DOM mutation records of the patch`,
      value: muts.length,
      unit: 'mutations',
      baseline: { name: `full re-render of the same state (${added} nodes added)`, value: full.length },
      notes: `patch took ${round(patchMs, 2)} ms; ${[...new Set(muts.map((m) => m.type))].join(', ')}`,
    }),
    record({
      name: 'mutations outside that action’s element',
      value: outside.length,
      unit: 'mutations',
      target: { op: '==', value: 0 },
      notes: outside.length ? `e.g. ${outside.slice(0, 3).map((m) => `${m.type} on <${(m.target as Element).tagName ?? '#text'} class="${(m.target as Element).className ?? ''}">`).join('; ')}` : 'all inside li.action[data-action]',
    }),
  );
  let chromium: BrowserPanelResult | undefined;
  let error: string | undefined;
  try {
    chromium = await inChromium(ctx, state, next, 'Stage-12', target.name);
  } catch (e) {
    error = `Chromium: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (chromium) {
    if (chromium.actions !== STAGES * ACTIONS) throw new Error(`Chromium shows ${chromium.actions} actions, not ${STAGES * ACTIONS}`);
    records.unshift(
      record({
        name: `render a ${STAGES}-stage × ${ACTIONS}-action pipeline in Chromium, in a frame: PipelineView.update and that frame's style, layout, paint and commit`,
        value: round(median(chromium.frameMs), 1),
        unit: 'ms',
        target: { op: '<=', value: 16 },
        baseline: { name: 'a one-stage, one-action pipeline in a frame (what any frame costs here)', value: round(median(chromium.frameSmallMs), 1) },
        notes: `median of ${chromium.frameMs.length} fresh roots in a ${VIEWPORT} viewport after ${WARMUP} warm-ups; update() is started in a requestAnimationFrame callback and timed to a message posted from it, which runs once the frame's rendering is done; update() ${round(median(chromium.frameUpdateMs), 1)} ms of it; it lays out the page with its stages as empty placeholders, scrolls to the stage that needs attention and shows the ${chromium.visibleStages} stages then in view with their action cards down to the window's bottom (${chromium.firstBuilt} of ${STAGES * ACTIONS} cards); the very first render in the page (cold code, as when a panel opens): ${round(chromium.coldFrameMs, 1)} ms`,
      }),
    );
    records.splice(
      1,
      0,
      record({
        name: `the DOM that render shows in its first frame, copied in one native call and attached in a frame with no page code`,
        value: round(median(chromium.copyFrameMs), 1),
        unit: 'ms',
        notes: `median of ${chromium.copyFrameMs.length}, interleaved with the samples above; the ${chromium.copyElements} elements of the page right after a first render (header, placeholders, the stages in view with their cards), then the stage list scrolled as the page scrolls it; what that frame's style, layout, paint and commit cost here whatever code builds the DOM; informational`,
      }),
    );
    records.splice(
      2,
      0,
      record({
        name: `the same render with forced layouts instead of a frame: update(), then a size read inside each stage card in view, one card at a time`,
        value: round(median(chromium.renderLayoutMs), 1),
        unit: 'ms',
        notes: `median of ${chromium.renderLayoutMs.length} fresh roots after the frames above and ${WARMUP} more warm-ups; update() alone ${round(median(chromium.renderMs), 2)} ms, with the page's layout but not the cards' contents ${round(median(chromium.pageLayoutMs), 2)} ms; each card laid out in a pass of its own, which a frame does in one (no paint); informational; patch in Chromium ${round(chromium.patchMs, 2)} ms, ${chromium.patchMutations} mutation records, ${chromium.outside} outside the action`,
      }),
    );
    records.splice(
      3,
      0,
      record({
        name: `the other stages' action cards, built after the first frame: from update() to all ${STAGES * ACTIONS} in the page`,
        value: round(median(chromium.completeMs), 1),
        unit: 'ms',
        notes: `median of ${chromium.completeMs.length} fresh roots; built in idle time, or when a stage scrolls into view; the longest interval between two frames meanwhile: median ${round(median(chromium.completeLongestFrameMs), 1)} ms, worst ${round(Math.max(...chromium.completeLongestFrameMs), 1)} ms; informational`,
      }),
    );
    records.push(record({ name: 'Chromium: mutations outside that action’s element', value: chromium.outside, unit: 'mutations', target: { op: '==', value: 0 } }));
  }
  records.splice(
    chromium ? 1 : 0,
    0,
    record({
      name: `render ${STAGES}×${ACTIONS} in happy-dom (the unit tier's DOM)`,
      value: round(happyRender, 1),
      unit: 'ms',
      target: chromium ? null : { op: '<=', value: 16 },
      notes: `median of ${HAPPY_SAMPLES} fresh pages after ${HAPPY_WARMUP} warm-up, first ${round(cold, 1)} ms; happy-dom costs ${round(perElement * 1000, 1)} µs per bare element here (${round(perElement * elements, 0)} ms for the ${elements} elements of this page), so this measures happy-dom more than the page${chromium ? '; informational' : '; INTERIM: Chromium unavailable'}`,
    }),
  );
  return { records, ...(error ? { error } : {}) };
}

/** happy-dom's own cost (ms) to create, class and append one element with a text, for scale. */
function happyDomElementCost(): number {
  const p = page();
  const host = p.document.createElement('div');
  const t0 = performance.now();
  for (let i = 0; i < 1000; i++) {
    const e = p.document.createElement('span');
    e.setAttribute('class', 'x');
    e.textContent = 'x';
    host.appendChild(e);
  }
  const ms = (performance.now() - t0) / 1000;
  void p.close();
  return ms;
}

async function inChromium(ctx: FigureContext, state: PanelState, next: PanelState, stage: string, action: string): Promise<BrowserPanelResult> {
  const bundle = path.join(ctx.build.dir, 'panelBench.js');
  await esbuild.build({ entryPoints: [path.join(__dirname, '..', 'browser', 'panelBench.ts')], bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, outfile: bundle, logLevel: 'error' });
  const scratch = makeScratch('aws-devtools-bench-chromium-');
  const browser = await startChromium({ scratch, log: (line) => ctx.log(line), viewport: VIEWPORT_SIZE });
  try {
    const p = await browser.newPage();
    await p.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await addPanelStyles(p, path.join(ROOT, 'node_modules/@vscode/codicons/dist'));
    await p.addScriptTag({ content: fs.readFileSync(bundle, 'utf8') });
    return await p.evaluate(
      ([s, n, st, a, w, k]) => (globalThis as unknown as { __panelBench: (...args: unknown[]) => BrowserPanelResult }).__panelBench(s, n, st, a, w, k),
      [state, next, stage, action, WARMUP, SAMPLES] as const,
    );
  } finally {
    await browser.stop();
    scratch.remove();
  }
}

export const panel: Figure = { id: 6, key: 'panel', title: 'Pipeline panel: render 20×10, one-action patch', run };
