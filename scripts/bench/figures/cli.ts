// Figure 4, against the CLI a person would use instead: the status of every pipeline of the scale seed through the
// extension's service layer (ListPipelines, then GetPipelineState through the connection's bounded queue), versus a
// shell loop of Debian's `aws codepipeline get-pipeline-state` over the same Sandbox (its own process), run on a
// sample and scaled to all pipelines.
import * as cp from 'child_process';
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import { AwsSession } from '../../../src/aws/session';
import { median, record, round, sumCounts, type BenchRecord } from '../lib/record';
import { startSandboxProcess } from '../lib/sandboxProcess';
import type { Figure, FigureContext, FigureOutput } from './types';

const CLI_SAMPLE = 50;
/**
 * The loop stops early (after at least CLI_MIN calls) once this much time has gone, so the bench stays short (it ran
 * 40 s): each call is mostly a Python start, about 1 s at load 6 and 2.5 s at load 12, and the ratio to the service
 * layer is in the hundreds, so a sample of 5 to 15 calls settles it; the notes give the calls' spread.
 */
const CLI_BUDGET_MS = 15_000;
const CLI_MIN = 5;

function awsCli(): string | undefined {
  for (const c of ['/usr/bin/aws', '/bin/aws']) if (fs.existsSync(c)) return c; // Debian's awscli package
  const r = cp.spawnSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** `aws-cli/<version>`: from dpkg when the CLI is Debian's package (as fast as a file read), else from `aws --version` (a Python start). */
function cliVersion(aws: string): string {
  const owner = cp.spawnSync('dpkg-query', ['-S', aws], { encoding: 'utf8' });
  if (owner.status === 0 && /^awscli:/.test(owner.stdout)) {
    const v = cp.spawnSync('dpkg-query', ['-W', '-f=${Version}', 'awscli'], { encoding: 'utf8' });
    if (v.status === 0 && v.stdout.trim()) return `aws-cli/${v.stdout.trim().replace(/^\d+:/, '').replace(/-[^-]*$/, '')}`;
  }
  return cp.spawnSync(aws, ['--version'], { encoding: 'utf8' }).stdout.trim().split(' ')[0];
}

async function run(ctx: FigureContext): Promise<FigureOutput> {
  const records: BenchRecord[] = [];
  const aws = awsCli();
  const sb = await startSandboxProcess({ cli: ctx.build.sandboxCli, seed: 'scale' });
  try {
    // The service layer, as the extension runs it (fresh session: client creation and SDK load included).
    const session = new AwsSession(sb.connection);
    let names: string[];
    let ok = 0;
    const t0 = performance.now();
    try {
      names = (await session.codepipeline.listPipelines()).map((p) => p.name);
      const states = await session.codepipeline.getPipelineStates(names);
      ok = [...states.values()].filter((s) => !(s instanceof Error)).length;
    } finally {
      session.dispose();
    }
    const oursMs = performance.now() - t0;
    ctx.log(`cli: service layer done (${Math.round(oursMs)} ms)`);
    const counts = session.requestCounts();
    if (ok !== names.length) throw new Error(`only ${ok} of ${names.length} states were read`);

    if (!aws) {
      records.push(record({ name: `status of all ${names.length} pipelines through the service layer`, value: round(oursMs), unit: 'ms', notes: 'the aws CLI is not installed (apt-get install -y awscli): no comparison' }));
      return { records, error: 'aws CLI not found' };
    }
    const version = cliVersion(aws);
    // The shell loop a person would write, over a sample; plus the one list call they would start with.
    const sample = names.slice(0, CLI_SAMPLE);
    const script = `
      set -e
      "$AWS" codepipeline list-pipelines --endpoint-url "$EP" --no-cli-pager > /dev/null
      start=$(date +%s%N)
      deadline=$(( start + ${CLI_BUDGET_MS} * 1000000 ))
      count=0
      prev=$start
      each=""
      for n in ${sample.join(' ')}; do
        "$AWS" codepipeline get-pipeline-state --name "$n" --endpoint-url "$EP" --no-cli-pager > /dev/null
        now=$(date +%s%N)
        each="$each $(( (now - prev) / 1000 ))"
        prev=$now
        count=$(( count + 1 ))
        if [ "$count" -ge ${CLI_MIN} ] && [ "$now" -gt "$deadline" ]; then break; fi
      done
      echo "$count $(( (prev - start) / 1000 ))$each"
    `;
    const before = await sb.requestCounts();
    const tl = performance.now();
    const r = cp.spawnSync('bash', ['-c', script], {
      encoding: 'utf8',
      timeout: 240_000,
      env: {
        PATH: process.env.PATH,
        HOME: ctx.build.dir,
        AWS: aws,
        EP: sb.endpoint,
        AWS_ACCESS_KEY_ID: 'SANDBOXACCESSKEY',
        AWS_SECRET_ACCESS_KEY: 'sandbox-secret-key',
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_PAGER: '',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      },
    });
    const wholeMs = performance.now() - tl;
    ctx.log(`cli: loop done (${Math.round(wholeMs)} ms)`);
    if (r.status !== 0) throw new Error(`the CLI loop failed (${r.status ?? r.signal}): ${r.stderr.slice(-500)}`);
    const [countText, microsText, ...eachText] = (r.stdout.trim().split('\n').pop() ?? '').split(' ');
    const calls = Number(countText);
    const loopMs = Number(microsText) / 1000;
    const each = eachText.map((t) => Number(t) / 1000).sort((a, b) => a - b);
    const listMs = wholeMs - loopMs;
    const after = await sb.requestCounts();
    const served = (after['codepipeline.GetPipelineState'] ?? 0) - (before['codepipeline.GetPipelineState'] ?? 0);
    if (!calls || served !== calls) throw new Error(`the Sandbox saw ${served} CLI GetPipelineState calls, the loop made ${calls}`);
    const perCall = loopMs / calls;
    const cliAll = listMs + perCall * names.length;

    records.push(
      record({
        name: `status of all ${names.length} pipelines through the service layer`,
        value: round(oursMs),
        unit: 'ms',
        baseline: { name: `${version} shell loop, ${calls} calls measured (${round(perCall)} ms each) and scaled to ${names.length}, plus list-pipelines`, value: round(cliAll) },
        ratio: { value: round(cliAll / oursMs), meaning: 'CLI / ours' },
        notes: `${sumCounts(counts)} calls (${Object.entries(counts)
          .map(([k, v]) => `${k.split('.')[1]} ${v}`)
          .join(', ')}), GetPipelineState through the connection's bounded queue; fresh session (SDK load, client creation included); CLI calls min ${round(each[0])}, median ${round(median(each))}, max ${round(each[each.length - 1])} ms`,
      }),
    );
  } finally {
    await sb.stop();
  }
  return { records };
}

export const cli: Figure = { id: 4, key: 'cli', title: 'All 1,000 pipeline statuses: service layer vs the aws CLI', run };
