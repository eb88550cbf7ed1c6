// What scripts/code-server-launcher.js runs: a stand-in for the `code` executable that @vscode/test-electron's
// runTests() starts. It takes the same flags (--extensionDevelopmentPath, --extensionTestsPath, --user-data-dir,
// --extensions-dir, a folder), runs the extension tests inside code-server's real extension host, forwards the
// test output, and exits with the extension host's exit code. code-server and Chromium are stopped by PID
// (process group) in every case.
//
// Environment: AWS_DEVTOOLS_TEST_TIMEOUT_MS (default 600000), AWS_DEVTOOLS_USER_SETTINGS (JSON object of extra
// user settings), AWS_DEVTOOLS_KEEP_SCRATCH=1 (keep the scratch folder, for debugging). Everything else in the
// environment reaches the extension host.
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import { makeScratch, startChromium, startCodeServer, workbenchUrl, type ChromiumHandle, type CodeServer } from './workbenchHost';

interface LaunchArgs {
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
  folder?: string;
}

export function parseArgs(argv: string[]): LaunchArgs {
  const out: LaunchArgs = {};
  const keys: Record<string, keyof LaunchArgs> = {
    '--extensionDevelopmentPath': 'extensionDevelopmentPath',
    '--extensionTestsPath': 'extensionTestsPath',
    '--user-data-dir': 'userDataDir',
    '--extensions-dir': 'extensionsDir',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const key = keys[name];
    if (key) {
      out[key] = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    } else if (!arg.startsWith('-') && out.folder === undefined) {
      out.folder = arg;
    }
    // Other flags of the desktop `code` (--no-sandbox, --disable-updates, ...) mean nothing to code-server.
  }
  return out;
}

// The workbench's own start-up chatter, which arrives with the extension host's console output; hidden unless
// AWS_DEVTOOLS_HOST_LOG=all.
const WORKBENCH_NOISE =
  /^(Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|\[AccountPolicyGate\]|\[AgentHost|\[Service Worker\]|\[reconnection-grace-time\]|Creating a socket|Resolving connection token|Resolved connection token|Creation of workbench contribution|Timed out waiting for authentication provider)/;
const showAll = process.env.AWS_DEVTOOLS_HOST_LOG === 'all';

const t0 = Date.now();
const log = (line: string) => process.stderr.write(`[code-server-launcher +${((Date.now() - t0) / 1000).toFixed(1)}s] ${line}\n`);

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args.extensionTestsPath || !args.extensionDevelopmentPath) {
    log('usage: code-server-launcher --extensionDevelopmentPath=<dir> --extensionTestsPath=<file> [--user-data-dir=<dir>] [--extensions-dir=<dir>] [folder]');
    return 2;
  }
  const timeoutMs = Number(process.env.AWS_DEVTOOLS_TEST_TIMEOUT_MS || 600_000);
  const userSettings = process.env.AWS_DEVTOOLS_USER_SETTINGS ? (JSON.parse(process.env.AWS_DEVTOOLS_USER_SETTINGS) as Record<string, unknown>) : {};
  const scratch = makeScratch('aws-devtools-launcher-');
  let server: CodeServer | undefined;
  let browser: ChromiumHandle | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const folder = path.resolve(args.folder ?? path.join(scratch.dir, 'workspace'));
    fs.mkdirSync(folder, { recursive: true });
    server = await startCodeServer({
      scratch,
      userSettings,
      ...(args.userDataDir ? { userDataDir: path.resolve(args.userDataDir) } : {}),
      ...(args.extensionsDir ? { extensionsDir: path.resolve(args.extensionsDir) } : {}),
      log,
    });
    browser = await startChromium({ scratch, log });
    const page = await browser.newPage();

    let resolveExit!: (code: number) => void;
    const exit = new Promise<number>((resolve) => (resolveExit = resolve));
    // The workbench forwards the extension host's console here as (level, arguments).
    await page.exposeFunction('codeAutomationLog', (level: unknown, parts: unknown) => {
      const text = format(...(Array.isArray(parts) ? parts : [parts]));
      if (showAll || !WORKBENCH_NOISE.test(text)) process.stdout.write((level === 'info' ? '' : `[${String(level)}] `) + text + '\n');
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown) => resolveExit(typeof code === 'number' ? code : 1));
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    timer = setTimeout(() => {
      log(`no result from the extension host after ${timeoutMs} ms: giving up`);
      resolveExit(124);
    }, timeoutMs);

    // Only the navigation is awaited: the workbench reports through codeAutomationExit, under the overall timeout.
    await page.goto(
      workbenchUrl(server, {
        folder,
        extensionDevelopmentPath: path.resolve(args.extensionDevelopmentPath),
        extensionTestsPath: path.resolve(args.extensionTestsPath),
      }),
      { waitUntil: 'commit', timeout: timeoutMs },
    );
    log('workbench opened; running the tests in the extension host');
    const code = await exit;
    log(`extension host exit code ${code}`);
    if (code !== 0) log(`extension host exited with ${code}; code-server's last lines:\n${server.tail(30)}`);
    return code;
  } catch (e) {
    log(`failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    return 1;
  } finally {
    if (timer) clearTimeout(timer);
    await browser?.stop();
    await server?.stop();
    scratch.remove();
  }
}
