// Links: the extension opens a browser only through openExternalUrl() (src/commands/externalLinks.ts), only for https
// URLs, console URLs only on AWS console hosts. The check is tested here; a source scan proves no call site bypasses it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { externalUrlProblem, MAX_URL_LENGTH } from '../../../src/commands/externalLinks';
import { consoleLinks } from '../../../src/model/consoleLinks';

const root = path.resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('UI links: openExternal only for safe https URLs', () => {
  it('every console link the extension builds passes as a console URL, in every partition', () => {
    for (const region of ['us-east-1', 'eu-west-3', 'cn-north-1', 'us-gov-west-1']) {
      const urls = [
        consoleLinks.pipeline(region, 'p<script>'),
        consoleLinks.pipelineExecution(region, 'p', 'e'),
        consoleLinks.build(region, 'proj:1234'),
        consoleLinks.buildProject(region, 'proj', '123456789012'),
        consoleLinks.buildLog(region, '/aws/codebuild/x', 'stream'),
        consoleLinks.deployment(region, 'd-123'),
        consoleLinks.deploymentGroup(region, 'app', 'group'),
        consoleLinks.repository(region, 'repo'),
        consoleLinks.commit(region, 'repo', 'abc'),
        consoleLinks.pullRequest(region, 'repo', '1'),
      ];
      for (const u of urls) assert.strictEqual(externalUrlProblem(u, 'console'), undefined, u);
    }
  });

  it('refuses every scheme but https, whatever the origin', () => {
    const hostile = [
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      ' javascript:alert(1)',
      'java\nscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'http://us-east-1.console.aws.amazon.com/codesuite',
      'command:workbench.action.terminal.new',
      'vscode://vscode.git/clone?url=x',
      'ftp://example.com',
      '//evil.example/x',
      '/relative/path',
      '',
      'not a url',
    ];
    for (const u of hostile) {
      assert.ok(externalUrlProblem(u, 'service'), `service: ${JSON.stringify(u)}`);
      assert.ok(externalUrlProblem(u, 'console'), `console: ${JSON.stringify(u)}`);
    }
    for (const v of [undefined, null, 42, {}, ['https://console.aws.amazon.com']]) assert.ok(externalUrlProblem(v, 'service'));
  });

  it('console URLs must be on an AWS console host; lookalikes are refused', () => {
    for (const u of [
      'https://evil.example/codesuite',
      'https://console.aws.amazon.com.evil.example/',
      'https://us-east-1.console.aws.amazon.com@evil.example/',
      'https://evilconsole.aws.amazon.com/',
      'https://aws.amazon.com.evil/',
      'https://x.y.console.aws.amazon.com/',
      'https://console.aws.amazon.co/',
    ]) {
      assert.ok(externalUrlProblem(u, 'console'), u);
    }
    assert.strictEqual(externalUrlProblem('https://console.aws.amazon.com/cloudwatch/home', 'console'), undefined);
  });

  it('service-returned URLs may be on any https host, but never carry user info, control characters or 2 KB+', () => {
    assert.strictEqual(externalUrlProblem('https://github.com/org/repo/commit/abc', 'service'), undefined);
    assert.strictEqual(externalUrlProblem('https://eu-west-1.console.aws.amazon.com/codesuite/codebuild/projects/x', 'service'), undefined);
    assert.ok(externalUrlProblem('https://user:pass@github.com/', 'service'));
    assert.ok(externalUrlProblem('https://github.com/\u0000x', 'service'));
    assert.ok(externalUrlProblem('https://github.com/\u001b[31m', 'service'));
    assert.ok(externalUrlProblem(`https://github.com/${'a'.repeat(MAX_URL_LENGTH)}`, 'service'));
  });

  it('no code calls vscode.env.openExternal except the gate (every call site goes through openExternalUrl)', () => {
    const offenders: string[] = [];
    for (const file of sources(path.join(root, 'src'))) {
      const text = fs.readFileSync(file, 'utf8');
      if (/\bopenExternal\s*\(/.test(text) && !file.endsWith(path.join('commands', 'externalLinks.ts'))) offenders.push(path.relative(root, file));
    }
    assert.deepStrictEqual(offenders, []);
    const callers = sources(path.join(root, 'src')).filter((f) => /\bopenExternalUrl\s*\(/.test(fs.readFileSync(f, 'utf8')));
    assert.ok(callers.length >= 3, `call sites found: ${callers.map((f) => path.relative(root, f)).join(', ')}`);
  });

  it('the webview page cannot open anything itself: no window.open or target=_blank in the page code', () => {
    for (const file of sources(path.join(root, 'src', 'webview'))) {
      const text = fs.readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /window\.open\s*\(|location\.href\s*=|_blank/, path.relative(root, file));
    }
  });
});
