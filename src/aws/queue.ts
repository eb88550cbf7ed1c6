/** A bounded-concurrency queue: at most `limit` tasks run at once, the others wait in FIFO order. */
export class TaskQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private peak = 0;

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new Error('TaskQueue limit must be at least 1');
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    this.peak = Math.max(this.peak, this.running);
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** Runs `fn` over every item through the queue; results in input order; the first rejection rejects the whole. */
  map<I, T>(items: readonly I[], fn: (item: I) => Promise<T>): Promise<T[]> {
    return Promise.all(items.map((item) => this.run(() => fn(item))));
  }

  /** Like `map`, but every item settles (one failing pipeline must not hide the others). */
  mapSettled<I, T>(items: readonly I[], fn: (item: I) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
    return Promise.allSettled(items.map((item) => this.run(() => fn(item))));
  }

  /** The highest number of tasks that ran at once (tests check the bound). */
  get peakConcurrency(): number {
    return this.peak;
  }
  get pending(): number {
    return this.waiting.length;
  }
}

/** Splits `items` into chunks of at most `size` (batch-get limits). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!(size >= 1)) throw new Error('chunk size must be at least 1');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The documented batch-get limits (reference: batch_limits.md). */
export const BATCH_LIMITS = {
  BatchGetBuilds: 100,
  BatchGetProjects: 100,
  BatchGetReports: 100,
  BatchGetRepositories: 100,
  BatchGetApplications: 100,
  BatchGetDeployments: 25,
  BatchGetDeploymentTargets: 25,
  /** Not documented; BatchLimitExceededException is possible, so conservatively 25. */
  BatchGetDeploymentGroups: 25,
} as const;
