import * as assert from 'assert';
import { DataCache, type PagedValue } from '../../../src/views/dataCache';

describe('DataCache (what the views loaded)', () => {
  it('loads once, shares concurrent loads, reloads after invalidate', async () => {
    const cache = new DataCache(() => 1000);
    let calls = 0;
    const load = () => new Promise<number>((r) => setTimeout(() => r(++calls), 5));
    const [a, b] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    assert.strictEqual(calls, 1);
    assert.deepStrictEqual([a.value, b.value], [1, 1]);
    assert.strictEqual((await cache.get('k', load)).value, 1, 'fresh: no call');
    cache.invalidate('k');
    assert.strictEqual((await cache.get('k', load)).value, 2);
  });

  it('a failed reload keeps the last good value with the error and its time (shown stale)', async () => {
    let now = 1000;
    const cache = new DataCache(() => now);
    await cache.get('k', () => Promise.resolve('good'));
    now = 2000;
    cache.invalidate();
    const r = await cache.get('k', () => Promise.reject(new Error('throttled')));
    assert.strictEqual(r.value, 'good');
    assert.strictEqual((r.error as Error).message, 'throttled');
    assert.strictEqual(r.at, 1000);
    const first = await new DataCache().get('x', () => Promise.reject(new Error('down')));
    assert.strictEqual(first.value, undefined);
    assert.ok(first.error);
  });

  it('paging: load more appends; a refresh reloads as many pages as were shown', async () => {
    const cache = new DataCache();
    const items = Array.from({ length: 7 }, (_, i) => i);
    let calls = 0;
    const page = (t?: string) => {
      calls++;
      const o = Number(t ?? 0);
      return Promise.resolve({ items: items.slice(o, o + 3), nextToken: o + 3 < items.length ? String(o + 3) : undefined });
    };
    assert.deepStrictEqual((await cache.getPaged('p', page)).value?.items, [0, 1, 2]);
    await cache.loadMore('p', page);
    assert.deepStrictEqual(cache.peek<PagedValue<number>>('p').value, { items: [0, 1, 2, 3, 4, 5], nextToken: '6', pages: 2 });
    calls = 0;
    cache.invalidate();
    const again = await cache.getPaged('p', page);
    assert.deepStrictEqual(again.value?.items, [0, 1, 2, 3, 4, 5]);
    assert.strictEqual(calls, 2);
  });

  it('update changes a cached value in place; delete forgets a connection', async () => {
    const cache = new DataCache();
    await cache.get('c1/builds/web', () => Promise.resolve([1, 2]));
    assert.ok(cache.update<number[]>('c1/builds/web', (v) => v.map((x) => x * 10)));
    assert.deepStrictEqual(cache.peek('c1/builds/web').value, [10, 20]);
    assert.ok(!cache.update('absent', (v) => v));
    cache.delete('c1/');
    assert.deepStrictEqual(cache.keys(), []);
  });
});
