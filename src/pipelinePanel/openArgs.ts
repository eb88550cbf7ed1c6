/** Reads `awsDevTools.pipeline.openPanel`'s arguments: (connection, name[, executionId]) or a tree node. Pure. */
import type { Connection } from '../model/connection';

export interface OpenArgs {
  connection: Connection;
  pipelineName: string;
  executionId?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

export function asConnection(v: unknown): Connection | undefined {
  if (!isObj(v)) return undefined;
  const profile = str(v.profile);
  const region = str(v.region);
  if (!profile || !region) return undefined;
  const endpoint = str(v.endpoint);
  return { profile, region, ...(endpoint ? { endpoint } : {}) };
}

/**
 * Accepts `(connection, pipelineName, executionId?)`, `({ connection, pipelineName | pipeline | name, executionId? })`
 * and tree nodes that carry those fields (pipeline, execution and approval nodes). Undefined when nothing fits.
 */
export function parseOpenArgs(args: readonly unknown[]): OpenArgs | undefined {
  const [first, second, third] = args;
  const c = asConnection(first);
  if (c && str(second)) return { connection: c, pipelineName: second as string, ...(str(third) ? { executionId: third as string } : {}) };
  if (!isObj(first)) return undefined;
  const connection = asConnection(first.connection);
  if (!connection) return undefined;
  const pipeline = first.pipeline;
  const pipelineName = str(first.pipelineName) ?? (isObj(pipeline) ? str(pipeline.name) ?? str(pipeline.pipelineName) : str(pipeline)) ?? str(first.name);
  if (!pipelineName) return undefined;
  const execution = first.execution;
  const executionId = str(first.executionId) ?? str(first.pipelineExecutionId) ?? (isObj(execution) ? str(execution.id) : undefined);
  return { connection, pipelineName, ...(executionId ? { executionId } : {}) };
}
