import type { RunStatus } from './status';

/** Plain CodeDeploy types the views use (times are epoch milliseconds). */
export interface DeployApplication {
  name: string;
  id?: string;
  computePlatform?: string;
  created?: number;
  linkedToGitHub?: boolean;
}

export interface DeploymentGroup {
  applicationName: string;
  name: string;
  id?: string;
  computePlatform?: string;
  deploymentConfigName?: string;
  deploymentStyle?: { type?: string; option?: string };
  lastAttempted?: { deploymentId?: string; status?: string; end?: number; created?: number };
  lastSuccessful?: { deploymentId?: string; status?: string; end?: number; created?: number };
}

export interface DeploymentOverview {
  Pending: number;
  InProgress: number;
  Succeeded: number;
  Failed: number;
  Skipped: number;
  Ready: number;
}

export interface RevisionInfo {
  type?: string;
  s3?: { bucket?: string; key?: string; bundleType?: string; version?: string; eTag?: string };
  gitHub?: { repository?: string; commitId?: string };
  appSpecSha256?: string;
  /** One line for a tree item: `s3://bucket/key`, `owner/repo@abc1234`, `AppSpec content`. */
  label: string;
}

export interface Deployment {
  id: string;
  applicationName?: string;
  deploymentGroupName?: string;
  status: RunStatus;
  rawStatus: string;
  creator?: string;
  description?: string;
  created?: number;
  start?: number;
  end?: number;
  error?: { code?: string; message?: string };
  overview: DeploymentOverview;
  revision?: RevisionInfo;
  computePlatform?: string;
  deploymentConfigName?: string;
  deploymentStyle?: { type?: string; option?: string };
  /** Blue/green: waiting for ContinueDeployment (READY_WAIT). */
  waitingForContinue: boolean;
  rollbackInfo?: { rollbackDeploymentId?: string; rollbackTriggeringDeploymentId?: string; rollbackMessage?: string };
}

export interface LifecycleEvent {
  name: string;
  status: RunStatus;
  rawStatus?: string;
  start?: number;
  end?: number;
  diagnostics?: { errorCode?: string; scriptName?: string; message?: string; logTail?: string };
}

export interface DeploymentTarget {
  id: string;
  type?: string;
  arn?: string;
  status: RunStatus;
  rawStatus?: string;
  lastUpdated?: number;
  lifecycleEvents: LifecycleEvent[];
  /** The first failed lifecycle event, for the "why did it fail" line. */
  failedEvent?: LifecycleEvent;
  instanceLabel?: string;
}

export interface DeploymentFilter {
  applicationName?: string;
  deploymentGroupName?: string;
  statuses?: string[];
  createdAfter?: number;
  createdBefore?: number;
  /** Stop after this many deployments (the list is newest first). */
  limit?: number;
}
