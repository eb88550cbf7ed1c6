// Runs the integration tier through @vscode/test-electron's runTests(). The "VS Code" it starts is
// scripts/code-server-launcher.js (code-server + headless Chromium, offline), or a desktop VS Code when
// AWS_DEVTOOLS_VSCODE=/path/to/code is set. Run `node scripts/build-tests.js` and `npm run build` first
// (npm test and npm run test:integration do).
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '../..');
  const extensionTestsPath = path.join(root, 'out', 'test', 'integration', 'index.js');
  if (!fs.existsSync(extensionTestsPath)) throw new Error(`${extensionTestsPath} is missing: run \`node scripts/build-tests.js\``);
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build`');

  const desktop = process.env.AWS_DEVTOOLS_VSCODE;
  const vscodeExecutablePath = desktop || path.join(root, 'scripts', 'code-server-launcher.js');
  console.log(`integration: ${desktop ? `desktop VS Code ${desktop}` : 'code-server (scripts/code-server-launcher.js)'}`);

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-devtools-integration-'));
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace);
  try {
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [workspace, `--user-data-dir=${path.join(scratch, 'user-data')}`, `--extensions-dir=${path.join(scratch, 'extensions')}`],
      extensionTestsEnv: { AWS_DEVTOOLS_TEST: 'integration' },
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    // runTests rejects with TestRunFailedError when the host exits non-zero; the output above says why.
    console.error(`integration: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
