import * as assert from 'assert';
import { buildEventKey, EventDeduper, executionEventKey, parseLevel, shouldNotify, type RunEventKind } from '../../../src/notifications/policy';
import { parseOpenLogArgs } from '../../../src/logs/openArgs';

const c = { profile: 'Sandbox account', region: 'us-east-1', endpoint: 'http://127.0.0.1:4566' };

describe('notifications: levels and dedupe', () => {
  it('levels: all, failures and approvals (default), none', () => {
    const kinds: RunEventKind[] = ['succeeded', 'failed', 'stopped', 'approval'];
    assert.deepStrictEqual(kinds.filter((k) => shouldNotify('all', k)), kinds);
    assert.deepStrictEqual(kinds.filter((k) => shouldNotify('failuresAndApprovals', k)), ['failed', 'approval']);
    assert.deepStrictEqual(kinds.filter((k) => shouldNotify('none', k)), []);
    assert.strictEqual(parseLevel(undefined), 'failuresAndApprovals');
    assert.strictEqual(parseLevel('garbage'), 'failuresAndApprovals');
    assert.strictEqual(parseLevel('off'), 'none');
    assert.strictEqual(parseLevel('all'), 'all');
  });

  it('never the same event twice: keys name the run and what happened to it', () => {
    const d = new EventDeduper();
    const approval = executionEventKey(c, 'web', 'e1', 'approval', 'Approval/Approve');
    assert.ok(d.firstTime(approval));
    assert.ok(!d.firstTime(approval));
    assert.ok(!d.firstTime(executionEventKey(c, 'web', 'e1', 'approval', 'Approval/Approve')), 'the status bar and the panel seeing it both');
    assert.ok(d.firstTime(executionEventKey(c, 'web', 'e1', 'approval', 'Approval2/Approve')), 'a second approval of the same run');
    assert.ok(d.firstTime(executionEventKey(c, 'web', 'e1', 'succeeded')));
    assert.ok(d.firstTime(executionEventKey(c, 'web', 'e2', 'succeeded')));
    assert.ok(d.firstTime(executionEventKey({ ...c, region: 'eu-west-1' }, 'web', 'e2', 'succeeded')), 'another connection');
    assert.ok(d.firstTime(buildEventKey(c, 'p:1', 'failed')));
    assert.ok(!d.firstTime(buildEventKey(c, 'p:1', 'failed')));
  });

  it('remembers a bounded number of keys (oldest forgotten first)', () => {
    const d = new EventDeduper(3);
    for (const k of ['a', 'b', 'c', 'd']) assert.ok(d.firstTime(k));
    assert.ok(!d.firstTime('d'));
    assert.ok(d.firstTime('a'), 'a was forgotten');
  });
});

describe('build log command arguments', () => {
  it('accepts (connection, buildId, phase), objects, build nodes, phase objects and CodeBuild actions', () => {
    assert.deepStrictEqual(parseOpenLogArgs([c, 'web:1', 'BUILD']), { connection: c, buildId: 'web:1', phase: 'BUILD' });
    assert.deepStrictEqual(parseOpenLogArgs([{ connection: c, buildId: 'web:1' }]), { connection: c, buildId: 'web:1' });
    assert.deepStrictEqual(parseOpenLogArgs([{ connection: c, build: { id: 'web:2' }, phase: { type: 'INSTALL' } }]), { connection: c, buildId: 'web:2', phase: 'INSTALL' });
    assert.deepStrictEqual(parseOpenLogArgs([{ connection: c, action: { provider: 'CodeBuild', externalExecutionId: 'web:3' } }]), { connection: c, buildId: 'web:3' });
    // the Builds view's phase node, as its context menu passes it
    assert.deepStrictEqual(parseOpenLogArgs([{ connection: c, phase: { type: 'BUILD', status: 'failed' }, buildId: 'web:4' }]), { connection: c, buildId: 'web:4', phase: 'BUILD' });
    for (const bad of [[], [undefined], ['web:1'], [{ buildId: 'web:1' }], [{ connection: c }], [{ connection: c, buildId: 'no-colon' }], [{ connection: { profile: 'x' }, buildId: 'a:b' }]])
      assert.strictEqual(parseOpenLogArgs(bad), undefined, JSON.stringify(bad));
  });
});
