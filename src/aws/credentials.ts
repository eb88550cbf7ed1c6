import { spawn } from 'child_process';
import { ENVIRONMENT_PROFILE, isSandbox, type Connection } from '../model/connection';
import { AwsError, redact } from './errors';
import { configFilePath, credentialsFilePath, getProfile, readProfileSection, type ProfileInfo } from './profiles';
import { loadSdk } from './sdkLoader';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
export type CredentialProvider = () => Promise<Credentials>;

export interface CredentialOptions {
  /** Asked for a code when an assume-role profile has `mfa_serial` (the UI shows an input box). */
  mfaCodeProvider?: (mfaSerial: string) => Promise<string>;
  /** How long a `credential_process` may run before it is killed (default 30 s). */
  processTimeoutMs?: number;
  /** Environment to read (tests pass their own); defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Extra configuration for the STS client that assume-role uses (tests point it at a local endpoint). */
  stsClientConfig?: { endpoint?: string; region?: string };
}

/**
 * The fixed keys the Sandbox accepts. Duplicated from src/sandbox/sandbox.ts on purpose: importing that module would
 * pull the whole Sandbox (server, services, seeds) into every bundle that uses the service layer. A unit test checks
 * the two stay equal.
 */
export const SANDBOX_ACCESS_KEY_ID = 'SANDBOXACCESSKEY';
export const SANDBOX_SECRET_ACCESS_KEY = 'sandbox-secret-key';

const DEFAULT_PROCESS_TIMEOUT_MS = 30_000;
/** Refresh credentials this long before they expire. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * The credential provider of a connection, shared by all its clients: resolved once (one MFA prompt, one
 * credential_process run), cached until shortly before expiry, retried after a failure. Errors are `AwsError`s of
 * kind `credentials` with a next step (`aws sso login --profile X`, the process timed out, ...).
 */
export function credentialProviderFor(connection: Connection, options: CredentialOptions = {}): CredentialProvider {
  if (isSandbox(connection)) {
    const creds = { accessKeyId: SANDBOX_ACCESS_KEY_ID, secretAccessKey: SANDBOX_SECRET_ACCESS_KEY };
    return () => Promise.resolve(creds);
  }
  let cached: Promise<Credentials> | undefined;
  const resolveOnce = async (): Promise<Credentials> => {
    const creds = await resolveCredentials(connection.profile, options);
    if (creds.expiration && creds.expiration.getTime() <= Date.now()) {
      throw new AwsError('credentials', 'credentials', `The credentials of profile '${connection.profile}' have expired (at ${creds.expiration.toISOString()}). Renew them and retry.`, {
        expired: true,
        code: 'ExpiredCredentials',
      });
    }
    return creds;
  };
  return async () => {
    if (cached) {
      const current = await cached.catch(() => undefined);
      if (current && (!current.expiration || current.expiration.getTime() - EXPIRY_MARGIN_MS > Date.now())) return current;
      cached = undefined;
    }
    const attempt = resolveOnce();
    cached = attempt;
    attempt.catch(() => {
      if (cached === attempt) cached = undefined;
    });
    return attempt;
  };
}

async function resolveCredentials(profileName: string, options: CredentialOptions): Promise<Credentials> {
  const env = options.env ?? process.env;
  if (profileName === ENVIRONMENT_PROFILE) {
    return wrap(profileName, undefined, () => loadSdk('credentials').fromEnv()());
  }
  const profile = await getProfile(profileName, env);
  if (!profile) {
    throw new AwsError('credentials', 'credentials', `Profile '${profileName}' is not in ${configFilePath(env)} or ${credentialsFilePath(env)}.`, { code: 'ProfileNotFound' });
  }
  if (profile.kind === 'assumeRole') {
    const source = (await readProfileSection(profileName, env))?.source_profile;
    if (source && source !== profileName && !(await getProfile(source, env))) {
      throw new AwsError(
        'credentials',
        'credentials',
        `Profile '${profileName}' assumes a role with source_profile '${source}', which is not in ${configFilePath(env)} or ${credentialsFilePath(env)}.`,
        { code: 'SourceProfileNotFound' },
      );
    }
  }
  if (profile.kind === 'process') {
    const command = await processCommand(profileName, env);
    return runCredentialProcess(profileName, command, options.processTimeoutMs ?? DEFAULT_PROCESS_TIMEOUT_MS);
  }
  const { fromIni } = loadSdk('credentials');
  return wrap(profileName, profile, () =>
    fromIni({
      profile: profileName,
      filepath: credentialsFilePath(env),
      configFilepath: configFilePath(env),
      ignoreCache: true,
      ...(options.mfaCodeProvider ? { mfaCodeProvider: options.mfaCodeProvider } : {}),
      ...(options.stsClientConfig ? { clientConfig: options.stsClientConfig } : {}),
    })(),
  );
}

async function wrap(profileName: string, profile: ProfileInfo | undefined, get: () => Promise<Credentials>): Promise<Credentials> {
  try {
    return await get();
  } catch (e) {
    if (e instanceof AwsError) throw e;
    const message = redact(e instanceof Error ? e.message : String(e));
    if (profile?.kind === 'sso' || /\bSSO\b|sso_session|sso_start_url/i.test(message)) {
      throw new AwsError(
        'credentials',
        'credentials',
        `Profile '${profileName}' uses IAM Identity Center (SSO) and has no valid sign-in. Run \`aws sso login --profile ${profileName}\` in a terminal, then retry.`,
        { code: 'SsoLoginRequired', ssoLoginRequired: true, serviceMessage: message, expired: /expired/i.test(message) },
      );
    }
    if (profileName === ENVIRONMENT_PROFILE) {
      throw new AwsError('credentials', 'credentials', `No credentials in the environment: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (${message}).`, { code: 'CredentialsProviderError' });
    }
    const expired = /expired/i.test(message) || (e as { name?: string }).name === 'ExpiredTokenException';
    if (expired) {
      throw new AwsError('credentials', 'credentials', `The credentials of profile '${profileName}' have expired: ${message}`, { code: 'ExpiredCredentials', expired: true, serviceMessage: message });
    }
    const name = (e as { name?: string }).name;
    const kind = name === 'AccessDenied' || name === 'AccessDeniedException' ? 'accessDenied' : 'credentials';
    throw new AwsError(kind, 'credentials', `Profile '${profileName}' did not give credentials: ${message}`, { code: name ?? 'CredentialsProviderError', serviceMessage: message });
  }
}

async function processCommand(profileName: string, env: Record<string, string | undefined>): Promise<string> {
  const command = (await readProfileSection(profileName, env))?.credential_process;
  if (!command) throw new AwsError('credentials', 'credentials', `Profile '${profileName}' has no credential_process.`, { code: 'CredentialsProviderError' });
  return command;
}

/**
 * Runs a profile's `credential_process` (as the SDK's fromProcess does, plus a timeout: a process that hangs, e.g.
 * waiting for a prompt nobody sees, is killed with its process group). The command line never appears in messages: it
 * may carry secrets.
 */
export function runCredentialProcess(profileName: string, command: string, timeoutMs: number): Promise<Credentials> {
  return new Promise<Credentials>((resolve, reject) => {
    const fail = (message: string, code: string, expired = false) => reject(new AwsError('credentials', 'credentials', message, { code, expired }));
    const child = spawn(command, { shell: true, detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    let done = false;
    const finish = () => {
      done = true;
      clearTimeout(timer);
    };
    const timer = setTimeout(() => {
      if (done) return;
      finish();
      kill(child.pid);
      fail(`The credential_process of profile '${profileName}' did not answer within ${Math.round(timeoutMs / 1000)} s and was stopped. Check that it runs without a prompt.`, 'CredentialProcessTimeout');
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < 64 * 1024) stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 4 * 1024) stderr += d;
    });
    child.on('error', (e) => {
      if (done) return;
      finish();
      fail(`The credential_process of profile '${profileName}' could not be started (${(e as NodeJS.ErrnoException).code ?? e.message}).`, 'CredentialProcessError');
    });
    child.on('close', (code) => {
      if (done) return;
      finish();
      if (code !== 0) {
        const hint = redact(stderr.trim().split('\n').slice(-1)[0] ?? '').slice(0, 200);
        return fail(`The credential_process of profile '${profileName}' exited with code ${String(code)}${hint ? `: ${hint}` : ''}.`, 'CredentialProcessError');
      }
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(stdout.trim()) as Record<string, unknown>;
      } catch {
        return fail(`The credential_process of profile '${profileName}' did not print JSON (expected {"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ...}).`, 'CredentialProcessInvalidOutput');
      }
      if (data.Version !== 1) return fail(`The credential_process of profile '${profileName}' printed JSON without "Version": 1.`, 'CredentialProcessInvalidOutput');
      if (typeof data.AccessKeyId !== 'string' || typeof data.SecretAccessKey !== 'string') {
        return fail(`The credential_process of profile '${profileName}' printed no AccessKeyId and SecretAccessKey.`, 'CredentialProcessInvalidOutput');
      }
      const creds: Credentials = { accessKeyId: data.AccessKeyId, secretAccessKey: data.SecretAccessKey };
      if (typeof data.SessionToken === 'string') creds.sessionToken = data.SessionToken;
      if (typeof data.Expiration === 'string') {
        const expiration = new Date(data.Expiration);
        if (Number.isNaN(expiration.getTime())) return fail(`The credential_process of profile '${profileName}' printed an unreadable Expiration.`, 'CredentialProcessInvalidOutput');
        if (expiration.getTime() <= Date.now()) {
          return fail(`The credential_process of profile '${profileName}' returned credentials that expired at ${expiration.toISOString()}.`, 'ExpiredCredentials', true);
        }
        creds.expiration = expiration;
      }
      resolve(creds);
    });
  });
}

function kill(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') process.kill(pid);
    else process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
