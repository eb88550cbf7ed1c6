import * as assert from 'assert';
import { CONNECTIONS_KEY, ConnectionStore, type StateStore } from '../../../src/connections/connectionStore';
import { SANDBOX_PROFILE } from '../../../src/model/connection';

class MemoryState implements StateStore {
  readonly data = new Map<string, unknown>();
  writes = 0;
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    this.writes++;
    this.data.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}

describe('ConnectionStore (globalState)', () => {
  const dev = { profile: 'dev', region: 'eu-west-1' };
  const prod = { profile: 'prod', region: 'us-east-1' };
  const sb = { profile: SANDBOX_PROFILE, region: 'us-east-1', endpoint: 'http://127.0.0.1:4599' };

  it('adds in order, once; persists; tells listeners', async () => {
    const state = new MemoryState();
    const store = new ConnectionStore(state);
    const changes: string[] = [];
    store.onDidChange((c) => changes.push(`+${c.added.length}-${c.removed.length}`));
    assert.strictEqual(await store.add(dev), true);
    assert.strictEqual(await store.add(sb), true);
    assert.strictEqual(await store.add({ ...dev }), false, 'an equal connection is not added twice');
    assert.deepStrictEqual(store.list(), [dev, sb]);
    assert.deepStrictEqual(state.get(CONNECTIONS_KEY), [dev, sb]);
    assert.deepStrictEqual(changes, ['+1-0', '+1-0']);
    // a new store (next window) reads the same list
    assert.deepStrictEqual(new ConnectionStore(state).list(), [dev, sb]);
  });

  it('removes and replaces in place (switch region, the Sandbox on a new port)', async () => {
    const store = new ConnectionStore(new MemoryState());
    await store.add(dev);
    await store.add(sb);
    await store.add(prod);
    await store.replace(dev, { ...dev, region: 'eu-central-1' });
    assert.deepStrictEqual(store.list().map((c) => c.region), ['eu-central-1', 'us-east-1', 'us-east-1']);
    await store.replace(sb, { ...sb, endpoint: 'http://127.0.0.1:5000' });
    assert.strictEqual(store.list()[1].endpoint, 'http://127.0.0.1:5000');
    // replacing with a connection that is already there keeps one of it
    await store.replace(store.list()[0], prod);
    assert.deepStrictEqual(store.list().map((c) => c.profile), ['prod', SANDBOX_PROFILE]);
    assert.strictEqual(await store.remove(prod), true);
    assert.strictEqual(await store.remove(prod), false);
    assert.deepStrictEqual(store.list().map((c) => c.profile), [SANDBOX_PROFILE]);
  });

  it('drops bad or duplicate stored entries (another version, a hand edit)', () => {
    const state = new MemoryState();
    state.data.set(CONNECTIONS_KEY, [dev, { profile: '', region: 'eu-west-1' }, { profile: 'x', region: 'not a region' }, 42, null, { ...dev, endpoint: '' }, { profile: 'y', region: 'us-west-2', extra: 1 }]);
    assert.deepStrictEqual(new ConnectionStore(state).list(), [dev, { profile: 'y', region: 'us-west-2' }]);
    state.data.set(CONNECTIONS_KEY, 'garbage');
    assert.deepStrictEqual(new ConnectionStore(state).list(), []);
  });
});
