// The Sandbox in its own process (the bundled CLI), so the figures' clients and the server do not share one event
// loop. Started on a free 127.0.0.1 port; stopped by PID (SIGTERM, then SIGKILL), also when this process exits.
import * as cp from 'child_process';
import { randomBytes } from 'crypto';
import { performance } from 'perf_hooks';
import type { Connection } from '../../../src/model/connection';
import { SANDBOX_PROFILE } from '../../../src/model/connection';

export interface SandboxProcessOptions {
  /** The bundled CLI (dist/sandbox.js of the bench's production build). */
  cli: string;
  seed: 'empty' | 'demo' | 'scale';
  /** Simulated time per wall-clock time; a tiny value all but freezes the state machines. */
  speed?: number;
  args?: string[];
}

export interface SandboxProcess {
  endpoint: string;
  token: string;
  pid: number;
  /** Wall-clock ms from spawn to the URL line (process start, module load, seeding, listen). */
  startMs: number;
  connection: Connection;
  control<T = Record<string, unknown>>(action: string, body?: unknown): Promise<T>;
  /** Server-side request counts by `service.Operation` (the control API's `requests`). */
  requestCounts(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

const live = new Set<cp.ChildProcess>();
let hooked = false;
function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const c of live) if (c.pid) process.kill(c.pid, 'SIGKILL');
  });
}

export async function startSandboxProcess(o: SandboxProcessOptions): Promise<SandboxProcess> {
  hookExit();
  const token = randomBytes(12).toString('hex');
  const t0 = performance.now();
  const child = cp.spawn(process.execPath, [o.cli, '--port', '0', '--seed', o.seed, '--speed', String(o.speed ?? 1), '--token', token, ...(o.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the Sandbox did not start in 60 s: ${stderr}`)), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(http:\/\/127\.0\.0\.1:\d+)\s*$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the Sandbox exited with ${code}: ${stderr}`));
    });
  });
  const startMs = performance.now() - t0;
  const control = async <T>(action: string, body: unknown = {}): Promise<T> => {
    const res = await fetch(`${endpoint}/__sandbox/${action}`, {
      method: 'POST',
      headers: { 'x-sandbox-token': token, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`Sandbox control ${action}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    endpoint,
    token,
    pid: child.pid!,
    startMs,
    connection: { profile: SANDBOX_PROFILE, region: 'us-east-1', endpoint },
    control,
    requestCounts: async () => (await control<{ counts: Record<string, number> }>('requests')).counts,
    stop: () => stopChild(child),
  };
}

async function stopChild(child: cp.ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    live.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  live.delete(child);
}
