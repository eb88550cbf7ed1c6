import type { BuildProject } from '../model/codebuild';
import type { PipelineExecution, PipelineState, PipelineStructure } from '../model/codepipeline';
import type { RunStatus } from '../model/status';
import { parseRemoteUrl, sameTarget, type RemoteTarget } from './remotes';

/**
 * Which pipelines and build projects follow a workspace's repository and branch, what state their latest run is
 * in, and which of several is the worst. Pure: no `vscode`, no SDK.
 */

/** Source actions whose repository (and branch, when `branch` is given) is `target`. */
export function pipelineSourceMatches(structure: PipelineStructure, target: RemoteTarget, branch?: string): { actionName: string; branch?: string }[] {
  const out: { actionName: string; branch?: string }[] = [];
  for (const stage of structure.stages) {
    for (const a of stage.actions) {
      if (a.category !== 'Source') continue;
      const cfg = a.configuration;
      let repo: RemoteTarget | undefined;
      if (a.provider === 'CodeCommit' && cfg.RepositoryName) repo = { kind: 'codecommit', repositoryName: cfg.RepositoryName, ...(a.region ? { region: a.region } : {}) };
      else if ((a.provider === 'CodeStarSourceConnection' || a.provider === 'CodeConnections') && cfg.FullRepositoryId)
        repo = { kind: 'hosted', provider: 'other', host: '', fullRepositoryId: cfg.FullRepositoryId };
      else if (a.provider === 'GitHub' && cfg.Owner && cfg.Repo) repo = { kind: 'hosted', provider: 'github', host: 'github.com', fullRepositoryId: `${cfg.Owner}/${cfg.Repo}` };
      if (!repo || !sameTarget(repo, target)) continue;
      const sourceBranch = cfg.BranchName ?? cfg.Branch;
      if (branch !== undefined && sourceBranch !== undefined && sourceBranch !== branch) continue;
      out.push({ actionName: a.name, ...(sourceBranch ? { branch: sourceBranch } : {}) });
    }
  }
  return out;
}

/** Whether a build project builds `target` (its primary source location names that repository). */
export function projectMatches(project: BuildProject, target: RemoteTarget): boolean {
  if (project.repositoryName && target.kind === 'codecommit') return project.repositoryName === target.repositoryName;
  const parsed = parseRemoteUrl(project.sourceLocation);
  return parsed !== undefined && sameTarget(parsed, target);
}

/** What an indicator entry shows about one pipeline or project. */
export interface RunSummary {
  status: RunStatus;
  /** The running stage, the stage waiting for approval, or the failed stage / build phase. */
  where?: string;
  /** A manual approval waiting in `where`. */
  approval?: { stageName: string; actionName: string; token?: string };
  /** A stop was asked for and the execution is finishing (CodePipeline `Stopping`): still `running`. */
  stopping?: boolean;
}

/**
 * The state of `execution` from the pipeline's state: the stage it is in (or failed in), and a manual approval it
 * waits for. Waiting for approval counts as status `waiting`.
 */
export function summarizeExecution(structure: PipelineStructure | undefined, state: PipelineState | undefined, execution: PipelineExecution): RunSummary {
  const stopping = execution.rawStatus === 'Stopping';
  const base: RunSummary = stopping ? { status: execution.status, stopping } : { status: execution.status };
  if (!state) return base;
  const stages = state.stages.filter((s) => s.latestExecution?.executionId === execution.id);
  const manual = (stageName: string, actionName: string) =>
    structure?.stages.find((s) => s.name === stageName)?.actions.find((a) => a.name === actionName)?.provider === 'Manual';
  if (execution.status === 'running') {
    const current = [...stages].reverse().find((s) => s.latestExecution?.status === 'running') ?? stages[stages.length - 1];
    if (!current) return base;
    const approval = current.actions.find((a) => (a.status === 'running' || a.status === 'waiting') && (a.approvalToken !== undefined || manual(current.name, a.name)));
    if (approval && !stopping) return { status: 'waiting', where: current.name, approval: { stageName: current.name, actionName: approval.name, ...(approval.approvalToken ? { token: approval.approvalToken } : {}) } };
    return { ...base, status: 'running', where: current.name };
  }
  if (execution.status === 'failed' || execution.status === 'stopped') {
    const failed = stages.find((s) => s.latestExecution?.status === execution.status) ?? stages.find((s) => s.latestExecution?.status === 'failed');
    return failed ? { status: execution.status, where: failed.name } : base;
  }
  return base;
}

/** Worst first: what needs attention before what is fine. Several matches show the worst. */
const SEVERITY: Record<RunStatus, number> = { failed: 7, waiting: 6, running: 5, queued: 4, stopped: 3, succeeded: 2, skipped: 1, unknown: 0 };

export function severity(status: RunStatus): number {
  return SEVERITY[status];
}

/** The entry with the worst status (the first of equals), or undefined for none. */
export function worst<T>(entries: readonly T[], statusOf: (e: T) => RunStatus): T | undefined {
  let out: T | undefined;
  for (const e of entries) if (out === undefined || SEVERITY[statusOf(e)] > SEVERITY[statusOf(out)]) out = e;
  return out;
}

/** Short words for a status in the status bar text. */
export function statusWords(s: RunSummary): string {
  switch (s.status) {
    case 'running':
      if (s.stopping) return s.where ? `stopping in ${s.where}` : 'stopping';
      return s.where ? `in ${s.where}` : 'running';
    case 'waiting':
      return s.where ? `waiting for approval in ${s.where}` : 'waiting for approval';
    case 'failed':
      return s.where ? `failed in ${s.where}` : 'failed';
    case 'stopped':
      return s.where ? `stopped in ${s.where}` : 'stopped';
    case 'succeeded':
      return 'succeeded';
    case 'queued':
      return 'queued';
    case 'skipped':
      return 'superseded';
    default:
      return 'no runs yet';
  }
}

/** The status bar codicon: a spinner while running. */
export function statusBarIcon(status: RunStatus): string {
  switch (status) {
    case 'running':
      return '$(sync~spin)';
    case 'succeeded':
      return '$(pass-filled)';
    case 'failed':
      return '$(error)';
    case 'waiting':
      return '$(bell-dot)';
    case 'queued':
      return '$(clock)';
    case 'stopped':
      return '$(debug-stop)';
    default:
      return '$(circle-outline)';
  }
}
