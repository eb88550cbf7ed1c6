import { AwsError } from '../../errors';
import { uuid } from '../../ids';
import type { Sandbox } from '../../sandbox';
import type { CodeBuildInternal, CodeDeployInternal } from '../internal';
import type { ActionDecl, ActionExecRec, ActionKind, ExecutionRec, PipelineRec } from './types';
import { urls } from './urls';

export const SOURCE_MS = 4_000;
export const GENERIC_MS = 15_000;
export const APPROVAL_TIMEOUT_MS = 7 * 24 * 3600_000;

/** What a runner sees of the action it runs, and how it reports the outcome. */
export interface ActionContext {
  sb: Sandbox;
  p: PipelineRec;
  e: ExecutionRec;
  action: ActionDecl;
  rec: ActionExecRec;
  now: number;
  succeed(extra?: { outputVariables?: Record<string, string>; revisionId?: string; summary?: string }): void;
  fail(message: string, code?: string): void;
}

/** How one kind of action starts, is followed on each tick, and is abandoned. */
export interface ActionRunner {
  start(ctx: ActionContext): void;
  poll(ctx: ActionContext): void;
  abandon?(ctx: ActionContext): void;
}

export function kindOf(a: ActionDecl): ActionKind {
  const { category, owner, provider } = a.actionTypeId;
  if (owner !== 'AWS') return 'generic';
  if (category === 'Source') return 'source';
  if ((category === 'Build' || category === 'Test') && provider === 'CodeBuild') return 'build';
  if (category === 'Deploy' && provider === 'CodeDeploy') return 'deploy';
  if (category === 'Approval' && provider === 'Manual') return 'approval';
  return 'generic';
}

// The other services are reached through their internal contracts; tests may replace them with small fakes.
const codebuild = (sb: Sandbox) => sb.codebuild as unknown as Partial<CodeBuildInternal>;
const codedeploy = (sb: Sandbox) => sb.codedeploy as unknown as Partial<CodeDeployInternal>;

const message = (err: unknown) => (err instanceof AwsError || err instanceof Error ? err.message : String(err));

const source: ActionRunner = {
  start(ctx) {
    const src = ctx.e.sources.find((s) => s.actionName === ctx.action.name);
    const cfg = ctx.rec.resolvedConfiguration ?? {};
    if (!src) {
      return ctx.fail(
        ctx.action.actionTypeId.provider === 'CodeCommit'
          ? `The branch '${cfg.BranchName ?? ''}' does not exist in the CodeCommit repository '${cfg.RepositoryName ?? ''}', or the repository cannot be accessed.`
          : 'The source revision could not be found.',
      );
    }
    ctx.rec.externalExecutionId = src.revisionId;
    ctx.rec.externalExecutionUrl = src.revisionUrl;
    ctx.rec.summary = src.revisionSummary;
    ctx.rec.dueAt = ctx.now + SOURCE_MS;
  },
  poll(ctx) {
    if (ctx.now < (ctx.rec.dueAt ?? 0)) return;
    const src = ctx.e.sources.find((s) => s.actionName === ctx.action.name);
    if (!src) return ctx.fail('The source revision could not be found.');
    const vars: Record<string, string> = { CommitId: src.revisionId };
    if (src.revisionSummary) vars.CommitMessage = src.revisionSummary;
    if (src.repositoryName) vars.RepositoryName = src.repositoryName;
    if (src.branchName) vars.BranchName = src.branchName;
    vars.AuthorDate = new Date(src.created).toISOString();
    vars.CommitterDate = vars.AuthorDate;
    ctx.p.currentRevisions[`${ctx.rec.stageName}/${ctx.rec.actionName}`] = { revisionId: src.revisionId, created: src.created };
    ctx.succeed({ outputVariables: vars, revisionId: src.revisionId, summary: src.revisionSummary });
  },
};

const build: ActionRunner = {
  start(ctx) {
    const cb = codebuild(ctx.sb);
    const project = ctx.rec.resolvedConfiguration?.ProjectName ?? '';
    if (!cb.startBuildInternal) return ctx.fail('CodeBuild is not available in this Sandbox.');
    const input = ctx.action.inputArtifacts?.[0]?.name;
    const revision = input ? ctx.e.artifacts[input]?.revisionId : undefined;
    try {
      const b = cb.startBuildInternal(project, {
        sourceVersion: revision,
        resolvedSourceVersion: revision,
        environmentVariablesOverride: environmentVariables(ctx.rec.resolvedConfiguration?.EnvironmentVariables),
        initiator: `codepipeline/${ctx.rec.pipelineName}`,
      });
      ctx.rec.externalExecutionId = b.id;
      ctx.rec.externalExecutionUrl = urls.build(ctx.rec.region, b.id);
    } catch (err) {
      ctx.fail(message(err));
    }
  },
  poll(ctx) {
    const id = ctx.rec.externalExecutionId;
    const b = id ? codebuild(ctx.sb).getBuildSummary?.(id) : undefined;
    if (!b) return ctx.fail(`Build ${id ?? ''} could not be found.`);
    if (b.status === 'IN_PROGRESS') return;
    if (b.status === 'SUCCEEDED') return ctx.succeed();
    const why = b.failure ? `. Phase: ${b.failure.phase}, Message: ${b.failure.message}` : '';
    ctx.fail(`Build terminated with state: ${b.status}${why}`);
  },
  abandon(ctx) {
    const id = ctx.rec.externalExecutionId;
    try {
      if (id) codebuild(ctx.sb).stopBuildInternal?.(id);
    } catch {
      // already finished
    }
  },
};

const deploy: ActionRunner = {
  start(ctx) {
    const cd = codedeploy(ctx.sb);
    if (!cd.createDeploymentInternal) return ctx.fail('CodeDeploy is not available in this Sandbox.');
    const input = ctx.rec.inputArtifacts[0];
    try {
      const id = cd.createDeploymentInternal({
        applicationName: ctx.rec.resolvedConfiguration?.ApplicationName ?? '',
        deploymentGroupName: ctx.rec.resolvedConfiguration?.DeploymentGroupName ?? '',
        revision: input ? { revisionType: 'S3', s3Location: { bucket: input.bucket, key: input.key, bundleType: 'zip' } } : undefined,
        description: `Deployment by CodePipeline ${ctx.rec.pipelineName}, execution ${ctx.rec.pipelineExecutionId}`,
        creator: 'user',
      });
      ctx.rec.externalExecutionId = id;
      ctx.rec.externalExecutionUrl = urls.deployment(ctx.rec.region, id);
    } catch (err) {
      ctx.fail(message(err));
    }
  },
  poll(ctx) {
    const id = ctx.rec.externalExecutionId;
    const d = id ? codedeploy(ctx.sb).getDeploymentStatus?.(id) : undefined;
    if (!d) return ctx.fail(`Deployment ${id ?? ''} could not be found.`);
    if (d.status === 'Succeeded') return ctx.succeed();
    if (d.status === 'Failed' || d.status === 'Stopped') ctx.fail(d.errorMessage ?? `Deployment ${id ?? ''} ${d.status.toLowerCase()}.`);
  },
  abandon(ctx) {
    const id = ctx.rec.externalExecutionId;
    try {
      if (id) codedeploy(ctx.sb).stopDeploymentInternal?.(id);
    } catch {
      // already finished
    }
  },
};

const approval: ActionRunner = {
  start(ctx) {
    ctx.rec.token = uuid();
    ctx.rec.dueAt = ctx.now + APPROVAL_TIMEOUT_MS;
  },
  poll(ctx) {
    if (ctx.now >= (ctx.rec.dueAt ?? Infinity)) ctx.fail('The approval request expired: no response was received within 7 days.', 'JobFailed');
  },
};

const generic: ActionRunner = {
  start(ctx) {
    ctx.rec.dueAt = ctx.now + GENERIC_MS;
    ctx.rec.externalExecutionId = uuid();
  },
  poll(ctx) {
    if (ctx.now >= (ctx.rec.dueAt ?? 0)) ctx.succeed();
  },
};

export const runners: Record<ActionKind, ActionRunner> = { source, build, deploy, approval, generic };

function environmentVariables(json: string | undefined): { name: string; value: string; type?: string }[] | undefined {
  if (!json) return undefined;
  try {
    const parsed = JSON.parse(json) as unknown;
    if (!Array.isArray(parsed)) return undefined;
    return parsed
      .filter((x): x is { name: string; value: string; type?: string } => typeof x === 'object' && x !== null && typeof (x as { name?: unknown }).name === 'string')
      .map((x) => ({ name: x.name, value: String(x.value), ...(x.type ? { type: x.type } : {}) }));
  } catch {
    return undefined;
  }
}
