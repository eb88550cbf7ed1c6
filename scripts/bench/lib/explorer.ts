// The Explorer's real tree providers (src/views) in plain Node for the figures: the `vscode` stand-in is installed
// before they load, and they are wired like the composition root wires them (ServiceBackend on a SessionRegistry,
// a ConnectionStore holding the one Sandbox connection, the RefreshScheduler). The backend is wrapped to time its
// calls and to know when none is in flight (the fake-clock figures wait for that between steps).
import { performance } from 'perf_hooks';
import type { SessionRegistry } from '../../../src/aws/session';
import type { Connection } from '../../../src/model/connection';
import type { RefreshScheduler } from '../../../src/refresh/scheduler';
import type { ExplorerBackend } from '../../../src/views/backend';
import type { ExplorerServices } from '../../../src/views/explorerProvider';
import { installVscodeShim, memento } from './vscodeShim';

installVscodeShim();

/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the vscode stand-in is installed */
const { SessionRegistry: Sessions } = require('../../../src/aws/session') as typeof import('../../../src/aws/session');
const { ServiceBackend } = require('../../../src/views/serviceBackend') as typeof import('../../../src/views/serviceBackend');
const { ConnectionStore, CONNECTIONS_KEY } = require('../../../src/connections/connectionStore') as typeof import('../../../src/connections/connectionStore');
export const views = {
  builds: () => require('../../../src/views/buildsView') as typeof import('../../../src/views/buildsView'),
  pipelines: () => require('../../../src/views/pipelinesView') as typeof import('../../../src/views/pipelinesView'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export interface BackendCall {
  method: string;
  start: number;
  end: number;
}

export interface Explorer {
  services: ExplorerServices;
  sessions: SessionRegistry;
  /** Backend calls with their times (performance.now()), in the order they finished. */
  calls: BackendCall[];
  inFlight(): number;
  /** Resolves once no backend call is in flight (polled with real timers). */
  idle(): Promise<void>;
  /** Service-layer calls by `service.Operation` of the connection's session. */
  requestCounts(): Record<string, number>;
  dispose(): void;
}

export function explorer(connection: Connection, scheduler: RefreshScheduler): Explorer {
  const sessions = new Sessions();
  const real = new ServiceBackend(sessions);
  const calls: BackendCall[] = [];
  let inFlight = 0;
  const backend = new Proxy(real, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const result = (v as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        const start = performance.now();
        inFlight++;
        return result.finally(() => {
          inFlight--;
          calls.push({ method: String(prop), start, end: performance.now() });
        });
      };
    },
  }) as ExplorerBackend;
  const store = new ConnectionStore(memento({ [CONNECTIONS_KEY]: [connection] }) as ConstructorParameters<typeof ConnectionStore>[0]);
  const services: ExplorerServices = { backend, connections: store, scheduler, now: () => Date.now(), myIdentity: () => '', log: () => undefined };
  return {
    services,
    sessions,
    calls,
    inFlight: () => inFlight,
    idle: async () => {
      while (inFlight > 0) await new Promise((r) => setTimeout(r, 1));
      await new Promise((r) => setImmediate(r));
    },
    requestCounts: () => sessions.get(connection).requestCounts(),
    dispose: () => sessions.dispose(),
  };
}
