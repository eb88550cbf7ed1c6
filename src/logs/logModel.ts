import type { ReadResult } from '../aws/logs';
import type { Build } from '../model/codebuild';
import type { LogStreamRef } from '../model/logs';
import { stripAnsi } from './ansi';
import { PhaseIndex } from './phases';

/** What the model needs of the service layer (AwsSession's codebuild and logs satisfy it; tests can fake it). */
export interface BuildLogSource {
  getBuild(id: string): Promise<Build>;
  cursor(stream: LogStreamRef, options?: { pageLimit?: number }): { readAvailable(maxEvents?: number): Promise<ReadResult> };
}

export interface BuildLogOptions {
  /** Events per GetLogEvents page (CloudWatch allows up to 10,000). */
  pageLimit?: number;
  /** Events gathered before they are appended (and `onAppend` fires): one page of the document. */
  appendEvents?: number;
  /** Events read by one poll at most, so one scheduler tick stays bounded; the next poll continues. */
  pollBudget?: number;
  /** Lines kept at most: beyond it the document says it stopped and reading ends (bounded memory). */
  maxLines?: number;
}

export type BuildLogState = 'starting' | 'waiting' | 'following' | 'done' | 'truncated';

const DEFAULTS: Required<BuildLogOptions> = { pageLimit: 10_000, appendEvents: 10_000, pollBudget: 200_000, maxLines: 1_000_000 };

/**
 * One build's log as a growing text: read from the head with the service layer's LogCursor (GetLogEvents, same
 * token back = caught up), appended page by page, ANSI codes stripped, phases indexed as lines arrive. `poll()` is
 * what the refresh scheduler calls; once the build is complete (seen BEFORE a read) and that read caught up, the
 * log is drained and the model is done: nothing polls it again. No `vscode` here: tested in plain Node.
 */
export class BuildLogModel {
  readonly phases = new PhaseIndex();
  private readonly options: Required<BuildLogOptions>;
  private content = '';
  private cursor?: { readAvailable(maxEvents?: number): Promise<ReadResult> };
  private inFlight?: Promise<void>;
  private _build?: Build;
  private _state: BuildLogState = 'starting';
  private _error?: unknown;
  private readonly listeners = new Set<() => void>();
  /** GetLogEvents rounds (readAvailable calls) and events read, for figures. */
  readonly stats = { reads: 0, events: 0, buildCalls: 0 };

  constructor(
    private readonly source: BuildLogSource,
    readonly buildId: string,
    options: BuildLogOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  get build(): Build | undefined {
    return this._build;
  }

  get state(): BuildLogState {
    return this._state;
  }

  /** Finished for good: nothing will be appended again. */
  get finished(): boolean {
    return this._state === 'done' || this._state === 'truncated';
  }

  get lastError(): unknown {
    return this._error;
  }

  get lineCount(): number {
    return this.phases.lineCount;
  }

  /** The whole text so far (lines joined by `\n`). */
  text(): string {
    return this.content;
  }

  /** Fires after each appended page and after state changes. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** One refresh: the build (while not complete), then the log up to the poll budget. Concurrent calls share one run. */
  poll(): Promise<void> {
    if (this.finished) return Promise.resolve();
    this.inFlight ??= this.run().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Polls until the first page is in (or the stream is known not to exist yet): what the document shows first. */
  async loadFirstPage(): Promise<void> {
    await this.poll();
  }

  private async run(): Promise<void> {
    try {
      // Completion is read BEFORE the log: a complete build whose log then reads to the end is drained.
      let complete = this._build?.complete ?? false;
      if (!complete) {
        this.stats.buildCalls++;
        this._build = await this.source.getBuild(this.buildId);
        complete = this._build.complete;
      }
      const stream = this._build?.logs;
      if (!stream?.groupName || !stream.streamName) {
        this.setState(complete ? 'done' : 'waiting');
        return;
      }
      this.cursor ??= this.source.cursor({ groupName: stream.groupName, streamName: stream.streamName }, { pageLimit: this.options.pageLimit });
      let budget = this.options.pollBudget;
      for (;;) {
        const r = await this.cursor.readAvailable(Math.min(this.options.appendEvents, budget));
        this.stats.reads++;
        this.stats.events += r.events.length;
        budget -= r.events.length;
        if (r.events.length > 0 && !this.append(r.events.map((e) => e.message))) return;
        if (r.missing) {
          this.setState(complete ? 'done' : 'waiting');
          return;
        }
        if (r.caughtUp) {
          this.setState(complete ? 'done' : 'following');
          return;
        }
        if (budget <= 0) {
          this.setState('following');
          return; // more to read: the next poll continues from the cursor
        }
      }
    } catch (e) {
      this._error = e;
      this.emit();
      throw e;
    }
  }

  /** Appends messages as lines; false once the line cap is reached (the model is then truncated and done). */
  private append(messages: string[]): boolean {
    const lines: string[] = [];
    for (const m of messages) {
      const text = stripAnsi(m).replace(/\r?\n$/, '');
      if (text.includes('\n')) for (const l of text.split(/\r?\n/)) lines.push(l);
      else lines.push(text);
    }
    const room = this.options.maxLines - this.phases.lineCount;
    const kept = lines.length > room ? lines.slice(0, Math.max(0, room)) : lines;
    if (kept.length > 0) {
      this.content += (this.phases.lineCount > 0 ? '\n' : '') + kept.join('\n');
      this.phases.add(kept);
    }
    if (kept.length < lines.length) {
      this.content += `\n[AWS DevTools] The log goes on, but only its first ${this.options.maxLines.toLocaleString('en-US')} lines are shown here: open the build in the console for the rest.`;
      this._state = 'truncated';
      this.emit();
      return false;
    }
    this.emit();
    return true;
  }

  private setState(state: BuildLogState): void {
    this._error = undefined;
    if (state === this._state) return;
    this._state = state;
    this.emit();
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }
}
