import { dict } from '../dict';
import { AwsError } from '../errors';
import { arn } from '../ids';
import { page } from '../pagination';
import { Validator, type StrRule } from '../validate';
import { BaseService } from './base';
import type { LogsInternal } from './internal';
import { compileFilterPattern } from './logs/filterPattern';
import { eventSize, insertEvent, MAX_PAGE_BYTES, type LogGroupRec, type LogsState, type LogStreamRec } from './logs/model';
import { filterEvents, getEvents } from './logs/read';
import type { Json, Operation, RequestContext } from './types';

const GROUP_NAME: StrRule = { min: 1, max: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/ };
const GROUP_ID: StrRule = { min: 1, max: 2048, pattern: /^[\w#+=/:,.@-]*$/ };
const STREAM_NAME: StrRule = { min: 1, max: 512, pattern: /^[^:*]*$/ };
const LOG_GROUP_CLASSES = ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY'] as const;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** CloudWatch Logs: groups, streams and events in memory, with GetLogEvents' token semantics. Wire times are epoch ms. */
export class LogsService extends BaseService<LogsState> implements LogsInternal {
  readonly name = 'logs' as const;
  readonly targetPrefix = 'Logs_20140328';
  readonly operations: Record<string, Operation> = {
    CreateLogGroup: (i, c) => this.createLogGroup(i, c),
    CreateLogStream: (i, c) => this.createLogStream(i, c),
    PutLogEvents: (i, c) => this.putLogEvents(i, c),
    DescribeLogGroups: (i) => this.describeLogGroups(i),
    DescribeLogStreams: (i) => this.describeLogStreams(i),
    GetLogEvents: (i) => this.getLogEvents(i),
    FilterLogEvents: (i) => this.filterLogEvents(i),
  };

  private readonly readHooks: ((groupName: string) => void)[] = [];

  /** Lets a service write what it deferred (CodeBuild's seeded build logs) before a group is read. */
  onRead(hook: (groupName: string) => void): void {
    this.readHooks.push(hook);
  }

  protected initialState(): LogsState {
    return { version: 1, groups: dict() };
  }

  protected revive(state: LogsState): LogsState {
    state.groups = dict(state.groups);
    for (const g of Object.values(state.groups)) g.streams = dict(g.streams);
    return state;
  }

  // ---- internal contract -------------------------------------------------------------------------------------

  ensureStream(groupName: string, streamName: string, creationTime = this.sandbox.clock.now()): void {
    const group = this.ensureGroup(groupName, creationTime);
    if (!group.streams[streamName]) group.streams[streamName] = newStream(streamName, creationTime);
  }

  /** Creates a log group unless it exists (its streams may come later, on first read: see onRead). */
  ensureGroup(groupName: string, creationTime = this.sandbox.clock.now()): LogGroupRec {
    return (this.state.groups[groupName] ??= newGroup(groupName, creationTime, this.sandbox.region));
  }

  appendEvents(groupName: string, streamName: string, events: { timestamp: number; message: string }[]): void {
    if (events.length === 0) return;
    this.ensureStream(groupName, streamName, events[0].timestamp);
    const stream = this.state.groups[groupName].streams[streamName];
    const now = this.sandbox.clock.now();
    for (const e of events) {
      // Ingestion a moment after the event, never later than "now" (historic seeds write with past timestamps).
      const ingestionTime = Math.max(e.timestamp, Math.min(now, e.timestamp + 180));
      insertEvent(stream.events, { timestamp: e.timestamp, message: e.message, ingestionTime });
      stream.storedBytes += eventSize(e.message);
      stream.lastIngestionTime = ingestionTime;
    }
  }

  /** The number of events in a stream (0 when missing); for tests and seeds. */
  eventCount(groupName: string, streamName: string): number {
    return this.state.groups[groupName]?.streams[streamName]?.events.length ?? 0;
  }

  // ---- operations --------------------------------------------------------------------------------------------

  private createLogGroup(input: Json, ctx: RequestContext): Json {
    const v = this.validator(input);
    const name = v.str('logGroupName', { ...GROUP_NAME, required: true }) as string;
    const kmsKeyId = v.str('kmsKeyId', { max: 256 });
    const tags = v.obj('tags');
    const logGroupClass = v.str('logGroupClass', { enum: LOG_GROUP_CLASSES });
    if (tags && (Object.keys(tags).length < 1 || Object.keys(tags).length > 50))
      v.fail(`Value '{${Object.keys(tags).length} entries}' at 'tags' failed to satisfy constraint: Member must have length between 1 and 50`);
    v.done();
    if (this.state.groups[name]) throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
    const group = newGroup(name, ctx.now, ctx.region);
    if (kmsKeyId) group.kmsKeyId = kmsKeyId;
    if (logGroupClass) group.logGroupClass = logGroupClass;
    if (tags) group.tags = Object.fromEntries(Object.entries(tags).map(([k, val]) => [k, String(val)]));
    this.state.groups[name] = group;
    return {};
  }

  private createLogStream(input: Json, ctx: RequestContext): Json {
    const v = this.validator(input);
    const groupName = v.str('logGroupName', { ...GROUP_NAME, required: true }) as string;
    const streamName = v.str('logStreamName', { ...STREAM_NAME, required: true }) as string;
    v.done();
    const group = this.group(groupName);
    if (group.streams[streamName]) throw new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
    group.streams[streamName] = newStream(streamName, ctx.now);
    return {};
  }

  private putLogEvents(input: Json, ctx: RequestContext): Json {
    const v = this.validator(input);
    const groupName = v.str('logGroupName', { ...GROUP_NAME, required: true }) as string;
    const streamName = v.str('logStreamName', { ...STREAM_NAME, required: true }) as string;
    v.str('sequenceToken', { min: 1 });
    const raw = v.list<Json>('logEvents', { required: true, min: 1, max: 10_000 }) ?? [];
    const events = raw.map((e, i) => {
      if (typeof e !== 'object' || e === null) throw new AwsError('SerializationException', `Unexpected value type for 'logEvents.${i + 1}'`);
      const ev = v.nested(`logEvents.${i + 1}.member`, e);
      const timestamp = ev.int('timestamp', { required: true, min: 0 });
      const message = ev.str('message', { required: true, min: 1 });
      return { timestamp: timestamp ?? 0, message: message ?? '' };
    });
    v.done();
    const stream = this.stream(groupName, streamName);
    for (let i = 1; i < events.length; i++) {
      if (events[i].timestamp < events[i - 1].timestamp)
        throw new AwsError('InvalidParameterException', 'Log events in a single PutLogEvents request must be in chronological order.');
    }
    const bytes = events.reduce((n, e) => n + eventSize(e.message), 0);
    if (bytes > MAX_PAGE_BYTES) throw new AwsError('InvalidParameterException', `Upload too large: ${bytes} bytes exceeds limit of ${MAX_PAGE_BYTES}`);
    // Events more than 14 days old or 2 hours ahead are rejected (reported by index); the rest are stored.
    const tooOldEnd = events.findIndex((e) => e.timestamp >= ctx.now - 14 * DAY);
    const tooNewStart = events.findIndex((e) => e.timestamp > ctx.now + 2 * HOUR);
    const from = tooOldEnd < 0 ? events.length : tooOldEnd;
    const to = tooNewStart < 0 ? events.length : tooNewStart;
    const accepted = events.slice(from, Math.max(from, to));
    if (accepted.length > 1 && accepted[accepted.length - 1].timestamp - accepted[0].timestamp > DAY)
      throw new AwsError('InvalidParameterException', 'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
    for (const e of accepted) {
      insertEvent(stream.events, { timestamp: e.timestamp, message: e.message, ingestionTime: ctx.now });
      stream.storedBytes += eventSize(e.message);
    }
    if (accepted.length) stream.lastIngestionTime = ctx.now;
    stream.sequence++;
    const rejected: Json = {};
    if (from > 0) rejected.tooOldLogEventEndIndex = from;
    if (tooNewStart >= 0) rejected.tooNewLogEventStartIndex = tooNewStart;
    return { nextSequenceToken: sequenceToken(stream.sequence), ...(Object.keys(rejected).length ? { rejectedLogEventsInfo: rejected } : {}) };
  }

  private describeLogGroups(input: Json): Json {
    const v = this.validator(input);
    const prefix = v.str('logGroupNamePrefix', GROUP_NAME);
    const pattern = v.str('logGroupNamePattern', { min: 0, max: 512, pattern: /^[.\-_/#A-Za-z0-9]*$/ });
    const ids = v.strList('logGroupIdentifiers', { min: 1, max: 50 }, GROUP_ID);
    v.list('accountIdentifiers', { min: 0, max: 20 });
    const logGroupClass = v.str('logGroupClass', { enum: LOG_GROUP_CLASSES });
    const limit = v.int('limit', { min: 1, max: 50 }) ?? 50;
    const nextToken = v.str('nextToken', { min: 1 });
    v.done();
    if (prefix !== undefined && pattern !== undefined)
      throw new AwsError('InvalidParameterException', 'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
    if (ids && (prefix !== undefined || pattern !== undefined))
      throw new AwsError('InvalidParameterException', 'logGroupIdentifiers cannot be used together with logGroupNamePrefix or logGroupNamePattern.');
    const wanted = ids ? new Set(ids.map(groupNameOf)) : undefined;
    const groups = Object.values(this.state.groups)
      .filter((g) => (prefix === undefined || g.name.startsWith(prefix)) && (!pattern || g.name.includes(pattern)))
      .filter((g) => !wanted || wanted.has(g.name))
      .filter((g) => !logGroupClass || g.logGroupClass === logGroupClass)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const p = page(groups, { list: `groups:${prefix ?? ''}:${pattern ?? ''}:${[...(wanted ?? [])].join(',')}`, nextToken, pageSize: limit, invalidTokenError: 'InvalidParameterException' });
    return {
      logGroups: p.items.map((g) => (pattern !== undefined ? { logGroupName: g.name, creationTime: g.creationTime, arn: groupArn(g, true) } : groupWire(g))),
      ...(p.nextToken ? { nextToken: p.nextToken } : {}),
    };
  }

  private describeLogStreams(input: Json): Json {
    const v = this.validator(input);
    const groupName = this.groupInput(v);
    const prefix = v.str('logStreamNamePrefix', STREAM_NAME);
    const orderBy = v.str('orderBy', { enum: ['LogStreamName', 'LastEventTime'] }) ?? 'LogStreamName';
    const descending = v.bool('descending') ?? false;
    const limit = v.int('limit', { min: 1, max: 50 }) ?? 50;
    const nextToken = v.str('nextToken', { min: 1 });
    v.done();
    if (orderBy === 'LastEventTime' && prefix !== undefined)
      throw new AwsError('InvalidParameterException', 'Cannot order by LastEventTime with a logStreamNamePrefix.');
    const group = this.group(groupName);
    const streams = Object.values(group.streams).filter((s) => prefix === undefined || s.name.startsWith(prefix));
    if (orderBy === 'LogStreamName') streams.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    else streams.sort((a, b) => lastEventTime(a) - lastEventTime(b) || (a.name < b.name ? -1 : 1));
    if (descending) streams.reverse();
    const p = page(streams, { list: `streams:${group.name}:${prefix ?? ''}:${orderBy}:${descending}`, nextToken, pageSize: limit, invalidTokenError: 'InvalidParameterException' });
    return { logStreams: p.items.map((s) => streamWire(group, s)), ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
  }

  private getLogEvents(input: Json): Json {
    const v = this.validator(input);
    const groupName = this.groupInput(v);
    const streamName = v.str('logStreamName', { ...STREAM_NAME, required: true }) as string;
    const startTime = v.int('startTime', { min: 0 });
    const endTime = v.int('endTime', { min: 0 });
    const nextToken = v.str('nextToken', { min: 1 });
    const limit = v.int('limit', { min: 1, max: 10_000 });
    const startFromHead = v.bool('startFromHead');
    v.bool('unmask');
    v.done();
    const stream = this.stream(groupName, streamName);
    const r = getEvents(stream, { startTime, endTime, nextToken, limit, startFromHead });
    return {
      events: r.events.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
      nextForwardToken: r.nextForwardToken,
      nextBackwardToken: r.nextBackwardToken,
    };
  }

  private filterLogEvents(input: Json): Json {
    const v = this.validator(input);
    const groupName = this.groupInput(v);
    const names = v.strList('logStreamNames', { min: 1, max: 100 }, STREAM_NAME);
    const prefix = v.str('logStreamNamePrefix', STREAM_NAME);
    const startTime = v.int('startTime', { min: 0 });
    const endTime = v.int('endTime', { min: 0 });
    const filterPattern = v.str('filterPattern', { min: 0, max: 1024 });
    const nextToken = v.str('nextToken', { min: 1 });
    const limit = v.int('limit', { min: 1, max: 10_000 });
    const startFromHead = v.bool('startFromHead') ?? true;
    v.bool('interleaved');
    v.bool('unmask');
    v.done();
    if (names && prefix !== undefined)
      throw new AwsError('InvalidParameterException', 'logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
    if (!startFromHead && startTime !== undefined && startTime < Date.UTC(2024, 0, 1))
      throw new AwsError('InvalidParameterException', 'startFromHead=false is supported only when startTime is on or after Jan 1, 2024 00:00:00 UTC.');
    const group = this.group(groupName);
    let streams: LogStreamRec[];
    if (names) streams = [...new Set(names)].map((n) => group.streams[n]).filter((s): s is LogStreamRec => s !== undefined);
    // Oldest stream first (seeded builds' streams are created when first read, not in start order).
    else streams = Object.values(group.streams).filter((s) => prefix === undefined || s.name.startsWith(prefix)).sort((a, b) => a.creationTime - b.creationTime);
    const queryKey = JSON.stringify([group.name, names ?? null, prefix ?? null, filterPattern ?? '', startTime ?? null, endTime ?? null, startFromHead]);
    // A token carries its own direction, as on AWS; we bind it to the query instead.
    const r = filterEvents(streams, { startTime, endTime, limit, descending: !startFromHead, nextToken, match: compileFilterPattern(filterPattern), queryKey });
    return { events: r.events, searchedLogStreams: r.searched, ...(r.nextToken ? { nextToken: r.nextToken } : {}) };
  }

  // ---- helpers -----------------------------------------------------------------------------------------------

  private validator(input: Json): Validator {
    return new Validator(input, 'InvalidParameterException');
  }

  /** Either logGroupName or logGroupIdentifier (a name or an ARN), never both. */
  private groupInput(v: Validator): string {
    const name = v.str('logGroupName', GROUP_NAME);
    const id = v.str('logGroupIdentifier', GROUP_ID);
    if (name !== undefined && id !== undefined) {
      v.done();
      throw new AwsError('InvalidParameterException', 'LogGroup name and LogGroup ARN are mutually exclusive parameters.');
    }
    if (name === undefined && id === undefined) {
      v.done();
      throw new AwsError('InvalidParameterException', 'Either logGroupName or logGroupIdentifier must be specified.');
    }
    return name ?? groupNameOf(id as string);
  }

  private group(name: string): LogGroupRec {
    for (const hook of this.readHooks) hook(name);
    const g = this.state.groups[name];
    if (!g) throw new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
    return g;
  }

  private stream(groupName: string, streamName: string): LogStreamRec {
    const s = this.group(groupName).streams[streamName];
    if (!s) throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
    return s;
  }
}

function newGroup(name: string, creationTime: number, region: string): LogGroupRec {
  return { name, creationTime, region, logGroupClass: 'STANDARD', streams: dict() };
}

function newStream(name: string, creationTime: number): LogStreamRec {
  return { name, creationTime, events: [], storedBytes: 0, sequence: 0 };
}

/** `arn:aws:logs:<region>:<account>:log-group:<name>[:*]` or a plain name. */
function groupNameOf(identifier: string): string {
  const m = /^arn:aws[\w-]*:logs:[^:]*:\d*:log-group:([^:]+)(?::\*)?$/.exec(identifier);
  return m ? m[1] : identifier;
}

function groupArn(g: LogGroupRec, star: boolean): string {
  return arn('logs', g.region, `log-group:${g.name}${star ? ':*' : ''}`);
}

function groupWire(g: LogGroupRec): Json {
  const storedBytes = Object.values(g.streams).reduce((n, s) => n + s.storedBytes, 0);
  return {
    logGroupName: g.name,
    creationTime: g.creationTime,
    metricFilterCount: 0,
    arn: groupArn(g, true),
    storedBytes,
    ...(g.kmsKeyId ? { kmsKeyId: g.kmsKeyId } : {}),
    logGroupClass: g.logGroupClass,
    logGroupArn: groupArn(g, false),
  };
}

function lastEventTime(s: LogStreamRec): number {
  return s.events.length ? s.events[s.events.length - 1].timestamp : 0;
}

function streamWire(g: LogGroupRec, s: LogStreamRec): Json {
  const out: Json = {
    logStreamName: s.name,
    creationTime: s.creationTime,
    arn: arn('logs', g.region, `log-group:${g.name}:log-stream:${s.name}`),
    storedBytes: 0, // deprecated by AWS: always 0
  };
  if (s.events.length) {
    out.firstEventTimestamp = s.events[0].timestamp;
    out.lastEventTimestamp = s.events[s.events.length - 1].timestamp;
  }
  if (s.lastIngestionTime !== undefined) out.lastIngestionTime = s.lastIngestionTime;
  out.uploadSequenceToken = sequenceToken(s.sequence);
  return out;
}

function sequenceToken(n: number): string {
  return String(49_000_000_000 + n).padStart(56, '0');
}
