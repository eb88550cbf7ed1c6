import {
  validateApprovalSummary,
  validatePipelineVariableName,
  validatePipelineVariableValue,
  validateStopReason,
  validateTransitionReason,
} from '../aws/validation';
import type { PendingApproval } from '../model/codepipeline';
import { connectionLabel, type Connection } from '../model/connection';
import { ApprovalNode } from '../views/approvalsView';
import type { ExplorerNode } from '../views/explorerProvider';
import { ActionNode, ExecutionNode, PipelineNode, StageNode } from '../views/pipelinesView';
import { ask, confirm, errorMessage, pickConnection, where, withProgress, type CommandContext } from './context';

function touched(ctx: CommandContext, c: Connection, pipeline: string): void {
  ctx.views.pipelines.touched(c, pipeline);
  ctx.views.approvals.touched(c);
}

async function pickPipeline(ctx: CommandContext, c: Connection, title: string): Promise<string | undefined> {
  const pick = await ctx.ui.showQuickPick(
    ctx.backend.listPipelines(c).then((p) => p.items.map((x) => ({ label: x.name, description: x.pipelineType }))),
    { title, placeHolder: 'Pipeline' },
  );
  return pick?.label;
}

/** Start execution: for a V2 pipeline, each declared variable is asked for (its default prefilled), validated as typed. */
export async function startExecution(ctx: CommandContext, node?: ExplorerNode, draft: { pipeline?: string; values?: Record<string, string> } = {}): Promise<void> {
  const c = await pickConnection(ctx, node, 'Start Pipeline Execution');
  if (!c) return;
  const name = node instanceof PipelineNode ? node.name : (draft.pipeline ?? (await pickPipeline(ctx, c, 'Start Pipeline Execution')));
  if (!name) return;
  let declared: { name: string; defaultValue?: string; description?: string }[] = [];
  try {
    declared = (await ctx.backend.getPipeline(c, name)).variables;
  } catch (e) {
    ctx.log(`start ${name}: could not read the pipeline's variables: ${errorMessage(e)}`);
  }
  const values: Record<string, string> = {};
  for (const v of declared) {
    const value = await ask(ctx, {
      title: `Start ${name}: variable ${v.name}`,
      prompt: v.description ?? `Value of ${v.name}${v.defaultValue !== undefined ? ' (empty: the default)' : ''}`,
      value: draft.values?.[v.name] ?? '',
      placeHolder: v.defaultValue,
      validate: (x) => (x === '' && v.defaultValue !== undefined ? undefined : (validatePipelineVariableName(v.name) ?? validatePipelineVariableValue(x))),
    });
    if (value === undefined) return;
    values[v.name] = value;
  }
  if (!(await confirm(ctx, `Start a new execution of ${name}?`, `It releases the latest source change through every stage${where(ctx, c)}.`, 'Start'))) return;
  const variables = Object.entries(values)
    .filter(([, value]) => value !== '')
    .map(([n, value]) => ({ name: n, value }));
  const id = await withProgress(ctx, `Starting ${name}`, () => ctx.backend.startExecution(c, name, variables), () => startExecution(ctx, node, { pipeline: name, values }));
  if (id) {
    touched(ctx, c, name);
    void ctx.ui.showInformationMessage(`Execution ${id.slice(0, 8)} of ${name} started.`);
  }
}

/** Stop: on an execution node, or on a pipeline node (its running execution). Stop and wait, or abandon; with a reason. */
export async function stopExecution(ctx: CommandContext, node?: ExplorerNode, draft: { mode?: string; reason?: string } = {}): Promise<void> {
  let c: Connection;
  let pipeline: string;
  let executionId: string | undefined;
  if (node instanceof ExecutionNode) {
    c = node.connection;
    pipeline = node.pipelineName;
    executionId = node.execution.id;
  } else if (node instanceof PipelineNode) {
    c = node.connection;
    pipeline = node.name;
    executionId = node.state.value?.stages.find((s) => s.latestExecution?.status === 'running')?.latestExecution?.executionId;
    if (!executionId) {
      void ctx.ui.showInformationMessage(`${pipeline} has no running execution.`);
      return;
    }
  } else return;
  const mode = await ctx.ui.showQuickPick(
    [
      { label: 'Stop and wait', description: 'let the actions in progress finish', abandon: false },
      { label: 'Stop and abandon', description: 'do not wait for the actions in progress', abandon: true },
    ].sort((a) => (a.label === draft.mode ? -1 : 0)),
    { title: `Stop execution ${executionId.slice(0, 8)} of ${pipeline}` },
  );
  if (!mode) return;
  const reason = await ask(ctx, { title: `Stop ${pipeline}`, prompt: 'Reason (optional)', value: draft.reason ?? '', validate: (v) => (v ? validateStopReason(v) : undefined) });
  if (reason === undefined) return;
  if (!(await confirm(ctx, `${mode.label}: execution ${executionId.slice(0, 8)} of ${pipeline}?`, `${mode.description}${where(ctx, c)}.`, 'Stop Execution'))) return;
  const ok = await withProgress(
    ctx,
    `Stopping ${pipeline}`,
    () => ctx.backend.stopExecution(c, pipeline, executionId, mode.abandon, reason || undefined).then(() => true),
    () => stopExecution(ctx, node, { mode: mode.label, reason }),
  );
  if (ok) touched(ctx, c, pipeline);
}

export async function retryStage(ctx: CommandContext, node?: ExplorerNode): Promise<void> {
  if (!(node instanceof StageNode)) return;
  const { connection: c, pipelineName, stage } = node;
  const executionId = stage.latestExecution?.executionId;
  if (!executionId) return;
  const mode = await ctx.ui.showQuickPick(
    [
      { label: 'Retry failed actions', mode: 'FAILED_ACTIONS' as const },
      { label: 'Retry all actions', mode: 'ALL_ACTIONS' as const },
    ],
    { title: `Retry stage ${stage.name} of ${pipelineName}` },
  );
  if (!mode) return;
  const ok = await withProgress(ctx, `Retrying ${pipelineName} › ${stage.name}`, () => ctx.backend.retryStage(c, pipelineName, stage.name, executionId, mode.mode), () => retryStage(ctx, node));
  if (ok) touched(ctx, c, pipelineName);
}

function approvalOf(node: ExplorerNode | undefined): { c: Connection; approval: PendingApproval } | undefined {
  if (node instanceof ApprovalNode) return { c: node.connection, approval: node.approval };
  if (node instanceof ActionNode && node.action.approvalToken) {
    return {
      c: node.connection,
      approval: {
        pipelineName: node.pipelineName,
        stageName: node.stage.name,
        actionName: node.action.name,
        token: node.action.approvalToken,
        pipelineExecutionId: node.stage.latestExecution?.executionId,
      },
    };
  }
  return undefined;
}

/** Approve or reject, with a comment; from an approval or action node, or the palette (pick among those waiting). */
export async function answerApproval(ctx: CommandContext, approved: boolean, node?: ExplorerNode, draft: { comment?: string } = {}): Promise<void> {
  let target = approvalOf(node);
  if (!target) {
    const all = await Promise.all(ctx.connections.list().map((c) => ctx.backend.listApprovals(c).then((list) => list.map((approval) => ({ c, approval })), () => [])));
    const pick = await ctx.ui.showQuickPick(
      all.flat().map((t) => ({ label: `${t.approval.pipelineName} › ${t.approval.stageName} › ${t.approval.actionName}`, description: ctx.connections.size > 1 ? connectionLabel(t.c) : undefined, t })),
      { title: approved ? 'Approve' : 'Reject', placeHolder: 'Approval waiting' },
    );
    if (!pick) return;
    target = pick.t;
  }
  const { c, approval } = target;
  const what = `${approval.pipelineName} › ${approval.stageName} › ${approval.actionName}`;
  const comment = await ask(ctx, {
    title: `${approved ? 'Approve' : 'Reject'} ${what}`,
    prompt: approved ? 'Comment (optional, up to 512 characters)' : 'Why? (the comment is recorded with the rejection)',
    value: draft.comment ?? '',
    validate: (v) => validateApprovalSummary(v) ?? (!approved && v.trim() === '' ? 'A rejection needs a comment.' : undefined),
  });
  if (comment === undefined) return;
  if (!(await confirm(ctx, `${approved ? 'Approve' : 'Reject'} ${what}?`, `${approved ? 'The pipeline continues past this approval' : 'The stage fails'}${where(ctx, c)}.`, approved ? 'Approve' : 'Reject'))) return;
  const ok = await withProgress(
    ctx,
    `${approved ? 'Approving' : 'Rejecting'} ${what}`,
    () => ctx.backend.putApproval(c, approval, approved, comment).then(() => true),
    () => answerApproval(ctx, approved, node, { comment }),
  );
  if (ok) {
    touched(ctx, c, approval.pipelineName);
    void ctx.ui.showInformationMessage(`${approved ? 'Approved' : 'Rejected'}: ${what}.`);
  }
}

export async function setTransition(ctx: CommandContext, enable: boolean, node?: ExplorerNode, draft: { reason?: string } = {}): Promise<void> {
  if (!(node instanceof StageNode)) return;
  const { connection: c, pipelineName, stage } = node;
  let reason: string | undefined;
  if (!enable) {
    reason = await ask(ctx, {
      title: `Disable the transition into ${stage.name} (${pipelineName})`,
      prompt: 'Reason (required; letters, digits, spaces and !@().*?- only)',
      value: draft.reason ?? '',
      validate: validateTransitionReason,
    });
    if (reason === undefined) return;
    if (!(await confirm(ctx, `Disable the transition into ${stage.name} of ${pipelineName}?`, `Executions stop before ${stage.name} until it is enabled again${where(ctx, c)}.`, 'Disable'))) return;
  }
  const ok = await withProgress(
    ctx,
    `${enable ? 'Enabling' : 'Disabling'} the transition into ${stage.name}`,
    () => ctx.backend.setTransition(c, pipelineName, stage.name, enable, reason).then(() => true),
    () => setTransition(ctx, enable, node, { reason }),
  );
  if (ok) touched(ctx, c, pipelineName);
}
