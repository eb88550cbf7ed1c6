// The extensionTestsPath of the activation figure, run inside the real VS Code extension host (code-server): it
// activates the extension under test once, cold, and prints one `AWS_DEVTOOLS_BENCH {json}` line that the launcher
// forwards to its stdout. The extension folder's main is scripts/bench's timing wrapper (lib/build.ts timingMain),
// which records the require of the real bundle and the activate() call apart.
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';

const EXTENSION_ID = 'aws-devtools-oss.aws-devtools';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded in the extension host`);
  // Let the workbench finish starting (built-in extensions, the explorer): a person opens our view after that.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const wasActive = ext.isActive;
  const before = new Set(Object.keys(require.cache));
  const t0 = performance.now();
  await ext.activate();
  const wallMs = performance.now() - t0;
  const timing = (globalThis as { __awsDevToolsBench?: { loadMs: number; activateCallMs: number } }).__awsDevToolsBench;
  const loaded = Object.keys(require.cache).filter((k) => !before.has(k));
  const sdkLoaded = loaded.some((k) => /[\\/]dist[\\/]sdk\.js$/.test(k) || /@aws-sdk/.test(k));
  console.log(`AWS_DEVTOOLS_BENCH ${JSON.stringify({ wasActive, wallMs, timing, sdkLoaded, vscode: vscode.version })}`);
}
