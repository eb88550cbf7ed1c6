import { connectionKey, type Connection } from '../model/connection';
import { ConnectionClients, type ClientOptions } from './clients';
import { CodeBuildService } from './codebuild';
import { CodeCommitService } from './codecommit';
import { CodeDeployService } from './codedeploy';
import { CodePipelineService } from './codepipeline';
import { LogsService } from './logs';

/**
 * Everything the UI can ask of one connection. Creating a session loads no SDK code: each service's client (and
 * the SDK bundle) is created by its first call.
 */
export class AwsSession {
  readonly clients: ConnectionClients;
  readonly codecommit: CodeCommitService;
  readonly codebuild: CodeBuildService;
  readonly codepipeline: CodePipelineService;
  readonly codedeploy: CodeDeployService;
  readonly logs: LogsService;

  constructor(
    readonly connection: Connection,
    options: ClientOptions = {},
  ) {
    this.clients = new ConnectionClients(connection, options);
    this.codecommit = new CodeCommitService(this.clients);
    this.codebuild = new CodeBuildService(this.clients);
    this.codepipeline = new CodePipelineService(this.clients);
    this.codedeploy = new CodeDeployService(this.clients);
    this.logs = new LogsService(this.clients);
  }

  /** Calls by `<service>.<Operation>` since the session was created (or the counter reset). */
  requestCounts(): Record<string, number> {
    return this.clients.counter.calls();
  }

  dispose(): void {
    this.clients.dispose();
  }
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
      s = new AwsSession(connection, this.options);
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
