import { ts } from '../../ids';
import type { PipelineEngine } from './engine';
import type { ActionDecl, ActionExecRec, ExecutionMode, ExecutionRec, PipelineDecl, PipelineRec, PipelineState } from './types';
import { urls } from './urls';

/** The wire shapes of CodePipeline responses (timestamps as epoch seconds, undefined members omitted by JSON). */

export function pipelineSummary(p: PipelineRec) {
  const d = p.versions[p.versions.length - 1];
  return { name: d.name, version: d.version, pipelineType: d.pipelineType, executionMode: d.executionMode, created: ts(p.created), updated: ts(p.updated) };
}

export function executionSummary(e: ExecutionRec) {
  return {
    pipelineExecutionId: e.id,
    status: e.status,
    statusSummary: e.statusSummary,
    startTime: ts(e.startTime),
    lastUpdateTime: ts(e.lastUpdateTime),
    sourceRevisions: e.sources.map((s) => ({ actionName: s.actionName, revisionId: s.revisionId, revisionSummary: s.revisionSummary, revisionUrl: s.revisionUrl })),
    trigger: e.trigger,
    stopTrigger: e.stopTrigger,
    executionMode: e.executionMode,
    executionType: 'STANDARD',
  };
}

export function execution(e: ExecutionRec) {
  return {
    pipelineName: e.pipelineName,
    pipelineVersion: e.pipelineVersion,
    pipelineExecutionId: e.id,
    status: e.status,
    statusSummary: e.statusSummary,
    artifactRevisions: e.sources
      .filter((s) => s.outputArtifact)
      .map((s) => ({
        name: s.outputArtifact,
        revisionId: s.revisionId,
        revisionChangeIdentifier: s.revisionId,
        revisionSummary: s.revisionSummary,
        created: ts(s.created),
        revisionUrl: s.revisionUrl,
      })),
    variables: e.variables,
    trigger: e.trigger,
    executionMode: e.executionMode,
    executionType: 'STANDARD',
  };
}

/**
 * One ListActionExecutions entry. In PARALLEL mode GetPipelineState gives no approval token: AWS documents the
 * waiting approval's `output.executionResult.externalExecutionId` as the token to send to PutApprovalResult.
 */
export function actionExecutionDetail(r: ActionExecRec, mode?: ExecutionMode) {
  const parallelToken = r.kind === 'approval' && mode === 'PARALLEL' ? r.token : undefined;
  const externalExecutionId = r.externalExecutionId ?? parallelToken;
  const s3 = (a: { name: string; bucket: string; key: string }) => ({ name: a.name, s3location: { bucket: a.bucket, key: a.key } });
  return {
    pipelineExecutionId: r.pipelineExecutionId,
    actionExecutionId: r.id,
    pipelineVersion: r.pipelineVersion,
    stageName: r.stageName,
    actionName: r.actionName,
    startTime: ts(r.startTime),
    lastUpdateTime: ts(r.lastUpdateTime),
    updatedBy: r.updatedBy,
    status: r.status,
    input: {
      actionTypeId: r.actionTypeId,
      configuration: r.configuration ?? {},
      resolvedConfiguration: r.resolvedConfiguration ?? {},
      region: r.region,
      inputArtifacts: r.inputArtifacts.map(s3),
      namespace: r.namespace,
    },
    output: {
      outputArtifacts: r.outputArtifacts.map(s3),
      executionResult:
        r.status === 'InProgress' && !externalExecutionId
          ? undefined
          : {
              externalExecutionId,
              externalExecutionSummary: r.summary,
              externalExecutionUrl: r.externalExecutionUrl,
              errorDetails: r.errorDetails,
            },
      outputVariables: r.outputVariables,
    },
  };
}

function actionExecution(r: ActionExecRec, mode: ExecutionMode | undefined) {
  return {
    actionExecutionId: r.id,
    status: r.status,
    summary: r.summary,
    lastStatusChange: ts(r.lastUpdateTime),
    // No token in PARALLEL mode (see actionExecutionDetail).
    token: r.status === 'InProgress' && mode !== 'PARALLEL' ? r.token : undefined,
    lastUpdatedBy: r.updatedBy,
    externalExecutionId: r.externalExecutionId,
    externalExecutionUrl: r.externalExecutionUrl,
    percentComplete: r.percentComplete,
    errorDetails: r.errorDetails,
  };
}

function entityUrl(a: ActionDecl, region: string): string | undefined {
  const c = a.configuration ?? {};
  switch (`${a.actionTypeId.category}/${a.actionTypeId.provider}`) {
    case 'Source/CodeCommit':
      return urls.repository(region, c.RepositoryName ?? '', c.BranchName ?? '');
    case 'Build/CodeBuild':
    case 'Test/CodeBuild':
      return urls.project(region, c.ProjectName ?? '');
    case 'Deploy/CodeDeploy':
      return urls.deploymentGroup(region, c.ApplicationName ?? '', c.DeploymentGroupName ?? '');
    case 'Approval/Manual':
      return c.ExternalEntityLink;
    default:
      return undefined;
  }
}

export function pipelineState(engine: PipelineEngine, st: PipelineState, p: PipelineRec, region: string) {
  const decl: PipelineDecl = engine.decl(p);
  const active = engine.activeOf(p);
  return {
    pipelineName: decl.name,
    pipelineVersion: decl.version,
    created: ts(p.created),
    updated: ts(p.updated),
    stageStates: decl.stages.map((stage, i) => {
      const t = p.transitions[stage.name];
      const waiting = active.filter((e) => !e.inStage && e.stageIndex === i);
      const inbound = waiting.map((e) => ({ pipelineExecutionId: e.id, status: 'InProgress', type: 'STANDARD' }));
      const latestId = p.stageLatest[stage.name];
      const latest = latestId ? st.executions[latestId] : undefined;
      return {
        stageName: stage.name,
        inboundExecution: inbound[0],
        inboundExecutions: inbound.length ? inbound : undefined,
        inboundTransitionState: t
          ? { enabled: t.enabled, lastChangedBy: t.lastChangedBy, lastChangedAt: ts(t.lastChangedAt), disabledReason: t.enabled ? undefined : t.disabledReason }
          : { enabled: true },
        actionStates: stage.actions.map((a) => {
          const key = `${stage.name}/${a.name}`;
          const recId = p.actionLatest[key];
          const rec = recId ? st.actions[recId] : undefined;
          const rev = p.currentRevisions[key];
          const repo = a.configuration?.RepositoryName;
          return {
            actionName: a.name,
            currentRevision: rev ? { revisionId: rev.revisionId, revisionChangeId: rev.revisionId, created: ts(rev.created) } : undefined,
            latestExecution: rec ? actionExecution(rec, st.executions[rec.pipelineExecutionId]?.executionMode) : undefined,
            entityUrl: entityUrl(a, region),
            revisionUrl: rev && repo && a.actionTypeId.provider === 'CodeCommit' ? urls.commit(region, repo, rev.revisionId) : undefined,
          };
        }),
        latestExecution: latest?.stages[stage.name] ? { pipelineExecutionId: latest.id, status: latest.stages[stage.name].status, type: 'STANDARD' } : undefined,
      };
    }),
  };
}
