/**
 * Host side: turns the service layer's model (src/model/codepipeline.ts) into the panel's view model
 * (src/webview/protocol.ts). Pure: no 'vscode', tested in plain Node. The page never sees a model type.
 */
import type {
  ActionExecution,
  ActionState,
  PipelineActionDeclaration,
  PipelineExecution,
  PipelineState,
  PipelineStructure,
  StageState,
} from '../model/codepipeline';
import type { RunStatus } from '../model/status';
import { isActive } from '../model/status';
import {
  DEFAULT_LIMITS,
  isSafeUrl,
  type ActionCategory,
  type ActionVM,
  type ExecutionChoiceVM,
  type ExecutionVM,
  type Limits,
  type LinkVM,
  type PanelState,
  type StageVM,
  type Status,
} from '../webview/protocol';

/** Everything one refresh fetched. */
export interface PanelData {
  pipelineName: string;
  connectionLabel: string;
  structure?: PipelineStructure;
  state?: PipelineState;
  /** History, newest first. */
  executions: PipelineExecution[];
  /** GetPipelineExecution of the execution in the header (the selected one, else the latest). */
  execution?: PipelineExecution;
  /** When an earlier execution is selected: its action executions (ListActionExecutions). */
  selected?: { executionId: string; actions: ActionExecution[] };
  error?: string;
  now: number;
  limits?: Limits;
}

const CATEGORIES: readonly ActionCategory[] = ['Source', 'Build', 'Deploy', 'Test', 'Approval', 'Invoke', 'Compute'];

export function toCategory(raw: string | undefined): ActionCategory {
  return (CATEGORIES as readonly string[]).includes(raw ?? '') ? (raw as ActionCategory) : 'Other';
}

function status(s: RunStatus): Status {
  return s;
}

/** The whole panel state. In live mode stages come from GetPipelineState; for a past execution from its action executions. */
export function toPanelState(d: PanelData): PanelState {
  const live = d.selected === undefined;
  const latestId = d.executions[0]?.id;
  const headerId = d.selected?.executionId ?? latestId;
  const summary = d.executions.find((e) => e.id === headerId);
  const detail = d.execution && d.execution.id === headerId ? d.execution : undefined;
  const stages = live ? liveStages(d.structure, d.state) : pastStages(d.structure, d.state, d.selected!.actions);
  return {
    pipelineName: d.pipelineName,
    connectionLabel: d.connectionLabel,
    pipelineVersion: d.state?.version ?? d.structure?.version,
    selectedExecutionId: d.selected?.executionId,
    live,
    execution: summary || detail ? toExecutionVM(summary, detail) : undefined,
    executions: d.executions.map(toChoice),
    stages,
    error: d.error,
    now: d.now,
    limits: d.limits ?? DEFAULT_LIMITS,
  };
}

export function toChoice(e: PipelineExecution): ExecutionChoiceVM {
  const revision = e.sourceRevisions.find((r) => r.revisionSummary)?.revisionSummary;
  const label = revision ? firstLine(revision) : e.trigger?.type;
  return { id: e.id, status: status(e.status), startTime: e.start, ...(label ? { label } : {}) };
}

/** The header: the list entry gives times and revisions, GetPipelineExecution gives trigger and variables. */
export function toExecutionVM(summary: PipelineExecution | undefined, detail: PipelineExecution | undefined): ExecutionVM {
  const e = { ...(summary ?? detail!), ...(detail ?? {}) };
  // the list's revisions carry the commit message; GetPipelineExecution's artifact revisions carry it too, and the URL
  const revisions = (detail?.sourceRevisions.length ? detail.sourceRevisions : (summary?.sourceRevisions ?? [])).map((r, i) => {
    const fromList = summary?.sourceRevisions[i];
    return {
      actionName: r.actionName,
      revisionId: r.revisionId ?? fromList?.revisionId ?? '',
      summary: r.revisionSummary ?? fromList?.revisionSummary,
      url: safe(r.revisionUrl ?? fromList?.revisionUrl),
    };
  });
  const start = summary?.start ?? detail?.start;
  const lastUpdate = summary?.lastUpdate ?? detail?.lastUpdate;
  const running = isActive(e.status) || e.rawStatus === 'Stopping';
  return {
    id: e.id,
    status: status(e.status),
    rawStatus: e.rawStatus,
    statusSummary: e.statusSummary ?? (e.stopReason ? `Stopped: ${e.stopReason}` : undefined),
    trigger: triggerText(e.trigger),
    startTime: start,
    lastUpdate,
    endTime: running ? undefined : lastUpdate,
    revisions: revisions.filter((r) => r.revisionId || r.summary),
    variables: e.variables ?? [],
    stoppable: e.rawStatus === 'InProgress',
  };
}

function triggerText(t: PipelineExecution['trigger']): string | undefined {
  if (!t?.type) return undefined;
  // an ARN reads as its resource part: user/alice, rule/codepipeline-web-app-main-rule
  const who = t.detail ? t.detail.replace(/^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d*:/, '') : '';
  return who ? `${t.type} (${who})` : t.type;
}

function firstLine(s: string): string {
  return (s.split(/\r?\n/, 1)[0] ?? '').slice(0, 100);
}

function safe(url: string | undefined): string | undefined {
  return isSafeUrl(url) ? url : undefined;
}

// ---- live state ------------------------------------------------------------------------------------------------

function liveStages(structure: PipelineStructure | undefined, state: PipelineState | undefined): StageVM[] {
  const stateByName = new Map((state?.stages ?? []).map((s) => [s.name, s]));
  const names = structure ? structure.stages.map((s) => s.name) : (state?.stages ?? []).map((s) => s.name);
  // a stage only in the state (the structure changed since we read it) still shows
  for (const s of state?.stages ?? []) if (!names.includes(s.name)) names.push(s.name);
  return names.map((name, index) => liveStage(name, index, structure?.stages.find((s) => s.name === name)?.actions ?? [], stateByName.get(name)));
}

function liveStage(name: string, index: number, declared: PipelineActionDeclaration[], s: StageState | undefined): StageVM {
  const actionStates = new Map((s?.actions ?? []).map((a) => [a.name, a]));
  const names = declared.map((a) => a.name);
  for (const a of s?.actions ?? []) if (!names.includes(a.name)) names.push(a.name);
  const actions = names.map((n) => liveAction(declared.find((a) => a.name === n), actionStates.get(n), n));
  let st: Status = s?.latestExecution ? status(s.latestExecution.status) : 'unknown';
  if (st === 'running' && actions.some((a) => a.status === 'waiting')) st = 'waiting';
  const t = s?.inboundTransition;
  return {
    name,
    status: st,
    rawStatus: s?.latestExecution?.rawStatus,
    executionId: s?.latestExecution?.executionId || undefined,
    transition: index === 0 ? undefined : { enabled: t?.enabled ?? true, reason: t?.disabledReason, by: t?.lastChangedBy, at: t?.lastChangedAt },
    inbound: (s?.inboundExecutions ?? []).filter((e) => e.executionId).map((e) => ({ executionId: e.executionId, status: status(e.status) })),
    retryable: !!s?.latestExecution?.executionId && (st === 'failed' || st === 'stopped'),
    actions,
  };
}

function liveAction(decl: PipelineActionDeclaration | undefined, a: ActionState | undefined, name: string): ActionVM {
  const category = toCategory(decl?.category);
  const provider = decl?.provider ?? '';
  const st: Status = a ? status(a.status) : 'unknown';
  const vm: ActionVM = {
    name,
    category,
    provider,
    status: category === 'Approval' && a?.approvalToken ? 'waiting' : st,
    ...(a?.rawStatus ? { rawStatus: a.rawStatus } : {}),
    ...(a?.summary ? { summary: a.summary } : {}),
    ...(a?.lastStatusChange !== undefined ? { lastChange: a.lastStatusChange } : {}),
    ...(decl?.runOrder !== undefined ? { runOrder: decl.runOrder } : {}),
  };
  const link = actionLink(category, provider, a?.externalExecutionId, a?.externalExecutionUrl ?? a?.entityUrl, a?.currentRevision, a?.revisionUrl);
  if (link) vm.link = link;
  if (a?.error && (a.error.message || a.error.code) && (st === 'failed' || st === 'stopped')) vm.error = { ...(a.error.code ? { code: a.error.code } : {}), message: a.error.message ?? '' };
  if (category === 'Approval') {
    vm.approval = approval(decl?.configuration ?? {}, a?.approvalToken, st !== 'waiting' && st !== 'running' ? a?.lastUpdatedBy : undefined);
  }
  return vm;
}

function approval(config: Record<string, string>, token: string | undefined, decidedBy: string | undefined) {
  const topic = config.NotificationArn;
  return {
    ...(token ? { token } : {}),
    ...(config.CustomData ? { customData: config.CustomData } : {}),
    ...(config.ExternalEntityLink ? { externalUrl: config.ExternalEntityLink } : {}),
    approvers: topic ? `people notified through ${topic.split(':').pop() ?? topic}, and anyone allowed codepipeline:PutApprovalResult` : 'anyone allowed codepipeline:PutApprovalResult on this pipeline',
    ...(decidedBy ? { decidedBy: decidedBy.replace(/^arn:aws[a-z-]*:(iam|sts)::\d+:/, '') } : {}),
  };
}

/** The provider link: CodeBuild's build, CodeDeploy's deployment, the source's commit, or the action's own URL. */
export function actionLink(
  category: ActionCategory,
  provider: string,
  externalId: string | undefined,
  url: string | undefined,
  revision?: string,
  revisionUrl?: string,
): LinkVM | undefined {
  if (provider === 'CodeBuild' && externalId) return { kind: 'build', label: shortBuildId(externalId), id: externalId, ...(safe(url) ? { url } : {}) };
  if (provider === 'CodeDeploy' && externalId) return { kind: 'deployment', label: externalId, ...(safe(url) ? { url } : {}) };
  if (category === 'Source' && (revision || externalId)) {
    const id = revision ?? externalId!;
    const target = safe(revisionUrl) ?? safe(url);
    return { kind: 'commit', label: /^[0-9a-f]{40}$/i.test(id) ? id.slice(0, 8) : id, id, ...(target ? { url: target } : {}) };
  }
  if (category === 'Approval') return undefined;
  if (url) return { kind: 'external', label: externalId ?? provider ?? 'Details', url };
  return undefined;
}

/** `project:uuid` as people read it: `project:a31403e0`. */
export function shortBuildId(id: string): string {
  const m = /^(.*):([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.exec(id);
  return m ? `${m[1]}:${m[2]}` : id;
}

// ---- a past execution -------------------------------------------------------------------------------------------

function pastStages(structure: PipelineStructure | undefined, state: PipelineState | undefined, actions: ActionExecution[]): StageVM[] {
  // the latest attempt of each action (retries produce several)
  const latest = new Map<string, ActionExecution>();
  for (const a of actions) {
    const key = `${a.stageName}\u0000${a.actionName}`;
    const prev = latest.get(key);
    if (!prev || (a.start ?? 0) >= (prev.start ?? 0)) latest.set(key, a);
  }
  const names = structure ? structure.stages.map((s) => s.name) : [...new Set(actions.map((a) => a.stageName))];
  const executionId = actions[0]?.pipelineExecutionId;
  return names.map((name, index) => {
    const declared = structure?.stages.find((s) => s.name === name)?.actions ?? [];
    const actionNames = declared.map((a) => a.name);
    for (const a of actions) if (a.stageName === name && !actionNames.includes(a.actionName)) actionNames.push(a.actionName);
    const vms = actionNames.map((n) => pastAction(declared.find((a) => a.name === n), latest.get(`${name}\u0000${n}`), n));
    const liveTransition = state?.stages.find((s) => s.name === name)?.inboundTransition;
    return {
      name,
      status: stageStatusFrom(vms.map((a) => a.status)),
      executionId: vms.some((a) => a.status !== 'unknown') ? executionId : undefined,
      transition: index === 0 ? undefined : { enabled: liveTransition?.enabled ?? true, reason: liveTransition?.disabledReason, by: liveTransition?.lastChangedBy, at: liveTransition?.lastChangedAt },
      inbound: [],
      retryable: false,
      actions: vms,
    };
  });
}

function pastAction(decl: PipelineActionDeclaration | undefined, a: ActionExecution | undefined, name: string): ActionVM {
  const category = toCategory(decl?.category ?? a?.category);
  const provider = decl?.provider ?? a?.provider ?? '';
  const st: Status = a ? status(a.status) : 'unknown';
  const vm: ActionVM = {
    name,
    category,
    provider,
    status: st,
    ...(a?.rawStatus ? { rawStatus: a.rawStatus } : {}),
    ...(a?.summary ? { summary: a.summary } : {}),
    ...((a?.lastUpdate ?? a?.start) !== undefined ? { lastChange: a?.lastUpdate ?? a?.start } : {}),
    ...(decl?.runOrder !== undefined ? { runOrder: decl.runOrder } : {}),
  };
  const link = actionLink(category, provider, a?.externalExecutionId, a?.externalExecutionUrl, undefined, undefined);
  if (link) vm.link = link;
  if (a?.error && (a.error.message || a.error.code)) vm.error = { ...(a.error.code ? { code: a.error.code } : {}), message: a.error.message ?? '' };
  if (category === 'Approval') {
    const config = { ...(decl?.configuration ?? {}), ...(a?.configuration ?? {}) };
    vm.approval = approval(config, a?.approvalToken, a && !a.approvalToken ? a.updatedBy : undefined);
  }
  return vm;
}

export function stageStatusFrom(statuses: Status[]): Status {
  if (statuses.includes('failed')) return 'failed';
  if (statuses.includes('running')) return 'running';
  if (statuses.includes('waiting')) return 'waiting';
  if (statuses.includes('stopped')) return 'stopped';
  if (statuses.length > 0 && statuses.every((s) => s === 'succeeded' || s === 'skipped')) return 'succeeded';
  if (statuses.some((s) => s === 'succeeded')) return 'running';
  return 'unknown';
}

/** Whether the panel should be polled fast: something it shows still changes by itself. */
export function isPanelActive(p: PanelState | undefined): boolean {
  if (!p) return false;
  if (p.execution && (isActive(p.execution.status) || p.execution.rawStatus === 'Stopping')) return true;
  return p.stages.some((s) => isActive(s.status) || s.inbound.length > 0);
}
