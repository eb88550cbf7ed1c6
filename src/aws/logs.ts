import type { LogEvent, LogStreamRef } from '../model/logs';
import type { ConnectionClients } from './clients';
import { AwsError } from './errors';

export interface ReadResult {
  events: LogEvent[];
  /** The service gave back the token we sent: nothing more to read for now. */
  caughtUp: boolean;
  /** The stream does not exist (yet: a build that just started has no stream). */
  missing: boolean;
}

/**
 * A position in one log stream, read forwards from the head with GetLogEvents. The rule of the API: a response whose
 * `nextForwardToken` equals the token sent means the reader has caught up; reading again later continues from there.
 */
export class LogCursor {
  private token: string | undefined;
  private started = false;

  constructor(
    private readonly clients: ConnectionClients,
    readonly stream: LogStreamRef,
    private readonly options: { pageLimit?: number; maxEmptyPages?: number } = {},
  ) {}

  /** The forward token to resume from (persist it to continue after a reload). */
  get position(): string | undefined {
    return this.token;
  }

  /** One GetLogEvents page from the current position. */
  async readPage(): Promise<ReadResult> {
    const sent = this.token;
    let out;
    try {
      out = await this.clients.call('logs', 'GetLogEvents', async (client, sdk) =>
        client.send(
          new sdk.GetLogEventsCommand({
            logGroupName: this.stream.groupName,
            logStreamName: this.stream.streamName,
            limit: this.options.pageLimit ?? 1000,
            ...(sent ? { nextToken: sent } : { startFromHead: true }),
          }),
        ),
      );
    } catch (e) {
      if (e instanceof AwsError && e.kind === 'notFound' && !this.started) return { events: [], caughtUp: true, missing: true };
      throw e;
    }
    this.started = true;
    const events = (out.events ?? []).map((e) => ({ timestamp: e.timestamp ?? 0, message: e.message ?? '', ingestionTime: e.ingestionTime }));
    const next = out.nextForwardToken;
    const caughtUp = !next || next === sent;
    if (next) this.token = next;
    return { events, caughtUp, missing: false };
  }

  /**
   * Reads pages until caught up or `maxEvents` events are gathered (whichever first), so one call holds a bounded
   * number of events. A run of empty pages with new tokens (CloudWatch can return those) is cut after `maxEmptyPages`.
   */
  async readAvailable(maxEvents = 10_000): Promise<ReadResult> {
    const events: LogEvent[] = [];
    let empty = 0;
    for (;;) {
      const page = await this.readPage();
      if (page.missing) return page;
      events.push(...page.events);
      if (page.caughtUp) return { events, caughtUp: true, missing: false };
      if (events.length >= maxEvents) return { events, caughtUp: false, missing: false };
      empty = page.events.length === 0 ? empty + 1 : 0;
      if (empty >= (this.options.maxEmptyPages ?? 50)) return { events, caughtUp: true, missing: false };
    }
  }
}

export interface FollowOptions {
  /** Whether the writer has finished (e.g. the build is complete); after it says so, one last read, then the end. */
  isDone?: () => boolean | Promise<boolean>;
  /** Wait between reads once caught up (default 2 s). */
  pollIntervalMs?: number;
  /** Stop after this many reads in a row brought nothing new (default 900: 30 minutes at 2 s). */
  maxIdlePolls?: number;
  /** Events per GetLogEvents page (1..10000, default 1000). */
  pageLimit?: number;
  signal?: AbortSignal;
  /** For tests with a fake clock. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** CloudWatch Logs: read a stream from the head and follow it. */
export class LogsService {
  constructor(private readonly clients: ConnectionClients) {}

  cursor(stream: LogStreamRef, options: { pageLimit?: number } = {}): LogCursor {
    return new LogCursor(this.clients, stream, options);
  }

  /**
   * Follows a stream: yields batches of events (one page each at most, so memory stays bounded by the page size),
   * reading as fast as pages come while behind, then every `pollIntervalMs` once caught up. Ends when `isDone` says
   * so (after a final read), when aborted, or after `maxIdlePolls` empty polls in a row: never forever.
   */
  async *follow(stream: LogStreamRef, options: FollowOptions = {}): AsyncGenerator<LogEvent[], void, undefined> {
    const cursor = this.cursor(stream, { pageLimit: options.pageLimit });
    const sleep = options.sleep ?? defaultSleep;
    const interval = options.pollIntervalMs ?? 2000;
    const maxIdle = options.maxIdlePolls ?? 900;
    let idle = 0;
    let finalRead = false;
    while (!options.signal?.aborted) {
      const page = await cursor.readPage();
      if (page.events.length > 0) {
        idle = 0;
        yield page.events;
      }
      if (!page.caughtUp && !page.missing) continue; // behind: read the next page at once
      if (finalRead) return;
      if (options.isDone && (await options.isDone())) {
        finalRead = true; // events written between the last read and the end
        continue;
      }
      if (page.events.length === 0 && ++idle >= maxIdle) return;
      await sleep(interval, options.signal);
    }
  }

  /** Every event of a finished stream, from the head (bounded: at most `maxEvents`). */
  async readAll(stream: LogStreamRef, maxEvents = 100_000): Promise<LogEvent[]> {
    const cursor = this.cursor(stream, { pageLimit: 10_000 });
    const out: LogEvent[] = [];
    for (;;) {
      const r = await cursor.readAvailable(maxEvents - out.length);
      out.push(...r.events);
      if (r.caughtUp || r.missing || out.length >= maxEvents) return out;
    }
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
