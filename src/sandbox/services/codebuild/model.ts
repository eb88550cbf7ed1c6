import type { BuildStatus } from '../internal';
import type { Json } from '../types';

/** Stored CodeBuild state: plain JSON, times in epoch ms (sent as seconds on the wire), maps without a prototype (../../dict.ts). */

export const PHASES = [
  'SUBMITTED',
  'QUEUED',
  'PROVISIONING',
  'DOWNLOAD_SOURCE',
  'INSTALL',
  'PRE_BUILD',
  'BUILD',
  'POST_BUILD',
  'UPLOAD_ARTIFACTS',
  'FINALIZING',
  'COMPLETED',
] as const;
export type PhaseType = (typeof PHASES)[number];

/** Phases a script (SANDBOX_FAIL_PHASE) may fail. */
export const FAILABLE: readonly PhaseType[] = ['PROVISIONING', 'DOWNLOAD_SOURCE', 'INSTALL', 'PRE_BUILD', 'BUILD', 'POST_BUILD', 'UPLOAD_ARTIFACTS'];

export interface EnvVar {
  name: string;
  value: string;
  type?: string;
}

export interface ProjectRec {
  name: string;
  arn: string;
  region: string;
  description?: string;
  source: Json;
  sourceVersion?: string;
  artifacts: Json;
  environment: Json & { environmentVariables?: EnvVar[] };
  serviceRole: string;
  timeoutInMinutes: number;
  queuedTimeoutInMinutes: number;
  encryptionKey: string;
  tags: { key: string; value: string }[];
  logsConfig: Json;
  cache: Json;
  badgeEnabled: boolean;
  concurrentBuildLimit?: number;
  created: number;
  lastModified: number;
  /** Last build number handed out. */
  buildCounter: number;
  /** Extra members accepted by CreateProject and echoed back as sent. */
  extra: Json;
}

export interface PhaseRec {
  type: PhaseType;
  start: number;
  end?: number;
  status?: BuildStatus;
  context?: { statusCode: string; message: string };
}

/** How a build will go, fixed when it starts so that time alone drives it. */
export interface BuildScript {
  /** Planned duration of each phase (ms), by phase type. */
  durations: Partial<Record<PhaseType, number>>;
  failPhase?: PhaseType;
  /** Extra lines the BUILD phase writes (SANDBOX_LOG_LINES). */
  logLines: number;
  /** Commands per buildspec phase. */
  commands: Partial<Record<PhaseType, string[]>>;
  /** Whether the build writes a test report at the end of BUILD. */
  testReport: boolean;
  /** Only the essential log lines. */
  minimalLog?: boolean;
  /** The log is written when first read (scale seeds insert thousands of finished builds). */
  deferLog?: boolean;
}

export interface BuildRec {
  id: string;
  arn: string;
  region: string;
  projectName: string;
  buildNumber: number;
  startTime: number;
  endTime?: number;
  status: BuildStatus;
  phases: PhaseRec[];
  sourceVersion?: string;
  resolvedSourceVersion?: string;
  initiator: string;
  source: Json;
  artifacts: Json;
  environment: Json & { environmentVariables?: EnvVar[] };
  serviceRole: string;
  timeoutInMinutes: number;
  queuedTimeoutInMinutes: number;
  encryptionKey: string;
  cache: Json;
  logs: { groupName: string; streamName: string };
  script: BuildScript;
  /** Next log line to write: index into `phases` and line within that phase's script. */
  logCursor: { phase: number; line: number };
  reportArns: string[];
  /** The StartBuild request (without idempotencyToken), replayed by RetryBuild. */
  request: Json;
}

export interface ReportGroupRec {
  arn: string;
  name: string;
  created: number;
  lastModified: number;
  reports: string[];
}

export interface ReportRec {
  arn: string;
  name: string;
  reportGroupArn: string;
  executionId: string;
  status: 'SUCCEEDED' | 'FAILED';
  created: number;
  /** Test cases are generated from these on demand instead of stored. */
  total: number;
  failed: number;
  skipped: number;
  seed: string;
}

/**
 * A finished build the scale seed inserted without its details: its id is listed (ListBuilds, ListBuildsForProject)
 * and it becomes a full BuildRec, exactly as createBuild would have made it, when first read.
 */
export interface BuildStub {
  /** Start time and the time the build was run up to (epoch ms). */
  at: number;
  until: number;
  /** Build number. */
  n: number;
  fail?: PhaseType;
  /** The source version resolved at insert time. */
  rsv?: string;
}

export interface NextBuildOutcome {
  failPhase?: string;
  logLines?: number;
}

export interface CodeBuildState {
  version: 1;
  projects: Record<string, ProjectRec>;
  builds: Record<string, BuildRec>;
  /** Seeded finished builds not read yet (see BuildStub); absent from `builds` until then. */
  stubs: Record<string, BuildStub>;
  /** Build ids per project in build-number order. */
  buildsByProject: Record<string, string[]>;
  /** All build ids in start order. */
  buildOrder: string[];
  /** Builds not finished yet: only these are ticked. */
  running: string[];
  idempotency: Record<string, { hash: string; buildId: string; at: number }>;
  reportGroups: Record<string, ReportGroupRec>;
  reports: Record<string, ReportRec>;
  nextOutcomes: Record<string, NextBuildOutcome[]>;
  /** Builds whose log is deferred, by log group. */
  deferredLogs: Record<string, string[]>;
}
