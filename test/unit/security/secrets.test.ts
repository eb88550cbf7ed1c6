/**
 * Secrets never leave the service layer (issue 10): with known values for an access key id, a secret key, a session
 * token, an SSO access token in the SSO cache and credential_process output, service calls and credential error paths
 * run against a hostile endpoint that echoes every header it gets (Authorization, X-Amz-Security-Token, the SSO
 * bearer token) back in its error messages. No AwsError message, details, stack or inspection, and nothing written to
 * the console, may contain any of the values.
 */
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { inspect } from 'util';
import { ConnectionClients } from '../../../src/aws/clients';
import { credentialProviderFor } from '../../../src/aws/credentials';
import { AwsError, redact } from '../../../src/aws/errors';

const b64 = (seed: string, n: number) => createHash('sha512').update(seed).digest('base64').repeat(Math.ceil(n / 88)).slice(0, n);

const STATIC = { id: 'AKIAQ3EGSECRETID0001', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY1', token: `IQoJb3JpZ2luX2Vj${b64('session', 380)}` };
const PROCESS = { id: 'ASIAQ3EGPROCESSID001', secret: b64('process-secret', 40), token: `FwoGZXIvYXdz${b64('process-token', 300)}` };
const SSO_TOKEN = `aoaAAAAAG${b64('sso', 220)}`;
const SECRETS = [STATIC.id, STATIC.secret, STATIC.token, PROCESS.id, PROCESS.secret, PROCESS.token, SSO_TOKEN];
/** Also the recognisable parts: a 20-character slice of each (an echo might cut a value). */
const FRAGMENTS = SECRETS.flatMap((s) => [s, s.slice(4, 24), s.slice(-20)]);

function leaks(text: string): string[] {
  return FRAGMENTS.filter((f) => text.includes(f));
}

function assertClean(e: unknown, where: string): void {
  assert.ok(e instanceof AwsError, `${where}: expected an AwsError, got ${inspect(e)}`);
  const texts = [e.message, JSON.stringify(e.details), e.stack ?? '', String(e), inspect(e, { depth: 5 })];
  for (const t of texts) assert.deepStrictEqual(leaks(t), [], `${where}: a secret is in ${JSON.stringify(t.slice(0, 400))}`);
}

describe('security: secrets never appear in errors or logs', function () {
  this.timeout(60_000);
  let dir: string;
  let env: Record<string, string>;
  let server: http.Server;
  let endpoint: string;
  let mode: 'json400' | 'json500' | 'denied' | 'notFound' | 'throttle' | 'text' = 'json400';
  const seen: string[] = [];
  const consoleLines: string[] = [];
  const originalConsole = { ...console };
  const savedEnv: Record<string, string | undefined> = {};

  before(async () => {
    // the echo endpoint: every answer quotes what the request carried
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const carried = `Authorization=${req.headers.authorization ?? ''} X-Amz-Security-Token=${String(req.headers['x-amz-security-token'] ?? '')} bearer=${String(req.headers['x-amz-sso_bearer_token'] ?? '')} raw ${String(req.headers['x-amz-security-token'] ?? '')} ${String(req.headers['x-amz-sso_bearer_token'] ?? '')}`;
        seen.push(carried);
        if (req.url?.startsWith('/federation/credentials')) {
          res.writeHead(401, { 'Content-Type': 'application/json', 'x-amzn-errortype': 'UnauthorizedException' });
          return res.end(JSON.stringify({ message: `Session token not found or invalid: ${carried}` }));
        }
        const [status, type] = {
          json400: [400, 'UnrecognizedClientException'],
          json500: [500, 'InternalFailure'],
          denied: [400, 'AccessDeniedException'],
          notFound: [400, 'ResourceNotFoundException'],
          throttle: [400, 'ThrottlingException'],
          text: [502, ''],
        }[mode] as [number, string];
        if (mode === 'text') {
          res.writeHead(status, { 'Content-Type': 'text/html' });
          return res.end(`<html>Bad gateway ${carried}</html>`);
        }
        res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-ErrorType': type });
        res.end(JSON.stringify({ __type: type, message: `The request carried ${carried}` }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awsdt-secrets-'));
    const cacheDir = path.join(dir, '.aws', 'sso', 'cache');
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(
      path.join(cacheDir, `${createHash('sha1').update('corp').digest('hex')}.json`),
      JSON.stringify({ accessToken: SSO_TOKEN, expiresAt: '2099-01-01T00:00:00Z', region: 'eu-central-1', startUrl: 'https://corp.awsapps.com/start' }),
    );
    const processJson = JSON.stringify({ Version: 1, AccessKeyId: PROCESS.id, SecretAccessKey: PROCESS.secret, SessionToken: PROCESS.token, Expiration: '2099-01-01T00:00:00Z' });
    const script = (name: string, body: string) => {
      const file = path.join(dir, `${name}.js`);
      fs.writeFileSync(file, body);
      return `node ${file}`;
    };
    fs.writeFileSync(
      path.join(dir, 'config'),
      `
[profile leaky]
region = us-east-1

[profile proc]
region = us-east-1
credential_process = ${script('ok', `console.log(${JSON.stringify(processJson)})`)}

[profile proc-stderr]
credential_process = ${script('stderr', `console.error(${JSON.stringify(`failed with ${PROCESS.token} ${PROCESS.secret} ${PROCESS.id}`)}); process.exit(1)`)}

[profile proc-bad-expiration]
credential_process = ${script('badexp', `console.log(${JSON.stringify(JSON.stringify({ Version: 1, AccessKeyId: PROCESS.id, SecretAccessKey: PROCESS.secret, SessionToken: PROCESS.token, Expiration: 'soon' }))})`)}

[profile proc-no-version]
credential_process = ${script('nover', `console.log(${JSON.stringify(JSON.stringify({ AccessKeyId: PROCESS.id, SecretAccessKey: PROCESS.secret }))})`)}

[profile proc-expired]
credential_process = ${script('expired', `console.log(${JSON.stringify(JSON.stringify({ Version: 1, AccessKeyId: PROCESS.id, SecretAccessKey: PROCESS.secret, SessionToken: PROCESS.token, Expiration: '2001-01-01T00:00:00Z' }))})`)}

[profile corp-sso]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer
region = eu-central-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-central-1
`,
    );
    fs.writeFileSync(path.join(dir, 'credentials'), `[leaky]\naws_access_key_id = ${STATIC.id}\naws_secret_access_key = ${STATIC.secret}\naws_session_token = ${STATIC.token}\n`);
    env = { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), HOME: dir };
    // the SDK's SSO provider reads the config and the token cache through process.env, not the files given to fromIni
    for (const [k, v] of Object.entries(env)) {
      savedEnv[k] = process.env[k];
      process.env[k] = v;
    }
    for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      console[level] = (...args: unknown[]) => void consoleLines.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 6 }))).join(' '));
    }
  });

  after(async () => {
    Object.assign(console, originalConsole);
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await new Promise<void>((r) => server.close(() => r()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    const all = consoleLines.join('\n');
    consoleLines.length = 0;
    assert.deepStrictEqual(leaks(all), [], `a secret was written to the console: ${all.slice(0, 400)}`);
  });

  const listProjects = (clients: ConnectionClients) => clients.call('codebuild', 'BatchGetProjects', (c, sdk) => c.send(new sdk.BatchGetProjectsCommand({ names: ['web-app'] })));

  it('service calls with static keys and a session token: every error kind, echoing the signed headers, stays clean', async () => {
    for (const m of ['json400', 'json500', 'denied', 'notFound', 'throttle', 'text'] as const) {
      mode = m;
      const clients = new ConnectionClients({ profile: 'leaky', region: 'us-east-1', endpoint }, { maxAttempts: 1, credentials: { env } });
      try {
        const e = await listProjects(clients).then(
          () => assert.fail('should fail'),
          (err: unknown) => err,
        );
        assertClean(e, `mode ${m}`);
      } finally {
        clients.dispose();
      }
    }
    assert.ok(seen.some((s) => s.includes(STATIC.token)), 'the endpoint did receive the session token (so the echo carried it)');
    assert.ok(seen.some((s) => s.includes(STATIC.id)), 'and the access key id');
  });

  it('credential_process credentials on a call, and a process that prints secrets to stderr, bad output or expired keys', async () => {
    mode = 'json400';
    const clients = new ConnectionClients({ profile: 'proc', region: 'us-east-1', endpoint }, { maxAttempts: 1, credentials: { env } });
    try {
      assertClean(await listProjects(clients).catch((e: unknown) => e), 'proc call');
      assert.ok(seen.some((s) => s.includes(PROCESS.token)));
    } finally {
      clients.dispose();
    }
    for (const profile of ['proc-stderr', 'proc-bad-expiration', 'proc-no-version', 'proc-expired']) {
      const e = await credentialProviderFor({ profile, region: 'us-east-1' }, { env })().catch((err: unknown) => err);
      assertClean(e, profile);
    }
  });

  it('an SSO profile with a cached token, refused by the portal, stays clean', async () => {
    const e = await credentialProviderFor({ profile: 'corp-sso', region: 'eu-central-1' }, { env, stsClientConfig: { endpoint, region: 'eu-central-1' } })().catch((err: unknown) => err);
    assertClean(e, 'corp-sso');
    assert.ok(seen.some((s) => s.includes(SSO_TOKEN)), `the SSO portal (the echo endpoint) received the cached token: ${inspect(e)}`);
    const clients = new ConnectionClients({ profile: 'corp-sso', region: 'eu-central-1', endpoint }, { maxAttempts: 1, credentials: { env, stsClientConfig: { endpoint, region: 'eu-central-1' } } });
    try {
      assertClean(await listProjects(clients).catch((err: unknown) => err), 'corp-sso call');
    } finally {
      clients.dispose();
    }
  });

  it('an unreachable endpoint (connection refused) with session credentials stays clean', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const clients = new ConnectionClients({ profile: 'leaky', region: 'us-east-1', endpoint: `http://127.0.0.1:${port}` }, { maxAttempts: 1, credentials: { env } });
    try {
      const e = await listProjects(clients).catch((err: unknown) => err);
      assertClean(e, 'refused');
      assert.strictEqual((e as AwsError).kind, 'network');
    } finally {
      clients.dispose();
    }
  });

  it('redact() removes every kind of secret value from free text', () => {
    const text = `key ${STATIC.id} secret ${STATIC.secret} token ${STATIC.token} sso ${SSO_TOKEN} proc ${PROCESS.id} ${PROCESS.secret} ${PROCESS.token}`;
    assert.deepStrictEqual(leaks(redact(text)), []);
    assert.ok(redact(text).startsWith('key AKIA'), 'the kind of key stays readable');
  });
});
