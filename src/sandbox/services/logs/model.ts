/** Stored CloudWatch Logs state: plain JSON, events per stream in timestamp order. Times are epoch ms (as on the wire). */

export interface LogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
}

export interface LogStreamRec {
  name: string;
  creationTime: number;
  events: LogEvent[];
  storedBytes: number;
  lastIngestionTime?: number;
  sequence: number;
}

export interface LogGroupRec {
  name: string;
  creationTime: number;
  region: string;
  logGroupClass: string;
  kmsKeyId?: string;
  tags?: Record<string, string>;
  /** by name; a map without a prototype (../../dict.ts), as are the groups */
  streams: Record<string, LogStreamRec>;
}

export interface LogsState {
  version: 1;
  groups: Record<string, LogGroupRec>;
}

/** CloudWatch counts each event as its UTF-8 message plus 26 bytes against the 1 MB page and batch limits. */
export const EVENT_OVERHEAD = 26;
export const MAX_PAGE_BYTES = 1_048_576;
export const MAX_PAGE_EVENTS = 10_000;

export const eventSize = (message: string): number => Buffer.byteLength(message, 'utf8') + EVENT_OVERHEAD;

/** First index whose timestamp is >= t (events sorted by timestamp). */
export function lowerBound(events: readonly LogEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid].timestamp < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts keeping timestamp order; appending in order (the common case) is O(1). */
export function insertEvent(events: LogEvent[], e: LogEvent): void {
  if (events.length === 0 || events[events.length - 1].timestamp <= e.timestamp) {
    events.push(e);
    return;
  }
  events.splice(lowerBound(events, e.timestamp + 1), 0, e);
}
