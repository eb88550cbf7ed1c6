/**
 * The CodePipeline Sandbox state: plain JSON (persisted as is), times in epoch ms. The maps the Sandbox looks names up
 * in (pipelines, executions and action executions; per pipeline and per execution the maps by stage, action, artifact,
 * namespace and request token) have no prototype: see ../../dict.ts. A declaration's configuration is kept as sent.
 */

export interface ActionTypeId {
  category: string;
  owner: string;
  provider: string;
  version: string;
}

export interface ArtifactRef {
  name: string;
}

export interface ActionDecl {
  name: string;
  actionTypeId: ActionTypeId;
  runOrder?: number;
  configuration?: Record<string, string>;
  inputArtifacts?: ArtifactRef[];
  outputArtifacts?: ArtifactRef[];
  namespace?: string;
  region?: string;
  roleArn?: string;
  timeoutInMinutes?: number;
}

export interface StageDecl {
  name: string;
  actions: ActionDecl[];
  [extra: string]: unknown;
}

export interface VariableDecl {
  name: string;
  defaultValue?: string;
  description?: string;
}

export type ExecutionMode = 'QUEUED' | 'SUPERSEDED' | 'PARALLEL';
export type PipelineType = 'V1' | 'V2';

export interface PipelineDecl {
  name: string;
  roleArn: string;
  artifactStore?: { type: string; location: string; encryptionKey?: { id: string; type: string } };
  artifactStores?: Record<string, { type: string; location: string }>;
  stages: StageDecl[];
  version: number;
  executionMode: ExecutionMode;
  pipelineType: PipelineType;
  variables?: VariableDecl[];
  triggers?: unknown[];
}

export interface TransitionRec {
  enabled: boolean;
  lastChangedBy?: string;
  lastChangedAt?: number;
  disabledReason?: string;
}

export interface PipelineRec {
  arn: string;
  /** versions[v - 1] is version v; the last one is current. */
  versions: PipelineDecl[];
  created: number;
  updated: number;
  tags?: { key: string; value: string }[];
  /** Inbound transition of each stage, only once changed (absent = enabled). */
  transitions: Record<string, TransitionRec>;
  /** Execution ids in start order. */
  executions: string[];
  /** Action execution ids in start order. */
  actionExecutions: string[];
  /** The execution that last entered each stage. */
  stageLatest: Record<string, string>;
  /** The latest action execution of each `stage/action`. */
  actionLatest: Record<string, string>;
  /** The revision a source action (`stage/action`) last fetched. */
  currentRevisions: Record<string, { revisionId: string; created: number }>;
  /** clientRequestToken -> execution id. */
  requestTokens: Record<string, string>;
}

export type ExecutionStatus = 'InProgress' | 'Stopping' | 'Stopped' | 'Succeeded' | 'Superseded' | 'Failed' | 'Cancelled';
export type StageStatus = 'InProgress' | 'Stopping' | 'Stopped' | 'Succeeded' | 'Failed' | 'Cancelled' | 'Skipped';
export type ActionStatus = 'InProgress' | 'Abandoned' | 'Succeeded' | 'Failed';

export interface SourceRev {
  actionKey: string;
  actionName: string;
  outputArtifact?: string;
  revisionId: string;
  revisionSummary?: string;
  revisionUrl?: string;
  created: number;
  repositoryName?: string;
  branchName?: string;
  authorName?: string;
}

export interface ArtifactRec {
  revisionId?: string;
  bucket: string;
  key: string;
}

export interface StageRun {
  status: StageStatus;
  /** action name -> the action execution of this run (the latest attempt). */
  actions: Record<string, string>;
}

export interface ExecutionRec {
  id: string;
  seq: number;
  pipelineName: string;
  pipelineVersion: number;
  executionMode: ExecutionMode;
  status: ExecutionStatus;
  statusSummary?: string;
  startTime: number;
  lastUpdateTime: number;
  trigger: { triggerType: string; triggerDetail?: string };
  variables: { name: string; resolvedValue: string }[];
  sources: SourceRev[];
  stopTrigger?: { reason?: string };
  stopMode?: 'wait' | 'abandon';
  /** The stage the execution is in (inStage) or waiting to enter (!inStage). */
  stageIndex: number;
  inStage: boolean;
  stages: Record<string, StageRun>;
  artifacts: Record<string, ArtifactRec>;
  outputVariables: Record<string, Record<string, string>>;
}

export type ActionKind = 'source' | 'build' | 'deploy' | 'approval' | 'generic';

export interface ActionExecRec {
  id: string;
  kind: ActionKind;
  pipelineExecutionId: string;
  pipelineName: string;
  pipelineVersion: number;
  stageName: string;
  actionName: string;
  startTime: number;
  lastUpdateTime: number;
  status: ActionStatus;
  actionTypeId: ActionTypeId;
  configuration?: Record<string, string>;
  resolvedConfiguration?: Record<string, string>;
  region: string;
  namespace?: string;
  inputArtifacts: { name: string; bucket: string; key: string }[];
  outputArtifacts: { name: string; bucket: string; key: string }[];
  summary?: string;
  token?: string;
  externalExecutionId?: string;
  externalExecutionUrl?: string;
  errorDetails?: { code: string; message: string };
  percentComplete?: number;
  updatedBy?: string;
  outputVariables?: Record<string, string>;
  /** Generic actions complete, and approvals expire, at this time. */
  dueAt?: number;
}

export interface PipelineState {
  version: 1;
  pipelines: Record<string, PipelineRec>;
  executions: Record<string, ExecutionRec>;
  actions: Record<string, ActionExecRec>;
  /** Ids of executions not yet finished, in start order: the only ones the engine looks at. */
  active: string[];
  seq: number;
}
