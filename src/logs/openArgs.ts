import type { Connection } from '../model/connection';

/** Reads the build log commands' arguments. Pure. */
export interface OpenLogArgs {
  connection: Connection;
  buildId: string;
  /** Reveal this phase's first error (a failed phase node, a failed action, a notification). */
  phase?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function asConnection(v: unknown): Connection | undefined {
  if (!isObj(v)) return undefined;
  const profile = str(v.profile);
  const region = str(v.region);
  if (!profile || !region) return undefined;
  const endpoint = str(v.endpoint);
  return { profile, region, ...(endpoint ? { endpoint } : {}) };
}

function phaseOf(v: unknown): string | undefined {
  return str(v) ?? (isObj(v) ? (str(v.type) ?? str(v.name)) : undefined);
}

/**
 * Accepts `(connection, buildId, phase?)`, `({ connection, buildId | build, phase? })` and tree nodes that carry those
 * (a build node's `build`, a phase node's `phase` with its build id, a pipeline action's `externalExecutionId`).
 */
export function parseOpenLogArgs(args: readonly unknown[]): OpenLogArgs | undefined {
  const [first, second, third] = args;
  const c = asConnection(first);
  if (c && str(second)) return { connection: c, buildId: second as string, ...(phaseOf(third) ? { phase: phaseOf(third) } : {}) };
  if (!isObj(first)) return undefined;
  const connection = asConnection(first.connection);
  if (!connection) return undefined;
  const build = first.build;
  const action = isObj(first.action) ? first.action : undefined;
  const buildId =
    str(first.buildId) ??
    (isObj(build) ? str(build.id) : str(build)) ??
    (action && (action.provider === 'CodeBuild' || action.provider === undefined) ? str(action.externalExecutionId) : undefined) ??
    str(first.externalExecutionId);
  if (!buildId || !buildId.includes(':')) return undefined;
  const phase = phaseOf(first.phase) ?? phaseOf(second);
  return { connection, buildId, ...(phase ? { phase } : {}) };
}
