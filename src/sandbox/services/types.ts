import type { Sandbox } from '../sandbox';

export type Json = Record<string, unknown>;

export interface RequestContext {
  requestId: string;
  region: string;
  /** Simulated time of the request, in epoch milliseconds. */
  now: number;
}

export type Operation = (input: Json, ctx: RequestContext) => unknown;

/**
 * One AWS service of the Sandbox. `state` is plain JSON (persisted as is); `tick` advances its state machines to
 * `now` (called on every clock step and before each request), and must be idempotent for the same `now`.
 */
export interface SandboxService {
  readonly name: 'codebuild' | 'codepipeline' | 'codedeploy' | 'codecommit' | 'logs';
  readonly targetPrefix: string;
  readonly operations: Record<string, Operation>;
  tick(now: number): void;
  toJSON(): unknown;
  load(state: unknown): void;
  reset(): void;
}

export type ServiceFactory = (sandbox: Sandbox) => SandboxService;
