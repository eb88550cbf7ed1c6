import * as assert from 'assert';
import { consoleBase, consoleLinks, preferUrl } from '../../../src/model/consoleLinks';
import { connectionKey, connectionLabel, isSandbox, SANDBOX_PROFILE } from '../../../src/model/connection';

describe('model/consoleLinks and model/connection', () => {
  it('builds a link for every resource kind, encoding segments', () => {
    const r = 'eu-west-1';
    assert.strictEqual(consoleLinks.pipeline(r, 'web app'), 'https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/web%20app/view?region=eu-west-1');
    assert.strictEqual(consoleLinks.pipelineExecution(r, 'p', 'e-1'), 'https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/p/executions/e-1/timeline?region=eu-west-1');
    assert.strictEqual(consoleLinks.pipelineHistory(r, 'p'), 'https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/p/executions?region=eu-west-1');
    assert.strictEqual(consoleLinks.build(r, 'proj:7cf9f577-1'), 'https://eu-west-1.console.aws.amazon.com/codesuite/codebuild/projects/proj/build/proj%3A7cf9f577-1/?region=eu-west-1');
    assert.strictEqual(consoleLinks.buildProject(r, 'proj', '123456789012'), 'https://eu-west-1.console.aws.amazon.com/codesuite/codebuild/123456789012/projects/proj/history?region=eu-west-1');
    assert.strictEqual(consoleLinks.buildLog(r, '/aws/codebuild/p', 's'), 'https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logEvent:group=%2Faws%2Fcodebuild%2Fp;stream=s');
    assert.strictEqual(consoleLinks.deployApplication(r, 'a'), 'https://eu-west-1.console.aws.amazon.com/codesuite/codedeploy/applications/a?region=eu-west-1');
    assert.strictEqual(consoleLinks.deploymentGroup(r, 'a', 'g'), 'https://eu-west-1.console.aws.amazon.com/codesuite/codedeploy/applications/a/deployment-groups/g?region=eu-west-1');
    assert.strictEqual(consoleLinks.deployment(r, 'd-ABC'), 'https://eu-west-1.console.aws.amazon.com/codesuite/codedeploy/deployments/d-ABC?region=eu-west-1');
    assert.strictEqual(consoleLinks.repository(r, 'repo'), 'https://eu-west-1.console.aws.amazon.com/codesuite/codecommit/repositories/repo/browse?region=eu-west-1');
    assert.strictEqual(consoleLinks.repositoryPath(r, 'repo', 'main', 'src/a b.ts'), 'https://eu-west-1.console.aws.amazon.com/codesuite/codecommit/repositories/repo/browse/main/--/src/a%20b.ts?region=eu-west-1');
    assert.strictEqual(consoleLinks.commit(r, 'repo', 'abc'), 'https://eu-west-1.console.aws.amazon.com/codesuite/codecommit/repositories/repo/commit/abc?region=eu-west-1');
    assert.strictEqual(consoleLinks.pullRequest(r, 'repo', '7'), 'https://eu-west-1.console.aws.amazon.com/codesuite/codecommit/repositories/repo/pull-requests/7/details?region=eu-west-1');
  });

  it('uses the China and GovCloud consoles, and prefers https service URLs', () => {
    assert.strictEqual(consoleBase('cn-north-1'), 'https://cn-north-1.console.amazonaws.cn');
    assert.strictEqual(consoleBase('us-gov-west-1'), 'https://us-gov-west-1.console.amazonaws-us-gov.com');
    assert.strictEqual(preferUrl('https://x.example/deep', 'built'), 'https://x.example/deep');
    assert.strictEqual(preferUrl('javascript:alert(1)', 'built'), 'built');
    assert.strictEqual(preferUrl(undefined, 'built'), 'built');
  });

  it('keys and labels connections', () => {
    const c = { profile: SANDBOX_PROFILE, region: 'us-east-1', endpoint: 'http://127.0.0.1:1' };
    assert.ok(isSandbox(c));
    assert.strictEqual(connectionKey(c), connectionKey({ ...c }));
    assert.notStrictEqual(connectionKey(c), connectionKey({ ...c, region: 'eu-west-1' }));
    assert.strictEqual(connectionLabel({ profile: 'dev', region: 'eu-west-1' }), 'dev (eu-west-1)');
  });
});
