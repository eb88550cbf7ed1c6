import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { credentialProviderFor, SANDBOX_ACCESS_KEY_ID, SANDBOX_SECRET_ACCESS_KEY } from '../../../src/aws/credentials';
import { AwsError } from '../../../src/aws/errors';
import { connectionForProfile, listProfiles } from '../../../src/aws/profiles';
import { AwsSession } from '../../../src/aws/session';
import { startSandbox } from '../../helpers/sandbox';
import { ENVIRONMENT_PROFILE, SANDBOX_PROFILE } from '../../../src/model/connection';
import { SANDBOX_CREDENTIALS } from '../../../src/sandbox/sandbox';

function tempAwsDir(config: string, credentials: string): { dir: string; env: Record<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awsdt-profiles-'));
  fs.writeFileSync(path.join(dir, 'config'), config);
  fs.writeFileSync(path.join(dir, 'credentials'), credentials);
  return { dir, env: { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), HOME: dir } };
}

const CONFIG = `
[default]
region = eu-west-1

[profile dev]
region = us-west-2
endpoint_url = http://127.0.0.1:4566
services = local

[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = dev
mfa_serial = arn:aws:iam::123456789012:mfa/maria
region = us-east-1

[profile corp-sso]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = Developer
region = eu-central-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-central-1

[services local]
codebuild =
  endpoint_url = http://127.0.0.1:4567

[profile proc-ok]
credential_process = node -e "console.log(JSON.stringify({Version:1,AccessKeyId:'AKIAPROCESSKEY000001',SecretAccessKey:'procsecret',SessionToken:'proctoken',Expiration:'2099-01-01T00:00:00Z'}))"

[profile proc-hang]
credential_process = node -e "setTimeout(() => {}, 60000)"

[profile proc-garbage]
credential_process = node -e "console.log('hello, not json')"

[profile proc-expired]
credential_process = node -e "console.log(JSON.stringify({Version:1,AccessKeyId:'AKIAPROCESSKEY000002',SecretAccessKey:'s',Expiration:'2001-01-01T00:00:00Z'}))"

[profile proc-fails]
credential_process = node -e "console.error('token for SECRETVALUE is gone'); process.exit(3)"
`;

const CREDENTIALS = `
[default]
aws_access_key_id = AKIADEFAULTKEY000001
aws_secret_access_key = defaultsecret

[dev]
aws_access_key_id = AKIADEVKEY0000000001
aws_secret_access_key = devsecret
`;

describe('aws/profiles and aws/credentials', () => {
  let tmp: { dir: string; env: Record<string, string> };
  before(() => {
    tmp = tempAwsDir(CONFIG, CREDENTIALS);
  });
  after(() => fs.rmSync(tmp.dir, { recursive: true, force: true }));

  it('lists profiles from both files, without sso-session and services sections, with kinds, regions and endpoints', async () => {
    const listing = await listProfiles({ ...tmp.env, AWS_PROFILE: 'dev', AWS_REGION: 'ap-south-1' });
    const names = listing.profiles.map((p) => p.name);
    assert.deepStrictEqual(names, ['admin', 'corp-sso', 'default', 'dev', 'proc-expired', 'proc-fails', 'proc-garbage', 'proc-hang', 'proc-ok']);
    const byName = new Map(listing.profiles.map((p) => [p.name, p]));
    assert.strictEqual(byName.get('dev')!.kind, 'static');
    assert.deepStrictEqual(byName.get('dev')!.sources, ['config', 'credentials']);
    assert.strictEqual(byName.get('dev')!.region, 'us-west-2');
    assert.strictEqual(byName.get('dev')!.endpoint, 'http://127.0.0.1:4566');
    assert.deepStrictEqual(byName.get('dev')!.serviceEndpoints, { codebuild: 'http://127.0.0.1:4567' });
    assert.strictEqual(byName.get('dev')!.isDefault, true);
    assert.strictEqual(listing.defaultProfile, 'dev');
    assert.strictEqual(byName.get('admin')!.kind, 'assumeRole');
    assert.strictEqual(byName.get('admin')!.mfaSerial, 'arn:aws:iam::123456789012:mfa/maria');
    assert.strictEqual(byName.get('corp-sso')!.kind, 'sso');
    assert.strictEqual(byName.get('proc-ok')!.kind, 'process');
    assert.strictEqual(byName.get('proc-ok')!.region, 'ap-south-1', 'AWS_REGION is the fallback');
    assert.deepStrictEqual(listing.problems, []);
  });

  it('honours AWS_DEFAULT_REGION, defaults to the `default` profile, and adds an environment pseudo-profile', async () => {
    const listing = await listProfiles({ ...tmp.env, AWS_DEFAULT_REGION: 'sa-east-1', AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'x' });
    assert.strictEqual(listing.defaultProfile, 'default');
    const env = listing.profiles.find((p) => p.name === ENVIRONMENT_PROFILE)!;
    assert.strictEqual(env.kind, 'environment');
    assert.strictEqual(env.region, 'sa-east-1');
    assert.strictEqual(listing.profiles.find((p) => p.name === 'proc-ok')!.region, 'sa-east-1');
  });

  it('reports a broken file instead of failing, and missing files as no profiles', async () => {
    const broken = tempAwsDir('this is not an ini file\n{"json": true}\n', '');
    try {
      const listing = await listProfiles(broken.env);
      assert.deepStrictEqual(listing.profiles, []);
      assert.strictEqual(listing.problems.length, 1);
      assert.match(listing.problems[0], /no profile could be read/);
      const none = await listProfiles({ AWS_CONFIG_FILE: path.join(broken.dir, 'nope'), AWS_SHARED_CREDENTIALS_FILE: path.join(broken.dir, 'nope2') });
      assert.deepStrictEqual(none, { ...none, profiles: [], problems: [] });
    } finally {
      fs.rmSync(broken.dir, { recursive: true, force: true });
    }
  });

  it('a profile\'s region and endpoint_url are applied: its static keys reach the endpoint, signed for its region', async () => {
    const sb = await startSandbox();
    const local = tempAwsDir(
      `[profile local]\nregion = eu-central-1\nendpoint_url = ${sb.endpoint}\n\n[profile plain]\nregion = sa-east-1\n`,
      `[local]\naws_access_key_id = AKIALOCALKEY00000001\naws_secret_access_key = localsecret\n`,
    );
    try {
      const listing = await listProfiles(local.env);
      const info = listing.profiles.find((p) => p.name === 'local')!;
      const connection = connectionForProfile(info);
      assert.deepStrictEqual(connection, { profile: 'local', region: 'eu-central-1', endpoint: sb.endpoint });
      assert.deepStrictEqual(connectionForProfile(listing.profiles.find((p) => p.name === 'plain')!), { profile: 'plain', region: 'sa-east-1' });
      assert.strictEqual(connectionForProfile(info, 'ap-northeast-1').region, 'ap-northeast-1', 'a region chosen in the UI wins');
      sb.codecommit.createRepositoryInternal('through-profile');
      const session = new AwsSession(connection, { maxAttempts: 1, credentials: { env: local.env } });
      try {
        const [repo] = await session.codecommit.listRepositories();
        assert.strictEqual(repo.name, 'through-profile');
        // The Sandbox takes the region from the signature's credential scope: eu-central-1 came from the profile.
        assert.match(repo.arn, /^arn:aws:codecommit:eu-central-1:/);
        assert.match(repo.cloneUrls.https, /git-codecommit\.eu-central-1\.amazonaws\.com/);
        assert.strictEqual(repo.cloneUrls.grc, 'codecommit::eu-central-1://local@through-profile');
      } finally {
        session.dispose();
      }
    } finally {
      await sb.stop();
      fs.rmSync(local.dir, { recursive: true, force: true });
    }
  });

  it('static keys from the credentials file', async () => {
    const creds = await credentialProviderFor({ profile: 'dev', region: 'us-west-2' }, { env: tmp.env })();
    assert.strictEqual(creds.accessKeyId, 'AKIADEVKEY0000000001');
    assert.strictEqual(creds.secretAccessKey, 'devsecret');
  });

  it('the Sandbox connection uses the Sandbox keys (kept equal to src/sandbox)', async () => {
    assert.deepStrictEqual({ accessKeyId: SANDBOX_ACCESS_KEY_ID, secretAccessKey: SANDBOX_SECRET_ACCESS_KEY }, { ...SANDBOX_CREDENTIALS });
    const creds = await credentialProviderFor({ profile: SANDBOX_PROFILE, region: 'us-east-1', endpoint: 'http://127.0.0.1:1' })();
    assert.strictEqual(creds.accessKeyId, SANDBOX_CREDENTIALS.accessKeyId);
  });

  it('environment keys for the environment pseudo-profile', async () => {
    const saved = { ...process.env };
    process.env.AWS_ACCESS_KEY_ID = 'AKIAFROMENV000000001';
    process.env.AWS_SECRET_ACCESS_KEY = 'envsecret';
    try {
      const creds = await credentialProviderFor({ profile: ENVIRONMENT_PROFILE, region: 'us-east-1' })();
      assert.strictEqual(creds.accessKeyId, 'AKIAFROMENV000000001');
      delete process.env.AWS_ACCESS_KEY_ID;
      await assert.rejects(credentialProviderFor({ profile: ENVIRONMENT_PROFILE, region: 'us-east-1' })(), (e: AwsError) => e.kind === 'credentials' && /AWS_ACCESS_KEY_ID/.test(e.message));
    } finally {
      process.env = saved;
    }
  });

  it('assume-role with MFA asks the injected mfaCodeProvider once and sends the code to STS', async () => {
    const bodies: string[] = [];
    const sts = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(200, { 'Content-Type': 'text/xml' });
        res.end(`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>
<AccessKeyId>ASIAASSUMEDROLE00001</AccessKeyId><SecretAccessKey>assumedsecret</SecretAccessKey><SessionToken>assumedtoken</SessionToken>
<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/Admin/s</Arn>
<AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></AssumeRoleResponse>`);
      });
    });
    await new Promise<void>((r) => sts.listen(0, '127.0.0.1', r));
    try {
      const serials: string[] = [];
      const provider = credentialProviderFor(
        { profile: 'admin', region: 'us-east-1' },
        {
          env: tmp.env,
          mfaCodeProvider: (serial) => {
            serials.push(serial);
            return Promise.resolve('123456');
          },
          stsClientConfig: { endpoint: `http://127.0.0.1:${(sts.address() as AddressInfo).port}`, region: 'us-east-1' },
        },
      );
      const [a, b] = await Promise.all([provider(), provider()]);
      assert.strictEqual(a.accessKeyId, 'ASIAASSUMEDROLE00001');
      assert.strictEqual(b.sessionToken, 'assumedtoken');
      await provider();
      assert.deepStrictEqual(serials, ['arn:aws:iam::123456789012:mfa/maria'], 'one prompt for the connection, cached afterwards');
      assert.strictEqual(bodies.length, 1);
      const form = new URLSearchParams(bodies[0]);
      assert.strictEqual(form.get('Action'), 'AssumeRole');
      assert.strictEqual(form.get('TokenCode'), '123456');
      assert.strictEqual(form.get('SerialNumber'), 'arn:aws:iam::123456789012:mfa/maria');
      assert.strictEqual(form.get('RoleArn'), 'arn:aws:iam::123456789012:role/Admin');
    } finally {
      await new Promise((r) => sts.close(r));
    }
  });

  it('assume-role with MFA and no code provider says so', async () => {
    await assert.rejects(credentialProviderFor({ profile: 'admin', region: 'us-east-1' }, { env: tmp.env })(), (e: AwsError) => e.kind === 'credentials' && /multi-factor/.test(e.message));
  });

  it('an SSO profile without a sign-in says to run aws sso login --profile X', async () => {
    await assert.rejects(
      credentialProviderFor({ profile: 'corp-sso', region: 'eu-central-1' }, { env: tmp.env })(),
      (e: AwsError) => e.kind === 'credentials' && e.details.ssoLoginRequired === true && e.message.includes('`aws sso login --profile corp-sso`'),
    );
  });

  it('credential_process: working, with its session token and expiration', async () => {
    const creds = await credentialProviderFor({ profile: 'proc-ok', region: 'us-east-1' }, { env: tmp.env })();
    assert.strictEqual(creds.accessKeyId, 'AKIAPROCESSKEY000001');
    assert.strictEqual(creds.sessionToken, 'proctoken');
    assert.strictEqual(creds.expiration?.toISOString(), '2099-01-01T00:00:00.000Z');
  });

  it('credential_process: a hanging process is stopped after the timeout, with a message saying so', async () => {
    const started = Date.now();
    await assert.rejects(
      credentialProviderFor({ profile: 'proc-hang', region: 'us-east-1' }, { env: tmp.env, processTimeoutMs: 700 })(),
      (e: AwsError) => e.kind === 'credentials' && e.code === 'CredentialProcessTimeout' && /did not answer within 1 s/.test(e.message) && !e.message.includes('setTimeout'),
    );
    assert.ok(Date.now() - started < 5000);
  });

  it('credential_process: garbage output, a failing process and expired credentials get clear messages without the command or secrets', async () => {
    await assert.rejects(credentialProviderFor({ profile: 'proc-garbage', region: 'us-east-1' }, { env: tmp.env })(), (e: AwsError) => /did not print JSON/.test(e.message) && !e.message.includes('node -e'));
    await assert.rejects(credentialProviderFor({ profile: 'proc-fails', region: 'us-east-1' }, { env: tmp.env })(), (e: AwsError) => /exited with code 3/.test(e.message) && !e.message.includes('node -e'));
    await assert.rejects(credentialProviderFor({ profile: 'proc-expired', region: 'us-east-1' }, { env: tmp.env })(), (e: AwsError) => e.kind === 'credentials' && e.expired && /expired/.test(e.message));
  });

  it('an unknown profile names the files it looked in', async () => {
    await assert.rejects(credentialProviderFor({ profile: 'nope', region: 'us-east-1' }, { env: tmp.env })(), (e: AwsError) => e.kind === 'credentials' && e.message.includes(tmp.env.AWS_CONFIG_FILE));
  });
});
