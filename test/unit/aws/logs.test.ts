import * as assert from 'assert';
import type { AwsSession } from '../../../src/aws/session';
import type { LogEvent } from '../../../src/model/logs';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { startSandbox } from '../../helpers/sandbox';
import { sandboxSession } from './helpers';

describe('aws/logs follower against the Sandbox', () => {
  let sb: Sandbox;
  let s: AwsSession;
  const stream = { groupName: '/aws/codebuild/app', streamName: 'build-1' };

  before(async () => {
    sb = await startSandbox();
    sb.logs.ensureStream(stream.groupName, stream.streamName);
    sb.logs.appendEvents(
      stream.groupName,
      stream.streamName,
      Array.from({ length: 2500 }, (_, i) => ({ timestamp: 1_700_000_000_000 + i, message: `line ${i}` })),
    );
  });
  beforeEach(() => (s = sandboxSession(sb)));
  afterEach(() => s.dispose());
  after(() => sb.stop());

  it('reads a stream from the head in pages until the token comes back unchanged', async () => {
    const events = await s.logs.readAll(stream);
    assert.strictEqual(events.length, 2500);
    assert.strictEqual(events[0].message, 'line 0');
    assert.strictEqual(events[2499].message, 'line 2499');
  });

  it('readAvailable holds at most maxEvents, then continues where it stopped', async () => {
    const cursor = s.logs.cursor(stream, { pageLimit: 500 });
    const first = await cursor.readAvailable(1000);
    assert.strictEqual(first.events.length, 1000);
    assert.strictEqual(first.caughtUp, false);
    const rest = await cursor.readAvailable(10_000);
    assert.strictEqual(rest.events.length, 1500);
    assert.strictEqual(rest.caughtUp, true);
    assert.strictEqual(rest.events[0].message, 'line 1000');
    const again = await cursor.readAvailable();
    assert.deepStrictEqual([again.events.length, again.caughtUp], [0, true]);
  });

  it('follows a growing stream, yields pages, and ends after the writer is done (one final read)', async () => {
    const live = { groupName: '/aws/codebuild/app', streamName: 'live' };
    let done = false;
    let polls = 0;
    const got: LogEvent[] = [];
    const sleep = () => {
      polls++;
      if (polls === 1) {
        sb.logs.ensureStream(live.groupName, live.streamName);
        sb.logs.appendEvents(live.groupName, live.streamName, [{ timestamp: 1, message: 'first' }]);
      } else if (polls === 2) {
        sb.logs.appendEvents(live.groupName, live.streamName, [{ timestamp: 2, message: 'second' }]);
      } else if (polls === 3) {
        sb.logs.appendEvents(live.groupName, live.streamName, [{ timestamp: 3, message: 'last' }]);
        done = true;
      }
      return Promise.resolve();
    };
    for await (const batch of s.logs.follow(live, { isDone: () => done, sleep, pageLimit: 100 })) {
      assert.ok(batch.length <= 100);
      got.push(...batch);
    }
    assert.deepStrictEqual(
      got.map((e) => e.message),
      ['first', 'second', 'last'],
    );
    assert.ok(polls <= 4, `polls: ${polls}`);
  });

  it('never loops forever: stops after maxIdlePolls empty polls, or when aborted', async () => {
    let polls = 0;
    const sleep = () => {
      polls++;
      return Promise.resolve();
    };
    const batches: LogEvent[][] = [];
    for await (const b of s.logs.follow(stream, { maxIdlePolls: 5, sleep, pageLimit: 10_000 })) batches.push(b);
    assert.strictEqual(batches.flat().length, 2500);
    assert.strictEqual(polls, 4, 'four sleeps between five empty polls');
    const ac = new AbortController();
    let n = 0;
    for await (const b of s.logs.follow(stream, { signal: ac.signal, pageLimit: 1000 })) {
      n += b.length;
      ac.abort();
    }
    assert.strictEqual(n, 1000);
  });
});
