// Figure 1, activation: bundle sizes of the production build; activate() cold in the real extension host
// (code-server and Chromium as the test tiers start them, one workbench window and extension host per activation)
// against the baseline that loads the five SDK clients at activation;
// the same in plain Node with a `vscode` stand-in as a cross-check (and as the figure when the host is unavailable).
import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import { makeScratch, startChromium, startCodeServer, workbenchUrl, type ChromiumHandle, type CodeServer } from '../../host/workbenchHost';
import { timingMain } from '../lib/build';
import { median, record, round, sleep, type BenchRecord } from '../lib/record';
import type { Figure, FigureContext, FigureOutput } from './types';

const MAIN_BUDGET_KB = 150;
const ACTIVATE_TARGET_MS = 20;
const RATIO_TARGET = 10;
const NODE_SAMPLES = 5;
/** Windows per variant (each loads the workbench and starts an extension host: 30-40 s at load 12); AWS_DEVTOOLS_BENCH_HOST_SAMPLES raises it. */
const HOST_SAMPLES = Math.max(1, Number(process.env.AWS_DEVTOOLS_BENCH_HOST_SAMPLES) || 3);
const HOST_TIMEOUT_MS = 150_000;
const EXTENSION_ID = 'aws-devtools-oss.aws-devtools';

interface Timing {
  loadMs: number;
  activateMs: number;
  sdkLoaded: boolean;
}

/** One cold activation in a fresh Node process, with the `vscode` stand-in the build put in node_modules. */
function activateInNode(extDir: string, shim: string): Timing {
  const script = `
    const { performance } = require('perf_hooks');
    const t0 = performance.now();
    const m = require(${JSON.stringify(path.join(extDir, (JSON.parse(fs.readFileSync(path.join(extDir, 'package.json'), 'utf8')) as { main: string }).main))});
    const t1 = performance.now();
    const ctx = require(${JSON.stringify(shim)}).extensionContext(${JSON.stringify(extDir)}, ${JSON.stringify(path.join(extDir, '..', `storage-${path.basename(extDir)}`))});
    new Promise((resolve) => resolve(m.activate(ctx))).then(() => {
      const t2 = performance.now();
      const sdkLoaded = Object.keys(require.cache).some((k) => /[\\\\/]dist[\\\\/]sdk\\.js$/.test(k));
      process.stdout.write(JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1, sdkLoaded }));
      for (const d of ctx.subscriptions) try { d.dispose(); } catch {}
      process.exit(0);
    }, (e) => { console.error(String((e && e.stack) || e).split('\\n').slice(0, 3).join(' | ').slice(0, 600)); process.exit(1); });
  `;
  const r = cp.spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`activation in Node failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout) as Timing;
}

interface HostResult {
  wasActive: boolean;
  wallMs: number;
  timing?: { loadMs: number; activateCallMs: number };
  sdkLoaded: boolean;
  vscode: string;
}

type Activate = (extDir: string) => Promise<HostResult>;

/** Whether our extension's V8 code cache (src/codeCache.ts) is in the host's global storage; clear() removes it. */
type CacheProbe = (() => boolean) & { clear(): void };

/**
 * code-server and Chromium (scripts/host/workbenchHost.ts, as the test tiers' launcher starts them), started together
 * and once for the figure; `fn` activates an extension folder in a new workbench window each time, which has an
 * extension host of its own: the activation is cold every time, and the variants do not pay for a code-server and a
 * Chromium each (about 10 s each at load 12, and 5 s to stop them).
 */
async function withHost<T>(ctx: FigureContext, fn: (activate: Activate, cached: CacheProbe) => Promise<T>): Promise<T> {
  const scratch = makeScratch('aws-devtools-bench-host-');
  const log = (line: string) => ctx.log(line);
  const started = await Promise.allSettled([startCodeServer({ scratch, log }), startChromium({ scratch, log })]);
  const [server, browser] = started.map((r) => (r.status === 'fulfilled' ? r.value : undefined)) as [CodeServer | undefined, ChromiumHandle | undefined];
  try {
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed || !server || !browser) throw failed?.reason instanceof Error ? failed.reason : new Error(String(failed?.reason));
    const cacheDir = path.join(server.userDataDir, 'User', 'globalStorage', EXTENSION_ID, 'code-cache');
    const cached = Object.assign(() => fs.existsSync(cacheDir) && fs.readdirSync(cacheDir).some((f) => f.endsWith('.cache')), {
      clear: () => fs.rmSync(cacheDir, { recursive: true, force: true }),
    });
    return await fn((extDir) => activateInWindow(ctx, server, browser, scratch.dir, extDir), cached);
  } finally {
    await browser?.stop();
    await server?.stop();
    scratch.remove();
  }
}

/**
 * One cold activation in the real extension host: a new workbench window on its own workspace folder, with `extDir`
 * under development and the bench's entry as its extension tests (the smoke-test driver runs it once the extension
 * host is up). Resolves with the entry's `AWS_DEVTOOLS_BENCH` line, once that window's extension host has exited.
 */
async function activateInWindow(ctx: FigureContext, server: CodeServer, browser: ChromiumHandle, scratchDir: string, extDir: string): Promise<HostResult> {
  const folder = fs.mkdtempSync(path.join(scratchDir, 'workspace-'));
  const page = await browser.newPage();
  let timer: NodeJS.Timeout | undefined;
  try {
    let settle!: { resolve: (r: HostResult) => void; reject: (e: Error) => void };
    const result = new Promise<HostResult>((resolve, reject) => (settle = { resolve, reject }));
    let exited!: () => void;
    const exit = new Promise<void>((resolve) => (exited = resolve));
    // The workbench forwards the extension host's console (level, arguments) and its exit code, as for the test tiers.
    await page.exposeFunction('codeAutomationLog', (_level: unknown, parts: unknown) => {
      const line = /AWS_DEVTOOLS_BENCH (\{.*\})/.exec(format(...(Array.isArray(parts) ? parts : [parts])))?.[1];
      if (line) settle.resolve(JSON.parse(line) as HostResult);
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown) => {
      exited();
      settle.reject(new Error(`the extension host exited (${String(code)}) without a result: ${server.tail(8).split('\n').join(' | ')}`));
    });
    timer = setTimeout(() => settle.reject(new Error(`no result from the extension host in ${HOST_TIMEOUT_MS} ms: ${server.tail(8).split('\n').join(' | ')}`)), HOST_TIMEOUT_MS);
    await page.goto(workbenchUrl(server, { folder, extensionDevelopmentPath: extDir, extensionTestsPath: ctx.build.hostEntry }), { waitUntil: 'commit', timeout: HOST_TIMEOUT_MS });
    const r = await result;
    // The entry has returned: its extension host exits; the next window starts its own after that.
    await Promise.race([exit, sleep(10_000)]);
    return r;
  } finally {
    if (timer) clearTimeout(timer);
    await page.close().catch(() => undefined);
  }
}

async function run(ctx: FigureContext): Promise<FigureOutput> {
  const { build } = ctx;
  const records: BenchRecord[] = [];
  const errors: string[] = [];

  // Bundle sizes (production build, minified).
  for (const o of build.outputs) {
    const isMain = o.file === 'dist/extension.js';
    records.push(
      record({
        name: `bundle ${o.file}${isMain ? ' (main)' : ''}`,
        value: round(o.bytes / 1024),
        unit: 'KB',
        target: isMain ? { op: '<=', value: MAIN_BUDGET_KB } : null,
        baseline: isMain ? { name: 'baseline bundle (five SDK clients imported)', value: round(build.baselineOutput.bytes / 1024) } : null,
        notes: o.sdkInputs ? `${o.sdkInputs} @aws-sdk/@smithy modules, ${round(o.sdkBytes / 1024)} KB of it` : 'no @aws-sdk/@smithy code',
      }),
    );
  }
  const main = build.outputs.find((o) => o.file === 'dist/extension.js');
  records.push(record({ name: '@aws-sdk/@smithy modules in the main bundle', value: main ? main.sdkInputs : null, unit: 'modules', target: { op: '==', value: 0 } }));

  // Plain Node with the vscode stand-in: interleaved fresh processes, medians.
  const ours: Timing[] = [];
  const base: Timing[] = [];
  activateInNode(build.extDir, build.shim); // warm the OS file cache for both
  activateInNode(build.baselineDir, build.shim);
  for (let i = 0; i < NODE_SAMPLES; i++) {
    ours.push(activateInNode(build.extDir, build.shim));
    base.push(activateInNode(build.baselineDir, build.shim));
  }
  ctx.log(`activation: ${2 * (NODE_SAMPLES + 1)} Node processes done`);
  const total = (t: Timing) => t.loadMs + t.activateMs;
  const nodeOurs = median(ours.map(total));
  const nodeBase = median(base.map(total));

  // The real extension host, one cold activation per launch (each launch starts code-server and Chromium).
  let host: { ours: HostResult[]; base: HostResult[]; first: HostResult[] } | undefined;
  try {
    const hostDirs = { ours: path.join(build.dir, 'host-ext'), base: path.join(build.dir, 'host-baseline') };
    fs.cpSync(build.extDir, hostDirs.ours, { recursive: true });
    fs.cpSync(build.baselineDir, hostDirs.base, { recursive: true });
    for (const d of Object.values(hostDirs)) {
      fs.rmSync(path.join(d, 'node_modules'), { recursive: true, force: true }); // the host has the real vscode
      timingMain(d);
    }
    const samples = { ours: [] as HostResult[], base: [] as HostResult[], first: [] as HostResult[] };
    await withHost(ctx, async (activate, cached) => {
      // The first window of a code-server is slower than the rest whatever it loads: it is a warm-up, not measured.
      ctx.log('activation: real extension host, warm-up window');
      await activate(hostDirs.ours);
      for (let i = 0; i < HOST_SAMPLES; i++) {
        // A first start after an install (no code cache: it compiles the main bundle and writes the cache as its
        // window closes), then a start from that cache, which is what every later start costs, then the baseline.
        ctx.log(`activation: real extension host, sample ${i + 1}/${HOST_SAMPLES}`);
        cached.clear();
        samples.first.push(await activate(hostDirs.ours));
        if (!cached()) throw new Error('a first start wrote no code cache');
        samples.ours.push(await activate(hostDirs.ours));
        ctx.log('activation: real extension host, ours done');
        samples.base.push(await activate(hostDirs.base));
        ctx.log('activation: real extension host, baseline done');
      }
    });
    host = samples;
    if ([...host.ours, ...host.base, ...host.first].some((h) => h.wasActive || !h.timing)) throw new Error('the extension was already active before the measurement');
  } catch (e) {
    errors.push(`real host: ${e instanceof Error ? e.message : String(e)}`);
    host = undefined;
  }

  if (host) {
    const t = (h: HostResult) => h.timing!.loadMs + h.timing!.activateCallMs;
    const hostOurs = median(host.ours.map(t));
    const hostBase = median(host.base.map(t));
    const split = (hs: HostResult[]) => `load ${round(median(hs.map((h) => h.timing!.loadMs)), 2)} ms + activate() ${round(median(hs.map((h) => h.timing!.activateCallMs)), 2)} ms`;
    records.push(
      record({
        name: `activate() in the real extension host (VS Code ${host.ours[0].vscode}, code-server), new extension host, main bundle from the code cache`,
        value: round(hostOurs, 2),
        unit: 'ms',
        target: { op: '<=', value: ACTIVATE_TARGET_MS },
        baseline: { name: 'baseline: five SDK clients loaded at activation', value: round(hostBase, 2) },
        ratio: { value: round(hostBase / hostOurs), meaning: 'baseline / ours', target: { op: '>=', value: RATIO_TARGET } },
        notes: `median of ${HOST_SAMPLES} launches each (ours: ${host.ours.map((h) => round(t(h), 1)).join(', ')} ms), each with the code cache the first start before it wrote; ours ${split(host.ours)}; baseline ${split(host.base)}`,
      }),
      record({
        name: 'activate() in the real extension host, first start after an install (compiles the main bundle, no code cache yet)',
        value: round(median(host.first.map(t)), 2),
        unit: 'ms',
        notes: `median of ${HOST_SAMPLES} launches (${host.first.map((h) => round(t(h), 1)).join(', ')} ms), each with the code cache removed before; ${split(host.first)}`,
      }),
      record({
        name: 'ext.activate() wall time in the host (adds VS Code context setup)',
        value: round(median(host.ours.map((h) => h.wallMs)), 1),
        unit: 'ms',
        baseline: { name: 'baseline', value: round(median(host.base.map((h) => h.wallMs)), 1) },
        notes: 'informational: includes the extension host creating the ExtensionContext (storage round trips)',
      }),
      record({
        name: 'SDK code loaded by activation (real host)',
        value: host.ours.some((h) => h.sdkLoaded) ? 1 : 0,
        unit: 'bool',
        target: { op: '==', value: 0 },
      }),
    );
  }
  const nodeIsTheFigure = !host;
  const nodeSplit = (ts: Timing[]) => `load ${round(median(ts.map((t) => t.loadMs)), 2)} ms + activate() ${round(median(ts.map((t) => t.activateMs)), 2)} ms`;
  records.push(
    record({
      name: nodeIsTheFigure ? 'INTERIM activate() in plain Node with a vscode stand-in (real host unavailable), cold' : 'activate() in plain Node with a vscode stand-in (cross-check), cold',
      value: round(nodeOurs, 2),
      unit: 'ms',
      target: nodeIsTheFigure ? { op: '<=', value: ACTIVATE_TARGET_MS } : null,
      baseline: { name: 'baseline: five SDK clients loaded at activation', value: round(nodeBase, 2) },
      ratio: { value: round(nodeBase / nodeOurs), meaning: 'baseline / ours', ...(nodeIsTheFigure ? { target: { op: '>=' as const, value: RATIO_TARGET } } : {}) },
      notes: `median of ${NODE_SAMPLES} fresh processes each; ours ${nodeSplit(ours)}; baseline ${nodeSplit(base)}`,
    }),
  );
  if (nodeIsTheFigure) {
    records.push(record({ name: 'SDK code loaded by activation (plain Node)', value: ours.some((t) => t.sdkLoaded) ? 1 : 0, unit: 'bool', target: { op: '==', value: 0 } }));
  }
  return { records, ...(errors.length ? { error: errors.join('; ') } : {}) };
}

export const activation: Figure = { id: 1, key: 'activation', title: 'Activation: bundle sizes, activate() vs the all-SDK baseline', run };
