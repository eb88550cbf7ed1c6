import * as assert from 'assert';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  paginateDescribeLogGroups,
  paginateDescribeLogStreams,
  paginateFilterLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { assertMatchesModel } from '../../helpers/modelCheck';
import { clientConfig, rawCall, startSandbox } from '../../helpers/sandbox';

const AUTH = { Authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/logs/aws4_request' };

async function raw(sb: Sandbox, op: string, body: unknown) {
  const r = await rawCall(sb, `Logs_20140328.${op}`, JSON.stringify(body), AUTH);
  if (r.status === 200) assertMatchesModel('logs', op, r.json);
  return r;
}

async function rejects(p: Promise<unknown>, name: string, message?: RegExp): Promise<void> {
  await assert.rejects(p, (e: Error) => {
    assert.strictEqual(e.name, name, e.message);
    if (message) assert.match(e.message, message);
    return true;
  });
}

describe('sandbox CloudWatch Logs', () => {
  let sb: Sandbox;
  let logs: CloudWatchLogsClient;
  before(async () => {
    sb = await startSandbox();
    logs = new CloudWatchLogsClient(clientConfig(sb));
  });
  after(async () => {
    logs.destroy();
    await sb.stop();
  });
  beforeEach(() => sb.reset('empty'));

  it('creates groups and streams, refuses duplicates and unknown groups', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/app/web' }));
    await rejects(logs.send(new CreateLogGroupCommand({ logGroupName: '/app/web' })), 'ResourceAlreadyExistsException');
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/app/web', logStreamName: 's1' }));
    await rejects(logs.send(new CreateLogStreamCommand({ logGroupName: '/app/web', logStreamName: 's1' })), 'ResourceAlreadyExistsException');
    await rejects(logs.send(new CreateLogStreamCommand({ logGroupName: '/nope', logStreamName: 's1' })), 'ResourceNotFoundException', /log group does not exist/);
    assert.deepStrictEqual((await raw(sb, 'CreateLogGroup', { logGroupName: '/raw' })).json, {});
    assert.strictEqual((await raw(sb, 'CreateLogStream', { logGroupName: '/raw', logStreamName: 'x' })).status, 200);
  });

  it('validates names, limits and mutually exclusive members with InvalidParameterException', async () => {
    await rejects(logs.send(new CreateLogGroupCommand({ logGroupName: 'bad name!' })), 'InvalidParameterException', /regular expression pattern/);
    await rejects(logs.send(new CreateLogGroupCommand({ logGroupName: 'x'.repeat(513) })), 'InvalidParameterException', /less than or equal to 512/);
    await rejects(logs.send(new CreateLogStreamCommand({ logGroupName: '/g', logStreamName: 'a:b' })), 'InvalidParameterException');
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/g' }));
    await rejects(logs.send(new GetLogEventsCommand({ logGroupName: '/g', logGroupIdentifier: '/g', logStreamName: 's' })), 'InvalidParameterException', /mutually exclusive/);
    await rejects(logs.send(new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 's', limit: 10001 })), 'InvalidParameterException');
    await rejects(logs.send(new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 's' })), 'ResourceNotFoundException', /log stream does not exist/);
    await rejects(logs.send(new DescribeLogGroupsCommand({ limit: 51 })), 'InvalidParameterException');
    await rejects(logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/g', logGroupNamePattern: 'g' })), 'InvalidParameterException');
    const tooMany = Array.from({ length: 101 }, (_, i) => `s${i}`);
    await rejects(logs.send(new FilterLogEventsCommand({ logGroupName: '/g', logStreamNames: tooMany })), 'InvalidParameterException', /less than or equal to 100/);
    await rejects(logs.send(new FilterLogEventsCommand({ logGroupName: '/g', logStreamNames: ['a'], logStreamNamePrefix: 'a' })), 'InvalidParameterException');
    await rejects(logs.send(new FilterLogEventsCommand({ logGroupName: '/missing' })), 'ResourceNotFoundException');
    await rejects(
      logs.send(new DescribeLogGroupsCommand({ nextToken: 'garbage' })),
      'InvalidParameterException',
    );
  });

  it('PutLogEvents stores events, rejects out-of-order batches and reports too old / too new events', async () => {
    const now = sb.clock.now();
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/g' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/g', logStreamName: 's' }));
    const put = await raw(sb, 'PutLogEvents', { logGroupName: '/g', logStreamName: 's', logEvents: [{ timestamp: now - 1000, message: 'one' }, { timestamp: now, message: 'two' }] });
    assert.strictEqual(put.status, 200);
    assert.ok(put.json.nextSequenceToken);
    await rejects(
      logs.send(new PutLogEventsCommand({ logGroupName: '/g', logStreamName: 's', logEvents: [{ timestamp: now, message: 'b' }, { timestamp: now - 5, message: 'a' }] })),
      'InvalidParameterException',
      /chronological/,
    );
    await rejects(logs.send(new PutLogEventsCommand({ logGroupName: '/g', logStreamName: 's', logEvents: [] })), 'InvalidParameterException', /greater than or equal to 1/);
    await rejects(logs.send(new PutLogEventsCommand({ logGroupName: '/g', logStreamName: 'missing', logEvents: [{ timestamp: now, message: 'x' }] })), 'ResourceNotFoundException');
    const partial = await raw(sb, 'PutLogEvents', {
      logGroupName: '/g',
      logStreamName: 's',
      logEvents: [
        { timestamp: now - 15 * 86_400_000, message: 'ancient' },
        { timestamp: now + 1, message: 'three' },
        { timestamp: now + 3 * 3_600_000, message: 'future' },
      ],
    });
    assert.deepStrictEqual(partial.json.rejectedLogEventsInfo, { tooOldLogEventEndIndex: 1, tooNewLogEventStartIndex: 2 });
    const r = await logs.send(new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 's', startFromHead: true }));
    assert.deepStrictEqual(r.events?.map((e) => e.message), ['one', 'two', 'three']);
    assert.ok(r.events?.every((e) => typeof e.ingestionTime === 'number'));
  });

  it('describes groups and streams with prefixes, ordering and pagination', async () => {
    for (let i = 0; i < 60; i++) await logs.send(new CreateLogGroupCommand({ logGroupName: `/aws/codebuild/p${String(i).padStart(2, '0')}` }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/other' }));
    const names: string[] = [];
    for await (const p of paginateDescribeLogGroups({ client: logs, pageSize: 25 }, { logGroupNamePrefix: '/aws/codebuild/' })) names.push(...(p.logGroups ?? []).map((g) => g.logGroupName!));
    assert.strictEqual(names.length, 60);
    assert.deepStrictEqual(names, [...names].sort());
    const first = await raw(sb, 'DescribeLogGroups', {});
    assert.strictEqual((first.json.logGroups as unknown[]).length, 50);
    assert.ok(first.json.nextToken);
    const pattern = await raw(sb, 'DescribeLogGroups', { logGroupNamePattern: 'other' });
    assert.deepStrictEqual(Object.keys((pattern.json.logGroups as object[])[0]).sort(), ['arn', 'creationTime', 'logGroupName']);

    const g = '/aws/codebuild/p00';
    for (let i = 0; i < 120; i++) {
      sb.logs.appendEvents(g, `stream-${String(i).padStart(3, '0')}`, [{ timestamp: sb.clock.now() - (120 - i) * 1000 + (i % 2 ? 50_000 : 0), message: `m${i}` }]);
    }
    const streams: string[] = [];
    for await (const p of paginateDescribeLogStreams({ client: logs }, { logGroupName: g })) streams.push(...(p.logStreams ?? []).map((s) => s.logStreamName!));
    assert.strictEqual(streams.length, 120);
    assert.deepStrictEqual(streams, [...streams].sort());
    const byTime = await raw(sb, 'DescribeLogStreams', { logGroupName: g, orderBy: 'LastEventTime', descending: true, limit: 5 });
    const times = (byTime.json.logStreams as { lastEventTimestamp: number }[]).map((s) => s.lastEventTimestamp);
    assert.deepStrictEqual(times, [...times].sort((a, b) => b - a));
    const prefixed = await raw(sb, 'DescribeLogStreams', { logGroupIdentifier: `arn:aws:logs:us-east-1:123456789012:log-group:${g}`, logStreamNamePrefix: 'stream-11' });
    assert.strictEqual((prefixed.json.logStreams as unknown[]).length, 10);
    await rejects(logs.send(new DescribeLogStreamsCommand({ logGroupName: g, orderBy: 'LastEventTime', logStreamNamePrefix: 's' })), 'InvalidParameterException');
  });

  it('GetLogEvents returns the same forward token at the end and picks up events appended later', async () => {
    const t0 = sb.clock.now();
    sb.logs.appendEvents('/g', 's', Array.from({ length: 25 }, (_, i) => ({ timestamp: t0 + i, message: `line ${i}` })));
    const head = await raw(sb, 'GetLogEvents', { logGroupName: '/g', logStreamName: 's', startFromHead: true, limit: 10 });
    assert.deepStrictEqual((head.json.events as { message: string }[]).map((e) => e.message).slice(0, 2), ['line 0', 'line 1']);
    assert.match(head.json.nextForwardToken as string, /^f\/\d{56}\/s$/);
    assert.match(head.json.nextBackwardToken as string, /^b\/\d{56}\/s$/);
    let token = head.json.nextForwardToken as string;
    const seen = (head.json.events as unknown[]).length;
    let total = seen;
    for (;;) {
      const r = await logs.send(new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 's', startFromHead: true, nextToken: token, limit: 10 }));
      total += r.events!.length;
      if (r.nextForwardToken === token) {
        assert.strictEqual(r.events!.length, 0);
        break;
      }
      token = r.nextForwardToken!;
    }
    assert.strictEqual(total, 25);
    // Same token again: still caught up.
    const again = await logs.send(new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 's', startFromHead: true, nextToken: token }));
    assert.deepStrictEqual([again.events!.length, again.nextForwardToken], [0, token]);
    // The log grows: the same token now returns the new events.
    sb.logs.appendEvents('/g', 's', [{ timestamp: t0 + 100, message: 'late 1' }, { timestamp: t0 + 101, message: 'late 2' }]);
    const grown = await logs.send(new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 's', startFromHead: true, nextToken: token }));
    assert.deepStrictEqual(grown.events!.map((e) => e.message), ['late 1', 'late 2']);
    assert.notStrictEqual(grown.nextForwardToken, token);

    // Default (startFromHead false): the latest events; backward tokens walk to the head and then repeat.
    const tail = await logs.send(new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 's', limit: 5 }));
    assert.deepStrictEqual(tail.events!.map((e) => e.message), ['line 22', 'line 23', 'line 24', 'late 1', 'late 2']);
    let back = tail.nextBackwardToken!;
    let backCount = 0;
    for (;;) {
      const r = await logs.send(new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 's', nextToken: back, limit: 7 }));
      backCount += r.events!.length;
      if (r.nextBackwardToken === back) break;
      back = r.nextBackwardToken!;
    }
    assert.strictEqual(backCount, 22);
    await rejects(logs.send(new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 's', nextToken: 'f/bogus' })), 'InvalidParameterException');
  });

  it('GetLogEvents filters by startTime (inclusive) and endTime (exclusive)', async () => {
    const t0 = 1_800_000_000_000;
    sb.logs.appendEvents('/g', 's', Array.from({ length: 10 }, (_, i) => ({ timestamp: t0 + i * 1000, message: `e${i}` })));
    const r = await logs.send(new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 's', startTime: t0 + 2000, endTime: t0 + 5000, startFromHead: true }));
    assert.deepStrictEqual(r.events!.map((e) => e.message), ['e2', 'e3', 'e4']);
    const next = await logs.send(new GetLogEventsCommand({ logGroupName: '/g', logStreamName: 's', startTime: t0 + 2000, endTime: t0 + 5000, startFromHead: true, nextToken: r.nextForwardToken }));
    assert.deepStrictEqual([next.events!.length, next.nextForwardToken], [0, r.nextForwardToken]);
  });

  it('FilterLogEvents matches terms across streams in time order, with stream selection and pagination', async () => {
    const t0 = sb.clock.now() - 60_000;
    for (const s of ['a', 'b', 'c']) {
      sb.logs.appendEvents('/g', s, Array.from({ length: 300 }, (_, i) => ({ timestamp: t0 + i * 10, message: i % 3 === 0 ? `ERROR ${s} ${i} failed` : `INFO ${s} ${i} ok` })));
    }
    const errors: { logStreamName?: string; timestamp?: number; message?: string }[] = [];
    let pages = 0;
    for await (const p of paginateFilterLogEvents({ client: logs, pageSize: 70 }, { logGroupName: '/g', filterPattern: 'ERROR failed' })) {
      pages++;
      errors.push(...(p.events ?? []));
    }
    assert.strictEqual(errors.length, 300);
    assert.ok(pages >= 5);
    const keys = errors.map((e) => `${e.timestamp}:${e.logStreamName}`);
    assert.strictEqual(new Set(keys).size, 300, 'no duplicates across pages');
    for (let i = 1; i < errors.length; i++) assert.ok(errors[i - 1].timestamp! <= errors[i].timestamp!);

    const only = await raw(sb, 'FilterLogEvents', { logGroupName: '/g', logStreamNames: ['b'], filterPattern: '"b 3 failed"' });
    assert.deepStrictEqual((only.json.events as { message: string }[]).map((e) => e.message), ['ERROR b 3 failed']);
    const orTerms = await logs.send(new FilterLogEventsCommand({ logGroupName: '/g', logStreamNamePrefix: 'c', filterPattern: '?"c 6 " ?"c 9 "', startTime: t0, endTime: t0 + 90 }));
    assert.deepStrictEqual(orTerms.events!.map((e) => e.message), ['ERROR c 6 failed', 'ERROR c 9 failed']);
    const excluded = await logs.send(new FilterLogEventsCommand({ logGroupName: '/g', logStreamNames: ['a'], filterPattern: 'INFO -ok' }));
    assert.strictEqual(excluded.events!.length, 0);
    const newest = await logs.send(new FilterLogEventsCommand({ logGroupName: '/g', startFromHead: false, limit: 3, filterPattern: 'ERROR' }));
    assert.deepStrictEqual(newest.events!.map((e) => e.message), ['ERROR c 297 failed', 'ERROR b 297 failed', 'ERROR a 297 failed']);
    const older = await logs.send(new FilterLogEventsCommand({ logGroupName: '/g', startFromHead: false, limit: 3, filterPattern: 'ERROR', nextToken: newest.nextToken }));
    assert.deepStrictEqual(older.events!.map((e) => e.message), ['ERROR c 294 failed', 'ERROR b 294 failed', 'ERROR a 294 failed']);
  });

  it('reads a 100,000-line stream through GetLogEvents pages', async function () {
    this.timeout(60_000);
    const t0 = sb.clock.now() - 3_600_000;
    const built = Date.now();
    const batch: { timestamp: number; message: string }[] = [];
    for (let i = 0; i < 100_000; i++) batch.push({ timestamp: t0 + Math.floor(i / 10), message: `[Container] 2026/11/26 08:00:00.123456 line ${i} of a long build output with some text` });
    sb.logs.appendEvents('/aws/codebuild/big', 'stream', batch);
    const appendMs = Date.now() - built;
    const started = Date.now();
    let token: string | undefined;
    let count = 0;
    let calls = 0;
    for (;;) {
      const r = await logs.send(new GetLogEventsCommand({ logGroupName: '/aws/codebuild/big', logStreamName: 'stream', startFromHead: true, nextToken: token }));
      calls++;
      count += r.events!.length;
      if (r.nextForwardToken === token) break;
      token = r.nextForwardToken;
    }
    const ms = Date.now() - started;
    console.log(`      100,000-line log: appended in ${appendMs} ms, read in ${calls} GetLogEvents calls in ${ms} ms`);
    assert.strictEqual(count, 100_000);
  });
});
