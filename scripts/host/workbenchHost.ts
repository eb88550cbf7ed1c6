// The real VS Code host of the integration and e2e tiers: code-server (VS Code 1.139, from the provisioned cache)
// on a free 127.0.0.1 port, and headless Debian Chromium driven by playwright-core over CDP.
// Both are started in their own process group and stopped by PID (the whole group), also on failure, on timeout
// and when this process exits. HOME, XDG_* and TMPDIR of both point at a scratch folder removed at stop.
import * as cp from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const provision = require('../provision-host.js') as {
  hostInfo(): { node: string; codeServerEntry: string; chromium: string; codeServerVersion: string };
  scratchEnv(dir: string): Record<string, string>;
};

/** Settings that keep the workbench quiet and screenshots stable (see the README's Development section). */
export const STABLE_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.reduceMotion': 'on',
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'window.commandCenter': false,
};

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-dev-shm-usage',
  '--password-store=basic',
  '--use-mock-keychain',
  '--mute-audio',
  // Debian's build starts crashpad's handler anyway, in a session of its own: stopGroup() finds it by marker.
  '--disable-crash-reporter',
  '--disable-breakpad',
];

export type Log = (line: string) => void;

// ---------------------------------------------------------------------------------------------------------------
// Process groups

const liveGroups = new Map<number, string>(); // group leader PID -> marker
const liveScratch = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort: whatever is still running when this process goes is killed (synchronously, by group).
  // On exit, and on a signal (which exits, so the same): kill what is still running, then remove the scratch folders.
  process.on('exit', () => {
    for (const [pid, marker] of liveGroups) {
      signalGroup(pid, 'SIGKILL');
      killByMarker(marker);
    }
    for (const dir of liveScratch) removeScratch(dir);
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => process.exit(128 + (os.constants.signals[sig] ?? 1)));
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * With AWS_DEVTOOLS_PID_DIR set (npm test sets it), each live group is also recorded there as a file named by its
 * PID, so that the runner can kill what a test process left behind if that process itself was killed.
 */
function recordGroup(pid: number, command: string | undefined, marker?: string): void {
  const dir = process.env.AWS_DEVTOOLS_PID_DIR;
  if (!dir) return;
  try {
    if (command === undefined) fs.rmSync(path.join(dir, String(pid)), { force: true });
    else fs.writeFileSync(path.join(dir, String(pid)), `${command}\n${marker ?? ''}\n`);
  } catch {
    // best effort: the exit hook still kills the group
  }
}

/**
 * Spawns a command as the leader of a new process group, remembered until stopGroup(). `marker` is a path unique
 * to this run (its scratch folder) that the command lines of all its processes contain: helpers that leave the
 * group (a daemonised crash handler, say) are found by it and killed too.
 */
function spawnGroup(command: string, args: string[], options: cp.SpawnOptions, marker: string): cp.ChildProcess {
  installExitHook();
  const child = cp.spawn(command, args, { ...options, detached: true });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  liveGroups.set(child.pid, marker);
  recordGroup(child.pid, command, marker);
  return child;
}

function forgetGroup(pid: number): void {
  const marker = liveGroups.get(pid);
  liveGroups.delete(pid);
  if (marker) killByMarker(marker);
  recordGroup(pid, undefined);
}

/** SIGKILL to every process (but this one) whose command line contains `marker`. */
export function killByMarker(marker: string): number[] {
  const killed: number[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return killed;
  }
  for (const e of entries) {
    const pid = Number(e);
    if (pid === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) {
        process.kill(pid, 'SIGKILL');
        killed.push(pid);
      }
    } catch {
      // gone, or not ours to read
    }
  }
  return killed;
}

/** SIGTERM to the whole group, SIGKILL after graceMs if anything of it is left. Resolves when the group is gone. */
export async function stopGroup(pid: number, graceMs = 3000): Promise<void> {
  if (!signalGroup(pid, 'SIGTERM')) {
    forgetGroup(pid);
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await sleep(100);
    if (!signalGroup(pid, 0)) {
      forgetGroup(pid);
      return;
    }
  }
  signalGroup(pid, 'SIGKILL');
  for (let i = 0; i < 50 && signalGroup(pid, 0); i++) await sleep(100);
  forgetGroup(pid);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------------------------
// Scratch folders

/** A fresh folder with home/, xdg/ and tmp/ for the host's processes; removed by the returned function. */
export function makeScratch(prefix = 'aws-devtools-host-'): { dir: string; env: Record<string, string>; remove: () => void } {
  installExitHook();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  liveScratch.add(dir);
  const env = provision.scratchEnv(dir);
  return {
    dir,
    env,
    remove: () => {
      liveScratch.delete(dir);
      removeScratch(dir);
    },
  };
}

function removeScratch(dir: string): void {
  if (process.env.AWS_DEVTOOLS_KEEP_SCRATCH) return;
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch (e) {
    process.stderr.write(`could not remove ${dir}: ${e instanceof Error ? e.message : String(e)}\n`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => {
      req.destroy();
      resolve(0);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// code-server

export interface CodeServerOptions {
  /** Folder for user data, extensions, home and temp files; the caller removes it. */
  scratch: { dir: string; env: Record<string, string> };
  /** VS Code user settings, on top of STABLE_SETTINGS. */
  userSettings?: Record<string, unknown>;
  /** Extra environment for code-server, which its extension host inherits (e.g. a Sandbox endpoint). */
  env?: Record<string, string>;
  /** .vsix files installed (with --install-extension) before the server starts. */
  installExtensions?: string[];
  userDataDir?: string;
  extensionsDir?: string;
  /** Where code-server's output goes, besides its log file. */
  log?: Log;
  startTimeoutMs?: number;
}

export interface CodeServer {
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  /** The last lines of code-server's output (for failure messages). */
  tail(lines?: number): string;
  stop(): Promise<void>;
}

/** The code-server command line every run shares. */
function codeServerArgs(entry: string, userDataDir: string, extensionsDir: string): string[] {
  return [entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check'];
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const host = provision.hostInfo();
  const userDataDir = options.userDataDir ?? path.join(options.scratch.dir, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(options.scratch.dir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  fs.writeFileSync(settingsFile, JSON.stringify({ ...STABLE_SETTINGS, ...options.userSettings }, null, 2));

  // No extension gallery: nothing may reach the network (code-server's default is open-vsx.org).
  const env: NodeJS.ProcessEnv = { ...cleanEnv(), EXTENSIONS_GALLERY: '{}', ...options.scratch.env, ...options.env };
  const base = codeServerArgs(host.codeServerEntry, userDataDir, extensionsDir);

  for (const vsix of options.installExtensions ?? []) {
    const r = cp.spawnSync(host.node, [...base, '--install-extension', path.resolve(vsix), '--force'], { env, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0 || !/successfully installed/i.test(r.stdout)) {
      throw new Error(`code-server --install-extension ${vsix} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
    }
  }

  const port = await freePort();
  const config = path.join(options.scratch.dir, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = path.join(options.scratch.dir, 'code-server.log');
  const logFd = fs.openSync(logFile, 'a');
  const child = spawnGroup(
    host.node,
    [
      ...base,
      '--config', config,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--vscode-option', 'enable-smoke-test-driver',
    ],
    { env, stdio: ['ignore', logFd, logFd] },
    options.scratch.dir,
  );
  fs.closeSync(logFd);
  const pid = child.pid!;
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = `code-server exited early (${code ?? signal})`));

  const url = `http://127.0.0.1:${port}`;
  const server: CodeServer = {
    pid,
    port,
    url,
    userDataDir,
    extensionsDir,
    logFile,
    tail: (lines = 40) => readTail(logFile, lines),
    stop: () => stopGroup(pid),
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while ((await httpStatus(`${url}/healthz`)) !== 200) {
    if (exited || Date.now() > deadline) {
      await server.stop();
      throw new Error(`${exited ?? 'code-server did not answer on ' + url}\n${server.tail()}`);
    }
    await sleep(200);
  }
  options.log?.(`code-server ${host.codeServerVersion} (pid ${pid}) on ${url}`);
  return server;
}

/** The process environment without what would point the host at the real home or at a debugger. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(npm_|NODE_OPTIONS$|NODE_INSPECT|VSCODE_|ELECTRON_)/.test(key)) delete env[key];
  }
  return env;
}

function readTail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** The workbench URL: a folder to open and, for extension tests, the smoke-test driver's payload. */
export function workbenchUrl(server: CodeServer, opts: { folder: string; extensionDevelopmentPath?: string; extensionTestsPath?: string }): string {
  const params = new URLSearchParams({ folder: opts.folder });
  const payload: [string, string][] = [];
  if (opts.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', `vscode-remote://remote${path.resolve(opts.extensionDevelopmentPath)}`]);
  if (opts.extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://remote${path.resolve(opts.extensionTestsPath)}`]);
  if (payload.length) params.set('payload', JSON.stringify(payload));
  return `${server.url}/?${params.toString()}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Chromium

export interface ChromiumHandle {
  readonly pid: number;
  readonly browser: Browser;
  readonly context: BrowserContext;
  newPage(): Promise<Page>;
  stop(): Promise<void>;
}

export interface ChromiumOptions {
  scratch: { dir: string; env: Record<string, string> };
  viewport?: { width: number; height: number };
  log?: Log;
  startTimeoutMs?: number;
}

/** Starts Debian Chromium headless with a fresh profile and connects playwright-core to it over CDP. */
export async function startChromium(options: ChromiumOptions): Promise<ChromiumHandle> {
  const host = provision.hostInfo();
  const profile = path.join(options.scratch.dir, 'chromium-profile');
  fs.mkdirSync(profile, { recursive: true });
  const viewport = options.viewport ?? { width: 1280, height: 800 };
  const child = spawnGroup(
    host.chromium,
    [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', `--window-size=${viewport.width},${viewport.height}`, 'about:blank'],
    { env: { ...cleanEnv(), ...options.scratch.env }, stdio: ['ignore', 'ignore', 'pipe'] },
    options.scratch.dir,
  );
  const pid = child.pid!;
  const stop = () => stopGroup(pid);
  let stderr = '';
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Chromium did not start within ${options.startTimeoutMs ?? 30_000} ms`)), options.startTimeoutMs ?? 30_000);
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Chromium exited (${code ?? signal})`));
      });
    });
    child.stderr!.removeAllListeners('data');
    child.stderr!.resume(); // keep draining, unread
    const browser = await chromium.connectOverCDP(endpoint, { timeout: 30_000 });
    const context = await browser.newContext({ viewport });
    options.log?.(`Chromium (pid ${pid}) ${browser.version()}`);
    return {
      pid,
      browser,
      context,
      newPage: () => context.newPage(),
      stop: async () => {
        await Promise.race([browser.close().catch(() => undefined), sleep(2000)]);
        await stop();
      },
    };
  } catch (e) {
    await stop();
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(`Could not start Chromium at ${host.chromium}: ${why}\n${stderr.split('\n').slice(-20).join('\n')}`, { cause: e });
  }
}
