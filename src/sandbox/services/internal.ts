/**
 * How the Sandbox services call each other (not over HTTP): a pipeline's source action reads a branch head, its
 * build action starts a build, its deploy action creates a deployment; a commit starts the pipelines of its branch;
 * builds write their logs. Each service class implements its interface here.
 */

export interface CommitSummary {
  commitId: string;
  message: string;
  authorName: string;
  /** epoch ms */
  date: number;
}

export interface CodeCommitInternal {
  /** The head commit id of `branch`, or undefined when the repository or branch does not exist. */
  getBranchHead(repositoryName: string, branch: string): string | undefined;
  getCommitSummary(repositoryName: string, commitId: string): CommitSummary | undefined;
  /** Commits one file on `branch` (creating the branch from the default one when missing) and returns the commit id. */
  putFileInternal(opts: { repositoryName: string; branch: string; filePath: string; content: string; message: string; authorName?: string; email?: string }): string;
}

export type BuildStatus = 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'FAULT' | 'TIMED_OUT' | 'STOPPED';

export interface BuildSummary {
  id: string;
  arn: string;
  buildNumber: number;
  status: BuildStatus;
  currentPhase: string;
  logs: { groupName: string; streamName: string; deepLink: string };
  /** The phase that failed and its message, when the build failed. */
  failure?: { phase: string; message: string };
}

export interface CodeBuildInternal {
  /** Starts a build as StartBuild would (same validation of the project); `initiator` is e.g. `codepipeline/<pipeline>`. */
  startBuildInternal(
    projectName: string,
    opts: {
      sourceVersion?: string;
      resolvedSourceVersion?: string;
      environmentVariablesOverride?: { name: string; value: string; type?: string }[];
      initiator?: string;
    },
  ): BuildSummary;
  getBuildSummary(id: string): BuildSummary | undefined;
  stopBuildInternal(id: string): void;
}

export type DeploymentStatus = 'Created' | 'Queued' | 'InProgress' | 'Baking' | 'Succeeded' | 'Failed' | 'Stopped' | 'Ready';

export interface CodeDeployInternal {
  createDeploymentInternal(opts: {
    applicationName: string;
    deploymentGroupName: string;
    revision?: Record<string, unknown>;
    description?: string;
    creator?: 'user' | 'CodeDeploy' | 'codeDeployRollback';
  }): string;
  getDeploymentStatus(deploymentId: string): { status: DeploymentStatus; errorMessage?: string } | undefined;
  stopDeploymentInternal(deploymentId: string): void;
}

export interface CodePipelineInternal {
  /** A branch head moved: start every pipeline whose CodeCommit source action watches that repository and branch. */
  onSourceChange(repositoryName: string, branch: string, commitId: string): void;
}

export interface LogsInternal {
  /** Creates the group and stream when missing. */
  ensureStream(groupName: string, streamName: string): void;
  /** Appends events (timestamps in epoch ms, non-decreasing) to a stream. */
  appendEvents(groupName: string, streamName: string, events: { timestamp: number; message: string }[]): void;
}
