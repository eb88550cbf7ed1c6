import * as fs from 'fs';
import * as path from 'path';
import { randomBytes } from 'crypto';
import { Clock, type ClockMode } from './clock';
import { Faults } from './faults';
import { SandboxServer } from './server';
import { applySeed, type SeedName, type SeedOptions } from './seeds';
import { CodeBuildService } from './services/codebuild';
import { CodeCommitService } from './services/codecommit';
import { CodeDeployService } from './services/codedeploy';
import { CodePipelineService } from './services/codepipeline';
import { LogsService } from './services/logs';
import type { SandboxService } from './services/types';

export interface SandboxOptions {
  /** 0 picks a free port. */
  port?: number;
  seed?: SeedName;
  seedOptions?: SeedOptions;
  /** 'real' (default) runs the clock `speed` times faster than the wall clock; 'manual' moves only on advance(). */
  clock?: ClockMode;
  speed?: number;
  /** Load state from this file if it exists (instead of seeding) and save it after every change batch. */
  stateFile?: string;
  region?: string;
  /** The control API token; random when absent. */
  controlToken?: string;
  /** How often the real clock drives the state machines (wall-clock ms). */
  tickIntervalMs?: number;
  log?: (line: string) => void;
}

export const SANDBOX_CREDENTIALS = { accessKeyId: 'SANDBOXACCESSKEY', secretAccessKey: 'sandbox-secret-key' } as const;

/** The local AWS-compatible account: five services, their state machines on one clock, an HTTP server. */
export class Sandbox {
  readonly clock: Clock;
  readonly faults = new Faults();
  readonly region: string;
  readonly controlToken: string;
  readonly requestCounts = new Map<string, number>();
  readonly codecommit: CodeCommitService;
  readonly codebuild: CodeBuildService;
  readonly codedeploy: CodeDeployService;
  readonly codepipeline: CodePipelineService;
  readonly logs: LogsService;
  /** Tick order matters: sources, then builds and deployments, then the pipelines that follow them. */
  readonly services: SandboxService[];
  private server: SandboxServer | undefined;
  private port = 0;
  private interval: NodeJS.Timeout | undefined;
  private saveTimer: NodeJS.Timeout | undefined;
  private ticking = false;
  private lastSaved: string | undefined;
  private lastTickWall = 0;
  private saveDue = 0;
  private readonly logLine: (line: string) => void;

  constructor(private readonly options: SandboxOptions = {}) {
    this.clock = new Clock(options.clock ?? 'real', options.speed ?? 1);
    this.region = options.region ?? 'us-east-1';
    this.controlToken = options.controlToken ?? randomBytes(16).toString('hex');
    this.logLine = options.log ?? (() => undefined);
    this.logs = new LogsService(this);
    this.codecommit = new CodeCommitService(this);
    this.codebuild = new CodeBuildService(this);
    this.codedeploy = new CodeDeployService(this);
    this.codepipeline = new CodePipelineService(this);
    this.services = [this.codecommit, this.codebuild, this.codedeploy, this.codepipeline, this.logs];
    this.clock.onTick((now) => this.tickAt(now));
  }

  /** Creates, seeds (or loads) and starts a Sandbox listening on 127.0.0.1. */
  static async start(options: SandboxOptions = {}): Promise<Sandbox> {
    const sb = new Sandbox(options);
    if (!(options.stateFile && sb.loadFrom(options.stateFile))) {
      sb.reset(options.seed ?? 'empty', options.seedOptions ?? {});
      // The state file exists once the Sandbox is ready: a process killed before its first batched save still
      // restarts from its seed state, not from nothing.
      sb.save(true);
    }
    await sb.listen(options.port ?? 0);
    return sb;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(port: number): Promise<void> {
    this.server = new SandboxServer(this);
    this.port = await this.server.listen(port);
    if (this.clock.mode === 'real') {
      this.interval = setInterval(() => this.tick(), this.options.tickIntervalMs ?? 250);
      this.interval.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.interval) clearInterval(this.interval);
    this.interval = undefined;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.save(true);
    await this.server?.close();
    this.server = undefined;
  }

  serviceByPrefix(prefix: string | undefined): SandboxService | undefined {
    return this.services.find((s) => s.targetPrefix === prefix);
  }

  countRequest(service: string, operation: string): void {
    const key = `${service}.${operation}`;
    this.requestCounts.set(key, (this.requestCounts.get(key) ?? 0) + 1);
  }

  /** Advances every state machine to the clock's current time. */
  tick(): void {
    // Under load the request path would advance every running build for each call: with a real clock, state at
    // most a few milliseconds old is as good. A manual clock stays exact (tests rely on it).
    if (this.clock.mode === 'real' && Date.now() - this.lastTickWall < 5) return;
    this.tickAt(this.clock.now());
  }

  private tickAt(now: number): void {
    if (this.ticking) return; // a service starting work in another must not re-enter the tick
    this.ticking = true;
    try {
      for (const s of this.services) s.tick(now);
    } finally {
      this.ticking = false;
    }
    this.lastTickWall = Date.now();
    this.changed(1000);
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }

  reset(seed: string, seedOptions: SeedOptions = {}): void {
    for (const s of this.services) s.reset();
    this.requestCounts.clear();
    applySeed(this, seed, seedOptions);
    this.changed();
  }

  snapshot(): Record<string, unknown> {
    const out: Record<string, unknown> = { version: 1, now: this.clock.now() };
    for (const s of this.services) out[s.name] = s.toJSON();
    return out;
  }

  /** Marks state as changed: persisted soon after (batched), when a state file is configured. */
  changed(delayMs = 200): void {
    if (!this.options.stateFile) return;
    const due = Date.now() + delayMs;
    if (this.saveTimer && this.saveDue <= due) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveDue = due;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.save();
    }, delayMs);
    this.saveTimer.unref();
  }


  /** Writes the state atomically: a temporary file, then a rename, so a killed process never leaves half a file. */
  save(force = false): void {
    const file = this.options.stateFile;
    if (!file) return;
    const body = this.servicesJson();
    // A tick that changed nothing but the time is not worth a write (the time is saved on stop).
    if (!force && body === this.lastSaved) return;
    this.lastSaved = body;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `{"version":1,"now":${this.clock.now()}${body === '{}' ? '}' : `,${body.slice(1)}`}`);
    fs.renameSync(tmp, file);
  }


  private servicesJson(): string {
    return JSON.stringify(Object.fromEntries(this.services.map((svc) => [svc.name, svc.toJSON()])));
  }

  private loadFrom(file: string): boolean {
    removeStaleTemporaryFiles(file);
    if (!fs.existsSync(file)) return false;
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      for (const s of this.services) if (data[s.name] !== undefined) s.load(data[s.name]);
      if (typeof data.now === 'number') this.clock.set(data.now);
      this.lastSaved = this.servicesJson();
      return true;
    } catch (e) {
      this.log(`state file ${file} is unreadable (${e instanceof Error ? e.message : String(e)}); starting from the seed`);
      return false;
    }
  }

  log(line: string): void {
    this.logLine(line);
  }
}

/** A process killed while saving leaves its `<file>.<pid>.tmp` behind (the state file itself stays whole): remove those. */
function removeStaleTemporaryFiles(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && /^\d+\.tmp$/.test(name.slice(prefix.length)) && name !== `${prefix}${process.pid}.tmp`) {
      try {
        fs.rmSync(path.join(dir, name), { force: true });
      } catch {
        // not ours to insist on
      }
    }
  }
}
