import type { DeploymentStatus } from '../internal';

/** The stored (JSON) shapes of the CodeDeploy Sandbox. Times are epoch ms. */

export type TargetStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'Skipped' | 'Unknown' | 'Ready';
export type EventStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'Skipped' | 'Unknown';
export type Revision = Record<string, unknown>;

export interface Application {
  applicationId: string;
  applicationName: string;
  createTime: number;
}

export interface BlueGreenConfig {
  terminateBlueInstancesOnDeploymentSuccess: { action: 'TERMINATE' | 'KEEP_ALIVE'; terminationWaitTimeInMinutes: number };
  deploymentReadyOption: { actionOnTimeout: 'CONTINUE_DEPLOYMENT' | 'STOP_DEPLOYMENT'; waitTimeInMinutes: number };
  greenFleetProvisioningOption: { action: 'DISCOVER_EXISTING' | 'COPY_AUTO_SCALING_GROUP' };
}

export interface LastDeployment {
  deploymentId: string;
  status: DeploymentStatus;
  createTime: number;
  endTime?: number;
}

export interface DeploymentGroup {
  applicationName: string;
  deploymentGroupId: string;
  deploymentGroupName: string;
  deploymentConfigName: string;
  serviceRoleArn: string;
  ec2TagFilters: { Key: string; Value: string; Type: 'KEY_AND_VALUE' | 'KEY_ONLY' | 'VALUE_ONLY' }[];
  /** The instances the tag filters match today (replaced by the green fleet after a blue/green deployment). */
  instances: string[];
  deploymentStyle: { deploymentType: 'IN_PLACE' | 'BLUE_GREEN'; deploymentOption: 'WITH_TRAFFIC_CONTROL' | 'WITHOUT_TRAFFIC_CONTROL' };
  blueGreenDeploymentConfiguration?: BlueGreenConfig;
  loadBalancerInfo?: { targetGroupInfoList: { name: string }[] };
  autoRollbackConfiguration?: { enabled: boolean; events: string[] };
  /** Resource tags (TagResource); `SANDBOX_FAIL_EVENT=<Event>` scripts a failure. Not part of DeploymentGroupInfo. */
  tags?: Record<string, string>;
  targetRevision?: Revision;
  lastSuccessfulDeployment?: LastDeployment;
  lastAttemptedDeployment?: LastDeployment;
  /** The revision of the last successful deployment: what a rollback redeploys. */
  lastSuccessfulRevision?: Revision;
}

export interface Diagnostics {
  errorCode: 'ScriptFailed' | 'UnknownError' | 'ScriptTimedOut';
  scriptName: string;
  message: string;
  logTail: string;
}

export interface LifecycleEvent {
  lifecycleEventName: string;
  status: EventStatus;
  startTime?: number;
  endTime?: number;
  diagnostics?: Diagnostics;
}

export interface Target {
  targetId: string;
  label?: 'Blue' | 'Green';
  status: TargetStatus;
  lastUpdatedAt: number;
  lifecycleEvents: LifecycleEvent[];
  /** index of the current (or next) lifecycle event */
  cursor: number;
}

export type Phase = 'install' | 'ready' | 'allowTraffic' | 'blockTraffic' | 'done';

export interface Deployment {
  deploymentId: string;
  applicationName: string;
  deploymentGroupName: string;
  deploymentConfigName: string;
  revision: Revision;
  previousRevision?: Revision;
  status: DeploymentStatus;
  createTime: number;
  startTime?: number;
  completeTime?: number;
  description?: string;
  creator: 'user' | 'CodeDeploy' | 'codeDeployRollback';
  errorInformation?: { code: string; message: string };
  rollbackInfo?: { rollbackDeploymentId?: string; rollbackTriggeringDeploymentId?: string; rollbackMessage?: string };
  deploymentStyle: DeploymentGroup['deploymentStyle'];
  blueGreenDeploymentConfiguration?: BlueGreenConfig;
  loadBalancerInfo?: DeploymentGroup['loadBalancerInfo'];
  autoRollbackConfiguration?: DeploymentGroup['autoRollbackConfiguration'];
  ignoreApplicationStopFailures: boolean;
  updateOutdatedInstancesOnly: boolean;
  fileExistsBehavior: 'DISALLOW' | 'OVERWRITE' | 'RETAIN';
  instanceTerminationWaitTimeStarted: boolean;
  deploymentStatusMessages: string[];
  targets: Target[];
  phase: Phase;
  /** When a Ready wait ends on its own (waitTimeInMinutes), epoch ms. */
  readyDeadline?: number;
  /** The scripted failure: a lifecycle event that fails on the first instance, or on every instance. */
  failEvent?: { event: string; allInstances: boolean };
}

export const IN_PLACE_EVENTS = ['ApplicationStop', 'DownloadBundle', 'BeforeInstall', 'Install', 'AfterInstall', 'ApplicationStart', 'ValidateService'] as const;
export const ALLOW_TRAFFIC_EVENTS = ['BeforeAllowTraffic', 'AllowTraffic', 'AfterAllowTraffic'] as const;
export const BLOCK_TRAFFIC_EVENTS = ['BeforeBlockTraffic', 'BlockTraffic', 'AfterBlockTraffic'] as const;
export const LIFECYCLE_EVENTS: readonly string[] = [...IN_PLACE_EVENTS, ...ALLOW_TRAFFIC_EVENTS, ...BLOCK_TRAFFIC_EVENTS];

export const ACTIVE: readonly DeploymentStatus[] = ['Created', 'Queued', 'InProgress', 'Baking', 'Ready'];
export const isActive = (d: Deployment): boolean => ACTIVE.includes(d.status);

/** The predefined server configurations: how many instances deploy at once, how many may fail. */
export const DEPLOYMENT_CONFIGS: Record<string, { batch: (n: number) => number; maxFailures: (n: number) => number }> = {
  'CodeDeployDefault.OneAtATime': { batch: () => 1, maxFailures: () => 0 },
  'CodeDeployDefault.HalfAtATime': { batch: (n) => Math.max(1, Math.floor(n / 2)), maxFailures: (n) => Math.floor(n / 2) },
  'CodeDeployDefault.AllAtOnce': { batch: (n) => Math.max(1, n), maxFailures: (n) => Math.max(0, n - 1) },
};
