import { connectionKey, sameConnection, type Connection } from '../model/connection';

/** The part of `vscode.Memento` the store needs (globalState), so it is tested in plain Node. */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

export const CONNECTIONS_KEY = 'awsDevTools.connections';

export type ConnectionsChange = { added: Connection[]; removed: Connection[] };

/**
 * The connections the Explorer shows, in the order they were added, persisted in globalState. Equal connections
 * (same profile, region and endpoint) are kept once. Listeners hear about every change.
 */
export class ConnectionStore {
  private connections: Connection[];
  private readonly listeners = new Set<(change: ConnectionsChange) => void>();

  constructor(private readonly state: StateStore) {
    this.connections = sanitize(state.get<unknown>(CONNECTIONS_KEY));
  }

  list(): readonly Connection[] {
    return this.connections;
  }

  get size(): number {
    return this.connections.length;
  }

  has(c: Connection): boolean {
    return this.connections.some((x) => sameConnection(x, c));
  }

  find(key: string): Connection | undefined {
    return this.connections.find((c) => connectionKey(c) === key);
  }

  /** Adds `c` (no-op when already there); resolves once persisted. */
  async add(c: Connection): Promise<boolean> {
    if (this.has(c)) return false;
    this.connections = [...this.connections, normalise(c)];
    await this.save({ added: [c], removed: [] });
    return true;
  }

  async remove(c: Connection): Promise<boolean> {
    const next = this.connections.filter((x) => !sameConnection(x, c));
    if (next.length === this.connections.length) return false;
    this.connections = next;
    await this.save({ added: [], removed: [c] });
    return true;
  }

  /** Replaces `old` with `next` in place (switch region, Sandbox on a new port); keeps the order. */
  async replace(old: Connection, next: Connection): Promise<void> {
    const i = this.connections.findIndex((x) => sameConnection(x, old));
    if (i < 0) {
      await this.add(next);
      return;
    }
    if (sameConnection(old, next)) return;
    const list = this.connections.filter((x, j) => j === i || !sameConnection(x, next));
    list[list.findIndex((x) => sameConnection(x, old))] = normalise(next);
    this.connections = list;
    await this.save({ added: [next], removed: [old] });
  }

  onDidChange(listener: (change: ConnectionsChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private async save(change: ConnectionsChange): Promise<void> {
    await this.state.update(CONNECTIONS_KEY, this.connections.map(normalise));
    for (const l of [...this.listeners]) l(change);
  }
}

function normalise(c: Connection): Connection {
  return c.endpoint ? { profile: c.profile, region: c.region, endpoint: c.endpoint } : { profile: c.profile, region: c.region };
}

/** Whatever is stored (another version, a hand edit) becomes a clean list: bad entries and duplicates dropped. */
function sanitize(value: unknown): Connection[] {
  if (!Array.isArray(value)) return [];
  const out: Connection[] = [];
  for (const v of value) {
    if (!v || typeof v !== 'object') continue;
    const { profile, region, endpoint } = v as Record<string, unknown>;
    if (typeof profile !== 'string' || !profile || typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) continue;
    const c = normalise({ profile, region, endpoint: typeof endpoint === 'string' && endpoint ? endpoint : undefined });
    if (!out.some((x) => sameConnection(x, c))) out.push(c);
  }
  return out;
}
