import type { Sandbox } from '../sandbox';
import type { SeedOptions } from './index';

/** A believable small company: repositories with history, build projects, pipelines in every state, deployments. */
export function seedDemo(_sb: Sandbox, _options: SeedOptions): void {
  // Each service's part is added as the services are built.
}
