import * as assert from 'assert';
import { RefreshScheduler, type PollTarget } from '../../../src/refresh/scheduler';
import { FakeTimers } from '../../../src/refresh/timers';

const settings = { activeIntervalMs: 5_000, idleIntervalMs: 60_000, unfocusedFactor: 4, maxBackoffMs: 300_000 };

function target(id: string, over: Partial<PollTarget> & { active?: () => boolean } = {}): PollTarget & { polls: number } {
  const t = {
    id,
    owner: over.owner ?? 'view:builds',
    whenSettled: over.whenSettled ?? 'never',
    isActive: over.active ?? (() => true),
    batch: over.batch,
    polls: 0,
    poll: over.poll,
  } as PollTarget & { polls: number };
  if (!over.poll && !over.batch) {
    t.poll = () => {
      t.polls++;
      return Promise.resolve();
    };
  }
  return t;
}

describe('RefreshScheduler (fake clock)', () => {
  let timers: FakeTimers;
  let s: RefreshScheduler;
  beforeEach(() => {
    timers = new FakeTimers();
    s = new RefreshScheduler(settings, timers);
  });
  afterEach(() => s.dispose());

  it('polls an active target every active interval while its owner is visible', async () => {
    const t = target('a');
    s.watch(t);
    s.setVisible('view:builds', true);
    await timers.advance(60_000);
    assert.strictEqual(t.polls, 12);
  });

  it('makes no calls and holds no timer when no owner is visible', async () => {
    const t = target('a');
    s.watch(t);
    await timers.advance(600_000);
    assert.strictEqual(t.polls, 0);
    assert.strictEqual(s.hasTimer, false);
    assert.strictEqual(timers.timerCount, 0);
    s.setVisible('view:builds', true);
    assert.strictEqual(s.hasTimer, true);
    s.setVisible('view:builds', false);
    assert.strictEqual(timers.timerCount, 0);
  });

  it('stops polling a target once it settles, and polls "slow" targets at the idle interval', async () => {
    let running = true;
    const build = target('build', { active: () => running });
    const list = target('list', { active: () => false, whenSettled: 'slow' });
    s.watch(build);
    s.watch(list);
    s.setVisible('view:builds', true);
    await timers.advance(10_000);
    running = false;
    await timers.advance(600_000);
    assert.strictEqual(build.polls, 2); // at 5 s and 10 s; settled after that, so never again
    assert.strictEqual(list.polls, 10);
  });

  it('batches every due target of one key into one call', async () => {
    const calls: string[][] = [];
    s.registerBatchPoller('builds:conn1', (items) => {
      calls.push(items);
      return Promise.resolve();
    });
    for (let i = 0; i < 50; i++) s.watch(target(`b${i}`, { batch: { key: 'builds:conn1', item: `id-${i}` } }));
    s.setVisible('view:builds', true);
    await timers.advance(60_000);
    assert.strictEqual(calls.length, 12);
    assert.ok(calls.every((c) => c.length === 50));
    assert.strictEqual(s.stats.calls, 12);
  });

  it('polls a quarter as often when the window is not focused', async () => {
    const t = target('a');
    s.watch(t);
    s.setVisible('view:builds', true);
    s.setFocused(false);
    await timers.advance(60_000);
    assert.strictEqual(t.polls, 3);
  });

  it('backs off on throttling with jitter and resumes its interval after a success', async () => {
    let fail = true;
    const t = target('a', {
      poll: () => {
        t.polls++;
        return fail ? Promise.reject(Object.assign(new Error('Rate exceeded'), { kind: 'throttled' })) : Promise.resolve();
      },
    });
    s.watch(t);
    s.setVisible('view:builds', true);
    await timers.advance(5_000); // first failure
    await timers.advance(60_000);
    const duringBackoff = t.polls;
    assert.ok(duringBackoff < 6, `backed off: ${duringBackoff} polls in 65 s`);
    fail = false;
    await timers.advance(300_000);
    const before = t.polls;
    await timers.advance(50_000);
    assert.strictEqual(t.polls - before, 10, 'back to every 5 s after a success');
  });

  it('watches a boosted target closely even when it looks settled', async () => {
    const t = target('a', { active: () => false });
    s.watch(t);
    s.setVisible('view:builds', true);
    await timers.advance(30_000);
    assert.strictEqual(t.polls, 0);
    s.boost('a', 20_000);
    await timers.advance(60_000);
    assert.strictEqual(t.polls, 4); // 1 s, 6 s, 11 s, 16 s after the boost; it ends at 20 s
  });

  it('never runs two polls of one target at once', async () => {
    let release: () => void = () => undefined;
    const t = target('a', {
      poll: () => {
        t.polls++;
        return new Promise<void>((r) => (release = r));
      },
    });
    s.watch(t);
    s.setVisible('view:builds', true);
    await timers.advance(30_000);
    assert.strictEqual(t.polls, 1);
    release();
    await timers.advance(5_000);
    assert.strictEqual(t.polls, 2);
  });

  it('releases its timer when the last target is disposed', () => {
    const h = s.watch(target('a'));
    s.setVisible('view:builds', true);
    assert.strictEqual(timers.timerCount, 1);
    h.dispose();
    assert.strictEqual(timers.timerCount, 0);
  });
});
