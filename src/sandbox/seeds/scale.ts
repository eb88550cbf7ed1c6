import type { Sandbox } from '../sandbox';
import type { SeedOptions } from './index';

/** Many pipelines, projects and builds, for benchmarks. */
export function seedScale(_sb: Sandbox, _options: SeedOptions): void {
  // Filled in with the services.
}
