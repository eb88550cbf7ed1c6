// Figure 3, steady state: the Builds view's real provider (src/views, vscode stand-in) open on the scale seed with
// its 50 running builds, the real RefreshScheduler on a fake clock (src/refresh/timers.ts), the real service layer
// against the Sandbox in its own process (all but frozen, so the builds keep running). Simulated minutes are
// stepped one second at a time, waiting for every call in flight to answer before the clock moves on. Measured:
// calls per minute focused, hidden (every owner hidden) and unfocused; the baseline polls each running build on its
// own (no batching) on the same scheduler.
import { RefreshScheduler, defaultSchedulerSettings } from '../../../src/refresh/scheduler';
import { FakeTimers } from '../../../src/refresh/timers';
import { explorer, views, type Explorer } from '../lib/explorer';
import { describeCounts, diffCounts, record, round, sumCounts, type BenchRecord } from '../lib/record';
import { startSandboxProcess } from '../lib/sandboxProcess';
import type { Figure, FigureContext, FigureOutput } from './types';

const RUNNING = 50;
/** Simulated minutes per phase (the unfocused interval is 20 s: 6 polls in 2 minutes). */
const MINUTES = 2;
/** The hidden phase and the per-build baseline (600 calls a minute) need less to show their rate. */
const SHORT_MINUTES = 1;
const STEP_MS = 2500; // divides the 5 s active and 20 s unfocused intervals: polls fall due on a step

async function simulate(timers: FakeTimers, ex: Explorer, minutes: number): Promise<{ minutes: number; counts: Record<string, number> }> {
  const before = ex.requestCounts();
  for (let t = 0; t < minutes * 60_000; t += STEP_MS) {
    await timers.advance(STEP_MS);
    await ex.idle();
  }
  return { minutes, counts: diffCounts(ex.requestCounts(), before) };
}

async function run(ctx: FigureContext): Promise<FigureOutput> {
  const records: BenchRecord[] = [];
  // Sandbox time stands still (the CLI's slowest speed, then 0 through the control API): the builds keep running.
  const sb = await startSandboxProcess({ cli: ctx.build.sandboxCli, seed: 'scale', speed: 0.001 });
  await sb.control('speed', { speed: 0 });
  const timers = new FakeTimers();
  const scheduler = new RefreshScheduler(defaultSchedulerSettings, timers);
  const ex = explorer(sb.connection, scheduler);
  const provider = new (views.builds().BuildsProvider)(ex.services);
  try {
    scheduler.setVisible('builds', true);
    await provider.getChildren(); // the first page: projects with their builds; running ones are watched
    const watched = scheduler.pollableCount;
    if (watched !== RUNNING) ctx.log(`the view watches ${watched} builds (expected the ${RUNNING} running builds)`);

    const perMin = (r: { minutes: number; counts: Record<string, number> }) => round(sumCounts(r.counts) / r.minutes, 2);
    const polls0 = scheduler.stats.batchCalls;
    const focused = await simulate(timers, ex, MINUTES);
    const polls = scheduler.stats.batchCalls - polls0;
    const batchGets = focused.counts['codebuild.BatchGetBuilds'] ?? 0;

    scheduler.setVisible('builds', false);
    const hidden = await simulate(timers, ex, SHORT_MINUTES);

    scheduler.setVisible('builds', true);
    scheduler.setFocused(false);
    const unfocused = await simulate(timers, ex, MINUTES);
    scheduler.setFocused(true);
    provider.dispose(); // its watches go

    // Baseline: the same builds, each polled on its own (one BatchGetBuilds of one id per build per interval).
    const ids = await runningIds(ex, sb.connection);
    const naiveWatches = ids.map((id) =>
      scheduler.watch({ id: `naive:${id}`, owner: 'naive', isActive: () => true, whenSettled: 'never', poll: async () => void (await ex.services.backend.getBuilds(sb.connection, [id])) }),
    );
    scheduler.setVisible('naive', true);
    const naive = await simulate(timers, ex, SHORT_MINUTES);
    naiveWatches.forEach((w) => w.dispose());

    const interval = defaultSchedulerSettings.activeIntervalMs / 1000;
    records.push(
      record({
        name: `Builds view open, ${watched} running builds watched: calls per minute (focused, ${interval} s interval)`,
        value: perMin(focused),
        unit: 'calls/min',
        target: { op: '<=', value: 60 / interval },
        baseline: { name: `one call per running build per poll (${ids.length} builds)`, value: perMin(naive) },
        ratio: { value: round(perMin(naive) / Math.max(1e-9, perMin(focused))), meaning: 'baseline / batched' },
        notes: `${MINUTES} simulated minutes on the fake clock: ${describeCounts(focused.counts)}`,
      }),
      record({
        name: 'calls per poll (BatchGetBuilds of every running build)',
        value: polls ? round(sumCounts(focused.counts) / polls, 2) : null,
        unit: 'calls/poll',
        target: { op: '==', value: 1 },
        notes: `${polls} polls, ${batchGets} BatchGetBuilds, ${sumCounts(focused.counts) - batchGets} other calls`,
      }),
      record({
        name: 'every view, panel and indicator hidden: calls per minute',
        value: perMin(hidden),
        unit: 'calls/min',
        target: { op: '==', value: 0 },
        notes: sumCounts(hidden.counts) ? describeCounts(hidden.counts) : `${hidden.minutes} simulated minute(s), no call`,
      }),
      record({
        name: 'window not focused: calls per minute',
        value: perMin(unfocused),
        unit: 'calls/min',
        target: { op: '<=', value: perMin(focused) / 4 },
        baseline: { name: 'focused, same run', value: perMin(focused) },
        notes: `target: at most a quarter of the focused rate; ${describeCounts(unfocused.counts)}`,
      }),
    );
  } finally {
    provider.dispose();
    scheduler.dispose();
    ex.dispose();
    await sb.stop();
  }
  return { records };
}

/** The ids of the running builds, read through the service layer (the same builds the view watched). */
async function runningIds(ex: Explorer, c: Parameters<Explorer['services']['backend']['listProjects']>[0]): Promise<string[]> {
  const out: string[] = [];
  const projects = (await ex.services.backend.listProjects(c)).items;
  for (const p of projects) {
    const page = await ex.services.backend.listBuilds(c, p.name);
    for (const b of page.items) if (!b.complete) out.push(b.id);
  }
  return out;
}

export const steadyState: Figure = { id: 3, key: 'steadyState', title: 'Steady state: calls per minute, batched, hidden, unfocused', run };
