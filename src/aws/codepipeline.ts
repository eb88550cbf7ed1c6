import type {
  ActionExecutionDetail,
  ActionState as SdkActionState,
  PipelineDeclaration,
  PipelineExecutionSummary,
  StageExecution,
  StageState as SdkStageState,
} from '@aws-sdk/client-codepipeline';
import type {
  ActionExecution,
  ActionState,
  PendingApproval,
  PipelineExecution,
  PipelineState,
  PipelineStructure,
  PipelineSummary,
  StageExecutionRef,
  StageState,
} from '../model/codepipeline';
import { normaliseStatus, type RunStatus } from '../model/status';
import type { ConnectionClients } from './clients';
import { time } from './convert';
import { AwsError } from './errors';
import {
  assertValid,
  validateActionName,
  validateApprovalSummary,
  validateClientRequestToken,
  validateExecutionId,
  validatePipelineName,
  validatePipelineVariables,
  validateStageName,
  validateStopReason,
  validateTransitionReason,
} from './validation';

export type StageRetryMode = 'FAILED_ACTIONS' | 'ALL_ACTIONS';
export type TransitionType = 'Inbound' | 'Outbound';

/** CodePipeline: pipelines, structure, state, executions, and the actions people take on them. */
export class CodePipelineService {
  /** Execution mode of each pipeline seen by listPipelines (GetPipelineState does not say it; PARALLEL changes where approval tokens are). */
  private readonly modes = new Map<string, string>();

  constructor(private readonly clients: ConnectionClients) {}

  /** Every pipeline (ListPipelines pages; `pageSize` 1..1000, default 1000 for the fewest calls). */
  async listPipelines(options: { pageSize?: number } = {}): Promise<PipelineSummary[]> {
    return this.clients.call('codepipeline', 'ListPipelines', async (client, sdk) => {
      const out: PipelineSummary[] = [];
      for await (const page of sdk.paginateListPipelines({ client, pageSize: options.pageSize ?? 1000 }, {})) {
        for (const p of page.pipelines ?? []) {
          out.push({ name: p.name ?? '', version: p.version, pipelineType: p.pipelineType, executionMode: p.executionMode, created: time(p.created), updated: time(p.updated) });
        }
      }
      this.modes.clear();
      for (const p of out) if (p.executionMode) this.modes.set(p.name, p.executionMode);
      return out;
    });
  }

  async getPipeline(name: string): Promise<PipelineStructure> {
    assertValid('codepipeline.GetPipeline', validatePipelineName(name));
    const out = await this.clients.call('codepipeline', 'GetPipeline', async (client, sdk) => client.send(new sdk.GetPipelineCommand({ name })));
    if (out.pipeline?.executionMode) this.modes.set(name, out.pipeline.executionMode);
    return toStructure(out.pipeline ?? { name, roleArn: '', stages: [] }, out.metadata);
  }

  /** A pipeline's state; runs through the connection's bounded queue (views ask for many at once). */
  async getPipelineState(name: string): Promise<PipelineState> {
    assertValid('codepipeline.GetPipelineState', validatePipelineName(name));
    const out = await this.clients.queue.run(() => this.clients.call('codepipeline', 'GetPipelineState', async (client, sdk) => client.send(new sdk.GetPipelineStateCommand({ name }))));
    return {
      pipelineName: out.pipelineName ?? name,
      version: out.pipelineVersion,
      stages: (out.stageStates ?? []).map(toStageState),
      created: time(out.created),
      updated: time(out.updated),
    };
  }

  /** States of many pipelines through the bounded queue; a failure for one does not hide the others. */
  async getPipelineStates(names: readonly string[]): Promise<Map<string, PipelineState | AwsError>> {
    const settled = await Promise.allSettled(names.map((n) => this.getPipelineState(n)));
    return new Map(names.map((n, i) => [n, settled[i].status === 'fulfilled' ? settled[i].value : toError(settled[i].reason)]));
  }

  /** Execution history, newest first, with source revisions (at most `limit`, default 25). */
  async listExecutions(pipelineName: string, options: { limit?: number } = {}): Promise<PipelineExecution[]> {
    assertValid('codepipeline.ListPipelineExecutions', validatePipelineName(pipelineName));
    const limit = options.limit ?? 25;
    return this.clients.call('codepipeline', 'ListPipelineExecutions', async (client, sdk) => {
      const out: PipelineExecution[] = [];
      for await (const page of sdk.paginateListPipelineExecutions({ client, pageSize: Math.min(100, Math.max(1, limit)) }, { pipelineName })) {
        for (const e of page.pipelineExecutionSummaries ?? []) out.push(toExecutionSummary(pipelineName, e));
        if (out.length >= limit) break;
      }
      return out.slice(0, limit);
    });
  }

  /** One execution with its variables and trigger. */
  async getExecution(pipelineName: string, executionId: string): Promise<PipelineExecution> {
    const out = await this.clients.call('codepipeline', 'GetPipelineExecution', async (client, sdk) =>
      client.send(new sdk.GetPipelineExecutionCommand({ pipelineName, pipelineExecutionId: executionId })),
    );
    const e = out.pipelineExecution ?? {};
    const rawStatus = e.status ?? 'InProgress';
    return {
      id: e.pipelineExecutionId ?? executionId,
      pipelineName,
      status: normaliseStatus(rawStatus),
      rawStatus,
      statusSummary: e.statusSummary,
      trigger: e.trigger ? { type: e.trigger.triggerType, detail: e.trigger.triggerDetail } : undefined,
      sourceRevisions: (e.artifactRevisions ?? []).map((r) => ({ actionName: r.name ?? '', revisionId: r.revisionId, revisionSummary: r.revisionSummary, revisionUrl: r.revisionUrl })),
      executionMode: e.executionMode,
      executionType: e.executionType,
      variables: (e.variables ?? []).map((v) => ({ name: v.name ?? '', value: v.resolvedValue ?? '' })),
    };
  }

  /** The action executions of one pipeline execution (ListActionExecutions pages), in stage order as the service returns them. */
  async listActionExecutions(pipelineName: string, executionId: string): Promise<ActionExecution[]> {
    return this.clients.call('codepipeline', 'ListActionExecutions', async (client, sdk) => {
      const out: ActionExecution[] = [];
      for await (const page of sdk.paginateListActionExecutions({ client, pageSize: 100 }, { pipelineName, filter: { pipelineExecutionId: executionId } })) {
        for (const d of page.actionExecutionDetails ?? []) out.push(toActionExecution(d));
      }
      return out;
    });
  }

  /** Starts an execution with optional variables; `clientRequestToken` makes a retried start idempotent. */
  async startExecution(pipelineName: string, options: { variables?: { name: string; value: string }[]; clientRequestToken?: string } = {}): Promise<string> {
    const variables = options.variables ?? [];
    const clientRequestToken = options.clientRequestToken ?? globalThis.crypto.randomUUID();
    assertValid('codepipeline.StartPipelineExecution', validatePipelineName(pipelineName), validatePipelineVariables(variables), validateClientRequestToken(clientRequestToken));
    const out = await this.clients.call('codepipeline', 'StartPipelineExecution', async (client, sdk) =>
      client.send(new sdk.StartPipelineExecutionCommand({ name: pipelineName, clientRequestToken, ...(variables.length ? { variables } : {}) })),
    );
    return out.pipelineExecutionId ?? '';
  }

  /** Stops an execution: let running actions finish (`abandon` false) or abandon them; `reason` up to 200 characters. */
  async stopExecution(pipelineName: string, executionId: string, options: { abandon?: boolean; reason?: string } = {}): Promise<void> {
    assertValid('codepipeline.StopPipelineExecution', validatePipelineName(pipelineName), validateExecutionId(executionId), options.reason ? validateStopReason(options.reason) : undefined);
    await this.clients.call('codepipeline', 'StopPipelineExecution', async (client, sdk) =>
      client.send(
        new sdk.StopPipelineExecutionCommand({ pipelineName, pipelineExecutionId: executionId, abandon: options.abandon ?? false, ...(options.reason ? { reason: options.reason } : {}) }),
      ),
    );
  }

  /** Retries a failed stage of the latest execution: only its failed actions, or all of them. */
  async retryStage(pipelineName: string, stageName: string, executionId: string, retryMode: StageRetryMode): Promise<string> {
    assertValid('codepipeline.RetryStageExecution', validatePipelineName(pipelineName), validateStageName(stageName), validateExecutionId(executionId));
    const out = await this.clients.call('codepipeline', 'RetryStageExecution', async (client, sdk) =>
      client.send(new sdk.RetryStageExecutionCommand({ pipelineName, stageName, pipelineExecutionId: executionId, retryMode })),
    );
    return out.pipelineExecutionId ?? executionId;
  }

  /**
   * Approves or rejects a manual approval. The token comes from `token`, else is looked up: from GetPipelineState
   * (QUEUED / SUPERSEDED modes) or, in PARALLEL mode or when `executionId` names an execution other than the
   * latest, from ListActionExecutions (the in-progress approval's `externalExecutionId`).
   */
  async putApprovalResult(input: {
    pipelineName: string;
    stageName: string;
    actionName: string;
    approved: boolean;
    summary?: string;
    token?: string;
    executionId?: string;
  }): Promise<void> {
    const summary = input.summary ?? '';
    assertValid(
      'codepipeline.PutApprovalResult',
      validatePipelineName(input.pipelineName),
      validateStageName(input.stageName),
      validateActionName(input.actionName),
      validateApprovalSummary(summary),
    );
    const token = input.token ?? (await this.findApprovalToken(input.pipelineName, input.stageName, input.actionName, input.executionId));
    if (!token) {
      throw new AwsError('conflict', 'codepipeline.PutApprovalResult', `There is no approval waiting at ${input.stageName} / ${input.actionName} of ${input.pipelineName}: it may have been answered already.`, {
        code: 'NoPendingApproval',
      });
    }
    await this.clients.call('codepipeline', 'PutApprovalResult', async (client, sdk) =>
      client.send(
        new sdk.PutApprovalResultCommand({
          pipelineName: input.pipelineName,
          stageName: input.stageName,
          actionName: input.actionName,
          token,
          result: { status: input.approved ? 'Approved' : 'Rejected', summary },
        }),
      ),
    );
  }

  /** The token of the approval waiting at stage/action (see `putApprovalResult`), or undefined when none waits. */
  async findApprovalToken(pipelineName: string, stageName: string, actionName: string, executionId?: string): Promise<string | undefined> {
    const state = await this.getPipelineState(pipelineName);
    const stage = state.stages.find((s) => s.name === stageName);
    const action = stage?.actions.find((a) => a.name === actionName);
    const latestId = stage?.latestExecution?.executionId;
    if (action?.approvalToken && (!executionId || executionId === latestId)) return action.approvalToken;
    // PARALLEL mode (no token in the state) or an execution other than the stage's latest.
    const ids = executionId ? [executionId] : [...new Set([latestId, ...(stage?.inboundExecutions ?? []).map((e) => e.executionId)].filter((x): x is string => !!x))];
    for (const id of ids) {
      const actions = await this.listActionExecutions(pipelineName, id);
      const waiting = actions.find((a) => a.stageName === stageName && a.actionName === actionName && a.rawStatus === 'InProgress' && a.approvalToken);
      if (waiting) return waiting.approvalToken;
    }
    if (executionId) return undefined;
    // PARALLEL: an older execution may wait there while the stage's latest has moved on.
    const parallel = await this.parallelApprovals(pipelineName);
    return parallel.find((a) => a.stageName === stageName && a.actionName === actionName)?.token;
  }

  /**
   * Approvals waiting in the given pipelines: from their states (QUEUED / SUPERSEDED), and for PARALLEL pipelines
   * (whose state carries no token) from ListActionExecutions of their in-progress executions. The execution modes
   * come from the last listPipelines of this session; unknown names cost one listPipelines.
   */
  async listPendingApprovals(pipelineNames: readonly string[], states?: Map<string, PipelineState | AwsError>): Promise<PendingApproval[]> {
    if (pipelineNames.some((n) => !this.modes.has(n))) await this.listPipelines();
    const parallel = pipelineNames.filter((n) => this.modes.get(n) === 'PARALLEL');
    const stateful = pipelineNames.filter((n) => this.modes.get(n) !== 'PARALLEL');
    const all = states ?? (await this.getPipelineStates(stateful));
    const out: PendingApproval[] = [];
    const fromParallel = await this.clients.queue.mapSettled(parallel, (n) => this.parallelApprovals(n));
    for (const r of fromParallel) if (r.status === 'fulfilled') out.push(...r.value);
    for (const name of stateful) {
      const state = all.get(name);
      if (!state || state instanceof AwsError) continue;
      for (const stage of state.stages) {
        for (const action of stage.actions) {
          if (action.approvalToken && action.rawStatus === 'InProgress') {
            out.push({
              pipelineName: name,
              stageName: stage.name,
              actionName: action.name,
              token: action.approvalToken,
              pipelineExecutionId: stage.latestExecution?.executionId,
              since: action.lastStatusChange,
              summary: action.summary,
              externalExecutionUrl: action.externalExecutionUrl,
            });
          }
        }
      }
    }
    return out;
  }

  /** Waiting approvals of a PARALLEL pipeline: its in-progress executions (newest 100), then their action executions. */
  private async parallelApprovals(pipelineName: string): Promise<PendingApproval[]> {
    const running = (await this.listExecutions(pipelineName, { limit: 100 })).filter((e) => e.rawStatus === 'InProgress');
    const out: PendingApproval[] = [];
    for (const e of running) {
      for (const a of await this.listActionExecutions(pipelineName, e.id)) {
        if (!a.approvalToken) continue;
        out.push({
          pipelineName,
          stageName: a.stageName,
          actionName: a.actionName,
          token: a.approvalToken,
          pipelineExecutionId: a.pipelineExecutionId,
          since: a.start,
          configuration: a.configuration,
        });
      }
    }
    return out;
  }

  async enableTransition(pipelineName: string, stageName: string, transitionType: TransitionType = 'Inbound'): Promise<void> {
    assertValid('codepipeline.EnableStageTransition', validatePipelineName(pipelineName), validateStageName(stageName));
    await this.clients.call('codepipeline', 'EnableStageTransition', async (client, sdk) => client.send(new sdk.EnableStageTransitionCommand({ pipelineName, stageName, transitionType })));
  }

  /** Disables a transition; `reason` is required (1..300 characters of the allowed set). */
  async disableTransition(pipelineName: string, stageName: string, reason: string, transitionType: TransitionType = 'Inbound'): Promise<void> {
    assertValid('codepipeline.DisableStageTransition', validatePipelineName(pipelineName), validateStageName(stageName), validateTransitionReason(reason));
    await this.clients.call('codepipeline', 'DisableStageTransition', async (client, sdk) =>
      client.send(new sdk.DisableStageTransitionCommand({ pipelineName, stageName, transitionType, reason })),
    );
  }
}

function toError(e: unknown): AwsError {
  return e instanceof AwsError ? e : new AwsError('service', 'codepipeline.GetPipelineState', e instanceof Error ? e.message : String(e));
}

function toStructure(p: PipelineDeclaration, metadata: { pipelineArn?: string; updated?: Date } | undefined): PipelineStructure {
  return {
    name: p.name ?? '',
    version: p.version,
    pipelineType: p.pipelineType,
    executionMode: p.executionMode ?? 'SUPERSEDED',
    stages: (p.stages ?? []).map((s) => ({
      name: s.name ?? '',
      actions: (s.actions ?? []).map((a) => ({
        name: a.name ?? '',
        category: a.actionTypeId?.category ?? '',
        owner: a.actionTypeId?.owner,
        provider: a.actionTypeId?.provider ?? '',
        runOrder: a.runOrder ?? 1,
        configuration: { ...(a.configuration ?? {}) },
        region: a.region,
        namespace: a.namespace,
      })),
    })),
    variables: (p.variables ?? []).map((v) => ({ name: v.name ?? '', defaultValue: v.defaultValue, description: v.description })),
    arn: metadata?.pipelineArn,
    updated: time(metadata?.updated),
  };
}

function stageRef(e: StageExecution): StageExecutionRef {
  const rawStatus = e.status ?? 'InProgress';
  return { executionId: e.pipelineExecutionId ?? '', status: normaliseStatus(rawStatus), rawStatus, type: e.type };
}

function toStageState(s: SdkStageState): StageState {
  const inbound = s.inboundExecutions ?? (s.inboundExecution ? [s.inboundExecution] : []);
  const t = s.inboundTransitionState;
  return {
    name: s.stageName ?? '',
    inboundTransition: { enabled: t?.enabled ?? true, disabledReason: t?.disabledReason, lastChangedBy: t?.lastChangedBy, lastChangedAt: time(t?.lastChangedAt) },
    latestExecution: s.latestExecution ? stageRef(s.latestExecution) : undefined,
    inboundExecutions: inbound.map(stageRef),
    actions: (s.actionStates ?? []).map(toActionState),
  };
}

function actionStatus(raw: string | undefined, isApproval: boolean): RunStatus {
  if (!raw) return 'unknown';
  if (raw === 'InProgress' && isApproval) return 'waiting';
  return normaliseStatus(raw);
}

function toActionState(a: SdkActionState): ActionState {
  const e = a.latestExecution;
  const token = e?.token;
  return {
    name: a.actionName ?? '',
    status: e ? actionStatus(e.status, !!token) : 'unknown',
    rawStatus: e?.status,
    actionExecutionId: e?.actionExecutionId,
    summary: e?.summary,
    lastStatusChange: time(e?.lastStatusChange),
    lastUpdatedBy: e?.lastUpdatedBy,
    externalExecutionId: e?.externalExecutionId,
    externalExecutionUrl: e?.externalExecutionUrl,
    entityUrl: a.entityUrl,
    revisionUrl: a.revisionUrl,
    currentRevision: a.currentRevision?.revisionId,
    percentComplete: e?.percentComplete,
    error: e?.errorDetails ? { code: e.errorDetails.code, message: e.errorDetails.message } : undefined,
    approvalToken: token && e?.status === 'InProgress' ? token : undefined,
  };
}

function toExecutionSummary(pipelineName: string, e: PipelineExecutionSummary): PipelineExecution {
  const rawStatus = e.status ?? 'InProgress';
  return {
    id: e.pipelineExecutionId ?? '',
    pipelineName,
    status: normaliseStatus(rawStatus),
    rawStatus,
    statusSummary: e.statusSummary,
    start: time(e.startTime),
    lastUpdate: time(e.lastUpdateTime),
    trigger: e.trigger ? { type: e.trigger.triggerType, detail: e.trigger.triggerDetail } : undefined,
    sourceRevisions: (e.sourceRevisions ?? []).map((r) => ({ actionName: r.actionName ?? '', revisionId: r.revisionId, revisionSummary: r.revisionSummary, revisionUrl: r.revisionUrl })),
    executionMode: e.executionMode,
    executionType: e.executionType,
    stopReason: e.stopTrigger?.reason,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function toActionExecution(d: ActionExecutionDetail): ActionExecution {
  const rawStatus = d.status ?? 'InProgress';
  const result = d.output?.executionResult;
  const category = d.input?.actionTypeId?.category;
  const isApproval = category === 'Approval';
  return {
    actionExecutionId: d.actionExecutionId ?? '',
    pipelineExecutionId: d.pipelineExecutionId ?? '',
    stageName: d.stageName ?? '',
    actionName: d.actionName ?? '',
    status: actionStatus(rawStatus, isApproval),
    rawStatus,
    start: time(d.startTime),
    lastUpdate: time(d.lastUpdateTime),
    updatedBy: d.updatedBy,
    category,
    provider: d.input?.actionTypeId?.provider,
    configuration: { ...(d.input?.configuration ?? {}) },
    externalExecutionId: result?.externalExecutionId,
    externalExecutionUrl: result?.externalExecutionUrl,
    summary: result?.externalExecutionSummary,
    error: result?.errorDetails ? { code: result.errorDetails.code, message: result.errorDetails.message } : undefined,
    outputVariables: { ...(d.output?.outputVariables ?? {}) },
    approvalToken: isApproval && rawStatus === 'InProgress' && result?.externalExecutionId && UUID.test(result.externalExecutionId) ? result.externalExecutionId : undefined,
  };
}
