import type { Sandbox } from '../sandbox';
import type { Json } from '../services/types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ROLE = 'arn:aws:iam::123456789012:role/service-role/codebuild-service-role';

interface DemoProject {
  name: string;
  description: string;
  repo?: string;
  image: string;
  computeType: string;
  env?: { name: string; value: string }[];
  buildspec?: string;
}

/** The five demo projects; the repositories web-app, api-service and infra are seeded by CodeCommit's demo part. */
export const DEMO_PROJECTS: readonly DemoProject[] = [
  { name: 'web-app', description: 'Builds and tests the customer web front end', repo: 'web-app', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL', env: [{ name: 'NODE_ENV', value: 'production' }] },
  { name: 'api-service', description: 'Compiles, tests and packages the public API', repo: 'api-service', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_MEDIUM' },
  {
    name: 'payments-worker',
    description: 'Background worker that settles payments (its tests are currently failing)',
    repo: 'api-service',
    image: 'aws/codebuild/standard:7.0',
    computeType: 'BUILD_GENERAL1_MEDIUM',
    env: [{ name: 'SANDBOX_FAIL_PHASE', value: 'BUILD' }],
  },
  {
    name: 'infra-templates',
    description: 'Lints and validates the CloudFormation templates',
    repo: 'infra',
    image: 'aws/codebuild/amazonlinux2-x86_64-standard:5.0',
    computeType: 'BUILD_GENERAL1_SMALL',
    buildspec: 'version: 0.2\nphases:\n  install:\n    commands:\n      - pip install cfn-lint\n  build:\n    commands:\n      - cfn-lint templates/*.yaml\n      - echo Templates are valid\n',
  },
  { name: 'mobile-app', description: 'Builds the mobile app bundle for the release pipeline', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_LARGE' },
];

/** A finished build of the demo history: hours ago, and how it ended. */
interface HistoryBuild {
  project: string;
  hoursAgo: number;
  fail?: string | null;
  stopAfterMs?: number;
  sourceVersion?: string;
  initiator?: string;
}

const HISTORY: HistoryBuild[] = [
  { project: 'web-app', hoursAgo: 160, initiator: 'codepipeline/web-app-pipeline' },
  { project: 'api-service', hoursAgo: 150, initiator: 'codepipeline/api-service-pipeline' },
  { project: 'infra-templates', hoursAgo: 140 },
  { project: 'payments-worker', hoursAgo: 130, fail: null },
  { project: 'web-app', hoursAgo: 120, sourceVersion: 'refs/heads/feature/checkout-v2', initiator: 'alice', fail: 'BUILD' },
  { project: 'mobile-app', hoursAgo: 110, initiator: 'codepipeline/mobile-release' },
  { project: 'web-app', hoursAgo: 100, sourceVersion: 'refs/heads/feature/checkout-v2', initiator: 'alice' },
  { project: 'api-service', hoursAgo: 96, fail: 'INSTALL', initiator: 'bob' },
  { project: 'api-service', hoursAgo: 95, initiator: 'bob' },
  { project: 'payments-worker', hoursAgo: 90, fail: null },
  { project: 'infra-templates', hoursAgo: 80, fail: 'BUILD', initiator: 'carol' },
  { project: 'infra-templates', hoursAgo: 79, initiator: 'carol' },
  { project: 'mobile-app', hoursAgo: 72, stopAfterMs: 50_000, initiator: 'dave' },
  { project: 'mobile-app', hoursAgo: 71, initiator: 'codepipeline/mobile-release' },
  { project: 'web-app', hoursAgo: 60, initiator: 'codepipeline/web-app-pipeline' },
  { project: 'api-service', hoursAgo: 48, initiator: 'codepipeline/api-service-pipeline' },
  { project: 'payments-worker', hoursAgo: 30 },
  { project: 'web-app', hoursAgo: 26, initiator: 'codepipeline/web-app-pipeline' },
  { project: 'api-service', hoursAgo: 20, sourceVersion: 'refs/heads/fix/rate-limits', initiator: 'bob' },
  { project: 'infra-templates', hoursAgo: 12 },
  { project: 'payments-worker', hoursAgo: 6, initiator: 'erin' },
  { project: 'web-app', hoursAgo: 3, initiator: 'codepipeline/web-app-pipeline' },
  { project: 'mobile-app', hoursAgo: 2 },
  { project: 'api-service', hoursAgo: 1, initiator: 'codepipeline/api-service-pipeline' },
];

function projectInput(p: DemoProject, region: string): Json {
  const source: Json = p.repo ? { type: 'CODECOMMIT', location: `https://git-codecommit.${region}.amazonaws.com/v1/repos/${p.repo}`, gitCloneDepth: 1 } : { type: 'CODEPIPELINE' };
  if (p.buildspec) source.buildspec = p.buildspec;
  return {
    name: p.name,
    description: p.description,
    source,
    ...(p.repo ? { sourceVersion: 'refs/heads/main' } : {}),
    artifacts: p.repo ? { type: 'NO_ARTIFACTS' } : { type: 'CODEPIPELINE', name: p.name, packaging: 'NONE' },
    environment: { type: 'LINUX_CONTAINER', image: p.image, computeType: p.computeType, environmentVariables: (p.env ?? []).map((e) => ({ ...e, type: 'PLAINTEXT' })) },
    serviceRole: ROLE,
    timeoutInMinutes: 60,
    tags: [{ key: 'team', value: p.name === 'infra-templates' ? 'platform' : 'product' }],
  };
}

/**
 * CodeBuild's part of the demo seed: 5 projects (payments-worker fails at BUILD through SANDBOX_FAIL_PHASE), 24
 * finished builds over the last week with their logs and test reports, and one web-app build running now.
 */
export function seedDemoBuilds(sb: Sandbox): void {
  const cb = sb.codebuild;
  const now = sb.clock.now();
  DEMO_PROJECTS.forEach((p, i) => cb.createProjectInternal(projectInput(p, sb.region), now - (60 - i) * DAY));
  for (const h of HISTORY) {
    const at = now - h.hoursAgo * HOUR;
    const request = { projectName: h.project, ...(h.sourceVersion ? { sourceVersion: h.sourceVersion } : {}) };
    const opts = { ...(h.initiator ? { initiator: h.initiator } : {}), ...(h.fail !== undefined ? { failPhase: h.fail } : {}) };
    if (h.stopAfterMs !== undefined) {
      const b = cb.createBuild(request, at, { ...opts, advanceTo: at + h.stopAfterMs });
      cb.stopBuildInternal(b.id, at + h.stopAfterMs);
    } else {
      cb.createBuild(request, at, opts);
    }
  }
  cb.createBuild({ projectName: 'web-app' }, now - 40_000, { initiator: 'alice' });
}
