import { dict, own } from '../../dict';
import { AwsError } from '../../errors';
import { arn, sha1, uuid } from '../../ids';
import type { Sandbox } from '../../sandbox';
import type { CodeCommitInternal } from '../internal';
import { kindOf, runners, type ActionContext } from './providers';
import { CALLER_ARN } from './rules';
import type { ActionDecl, ActionExecRec, ExecutionRec, ExecutionStatus, PipelineDecl, PipelineRec, PipelineState, SourceRev, StageDecl } from './types';
import { urls } from './urls';

export interface StartOptions {
  trigger: { triggerType: string; triggerDetail?: string };
  variables?: { name: string; value: string }[];
  /** action name -> commit id (StartPipelineExecution sourceRevisions, or the commit that triggered the run). */
  revisions?: Record<string, string>;
  clientRequestToken?: string;
}

const TERMINAL: readonly ExecutionStatus[] = ['Stopped', 'Succeeded', 'Superseded', 'Failed', 'Cancelled'];
export const isTerminal = (s: ExecutionStatus) => TERMINAL.includes(s);

/**
 * Runs pipeline executions on the Sandbox clock: stages in order, actions by runOrder, one execution per stage at a
 * time in SUPERSEDED and QUEUED modes (a newer execution waiting at a stage supersedes an older one in SUPERSEDED),
 * no stage locks in PARALLEL, and disabled inbound transitions holding executions before their stage.
 */
export class PipelineEngine {
  constructor(
    private readonly sb: Sandbox,
    private readonly state: () => PipelineState,
  ) {}

  decl(p: PipelineRec, version?: number): PipelineDecl {
    return p.versions[(version ?? p.versions.length) - 1];
  }

  pipeline(name: string): PipelineRec | undefined {
    return this.state().pipelines[name];
  }

  tick(now: number): void {
    const st = this.state();
    if (st.active.length === 0) return;
    const names = new Set(st.active.map((id) => st.executions[id].pipelineName));
    for (const name of names) {
      const p = st.pipelines[name];
      if (p) this.advance(p, now);
    }
  }

  start(p: PipelineRec, opts: StartOptions, now: number): ExecutionRec {
    const st = this.state();
    const decl = this.decl(p);
    const variables = new Map<string, string>();
    for (const v of decl.variables ?? []) if (v.defaultValue !== undefined) variables.set(v.name, v.defaultValue);
    for (const v of opts.variables ?? []) variables.set(v.name, v.value);
    const e: ExecutionRec = {
      id: uuid(),
      seq: ++st.seq,
      pipelineName: decl.name,
      pipelineVersion: decl.version,
      executionMode: decl.executionMode,
      status: 'InProgress',
      startTime: now,
      lastUpdateTime: now,
      trigger: opts.trigger,
      variables: [...variables].map(([name, resolvedValue]) => ({ name, resolvedValue })),
      sources: this.resolveSources(decl, opts.revisions ?? {}, now),
      stageIndex: 0,
      inStage: false,
      stages: dict(),
      artifacts: dict(),
      outputVariables: dict(),
    };
    st.executions[e.id] = e;
    st.active.push(e.id);
    p.executions.push(e.id);
    if (opts.clientRequestToken) p.requestTokens[opts.clientRequestToken] = e.id;
    this.advance(p, now);
    return e;
  }

  private resolveSources(decl: PipelineDecl, revisions: Record<string, string>, now: number): SourceRev[] {
    const cc = this.sb.codecommit as unknown as Partial<CodeCommitInternal>;
    const region = this.sb.region;
    const out: SourceRev[] = [];
    const first = decl.stages[0];
    for (const a of first.actions) {
      const cfg = a.configuration ?? {};
      const base = { actionKey: `${first.name}/${a.name}`, actionName: a.name, outputArtifact: a.outputArtifacts?.[0]?.name };
      if (a.actionTypeId.provider === 'CodeCommit') {
        const repo = cfg.RepositoryName ?? '';
        const branch = cfg.BranchName ?? '';
        const commitId = own(revisions, a.name) ?? cc.getBranchHead?.(repo, branch);
        if (!commitId) continue;
        const c = cc.getCommitSummary?.(repo, commitId);
        out.push({
          ...base,
          revisionId: commitId,
          revisionSummary: c?.message,
          revisionUrl: urls.commit(region, repo, commitId),
          created: c?.date ?? now,
          repositoryName: repo,
          branchName: branch,
          authorName: c?.authorName,
        });
      } else {
        const revisionId = own(revisions, a.name) ?? sha1(`${decl.name}/${a.name}/${now}`).slice(0, 32);
        out.push({ ...base, revisionId, created: now });
      }
    }
    return out;
  }

  /** Moves every active execution of `p` as far as it can go at `now`. */
  advance(p: PipelineRec, now: number): void {
    for (let guard = 0; guard < 200; guard++) {
      let changed = false;
      for (const e of this.activeOf(p)) if (e.inStage) changed = this.progress(p, e, now) || changed;
      changed = this.admit(p, now) || changed;
      if (!changed) return;
    }
  }

  activeOf(p: PipelineRec): ExecutionRec[] {
    const st = this.state();
    const name = this.decl(p).name;
    return st.active.map((id) => st.executions[id]).filter((e) => e.pipelineName === name);
  }

  transitionEnabled(p: PipelineRec, stage: string): boolean {
    return p.transitions[stage]?.enabled ?? true;
  }

  /** Lets waiting executions into stages: supersedes, queues or runs them in parallel per the execution mode. */
  private admit(p: PipelineRec, now: number): boolean {
    const decl = this.decl(p);
    const active = this.activeOf(p);
    let changed = false;
    decl.stages.forEach((stage, i) => {
      let waiting = active.filter((e) => !e.inStage && e.stageIndex === i && e.status === 'InProgress');
      if (waiting.length === 0) return;
      if (decl.executionMode === 'SUPERSEDED' && waiting.length > 1) {
        const newest = waiting[waiting.length - 1];
        for (const old of waiting.slice(0, -1)) {
          old.statusSummary = `Superseded by execution ${newest.id}`;
          this.finish(old, 'Superseded', now);
        }
        waiting = [newest];
        changed = true;
      }
      if (!this.transitionEnabled(p, stage.name)) return;
      if (decl.executionMode === 'PARALLEL') {
        for (const e of waiting) this.enter(p, e, stage, now);
        changed = true;
      } else if (!active.some((e) => e.inStage && e.stageIndex === i && !isTerminal(e.status))) {
        this.enter(p, waiting[0], stage, now);
        changed = true;
      }
    });
    return changed;
  }

  private enter(p: PipelineRec, e: ExecutionRec, stage: StageDecl, now: number): void {
    e.inStage = true;
    e.stages[stage.name] = { status: 'InProgress', actions: dict() };
    e.lastUpdateTime = now;
    p.stageLatest[stage.name] = e.id;
  }

  /** Follows the actions of the stage `e` is in; starts the next runOrder group, fails or completes the stage. */
  private progress(p: PipelineRec, e: ExecutionRec, now: number): boolean {
    const st = this.state();
    const stage = this.decl(p, e.pipelineVersion).stages[e.stageIndex];
    const run = e.stages[stage.name];
    let changed = false;
    for (const a of stage.actions) {
      const id = run.actions[a.name];
      const rec = id ? st.actions[id] : undefined;
      if (rec?.status !== 'InProgress') continue;
      runners[rec.kind].poll(this.context(p, e, a, rec, now));
      if (rec.status !== 'InProgress') changed = true;
    }
    const recs = stage.actions.map((a) => (run.actions[a.name] ? st.actions[run.actions[a.name]] : undefined));
    if (e.status === 'Stopping') {
      if (recs.some((r) => r?.status === 'InProgress')) return changed;
      run.status = 'Stopped';
      this.finish(e, 'Stopped', now);
      return true;
    }
    const orders = [...new Set(stage.actions.map((a) => a.runOrder ?? 1))].sort((x, y) => x - y);
    for (const order of orders) {
      const group = stage.actions.map((a, k) => ({ a, rec: recs[k] })).filter(({ a }) => (a.runOrder ?? 1) === order);
      const notStarted = group.filter((g) => !g.rec);
      if (notStarted.length > 0) {
        for (const g of notStarted) this.startAction(p, e, stage, g.a, now);
        return true;
      }
      if (group.some((g) => g.rec?.status === 'InProgress')) return changed;
      const failed = group.find((g) => g.rec?.status === 'Failed' || g.rec?.status === 'Abandoned');
      if (failed) {
        run.status = 'Failed';
        e.statusSummary = failed.rec?.errorDetails?.message;
        this.finish(e, 'Failed', now);
        return true;
      }
    }
    run.status = 'Succeeded';
    e.inStage = false;
    e.stageIndex++;
    e.lastUpdateTime = now;
    if (e.stageIndex >= this.decl(p, e.pipelineVersion).stages.length) this.finish(e, 'Succeeded', now);
    return true;
  }

  private startAction(p: PipelineRec, e: ExecutionRec, stage: StageDecl, a: ActionDecl, now: number): void {
    const st = this.state();
    const decl = this.decl(p, e.pipelineVersion);
    const bucket = decl.artifactStore?.location ?? Object.values(decl.artifactStores ?? {})[0]?.location ?? 'codepipeline-artifacts';
    const rec: ActionExecRec = {
      id: uuid(),
      kind: kindOf(a),
      pipelineExecutionId: e.id,
      pipelineName: e.pipelineName,
      pipelineVersion: e.pipelineVersion,
      stageName: stage.name,
      actionName: a.name,
      startTime: now,
      lastUpdateTime: now,
      status: 'InProgress',
      actionTypeId: a.actionTypeId,
      configuration: a.configuration,
      resolvedConfiguration: a.configuration ? this.resolve(a.configuration, e) : undefined,
      region: a.region ?? this.sb.region,
      namespace: a.namespace,
      inputArtifacts: (a.inputArtifacts ?? []).map(({ name }) => ({ name, bucket: e.artifacts[name]?.bucket ?? bucket, key: e.artifacts[name]?.key ?? '' })),
      outputArtifacts: [],
    };
    st.actions[rec.id] = rec;
    p.actionExecutions.push(rec.id);
    p.actionLatest[`${stage.name}/${a.name}`] = rec.id;
    e.stages[stage.name].actions[a.name] = rec.id;
    e.lastUpdateTime = now;
    runners[rec.kind].start(this.context(p, e, a, rec, now));
  }

  private context(p: PipelineRec, e: ExecutionRec, a: ActionDecl, rec: ActionExecRec, now: number): ActionContext {
    const decl = this.decl(p, e.pipelineVersion);
    const bucket = decl.artifactStore?.location ?? Object.values(decl.artifactStores ?? {})[0]?.location ?? 'codepipeline-artifacts';
    return {
      sb: this.sb,
      p,
      e,
      action: a,
      rec,
      now,
      succeed: (extra = {}) => {
        const inherited = a.inputArtifacts?.[0] ? e.artifacts[a.inputArtifacts[0].name]?.revisionId : undefined;
        rec.outputArtifacts = (a.outputArtifacts ?? []).map(({ name }) => {
          const key = `${e.pipelineName.slice(0, 20)}/${name.slice(0, 10)}/${uuid().slice(0, 7)}`;
          e.artifacts[name] = { revisionId: extra.revisionId ?? inherited, bucket, key };
          return { name, bucket, key };
        });
        if (extra.outputVariables) {
          rec.outputVariables = extra.outputVariables;
          if (a.namespace) e.outputVariables[a.namespace] = dict(extra.outputVariables);
        }
        if (extra.summary !== undefined) rec.summary = extra.summary;
        this.setStatus(rec, 'Succeeded', now);
      },
      fail: (message, code = 'JobFailed') => {
        rec.errorDetails = { code, message };
        this.setStatus(rec, 'Failed', now);
      },
    };
  }

  private setStatus(rec: ActionExecRec, status: ActionExecRec['status'], now: number): void {
    rec.status = status;
    rec.lastUpdateTime = now;
    rec.dueAt = undefined;
  }

  /** Replaces `#{variables.x}`, `#{Namespace.Key}` and `#{codepipeline.PipelineExecutionId}` references. */
  private resolve(config: Record<string, string>, e: ExecutionRec): Record<string, string> {
    const out = dict<string>();
    for (const [k, v] of Object.entries(config)) {
      out[k] = v.replace(/#\{([A-Za-z0-9@\-_]+)\.([A-Za-z0-9@\-_]+)\}/g, (whole, ns: string, key: string) => {
        if (ns === 'variables') return e.variables.find((x) => x.name === key)?.resolvedValue ?? whole;
        if (ns === 'codepipeline' && key === 'PipelineExecutionId') return e.id;
        return own(e.outputVariables[ns], key) ?? whole;
      });
    }
    return out;
  }

  finish(e: ExecutionRec, status: ExecutionStatus, now: number): void {
    const st = this.state();
    e.status = status;
    e.lastUpdateTime = now;
    const i = st.active.indexOf(e.id);
    if (i >= 0) st.active.splice(i, 1);
  }

  stop(p: PipelineRec, e: ExecutionRec, abandon: boolean, reason: string | undefined, now: number): void {
    if (e.status === 'Stopping' && !abandon)
      throw new AwsError('DuplicatedStopRequestException', `Execution ${e.id} is already being stopped. To stop it now, stop it again and abandon the in-progress actions.`);
    if (e.status !== 'InProgress' && e.status !== 'Stopping')
      throw new AwsError('PipelineExecutionNotStoppableException', `Unable to stop pipeline execution ${e.id}: it is ${e.status}, not in progress.`);
    e.stopTrigger = reason !== undefined ? { reason } : (e.stopTrigger ?? {});
    e.stopMode = abandon ? 'abandon' : 'wait';
    e.lastUpdateTime = now;
    if (!e.inStage) return this.finish(e, 'Stopped', now);
    const stage = this.decl(p, e.pipelineVersion).stages[e.stageIndex];
    const run = e.stages[stage.name];
    if (abandon) {
      const st = this.state();
      for (const a of stage.actions) {
        const rec = run.actions[a.name] ? st.actions[run.actions[a.name]] : undefined;
        if (rec?.status !== 'InProgress') continue;
        runners[rec.kind].abandon?.(this.context(p, e, a, rec, now));
        this.setStatus(rec, 'Abandoned', now);
      }
      run.status = 'Stopped';
      this.finish(e, 'Stopped', now);
    } else {
      e.status = 'Stopping';
      run.status = 'Stopping';
    }
    this.advance(p, now);
  }

  retry(p: PipelineRec, stageName: string, e: ExecutionRec, mode: 'FAILED_ACTIONS' | 'ALL_ACTIONS', now: number): void {
    const st = this.state();
    const decl = this.decl(p, e.pipelineVersion);
    const index = decl.stages.findIndex((s) => s.name === stageName);
    const run = e.stages[stageName];
    const notRetryable = (why: string) => new AwsError('StageNotRetryableException', `Stage ${stageName} in pipeline ${p.versions[0].name} is not retryable: ${why}`);
    if (!run || index < 0) throw notRetryable(`execution ${e.id} did not run it.`);
    if (p.stageLatest[stageName] !== e.id)
      throw new AwsError('NotLatestPipelineExecutionException', `Execution ${e.id} is not the latest execution of stage ${stageName}: a later execution has run it since.`);
    if (run.status !== 'Failed' && run.status !== 'Stopped') throw notRetryable(`it is ${run.status}, not failed.`);
    const recs = Object.values(run.actions).map((id) => st.actions[id]);
    const failed = recs.filter((r) => r.status === 'Failed' || r.status === 'Abandoned');
    if (failed.length === 0) throw notRetryable('it has no failed actions.');
    if (mode === 'ALL_ACTIONS' && recs.some((r) => r.status === 'InProgress')) throw notRetryable('it has actions in progress.');
    if (this.activeOf(p).some((x) => x.inStage && x.stageIndex === index && decl.executionMode !== 'PARALLEL'))
      throw new AwsError('ConflictException', `Stage ${stageName} is busy with another execution.`);
    if (mode === 'ALL_ACTIONS') run.actions = dict();
    else for (const r of failed) delete run.actions[r.actionName];
    run.status = 'InProgress';
    e.status = 'InProgress';
    e.statusSummary = undefined;
    e.stopTrigger = undefined;
    e.stopMode = undefined;
    e.stageIndex = index;
    e.inStage = true;
    e.lastUpdateTime = now;
    if (!st.active.includes(e.id)) st.active.push(e.id);
    st.active.sort((a, b) => st.executions[a].seq - st.executions[b].seq);
    this.advance(p, now);
  }

  /** Answers a waiting manual approval; the token must be the one of the waiting action execution. */
  approve(p: PipelineRec, stageName: string, actionName: string, token: string, status: 'Approved' | 'Rejected', summary: string, now: number): number {
    const st = this.state();
    const rec = p.actionExecutions
      .map((id) => st.actions[id])
      .find((r) => r.stageName === stageName && r.actionName === actionName && r.token === token);
    if (!rec) throw new AwsError('InvalidApprovalTokenException', `The approval token ${token} is not valid for action ${actionName} in stage ${stageName}.`);
    if (rec.status !== 'InProgress') throw new AwsError('ApprovalAlreadyCompletedException', `The approval action ${actionName} has already been ${rec.status === 'Succeeded' ? 'approved' : 'completed'}.`);
    const e = st.executions[rec.pipelineExecutionId];
    const a = this.decl(p, e.pipelineVersion).stages.find((s) => s.name === stageName)?.actions.find((x) => x.name === actionName);
    if (!a) throw new AwsError('ActionNotFoundException', `Action ${actionName} not found in stage ${stageName}.`);
    rec.updatedBy = CALLER_ARN;
    const ctx = this.context(p, e, a, rec, now);
    if (status === 'Approved') ctx.succeed({ summary: summary || undefined });
    else {
      if (summary) rec.summary = summary;
      ctx.fail(`Rejected${summary ? `: ${summary}` : ''}`, 'JobFailed');
    }
    this.advance(p, now);
    return now;
  }

  pipelineArn(name: string): string {
    return arn('codepipeline', this.sb.region, name);
  }
}
