import type { BenchBuild } from '../lib/build';
import type { BenchRecord } from '../lib/record';

export interface FigureContext {
  build: BenchBuild;
  log(line: string): void;
}

export interface FigureOutput {
  records: BenchRecord[];
  /** A part that could not be measured, and why (the records that were measured are still reported). */
  error?: string;
}

export interface Figure {
  id: number;
  key: string;
  title: string;
  run(ctx: FigureContext): Promise<FigureOutput>;
}
