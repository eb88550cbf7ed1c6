import * as assert from 'assert';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import type { BuildStatus, BuildSummary, DeploymentStatus } from '../../../src/sandbox/services/internal';
import { assertMatchesModel } from '../../helpers/modelCheck';
import { rawCall } from '../../helpers/sandbox';

/** Wire JSON as the tests read it: loosely typed on purpose, the model check covers the shapes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Wire = any;

export const ROLE = 'arn:aws:iam::123456789012:role/codepipeline-role';
const AUTH = { Authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/codepipeline/aws4_request' };

/** A raw CodePipeline call: the response is checked against the model; errors come back as { __type, message }. */
export async function cp(sb: Sandbox, operation: string, input: unknown): Promise<Wire> {
  const r = await rawCall(sb, `CodePipeline_20150709.${operation}`, JSON.stringify(input), AUTH);
  if (r.status === 200) assertMatchesModel('codepipeline', operation, r.json);
  return r.json as Wire;
}

export async function cpError(sb: Sandbox, operation: string, input: unknown, type: string, message?: RegExp): Promise<string> {
  const r = await rawCall(sb, `CodePipeline_20150709.${operation}`, JSON.stringify(input), AUTH);
  assert.strictEqual(r.json.__type, type, `${operation}: expected ${type}, got ${JSON.stringify(r.json)}`);
  assert.strictEqual(r.status, 400);
  if (message) assert.match(String(r.json.message), message);
  return String(r.json.message);
}

export const source = (repo = 'app', branch = 'main', name = 'Source') => ({
  name,
  actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeCommit', version: '1' },
  configuration: { RepositoryName: repo, BranchName: branch, PollForSourceChanges: 'false' },
  outputArtifacts: [{ name: 'SourceOutput' }],
  namespace: 'SourceVariables',
});
export const build = (project = 'app-build', name = 'Build', extra: Record<string, unknown> = {}) => ({
  name,
  actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' },
  configuration: { ProjectName: project },
  inputArtifacts: [{ name: 'SourceOutput' }],
  outputArtifacts: [{ name: `${name}Output` }],
  ...extra,
});
export const approval = (name = 'Approve') => ({
  name,
  actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' },
  configuration: { CustomData: 'Check staging first', ExternalEntityLink: 'https://staging.example.com' },
});
export const deploy = (app = 'app', group = 'production', name = 'Deploy', input = 'BuildOutput') => ({
  name,
  actionTypeId: { category: 'Deploy', owner: 'AWS', provider: 'CodeDeploy', version: '1' },
  configuration: { ApplicationName: app, DeploymentGroupName: group },
  inputArtifacts: [{ name: input }],
});

export function pipeline(name: string, stages: { name: string; actions: unknown[] }[], extra: Record<string, unknown> = {}) {
  return { pipeline: { name, roleArn: ROLE, artifactStore: { type: 'S3', location: 'codepipeline-us-east-1-artifacts' }, stages, ...extra } };
}

/** Source → Build → Approval → Deploy. */
export const releasePipeline = (name: string, extra: Record<string, unknown> = {}) =>
  pipeline(
    name,
    [
      { name: 'Source', actions: [source()] },
      { name: 'Build', actions: [build()] },
      { name: 'Approval', actions: [approval()] },
      { name: 'Deploy', actions: [deploy()] },
    ],
    extra,
  );

/** Source → Approval only: needs no build or deploy service. */
export const approvalPipeline = (name: string, extra: Record<string, unknown> = {}) =>
  pipeline(
    name,
    [
      { name: 'Source', actions: [source()] },
      { name: 'Approval', actions: [approval()] },
    ],
    extra,
  );

export interface FakeBuild {
  summary: BuildSummary;
  project: string;
  opts: Record<string, unknown>;
  stopped: boolean;
}

/**
 * Small fakes of the CodeBuild and CodeDeploy internal contracts, assigned onto the Sandbox's service instances for
 * one test (they shadow the real methods; restore() removes them), so the engine is tested on its own. Tests finish
 * builds and deployments by hand with finishBuild/finishDeployment.
 */
export function installFakes(sb: Sandbox) {
  const builds = new Map<string, FakeBuild>();
  const deployments = new Map<string, { status: DeploymentStatus; errorMessage?: string; opts: Record<string, unknown>; stopped: boolean }>();
  let n = 0;
  const cb = sb.codebuild as unknown as Record<string, unknown>;
  const cd = sb.codedeploy as unknown as Record<string, unknown>;
  cb.startBuildInternal = (project: string, opts: Record<string, unknown>): BuildSummary => {
    if (project === 'missing') throw Object.assign(new Error(`Project cannot be found: arn:aws:codebuild:us-east-1:123456789012:project/${project}`), { type: 'ResourceNotFoundException' });
    n++;
    const id = `${project}:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const summary: BuildSummary = {
      id,
      arn: `arn:aws:codebuild:us-east-1:123456789012:build/${id}`,
      buildNumber: n,
      status: 'IN_PROGRESS',
      currentPhase: 'QUEUED',
      logs: { groupName: `/aws/codebuild/${project}`, streamName: id.split(':')[1], deepLink: 'https://console.aws.amazon.com/cloudwatch/home' },
    };
    builds.set(id, { summary, project, opts, stopped: false });
    return summary;
  };
  cb.getBuildSummary = (id: string) => builds.get(id)?.summary;
  cb.stopBuildInternal = (id: string) => {
    const b = builds.get(id);
    if (b) {
      b.stopped = true;
      b.summary = { ...b.summary, status: 'STOPPED' };
    }
  };
  cd.createDeploymentInternal = (opts: Record<string, unknown>) => {
    n++;
    const id = `d-FAKE${String(n).padStart(5, '0')}`;
    deployments.set(id, { status: 'InProgress', opts, stopped: false });
    return id;
  };
  cd.getDeploymentStatus = (id: string) => deployments.get(id);
  cd.stopDeploymentInternal = (id: string) => {
    const d = deployments.get(id);
    if (d) Object.assign(d, { stopped: true, status: 'Stopped' });
  };
  return {
    builds,
    deployments,
    finishBuild(id: string, status: BuildStatus, failure?: { phase: string; message: string }) {
      const b = builds.get(id);
      assert.ok(b, `no fake build ${id}`);
      b.summary = { ...b.summary, status, currentPhase: 'COMPLETED', failure };
    },
    finishDeployment(id: string, status: DeploymentStatus, errorMessage?: string) {
      const d = deployments.get(id);
      assert.ok(d, `no fake deployment ${id}`);
      Object.assign(d, { status, errorMessage });
    },
    restore() {
      for (const k of ['startBuildInternal', 'getBuildSummary', 'stopBuildInternal']) delete cb[k];
      for (const k of ['createDeploymentInternal', 'getDeploymentStatus', 'stopDeploymentInternal']) delete cd[k];
    },
  };
}

/** The status of each stage and action in GetPipelineState, compactly: { Source: 'Succeeded', 'Source/Source': 'Succeeded' }. */
export async function stateOf(sb: Sandbox, name: string): Promise<{ raw: Wire; stages: Record<string, string | undefined> }> {
  const raw = await cp(sb, 'GetPipelineState', { name });
  const stages: Record<string, string | undefined> = {};
  for (const s of raw.stageStates as Wire[]) {
    stages[s.stageName] = s.latestExecution?.status;
    for (const a of s.actionStates as Wire[]) stages[`${s.stageName}/${a.actionName}`] = a.latestExecution?.status;
  }
  return { raw, stages };
}

export async function executionStatus(sb: Sandbox, name: string, id: string): Promise<string> {
  const out: Wire = await cp(sb, 'GetPipelineExecution', { pipelineName: name, pipelineExecutionId: id });
  return String(out.pipelineExecution.status);
}

/** Creates a repository `repo` with one commit on `branch` (through the real CodeCommit service). */
export function seedRepo(sb: Sandbox, repo = 'app', branch = 'main', message = 'Initial commit'): string {
  if (!sb.codecommit.getBranchHead(repo, branch) && !(sb.codecommit.state as Wire).repositories?.[repo]) sb.codecommit.createRepositoryInternal(repo);
  return sb.codecommit.putFileInternal({ repositoryName: repo, branch, filePath: 'README.md', content: `# ${repo}\n${message}\n`, message });
}
