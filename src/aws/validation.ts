import { AwsError } from './errors';

/**
 * Input rules, taken from the service models (aws-models/<service>/service-2.json: min, max, pattern, enum; model
 * patterns are matched against the whole value, as the services do) and, where a model is silent, from the service
 * documentation (noted per rule). Each validator returns `undefined` when the value is acceptable, otherwise one
 * sentence naming the field and the rule, so an input box can validate as the person types.
 */
export type Validator<T = string> = (value: T) => string | undefined;

/** The limits, exported so the UI can show them (e.g. a character counter). */
export const LIMITS = {
  approvalSummaryMax: 512, // codepipeline ApprovalSummary max 512
  stopReasonMax: 200, // codepipeline StopPipelineExecutionReason max 200
  transitionReasonMax: 300, // codepipeline DisabledReason 1..300
  pipelineVariableNameMax: 128, // PipelineVariableName 1..128
  pipelineVariableValueMax: 1000, // PipelineVariableValue 1..1000
  pipelineVariablesMax: 50, // PipelineVariableList 1..50
  clientRequestTokenMax: 128, // ClientRequestToken 1..128
  pipelineNameMax: 100, // PipelineName / StageName / ActionName 1..100
  projectNameMin: 2, // codebuild ProjectName 2..150
  projectNameMax: 150,
  buildTimeoutMin: 5, // codebuild BuildTimeOut 5..2160 (minutes)
  buildTimeoutMax: 2160,
  queuedTimeoutMin: 5, // codebuild TimeOut 5..480 (minutes)
  queuedTimeoutMax: 480,
  repositoryNameMax: 100, // codecommit RepositoryName 1..100
  branchNameMax: 256, // codecommit BranchName 1..256
  applicationNameMax: 100, // codedeploy ApplicationName / DeploymentGroupName 1..100
} as const;

const PATTERNS = {
  transitionReason: /^[a-zA-Z0-9!@ ().*?-]+$/, // DisabledReason
  pipelineVariableName: /^[A-Za-z0-9@\-_]+$/, // PipelineVariableName
  clientRequestToken: /^[a-zA-Z0-9-]+$/, // ClientRequestToken
  pipelineName: /^[A-Za-z0-9.@\-_]+$/, // PipelineName, StageName, ActionName
  projectName: /^[A-Za-z0-9][A-Za-z0-9\-_]{1,149}$/, // codebuild ProjectName
  repositoryName: /^[\w.-]+$/, // codecommit RepositoryName
  envVarName: /^[A-Za-z_][A-Za-z0-9_]*$/, // POSIX shell name (CodeBuild exports them into the build shell)
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, // PipelineExecutionId, ApprovalToken
};

export const ENVIRONMENT_VARIABLE_TYPES = ['PLAINTEXT', 'PARAMETER_STORE', 'SECRETS_MANAGER'] as const; // EnvironmentVariableType
export type EnvironmentVariableType = (typeof ENVIRONMENT_VARIABLE_TYPES)[number];
export const BUNDLE_TYPES = ['tar', 'tgz', 'zip', 'YAML', 'JSON'] as const; // codedeploy BundleType

const chars = (n: number) => `${n} character${n === 1 ? '' : 's'}`;

/** A value's length as the services count it: Unicode code points (Smithy's length trait), not UTF-16 units (an emoji is one character, not two). */
export const lengthOf = (value: string): number => {
  let n = 0;
  for (const _ of value) n++;
  return n;
};

function length(field: string, value: string, min: number, max: number): string | undefined {
  const n = lengthOf(value);
  if (n < min) return min === 1 ? `${field} is required.` : `${field} must be at least ${chars(min)} long.`;
  if (n > max) return `${field} must be at most ${chars(max)} long (it has ${n}).`;
  return undefined;
}

/** At most `max` characters (optional fields). */
const atMost = (field: string, value: string, max: number) => length(field, value, 0, max);

/** A name with the model's `[A-Za-z0-9.@\-_]+` pattern and 1..100 length (pipeline, stage and action names). */
function pipelineStyleName(field: string): Validator {
  return (v) =>
    length(field, v, 1, LIMITS.pipelineNameMax) ??
    (PATTERNS.pipelineName.test(v) ? undefined : `${field} may contain only letters, digits and the characters . @ - _ (no spaces).`);
}

// ---------------------------------------------------------------- CodePipeline

/** PutApprovalResult `result.summary`: 0..512 characters. */
export const validateApprovalSummary: Validator = (v) => atMost('Approval comment', v, LIMITS.approvalSummaryMax);

/** StopPipelineExecution `reason`: at most 200 characters (optional). */
export const validateStopReason: Validator = (v) => atMost('Stop reason', v, LIMITS.stopReasonMax);

/** DisableStageTransition `reason`: required, 1..300 characters of letters, digits, spaces and ! @ ( ) . * ? -. */
export const validateTransitionReason: Validator = (v) => {
  const len = length('Reason for disabling the transition', v, 1, LIMITS.transitionReasonMax);
  if (len) return len;
  const bad = [...new Set([...v].filter((c) => !PATTERNS.transitionReason.test(c)))];
  return bad.length
    ? `Reason for disabling the transition may contain only letters, digits, spaces and ! @ ( ) . * ? - (not ${bad.map((c) => JSON.stringify(c)).join(', ')}).`
    : undefined;
};

export const validatePipelineName = pipelineStyleName('Pipeline name');
export const validateStageName = pipelineStyleName('Stage name');
export const validateActionName = pipelineStyleName('Action name');

/** PipelineVariable `name`: 1..128 characters of letters, digits, @ - _. */
export const validatePipelineVariableName: Validator = (v) =>
  length('Variable name', v, 1, LIMITS.pipelineVariableNameMax) ??
  (PATTERNS.pipelineVariableName.test(v) ? undefined : `Variable name '${v}' may contain only letters, digits and the characters @ - _.`);

/** PipelineVariable `value`: 1..1000 characters matching the model's `.*` as a whole, so on one line (no line terminators). */
export const validatePipelineVariableValue: Validator = (v) =>
  length('Variable value', v, 1, LIMITS.pipelineVariableValueMax) ?? (/[\n\r\u2028\u2029]/.test(v) ? 'Variable value must be on one line (no line breaks).' : undefined);

/** StartPipelineExecution `variables`: 1..50 entries (or none at all), valid names and values, no name twice. */
export const validatePipelineVariables: Validator<readonly { name: string; value: string }[]> = (vars) => {
  if (vars.length > LIMITS.pipelineVariablesMax) return `At most ${LIMITS.pipelineVariablesMax} pipeline variables can be passed (there are ${vars.length}).`;
  const seen = new Set<string>();
  for (const { name, value } of vars) {
    const problem = validatePipelineVariableName(name) ?? validatePipelineVariableValue(value)?.replace('Variable value', `Value of variable '${name}'`);
    if (problem) return problem;
    if (seen.has(name)) return `Variable '${name}' is given twice.`;
    seen.add(name);
  }
  return undefined;
};

/** StartPipelineExecution `clientRequestToken`: 1..128 characters of letters, digits and -. */
export const validateClientRequestToken: Validator = (v) =>
  length('Client request token', v, 1, LIMITS.clientRequestTokenMax) ??
  (PATTERNS.clientRequestToken.test(v) ? undefined : 'Client request token may contain only letters, digits and -.');

/** PipelineExecutionId and ApprovalToken: a lower-case UUID. */
export const validateExecutionId: Validator = (v) => (PATTERNS.uuid.test(v) ? undefined : 'Pipeline execution id must be a UUID (8-4-4-4-12 lower-case hex digits).');

// ---------------------------------------------------------------- CodeBuild

/** CodeBuild ProjectName: 2..150 characters, letters, digits, - and _, starting with a letter or digit. */
export const validateProjectName: Validator = (v) =>
  length('Project name', v, LIMITS.projectNameMin, LIMITS.projectNameMax) ??
  (PATTERNS.projectName.test(v) ? undefined : 'Project name must start with a letter or digit and contain only letters, digits, - and _.');

/**
 * EnvironmentVariable `name`: the model requires a non-empty string; CodeBuild exports it into a shell, so it must
 * be a shell name, and the documentation reserves the `CODEBUILD_` prefix for CodeBuild's own variables.
 */
export const validateEnvironmentVariableName: Validator = (v) => {
  if (v.length === 0) return 'Environment variable name is required.';
  if (!PATTERNS.envVarName.test(v)) return `Environment variable name '${v}' must start with a letter or _ and contain only letters, digits and _.`;
  if (v.startsWith('CODEBUILD_')) return `Environment variable name '${v}' starts with CODEBUILD_, which is reserved for CodeBuild.`;
  return undefined;
};

/** EnvironmentVariable `type`: PLAINTEXT, PARAMETER_STORE or SECRETS_MANAGER. */
export const validateEnvironmentVariableType: Validator = (v) =>
  (ENVIRONMENT_VARIABLE_TYPES as readonly string[]).includes(v) ? undefined : `Environment variable type must be one of ${ENVIRONMENT_VARIABLE_TYPES.join(', ')} (not '${v}').`;

/**
 * An environment variable's value: any string for PLAINTEXT; for PARAMETER_STORE a parameter name, and for
 * SECRETS_MANAGER a secret id or ARN (optionally `:json-key:version-stage:version-id`), so neither may be empty or
 * contain whitespace.
 */
export function validateEnvironmentVariableValue(value: string, type: string = 'PLAINTEXT'): string | undefined {
  if (type === 'PLAINTEXT') return undefined;
  const what = type === 'PARAMETER_STORE' ? 'a Parameter Store parameter name' : 'a Secrets Manager secret id or ARN';
  if (value.trim().length === 0) return `The value of a ${type} variable must be ${what}.`;
  if (/\s/.test(value)) return `The value of a ${type} variable must be ${what}, without spaces.`;
  return undefined;
}

export interface EnvironmentVariableInput {
  name: string;
  value: string;
  type?: string;
}

/** `environmentVariablesOverride`: each variable valid, no name twice. */
export const validateEnvironmentVariables: Validator<readonly EnvironmentVariableInput[]> = (vars) => {
  const seen = new Set<string>();
  for (const v of vars) {
    const problem =
      validateEnvironmentVariableName(v.name) ??
      (v.type === undefined ? undefined : validateEnvironmentVariableType(v.type)) ??
      validateEnvironmentVariableValue(v.value, v.type ?? 'PLAINTEXT');
    if (problem) return problem;
    if (seen.has(v.name)) return `Environment variable '${v.name}' is given twice.`;
    seen.add(v.name);
  }
  return undefined;
};

function integerIn(field: string, min: number, max: number, unit: string): Validator<number | string> {
  return (raw) => {
    const text = String(raw).trim();
    if (!/^-?\d+$/.test(text)) return `${field} must be a whole number of ${unit}.`;
    const n = Number(text);
    if (n < min || n > max) return `${field} must be between ${min} and ${max} ${unit} (not ${n}).`;
    return undefined;
  };
}

/** StartBuild `timeoutInMinutesOverride`: BuildTimeOut 5..2160 minutes. */
export const validateBuildTimeout = integerIn('Build timeout', LIMITS.buildTimeoutMin, LIMITS.buildTimeoutMax, 'minutes');
/** StartBuild `queuedTimeoutInMinutesOverride`: TimeOut 5..480 minutes. */
export const validateQueuedTimeout = integerIn('Queued timeout', LIMITS.queuedTimeoutMin, LIMITS.queuedTimeoutMax, 'minutes');

/**
 * StartBuild `sourceVersion` (optional): the model only says String; the documentation lists a commit id, a branch,
 * a tag, `pr/<n>` (GitHub, Bitbucket) or an S3 object version. So the `git check-ref-format` rules: no space or
 * ASCII control character, no `..`, `~ ^ : ? * [ \`, `@{`; no part starting with `.` or ending with `.lock`; not
 * starting or ending with `/`, no `//`, not ending with `.`.
 */
export const validateSourceVersion: Validator = (v) => {
  if (v.length === 0) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f]/.test(v)) return 'Source version must not contain spaces or control characters.';
  if (/^(refs\/)?pr\/\d+$/.test(v)) return undefined;
  if (v.includes('..') || /[~^:?*[\\]/.test(v) || v.includes('@{') || v === '@') return "Source version is not a valid Git ref: it must not contain '..', '@{' or any of ~ ^ : ? * [ \\.";
  if (v.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock')) || /^\/|\/$/.test(v) || /\.$/.test(v) || v.includes('//')) {
    return "Source version is not a valid Git ref: no part may start with '.' or end with '.lock', and it must not start or end with '/' or end with '.'.";
  }
  return undefined;
};

// ---------------------------------------------------------------- CodeCommit

/** RepositoryName: 1..100 characters of letters, digits, _ . and -; "The suffix .git is prohibited" (CreateRepository documentation). */
export const validateRepositoryName: Validator = (v) =>
  length('Repository name', v, 1, LIMITS.repositoryNameMax) ??
  (PATTERNS.repositoryName.test(v) ? undefined : 'Repository name may contain only letters, digits and the characters _ . -.') ??
  (v.endsWith('.git') ? "Repository name must not end with '.git'." : undefined);

/** BranchName: 1..256 characters, and a valid Git ref. */
export const validateBranchName: Validator = (v) => length('Branch name', v, 1, LIMITS.branchNameMax) ?? validateSourceVersion(v)?.replace('Source version', 'Branch name');

// ---------------------------------------------------------------- CodeDeploy

export const validateApplicationName: Validator = (v) => length('Application name', v, 1, LIMITS.applicationNameMax);
export const validateDeploymentGroupName: Validator = (v) => length('Deployment group name', v, 1, LIMITS.applicationNameMax);

/** S3Location: an S3 bucket name (3..63 lower-case letters, digits, . and -, not an IP address), a key (1..1024 UTF-8 bytes), a bundle type from BundleType. */
export function validateS3Revision(r: { bucket: string; key: string; bundleType: string }): string | undefined {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(r.bucket) || r.bucket.includes('..')) return 'S3 bucket must be a bucket name: 3 to 63 lower-case letters, digits, . and -.';
  if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(r.bucket)) return 'S3 bucket must be a bucket name, not an IP address.';
  if (r.key.length === 0) return 'S3 key is required.';
  if (Buffer.byteLength(r.key, 'utf8') > 1024) return 'S3 key must be at most 1024 bytes long (UTF-8).';
  if (!(BUNDLE_TYPES as readonly string[]).includes(r.bundleType)) return `Bundle type must be one of ${BUNDLE_TYPES.join(', ')} (not '${r.bundleType}').`;
  return undefined;
}

/** GitHubLocation: `owner/repository` and the full 40-hex-digit commit SHA-1 (the API's documentation). */
export function validateGitHubRevision(r: { repository: string; commitId: string }): string | undefined {
  if (!/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(r.repository)) return "GitHub repository must be 'owner/repository'.";
  if (!/^[0-9a-f]{40}$/i.test(r.commitId)) return 'GitHub commit must be the full 40-character commit id (SHA-1).';
  return undefined;
}

/** AppSpecContent: a non-empty YAML or JSON document. */
export const validateAppSpecContent: Validator = (v) => (v.trim().length === 0 ? 'AppSpec content is required.' : undefined);

/** Runs validators in order and throws the first message as an `invalidInput` error (the service functions call this before any request). */
export function firstProblem(...problems: (string | undefined)[]): string | undefined {
  return problems.find((p) => p !== undefined);
}

/** Throws the first problem as an `invalidInput` AwsError before any request is sent (the UI validates first; this is the backstop). */
export function assertValid(operation: string, ...problems: (string | undefined)[]): void {
  const problem = firstProblem(...problems);
  if (problem) throw new AwsError('invalidInput', operation, problem, { code: 'ClientValidation' });
}
