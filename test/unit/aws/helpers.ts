import { AwsSession } from '../../../src/aws/session';
import type { ClientOptions } from '../../../src/aws/clients';
import { SANDBOX_PROFILE, type Connection } from '../../../src/model/connection';
import type { Sandbox } from '../../../src/sandbox/sandbox';

export function sandboxConnection(sb: Sandbox): Connection {
  return { profile: SANDBOX_PROFILE, region: sb.region, endpoint: sb.endpoint };
}

/** A service-layer session on the Sandbox with the real SDK clients over HTTP (fast retries by default). */
export function sandboxSession(sb: Sandbox, options: ClientOptions = {}): AwsSession {
  return new AwsSession(sandboxConnection(sb), { maxAttempts: 2, ...options });
}
