import type { ActionExecution, PipelineExecution, PipelineStructure } from '../model/codepipeline';
import type { RunStatus } from '../model/status';

/** Pure: how far one pipeline execution got, in words ("in Staging, waiting for approval"), from its action executions. */

/** Whether `execution` carries `commitId` (a full id or an abbreviation of at least 7 characters). */
export function carriesCommit(execution: PipelineExecution, commitId: string): boolean {
  const id = commitId.toLowerCase();
  if (id.length < 7) return false;
  return execution.sourceRevisions.some((r) => {
    const rev = r.revisionId?.toLowerCase();
    return rev !== undefined && rev.length >= 7 && (rev.startsWith(id) || id.startsWith(rev));
  });
}

export interface Progress {
  status: RunStatus;
  /** The stage the execution is in, stopped in, or failed in; the last stage when it succeeded. */
  stage?: string;
  /** 1-based position of `stage` and the number of stages. */
  position?: { index: number; of: number };
  waitingForApproval?: { actionName: string };
  failedAction?: string;
  text: string;
}

export function describeProgress(structure: PipelineStructure | undefined, execution: PipelineExecution, actions: readonly ActionExecution[]): Progress {
  const mine = actions.filter((a) => a.pipelineExecutionId === execution.id);
  const order = structure?.stages.map((s) => s.name) ?? [...new Set(mine.map((a) => a.stageName))];
  const reached = order.filter((s) => mine.some((a) => a.stageName === s));
  const stage = reached[reached.length - 1];
  const position = stage ? { index: order.indexOf(stage) + 1, of: order.length } : undefined;
  const inStage = mine.filter((a) => a.stageName === stage);
  const of = position ? ` (stage ${position.index} of ${position.of})` : '';
  const status = execution.status;
  switch (status) {
    case 'running': {
      const approval = inStage.find((a) => (a.status === 'running' || a.status === 'waiting') && (a.provider === 'Manual' || a.category === 'Approval'));
      if (approval) return { status: 'waiting', stage, position, waitingForApproval: { actionName: approval.actionName }, text: `in ${stage}, waiting for approval${of}` };
      return { status, stage, position, text: stage ? `in ${stage}${of}` : 'starting' };
    }
    case 'failed': {
      const failed = mine.find((a) => a.status === 'failed');
      const where = failed?.stageName ?? stage;
      return { status, stage: where, position, ...(failed ? { failedAction: failed.actionName } : {}), text: where ? `failed in ${where}${failed ? ` (${failed.actionName})` : ''}` : 'failed' };
    }
    case 'succeeded':
      return { status, stage, position, text: stage && position && position.index === position.of ? `succeeded, through ${stage}` : 'succeeded' };
    case 'stopped':
      return { status, stage, position, text: stage ? `stopped in ${stage}` : 'stopped' };
    case 'skipped':
      return { status, stage, position, text: stage ? `superseded in ${stage} by a newer execution` : 'superseded by a newer execution' };
    default:
      return { status, stage, position, text: execution.rawStatus || 'unknown' };
  }
}
