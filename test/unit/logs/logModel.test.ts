import * as assert from 'assert';
import type { AwsSession } from '../../../src/aws/session';
import { BuildLogModel, type BuildLogSource } from '../../../src/logs/logModel';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { startSandbox } from '../../helpers/sandbox';
import { sandboxSession } from '../aws/helpers';

const PROJECT = 'log-demo';

function source(s: AwsSession): BuildLogSource {
  return { getBuild: (id) => s.codebuild.getBuild(id), cursor: (stream, o) => s.logs.cursor(stream, o) };
}

function startBuild(sb: Sandbox, env: Record<string, string> = {}): string {
  const overrides = Object.entries(env).map(([name, value]) => ({ name, value, type: 'PLAINTEXT' }));
  return sb.codebuild.startBuildInternal(PROJECT, { environmentVariablesOverride: overrides }).id;
}

/** Moves the Sandbox clock until the build is complete, in steps. */
function runToEnd(sb: Sandbox, id: string): void {
  for (let i = 0; i < 2000 && sb.codebuild.getBuildSummary(id)?.status === 'IN_PROGRESS'; i++) sb.advance(5_000);
  assert.notStrictEqual(sb.codebuild.getBuildSummary(id)?.status, 'IN_PROGRESS');
}

describe('build log model over the Sandbox (GetLogEvents tokens)', function () {
  this.timeout(120_000);
  let sb: Sandbox;
  let session: AwsSession;
  before(async () => {
    sb = await startSandbox();
    session = sandboxSession(sb);
  });
  after(async () => {
    session.dispose();
    await sb.stop();
  });
  beforeEach(() => {
    sb.reset('empty');
    sb.codebuild.createProjectInternal(
      {
        name: PROJECT,
        source: { type: 'NO_SOURCE', buildspec: 'version: 0.2\nphases:\n  install:\n    commands:\n      - npm ci\n  build:\n    commands:\n      - npm run build\n      - npm test\n' },
        artifacts: { type: 'NO_ARTIFACTS' },
        environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
        serviceRole: 'arn:aws:iam::123456789012:role/codebuild',
      },
      sb.clock.now(),
    );
  });

  it('waits for a stream that does not exist yet, then grows while the build runs, and stops once complete and drained', async () => {
    const id = startBuild(sb, { SANDBOX_FAIL_PHASE: 'BUILD' });
    const model = new BuildLogModel(source(session), id);
    let changes = 0;
    model.onDidChange(() => changes++);
    await model.poll();
    assert.ok(!model.finished);
    const sizes: number[] = [];
    let guard = 0;
    while (sb.codebuild.getBuildSummary(id)?.status === 'IN_PROGRESS' && guard++ < 500) {
      sb.advance(7_000);
      await model.poll();
      sizes.push(model.lineCount);
      assert.ok(!model.finished || sb.codebuild.getBuildSummary(id)?.status !== 'IN_PROGRESS', 'not done while the build runs');
    }
    // It grew in several steps while read, never shrank.
    assert.ok(new Set(sizes).size > 3, `grew in steps: ${sizes.join(',')}`);
    for (let i = 1; i < sizes.length; i++) assert.ok(sizes[i] >= sizes[i - 1]);
    // The build completed: the next poll(s) drain the log and finish.
    for (let i = 0; i < 3 && !model.finished; i++) await model.poll();
    assert.strictEqual(model.state, 'done');
    const before = session.requestCounts();
    await model.poll();
    assert.deepStrictEqual(session.requestCounts(), before, 'a finished log makes no more calls');

    const all = await session.logs.readAll({ groupName: model.build!.logs.groupName!, streamName: model.build!.logs.streamName! });
    assert.strictEqual(model.lineCount, all.length, 'every event exactly once (no page read twice, none skipped)');
    assert.strictEqual(model.text().split('\n').length, all.length);
    assert.strictEqual(model.phases.failedPhase()?.name, 'BUILD');
    const errorLine = model.text().split('\n')[model.phases.errorLine()!];
    assert.match(errorLine, /FAIL src\/payments|error/i);
    assert.ok(changes > 3);
  });

  it('reads a finished build in one poll (pages appended as they come) and makes no call afterwards', async () => {
    const id = startBuild(sb);
    runToEnd(sb, id);
    const model = new BuildLogModel(source(session), id, { pageLimit: 25, appendEvents: 50 });
    let appends = 0;
    model.onDidChange(() => appends++);
    await model.poll();
    assert.strictEqual(model.state, 'done');
    assert.ok(appends >= 2, `appended in pages (${appends})`);
    assert.ok(model.phases.phases.some((p) => p.name === 'BUILD' && p.state === 'SUCCEEDED'));
    assert.strictEqual(model.phases.failedPhase(), undefined);
  });

  it('keeps memory bounded: stops at maxLines with a note, and is done', async () => {
    const id = startBuild(sb, { SANDBOX_LOG_LINES: '5000' });
    runToEnd(sb, id);
    const model = new BuildLogModel(source(session), id, { maxLines: 1000 });
    await model.poll();
    assert.strictEqual(model.state, 'truncated');
    assert.strictEqual(model.lineCount, 1000);
    assert.match(model.text(), /only its first 1,000 lines are shown/);
  });

  it('a poll budget splits a long read over several polls, continuing from the cursor', async () => {
    const id = startBuild(sb, { SANDBOX_LOG_LINES: '3000' });
    runToEnd(sb, id);
    const model = new BuildLogModel(source(session), id, { pageLimit: 250, pollBudget: 1000, appendEvents: 500 });
    let polls = 0;
    while (!model.finished && polls < 20) {
      await model.poll();
      polls++;
    }
    assert.ok(polls >= 3, `${polls} polls`);
    assert.ok(model.lineCount > 3000);
    assert.strictEqual(new Set(model.text().split('\n').filter((l) => l.startsWith('[build] step'))).size, 3000, 'no line twice');
  });

  it('loads a 100,000-line log (figures printed)', async () => {
    const id = startBuild(sb, { SANDBOX_LOG_LINES: '100000' });
    runToEnd(sb, id);
    const model = new BuildLogModel(source(session), id);
    let pages = 0;
    let longestGapMs = 0;
    let last = performance.now();
    model.onDidChange(() => {
      pages++;
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
    });
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    await model.poll();
    const ms = performance.now() - t0;
    const text = model.text();
    const heapAfter = process.memoryUsage().heapUsed;
    assert.strictEqual(model.state, 'done');
    assert.ok(model.lineCount > 100_000);
    assert.ok(model.phases.find('BUILD')!.endLine - model.phases.find('BUILD')!.startLine > 100_000);
    console.log(
      `      100k-line log: ${model.lineCount} lines, ${(text.length / 1e6).toFixed(1)} MB text, loaded in ${ms.toFixed(0)} ms ` +
        `over ${model.stats.reads} reads / ${pages} appended pages (longest wait between pages ${longestGapMs.toFixed(0)} ms), heap +${((heapAfter - heapBefore) / 1e6).toFixed(0)} MB`,
    );
  });
});
