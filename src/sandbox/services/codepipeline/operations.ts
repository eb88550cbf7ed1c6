import { dict } from '../../dict';
import { AwsError } from '../../errors';
import { ts } from '../../ids';
import { page } from '../../pagination';
import { Validator } from '../../validate';
import type { Json, Operation, RequestContext } from '../types';
import type { PipelineEngine } from './engine';
import * as R from './rules';
import { validatePipelineDeclaration } from './structure';
import type { ExecutionRec, PipelineRec, PipelineState } from './types';
import * as V from './views';

export interface OperationHost {
  readonly engine: PipelineEngine;
  readonly state: PipelineState;
  /** Inserts a validated pipeline; `start` runs its first execution as CreatePipeline does on AWS. */
  insertPipeline(decl: ReturnType<typeof validatePipelineDeclaration>, now: number, opts: { tags?: { key: string; value: string }[]; start?: boolean }): PipelineRec;
}

const notFound = (name: string) => new AwsError('PipelineNotFoundException', `Account '123456789012' does not have a pipeline with name '${name}'`);

function pipelineOf(host: OperationHost, name: string): PipelineRec {
  const p = host.state.pipelines[name];
  if (!p) throw notFound(name);
  return p;
}

function stageOf(host: OperationHost, p: PipelineRec, stageName: string) {
  const decl = host.engine.decl(p);
  const index = decl.stages.findIndex((s) => s.name === stageName);
  if (index < 0) throw new AwsError('StageNotFoundException', `Stage ${stageName} not found in pipeline ${decl.name}`);
  return { stage: decl.stages[index], index };
}

function executionOf(host: OperationHost, p: PipelineRec, id: string): ExecutionRec {
  const e = host.state.executions[id];
  if (!e || e.pipelineName !== host.engine.decl(p).name)
    throw new AwsError('PipelineExecutionNotFoundException', `Pipeline Execution id ${id} does not exist in the pipeline with name ${host.engine.decl(p).name}`);
  return e;
}

export function operations(host: OperationHost): Record<string, Operation> {
  const { engine } = host;
  return {
    ListPipelines(input: Json) {
      const v = new Validator(input);
      const max = v.int('maxResults', { min: 1, max: 1000 });
      const token = v.str('nextToken', R.nextToken);
      v.done();
      const all = Object.values(host.state.pipelines).sort((a, b) => engine.decl(a).name.localeCompare(engine.decl(b).name));
      const r = page(all, { list: 'pipelines', nextToken: token, pageSize: max ?? 100, invalidTokenError: 'InvalidNextTokenException' });
      return { pipelines: r.items.map(V.pipelineSummary), nextToken: r.nextToken };
    },

    GetPipeline(input: Json) {
      const v = new Validator(input);
      const name = v.str('name', R.pipelineName) ?? '';
      const version = v.int('version', { min: 1 });
      v.done();
      const p = pipelineOf(host, name);
      if (version !== undefined && !p.versions[version - 1])
        throw new AwsError('PipelineVersionNotFoundException', `Pipeline version ${version} of pipeline ${name} does not exist`);
      return { pipeline: engine.decl(p, version), metadata: { pipelineArn: p.arn, created: ts(p.created), updated: ts(p.updated) } };
    },

    CreatePipeline(input: Json, ctx: RequestContext) {
      const decl = validatePipelineDeclaration(input, ctx.region);
      if (host.state.pipelines[decl.name]) throw new AwsError('PipelineNameInUseException', `A pipeline with the name '${decl.name}' already exists in account '123456789012'`);
      const tags = input.tags as { key: string; value: string }[] | undefined;
      if (tags && tags.length > 50) throw new AwsError('TooManyTagsException', 'Tag limit exceeded: a resource can have at most 50 tags.');
      host.insertPipeline(decl, ctx.now, { tags, start: true });
      return { pipeline: decl, tags };
    },

    GetPipelineState(input: Json, ctx: RequestContext) {
      const v = new Validator(input);
      const name = v.str('name', R.pipelineName) ?? '';
      v.done();
      return V.pipelineState(engine, host.state, pipelineOf(host, name), ctx.region);
    },

    StartPipelineExecution(input: Json, ctx: RequestContext) {
      const v = new Validator(input);
      const name = v.str('name', R.pipelineName) ?? '';
      const token = v.str('clientRequestToken', R.clientRequestToken);
      const variables = (v.list<Json>('variables', { min: 1, max: 50 }) ?? []).map((raw, i) => {
        const vv = v.nested(`variables.${i + 1}.member`, raw);
        return { name: vv.str('name', R.variableName) ?? '', value: vv.str('value', R.variableValue) ?? '' };
      });
      const overrides = (v.list<Json>('sourceRevisions', { min: 0, max: 50 }) ?? []).map((raw, i) => {
        const sv = v.nested(`sourceRevisions.${i + 1}.member`, raw);
        return {
          actionName: sv.str('actionName', R.actionName) ?? '',
          revisionType: sv.str('revisionType', { required: true, enum: ['COMMIT_ID', 'IMAGE_DIGEST', 'S3_OBJECT_VERSION_ID', 'S3_OBJECT_KEY'] }),
          revisionValue: sv.str('revisionValue', { required: true, min: 1, max: 1500 }) ?? '',
        };
      });
      v.done();
      const p = pipelineOf(host, name);
      if (token && p.requestTokens[token]) return { pipelineExecutionId: p.requestTokens[token] };
      const decl = engine.decl(p);
      const declared = new Map((decl.variables ?? []).map((x) => [x.name, x]));
      const seen = new Set<string>();
      for (const x of variables) {
        if (decl.pipelineType !== 'V2') throw new AwsError('ValidationException', `Pipeline variables are only supported for pipelines of type V2; ${name} is ${decl.pipelineType}.`);
        if (!declared.has(x.name)) throw new AwsError('ValidationException', `Pipeline variable '${x.name}' is not declared in pipeline ${name}.`);
        if (seen.has(x.name)) throw new AwsError('ValidationException', `Pipeline variable '${x.name}' is given more than once.`);
        seen.add(x.name);
      }
      for (const d of declared.values())
        if (d.defaultValue === undefined && !seen.has(d.name)) throw new AwsError('ValidationException', `Pipeline variable '${d.name}' has no default value and must be given a value.`);
      const sourceActions = decl.stages[0].actions;
      const revisions = dict<string>();
      for (const o of overrides) {
        if (!sourceActions.some((a) => a.name === o.actionName)) throw new AwsError('ValidationException', `Source action '${o.actionName}' does not exist in the first stage of pipeline ${name}.`);
        revisions[o.actionName] = o.revisionValue;
      }
      const e = engine.start(p, { trigger: { triggerType: 'StartPipelineExecution', triggerDetail: R.CALLER_ARN }, variables, revisions, clientRequestToken: token }, ctx.now);
      return { pipelineExecutionId: e.id };
    },

    StopPipelineExecution(input: Json, ctx: RequestContext) {
      const v = new Validator(input);
      const name = v.str('pipelineName', R.pipelineName) ?? '';
      const id = v.str('pipelineExecutionId', R.executionId) ?? '';
      const abandon = v.bool('abandon') ?? false;
      const reason = v.str('reason', { max: 200 });
      v.done();
      const p = pipelineOf(host, name);
      const e = executionOf(host, p, id);
      engine.stop(p, e, abandon, reason, ctx.now);
      return { pipelineExecutionId: e.id };
    },

    RetryStageExecution(input: Json, ctx: RequestContext) {
      const v = new Validator(input);
      const name = v.str('pipelineName', R.pipelineName) ?? '';
      const stageName = v.str('stageName', R.stageName) ?? '';
      const id = v.str('pipelineExecutionId', R.executionId) ?? '';
      const mode = v.str('retryMode', { required: true, enum: ['FAILED_ACTIONS', 'ALL_ACTIONS'] }) as 'FAILED_ACTIONS' | 'ALL_ACTIONS';
      v.done();
      const p = pipelineOf(host, name);
      stageOf(host, p, stageName);
      const e = host.state.executions[id];
      if (!e || e.pipelineName !== name)
        throw new AwsError('StageNotRetryableException', `Stage ${stageName} of pipeline ${name} cannot be retried for execution ${id}: it does not belong to this pipeline.`);
      engine.retry(p, stageName, e, mode, ctx.now);
      return { pipelineExecutionId: e.id };
    },

    PutApprovalResult(input: Json, ctx: RequestContext) {
      const v = new Validator(input);
      const name = v.str('pipelineName', R.pipelineName) ?? '';
      const stageName = v.str('stageName', R.stageName) ?? '';
      const actionName = v.str('actionName', R.actionName) ?? '';
      const result = v.obj('result', { required: true });
      const token = v.str('token', R.approvalToken) ?? '';
      let summary = '';
      let status = 'Approved';
      if (result) {
        const rv = v.nested('result', result);
        summary = rv.str('summary', { required: true, min: 0, max: 512 }) ?? '';
        status = rv.str('status', { required: true, enum: ['Approved', 'Rejected'] }) ?? 'Approved';
      }
      v.done();
      const p = pipelineOf(host, name);
      const { stage } = stageOf(host, p, stageName);
      const action = stage.actions.find((a) => a.name === actionName);
      if (!action) throw new AwsError('ActionNotFoundException', `Action ${actionName} not found in stage ${stageName} of pipeline ${name}`);
      if (action.actionTypeId.category !== 'Approval') throw new AwsError('InvalidApprovalTokenException', `Action ${actionName} is not an approval action.`);
      const at = engine.approve(p, stageName, actionName, token, status as 'Approved' | 'Rejected', summary, ctx.now);
      return { approvedAt: ts(at) };
    },

    ListPipelineExecutions(input: Json) {
      const v = new Validator(input);
      const name = v.str('pipelineName', R.pipelineName) ?? '';
      const max = v.int('maxResults', { min: 1, max: 100 });
      const token = v.str('nextToken', R.nextToken);
      const filter = v.obj('filter');
      const succeededIn = filter ? v.nested('filter', filter).obj('succeededInStage') : undefined;
      const stageFilter = succeededIn ? v.nested('filter.succeededInStage', succeededIn).str('stageName', { ...R.stageName, required: false }) : undefined;
      v.done();
      const p = pipelineOf(host, name);
      let all = p.executions.map((id) => host.state.executions[id]).reverse();
      if (stageFilter) all = all.filter((e) => e.stages[stageFilter]?.status === 'Succeeded');
      const r = page(all, { list: `executions/${name}`, nextToken: token, pageSize: max ?? 100, invalidTokenError: 'InvalidNextTokenException' });
      return { pipelineExecutionSummaries: r.items.map(V.executionSummary), nextToken: r.nextToken };
    },

    GetPipelineExecution(input: Json) {
      const v = new Validator(input);
      const name = v.str('pipelineName', R.pipelineName) ?? '';
      const id = v.str('pipelineExecutionId', R.executionId) ?? '';
      v.done();
      const p = pipelineOf(host, name);
      return { pipelineExecution: V.execution(executionOf(host, p, id)) };
    },

    ListActionExecutions(input: Json) {
      const v = new Validator(input);
      const name = v.str('pipelineName', R.pipelineName) ?? '';
      const max = v.int('maxResults', { min: 1, max: 100 });
      const token = v.str('nextToken', R.nextToken);
      const filter = v.obj('filter');
      const execId = filter ? v.nested('filter', filter).str('pipelineExecutionId', { pattern: R.executionId.pattern }) : undefined;
      v.done();
      const p = pipelineOf(host, name);
      if (execId) executionOf(host, p, execId);
      let all = p.actionExecutions.map((id) => host.state.actions[id]).reverse();
      if (execId) all = all.filter((a) => a.pipelineExecutionId === execId);
      const r = page(all, { list: `actions/${name}/${execId ?? ''}`, nextToken: token, pageSize: max ?? 100, invalidTokenError: 'InvalidNextTokenException' });
      return { actionExecutionDetails: r.items.map((a) => V.actionExecutionDetail(a, host.state.executions[a.pipelineExecutionId]?.executionMode)), nextToken: r.nextToken };
    },

    EnableStageTransition(input: Json, ctx: RequestContext) {
      const { p, target } = transitionTarget(host, input);
      p.transitions[target] = { enabled: true, lastChangedBy: R.CALLER_ARN, lastChangedAt: ctx.now };
      engine.advance(p, ctx.now);
      return {};
    },

    DisableStageTransition(input: Json, ctx: RequestContext) {
      const { p, target, reason } = transitionTarget(host, input, true);
      p.transitions[target] = { enabled: false, lastChangedBy: R.CALLER_ARN, lastChangedAt: ctx.now, disabledReason: reason };
      return {};
    },
  };
}

/** The stage whose inbound transition changes: Outbound of a stage is the inbound transition of the next one. */
function transitionTarget(host: OperationHost, input: Json, withReason = false): { p: PipelineRec; target: string; reason?: string } {
  const v = new Validator(input);
  const name = v.str('pipelineName', R.pipelineName) ?? '';
  const stageName = v.str('stageName', R.stageName) ?? '';
  const type = v.str('transitionType', { required: true, enum: ['Inbound', 'Outbound'] });
  const reason = withReason ? v.str('reason', R.disabledReason) : undefined;
  v.done();
  const p = pipelineOf(host, name);
  const { index } = stageOf(host, p, stageName);
  if (type === 'Inbound') return { p, target: stageName, reason };
  const next = host.engine.decl(p).stages[index + 1];
  if (!next) throw new AwsError('ValidationException', `Stage ${stageName} is the last stage of pipeline ${name} and has no outbound transition.`);
  return { p, target: next.name, reason };
}
