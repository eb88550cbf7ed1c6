/**
 * Sandbox time. In `real` mode simulated time runs `speed` times faster than the wall clock; in `manual` mode it only
 * moves when a test calls advance(). Either way advance() jumps forward in small steps so that chained state
 * machines (build done -> stage done -> deployment starts) see every step in order.
 */
export type ClockMode = 'real' | 'manual';

export class Clock {
  private base: number;
  private realStart: number;
  private offset = 0;
  private readonly listeners = new Set<(now: number) => void>();

  constructor(
    readonly mode: ClockMode = 'real',
    private speed = 1,
    start = Date.now(),
  ) {
    this.base = start;
    this.realStart = Date.now();
  }

  now(): number {
    const running = this.mode === 'real' ? (Date.now() - this.realStart) * this.speed : 0;
    return Math.floor(this.base + running + this.offset);
  }

  getSpeed(): number {
    return this.speed;
  }

  setSpeed(speed: number): void {
    this.base = this.now() - this.offset;
    this.realStart = Date.now();
    this.speed = speed;
  }

  /** Moves time forward by `ms`, notifying listeners every `stepMs` of simulated time. */
  advance(ms: number, stepMs = 1000): void {
    let left = Math.max(0, ms);
    while (left > 0) {
      const step = Math.min(stepMs, left);
      this.offset += step;
      left -= step;
      this.notify();
    }
  }

  /** Sets the simulated time (used when state is loaded from a file). */
  set(now: number): void {
    this.offset += now - this.now();
  }

  onTick(listener: (now: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    const now = this.now();
    for (const l of this.listeners) l(now);
  }
}
