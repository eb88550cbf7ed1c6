/**
 * Broken local configuration (issue 10): a partly malformed config file, a profile whose source_profile is missing, a
 * source_profile cycle, a credential_process that is missing, hangs, or prints wrongly typed or huge output. Each gives
 * a message naming the profile and the problem, and the other profiles keep working, also at the same time.
 * (test/unit/aws/credentials.test.ts covers the basic hang/garbage/exit/expired cases; this adds the rest.)
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { credentialProviderFor } from '../../../src/aws/credentials';
import { AwsError } from '../../../src/aws/errors';
import { listProfiles } from '../../../src/aws/profiles';

const CONFIG = `
[default]
region = eu-west-1

[profile orphan]
role_arn = arn:aws:iam::123456789012:role/Deploy
source_profile = ghost

[profile loop-a]
role_arn = arn:aws:iam::123456789012:role/A
source_profile = loop-b

[profile loop-b]
role_arn = arn:aws:iam::123456789012:role/B
source_profile = loop-a

[profile broken-header
region = us-east-1
aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY
[profile after-garbage]
region = eu-west-1

[profile proc-missing]
credential_process = /nonexistent/credential-helper --quiet

[profile proc-types]
credential_process = node -e "console.log(JSON.stringify({Version:1,AccessKeyId:12,SecretAccessKey:null}))"

[profile proc-huge]
credential_process = node -e "process.stdout.write('x'.repeat(5*1024*1024))"

[profile proc-hang]
credential_process = node -e "setTimeout(() => {}, 60000)"

[profile proc-version]
credential_process = node -e "console.log(JSON.stringify({Version:2,AccessKeyId:'AKIAPROCESSKEY000009',SecretAccessKey:'s'}))"
`;
const CREDENTIALS = `
[dev]
aws_access_key_id = AKIADEVKEY0000000001
aws_secret_access_key = devsecret
`;

describe('reliability: broken local AWS configuration', function () {
  this.timeout(30_000);
  let dir: string;
  let env: Record<string, string>;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awsdt-broken-'));
    fs.writeFileSync(path.join(dir, 'config'), CONFIG);
    fs.writeFileSync(path.join(dir, 'credentials'), CREDENTIALS);
    env = { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), HOME: dir };
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const provider = (profile: string, processTimeoutMs = 10_000) =>
    credentialProviderFor({ profile, region: 'us-east-1' }, { env, processTimeoutMs, stsClientConfig: { endpoint: 'http://127.0.0.1:9', region: 'us-east-1' } })();
  const failsWith = async (profile: string, ...words: (string | RegExp)[]) => {
    const e = await provider(profile).then(
      () => assert.fail(`${profile} should fail`),
      (err: unknown) => err,
    );
    assert.ok(e instanceof AwsError, String(e));
    assert.strictEqual(e.kind, 'credentials');
    assert.ok(e.message.includes(`'${profile}'`), `"${e.message}" should name the profile ${profile}`);
    for (const w of words) assert.ok(typeof w === 'string' ? e.message.includes(w) : w.test(e.message), `"${e.message}" should mention ${String(w)}`);
    return e;
  };

  it('a partly malformed config file: the readable profiles are listed, the bad lines reported by number, never quoted', async () => {
    const listing = await listProfiles(env);
    const names = listing.profiles.map((p) => p.name);
    for (const n of ['default', 'orphan', 'after-garbage', 'proc-missing', 'dev']) assert.ok(names.includes(n), `${n} is listed`);
    assert.strictEqual(listing.problems.length, 1, listing.problems.join('\n'));
    assert.match(listing.problems[0], /lines 17, 19 are neither a \[section\] header nor a key = value line/);
    assert.ok(listing.problems[0].includes(env.AWS_CONFIG_FILE));
    assert.doesNotMatch(listing.problems[0], /wJalr|EXAMPLEKEY|broken-header/);
    const dev = await provider('dev');
    assert.strictEqual(dev.accessKeyId, 'AKIADEVKEY0000000001');
  });

  it('a profile whose source_profile is missing names both and the files', async () => {
    const e = await failsWith('orphan', "source_profile 'ghost'", 'not in', env.AWS_CONFIG_FILE);
    assert.strictEqual(e.code, 'SourceProfileNotFound');
  });

  it('a source_profile cycle says so', async () => {
    await failsWith('loop-a', /cycle/);
  });

  it('credential_process: missing, wrongly typed, huge or wrong-version output get clear messages', async () => {
    await failsWith('proc-missing', /exited with code 127/);
    await failsWith('proc-types', 'printed no AccessKeyId and SecretAccessKey');
    await failsWith('proc-huge', 'did not print JSON');
    await failsWith('proc-version', 'Version');
  });

  it('a hanging credential_process does not hold up the other profiles', async () => {
    const started = Date.now();
    const hanging = credentialProviderFor({ profile: 'proc-hang', region: 'us-east-1' }, { env, processTimeoutMs: 1500 })();
    const others = await Promise.all([provider('dev'), provider('dev')]);
    assert.ok(Date.now() - started < 1500, 'the other profile answered while the process hung');
    assert.strictEqual(others[0].accessKeyId, 'AKIADEVKEY0000000001');
    await assert.rejects(hanging, (e: AwsError) => e.code === 'CredentialProcessTimeout' && e.message.includes("'proc-hang'") && /did not answer within 2 s/.test(e.message));
    // and after it, the failing profile can be asked again (nothing cached), the good one still works
    await failsWith('proc-types', 'AccessKeyId');
    assert.strictEqual((await provider('dev')).accessKeyId, 'AKIADEVKEY0000000001');
  });
});
