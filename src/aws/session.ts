import type { Connection } from '../model/connection';
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

// The registry lives in its own module so the main bundle can hold it without the service layer (sessionRegistry.ts).
export { SessionRegistry } from './sessionRegistry';
