// Build logs in a real extension host against an in-process Sandbox: a failed build's log opens at the failed
// phase's first error, with folding ranges and an outline per phase.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SessionRegistry } from '../../src/aws/session';
import { CommandIds, EXTENSION_ID } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { Connection } from '../../src/model/connection';
import type { Sandbox } from '../../src/sandbox/sandbox';
import { startSandbox } from '../helpers/sandbox';

describe('Build logs (in the extension host)', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let sb: Sandbox;
  let c: Connection;
  const sessions = new SessionRegistry();

  before(async () => {
    api = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate();
    sb = await startSandbox({ seed: 'demo' });
    c = await api.explorer.addSandboxConnection(sb.endpoint, sb.region);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api?.explorer.connections.remove(c);
    sessions.dispose();
    await sb?.stop();
  });

  it("opens a failed build's log at the failed phase's first error, folded and outlined by phase", async () => {
    const project = (await sessions.get(c).codebuild.listProjects())[0].name;
    const { id } = sb.codebuild.startBuildInternal(project, { environmentVariablesOverride: [{ name: 'SANDBOX_FAIL_PHASE', value: 'BUILD', type: 'PLAINTEXT' }] });
    for (let i = 0; i < 500 && sb.codebuild.getBuildSummary(id)?.status === 'IN_PROGRESS'; i++) sb.advance(10_000);
    assert.strictEqual(sb.codebuild.getBuildSummary(id)?.status, 'FAILED');

    const editor = await vscode.commands.executeCommand<vscode.TextEditor>(CommandIds.openBuildLogAtError, { connection: c, buildId: id, phase: 'BUILD' });
    assert.ok(editor, 'the command returns the editor');
    const doc = editor.document;
    assert.strictEqual(doc.uri.scheme, 'aws-devtools-log');
    const deadline = Date.now() + 15_000;
    while (editor.selection.active.line === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const line = doc.lineAt(editor.selection.active.line).text;
    assert.match(line, /FAIL|error|ERR!/i, `revealed: ${line}`);
    assert.ok(!doc.getText().includes('\u001b'), 'no ANSI escapes');

    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    const names = symbols.map((s) => s.name);
    for (const phase of ['DOWNLOAD_SOURCE', 'INSTALL', 'BUILD', 'POST_BUILD']) assert.ok(names.includes(phase), `${phase} in ${names.join(',')}`);
    const build = symbols.find((s) => s.name === 'BUILD')!;
    assert.strictEqual(build.detail, 'FAILED');
    assert.ok(build.range.contains(editor.selection.active), 'the revealed line is in the BUILD phase');
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri);
    assert.ok(folds.some((f) => f.start === build.range.start.line), 'BUILD folds');
    assert.ok(doc.isUntitled === false && doc.isDirty === false);
  });
});
