import { spawn, type ChildProcess } from 'child_process';
import { existsSync, mkdirSync } from 'fs';
import { dirname } from 'path';

export interface SandboxLaunchOptions {
  /** dist/sandbox.js of this extension. */
  cliPath: string;
  /** The state file (in the extension's global storage) so the account survives restarts. */
  stateFile: string;
  speed: number;
  /** Try this port first (the previous endpoint's, so the stored connection stays valid); 0 = any free port. */
  preferredPort?: number;
  seed?: 'demo' | 'empty';
  /** The Node binary; in a VS Code extension host process.execPath with ELECTRON_RUN_AS_NODE works everywhere. */
  nodePath?: string;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface RunningSandbox {
  endpoint: string;
  controlToken?: string;
  pid: number;
}

/**
 * Runs the Sandbox account as a child process of `dist/sandbox.js` and stops it by PID. One at a time: start() while
 * running returns the running one.
 */
export class SandboxLauncher {
  private child: ChildProcess | undefined;
  private running: RunningSandbox | undefined;
  private starting: Promise<RunningSandbox> | undefined;

  get current(): RunningSandbox | undefined {
    return this.running;
  }

  start(options: SandboxLaunchOptions): Promise<RunningSandbox> {
    if (this.running) return Promise.resolve(this.running);
    this.starting ??= this.launch(options).finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async launch(options: SandboxLaunchOptions): Promise<RunningSandbox> {
    if (!existsSync(options.cliPath)) throw new Error(`The Sandbox is not built: ${options.cliPath} is missing.`);
    mkdirSync(dirname(options.stateFile), { recursive: true });
    const ports = options.preferredPort ? [options.preferredPort, 0] : [0];
    let lastError: unknown;
    for (const port of ports) {
      try {
        return await this.spawnOnce(options, port);
      } catch (e) {
        lastError = e;
        if (!/already in use/i.test(String(e instanceof Error ? e.message : e))) break;
      }
    }
    throw lastError instanceof Error ? lastError : new Error(String(lastError));
  }

  private spawnOnce(options: SandboxLaunchOptions, port: number): Promise<RunningSandbox> {
    const args = [options.cliPath, '--port', String(port), '--seed', options.seed ?? 'demo', '--state', options.stateFile, '--speed', String(options.speed)];
    const child = spawn(options.nodePath ?? process.execPath, args, {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const log = options.log ?? (() => undefined);
    return new Promise<RunningSandbox>((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      let token: string | undefined;
      let settled = false;
      const finish = (error: Error | undefined, value?: RunningSandbox) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) {
          if (child.exitCode === null) child.kill('SIGTERM');
          reject(error);
        } else resolve(value!);
      };
      const timer = setTimeout(() => finish(new Error(`The Sandbox did not start within ${(options.timeoutMs ?? 20_000) / 1000}s.${stderr ? ` ${stderr.trim()}` : ''}`)), options.timeoutMs ?? 20_000);
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-4000);
        const m = /control token: (\S+)/.exec(stderr);
        if (m) token = m[1];
        for (const line of chunk.split(/\r?\n/)) if (line.trim()) log(`sandbox: ${line.replace(/control token: \S+/, 'control token: ****')}`);
        if (this.running && token) this.running.controlToken = token;
      });
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const m = /^(http:\/\/127\.0\.0\.1:\d+)\s*$/m.exec(stdout);
        if (m && !settled) {
          this.child = child;
          this.running = { endpoint: m[1], controlToken: token, pid: child.pid! };
          finish(undefined, this.running);
        }
      });
      child.on('error', (e) => finish(e));
      child.on('exit', (code, signal) => {
        if (this.child === child) {
          this.child = undefined;
          this.running = undefined;
          log(`sandbox: exited (${signal ?? code})`);
        }
        finish(new Error(`The Sandbox exited (${signal ?? code}) before it was ready.${stderr ? ` ${stderr.trim().split('\n')[0]}` : ''}`));
      });
    });
  }

  /** Stops the Sandbox by its PID (it saves its state on SIGTERM); resolves when it has exited or after 3 s. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    this.running = undefined;
    if (!child || child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 3_000).unref());
    await Promise.race([exited, timeout]);
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  dispose(): void {
    void this.stop();
  }
}

export function portOf(endpoint: string | undefined): number | undefined {
  const m = endpoint ? /^http:\/\/127\.0\.0\.1:(\d+)/.exec(endpoint) : null;
  return m ? Number(m[1]) : undefined;
}

/**
 * The environment variables of an already-running Sandbox (`npm run demo` and the e2e tests start one and point the
 * extension at it): `AWS_DEVTOOLS_SANDBOX_URL` is its loopback endpoint, used by Open Sandbox Account instead of
 * starting a child process; `AWS_DEVTOOLS_SANDBOX_CONNECT=1` also connects to it at activation. Anything that is not
 * `http://127.0.0.1:<port>` or `http://localhost:<port>` is ignored.
 */
export function externalSandbox(env: NodeJS.ProcessEnv = process.env): { endpoint: string; connectAtStartup: boolean } | undefined {
  const m = /^http:\/\/(127\.0\.0\.1|localhost):(\d{1,5})\/?$/.exec(env.AWS_DEVTOOLS_SANDBOX_URL ?? '');
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) return undefined;
  return { endpoint: `http://127.0.0.1:${m[2]}`, connectAtStartup: env.AWS_DEVTOOLS_SANDBOX_CONNECT === '1' };
}
