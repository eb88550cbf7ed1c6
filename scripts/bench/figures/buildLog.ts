// Figure 5, build logs: the real BuildLogDocuments content provider (src/logs, vscode stand-in) over the real
// service layer, against the Sandbox in its own process. A build with a 100,000-line log (SANDBOX_LOG_LINES) is
// opened and read to the end (time; heap growth against the log's size, with global.gc); and a line appended to a
// running build's log is seen by the document through the RefreshScheduler's polling (real timers, default interval).
import { CloudWatchLogsClient, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CodeBuildClient, CreateProjectCommand } from '@aws-sdk/client-codebuild';
import { randomUUID } from 'crypto';
import { performance } from 'perf_hooks';
import { AwsSession } from '../../../src/aws/session';
import { defaultSchedulerSettings, RefreshScheduler } from '../../../src/refresh/scheduler';
import { record, round, sleep, type BenchRecord } from '../lib/record';
import { startSandboxProcess, type SandboxProcess } from '../lib/sandboxProcess';
import { installVscodeShim } from '../lib/vscodeShim';
import type { Figure, FigureContext, FigureOutput } from './types';

installVscodeShim();
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the vscode stand-in is installed */
const { BuildLogDocuments, buildLogUri } = require('../../../src/logs/buildLogDocuments') as typeof import('../../../src/logs/buildLogDocuments');
/* eslint-enable @typescript-eslint/no-require-imports */

const LINES = 100_000;
const PROJECT = 'bench-logs';

function heap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench does)');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function createProject(sb: SandboxProcess): Promise<void> {
  const client = new CodeBuildClient({ region: sb.connection.region, endpoint: sb.endpoint, credentials: { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret-key' } });
  await client.send(
    new CreateProjectCommand({
      name: PROJECT,
      source: { type: 'NO_SOURCE', buildspec: 'version: 0.2\nphases:\n  build:\n    commands:\n      - make\n' },
      artifacts: { type: 'NO_ARTIFACTS' },
      environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
      serviceRole: 'arn:aws:iam::123456789012:role/service-role/codebuild-service-role',
    }),
  );
  client.destroy();
}

async function run(ctx: FigureContext): Promise<FigureOutput> {
  const records: BenchRecord[] = [];
  const sb = await startSandboxProcess({ cli: ctx.build.sandboxCli, seed: 'empty', speed: 0.001 });
  await sb.control('speed', { speed: 0 }); // Sandbox time moves only when the figure advances it
  const session = new AwsSession(sb.connection);
  const scheduler = new RefreshScheduler(defaultSchedulerSettings);
  const docs = new BuildLogDocuments({
    scheduler,
    source: () => ({ getBuild: (id) => session.codebuild.getBuild(id), cursor: (s, o) => session.logs.cursor(s, o) }),
  });
  const logsClient = new CloudWatchLogsClient({ region: sb.connection.region, endpoint: sb.endpoint, credentials: { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret-key' } });
  try {
    await createProject(sb);

    // A running build: open its log, append a line, see it arrive through the scheduler's polling.
    const running = await session.codebuild.startBuild({ projectName: PROJECT });
    await sb.control('advance', { ms: 30_000 });
    const runningUri = buildLogUri(sb.connection, running.id);
    await docs.provideTextDocumentContent(runningUri);
    const model = docs.model(runningUri)!;
    if (model.finished || !model.build?.logs?.streamName) throw new Error(`the running build's log is ${model.state}`);
    await sleep(1000 + Math.random() * 3000); // append at some point of the poll cycle, not just after a poll
    const marker = `bench marker ${randomUUID()}`;
    const polls0 = scheduler.stats.singlePolls;
    const changed = new Promise<void>((resolve) => {
      const sub = docs.onDidChange(async (uri) => {
        if (uri.toString() !== runningUri.toString()) return;
        if ((await docs.provideTextDocumentContent(runningUri)).includes(marker)) {
          sub.dispose();
          resolve();
        }
      });
    });
    // Stamped with the Sandbox's clock (it runs ahead of the wall clock here): after the build's own lines, as a
    // build writing its next line would be.
    const { now } = await sb.control<{ now: number }>('health');
    const t0 = performance.now();
    await logsClient.send(new PutLogEventsCommand({ logGroupName: model.build.logs.groupName, logStreamName: model.build.logs.streamName, logEvents: [{ timestamp: now, message: marker }] }));
    const timeout = defaultSchedulerSettings.activeIntervalMs * 3;
    const seen = await Promise.race([changed.then(() => true), sleep(timeout).then(() => false)]);
    const latency = performance.now() - t0;
    const polls = scheduler.stats.singlePolls - polls0;
    records.push(
      record({
        name: `a line appended to a running build's log: polls until the document shows it (interval ${defaultSchedulerSettings.activeIntervalMs / 1000} s)`,
        value: seen ? polls : null,
        unit: 'polls',
        target: { op: '==', value: 1 },
        notes: seen ? `seen ${round(latency)} ms after PutLogEvents (document change events are throttled to one per 400 ms)` : `not seen in ${timeout} ms`,
      }),
    );
    // Finish it, so its document stops polling before the next measurement.
    await session.codebuild.stopBuild(running.id);
    await sb.control('advance', { ms: 60_000 });
    for (let i = 0; i < 10 && !model.finished; i++) await model.poll();

    // The 100,000-line log of a finished build, opened and read to the end.
    const big = await session.codebuild.startBuild({ projectName: PROJECT, environmentVariables: [{ name: 'SANDBOX_LOG_LINES', value: String(LINES), type: 'PLAINTEXT' }] });
    await sb.control('advance', { ms: 2 * 3600_000 });
    const done = await session.codebuild.getBuild(big.id);
    if (!done.complete) throw new Error(`the ${LINES}-line build did not finish (${done.status})`);
    const bigUri = buildLogUri(sb.connection, big.id);
    const before = heap();
    const t1 = performance.now();
    let text = await docs.provideTextDocumentContent(bigUri);
    const bigModel = docs.model(bigUri)!;
    while (!bigModel.finished) {
      await bigModel.poll();
      text = await docs.provideTextDocumentContent(bigUri);
    }
    text = await docs.provideTextDocumentContent(bigUri);
    const loadMs = performance.now() - t1;
    const after = heap();
    const bytes = Buffer.byteLength(text);
    const lines = bigModel.lineCount;
    if (lines < LINES) throw new Error(`the document has ${lines} lines, fewer than ${LINES}`);
    records.push(
      record({
        name: `open a ${LINES.toLocaleString('en-US')}-line build log and load it fully`,
        value: round(loadMs),
        unit: 'ms',
        target: { op: '<=', value: 5000 },
        notes: `${lines} lines, ${round(bytes / 2 ** 20, 2)} MiB; ${bigModel.stats.reads} reads of up to 10,000 events (GetLogEvents pages), ${bigModel.stats.buildCalls} GetBuild`,
      }),
      record({
        name: 'heap growth while holding the loaded log, in log sizes',
        value: round((after - before) / bytes, 2),
        unit: '× log size',
        target: { op: '<', value: 3 },
        notes: `heapUsed ${round(before / 2 ** 20, 1)} → ${round(after / 2 ** 20, 1)} MiB after gc, log ${round(bytes / 2 ** 20, 2)} MiB`,
      }),
    );
    void text.length;
  } finally {
    logsClient.destroy();
    docs.dispose();
    scheduler.dispose();
    session.dispose();
    await sb.stop();
  }
  return { records };
}

export const buildLog: Figure = { id: 5, key: 'buildLog', title: 'Build log: 100,000 lines, live append, memory', run };
