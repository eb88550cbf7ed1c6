// The extensionTestsPath of the activation figure, run inside the real VS Code extension host (code-server): it
// activates the extension under test once, cold, and prints one `AWS_DEVTOOLS_BENCH {json}` line that the launcher
// forwards to its stdout. The extension folder's main is scripts/bench's timing wrapper (lib/build.ts timingMain),
// which records the require of the real bundle and the activate() call apart.
import * as fs from 'fs';
import { Session } from 'inspector';
import * as path from 'path';
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
  // AWS_DEVTOOLS_BENCH_PROFILE_DIR=<folder>: a CPU profile of the activation (load and activate()) is written there,
  // to read in Chromium's DevTools; the profiler slows what it measures, so the timings of such a run are not the figure.
  const profileDir = process.env.AWS_DEVTOOLS_BENCH_PROFILE_DIR;
  const profiler = profileDir ? await startProfiler() : undefined;
  const t0 = performance.now();
  await ext.activate();
  const wallMs = performance.now() - t0;
  if (profiler && profileDir) {
    fs.mkdirSync(profileDir, { recursive: true });
    fs.writeFileSync(path.join(profileDir, `activation-${path.basename(ext.extensionPath)}-${Date.now()}.cpuprofile`), JSON.stringify(await profiler.stop()));
  }
  const timing = (globalThis as { __awsDevToolsBench?: { loadMs: number; activateCallMs: number } }).__awsDevToolsBench;
  const loaded = Object.keys(require.cache).filter((k) => !before.has(k));
  const sdkLoaded = loaded.some((k) => /[\\/]dist[\\/]sdk\.js$/.test(k) || /@aws-sdk/.test(k));
  console.log(`AWS_DEVTOOLS_BENCH ${JSON.stringify({ wasActive, wallMs, timing, sdkLoaded, vscode: vscode.version })}`);
}

async function startProfiler(): Promise<{ stop(): Promise<unknown> }> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 50 });
  await post('Profiler.start');
  return {
    async stop() {
      const r = (await post('Profiler.stop')) as { profile: unknown };
      session.disconnect();
      return r.profile;
    },
  };
}
