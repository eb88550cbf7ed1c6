// Figure 7, the Sandbox: GetPipelineState calls per second on the scale seed, served by the bundled CLI in its own
// process to several concurrent keep-alive HTTP clients here; and the time to seed the scale account (in process).
import * as http from 'http';
import { performance } from 'perf_hooks';
import { Sandbox } from '../../../src/sandbox/sandbox';
import { median, record, round, type BenchRecord } from '../lib/record';
import { startSandboxProcess } from '../lib/sandboxProcess';
import type { Figure, FigureContext, FigureOutput } from './types';

const CLIENTS = 16;
const WARMUP_MS = 700;
const MEASURE_MS = 3000;
const PIPELINES = 1000;

/** Time to seed the scale account in a fresh in-process Sandbox (state machines, records, logs; no HTTP). */
function seedOnce(): number {
  const sb = new Sandbox({ clock: 'manual' });
  const t0 = performance.now();
  sb.reset('scale');
  const ms = performance.now() - t0;
  const count = Object.keys(sb.codepipeline.state.pipelines).length;
  if (count < PIPELINES) throw new Error(`the scale seed made ${count} pipelines, not ${PIPELINES}`);
  return ms;
}

function post(agent: http.Agent, endpoint: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: endpoint.hostname,
        port: endpoint.port,
        method: 'POST',
        path: '/',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'CodePipeline_20150709.GetPipelineState',
          authorization: 'AWS4-HMAC-SHA256 Credential=SANDBOXACCESSKEY/20260101/us-east-1/codepipeline/aws4_request, SignedHeaders=host, Signature=0',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function throughput(ctx: FigureContext, args: string[]): Promise<{ perSecond: number; startMs: number; notes: string }> {
  const sb = await startSandboxProcess({ cli: ctx.build.sandboxCli, seed: 'scale', args });
  try {
    const endpoint = new URL(sb.endpoint);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    let ok = 0;
    let failed = 0;
    let counting = false;
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        const name = `scale-pipeline-${String(n++ % PIPELINES).padStart(4, '0')}`;
        const status = await post(agent, endpoint, JSON.stringify({ name }));
        if (!counting) continue;
        if (status === 200) ok++;
        else failed++;
      }
    };
    const workers = Array.from({ length: CLIENTS }, () => worker());
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    counting = true;
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, MEASURE_MS));
    counting = false;
    const seconds = (performance.now() - t0) / 1000;
    stop = true;
    await Promise.all(workers);
    agent.destroy();
    const server = await sb.requestCounts();
    return {
      perSecond: Math.round(ok / seconds),
      startMs: sb.startMs,
      notes: `${ok} answers in ${round(seconds, 2)} s, ${failed} non-200; server counted ${server['codepipeline.GetPipelineState'] ?? 0} in all`,
    };
  } finally {
    await sb.stop();
  }
}

async function run(ctx: FigureContext): Promise<FigureOutput> {
  const records: BenchRecord[] = [];
  seedOnce(); // warm the modules
  const seeds = [seedOnce(), seedOnce(), seedOnce()];
  records.push(
    record({
      name: `seed the scale account (${PIPELINES} pipelines and the scale builds), in process`,
      value: round(median(seeds)),
      unit: 'ms',
      target: { op: '<=', value: 5000 },
      notes: `median of 3; runs ${seeds.map((s) => round(s)).join(', ')} ms`,
    }),
  );

  const main = await throughput(ctx, []);
  records.push(
    record({ name: 'Sandbox CLI start with --seed scale (spawn to URL: Node start, load, seed, listen)', value: round(main.startMs), unit: 'ms', notes: 'informational' }),
    record({
      name: `GetPipelineState served per second (scale seed, ${CLIENTS} keep-alive clients, server in its own process)`,
      value: main.perSecond,
      unit: 'calls/s',
      target: { op: '>=', value: 2000 },
      notes: main.notes,
    }),
  );
  // The same without the 50 running builds: how much of each call goes to advancing them (the server ticks every
  // state machine on each request).
  const idle = await throughput(ctx, ['--running-builds', '0']);
  records.push(
    record({
      name: 'same, scale seed without running builds (diagnostic)',
      value: idle.perSecond,
      unit: 'calls/s',
      notes: `${idle.notes}; informational: compare with the figure above`,
    }),
  );
  return { records };
}

export const sandbox: Figure = { id: 7, key: 'sandbox', title: 'Sandbox: GetPipelineState throughput, seeding', run };
