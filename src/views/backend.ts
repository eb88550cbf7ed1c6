import type { Connection } from '../model/connection';
import type { Build, BuildProject, EnvironmentVariable } from '../model/codebuild';
import type { Branch, Commit, PullRequest, Repository } from '../model/codecommit';
import type { DeployApplication, Deployment, DeploymentGroup, DeploymentTarget } from '../model/codedeploy';
import type { PendingApproval, PipelineExecution, PipelineState, PipelineStructure, PipelineSummary } from '../model/codepipeline';

/**
 * What the Explorer (views and commands) needs from the AWS service layer: the port between the UI and `src/aws`.
 * `serviceBackend.ts` implements it on the service layer; unit tests implement it with fakes. Everything is a plain
 * model type from `src/model`; implementations throw `AwsError`s (src/aws/errors.ts), never raw SDK errors.
 */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export type { RevisionInput } from '../aws/codedeploy';
import type { RevisionInput } from '../aws/codedeploy';

export interface StartBuildInput {
  sourceVersion?: string;
  environmentVariablesOverride?: EnvironmentVariable[];
}

export interface ExplorerBackend {
  // CodeCommit
  listRepositories(c: Connection, nextToken?: string): Promise<Page<Repository>>;
  /** Branches with their heads, the default branch first. */
  listBranches(c: Connection, repository: string, defaultBranch?: string): Promise<Branch[]>;
  /** A branch's newest `count` commits. */
  recentCommits(c: Connection, repository: string, branch: string, count: number): Promise<Commit[]>;
  listOpenPullRequests(c: Connection, repository: string): Promise<PullRequest[]>;
  // CodeBuild
  listProjects(c: Connection, nextToken?: string): Promise<Page<BuildProject>>;
  /** Newest first, with details (one batch get per page). */
  listBuilds(c: Connection, project: string, nextToken?: string): Promise<Page<Build>>;
  /** Details of many builds in as few batch calls as possible. */
  getBuilds(c: Connection, ids: string[]): Promise<Build[]>;
  startBuild(c: Connection, project: string, input: StartBuildInput): Promise<Build>;
  stopBuild(c: Connection, id: string): Promise<Build>;
  retryBuild(c: Connection, id: string): Promise<Build>;
  // CodeDeploy
  listApplications(c: Connection): Promise<DeployApplication[]>;
  listDeploymentGroups(c: Connection, application: string): Promise<DeploymentGroup[]>;
  /** Newest first, with details. */
  listDeployments(c: Connection, application: string, group: string, nextToken?: string): Promise<Page<Deployment>>;
  getDeployments(c: Connection, ids: string[]): Promise<Deployment[]>;
  listDeploymentTargets(c: Connection, deploymentId: string): Promise<DeploymentTarget[]>;
  createDeployment(c: Connection, application: string, group: string, revision: RevisionInput, description?: string): Promise<string>;
  stopDeployment(c: Connection, id: string, rollback: boolean): Promise<void>;
  continueDeployment(c: Connection, id: string): Promise<void>;
  // CodePipeline
  listPipelines(c: Connection, nextToken?: string): Promise<Page<PipelineSummary>>;
  getPipelineState(c: Connection, name: string): Promise<PipelineState>;
  getPipeline(c: Connection, name: string): Promise<PipelineStructure>;
  listExecutions(c: Connection, name: string, nextToken?: string): Promise<Page<PipelineExecution>>;
  startExecution(c: Connection, name: string, variables: { name: string; value: string }[]): Promise<string>;
  stopExecution(c: Connection, name: string, executionId: string, abandon: boolean, reason?: string): Promise<void>;
  retryStage(c: Connection, name: string, stage: string, executionId: string, mode: 'FAILED_ACTIONS' | 'ALL_ACTIONS'): Promise<string>;
  putApproval(c: Connection, approval: PendingApproval, approved: boolean, summary: string): Promise<void>;
  setTransition(c: Connection, name: string, stage: string, enable: boolean, reason?: string): Promise<void>;
  /** Every manual approval waiting now in this connection, oldest first. */
  listApprovals(c: Connection): Promise<PendingApproval[]>;
  /** Called when a connection is removed or changed: drop its clients. */
  forget(c: Connection): void;
}
