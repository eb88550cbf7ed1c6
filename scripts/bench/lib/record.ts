// What a figure reports: records with a value, a target and (where there is one) the baseline measured in the same run.
import { performance } from 'perf_hooks';

export interface Target {
  /** `<=` the value must not exceed `value`; `<` it must stay under it; `>=` it must reach it; `==` it must equal it. */
  op: '<=' | '<' | '>=' | '==';
  value: number;
}

export interface Baseline {
  /** What the baseline is, e.g. "naive: one call per item, sequential". */
  name: string;
  value: number;
}

export interface BenchRecord {
  name: string;
  value: number | null;
  unit: string;
  target: Target | null;
  baseline: Baseline | null;
  /** value / baseline or baseline / value, whichever the target is about (see `ratioOf`). */
  ratio?: { value: number; meaning: string; target?: Target };
  pass: boolean | null;
  notes?: string;
}

export interface FigureResult {
  id: number;
  key: string;
  title: string;
  /** Every record with a target passes (null: nothing with a target was measured). */
  pass: boolean | null;
  records: BenchRecord[];
  /** Why the figure (or part of it) could not be measured. */
  error?: string;
  seconds: number;
  /** The 1-minute load average when the figure started and ended (other processes skew every timing). */
  load?: [number, number];
}

export function meets(value: number | null, target: Target | null): boolean | null {
  if (target === null) return null;
  if (value === null || !Number.isFinite(value)) return false;
  switch (target.op) {
    case '<=':
      return value <= target.value;
    case '<':
      return value < target.value;
    case '>=':
      return value >= target.value;
    case '==':
      return value === target.value;
  }
}

/** A record; `pass` is computed from the value and, when given, the ratio target (both must hold). */
export function record(r: Omit<BenchRecord, 'pass' | 'target' | 'baseline'> & { target?: Target | null; baseline?: Baseline | null }): BenchRecord {
  const target = r.target ?? null;
  const baseline = r.baseline ?? null;
  const checks = [meets(r.value, target), r.ratio?.target ? meets(r.ratio.value, r.ratio.target) : null].filter((x): x is boolean => x !== null);
  return { ...r, target, baseline, pass: checks.length ? checks.every(Boolean) : null };
}

export function figurePass(records: BenchRecord[], error?: string): boolean | null {
  const judged = records.filter((r) => r.pass !== null);
  if (error) return false;
  return judged.length ? judged.every((r) => r.pass) : null;
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Sums a `service.Operation -> count` map, optionally only the keys that match. */
export function sumCounts(counts: Record<string, number>, match: (key: string) => boolean = () => true): number {
  let n = 0;
  for (const [k, v] of Object.entries(counts)) if (match(k)) n += v;
  return n;
}

/** `a - b` per key (keys with 0 dropped). */
export function diffCounts(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) {
    const d = v - (before[k] ?? 0);
    if (d) out[k] = d;
  }
  return out;
}

export function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k.replace(/^[a-z]+\./, '')} ${v}`)
    .join(', ');
}
