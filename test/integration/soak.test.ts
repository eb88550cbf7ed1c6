// Soak: eight hours of simulated time with the demo seed running, the five views visible and a pipeline panel open
// (the status bar item is the extension's own and stays created throughout). What "simulated" means here: the Sandbox
// runs on its manual clock, moved 2 minutes per step (240 steps = 8 h of Sandbox time: builds run their phases,
// pipelines move, deployments walk their instances); the extension's scheduler keeps its real timers, run with a
// 50 ms active / 100 ms idle interval so that it polls at every step (about 25 ms of wall time per step). Every
// simulated hour the test starts a build and a pipeline execution, so fast and slow polling alternate.
// Counted: live timers (setTimeout/setInterval wrapped in the host for the duration of the test), the scheduler's
// armed timer and pollable watches, the views' watches, and the registrations of the extension's Disposables; after
// closing everything each returns to its baseline. Heap growth is reported (bounded at 64 MB).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SessionRegistry } from '../../src/aws/session';
import { CommandIds, EXTENSION_ID, type ViewKey } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { Connection } from '../../src/model/connection';
import type { PipelinePanel } from '../../src/pipelinePanel/pipelinePanel';
import type { Sandbox } from '../../src/sandbox/sandbox';
import { startSandbox } from '../helpers/sandbox';

const VIEWS: ViewKey[] = ['repositories', 'builds', 'deployments', 'pipelines', 'approvals'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ours = () => /[\\/]dist[\\/][\w-]+\.js/.test(new Error().stack ?? '');

/** A real gc() for the heap figures (the extension host does not expose one by default). */
function exposeGc(): (() => void) | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('v8') as typeof import('v8')).setFlagsFromString('--expose-gc');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('vm') as typeof import('vm')).runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

/** Wraps the host's timer functions: which timers created since install() are still pending. */
class TimerTracker {
  /** Pending timers, with whether the extension (its bundles: dist/*.js, lazily loaded chunks included) created them. */
  readonly live = new Map<unknown, boolean>();
  created = 0;
  private readonly saved = { setTimeout, clearTimeout, setInterval, clearInterval };
  install(): void {
    const live = this.live;
    const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci } = this.saved;
    const g = globalThis as Record<string, unknown>;
    g.setTimeout = (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      this.created++;
      const h: unknown = st(
        (...a: unknown[]) => {
          live.delete(h);
          fn(...a);
        },
        ms,
        ...args,
      );
      live.set(h, ours());
      return h;
    };
    g.clearTimeout = (h: NodeJS.Timeout | undefined) => {
      live.delete(h);
      ct(h);
    };
    g.setInterval = (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      this.created++;
      const h = si(fn, ms, ...args);
      live.set(h, ours());
      return h;
    };
    g.clearInterval = (h: NodeJS.Timeout | undefined) => {
      live.delete(h);
      ci(h);
    };
  }
  /** Pending timers the extension created. */
  get extensionLive(): number {
    return [...this.live.values()].filter(Boolean).length;
  }
  uninstall(): void {
    Object.assign(globalThis, this.saved);
  }
}

describe('Soak: 8 simulated hours with the views and a pipeline panel open', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let sb: Sandbox;
  let c: Connection | undefined;
  const timers = new TimerTracker();

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate();
    sb = await startSandbox({ seed: 'demo' });
    for (const old of [...api.explorer.connections.list()]) await api.explorer.connections.remove(old);
    for (const k of VIEWS) api.explorer.scheduler.setVisible(k, false);
  });
  after(async () => {
    timers.uninstall();
    api.explorer.scheduler.updateSettings({ activeIntervalMs: 5000, idleIntervalMs: 60_000 });
    for (const k of VIEWS) api.explorer.scheduler.setVisible(k, api.explorer.views.treeViews.get(k)?.visible ?? false);
    if (c && api.explorer.connections.list().length) await api.explorer.connections.remove(c);
    await sb?.stop();
  });

  it('timers, watches and registrations return to their baseline; heap growth is bounded', async () => {
    const ex = api.explorer;
    const gc = exposeGc();
    gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const baseline = { registrations: ex.liveRegistrations(), watches: VIEWS.map((k) => ex.views.provider(k).watchCount), hasTimer: ex.scheduler.hasTimer };
    timers.install();

    c = await ex.addSandboxConnection(sb.endpoint, sb.region);
    ex.scheduler.updateSettings({ activeIntervalMs: 50, idleIntervalMs: 100 });
    for (const k of VIEWS) ex.scheduler.setVisible(k, true);
    ex.views.refreshAll();
    for (const k of VIEWS) await ex.views.provider(k).getChildren();
    const panel = await vscode.commands.executeCommand<PipelinePanel>(CommandIds.openPipelinePanel, c, 'web-app-release');
    const s = new SessionRegistry();
    const calls0 = ex.schedulerStats().calls;
    let peakWatches = 0;
    let peakTimers = 0;
    const STEP = 2 * 60_000;
    const STEPS = (8 * 60 * 60_000) / STEP;
    try {
      const projects = await s.get(c).codebuild.listProjects();
      const pipelines = await s.get(c).codepipeline.listPipelines();
      for (let i = 0; i < STEPS; i++) {
        if (i % 30 === 0) {
          await s.get(c).codebuild.startBuild({ projectName: projects[(i / 30) % projects.length].name });
          await s.get(c).codepipeline.startExecution(pipelines[(i / 30) % pipelines.length].name).catch(() => undefined); // a V2 pipeline with required variables may refuse
          ex.views.refreshAll();
          for (const k of VIEWS) await ex.views.provider(k).getChildren();
        }
        sb.advance(STEP);
        await sleep(25);
        peakWatches = Math.max(peakWatches, VIEWS.reduce((n, k) => n + ex.views.provider(k).watchCount, 0));
        peakTimers = Math.max(peakTimers, timers.extensionLive);
      }
    } finally {
      s.dispose();
    }
    const polls = ex.schedulerStats().calls - calls0;
    gc?.();
    const heapAfterSoak = process.memoryUsage().heapUsed;

    // close everything: the panel, the views, the connection
    panel.panel.dispose();
    for (const k of VIEWS) ex.scheduler.setVisible(k, false);
    await ex.connections.remove(c);
    c = undefined;
    await sleep(300);
    timers.uninstall();
    gc?.();
    const heap1 = process.memoryUsage().heapUsed;
    const after = { registrations: ex.liveRegistrations(), watches: VIEWS.map((k) => ex.views.provider(k).watchCount), hasTimer: ex.scheduler.hasTimer };
    console.log(
      `      soak: ${STEPS} steps x ${STEP / 60_000} min = 8 h Sandbox time; ${polls} scheduler calls; peak ${peakWatches} view watches, ${peakTimers} live timers ` +
        `(${timers.created} created); after closing: ${timers.extensionLive} of the extension's timers pending (${timers.live.size} in the host); registrations ${baseline.registrations} -> ${after.registrations}; ` +
        `heap ${(heap0 / 2 ** 20).toFixed(1)} MB -> ${(heapAfterSoak / 2 ** 20).toFixed(1)} MB (soak) -> ${(heap1 / 2 ** 20).toFixed(1)} MB (closed)${gc ? ', after gc' : ' (no gc: heap figures include garbage)'}`,
    );
    assert.ok(polls > STEPS / 2, `the scheduler kept polling (${polls} calls)`);
    assert.deepStrictEqual(after, baseline, 'watches, the scheduler timer and registrations back to baseline');
    // timers the extension created during the soak and still pending: none (the host's own may remain)
    assert.strictEqual(timers.extensionLive, 0, 'the extension has no timer left');
    assert.ok(heap1 - heap0 < 64 * 2 ** 20, `heap growth bounded: ${((heap1 - heap0) / 2 ** 20).toFixed(1)} MB`);
  });
});
