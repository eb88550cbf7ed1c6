import * as vscode from 'vscode';
import type { AwsSession } from '../aws/session';
import { WhereIsMyCommit } from '../commit/whereIsMyCommit';
import { Disposable } from '../disposable';
import { BuildLogDocuments } from '../logs/buildLogDocuments';
import type { Connection } from '../model/connection';
import { Notifier } from '../notifications/notifier';
import type { RefreshScheduler } from '../refresh/scheduler';
import { StatusBarIndicator, type ConnectionSource } from './statusBarIndicator';
import { WorkspaceGit } from './workspaceGit';

export interface FollowingDeps {
  scheduler: RefreshScheduler;
  sessions: { get(c: Connection): AwsSession };
  connections: ConnectionSource;
  log?: vscode.LogOutputChannel;
}

/**
 * Issue 7's features, built and registered in one call from activate(): build log documents, the branch status bar
 * item, notifications, "where is my commit". The returned object is part of the extension API (in-host tests).
 */
export class Following extends Disposable {
  readonly notifier: Notifier;
  readonly logs: BuildLogDocuments;
  readonly git: WorkspaceGit;
  readonly statusBar: StatusBarIndicator;
  readonly whereIsMyCommit: WhereIsMyCommit;

  constructor(deps: FollowingDeps) {
    super();
    const session = (c: Connection) => deps.sessions.get(c);
    this.notifier = this._register(new Notifier(deps.log));
    this.logs = this._register(
      new BuildLogDocuments({
        scheduler: deps.scheduler,
        source: (c) => {
          const s = session(c);
          return { getBuild: (id) => s.codebuild.getBuild(id), cursor: (stream, o) => s.logs.cursor(stream, o) };
        },
        notifier: this.notifier,
        log: deps.log,
      }),
    );
    this.git = this._register(new WorkspaceGit());
    this.statusBar = this._register(new StatusBarIndicator({ git: this.git, connections: deps.connections, session, scheduler: deps.scheduler, notifier: this.notifier, log: deps.log }));
    this.whereIsMyCommit = this._register(
      new WhereIsMyCommit({ repositories: () => this.statusBar.repositories(), connections: () => deps.connections.list(), session, log: deps.log }),
    );
    // The git extension activates on its own schedule: start listening without holding up activation.
    this.git.start().catch((e: unknown) => deps.log?.warn(`git extension: ${e instanceof Error ? e.message : String(e)}`));
  }
}

export function registerFollowing(deps: FollowingDeps): Following {
  return new Following(deps);
}
