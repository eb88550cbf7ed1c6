import type { RunStatus } from './status';

/** Plain CodePipeline types the views, the panel and the status bar use (times are epoch milliseconds). */
export interface PipelineSummary {
  name: string;
  version?: number;
  pipelineType?: string;
  executionMode?: string;
  created?: number;
  updated?: number;
}

export interface PipelineActionDeclaration {
  name: string;
  category: string;
  owner?: string;
  provider: string;
  runOrder: number;
  configuration: Record<string, string>;
  region?: string;
  namespace?: string;
}

export interface PipelineStageDeclaration {
  name: string;
  actions: PipelineActionDeclaration[];
}

export interface PipelineStructure {
  name: string;
  version?: number;
  pipelineType?: string;
  /** QUEUED, SUPERSEDED or PARALLEL */
  executionMode: string;
  stages: PipelineStageDeclaration[];
  variables: { name: string; defaultValue?: string; description?: string }[];
  arn?: string;
  updated?: number;
}

export interface StageExecutionRef {
  executionId: string;
  status: RunStatus;
  rawStatus: string;
  type?: string;
}

export interface TransitionState {
  enabled: boolean;
  disabledReason?: string;
  lastChangedBy?: string;
  lastChangedAt?: number;
}

export interface ActionState {
  name: string;
  status: RunStatus;
  rawStatus?: string;
  actionExecutionId?: string;
  summary?: string;
  lastStatusChange?: number;
  lastUpdatedBy?: string;
  externalExecutionId?: string;
  externalExecutionUrl?: string;
  entityUrl?: string;
  revisionUrl?: string;
  currentRevision?: string;
  percentComplete?: number;
  error?: { code?: string; message?: string };
  /** The approval token of a manual approval waiting for an answer. */
  approvalToken?: string;
}

export interface StageState {
  name: string;
  inboundTransition: TransitionState;
  latestExecution?: StageExecutionRef;
  /** Executions waiting at this stage's inbound transition (QUEUED and PARALLEL modes). */
  inboundExecutions: StageExecutionRef[];
  actions: ActionState[];
}

export interface PipelineState {
  pipelineName: string;
  version?: number;
  stages: StageState[];
  created?: number;
  updated?: number;
}

export interface SourceRevision {
  actionName: string;
  revisionId?: string;
  revisionSummary?: string;
  revisionUrl?: string;
}

export interface PipelineExecution {
  id: string;
  pipelineName: string;
  status: RunStatus;
  rawStatus: string;
  statusSummary?: string;
  start?: number;
  lastUpdate?: number;
  trigger?: { type?: string; detail?: string };
  sourceRevisions: SourceRevision[];
  executionMode?: string;
  executionType?: string;
  /** The reason given when the execution was stopped. */
  stopReason?: string;
  variables?: { name: string; value: string }[];
}

export interface ActionExecution {
  actionExecutionId: string;
  pipelineExecutionId: string;
  stageName: string;
  actionName: string;
  status: RunStatus;
  rawStatus: string;
  start?: number;
  lastUpdate?: number;
  updatedBy?: string;
  category?: string;
  provider?: string;
  configuration: Record<string, string>;
  externalExecutionId?: string;
  externalExecutionUrl?: string;
  summary?: string;
  error?: { code?: string; message?: string };
  outputVariables: Record<string, string>;
  /** For an in-progress manual approval: its token (PARALLEL mode gives it only here). */
  approvalToken?: string;
}

/** A manual approval waiting for someone, as the approvals list shows it. */
export interface PendingApproval {
  pipelineName: string;
  stageName: string;
  actionName: string;
  token: string;
  pipelineExecutionId?: string;
  since?: number;
  summary?: string;
  externalExecutionUrl?: string;
  configuration?: Record<string, string>;
}
