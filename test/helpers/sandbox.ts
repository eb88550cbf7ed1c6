import { Sandbox, SANDBOX_CREDENTIALS, type SandboxOptions } from '../../src/sandbox/sandbox';

/** Starts an in-process Sandbox on a free 127.0.0.1 port with a manual clock (tests move time with advance()). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return Sandbox.start({ port: 0, clock: 'manual', seed: 'empty', ...options });
}

/** Options for a real `@aws-sdk/client-*` v3 client talking to the Sandbox over HTTP. */
export function clientConfig(sb: Sandbox, extra: Record<string, unknown> = {}) {
  return { region: sb.region, endpoint: sb.endpoint, credentials: { ...SANDBOX_CREDENTIALS }, maxAttempts: 1, ...extra };
}

/** A raw AWS JSON 1.1 call, for what an SDK client will not send (bad JSON, unknown targets, missing headers). */
export async function rawCall(
  sb: Sandbox,
  target: string,
  body: string,
  headers: Record<string, string> = { Authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/codebuild/aws4_request' },
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const res = await fetch(`${sb.endpoint}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': target, ...headers },
    body,
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

/** Calls the Sandbox control API. */
export async function control(sb: Sandbox, action: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${sb.endpoint}/__sandbox/${action}`, {
    method: 'POST',
    headers: { 'x-sandbox-token': sb.controlToken, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${action}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}
