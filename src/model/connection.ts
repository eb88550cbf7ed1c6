/** A connection is what every view, command and client is keyed by: an AWS profile in a region, optionally at an endpoint. */
export interface Connection {
  /** Profile name from the shared config files; `SANDBOX_PROFILE` for the Sandbox, `ENVIRONMENT_PROFILE` for env keys. */
  profile: string;
  region: string;
  /** Overrides the service endpoints (a profile's `endpoint_url`, or the Sandbox's local address). */
  endpoint?: string;
}

/** The reserved profile name of the Sandbox account (not a valid section name in the shared files: it has spaces). */
export const SANDBOX_PROFILE = 'Sandbox account';
/** The reserved profile name for credentials taken from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. */
export const ENVIRONMENT_PROFILE = 'Environment variables';

/** A stable key for maps and tree ids: two equal connections have the same key. */
export function connectionKey(c: Connection): string {
  return `${c.profile}|${c.region}|${c.endpoint ?? ''}`;
}

export function sameConnection(a: Connection, b: Connection): boolean {
  return connectionKey(a) === connectionKey(b);
}

export function isSandbox(c: Connection): boolean {
  return c.profile === SANDBOX_PROFILE;
}

/** What a root node shows: `dev (eu-west-1)`, `Sandbox account (us-east-1)`. */
export function connectionLabel(c: Connection): string {
  return `${c.profile} (${c.region})`;
}
