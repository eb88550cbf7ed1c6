import { AwsError } from '../../errors';
import { Validator } from '../../validate';
import type { Json } from '../types';
import * as R from './rules';
import type { ActionDecl, PipelineDecl, StageDecl } from './types';

/**
 * Validates a CreatePipeline declaration as CodePipeline does: member constraints first (one ValidationException
 * listing them all), then the structure (InvalidStructureException), stages (InvalidStageDeclarationException) and
 * actions (InvalidActionDeclarationException). Returns the declaration with AWS's defaults filled in.
 */
export function validatePipelineDeclaration(input: Json, region: string): PipelineDecl {
  const top = new Validator(input);
  const p = top.obj('pipeline', { required: true });
  top.list('tags', { max: 200 })?.forEach((t, i) => {
    const tv = top.nested(`tags.${i + 1}.member`, asObj(t, `tags.${i + 1}`));
    tv.str('key', { required: true, min: 1, max: 128 });
    tv.str('value', { required: true, min: 0, max: 256 });
  });
  if (!p) return top.done() as never;
  const v = top.nested('pipeline', p);
  v.str('name', R.pipelineName);
  v.str('roleArn', { ...R.roleArn, required: true });
  const mode = v.str('executionMode', { enum: R.EXECUTION_MODES });
  const type = v.str('pipelineType', { enum: R.PIPELINE_TYPES });
  v.int('version', { min: 1 });
  const store = v.obj('artifactStore');
  if (store) {
    const sv = v.nested('artifactStore', store);
    sv.str('type', { required: true, enum: ['S3'] });
    sv.str('location', { required: true, min: 3, max: 63, pattern: /^[a-zA-Z0-9\-.]+$/ });
  }
  const stores = v.obj('artifactStores');
  const variables = v.list<unknown>('variables', { max: 50 }) ?? [];
  variables.forEach((raw, i) => {
    const vv = v.nested(`variables.${i + 1}.member`, asObj(raw, `variables.${i + 1}`));
    vv.str('name', R.variableName);
    vv.str('defaultValue', { min: 1, max: 1000 });
    vv.str('description', { min: 0, max: 200 });
  });
  const stages = v.list<unknown>('stages', { required: true }) ?? [];
  stages.forEach((raw, i) => {
    const sv = v.nested(`stages.${i + 1}.member`, asObj(raw, `stages.${i + 1}`));
    sv.str('name', R.stageName);
    const actions = sv.list<unknown>('actions', { required: true }) ?? [];
    actions.forEach((rawAction, j) => {
      const av = sv.nested(`actions.${j + 1}.member`, asObj(rawAction, `actions.${j + 1}`));
      av.str('name', R.actionName);
      av.int('runOrder', { min: 1, max: 999 });
      av.str('namespace', R.namespace);
      av.str('region', { min: 4, max: 30 });
      av.str('roleArn', R.roleArn);
      av.int('timeoutInMinutes', { min: 5, max: 86400 });
      const typeId = av.obj('actionTypeId', { required: true });
      if (typeId) {
        const tv = av.nested('actionTypeId', typeId);
        tv.str('category', { required: true, enum: R.CATEGORIES });
        tv.str('owner', { required: true, enum: R.OWNERS });
        tv.str('provider', R.actionProvider);
        tv.str('version', R.actionVersion);
      }
      const config = av.obj('configuration');
      for (const [k, value] of Object.entries(config ?? {})) {
        if (typeof value !== 'string') throw new AwsError('SerializationException', `Unexpected value type for configuration '${k}': expected string`);
        if (k.length < 1 || k.length > 50) av.fail(`Value '${k}' at 'pipeline.stages.${i + 1}.member.actions.${j + 1}.member.configuration' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 50, Member must have length greater than or equal to 1]`);
        if (value.length < 1 || value.length > 1000) av.fail(`Value at 'pipeline.stages.${i + 1}.member.actions.${j + 1}.member.configuration' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 1000, Member must have length greater than or equal to 1]`);
      }
      for (const list of ['inputArtifacts', 'outputArtifacts'] as const) {
        av.list<unknown>(list)?.forEach((art, k) => av.nested(`${list}.${k + 1}.member`, asObj(art, `${list}.${k + 1}`)).str('name', R.artifactName));
      }
    });
  });
  top.done();

  const decl = JSON.parse(JSON.stringify(p)) as PipelineDecl;
  decl.version = 1;
  decl.pipelineType = (type as PipelineDecl['pipelineType'] | undefined) ?? 'V1';
  decl.executionMode = (mode as PipelineDecl['executionMode'] | undefined) ?? 'SUPERSEDED';
  for (const s of decl.stages) for (const a of s.actions) a.runOrder ??= 1;
  checkStructure(decl, Boolean(store), Boolean(stores), region);
  return decl;
}

function checkStructure(decl: PipelineDecl, hasStore: boolean, hasStores: boolean, region: string): void {
  const structure = (m: string) => new AwsError('InvalidStructureException', m);
  if (hasStore === hasStores) throw structure('Pipeline must declare exactly one of artifactStore and artifactStores.');
  if (decl.pipelineType === 'V1' && decl.executionMode !== 'SUPERSEDED')
    throw new AwsError('ValidationException', `Execution mode ${decl.executionMode} is only supported for pipelines of type V2.`);
  if (decl.variables?.length) {
    if (decl.pipelineType === 'V1') throw new AwsError('ValidationException', 'Pipeline variables are only supported for pipelines of type V2.');
    const dup = duplicate(decl.variables.map((x) => x.name));
    if (dup) throw new AwsError('ValidationException', `Pipeline variable names must be unique; '${dup}' is declared more than once.`);
  }
  if (decl.stages.length < 2) throw structure(`Pipeline has only ${decl.stages.length} stage(s). There should be a minimum of 2 stages in a pipeline`);
  const dupStage = duplicate(decl.stages.map((s) => s.name));
  if (dupStage) throw new AwsError('InvalidStageDeclarationException', `Stage names must be unique within a pipeline; '${dupStage}' is used more than once.`);

  const produced = new Set<string>();
  const namespaces = new Set<string>();
  decl.stages.forEach((stage, i) => {
    checkStage(stage);
    const orders = [...new Set(stage.actions.map((a) => a.runOrder ?? 1))].sort((a, b) => a - b);
    for (const order of orders) {
      const group = stage.actions.filter((a) => (a.runOrder ?? 1) === order);
      for (const a of group) {
        const isSource = a.actionTypeId.category === 'Source';
        if (i === 0 && !isSource) throw structure(`Stage '${stage.name}' is the first stage and may only contain Source actions, but action '${a.name}' is a ${a.actionTypeId.category} action.`);
        if (i > 0 && isSource) throw structure(`Source actions can only be in the first stage; action '${a.name}' is in stage '${stage.name}'.`);
        checkAction(a, region);
        for (const input of a.inputArtifacts ?? [])
          if (!produced.has(input.name)) throw structure(`Input Artifact Bundle '${input.name}' in action '${a.name}' is not declared as an output artifact of an earlier action.`);
        if (a.namespace) {
          if (namespaces.has(a.namespace)) throw structure(`Action namespace '${a.namespace}' is used by more than one action.`);
          namespaces.add(a.namespace);
        }
      }
      for (const a of group)
        for (const out of a.outputArtifacts ?? []) {
          if (produced.has(out.name)) throw structure(`Output Artifact Bundle name '${out.name}' must be unique across the pipeline.`);
          produced.add(out.name);
        }
    }
  });
}

function checkStage(stage: StageDecl): void {
  if (stage.actions.length === 0) throw new AwsError('InvalidStageDeclarationException', `Stage '${stage.name}' must contain at least one action.`);
  const dup = duplicate(stage.actions.map((a) => a.name));
  if (dup) throw new AwsError('InvalidStageDeclarationException', `Action names must be unique within stage '${stage.name}'; '${dup}' is used more than once.`);
}

const ARTIFACT_COUNTS: Record<string, { inputs: [number, number]; outputs: [number, number] }> = {
  'Source/CodeCommit': { inputs: [0, 0], outputs: [1, 1] },
  'Build/CodeBuild': { inputs: [1, 5], outputs: [0, 5] },
  'Test/CodeBuild': { inputs: [1, 5], outputs: [0, 5] },
  'Deploy/CodeDeploy': { inputs: [1, 1], outputs: [0, 0] },
  'Approval/Manual': { inputs: [0, 0], outputs: [0, 0] },
};

function checkAction(a: ActionDecl, region: string): void {
  const t = a.actionTypeId;
  const bad = (m: string) => new AwsError('InvalidActionDeclarationException', m);
  if (t.owner === 'AWS' && (!(R.AWS_ACTION_TYPES[t.category] ?? []).includes(t.provider) || t.version !== '1'))
    throw bad(`ActionType (Category: '${t.category}', Provider: '${t.provider}', Owner: '${t.owner}', Version: '${t.version}') in action '${a.name}' is not available in region '${region.toUpperCase().replace(/-/g, '_')}'`);
  const key = `${t.category}/${t.provider}`;
  if (t.owner !== 'AWS') return;
  for (const required of R.REQUIRED_CONFIGURATION[key] ?? [])
    if (!a.configuration?.[required]) throw bad(`Action configuration for action '${a.name}' is missing required configuration '${required}'`);
  const counts = ARTIFACT_COUNTS[key];
  if (!counts) return;
  const nIn = a.inputArtifacts?.length ?? 0;
  const nOut = a.outputArtifacts?.length ?? 0;
  if (nIn < counts.inputs[0] || nIn > counts.inputs[1])
    throw bad(`For action '${a.name}' the number of input artifacts must be between ${counts.inputs[0]} and ${counts.inputs[1]}, but ${nIn} were declared.`);
  if (nOut < counts.outputs[0] || nOut > counts.outputs[1])
    throw bad(`For action '${a.name}' the number of output artifacts must be between ${counts.outputs[0]} and ${counts.outputs[1]}, but ${nOut} were declared.`);
}

function duplicate(names: string[]): string | undefined {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) return n;
    seen.add(n);
  }
  return undefined;
}

function asObj(value: unknown, at: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AwsError('SerializationException', `Unexpected value type for '${at}': expected structure`);
  return value as Json;
}
