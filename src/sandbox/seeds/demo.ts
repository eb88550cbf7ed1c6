import type { Sandbox } from '../sandbox';
import { seedDemoBuilds } from './demoBuild';
import { seedDemoRepositories } from './demoCommit';
import { seedDemoDeployments } from './demoDeploy';
import { seedDemoPipelines } from './demoPipeline';
import type { SeedOptions } from './index';

/**
 * A believable small company: repositories with history, build projects, deployments, and pipelines in every state.
 * Order matters: pipelines run their history against the repositories, projects and deployment groups.
 */
export function seedDemo(sb: Sandbox, _options: SeedOptions): void {
  seedDemoRepositories(sb);
  seedDemoBuilds(sb);
  seedDemoDeployments(sb);
  seedDemoPipelines(sb);
}
