/**
 * The small typed set of errors the UI deals with. Every SDK or credential error is turned into one of these by
 * `toAwsError`, with the operation, the request id and a sentence a person can act on. No secret ever reaches a
 * message: access keys, secret keys, session tokens and credential_process command lines are redacted.
 */
export type AwsErrorKind =
  | 'credentials' // missing, unusable or expired credentials (see `expired`)
  | 'accessDenied'
  | 'notFound'
  | 'throttled' // still throttled after the SDK's retries
  | 'invalidInput'
  | 'conflict' // the resource is not in a state that allows the action (already stopped, already approved...)
  | 'network' // endpoint unreachable, connection refused or dropped, timed out
  | 'service'; // 5xx or anything unrecognised

export class AwsError extends Error {
  override readonly name = 'AwsError';
  constructor(
    readonly kind: AwsErrorKind,
    /** e.g. `codebuild.BatchGetBuilds` or `credentials` */
    readonly operation: string,
    message: string,
    readonly details: {
      /** The service's error code (`ThrottlingException`) or the Node error code (`ECONNREFUSED`). */
      code?: string;
      requestId?: string;
      httpStatus?: number;
      /** For `credentials`: the credentials had expired. */
      expired?: boolean;
      /** For `credentials`: the profile uses SSO and needs a sign-in. */
      ssoLoginRequired?: boolean;
      /** The raw service message, redacted. */
      serviceMessage?: string;
    } = {},
  ) {
    super(message);
  }

  get code(): string | undefined {
    return this.details.code;
  }
  get requestId(): string | undefined {
    return this.details.requestId;
  }
  get expired(): boolean {
    return this.details.expired === true;
  }
  /** Whether trying again later may help (the scheduler backs off on these). */
  get transient(): boolean {
    return this.kind === 'throttled' || this.kind === 'network' || (this.kind === 'service' && (this.details.httpStatus ?? 500) >= 500);
  }
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'LimitExceededException',
  'SlowDown',
  'BandwidthLimitExceeded',
  'ProvisionedThroughputExceededException',
  'PriorRequestNotComplete',
  'TransactionInProgressException',
]);
const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationTokenException',
  'MissingAuthenticationToken',
  'AuthFailure',
  'CredentialsProviderError',
  'InvalidAccessKeyId',
]);
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'NotAuthorized', 'UnauthorizedException']);
const CONFLICT = new Set([
  'ConflictException',
  'PipelineExecutionNotStoppableException',
  'DuplicatedStopRequestException',
  'StageNotRetryableException',
  'NotLatestPipelineExecutionException',
  'ApprovalAlreadyCompletedException',
  'InvalidApprovalTokenException',
  'DeploymentAlreadyCompletedException',
  'DeploymentIsNotInReadyStateException',
  'DeploymentNotStartedException',
  'UnsupportedActionForDeploymentTypeException',
  'ConcurrentPipelineExecutionsLimitExceededException',
  'AccountLimitExceededException',
  'DeploymentLimitExceededException',
  'ResourceAlreadyExistsException',
  'OperationAbortedException',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'NetworkingError',
]);

const SERVICE_NAMES: Record<string, string> = {
  codebuild: 'CodeBuild',
  codecommit: 'CodeCommit',
  codedeploy: 'CodeDeploy',
  codepipeline: 'CodePipeline',
  logs: 'CloudWatch Logs',
  credentials: 'Credentials',
};

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { requestId?: string; httpStatusCode?: number; extendedRequestId?: string };
  $response?: { statusCode?: number };
  cause?: unknown;
}

/**
 * Maps anything thrown by an SDK call (or a credential provider) to an `AwsError`. `operation` is
 * `<service>.<Operation>`; `context` adds what the UI knows (the profile) to the sentence.
 */
export function toAwsError(e: unknown, operation: string, context: { profile?: string } = {}): AwsError {
  if (e instanceof AwsError) return e;
  const err = (typeof e === 'object' && e !== null ? e : { message: String(e) }) as SdkLikeError;
  const name = err.name ?? 'Error';
  const nodeCode = networkCode(err);
  const code = nodeCode ?? (name === 'Error' && err.code ? err.code : name);
  const requestId = err.$metadata?.requestId;
  const httpStatus = err.$metadata?.httpStatusCode ?? err.$response?.statusCode;
  const serviceMessage = redact(err.message ?? '');
  const [service, op] = splitOperation(operation);
  const what = op ? `${SERVICE_NAMES[service] ?? service} ${op}` : (SERVICE_NAMES[service] ?? service);
  const base = { code, requestId, httpStatus, serviceMessage };
  const profile = context.profile ? ` for profile '${context.profile}'` : '';
  const tail = serviceMessage ? ` (${serviceMessage})` : '';

  if (EXPIRED.has(code) || /expired/i.test(name) || (name === 'CredentialsProviderError' && /expired/i.test(serviceMessage))) {
    return new AwsError('credentials', operation, `${what}: the credentials${profile} have expired. Refresh them (sign in again or renew the session) and retry.`, {
      ...base,
      expired: true,
    });
  }
  if (BAD_CREDENTIALS.has(code) || name === 'CredentialsProviderError') {
    return new AwsError('credentials', operation, `${what}: no usable credentials${profile}${tail}.`, base);
  }
  if (ACCESS_DENIED.has(code) || httpStatus === 403) {
    return new AwsError('accessDenied', operation, `${what}: access denied. Your identity is not allowed to do this${tail}.`, base);
  }
  if (THROTTLING.has(code) || httpStatus === 429) {
    return new AwsError('throttled', operation, `${what}: AWS is throttling requests and retries did not get through. Try again in a moment.`, base);
  }
  if (nodeCode) {
    return new AwsError('network', operation, `${what}: the endpoint could not be reached (${nodeCode}). Check the network, proxy or endpoint URL.`, base);
  }
  if (/NotFound|DoesNotExist/.test(code)) {
    return new AwsError('notFound', operation, `${what}: not found${tail}.`, base);
  }
  if (CONFLICT.has(code)) {
    return new AwsError('conflict', operation, `${what}: not possible now${tail}.`, base);
  }
  if (/^Invalid|Validation|Required|TooLong|Exceeded|Serialization|Missing/.test(code) || (err.$fault === 'client' && httpStatus === 400)) {
    return new AwsError('invalidInput', operation, `${what}: the request was rejected as invalid${tail}.`, base);
  }
  return new AwsError('service', operation, `${what}: the service failed${httpStatus ? ` (HTTP ${httpStatus})` : ''}${tail}. Try again later.`, base);
}

function networkCode(err: SdkLikeError): string | undefined {
  for (let cur: unknown = err, depth = 0; cur && typeof cur === 'object' && depth < 4; cur = (cur as SdkLikeError).cause, depth++) {
    const c = cur as SdkLikeError;
    if (c.code && NETWORK_CODES.has(c.code)) return c.code;
    if (c.name && NETWORK_CODES.has(c.name)) return c.name;
  }
  if (err.$metadata && err.$metadata.httpStatusCode === undefined && /socket hang up|ECONNRESET/i.test(err.message ?? '')) return 'ECONNRESET';
  return undefined;
}

function splitOperation(operation: string): [string, string | undefined] {
  const i = operation.indexOf('.');
  return i < 0 ? [operation, undefined] : [operation.slice(0, i), operation.slice(i + 1)];
}

/** Removes what could be a secret from a message: access key ids, secret keys and tokens (any run of 40 or more base64 characters), signatures. */
export function redact(text: string): string {
  return text
    .replace(/\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g, '$1****')
    .replace(/(aws_secret_access_key|aws_session_token|secretAccessKey|sessionToken|SecretAccessKey|SessionToken|x-amz-security-token)(["'\s:=]+)[^\s"',;}]+/gi, '$1$2****')
    .replace(/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40,}(?![A-Za-z0-9/+=])/g, '****') // secret keys (40), session and SSO tokens (longer)
    .replace(/(Signature=)[0-9a-f]+/g, '$1****')
    .slice(0, 1000);
}
