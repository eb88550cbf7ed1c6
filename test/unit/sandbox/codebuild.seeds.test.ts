import * as assert from 'assert';
import { BatchGetBuildsCommand, BatchGetProjectsCommand, CodeBuildClient, ListProjectsCommand, paginateListBuilds } from '@aws-sdk/client-codebuild';
import { CloudWatchLogsClient, DescribeLogStreamsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { seedDemoBuilds } from '../../../src/sandbox/seeds/demoBuild';
import { seedScaleBuilds } from '../../../src/sandbox/seeds/scaleBuild';
import { clientConfig, startSandbox } from '../../helpers/sandbox';

describe('sandbox CodeBuild seeds', () => {
  let sb: Sandbox;
  let cb: CodeBuildClient;
  let logs: CloudWatchLogsClient;
  before(async () => {
    sb = await startSandbox();
    cb = new CodeBuildClient(clientConfig(sb));
    logs = new CloudWatchLogsClient(clientConfig(sb));
  });
  after(async () => {
    cb.destroy();
    logs.destroy();
    await sb.stop();
  });
  beforeEach(() => sb.reset('empty'));

  it('demo: 5 projects on the demo repositories, 20+ finished builds with logs, one failing project, one running build', async () => {
    seedDemoBuilds(sb);
    const { projects } = await cb.send(new ListProjectsCommand({}));
    assert.deepStrictEqual(projects, ['api-service', 'infra-templates', 'mobile-app', 'payments-worker', 'web-app']);
    const got = await cb.send(new BatchGetProjectsCommand({ names: projects }));
    const web = got.projects!.find((p) => p.name === 'web-app')!;
    assert.strictEqual(web.source!.location, 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/web-app');
    assert.strictEqual(web.sourceVersion, 'refs/heads/main');
    assert.strictEqual(got.projects!.find((p) => p.name === 'infra-templates')!.source!.location, 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/infra');
    assert.strictEqual(got.projects!.find((p) => p.name === 'mobile-app')!.source!.type, 'CODEPIPELINE');

    const ids: string[] = [];
    for await (const p of paginateListBuilds({ client: cb }, {})) ids.push(...p.ids!);
    const builds = (await cb.send(new BatchGetBuildsCommand({ ids }))).builds!;
    const finished = builds.filter((b) => b.buildComplete);
    assert.ok(finished.length >= 20, `${finished.length} finished builds`);
    const statuses = new Set(finished.map((b) => b.buildStatus));
    assert.ok(statuses.has('SUCCEEDED') && statuses.has('FAILED') && statuses.has('STOPPED'), [...statuses].join());
    assert.deepStrictEqual(builds.filter((b) => !b.buildComplete).map((b) => b.projectName), ['web-app']);
    const starts = builds.map((b) => b.startTime!.getTime());
    assert.deepStrictEqual(starts, [...starts].sort((a, b) => b - a), 'ListBuilds is newest first');

    const failing = builds.find((b) => b.projectName === 'payments-worker' && b.buildStatus === 'FAILED')!;
    const log = await logs.send(new GetLogEventsCommand({ logGroupName: failing.logs!.groupName, logStreamName: failing.logs!.streamName, startFromHead: true }));
    const text = log.events!.map((e) => e.message).join('\n');
    assert.match(text, /Phase complete: BUILD State: FAILED/);
    assert.ok(failing.reportArns?.length);

    // The scripted project fails its next build too.
    const next = sb.codebuild.startBuildInternal('payments-worker', {});
    sb.advance(300_000);
    assert.strictEqual(sb.codebuild.getBuildSummary(next.id)?.failure?.phase, 'BUILD');
  });

  it('scale: 200 projects x 50 builds with 50 running, logs written when first read', async function () {
    this.timeout(60_000);
    const t0 = Date.now();
    seedScaleBuilds(sb, { projects: 200, buildsPerProject: 50, runningBuilds: 50 });
    const ms = Date.now() - t0;
    console.log(`      scale seed: 200 projects, 10,050 builds in ${ms} ms`);
    assert.strictEqual(sb.codebuild.buildCount(), 10_050);
    // Finished builds are listed at once and made when first read; only the 50 running ones exist in full.
    assert.strictEqual(Object.keys(sb.codebuild.state.stubs).length, 10_000);
    assert.strictEqual(Object.keys(sb.codebuild.state.builds).length, 50);
    assert.strictEqual(sb.codebuild.state.running.length, 50);
    const ids: string[] = [];
    let pages = 0;
    for await (const p of paginateListBuilds({ client: cb }, {})) {
      ids.push(...p.ids!);
      pages++;
    }
    assert.deepStrictEqual([ids.length, pages], [10_050, 101]);
    const old = (await cb.send(new BatchGetBuildsCommand({ ids: ids.slice(5000, 5001) }))).builds![0];
    assert.strictEqual(old.buildComplete, true);
    assert.strictEqual(Object.keys(sb.codebuild.state.stubs).length, 9_999, 'one build made by its first read');
    const again = (await cb.send(new BatchGetBuildsCommand({ ids: ids.slice(5000, 5001) }))).builds![0];
    assert.deepStrictEqual(again, old, 'the same build on every read');
    assert.ok(old.phases!.length >= 8 && old.endTime! > old.startTime! && old.endTime!.getTime() < Date.now());
    assert.match(old.id!, /^svc-\d{4}:[0-9a-f-]{36}$/);
    assert.strictEqual(old.arn, `arn:aws:codebuild:us-east-1:123456789012:build/${old.id}`);
    // Build numbers count up per project in start order, made or not.
    const project = old.projectName!;
    const mine = ids.filter((id) => id.startsWith(`${project}:`)).slice(0, 3);
    const numbers = (await cb.send(new BatchGetBuildsCommand({ ids: mine }))).builds!.map((b) => b.buildNumber);
    assert.deepStrictEqual(numbers, [51, 50, 49], 'newest first: the running build, then 50 and 49');
    const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: old.logs!.groupName, logStreamNamePrefix: old.logs!.streamName }));
    assert.ok(streams.logStreams![0].lastEventTimestamp);
    const log = await logs.send(new GetLogEventsCommand({ logGroupName: old.logs!.groupName, logStreamName: old.logs!.streamName, startFromHead: true }));
    assert.match(log.events!.map((e) => e.message).join('\n'), /Phase complete: UPLOAD_ARTIFACTS|State: FAILED/);
  });
});
