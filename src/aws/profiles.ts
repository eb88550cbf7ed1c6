import { readFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';
import { ENVIRONMENT_PROFILE, type Connection } from '../model/connection';
import { loadSdk } from './sdkLoader';

/** How a profile gets its credentials (what the UI can say about it before trying). */
export type ProfileKind = 'static' | 'assumeRole' | 'sso' | 'process' | 'webIdentity' | 'credentialSource' | 'login' | 'environment' | 'unknown';

export interface ProfileInfo {
  name: string;
  kind: ProfileKind;
  /** The profile's `region`, else AWS_REGION / AWS_DEFAULT_REGION. */
  region?: string;
  /** The profile's `endpoint_url` (global), if any. */
  endpoint?: string;
  /** Per-service endpoints from the profile's `services` section, keyed by the section's service key (`codebuild`). */
  serviceEndpoints?: Record<string, string>;
  /** Which file(s) define it. */
  sources: ('config' | 'credentials' | 'environment')[];
  /** For assume-role profiles with `mfa_serial`: the UI will be asked for a code. */
  mfaSerial?: string;
  /** Whether this is the profile AWS_PROFILE (or `default`) selects. */
  isDefault: boolean;
}

export interface ProfileListing {
  profiles: ProfileInfo[];
  /** Which profile to preselect: AWS_PROFILE or `default` when it exists. */
  defaultProfile?: string;
  configFile: string;
  credentialsFile: string;
  /** Readable problems with the files (a file that exists but yields no profile, an unreadable file). */
  problems: string[];
}

type Env = Record<string, string | undefined>;
type Section = Record<string, string | undefined>;

export function configFilePath(env: Env = process.env): string {
  return env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config');
}

export function credentialsFilePath(env: Env = process.env): string {
  return env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials');
}

export function envRegion(env: Env = process.env): string | undefined {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

/**
 * Lists profiles from the shared config and credentials files with the SDK's own loader (from the lazily loaded SDK
 * bundle, so the main bundle holds no @smithy code; files re-read every time:
 * the user may have just edited them). `sso-session.*` and `services.*` sections are other section kinds, not
 * profiles. A pseudo-profile for environment keys is added when AWS_ACCESS_KEY_ID is set.
 */
export async function listProfiles(env: Env = process.env): Promise<ProfileListing> {
  const configFile = configFilePath(env);
  const credentialsFile = credentialsFilePath(env);
  const problems: string[] = [];
  let loaded: { configFile: Record<string, Section>; credentialsFile: Record<string, Section> };
  try {
    loaded = (await loadSdk('config').loadSharedConfigFiles({ filepath: credentialsFile, configFilepath: configFile, ignoreCache: true }));
  } catch (e) {
    problems.push(`The AWS config files could not be read: ${e instanceof Error ? e.message : String(e)}`);
    loaded = { configFile: {}, credentialsFile: {} };
  }
  const config = onlyProfiles(loaded.configFile);
  const credentials = onlyProfiles(loaded.credentialsFile);
  checkFile(configFile, Object.keys(loaded.configFile).length, problems);
  checkFile(credentialsFile, Object.keys(credentials).length, problems);

  const selected = env.AWS_PROFILE || 'default';
  const names = [...new Set([...Object.keys(config), ...Object.keys(credentials)])].sort((a, b) => a.localeCompare(b));
  const profiles = names.map((name) => describeProfile(name, config[name], credentials[name], loaded.configFile, env, name === selected));
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    profiles.push({ name: ENVIRONMENT_PROFILE, kind: 'environment', region: envRegion(env), sources: ['environment'], isDefault: false });
  }
  const defaultProfile = names.includes(selected) ? selected : undefined;
  return { profiles, defaultProfile, configFile, credentialsFile, problems };
}

/** The raw keys of one profile section, merged from both files (the credentials file wins). */
export async function readProfileSection(name: string, env: Env = process.env): Promise<Section | undefined> {
  const files = (await loadSdk('config').loadSharedConfigFiles({ filepath: credentialsFilePath(env), configFilepath: configFilePath(env), ignoreCache: true }));
  const config = files.configFile[name];
  const credentials = files.credentialsFile[name];
  return config || credentials ? { ...(config ?? {}), ...(credentials ?? {}) } : undefined;
}

/** One profile's settings (merged: the credentials file wins for keys, as in the SDK). */
export async function getProfile(name: string, env: Env = process.env): Promise<ProfileInfo | undefined> {
  const listing = await listProfiles(env);
  return listing.profiles.find((p) => p.name === name);
}

/**
 * The connection a profile opens: its `region` (else AWS_REGION / AWS_DEFAULT_REGION, else `fallbackRegion`) and its
 * `endpoint_url`, which the SDK itself does not apply when a client is given only `profile`.
 */
export function connectionForProfile(info: Pick<ProfileInfo, 'name' | 'region' | 'endpoint'>, region?: string, fallbackRegion = 'us-east-1'): Connection {
  const r = region ?? info.region ?? fallbackRegion;
  return info.endpoint ? { profile: info.name, region: r, endpoint: info.endpoint } : { profile: info.name, region: r };
}

function onlyProfiles(sections: Record<string, Section>): Record<string, Section> {
  const out: Record<string, Section> = {};
  for (const [key, value] of Object.entries(sections)) {
    if (/^(sso-session|services)\./.test(key)) continue;
    out[key] = value;
  }
  return out;
}

function describeProfile(name: string, config: Section | undefined, credentials: Section | undefined, all: Record<string, Section>, env: Env, isDefault: boolean): ProfileInfo {
  const s: Section = { ...(config ?? {}), ...(credentials ?? {}) };
  const sources: ProfileInfo['sources'] = [];
  if (config) sources.push('config');
  if (credentials) sources.push('credentials');
  const info: ProfileInfo = { name, kind: profileKind(s), region: s.region || envRegion(env), sources, isDefault };
  if (s.endpoint_url) info.endpoint = s.endpoint_url;
  if (s.mfa_serial) info.mfaSerial = s.mfa_serial;
  if (s.services) {
    const section = all[`services.${s.services}`];
    if (section) {
      const endpoints: Record<string, string> = {};
      for (const [k, v] of Object.entries(section)) {
        const m = /^([\w-]+)\.endpoint_url$/.exec(k);
        if (m && v) endpoints[m[1]] = v;
      }
      if (Object.keys(endpoints).length) info.serviceEndpoints = endpoints;
    }
  }
  return info;
}

export function profileKind(s: Section): ProfileKind {
  if (s.role_arn && s.web_identity_token_file) return 'webIdentity';
  if (s.role_arn && (s.source_profile || s.credential_source)) return 'assumeRole';
  if (s.sso_session || s.sso_start_url || s.sso_account_id) return 'sso';
  if (s.credential_process) return 'process';
  if (s.aws_access_key_id) return 'static';
  if (s.credential_source) return 'credentialSource';
  if (s.login_session) return 'login';
  return 'unknown';
}

function checkFile(file: string, parsedSections: number, problems: string[]): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') problems.push(`${file} could not be read (${code ?? 'error'}).`);
    return;
  }
  if (parsedSections === 0 && /\S/.test(text.replace(/^\s*[#;].*$/gm, ''))) {
    problems.push(`${file} has content but no profile could be read from it: check its [section] headers and key = value lines.`);
    return;
  }
  // Lines the loader skips silently (a header without its ']', a line without '='): named by number, never quoted (they may hold a secret).
  const bad: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === '' || /^[#;]/.test(t) || /^\s/.test(line)) return; // blank, comment, or an indented sub-setting / continuation
    if (/^\[[^\]]+\]\s*([#;].*)?$/.test(t)) return;
    if (/^[^=\s[][^=]*=/.test(t)) return;
    bad.push(i + 1);
  });
  if (bad.length) {
    const lines = bad.slice(0, 5).join(', ') + (bad.length > 5 ? ` and ${bad.length - 5} more` : '');
    problems.push(`${file}: line${bad.length > 1 ? 's' : ''} ${lines} ${bad.length > 1 ? 'are' : 'is'} neither a [section] header nor a key = value line and ${bad.length > 1 ? 'are' : 'is'} ignored; a profile there may be incomplete or missing.`);
  }
}

/** The SDK's service keys for `AWS_ENDPOINT_URL_<KEY>` and a `services` section (`codebuild`, `cloudwatch_logs`...). */
export const SERVICE_CONFIG_KEYS = {
  codebuild: 'codebuild',
  codecommit: 'codecommit',
  codedeploy: 'codedeploy',
  codepipeline: 'codepipeline',
  logs: 'cloudwatch_logs',
} as const;
