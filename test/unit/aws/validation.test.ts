import * as assert from 'assert';
import * as fc from 'fast-check';
import * as v from '../../../src/aws/validation';

const ok = (m: string | undefined) => assert.strictEqual(m, undefined);
const bad = (m: string | undefined, ...words: (string | RegExp)[]) => {
  assert.ok(m, 'expected a message');
  for (const w of words) assert.ok(typeof w === 'string' ? m.includes(w) : w.test(m), `"${m}" should mention ${String(w)}`);
};

describe('aws/validation', () => {
  it('approval summary: 0..512 characters', () => {
    ok(v.validateApprovalSummary(''));
    ok(v.validateApprovalSummary('x'.repeat(512)));
    bad(v.validateApprovalSummary('x'.repeat(513)), 'Approval comment', '512', '513');
  });

  it('stop reason: at most 200 characters', () => {
    ok(v.validateStopReason(''));
    ok(v.validateStopReason('r'.repeat(200)));
    bad(v.validateStopReason('r'.repeat(201)), 'Stop reason', '200');
  });

  it('transition reason: required, 1..300, letters digits spaces and ! @ ( ) . * ? -', () => {
    ok(v.validateTransitionReason('Freeze (release 1.2) - ask @ops? yes!*'));
    bad(v.validateTransitionReason(''), 'required');
    bad(v.validateTransitionReason('a'.repeat(301)), '300');
    bad(v.validateTransitionReason('no, commas'), '","');
    bad(v.validateTransitionReason('under_score/slash'), '"_"', '"/"');
    bad(v.validateTransitionReason('line\nbreak'), 'Reason for disabling');
  });

  it('transition reason agrees with the model pattern for any input', () => {
    const model = /^[a-zA-Z0-9!@ ().*?-]+$/;
    fc.assert(
      fc.property(fc.string({ maxLength: 310 }), (s) => {
        const expected = s.length >= 1 && s.length <= 300 && model.test(s);
        assert.strictEqual(v.validateTransitionReason(s) === undefined, expected);
      }),
    );
  });

  it('pipeline, stage and action names: 1..100 of [A-Za-z0-9.@-_]', () => {
    ok(v.validatePipelineName('web-app.main@v2_x'));
    bad(v.validatePipelineName(''), 'Pipeline name', 'required');
    bad(v.validatePipelineName('a'.repeat(101)), '100');
    bad(v.validatePipelineName('has space'), 'Pipeline name', 'no spaces');
    bad(v.validateStageName('Stage/1'), 'Stage name');
    bad(v.validateActionName('Action#1'), 'Action name');
  });

  it('pipeline variables: names 1..128 [A-Za-z0-9@-_], values 1..1000, at most 50, no duplicates', () => {
    ok(v.validatePipelineVariables([]));
    ok(v.validatePipelineVariables([{ name: 'DEPLOY_ENV', value: 'prod' }, { name: 'a@b-c', value: 'x' }]));
    bad(v.validatePipelineVariables([{ name: 'BAD NAME', value: 'x' }]), 'Variable name', 'BAD NAME');
    bad(v.validatePipelineVariables([{ name: 'n'.repeat(129), value: 'x' }]), '128');
    bad(v.validatePipelineVariables([{ name: 'EMPTY', value: '' }]), "Value of variable 'EMPTY'", 'required');
    bad(v.validatePipelineVariables([{ name: 'BIG', value: 'x'.repeat(1001) }]), "Value of variable 'BIG'", '1000');
    bad(v.validatePipelineVariables([{ name: 'A', value: '1' }, { name: 'A', value: '2' }]), "'A'", 'twice');
    const many = Array.from({ length: 51 }, (_, i) => ({ name: `V${i}`, value: 'x' }));
    bad(v.validatePipelineVariables(many), '50', '51');
    ok(v.validatePipelineVariables(many.slice(0, 50)));
  });

  it('client request token: 1..128 of letters, digits and -', () => {
    ok(v.validateClientRequestToken('0f8fad5b-d9cb-469f-a165-70867728950e'));
    bad(v.validateClientRequestToken(''), 'required');
    bad(v.validateClientRequestToken('t'.repeat(129)), '128');
    bad(v.validateClientRequestToken('with_underscore'), 'Client request token');
  });

  it('execution ids are UUIDs', () => {
    ok(v.validateExecutionId('0f8fad5b-d9cb-469f-a165-70867728950e'));
    bad(v.validateExecutionId('not-a-uuid'), 'UUID');
  });

  it('project name: 2..150, starts with a letter or digit, then letters digits - _', () => {
    ok(v.validateProjectName('web-app_build'));
    bad(v.validateProjectName('a'), 'at least 2');
    bad(v.validateProjectName('a'.repeat(151)), '150');
    bad(v.validateProjectName('-leading'), 'start with a letter or digit');
    bad(v.validateProjectName('dot.name'), 'Project name');
  });

  it('environment variable names: shell names, not CODEBUILD_*, given once', () => {
    ok(v.validateEnvironmentVariableName('DEPLOY_ENV'));
    ok(v.validateEnvironmentVariableName('_x1'));
    bad(v.validateEnvironmentVariableName(''), 'required');
    bad(v.validateEnvironmentVariableName('1ABC'), "'1ABC'", 'start with a letter');
    bad(v.validateEnvironmentVariableName('MY-VAR'), "'MY-VAR'");
    bad(v.validateEnvironmentVariableName('CODEBUILD_SRC'), 'reserved');
    bad(v.validateEnvironmentVariables([{ name: 'A', value: '1' }, { name: 'A', value: '2' }]), 'twice');
    ok(v.validateEnvironmentVariables([{ name: 'A', value: '' }, { name: 'B', value: '/app/db-password', type: 'PARAMETER_STORE' }]));
  });

  it('environment variable types: the EnvironmentVariableType enum, and a reference value for non-plaintext', () => {
    for (const t of v.ENVIRONMENT_VARIABLE_TYPES) ok(v.validateEnvironmentVariableType(t));
    bad(v.validateEnvironmentVariableType('plaintext'), 'PLAINTEXT, PARAMETER_STORE, SECRETS_MANAGER');
    bad(v.validateEnvironmentVariables([{ name: 'A', value: 'x', type: 'SECRET' }]), 'type');
    bad(v.validateEnvironmentVariableValue('', 'PARAMETER_STORE'), 'Parameter Store');
    bad(v.validateEnvironmentVariableValue('my secret', 'SECRETS_MANAGER'), 'without spaces');
    ok(v.validateEnvironmentVariableValue('prod/db:password::', 'SECRETS_MANAGER'));
    ok(v.validateEnvironmentVariableValue('anything at all', 'PLAINTEXT'));
  });

  it('timeouts: build 5..2160 minutes, queued 5..480 minutes, whole numbers', () => {
    ok(v.validateBuildTimeout(5));
    ok(v.validateBuildTimeout('2160'));
    bad(v.validateBuildTimeout(4), 'between 5 and 2160');
    bad(v.validateBuildTimeout(2161), '2161');
    bad(v.validateBuildTimeout('12.5'), 'whole number');
    bad(v.validateBuildTimeout('abc'), 'Build timeout');
    ok(v.validateQueuedTimeout(480));
    bad(v.validateQueuedTimeout(481), 'between 5 and 480');
  });

  it('source version: branch, tag, commit, pr/N; no spaces or invalid ref characters', () => {
    for (const s of ['', 'main', 'refs/heads/feature/x', 'refs/tags/v1.2.0', '0123456789abcdef0123456789abcdef01234567', 'pr/25', 'release-1.2']) ok(v.validateSourceVersion(s));
    bad(v.validateSourceVersion('has space'), 'spaces');
    bad(v.validateSourceVersion('a..b'), "'..'");
    bad(v.validateSourceVersion('feat~1'), 'Git ref');
    bad(v.validateSourceVersion('x@{1}'), 'Git ref');
    bad(v.validateSourceVersion('branch.lock'), '.lock');
    bad(v.validateSourceVersion('trailing/'), "'/'");
    bad(v.validateSourceVersion('.hidden'), "start with '.'");
  });

  it('repository and branch names (CodeCommit)', () => {
    ok(v.validateRepositoryName('web-app.v2_x'));
    bad(v.validateRepositoryName(''), 'required');
    bad(v.validateRepositoryName('r'.repeat(101)), '100');
    bad(v.validateRepositoryName('web app'), 'Repository name');
    ok(v.validateBranchName('feature/login'));
    bad(v.validateBranchName(''), 'Branch name', 'required');
    bad(v.validateBranchName('b'.repeat(257)), '256');
    bad(v.validateBranchName('bad name'), 'Branch name');
  });

  it('CodeDeploy names and revisions', () => {
    ok(v.validateApplicationName('web-app'));
    bad(v.validateApplicationName(''), 'Application name');
    bad(v.validateDeploymentGroupName('g'.repeat(101)), 'Deployment group name', '100');
    ok(v.validateS3Revision({ bucket: 'my-bucket.artifacts', key: 'app/build.zip', bundleType: 'zip' }));
    bad(v.validateS3Revision({ bucket: 'My_Bucket', key: 'k', bundleType: 'zip' }), 'S3 bucket');
    bad(v.validateS3Revision({ bucket: 'bucket', key: '', bundleType: 'zip' }), 'S3 key');
    bad(v.validateS3Revision({ bucket: 'bucket', key: 'k', bundleType: 'rar' }), 'Bundle type', 'tar, tgz, zip, YAML, JSON');
    ok(v.validateGitHubRevision({ repository: 'octo/app', commitId: 'a'.repeat(40) }));
    bad(v.validateGitHubRevision({ repository: 'app', commitId: 'a'.repeat(40) }), 'owner/repository');
    bad(v.validateGitHubRevision({ repository: 'octo/app', commitId: 'abc123' }), '40-character');
    bad(v.validateAppSpecContent('  '), 'AppSpec');
    ok(v.validateAppSpecContent('version: 0.0\nResources: []'));
  });

  it('assertValid throws the first problem as an invalidInput AwsError', () => {
    assert.doesNotThrow(() => v.assertValid('codebuild.StartBuild', undefined, undefined));
    assert.throws(
      () => v.assertValid('codebuild.StartBuild', undefined, 'first', 'second'),
      (e: { kind: string; message: string; operation: string }) => e.kind === 'invalidInput' && e.message === 'first' && e.operation === 'codebuild.StartBuild',
    );
  });
});
