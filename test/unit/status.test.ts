import * as assert from 'assert';
import { isActive, normaliseStatus, statusIcon } from '../../src/model/status';

describe('model/status', () => {
  it('maps every service status family to one normalised status', () => {
    assert.strictEqual(normaliseStatus('IN_PROGRESS'), 'running');
    assert.strictEqual(normaliseStatus('FAULT'), 'failed');
    assert.strictEqual(normaliseStatus('TIMED_OUT'), 'failed');
    assert.strictEqual(normaliseStatus('Superseded'), 'skipped');
    assert.strictEqual(normaliseStatus('Ready'), 'waiting');
    assert.strictEqual(normaliseStatus('Abandoned'), 'stopped');
    assert.strictEqual(normaliseStatus(undefined), 'unknown');
    assert.strictEqual(normaliseStatus('SomethingNew'), 'unknown');
  });

  it('gives running a spinning icon and failures the failed colour', () => {
    assert.strictEqual(statusIcon('running').icon, 'sync~spin');
    assert.strictEqual(statusIcon('failed').color, 'testing.iconFailed');
  });

  it('treats only queued, running and waiting as active', () => {
    assert.deepStrictEqual(
      (['queued', 'running', 'succeeded', 'failed', 'stopped', 'waiting', 'skipped', 'unknown'] as const).filter(isActive),
      ['queued', 'running', 'waiting'],
    );
  });
});
