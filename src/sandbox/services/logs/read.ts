import { AwsError } from '../../errors';
import type { Matcher } from './filterPattern';
import { eventSize, lowerBound, MAX_PAGE_BYTES, MAX_PAGE_EVENTS, type LogEvent, type LogStreamRec } from './model';

/**
 * GetLogEvents: a window over one stream's events. Tokens are positions in the stream, `f/<n>/s` (read forward from
 * event n) and `b/<n>/s` (read backward from before event n), so reading forward past the last event returns the same
 * forward token (how clients know they are caught up) and new events appended later are picked up by that token.
 */
export interface GetEventsInput {
  startTime?: number;
  endTime?: number;
  limit?: number;
  startFromHead?: boolean;
  nextToken?: string;
}

export interface GetEventsOutput {
  events: LogEvent[];
  nextForwardToken: string;
  nextBackwardToken: string;
}

const TOKEN = /^([fb])\/(\d{1,56})\/s$/;
const token = (dir: 'f' | 'b', n: number): string => `${dir}/${String(n).padStart(56, '0')}/s`;

export function getEvents(stream: LogStreamRec, input: GetEventsInput): GetEventsOutput {
  const events = stream.events;
  // GetLogEvents treats endTime as exclusive.
  const lo = input.startTime !== undefined ? lowerBound(events, input.startTime) : 0;
  const hi = input.endTime !== undefined ? Math.max(lo, lowerBound(events, input.endTime)) : events.length;
  const limit = input.limit ?? MAX_PAGE_EVENTS;
  let dir: 'f' | 'b';
  let pos: number;
  if (input.nextToken !== undefined) {
    const m = TOKEN.exec(input.nextToken);
    if (!m) throw new AwsError('InvalidParameterException', 'The specified nextToken is invalid.');
    dir = m[1] as 'f' | 'b';
    pos = Math.min(Math.max(Number(m[2]), lo), hi);
  } else {
    dir = input.startFromHead ? 'f' : 'b';
    pos = dir === 'f' ? lo : hi;
  }
  if (dir === 'f') {
    let end = pos;
    let bytes = 0;
    while (end < hi && end - pos < limit) {
      const size = eventSize(events[end].message);
      if (bytes + size > MAX_PAGE_BYTES) break;
      bytes += size;
      end++;
    }
    return { events: events.slice(pos, end), nextForwardToken: token('f', end), nextBackwardToken: token('b', pos) };
  }
  let start = pos;
  let bytes = 0;
  while (start > lo && pos - start < limit) {
    const size = eventSize(events[start - 1].message);
    if (bytes + size > MAX_PAGE_BYTES) break;
    bytes += size;
    start--;
  }
  return { events: events.slice(start, pos), nextForwardToken: token('f', pos), nextBackwardToken: token('b', start) };
}

/**
 * FilterLogEvents: events of several streams merged by (timestamp, stream name, position), oldest first or newest
 * first. The token remembers the last event returned, so each page starts with a binary search in every stream
 * instead of rescanning what was already returned.
 */
export interface FilterInput {
  startTime?: number;
  endTime?: number;
  limit?: number;
  descending: boolean;
  nextToken?: string;
  match: Matcher;
  /** Binds the token to one query (group and stream selection). */
  queryKey: string;
}

export interface FilteredEvent extends LogEvent {
  logStreamName: string;
  eventId: string;
}

interface Cursor {
  t: number;
  s: string;
  i: number;
}

interface Head {
  stream: LogStreamRec;
  i: number;
  /** Exclusive bound in the reading direction. */
  stop: number;
}

export function filterEvents(streams: LogStreamRec[], input: FilterInput): { events: FilteredEvent[]; nextToken?: string; searched: { logStreamName: string; searchedCompletely: boolean }[] } {
  const after = input.nextToken !== undefined ? decodeCursor(input.nextToken, input.queryKey) : undefined;
  const desc = input.descending;
  const heads: Head[] = [];
  for (const stream of streams) {
    const ev = stream.events;
    // FilterLogEvents treats endTime as inclusive.
    const lo = input.startTime !== undefined ? lowerBound(ev, input.startTime) : 0;
    const hi = input.endTime !== undefined ? Math.max(lo, lowerBound(ev, input.endTime + 1)) : ev.length;
    let i: number;
    if (!desc) {
      i = lo;
      if (after) {
        if (stream.name < after.s) i = Math.max(i, lowerBound(ev, after.t + 1));
        else if (stream.name === after.s) i = Math.max(i, after.i + 1);
        else i = Math.max(i, lowerBound(ev, after.t));
      }
      heads.push({ stream, i, stop: hi });
    } else {
      i = hi - 1;
      if (after) {
        if (stream.name > after.s) i = Math.min(i, lowerBound(ev, after.t) - 1);
        else if (stream.name === after.s) i = Math.min(i, after.i - 1);
        else i = Math.min(i, lowerBound(ev, after.t + 1) - 1);
      }
      heads.push({ stream, i, stop: lo - 1 });
    }
  }
  const alive = (h: Head) => (desc ? h.i > h.stop : h.i < h.stop);
  // before(a, b): a comes first in the reading order.
  const before = (a: Head, b: Head): boolean => {
    const ta = a.stream.events[a.i].timestamp;
    const tb = b.stream.events[b.i].timestamp;
    if (ta !== tb) return desc ? ta > tb : ta < tb;
    return desc ? a.stream.name > b.stream.name : a.stream.name < b.stream.name;
  };
  const heap = new MinHeap<Head>(before);
  for (const h of heads) if (alive(h)) heap.push(h);

  const limit = input.limit ?? MAX_PAGE_EVENTS;
  const out: FilteredEvent[] = [];
  let bytes = 0;
  let last: Cursor | undefined;
  let full = false;
  while (heap.size > 0) {
    const h = heap.peek();
    const e = h.stream.events[h.i];
    if (input.match(e.message)) {
      const size = eventSize(e.message);
      if (out.length >= limit || bytes + size > MAX_PAGE_BYTES) {
        full = true;
        break;
      }
      bytes += size;
      out.push({ logStreamName: h.stream.name, timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime, eventId: eventId(h.stream, h.i, e) });
      last = { t: e.timestamp, s: h.stream.name, i: h.i };
    }
    heap.pop();
    h.i += desc ? -1 : 1;
    if (alive(h)) heap.push(h);
  }
  return {
    events: out,
    nextToken: full && last ? encodeCursor(last, input.queryKey) : undefined,
    searched: heads.map((h) => ({ logStreamName: h.stream.name, searchedCompletely: !alive(h) })),
  };
}

function eventId(stream: LogStreamRec, index: number, e: LogEvent): string {
  // Real ids are 56-digit numbers; ours are unique per (stream creation, position, timestamp).
  return `${e.timestamp}${String(stream.creationTime % 1e9).padStart(9, '0')}${String(index).padStart(34, '0')}`.slice(0, 56);
}

function encodeCursor(c: Cursor, key: string): string {
  return Buffer.from(JSON.stringify({ ...c, k: key })).toString('base64');
}

function decodeCursor(tokenText: string, key: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(tokenText, 'base64').toString('utf8')) as Partial<Cursor> & { k?: string };
    if (typeof c.t === 'number' && typeof c.s === 'string' && typeof c.i === 'number' && c.k === key) return { t: c.t, s: c.s, i: c.i };
  } catch {
    // fall through
  }
  throw new AwsError('InvalidParameterException', 'The specified nextToken is invalid.');
}

class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly before: (a: T, b: T) => boolean) {}
  get size(): number {
    return this.items.length;
  }
  peek(): T {
    return this.items[0];
  }
  push(x: T): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const end = a.pop();
    if (a.length > 0 && end !== undefined) {
      a[0] = end;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l], a[m])) m = l;
        if (r < a.length && this.before(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}
