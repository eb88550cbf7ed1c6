import type { Connection } from '../model/connection';

/** Pure: which run events make a notification, and never twice the same one. */
export type NotificationLevel = 'all' | 'failuresAndApprovals' | 'none';
export type RunEventKind = 'succeeded' | 'failed' | 'stopped' | 'approval';

export interface RunEvent {
  /** Identifies the event itself (the run, and what happened to it): the dedupe key. */
  key: string;
  kind: RunEventKind;
  connection: Connection;
  /** What the message says, e.g. `web-app-release is waiting for approval in Approval`. */
  message: string;
  pipelineName?: string;
  executionId?: string;
  buildId?: string;
  /** The phase to open the log at (a failed build). */
  failedPhase?: string;
  approval?: { pipelineName: string; stageName: string; actionName: string; token?: string; executionId?: string };
}

export function parseLevel(value: unknown): NotificationLevel {
  if (value === 'all' || value === 'none') return value;
  if (value === 'off') return 'none';
  return 'failuresAndApprovals';
}

export function shouldNotify(level: NotificationLevel, kind: RunEventKind): boolean {
  if (level === 'none') return false;
  if (level === 'all') return true;
  return kind === 'failed' || kind === 'approval';
}

export function executionEventKey(c: Connection, pipelineName: string, executionId: string, kind: RunEventKind, stageName?: string): string {
  return `execution|${c.profile}|${c.region}|${c.endpoint ?? ''}|${pipelineName}|${executionId}|${kind}${stageName ? `|${stageName}` : ''}`;
}

export function buildEventKey(c: Connection, buildId: string, kind: RunEventKind): string {
  return `build|${c.profile}|${c.region}|${c.endpoint ?? ''}|${buildId}|${kind}`;
}

/** Remembers event keys (the newest `capacity`): `firstTime` is true once per key. */
export class EventDeduper {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 2_000) {}

  firstTime(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }
}
