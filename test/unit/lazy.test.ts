import * as assert from 'assert';
import { Lazy } from '../../src/lazy';

describe('Lazy: a part of the extension created on first use', () => {
  const part = () => {
    const made: { disposed: boolean }[] = [];
    const lazy = new Lazy(() => {
      const p = { disposed: false, dispose: () => (p.disposed = true) };
      made.push(p);
      return p;
    });
    return { lazy, made };
  };
  const unexpected = (e: unknown) => assert.fail(`unexpected error: ${String(e)}`);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('creates the part once, on the first get()', () => {
    const { lazy, made } = part();
    assert.strictEqual(lazy.loaded, false);
    assert.strictEqual(made.length, 0);
    assert.strictEqual(lazy.get(), lazy.get());
    assert.strictEqual(made.length, 1);
    assert.strictEqual(lazy.loaded, true);
  });

  it('soon() creates it after the delay, unless get() came first; a failure goes to onError', async () => {
    const { lazy, made } = part();
    lazy.soon(20, unexpected);
    assert.strictEqual(made.length, 0);
    await sleep(60);
    assert.strictEqual(made.length, 1);

    const early = part();
    early.lazy.soon(20, unexpected);
    early.lazy.get();
    await sleep(60);
    assert.strictEqual(early.made.length, 1, 'created by get(), not again by the timer');

    const errors: unknown[] = [];
    const failing = new Lazy<{ dispose(): void }>(() => {
      throw new Error('chunk missing');
    });
    failing.soon(5, (e) => errors.push(e));
    await sleep(40);
    assert.match(String(errors[0]), /chunk missing/);
  });

  it('dispose() disposes what was created, stops a pending soon(), and get() after it throws', async () => {
    const { lazy, made } = part();
    lazy.get();
    lazy.dispose();
    assert.strictEqual(made[0].disposed, true);
    assert.throws(() => lazy.get(), /disposed/);

    const pending = part();
    pending.lazy.soon(10, unexpected);
    pending.lazy.dispose();
    await sleep(40);
    assert.strictEqual(pending.made.length, 0, 'never created');
  });
});
