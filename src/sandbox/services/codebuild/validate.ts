import { AwsError } from '../../errors';
import { Validator } from '../../validate';
import type { Json } from '../types';
import type { EnvVar } from './model';

/** CodeBuild answers constraint violations (lengths, ranges, enums, required members) with InvalidInputException. */
export const INVALID = 'InvalidInputException';
export const inputValidator = (input: Json): Validator => new Validator(input, INVALID);
export const invalidInput = (message: string): AwsError => new AwsError(INVALID, message);

export const PROJECT_NAME = { min: 2, max: 150, pattern: /^[A-Za-z0-9][A-Za-z0-9\-_]{1,149}$/ };
export const SOURCE_TYPES = ['CODECOMMIT', 'CODEPIPELINE', 'GITHUB', 'GITLAB', 'GITLAB_SELF_MANAGED', 'S3', 'BITBUCKET', 'GITHUB_ENTERPRISE', 'NO_SOURCE'] as const;
export const ARTIFACT_TYPES = ['CODEPIPELINE', 'S3', 'NO_ARTIFACTS'] as const;
export const ENVIRONMENT_TYPES = [
  'WINDOWS_CONTAINER',
  'LINUX_CONTAINER',
  'LINUX_GPU_CONTAINER',
  'ARM_CONTAINER',
  'WINDOWS_SERVER_2019_CONTAINER',
  'WINDOWS_SERVER_2022_CONTAINER',
  'LINUX_LAMBDA_CONTAINER',
  'ARM_LAMBDA_CONTAINER',
  'LINUX_EC2',
  'ARM_EC2',
  'WINDOWS_EC2',
  'MAC_ARM',
] as const;
export const COMPUTE_TYPES = [
  'BUILD_GENERAL1_SMALL',
  'BUILD_GENERAL1_MEDIUM',
  'BUILD_GENERAL1_LARGE',
  'BUILD_GENERAL1_XLARGE',
  'BUILD_GENERAL1_2XLARGE',
  'BUILD_LAMBDA_1GB',
  'BUILD_LAMBDA_2GB',
  'BUILD_LAMBDA_4GB',
  'BUILD_LAMBDA_8GB',
  'BUILD_LAMBDA_10GB',
  'ATTRIBUTE_BASED_COMPUTE',
  'CUSTOM_INSTANCE_TYPE',
] as const;
export const ENV_VAR_TYPES = ['PLAINTEXT', 'PARAMETER_STORE', 'SECRETS_MANAGER'] as const;
const PULL_CREDENTIALS = ['CODEBUILD', 'SERVICE_ROLE'] as const;
const SORT_ORDER = ['ASCENDING', 'DESCENDING'] as const;
export { SORT_ORDER };

const CODECOMMIT_URL = /^https:\/\/git-codecommit\.[a-z0-9-]+\.amazonaws\.com\/v1\/repos\/[\w.-]+$/;

/** Environment variables (project or override): name and value required, type an enum, CODEBUILD_ reserved. */
export function envVars(v: Validator, field: string): EnvVar[] | undefined {
  const list = v.list<Json>(field);
  if (!list) return undefined;
  return list.map((raw, i) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new AwsError('SerializationException', `Unexpected value type for '${field}.${i + 1}'`);
    const e = v.nested(`${field}.${i + 1}.member`, raw);
    const name = e.str('name', { required: true, min: 1 });
    const value = e.str('value', { required: true });
    const type = e.str('type', { enum: ENV_VAR_TYPES });
    if (name?.startsWith('CODEBUILD_')) v.fail(`Invalid environment variable name: ${name}. Environment variable names cannot start with CODEBUILD_`);
    return { name: name ?? '', value: value ?? '', ...(type ? { type } : {}) };
  });
}

function tags(v: Validator): { key: string; value: string }[] | undefined {
  const list = v.list<Json>('tags', { min: 0, max: 50 });
  return list?.map((raw, i) => {
    const t = v.nested(`tags.${i + 1}.member`, raw);
    return { key: t.str('key', { min: 1, max: 127 }) ?? '', value: t.str('value', { min: 0, max: 255 }) ?? '' };
  });
}

function source(v: Validator, field: string, raw: Json | undefined): void {
  if (!raw) return;
  const s = v.nested(field, raw);
  s.str('type', { required: true, enum: SOURCE_TYPES });
  s.str('location');
  s.int('gitCloneDepth', { min: 0 });
  s.str('buildspec');
  s.bool('insecureSsl');
  s.bool('reportBuildStatus');
}

function artifacts(v: Validator, field: string, raw: Json | undefined): void {
  if (!raw) return;
  const a = v.nested(field, raw);
  a.str('type', { required: true, enum: ARTIFACT_TYPES });
  a.str('namespaceType', { enum: ['NONE', 'BUILD_ID'] });
  a.str('packaging', { enum: ['NONE', 'ZIP'] });
}

function cache(v: Validator, field: string, raw: Json | undefined): void {
  if (raw) v.nested(field, raw).str('type', { required: true, enum: ['NO_CACHE', 'S3', 'LOCAL'] });
}

function logsConfig(v: Validator, field: string, raw: Json | undefined): void {
  if (!raw) return;
  const l = v.nested(field, raw);
  const cw = l.obj('cloudWatchLogs');
  if (cw) v.nested(`${field}.cloudWatchLogs`, cw).str('status', { required: true, enum: ['ENABLED', 'DISABLED'] });
  const s3 = l.obj('s3Logs');
  if (s3) v.nested(`${field}.s3Logs`, s3).str('status', { required: true, enum: ['ENABLED', 'DISABLED'] });
}

export interface ProjectInput {
  name: string;
  description?: string;
  source: Json;
  sourceVersion?: string;
  artifacts: Json;
  environment: Json & { environmentVariables?: EnvVar[] };
  serviceRole: string;
  timeoutInMinutes?: number;
  queuedTimeoutInMinutes?: number;
  encryptionKey?: string;
  tags?: { key: string; value: string }[];
  logsConfig?: Json;
  cache?: Json;
  badgeEnabled?: boolean;
  concurrentBuildLimit?: number;
}

/** CreateProject's input, checked as the model and the service do. */
export function validateProject(input: Json): ProjectInput {
  const v = inputValidator(input);
  const name = v.str('name', { ...PROJECT_NAME, required: true });
  const description = v.str('description', { min: 0, max: 255 });
  const src = v.obj('source', { required: true });
  source(v, 'source', src);
  v.list('secondarySources', { min: 0, max: 12 });
  const sourceVersion = v.str('sourceVersion');
  v.list('secondarySourceVersions', { min: 0, max: 12 });
  const art = v.obj('artifacts', { required: true });
  artifacts(v, 'artifacts', art);
  v.list('secondaryArtifacts', { min: 0, max: 12 });
  const cacheIn = v.obj('cache');
  cache(v, 'cache', cacheIn);
  const envIn = v.obj('environment', { required: true });
  let environment: ProjectInput['environment'] | undefined;
  if (envIn) {
    const e = v.nested('environment', envIn);
    e.str('type', { required: true, enum: ENVIRONMENT_TYPES });
    e.str('image', { required: true, min: 1 });
    e.str('computeType', { required: true, enum: COMPUTE_TYPES });
    e.bool('privilegedMode');
    e.str('imagePullCredentialsType', { enum: PULL_CREDENTIALS });
    const vars = envVars(e, 'environmentVariables');
    environment = { ...envIn, ...(vars ? { environmentVariables: vars } : {}) };
  }
  const serviceRole = v.str('serviceRole', { required: true, min: 1 });
  const timeoutInMinutes = v.int('timeoutInMinutes', { min: 5, max: 2160 });
  const queuedTimeoutInMinutes = v.int('queuedTimeoutInMinutes', { min: 5, max: 480 });
  const encryptionKey = v.str('encryptionKey', { min: 1 });
  const tagList = tags(v);
  const logsIn = v.obj('logsConfig');
  logsConfig(v, 'logsConfig', logsIn);
  const badgeEnabled = v.bool('badgeEnabled');
  const concurrentBuildLimit = v.int('concurrentBuildLimit');
  v.done();

  const sourceType = src?.type as string;
  const artifactsType = art?.type as string;
  if ((sourceType === 'CODEPIPELINE') !== (artifactsType === 'CODEPIPELINE'))
    throw invalidInput('Invalid project: source type CODEPIPELINE must be used with artifacts type CODEPIPELINE, and only with it');
  if (sourceType !== 'NO_SOURCE' && sourceType !== 'CODEPIPELINE' && !src?.location)
    throw invalidInput(`Invalid source: location must be specified for source type ${sourceType}`);
  if (sourceType === 'CODECOMMIT' && !CODECOMMIT_URL.test(String(src?.location)))
    throw invalidInput(`Invalid source location: ${String(src?.location)}. Expected https://git-codecommit.<region>.amazonaws.com/v1/repos/<repository>`);
  if (sourceType === 'NO_SOURCE' && !src?.buildspec) throw invalidInput('Invalid source: a buildspec must be specified for source type NO_SOURCE');
  if (artifactsType === 'S3' && !art?.location) throw invalidInput('Invalid artifacts: location must be specified for artifacts type S3');
  return {
    name: name as string,
    description,
    source: src as Json,
    sourceVersion,
    artifacts: art as Json,
    environment: environment as ProjectInput['environment'],
    serviceRole: serviceRole as string,
    timeoutInMinutes,
    queuedTimeoutInMinutes,
    encryptionKey,
    tags: tagList,
    logsConfig: logsIn,
    cache: cacheIn,
    badgeEnabled,
    concurrentBuildLimit,
  };
}

export interface StartBuildInput {
  projectName: string;
  sourceVersion?: string;
  environmentVariablesOverride?: EnvVar[];
  buildspecOverride?: string;
  timeoutInMinutesOverride?: number;
  queuedTimeoutInMinutesOverride?: number;
  idempotencyToken?: string;
  imageOverride?: string;
  computeTypeOverride?: string;
  environmentTypeOverride?: string;
  privilegedModeOverride?: boolean;
  serviceRoleOverride?: string;
  sourceTypeOverride?: string;
  sourceLocationOverride?: string;
  artifactsOverride?: Json;
  cacheOverride?: Json;
  logsConfigOverride?: Json;
  encryptionKeyOverride?: string;
}

/** StartBuild's input (the overrides the Sandbox honours, the rest validated and ignored). */
export function validateStartBuild(input: Json): StartBuildInput {
  const v = inputValidator(input);
  const out: StartBuildInput = { projectName: v.str('projectName', { required: true, min: 1 }) as string };
  out.sourceVersion = v.str('sourceVersion');
  out.environmentVariablesOverride = envVars(v, 'environmentVariablesOverride');
  out.buildspecOverride = v.str('buildspecOverride');
  out.timeoutInMinutesOverride = v.int('timeoutInMinutesOverride', { min: 5, max: 2160 });
  out.queuedTimeoutInMinutesOverride = v.int('queuedTimeoutInMinutesOverride', { min: 5, max: 480 });
  out.idempotencyToken = v.str('idempotencyToken');
  out.imageOverride = v.str('imageOverride', { min: 1 });
  out.computeTypeOverride = v.str('computeTypeOverride', { enum: COMPUTE_TYPES });
  out.environmentTypeOverride = v.str('environmentTypeOverride', { enum: ENVIRONMENT_TYPES });
  out.privilegedModeOverride = v.bool('privilegedModeOverride');
  out.serviceRoleOverride = v.str('serviceRoleOverride', { min: 1 });
  out.sourceTypeOverride = v.str('sourceTypeOverride', { enum: SOURCE_TYPES });
  out.sourceLocationOverride = v.str('sourceLocationOverride');
  out.artifactsOverride = v.obj('artifactsOverride');
  artifacts(v, 'artifactsOverride', out.artifactsOverride);
  out.cacheOverride = v.obj('cacheOverride');
  cache(v, 'cacheOverride', out.cacheOverride);
  out.logsConfigOverride = v.obj('logsConfigOverride');
  logsConfig(v, 'logsConfigOverride', out.logsConfigOverride);
  out.encryptionKeyOverride = v.str('encryptionKeyOverride', { min: 1 });
  v.int('gitCloneDepthOverride', { min: 0 });
  v.str('imagePullCredentialsTypeOverride', { enum: PULL_CREDENTIALS });
  v.list('secondarySourcesOverride', { min: 0, max: 12 });
  v.list('secondarySourcesVersionOverride', { min: 0, max: 12 });
  v.list('secondaryArtifactsOverride', { min: 0, max: 12 });
  v.bool('insecureSslOverride');
  v.bool('reportBuildStatusOverride');
  v.bool('debugSessionEnabled');
  v.done();
  for (const k of Object.keys(out) as (keyof StartBuildInput)[]) if (out[k] === undefined) delete out[k];
  return out;
}
