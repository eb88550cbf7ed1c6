import { connectionKey, type Connection } from '../model/connection';
import type { ClientOptions } from './clients';
import type { AwsSession } from './session';

/**
 * The service layer (./services: AwsSession, its clients and the five services) is its own bundle, dist/services.js:
 * esbuild.js keeps the `require` below external in dist/extension.js, so activation loads none of it; the first
 * session (the first view or command that talks to a connection) does. In unit tests (tsx) it resolves to the .ts
 * file. The `require` argument must stay the literal './services': the bundler plugin matches it.
 */
type ServicesChunk = typeof import('./services');
let services: ServicesChunk | undefined;
function loadServices(): ServicesChunk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  services ??= require('./services') as ServicesChunk;
  return services;
}

/**
 * The sessions of every connection the UI shows, one per connection, created on first use. Removing or replacing a
 * connection disposes its session (and destroys its SDK clients).
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, AwsSession>();

  constructor(private readonly options: ClientOptions = {}) {}

  get(connection: Connection): AwsSession {
    const key = connectionKey(connection);
    let s = this.sessions.get(key);
    if (!s) {
      s = new (loadServices().AwsSession)(connection, this.options);
      this.sessions.set(key, s);
    }
    return s;
  }

  has(connection: Connection): boolean {
    return this.sessions.has(connectionKey(connection));
  }

  remove(connection: Connection): void {
    const key = connectionKey(connection);
    this.sessions.get(key)?.dispose();
    this.sessions.delete(key);
  }

  /** A connection changed (region, endpoint, profile edited): its old clients go, the new session starts clean. */
  replace(previous: Connection, next: Connection): AwsSession {
    this.remove(previous);
    return this.get(next);
  }

  all(): AwsSession[] {
    return [...this.sessions.values()];
  }

  dispose(): void {
    for (const s of this.sessions.values()) s.dispose();
    this.sessions.clear();
  }
}
