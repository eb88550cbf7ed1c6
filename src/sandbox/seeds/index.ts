import { AwsError } from '../errors';
import type { Sandbox } from '../sandbox';
import { seedDemo } from './demo';
import { seedScale } from './scale';

export type SeedName = 'empty' | 'demo' | 'scale';
export interface SeedOptions {
  pipelines?: number;
  projects?: number;
  buildsPerProject?: number;
  runningBuilds?: number;
}

const seeds: Record<SeedName, (sb: Sandbox, options: SeedOptions) => void> = {
  empty: () => undefined,
  demo: seedDemo,
  scale: seedScale,
};

export function applySeed(sb: Sandbox, name: string, options: SeedOptions): void {
  const seed = Object.hasOwn(seeds, name) ? seeds[name as SeedName] : undefined;
  if (!seed) throw new AwsError('ValidationException', `Unknown seed '${name}' (known: ${Object.keys(seeds).join(', ')})`);
  seed(sb, options);
}
