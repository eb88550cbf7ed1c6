import type { SessionRegistry } from '../aws/session';
import { Disposable } from '../disposable';
import type { CommandContext } from '../commands/context';
import { ScriptedUi, windowUi, type ScriptedAnswer } from '../commands/ui';
import type { ConnectionStore } from '../connections/connectionStore';
import type { SandboxLauncher } from '../connections/sandboxLauncher';
import { SANDBOX_PROFILE, type Connection } from '../model/connection';
import type { RefreshScheduler, SchedulerStats } from '../refresh/scheduler';
import type { Views } from './registerViews';

/**
 * The Explorer's part of what activate() returns, for the in-host tests (and nothing else): the connection store,
 * the views' providers, the scheduler's figures, a way to add a connection to any endpoint (e.g. an in-process
 * Sandbox the test starts with a manual clock), scripted answers for prompts a test cannot answer otherwise, and
 * per-connection request counts.
 */
export interface ExplorerApi {
  readonly connections: ConnectionStore;
  readonly views: Views;
  readonly scheduler: RefreshScheduler;
  schedulerStats(): SchedulerStats;
  /** Adds a Sandbox connection at `endpoint` (e.g. `http://127.0.0.1:PORT`). */
  addSandboxConnection(endpoint: string, region?: string): Promise<Connection>;
  /** Answers the next prompts from `answers`, in order (see ScriptedUi); returns it to read messages shown. */
  answerPrompts(answers: ScriptedAnswer[]): ScriptedUi;
  /** Back to the real prompts. */
  restorePrompts(): void;
  /** Calls made by a connection's SDK clients, by `<service>.<Operation>`. */
  requestCounts(c: Connection): Record<string, number>;
  /** Registrations (listeners, watches, emitters) held by the extension's live Disposables: a leak check for tests. */
  liveRegistrations(): number;
  /** The Sandbox child process started by Open Sandbox Account, if any. */
  readonly sandboxProcess: { endpoint: string; pid: number } | undefined;
}

export function createExplorerApi(deps: {
  connections: ConnectionStore;
  views: Views;
  scheduler: RefreshScheduler;
  commandContext: CommandContext;
  sessions: SessionRegistry;
  launcher: SandboxLauncher;
}): ExplorerApi {
  return {
    connections: deps.connections,
    views: deps.views,
    scheduler: deps.scheduler,
    schedulerStats: () => ({ ...deps.scheduler.stats }),
    async addSandboxConnection(endpoint, region = 'us-east-1') {
      const c: Connection = { profile: SANDBOX_PROFILE, region, endpoint };
      await deps.connections.add(c);
      return c;
    },
    answerPrompts(answers) {
      const ui = new ScriptedUi(answers);
      deps.commandContext.ui = ui;
      return ui;
    },
    restorePrompts() {
      deps.commandContext.ui = windowUi;
    },
    requestCounts: (c) => deps.sessions.get(c).requestCounts(),
    liveRegistrations: () => Disposable.liveRegistrations,
    get sandboxProcess() {
      const r = deps.launcher.current;
      return r ? { endpoint: r.endpoint, pid: r.pid } : undefined;
    },
  };
}
