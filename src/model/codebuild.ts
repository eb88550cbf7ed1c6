import type { RunStatus } from './status';

/** Plain CodeBuild types the views use (times are epoch milliseconds). */
export interface BuildProject {
  name: string;
  arn: string;
  description?: string;
  sourceType?: string;
  sourceLocation?: string;
  /** For a CODECOMMIT source: the repository name parsed from its location. */
  repositoryName?: string;
  /** The project's default source version (a branch such as `refs/heads/main`, a commit, a tag). */
  sourceVersion?: string;
  /** `sourceVersion` reduced to a branch name when it names one (`main`). */
  branch?: string;
  created?: number;
  lastModified?: number;
  timeoutInMinutes?: number;
  environmentVariables: EnvironmentVariable[];
  badgeUrl?: string;
}

export interface EnvironmentVariable {
  name: string;
  value: string;
  /** PLAINTEXT, PARAMETER_STORE or SECRETS_MANAGER */
  type: string;
}

export interface BuildPhase {
  type: string;
  status: RunStatus;
  rawStatus?: string;
  start?: number;
  end?: number;
  durationSeconds?: number;
  /** Messages CodeBuild attached to the phase (why it failed). */
  messages: string[];
}

export interface BuildLogLocation {
  groupName?: string;
  streamName?: string;
  /** CodeBuild's own link to the CloudWatch console. */
  deepLink?: string;
  s3Location?: string;
}

export interface Build {
  id: string;
  arn: string;
  projectName: string;
  buildNumber?: number;
  status: RunStatus;
  rawStatus: string;
  currentPhase?: string;
  complete: boolean;
  start?: number;
  end?: number;
  sourceVersion?: string;
  resolvedSourceVersion?: string;
  initiator?: string;
  phases: BuildPhase[];
  logs: BuildLogLocation;
  reportArns: string[];
  environmentVariables: EnvironmentVariable[];
  timeoutInMinutes?: number;
  /** The first failed phase and its message, when the build failed. */
  failure?: { phase: string; message?: string };
}

export interface TestReport {
  arn: string;
  name?: string;
  type?: string;
  status?: string;
  reportGroupArn?: string;
  executionId?: string;
  created?: number;
  total: number;
  /** Counts by test status (SUCCEEDED, FAILED, ERROR, SKIPPED, UNKNOWN). */
  statusCounts: Record<string, number>;
  durationMs?: number;
}

export interface TestCase {
  reportArn: string;
  name: string;
  prefix?: string;
  status: string;
  durationMs?: number;
  message?: string;
  testRawDataPath?: string;
  expired?: number;
}
