import { realTimers, type Timers } from './timers';

/**
 * What an owner (a view, the pipeline panel, a status bar indicator) wants kept fresh. The scheduler polls it only
 * while its owner is visible: fast while it is active (running), slowly or never once it is settled.
 */
export interface PollTarget {
  /** Stable id, e.g. `build:<connection>:<buildId>`; registering the same id again replaces the target. */
  readonly id: string;
  /** The view, panel or indicator this belongs to; see setVisible(). */
  readonly owner: string;
  /** Whether the resource still changes by itself (a running build). */
  isActive(): boolean;
  /** What to do once settled: never poll again, or poll at the idle interval (e.g. a list that gains new runs). */
  readonly whenSettled: 'never' | 'slow';
  /** Targets with the same batch key that fall due together are fetched by one call to the key's batch poller. */
  readonly batch?: { key: string; item: string };
  /** Polls this target alone (targets without `batch`). */
  poll?(): Promise<void>;
}

export interface SchedulerSettings {
  activeIntervalMs: number;
  idleIntervalMs: number;
  /** Intervals are multiplied by this while the window is not focused. */
  unfocusedFactor: number;
  maxBackoffMs: number;
}

export const defaultSchedulerSettings: SchedulerSettings = {
  activeIntervalMs: 5_000,
  idleIntervalMs: 60_000,
  unfocusedFactor: 4,
  maxBackoffMs: 5 * 60_000,
};

/** An error a poller throws that asks for backoff (throttling, network failures). */
export function shouldBackOff(error: unknown): boolean {
  const kind = (error as { kind?: unknown } | undefined)?.kind;
  return kind === 'throttled' || kind === 'network' || kind === 'service';
}

interface Entry {
  target: PollTarget;
  due: number;
  failures: number;
  boostUntil: number;
  inFlight: boolean;
}

export interface SchedulerStats {
  /** Calls made: one per single poll, one per batch call. */
  calls: number;
  batchCalls: number;
  singlePolls: number;
  failures: number;
}

/** The one refresh scheduler of the extension: a single timer, armed only when something visible needs polling. */
export class RefreshScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly batchPollers = new Map<string, (items: string[]) => Promise<void>>();
  private readonly visibleOwners = new Set<string>();
  private focused = true;
  private timer: unknown;
  private timerDue = Infinity;
  private disposed = false;
  readonly stats: SchedulerStats = { calls: 0, batchCalls: 0, singlePolls: 0, failures: 0 };

  constructor(
    private settings: SchedulerSettings = defaultSchedulerSettings,
    private readonly timers: Timers = realTimers,
    private readonly onError: (error: unknown, what: string) => void = () => undefined,
  ) {}

  updateSettings(settings: Partial<SchedulerSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.arm();
  }

  registerBatchPoller(key: string, poller: (items: string[]) => Promise<void>): { dispose(): void } {
    this.batchPollers.set(key, poller);
    return { dispose: () => this.batchPollers.get(key) === poller && this.batchPollers.delete(key) };
  }

  /** Starts keeping `target` fresh; its first poll is one interval from now. */
  watch(target: PollTarget): { dispose(): void } {
    const previous = this.entries.get(target.id);
    const entry: Entry = { target, due: 0, failures: 0, boostUntil: previous?.boostUntil ?? 0, inFlight: previous?.inFlight ?? false };
    entry.due = this.timers.now() + this.interval(entry);
    this.entries.set(target.id, entry);
    this.arm();
    return {
      dispose: () => {
        if (this.entries.get(target.id) === entry) {
          this.entries.delete(target.id);
          this.arm();
        }
      },
    };
  }

  /** Watch `id` closely (active interval) for `ms`, starting with a poll soon: used after start/stop/retry/approve. */
  boost(id: string, ms = 60_000, firstPollInMs = 1_000): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    const now = this.timers.now();
    entry.boostUntil = now + ms;
    entry.due = Math.min(entry.due, now + firstPollInMs);
    this.arm();
  }

  setVisible(owner: string, visible: boolean): void {
    if (visible === this.visibleOwners.has(owner)) return;
    if (visible) this.visibleOwners.add(owner);
    else this.visibleOwners.delete(owner);
    this.arm();
  }

  setFocused(focused: boolean): void {
    if (focused === this.focused) return;
    this.focused = focused;
    // Re-base every due time on the new interval so an unfocused window slows down at once.
    const now = this.timers.now();
    for (const e of this.entries.values()) e.due = Math.min(e.due, now + this.interval(e));
    this.arm();
  }

  /** How many targets would be polled now (visible and not settled-for-good). */
  get pollableCount(): number {
    return [...this.entries.values()].filter((e) => this.pollable(e)).length;
  }

  get hasTimer(): boolean {
    return this.timer !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.entries.clear();
    this.batchPollers.clear();
  }

  private pollable(e: Entry): boolean {
    if (!this.visibleOwners.has(e.target.owner)) return false;
    return e.target.whenSettled === 'slow' || e.boostUntil > this.timers.now() || e.target.isActive();
  }

  private interval(e: Entry): number {
    const now = this.timers.now();
    const fast = e.boostUntil > now || e.target.isActive();
    let ms = fast ? this.settings.activeIntervalMs : this.settings.idleIntervalMs;
    if (!this.focused) ms *= this.settings.unfocusedFactor;
    if (e.failures > 0) {
      const backoff = Math.min(this.settings.maxBackoffMs, ms * 2 ** e.failures);
      // full jitter on the upper half, so clients that failed together do not retry together
      ms = backoff / 2 + (backoff / 2) * this.timers.random();
    }
    return ms;
  }

  private arm(): void {
    if (this.disposed) return;
    let next = Infinity;
    for (const e of this.entries.values()) if (!e.inFlight && this.pollable(e)) next = Math.min(next, e.due);
    if (next === this.timerDue) return;
    this.clearTimer();
    if (next === Infinity) return;
    this.timerDue = next;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.timerDue = Infinity;
      this.fire();
    }, Math.max(0, next - this.timers.now()));
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Infinity;
  }

  private fire(): void {
    const now = this.timers.now();
    const due = [...this.entries.values()].filter((e) => !e.inFlight && this.pollable(e) && e.due <= now);
    const batches = new Map<string, Entry[]>();
    for (const e of due) {
      const key = e.target.batch?.key;
      if (key && this.batchPollers.has(key)) {
        const list = batches.get(key) ?? [];
        list.push(e);
        batches.set(key, list);
      } else if (e.target.poll) {
        this.stats.singlePolls++;
        void this.run([e], () => e.target.poll!(), e.target.id);
      } else {
        e.due = now + this.interval(e);
      }
    }
    for (const [key, list] of batches) {
      const items = [...new Set(list.map((e) => e.target.batch!.item))];
      this.stats.batchCalls++;
      void this.run(list, () => this.batchPollers.get(key)!(items), key);
    }
    this.arm();
  }

  private async run(list: Entry[], call: () => Promise<void>, what: string): Promise<void> {
    for (const e of list) e.inFlight = true;
    this.stats.calls++;
    let failed: unknown;
    try {
      await call();
    } catch (error) {
      failed = error;
      this.stats.failures++;
      this.onError(error, what);
    }
    for (const e of list) {
      e.inFlight = false;
      e.failures = failed !== undefined && shouldBackOff(failed) ? Math.min(e.failures + 1, 10) : 0;
      e.due = this.timers.now() + this.interval(e);
    }
    this.arm();
  }
}
