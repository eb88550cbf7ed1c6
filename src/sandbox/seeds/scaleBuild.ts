import { Rng } from '../ids';
import type { Sandbox } from '../sandbox';

const HOUR = 3_600_000;

export interface ScaleBuildOptions {
  projects?: number;
  buildsPerProject?: number;
  runningBuilds?: number;
}

/**
 * CodeBuild's part of the scale seed, for benchmarks: `projects` projects (`svc-0001`...) with `buildsPerProject`
 * finished builds each (about one in ten failed), plus `runningBuilds` builds in progress. Finished builds are
 * listed at once but made only when first read (CodeBuildService.insertFinishedBuild: no test reports, log written
 * on first read), so that 200 x 50 builds seed in tens of milliseconds.
 */
export function seedScaleBuilds(sb: Sandbox, options: ScaleBuildOptions = {}): void {
  const projects = options.projects ?? 200;
  const perProject = options.buildsPerProject ?? 50;
  const running = options.runningBuilds ?? 50;
  const cb = sb.codebuild;
  const now = sb.clock.now();
  const rng = new Rng(42);
  const names: string[] = [];
  for (let i = 0; i < projects; i++) {
    const name = `svc-${String(i + 1).padStart(4, '0')}`;
    names.push(name);
    cb.createProjectInternal(
      {
        name,
        source: { type: 'CODECOMMIT', location: `https://git-codecommit.${sb.region}.amazonaws.com/v1/repos/${name}` },
        sourceVersion: 'refs/heads/main',
        artifacts: { type: 'NO_ARTIFACTS' },
        environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
        serviceRole: 'arn:aws:iam::123456789012:role/service-role/codebuild-service-role',
      },
      now - 90 * 24 * HOUR + i * 1000,
    );
  }
  // Oldest first across all projects, so that ListBuilds' order is the start order.
  const spacing = 3 * HOUR;
  for (let k = perProject; k >= 1; k--) {
    for (const [i, name] of names.entries()) {
      const at = now - k * spacing + Math.floor((i * spacing) / (2 * names.length));
      const fail = rng.next() < 0.1 ? rng.pick(['BUILD', 'BUILD', 'INSTALL', 'PRE_BUILD'] as const) : null;
      cb.insertFinishedBuild(name, at, { failPhase: fail ?? undefined, until: at + HOUR });
    }
  }
  for (let r = 0; r < running && names.length > 0; r++) {
    cb.createBuild({ projectName: names[r % names.length] }, now - rng.int(5_000, 55_000), { testReport: true });
  }
}
