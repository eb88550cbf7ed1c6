/**
 * Git remote URLs to what they point at: a CodeCommit repository (every URL form CodeCommit and git-remote-codecommit
 * accept), or a repository on a hosted Git service that a CodeStar connection can use as a pipeline source
 * (`FullRepositoryId` = `owner/name`). Pure: no `vscode`, unit-tested.
 */
export type RemoteTarget = CodeCommitRemote | HostedRemote;

export interface CodeCommitRemote {
  kind: 'codecommit';
  repositoryName: string;
  /** Absent for `codecommit://<name>`: the profile's (or the default) region applies. */
  region?: string;
  /** git-remote-codecommit's `<profile>@` part. */
  profile?: string;
}

export type HostedProvider = 'github' | 'gitlab' | 'bitbucket' | 'other';

export interface HostedRemote {
  kind: 'hosted';
  provider: HostedProvider;
  host: string;
  /** `owner/name` (GitLab subgroups: `group/sub/name`), without `.git`. */
  fullRepositoryId: string;
}

/** CodeCommit repository names: letters, digits, `.`, `_`, `-`, at most 100 characters. */
const REPO_NAME = /^[\w.-]{1,100}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** `git-codecommit.<region>.amazonaws.com` (also `-fips` and the `.com.cn` partition). */
const CODECOMMIT_HOST = /^git-codecommit(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/i;

export function parseRemoteUrl(raw: string | undefined): RemoteTarget | undefined {
  const url = raw?.trim();
  if (!url) return undefined;
  if (/^codecommit:/i.test(url)) return parseGrc(url);
  const hp = splitUrl(url);
  if (!hp) return undefined;
  // A CodeCommit host with a path that is not a repository is nothing, not a hosted repository.
  return CODECOMMIT_HOST.test(hp.host) ? parseCodeCommitHost(hp) : parseHosted(hp);
}

/** git-remote-codecommit: `codecommit::<region>://[<profile>@]<name>` or `codecommit://[<profile>@]<name>`. */
function parseGrc(url: string): CodeCommitRemote | undefined {
  const m = /^codecommit:(?::([a-z0-9-]+):)?\/\/(?:([^@/]+)@)?([^@/]+?)\/?$/i.exec(url);
  if (!m) return undefined;
  const [, region, profile, name] = m;
  if (!REPO_NAME.test(name) || (region !== undefined && !REGION.test(region))) return undefined;
  return { kind: 'codecommit', repositoryName: name, ...(region ? { region } : {}), ...(profile ? { profile } : {}) };
}

interface HostPath {
  host: string;
  path: string;
}

/** `scheme://[user[:pw]@]host[:port]/path` and scp-like `[user@]host:path`. */
function splitUrl(url: string): HostPath | undefined {
  const full = /^(?:https?|ssh|git|git\+ssh|ssh\+git):\/\/(?:[^@/]*@)?([^/:]+)(?::\d*)?\/(.*)$/i.exec(url);
  if (full) return { host: full[1].toLowerCase(), path: full[2] };
  const scp = /^(?:[^@/:]+@)?([^/:]+):(?!\/\/)(.+)$/.exec(url);
  if (scp) return { host: scp[1].toLowerCase(), path: scp[2] };
  return undefined;
}

function parseCodeCommitHost(hp: HostPath): CodeCommitRemote | undefined {
  const host = CODECOMMIT_HOST.exec(hp.host);
  if (!host) return undefined;
  const m = /^\/?v1\/repos\/([^/?#]+)\/?$/.exec(hp.path);
  if (!m) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(m[1]);
  } catch {
    return undefined;
  }
  if (!REPO_NAME.test(name)) return undefined;
  return { kind: 'codecommit', repositoryName: name, region: host[1].toLowerCase() };
}

function parseHosted(hp: HostPath): HostedRemote | undefined {
  if ((!hp.host.includes('.') && hp.host !== 'localhost')) return undefined;
  const segments = hp.path
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '')
    .split('/')
    .filter((s) => s.length > 0);
  if (segments.length < 2 || segments.some((s) => s === '.' || s === '..')) return undefined;
  const provider = providerOf(hp.host);
  // GitHub and Bitbucket are owner/name exactly; GitLab allows nested groups.
  if ((provider === 'github' || provider === 'bitbucket') && segments.length !== 2) return undefined;
  return { kind: 'hosted', provider, host: hp.host, fullRepositoryId: segments.join('/') };
}

function providerOf(host: string): HostedProvider {
  if (host === 'github.com' || host === 'ssh.github.com' || host === 'www.github.com') return 'github';
  if (host === 'gitlab.com') return 'gitlab';
  if (host === 'bitbucket.org') return 'bitbucket';
  return 'other';
}

/** A short label for tooltips: `web-app (CodeCommit, us-east-1)`, `octo/app (GitHub)`. */
export function remoteLabel(t: RemoteTarget): string {
  if (t.kind === 'codecommit') return `${t.repositoryName} (CodeCommit${t.region ? `, ${t.region}` : ''})`;
  const names: Record<HostedProvider, string> = { github: 'GitHub', gitlab: 'GitLab', bitbucket: 'Bitbucket', other: t.host };
  return `${t.fullRepositoryId} (${names[t.provider]})`;
}

/** The same repository (CodeCommit: same name, and same region when both say; hosted: same full id, any case). */
export function sameTarget(a: RemoteTarget, b: RemoteTarget): boolean {
  if (a.kind === 'codecommit' && b.kind === 'codecommit') return a.repositoryName === b.repositoryName && (!a.region || !b.region || a.region === b.region);
  if (a.kind === 'hosted' && b.kind === 'hosted') return a.fullRepositoryId.toLowerCase() === b.fullRepositoryId.toLowerCase();
  return false;
}
