// Figure 2, first paint at scale: the Sandbox's scale seed (1,000 pipelines; 200 projects × 50 builds, 50 running)
// in its own process with 20 ms added to every call. The Pipelines and Builds views' real providers (src/views, in
// plain Node with the vscode stand-in) load their first page: when the list arrives (one round trip), when the
// first page's statuses are in and every tree item is built, and the calls made. The naive approach (one SDK call
// per item, sequential) runs against the same Sandbox in the same run.
import { CodeBuildClient, BatchGetBuildsCommand, BatchGetProjectsCommand, ListBuildsForProjectCommand, ListProjectsCommand } from '@aws-sdk/client-codebuild';
import { CodePipelineClient, GetPipelineStateCommand, ListPipelinesCommand } from '@aws-sdk/client-codepipeline';
import { performance } from 'perf_hooks';
import { RefreshScheduler } from '../../../src/refresh/scheduler';
import { FakeTimers } from '../../../src/refresh/timers';
import { LIST_PAGE_SIZE, PAGE_SIZE } from '../../../src/views/serviceBackend';
import { explorer, views } from '../lib/explorer';
import { describeCounts, record, round, sumCounts, type BenchRecord } from '../lib/record';
import { startSandboxProcess, type SandboxProcess } from '../lib/sandboxProcess';
import type { Figure, FigureContext, FigureOutput } from './types';

const LATENCY_MS = 20;
const STATUS_TARGET_MS = 2000;
/** The naive Builds walk is long (one call per build): measured on this many projects of the page, then scaled. */
const NAIVE_BUILD_PROJECTS = 10;

interface ViewPaint {
  listMs: number;
  statusesMs: number;
  nodes: number;
  counts: Record<string, number>;
}

async function paint(sb: SandboxProcess, which: 'pipelines' | 'builds'): Promise<ViewPaint> {
  const scheduler = new RefreshScheduler(undefined, new FakeTimers()); // nothing polls during the measurement
  const ex = explorer(sb.connection, scheduler);
  const provider = which === 'pipelines' ? new (views.pipelines().PipelinesProvider)(ex.services) : new (views.builds().BuildsProvider)(ex.services);
  try {
    const t0 = performance.now();
    const nodes = await provider.getChildren();
    for (const n of nodes) provider.getTreeItem(n); // what the tree renders
    const statusesMs = performance.now() - t0;
    const listMethod = which === 'pipelines' ? 'listPipelines' : 'listProjects';
    const list = ex.calls.find((c) => c.method === listMethod);
    if (!list) throw new Error(`the ${which} view did not call ${listMethod}`);
    const errors = nodes.filter((n) => /^(error|stale)/.test((n as unknown as { kind?: string }).kind ?? ''));
    if (errors.length) throw new Error(`the ${which} view shows error nodes`);
    return { listMs: list.end - t0, statusesMs, nodes: nodes.length, counts: ex.requestCounts() };
  } finally {
    provider.dispose();
    scheduler.dispose();
    ex.dispose();
  }
}

const config = (sb: SandboxProcess) => ({
  region: sb.connection.region,
  endpoint: sb.endpoint,
  credentials: { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret-key' },
  maxAttempts: 1,
});

/** Naive Pipelines: list, then one GetPipelineState per pipeline of the first page, one after the other. */
async function naivePipelines(sb: SandboxProcess, pageSize: number): Promise<{ ms: number; calls: number }> {
  const client = new CodePipelineClient(config(sb));
  await client.send(new ListPipelinesCommand({ maxResults: 1 })); // client warm-up, not counted
  let calls = 0;
  const t0 = performance.now();
  const list = await client.send(new ListPipelinesCommand({}));
  calls++;
  for (const p of (list.pipelines ?? []).slice(0, pageSize)) {
    await client.send(new GetPipelineStateCommand({ name: p.name }));
    calls++;
  }
  const ms = performance.now() - t0;
  client.destroy();
  return { ms, calls };
}

/**
 * Naive Builds, for the same first page: list the projects, then per project one BatchGetProjects, one
 * ListBuildsForProject and one BatchGetBuilds per build the page shows, each call after the previous one. Measured on
 * NAIVE_BUILD_PROJECTS projects and scaled to the page.
 */
async function naiveBuilds(sb: SandboxProcess, pageSize: number, buildsShown: number): Promise<{ ms: number; calls: number; sample: number }> {
  const client = new CodeBuildClient(config(sb));
  await client.send(new ListProjectsCommand({})); // client warm-up, not counted
  let calls = 0;
  const t0 = performance.now();
  const list = await client.send(new ListProjectsCommand({}));
  calls++;
  const listMs = performance.now() - t0;
  const names = (list.projects ?? []).slice(0, Math.min(pageSize, NAIVE_BUILD_PROJECTS));
  const t1 = performance.now();
  let perProjectCalls = 0;
  for (const name of names) {
    await client.send(new BatchGetProjectsCommand({ names: [name] }));
    const ids = await client.send(new ListBuildsForProjectCommand({ projectName: name, sortOrder: 'DESCENDING' }));
    perProjectCalls += 2;
    for (const id of (ids.ids ?? []).slice(0, buildsShown)) {
      await client.send(new BatchGetBuildsCommand({ ids: [id] }));
      perProjectCalls++;
    }
  }
  const perProjectMs = (performance.now() - t1) / names.length;
  calls += Math.round((perProjectCalls / names.length) * pageSize);
  client.destroy();
  return { ms: listMs + perProjectMs * pageSize, calls, sample: names.length };
}

async function run(ctx: FigureContext): Promise<FigureOutput> {
  const records: BenchRecord[] = [];
  const sb = await startSandboxProcess({ cli: ctx.build.sandboxCli, seed: 'scale' });
  try {
    // Warm the SDK and the Sandbox without latency, so the figure is the views' cost rather than first-load.
    await paint(sb, 'pipelines');
    await paint(sb, 'builds');
    await sb.control('faults', { rules: [{ latencyMs: LATENCY_MS }] });

    const pipelines = await paint(sb, 'pipelines');
    const naiveP = await naivePipelines(sb, LIST_PAGE_SIZE);
    const builds = await paint(sb, 'builds');
    const naiveB = await naiveBuilds(sb, LIST_PAGE_SIZE, PAGE_SIZE);
    const shown = (v: ViewPaint) => `${v.nodes} nodes`;

    for (const [view, v, naive, naiveName] of [
      ['Pipelines', pipelines, naiveP, `naive: ListPipelines + ${LIST_PAGE_SIZE} GetPipelineState one after another`],
      ['Builds', builds, naiveB, `naive: ListProjects + per project BatchGetProjects, ListBuildsForProject, ${PAGE_SIZE} single-id BatchGetBuilds, sequential (${naiveB.sample} projects measured, scaled to ${LIST_PAGE_SIZE})`],
    ] as const) {
      records.push(
        record({
          name: `${view} view: first page listed (${LATENCY_MS} ms per call)`,
          value: round(v.listMs),
          unit: 'ms',
          target: { op: '<=', value: LATENCY_MS + 100 },
          notes: `list calls ${describeCounts(Object.fromEntries(Object.entries(v.counts).filter(([k]) => /\.(List(Pipelines|Projects)|BatchGetProjects)$/.test(k))))}; target: one ${LATENCY_MS} ms round trip plus 100 ms`,
        }),
        record({
          name: `${view} view: first page with statuses, tree items built`,
          value: round(v.statusesMs),
          unit: 'ms',
          target: { op: '<=', value: STATUS_TARGET_MS },
          baseline: { name: naiveName, value: round(naive.ms) },
          ratio: { value: round(naive.ms / v.statusesMs), meaning: 'naive / view' },
          notes: `${shown(v)}; the provider returns the page once its statuses are in`,
        }),
        record({
          name: `${view} view: calls for the first page`,
          value: sumCounts(v.counts),
          unit: 'calls',
          baseline: { name: 'naive, same page', value: naive.calls },
          notes: describeCounts(v.counts),
        }),
      );
    }
  } finally {
    await sb.stop();
  }
  return { records };
}

export const firstPaint: Figure = { id: 2, key: 'firstPaint', title: 'First paint at scale: Pipelines and Builds views vs naive', run };
