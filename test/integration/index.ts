// The in-host test entry: VS Code's extension host calls run() (extensionTestsPath = out/test/integration/index.js).
// Mocha is bundled in; the compiled *.test.js files next to this one are the tests.
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import { recordHostStateAtStart } from './hostState';

export async function run(): Promise<void> {
  recordHostStateAtStart({ extensionActive: vscode.extensions.getExtension(EXTENSION_ID)?.isActive ?? false });
  // One retry: UI timing on a loaded 2-core machine; a test that fails twice fails the run.
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000, forbidOnly: true, retries: process.env.AWS_DEVTOOLS_TEST_RETRIES === undefined ? 1 : Number(process.env.AWS_DEVTOOLS_TEST_RETRIES) });
  const grep = process.env.AWS_DEVTOOLS_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
