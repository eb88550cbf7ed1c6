import { dict, dictOfDicts } from '../dict';
import type { Sandbox } from '../sandbox';
import { BaseService } from './base';
import { PipelineEngine } from './codepipeline/engine';
import { operations } from './codepipeline/operations';
import { CALLER_ARN } from './codepipeline/rules';
import type { PipelineDecl, PipelineRec, PipelineState } from './codepipeline/types';
import type { CodePipelineInternal } from './internal';
import type { Operation } from './types';

/** CodePipeline: pipelines, their executions on the Sandbox clock, approvals, retries, stops and transitions. */
export class CodePipelineService extends BaseService<PipelineState> implements CodePipelineInternal {
  readonly name = 'codepipeline' as const;
  readonly targetPrefix = 'CodePipeline_20150709';
  readonly engine: PipelineEngine;
  readonly operations: Record<string, Operation>;

  constructor(sandbox: Sandbox) {
    super(sandbox);
    this.engine = new PipelineEngine(sandbox, () => this.state);
    this.operations = operations(this);
  }

  protected initialState(): PipelineState {
    return { version: 1, pipelines: dict(), executions: dict(), actions: dict(), active: [], seq: 0 };
  }

  protected revive(state: PipelineState): PipelineState {
    state.pipelines = dict(state.pipelines);
    for (const p of Object.values(state.pipelines)) {
      p.transitions = dict(p.transitions);
      p.stageLatest = dict(p.stageLatest);
      p.actionLatest = dict(p.actionLatest);
      p.currentRevisions = dict(p.currentRevisions);
      p.requestTokens = dict(p.requestTokens);
    }
    state.executions = dict(state.executions);
    for (const e of Object.values(state.executions)) {
      e.stages = dict(e.stages);
      for (const run of Object.values(e.stages)) run.actions = dict(run.actions);
      e.artifacts = dict(e.artifacts);
      e.outputVariables = dictOfDicts(e.outputVariables);
    }
    state.actions = dict(state.actions);
    return state;
  }

  override tick(now: number): void {
    this.engine.tick(now);
  }

  /** Adds a pipeline that has passed validation; `start` runs its first execution (trigger CreatePipeline). */
  insertPipeline(decl: PipelineDecl, now: number, opts: { tags?: { key: string; value: string }[]; start?: boolean } = {}): PipelineRec {
    const p: PipelineRec = {
      arn: this.engine.pipelineArn(decl.name),
      versions: [decl],
      created: now,
      updated: now,
      tags: opts.tags,
      transitions: dict(),
      executions: [],
      actionExecutions: [],
      stageLatest: dict(),
      actionLatest: dict(),
      currentRevisions: dict(),
      requestTokens: dict(),
    };
    this.state.pipelines[decl.name] = p;
    if (opts.start) this.engine.start(p, { trigger: { triggerType: 'CreatePipeline', triggerDetail: CALLER_ARN } }, now);
    return p;
  }

  onSourceChange(repositoryName: string, branch: string, commitId: string): void {
    const now = this.sandbox.clock.now();
    for (const p of Object.values(this.state.pipelines)) {
      const decl = this.engine.decl(p);
      const watching = decl.stages[0].actions.filter(
        (a) => a.actionTypeId.provider === 'CodeCommit' && a.configuration?.RepositoryName === repositoryName && a.configuration.BranchName === branch,
      );
      if (watching.length === 0) continue;
      const polling = watching.every((a) => a.configuration?.PollForSourceChanges === 'true');
      const trigger = polling
        ? { triggerType: 'PollForSourceChanges', triggerDetail: watching[0].name }
        : { triggerType: 'CloudWatchEvent', triggerDetail: `arn:aws:events:${this.sandbox.region}:123456789012:rule/codepipeline-${repositoryName}-${branch}-rule`.slice(0, 1024) };
      this.engine.start(p, { trigger, revisions: Object.fromEntries(watching.map((a) => [a.name, commitId])) }, now);
    }
  }
}
