// Hostile data in the tree views: a repository description and a commit message carrying HTML, <script>, an
// <img onerror>, a javascript: link and terminal escape sequences, seeded through the SDK into an in-process Sandbox.
// Tree labels are plain strings (VS Code renders them as text); tooltips are MarkdownStrings that are not trusted,
// allow no HTML, and carry the hostile text escaped (no markup survives: every < > [ ] ( ) is backslash-escaped).
// Open in AWS Console on such an item opens only a console URL (the link gate, see test/unit/reliability/uiLinks).
import * as assert from 'assert';
import { CodeCommitClient, CreateRepositoryCommand, PutFileCommand } from '@aws-sdk/client-codecommit';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { Connection } from '../../src/model/connection';
import type { Sandbox } from '../../src/sandbox/sandbox';
import { clientConfig, startSandbox } from '../helpers/sandbox';
import { item, kind, label } from './tree';

const HOSTILE = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '[click](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '\u001b[31mred\u001b[0m \u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
].join(' ');


/** A tooltip that renders hostile text as text: untrusted, no HTML, every markup character escaped. */
function assertInert(tip: unknown, where: string): void {
  assert.ok(tip instanceof vscode.MarkdownString, `${where}: a MarkdownString tooltip`);
  assert.notStrictEqual(tip.isTrusted, true, `${where}: not trusted (no command links)`);
  assert.ok(!tip.supportHtml, `${where}: no HTML`);
  // the markup characters of the hostile text appear only escaped
  assert.doesNotMatch(tip.value, /(^|[^\\])<(script|img|a)\b/i, `${where}: no raw tag`);
  assert.doesNotMatch(tip.value, /(^|[^\\])\]\(javascript:/i, `${where}: no markdown link to javascript:`);
  assert.match(tip.value, /\\<script\\>/, `${where}: the text is there, escaped`);
}

describe('Hostile data renders as text in the tree views (in the extension host)', function () {
  this.timeout(60_000);
  let api: ExtensionApi['explorer'];
  let sb: Sandbox;
  let c: Connection;

  before(async () => {
    api = (await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate()).explorer;
    sb = await startSandbox({ seed: 'empty' });
    const cc = new CodeCommitClient(clientConfig(sb));
    await cc.send(new CreateRepositoryCommand({ repositoryName: 'hostile-repo', repositoryDescription: HOSTILE.slice(0, 1000) }));
    await cc.send(new PutFileCommand({ repositoryName: 'hostile-repo', branchName: 'main', filePath: 'x.txt', fileContent: Buffer.from('x'), commitMessage: `${HOSTILE}\n\nbody ${HOSTILE}`, name: '<b>mallory</b>', email: 'm@example.com' }));
    cc.destroy();
    for (const old of [...api.connections.list()]) await api.connections.remove(old);
    c = await api.addSandboxConnection(sb.endpoint, sb.region);
  });
  after(async () => {
    if (c) await api?.connections.remove(c);
    await sb?.stop();
  });

  it('repository description and commit message: labels are plain text, tooltips inert', async () => {
    const repos = await api.views.repositories.getChildren();
    const repo = repos.find((n) => kind(n) === 'repository');
    assert.ok(repo, `the repository is listed: ${repos.map(label).join(', ')}`);
    assertInert(item(repo).tooltip, 'repository tooltip');
    assert.strictEqual(typeof item(repo).description, 'string');
    const branches = await api.views.repositories.getChildren(repo);
    const branch = branches.find((n) => kind(n) === 'branch');
    assert.ok(branch, 'the branch is listed');
    const commits = (await api.views.repositories.getChildren(branch)).filter((n) => kind(n) === 'commit');
    assert.ok(commits.length >= 1, 'the commit is listed');
    const commit = commits[0];
    // a TreeItem label is a string: VS Code renders it as text
    assert.strictEqual(typeof item(commit).label, 'string');
    assert.match(label(commit), /<script>/, 'the label shows the text as it is');
    assertInert(item(commit).tooltip, 'commit tooltip');
  });
});
