import * as assert from 'assert';
import { parseRemoteUrl, remoteLabel, sameTarget } from '../../../src/statusBar/remotes';

describe('git remote URL parsing', () => {
  const cc = (repositoryName: string, region?: string, profile?: string) => ({ kind: 'codecommit', repositoryName, ...(region ? { region } : {}), ...(profile ? { profile } : {}) });
  const gh = (fullRepositoryId: string, host = 'github.com', provider = 'github') => ({ kind: 'hosted', provider, host, fullRepositoryId });

  it('reads every CodeCommit form', () => {
    const cases: [string, unknown][] = [
      ['https://git-codecommit.us-east-1.amazonaws.com/v1/repos/web-app', cc('web-app', 'us-east-1')],
      ['https://git-codecommit.eu-west-2.amazonaws.com/v1/repos/my.repo_1-x/', cc('my.repo_1-x', 'eu-west-2')],
      ['https://alice-at-123456789012@git-codecommit.us-east-2.amazonaws.com/v1/repos/api', cc('api', 'us-east-2')],
      ['https://git-codecommit-fips.us-gov-west-1.amazonaws.com/v1/repos/gov', cc('gov', 'us-gov-west-1')],
      ['https://git-codecommit.cn-north-1.amazonaws.com.cn/v1/repos/cn', cc('cn', 'cn-north-1')],
      ['ssh://git-codecommit.us-east-1.amazonaws.com/v1/repos/web-app', cc('web-app', 'us-east-1')],
      ['ssh://APKAEIBAERJR2EXAMPLE@git-codecommit.ap-southeast-2.amazonaws.com/v1/repos/infra', cc('infra', 'ap-southeast-2')],
      ['git-codecommit.us-east-1.amazonaws.com:v1/repos/scp-style', cc('scp-style', 'us-east-1')],
      ['codecommit::us-west-2://web-app', cc('web-app', 'us-west-2')],
      ['codecommit::eu-central-1://dev-profile@web-app', cc('web-app', 'eu-central-1', 'dev-profile')],
      ['codecommit://web-app', cc('web-app')],
      ['codecommit://dev@web-app', cc('web-app', undefined, 'dev')],
      ['  https://git-codecommit.us-east-1.amazonaws.com/v1/repos/spaced  ', cc('spaced', 'us-east-1')],
    ];
    for (const [url, want] of cases) assert.deepStrictEqual(parseRemoteUrl(url), want, url);
  });

  it('reads GitHub HTTPS and SSH, and other hosts a CodeStar connection can use', () => {
    const cases: [string, unknown][] = [
      ['https://github.com/octo-org/web-app.git', gh('octo-org/web-app')],
      ['https://github.com/octo-org/web-app', gh('octo-org/web-app')],
      ['https://token@github.com/octo-org/web-app/', gh('octo-org/web-app')],
      ['git@github.com:octo-org/web-app.git', gh('octo-org/web-app')],
      ['ssh://git@github.com/octo-org/web-app.git', gh('octo-org/web-app')],
      ['ssh://git@ssh.github.com:443/octo-org/web-app.git', gh('octo-org/web-app', 'ssh.github.com')],
      ['git@gitlab.com:group/sub/project.git', gh('group/sub/project', 'gitlab.com', 'gitlab')],
      ['https://bitbucket.org/team/repo.git', gh('team/repo', 'bitbucket.org', 'bitbucket')],
      ['https://ghe.example.com/platform/api.git', gh('platform/api', 'ghe.example.com', 'other')],
    ];
    for (const [url, want] of cases) assert.deepStrictEqual(parseRemoteUrl(url), want, url);
  });

  it('rejects garbage and what does not name a repository', () => {
    for (const url of [
      undefined,
      '',
      '   ',
      'not a url',
      '/home/me/repos/web-app',
      'C:\\repos\\web-app',
      'file:///home/me/web-app.git',
      'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/',
      'https://git-codecommit.us-east-1.amazonaws.com/v2/repos/x',
      'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/bad name',
      `codecommit::us-east-1://${'x'.repeat(101)}`,
      'codecommit::not_a_region://x',
      'codecommit::us-east-1://',
      'https://github.com/only-owner',
      'https://github.com/a/b/c',
      'git@github.com:../../etc/passwd',
      'mailto:someone@example.com',
    ])
      assert.strictEqual(parseRemoteUrl(url), undefined, String(url));
  });

  it('labels and compares targets', () => {
    assert.strictEqual(remoteLabel(parseRemoteUrl('codecommit::us-east-1://web')!), 'web (CodeCommit, us-east-1)');
    assert.strictEqual(remoteLabel(parseRemoteUrl('git@github.com:o/r.git')!), 'o/r (GitHub)');
    assert.ok(sameTarget(parseRemoteUrl('codecommit://web')!, parseRemoteUrl('https://git-codecommit.us-east-1.amazonaws.com/v1/repos/web')!));
    assert.ok(!sameTarget(parseRemoteUrl('codecommit::eu-west-1://web')!, parseRemoteUrl('codecommit::us-east-1://web')!));
    assert.ok(sameTarget(parseRemoteUrl('git@github.com:Octo/App.git')!, parseRemoteUrl('https://github.com/octo/app')!));
  });
});
