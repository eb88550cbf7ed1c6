import type { Sandbox } from '../sandbox';
import { validatePipelineDeclaration } from '../services/codepipeline/structure';
import type { PipelineRec } from '../services/codepipeline/types';
import type { Json } from '../services/types';

/**
 * The demo company's four pipelines, with a history made by really running executions on the clock: the clock is
 * set back to the start of the history, executions start at their times and the clock advances in coarse steps, so
 * the builds, deployments and logs they reference exist. The clock ends at the time it had before seeding.
 *
 * - web-app-release (V2, QUEUED): waiting at its manual approval now.
 * - api-service-ci: failed at its Build stage (a failing build); the transition into Deploy is disabled.
 * - infra-deploy: running, in the middle of its Plan stage.
 * - mobile-app-nightly: all green, once a night.
 */

export const DEMO_PIPELINES = {
  web: 'web-app-release',
  api: 'api-service-ci',
  infra: 'infra-deploy',
  mobile: 'mobile-app-nightly',
} as const;

/** The names the other demo seeds create (CodeCommit repositories, CodeBuild projects, CodeDeploy groups). */
export const DEMO_RESOURCES = {
  webRepo: 'web-app',
  apiRepo: 'api-service',
  infraRepo: 'infra',
  webProject: 'web-app',
  apiProject: 'api-service',
  infraProject: 'infra-templates',
  mobileProject: 'mobile-app',
  mobileTestProject: 'mobile-app',
  webApplication: 'web-app',
  apiApplication: 'api-service',
  stagingGroup: 'staging',
  productionGroup: 'production',
  apiGroup: 'production',
} as const;

const R = DEMO_RESOURCES;
const ROLE = 'arn:aws:iam::123456789012:role/service-role/AWSCodePipelineServiceRole-us-east-1';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Clock step while executions run: coarse enough to keep the seed fast, fine enough for believable timings. */
const STEP = 20_000;

const aws = (category: string, provider: string) => ({ category, owner: 'AWS', provider, version: '1' });
const source = (repo: string, branch: string) => ({
  name: 'Source',
  actionTypeId: aws('Source', 'CodeCommit'),
  runOrder: 1,
  configuration: { RepositoryName: repo, BranchName: branch, PollForSourceChanges: 'false', OutputArtifactFormat: 'CODE_ZIP' },
  outputArtifacts: [{ name: 'SourceArtifact' }],
  namespace: 'SourceVariables',
});
const codebuild = (name: string, project: string, input: string, output?: string, runOrder = 1) => ({
  name,
  actionTypeId: aws(name === 'UnitTests' || name === 'DeviceTests' ? 'Test' : 'Build', 'CodeBuild'),
  runOrder,
  configuration: { ProjectName: project },
  inputArtifacts: [{ name: input }],
  ...(output ? { outputArtifacts: [{ name: output }] } : {}),
});
const codedeploy = (name: string, app: string, group: string, input: string) => ({
  name,
  actionTypeId: aws('Deploy', 'CodeDeploy'),
  runOrder: 1,
  configuration: { ApplicationName: app, DeploymentGroupName: group },
  inputArtifacts: [{ name: input }],
});
const manual = (name: string, customData: string, link: string) => ({
  name,
  actionTypeId: aws('Approval', 'Manual'),
  runOrder: 1,
  configuration: { CustomData: customData, ExternalEntityLink: link },
});
const store = { type: 'S3', location: 'codepipeline-us-east-1-123456789012' };

const declarations: Json[] = [
  {
    name: DEMO_PIPELINES.web,
    roleArn: ROLE,
    artifactStore: store,
    pipelineType: 'V2',
    executionMode: 'QUEUED',
    variables: [{ name: 'ReleaseChannel', defaultValue: 'stable', description: 'Channel the release is announced on' }],
    stages: [
      { name: 'Source', actions: [source(R.webRepo, 'main')] },
      { name: 'Build', actions: [codebuild('Build', R.webProject, 'SourceArtifact', 'BuildArtifact')] },
      { name: 'Staging', actions: [codedeploy('DeployStaging', R.webApplication, R.stagingGroup, 'BuildArtifact')] },
      { name: 'Approval', actions: [manual('ApproveRelease', 'Check https://staging.example.com before releasing to production.', 'https://staging.example.com')] },
      { name: 'Production', actions: [codedeploy('DeployProduction', R.webApplication, R.productionGroup, 'BuildArtifact')] },
    ],
  },
  {
    name: DEMO_PIPELINES.api,
    roleArn: ROLE,
    artifactStore: store,
    stages: [
      { name: 'Source', actions: [source(R.apiRepo, 'main')] },
      { name: 'Build', actions: [codebuild('Build', R.apiProject, 'SourceArtifact', 'BuildArtifact')] },
      { name: 'Deploy', actions: [codedeploy('Deploy', R.apiApplication, R.apiGroup, 'BuildArtifact')] },
    ],
  },
  {
    name: DEMO_PIPELINES.infra,
    roleArn: ROLE,
    artifactStore: store,
    stages: [
      { name: 'Source', actions: [source(R.infraRepo, 'main')] },
      { name: 'Plan', actions: [codebuild('Plan', R.infraProject, 'SourceArtifact', 'PlanArtifact')] },
      { name: 'Apply', actions: [manual('ReviewPlan', 'Review the plan output before it is applied.', 'https://wiki.example.com/infra/runbook'), { ...codebuild('Apply', R.infraProject, 'PlanArtifact', undefined, 2) }] },
    ],
  },
  {
    name: DEMO_PIPELINES.mobile,
    roleArn: ROLE,
    artifactStore: store,
    stages: [
      { name: 'Source', actions: [source(R.webRepo, 'develop')] },
      { name: 'Build', actions: [codebuild('Build', R.mobileProject, 'SourceArtifact', 'AppBundle')] },
      { name: 'Test', actions: [codebuild('UnitTests', R.mobileTestProject, 'AppBundle'), codebuild('DeviceTests', R.mobileTestProject, 'AppBundle')] },
    ],
  },
];

/** One execution of the history: when it starts (before the seed time), and how it goes. */
interface Run {
  pipeline: string;
  at: number;
  trigger: 'commit' | 'manual' | 'schedule';
  /** Approve (or reject) the waiting approval this long after the start; absent = leave it waiting. */
  approveAfter?: number;
  reject?: string;
  failBuild?: { project: string; phase: string };
  failDeploy?: { application: string; group: string; event: string };
  stopAfter?: { ms: number; reason: string; abandon: boolean };
}

function history(): Run[] {
  const runs: Run[] = [];
  const web = DEMO_PIPELINES.web;
  const api = DEMO_PIPELINES.api;
  const infra = DEMO_PIPELINES.infra;
  const mobile = DEMO_PIPELINES.mobile;
  for (const [i, daysAgo] of [9, 8, 6, 5, 3, 2, 1].entries()) {
    const run: Run = { pipeline: web, at: daysAgo * DAY + 3 * HOUR, trigger: i % 3 === 1 ? 'manual' : 'commit', approveAfter: 50 * MIN };
    if (daysAgo === 6) run.failDeploy = { application: R.webApplication, group: R.stagingGroup, event: 'ValidateService' };
    if (daysAgo === 3) run.reject = 'Staging shows a broken checkout; fix first.';
    runs.push(run);
  }
  runs.push({ pipeline: web, at: 40 * MIN, trigger: 'commit' });
  for (const daysAgo of [8, 6, 4, 2, 1]) runs.push({ pipeline: api, at: daysAgo * DAY + 5 * HOUR, trigger: 'commit' });
  runs.push({ pipeline: api, at: 2 * DAY + 2 * HOUR, trigger: 'manual', stopAfter: { ms: 2 * MIN, reason: 'Started by mistake', abandon: true } });
  runs.push({ pipeline: api, at: 3 * HOUR, trigger: 'commit', failBuild: { project: R.apiProject, phase: 'BUILD' } });
  for (const daysAgo of [7, 5, 2]) runs.push({ pipeline: infra, at: daysAgo * DAY + 6 * HOUR, trigger: 'commit', approveAfter: 30 * MIN });
  // 45 s ago: builds take at least a minute, so Plan is still building whatever the build's random durations
  runs.push({ pipeline: infra, at: 45 * 1000, trigger: 'commit' });
  for (const daysAgo of [6, 5, 4, 3, 2, 1]) runs.push({ pipeline: mobile, at: daysAgo * DAY - 2 * HOUR, trigger: 'schedule' });
  return runs.sort((a, b) => b.at - a.at);
}

const TRIGGER: Record<Run['trigger'], (sb: Sandbox, run: Run, repo: string, branch: string) => { triggerType: string; triggerDetail?: string }> = {
  commit: (sb, _run, repo, branch) => ({ triggerType: 'CloudWatchEvent', triggerDetail: `arn:aws:events:${sb.region}:123456789012:rule/codepipeline-${repo}-${branch}-rule` }),
  manual: () => ({ triggerType: 'StartPipelineExecution', triggerDetail: 'arn:aws:iam::123456789012:user/maria.garcia' }),
  schedule: (sb, run) => ({ triggerType: 'CloudWatchEvent', triggerDetail: `arn:aws:events:${sb.region}:123456789012:rule/${run.pipeline}-schedule` }),
};

export function seedDemoPipelines(sb: Sandbox): void {
  const cp = sb.codepipeline;
  const end = sb.clock.now();
  const runs = history();
  const start = end - Math.max(...runs.map((r) => r.at)) - HOUR;
  for (const d of declarations) cp.insertPipeline(validatePipelineDeclaration({ pipeline: d }, sb.region), start - 30 * DAY, {});
  const pipeline = (name: string) => cp.state.pipelines[name];

  sb.clock.set(start);
  type Pending = { at: number; run: () => void };
  const pending: Pending[] = runs.map((run) => ({ at: end - run.at, run: () => startRun(sb, pipeline(run.pipeline), run, end - run.at, pending) }));
  while (pending.length > 0) {
    pending.sort((a, b) => a.at - b.at);
    const next = pending.shift() as Pending;
    advanceTo(sb, next.at);
    next.run();
  }
  advanceTo(sb, end);

  const api = pipeline(DEMO_PIPELINES.api);
  api.transitions.Deploy = { enabled: false, lastChangedBy: 'arn:aws:iam::123456789012:user/tom.becker', lastChangedAt: end - 26 * HOUR, disabledReason: 'Release freeze during the Q3 audit (ask @tom)' };
}

function startRun(sb: Sandbox, p: PipelineRec, run: Run, at: number, pending: { at: number; run: () => void }[]): void {
  const cp = sb.codepipeline;
  const decl = cp.engine.decl(p);
  const src = decl.stages[0].actions[0].configuration ?? {};
  const repo = src.RepositoryName ?? '';
  const branch = src.BranchName ?? '';
  if (run.failBuild) (sb.codebuild as unknown as Partial<Scriptable>).scriptNextBuild?.(run.failBuild.project, { failPhase: run.failBuild.phase });
  if (run.failDeploy)
    (sb.codedeploy as unknown as Partial<Scriptable>).scriptNextDeployment?.({ applicationName: run.failDeploy.application, deploymentGroupName: run.failDeploy.group, failEvent: run.failDeploy.event });
  const commitId = headAt(sb, repo, branch, at);
  const e = cp.engine.start(p, { trigger: TRIGGER[run.trigger](sb, run, repo, branch), revisions: commitId ? { Source: commitId } : {} }, at);
  if (run.approveAfter !== undefined) {
    const approveAt = at + run.approveAfter;
    pending.push({
      at: approveAt,
      run: () => {
        const waiting = Object.values(cp.state.actions).find((a) => a.pipelineExecutionId === e.id && a.kind === 'approval' && a.status === 'InProgress' && a.token);
        if (!waiting?.token) return;
        const summary = run.reject ?? 'Verified on staging.';
        cp.engine.approve(p, waiting.stageName, waiting.actionName, waiting.token, run.reject ? 'Rejected' : 'Approved', summary, approveAt);
        waiting.updatedBy = 'arn:aws:iam::123456789012:user/priya.natarajan';
      },
    });
  }
  if (run.stopAfter) {
    const stop = run.stopAfter;
    pending.push({ at: at + stop.ms, run: () => e.status === 'InProgress' && cp.engine.stop(p, e, stop.abandon, stop.reason, at + stop.ms) });
  }
}

interface Scriptable {
  scriptNextBuild(projectName: string, outcome: { failPhase?: string }): void;
  scriptNextDeployment(script: { applicationName?: string; deploymentGroupName?: string; failEvent?: string }): void;
}

/** Moves the clock to `target`: in steps while executions run, in one jump when none does. */
function advanceTo(sb: Sandbox, target: number): void {
  while (sb.clock.now() < target) {
    if (sb.codepipeline.state.active.length === 0) {
      sb.clock.set(target);
      sb.tick();
      return;
    }
    sb.clock.advance(Math.min(STEP, target - sb.clock.now()), STEP);
    continueReadyDeployments(sb);
  }
}

/** The release manager of the demo continues blue/green deployments a few minutes after they wait in Ready. */
function continueReadyDeployments(sb: Sandbox): void {
  const cd = sb.codedeploy;
  const now = sb.clock.now();
  for (const a of Object.values(sb.codepipeline.state.actions)) {
    if (a.kind !== 'deploy' || a.status !== 'InProgress' || !a.externalExecutionId) continue;
    const d = cd.state.deployments[a.externalExecutionId];
    if (d?.status === 'Ready') cd.continueAt(d, now);
  }
}

/** The commit that was the head of `branch` at time `at`: the newest first-parent ancestor of today's head not after `at`. */
function headAt(sb: Sandbox, repo: string, branch: string, at: number): string | undefined {
  const cc = sb.codecommit;
  let id = cc.getBranchHead(repo, branch);
  let oldest = id;
  for (let guard = 0; id && guard < 1000; guard++) {
    const summary = cc.getCommitSummary(repo, id);
    if (!summary || summary.date <= at) return id;
    oldest = id;
    id = parentOf(sb, repo, id);
  }
  return oldest;
}

function parentOf(sb: Sandbox, repo: string, commitId: string): string | undefined {
  try {
    const out = sb.codecommit.operations.GetCommit({ repositoryName: repo, commitId }, { requestId: 'seed', region: sb.region, now: sb.clock.now() }) as { commit?: { parents?: string[] } };
    return out.commit?.parents?.[0];
  } catch {
    return undefined;
  }
}
