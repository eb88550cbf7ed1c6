import { dict } from '../dict';
import { uuid } from '../ids';
import type { Sandbox } from '../sandbox';
import type { ActionExecRec, ExecutionRec, PipelineDecl, PipelineRec } from '../services/codepipeline/types';
import type { SeedOptions } from './index';
import { seedScaleBuilds } from './scaleBuild';

const ROLE = 'arn:aws:iam::123456789012:role/service-role/AWSCodePipelineServiceRole-us-east-1';
const MIN = 60_000;

/** Many pipelines, projects and builds, for benchmarks. State is inserted directly: 1,000 pipelines seed in well under a second. */
export function seedScale(sb: Sandbox, options: SeedOptions): void {
  const projects = options.projects ?? 200;
  seedScaleBuilds(sb, { projects, buildsPerProject: options.buildsPerProject ?? 50, runningBuilds: options.runningBuilds ?? 50 });
  seedScalePipelines(sb, options.pipelines ?? 1000, projects);
}

/** The projects CodeBuild's scale part creates (svc-0001...). */
export const scaleProjectName = (i: number) => `svc-${String(i + 1).padStart(4, '0')}`;

/**
 * `count` pipelines (Source from S3, Build on one of `projects` projects, a manual approval), each with one
 * succeeded execution in its history so GetPipelineState and ListPipelineExecutions have something to show.
 */
export function seedScalePipelines(sb: Sandbox, count: number, projects: number): void {
  const st = sb.codepipeline.state;
  const now = sb.clock.now();
  for (let i = 0; i < count; i++) {
    const name = `scale-pipeline-${String(i).padStart(4, '0')}`;
    const decl: PipelineDecl = {
      name,
      roleArn: ROLE,
      artifactStore: { type: 'S3', location: 'codepipeline-us-east-1-123456789012' },
      version: 1,
      pipelineType: i % 2 ? 'V2' : 'V1',
      executionMode: i % 2 ? 'QUEUED' : 'SUPERSEDED',
      stages: [
        {
          name: 'Source',
          actions: [
            {
              name: 'Source',
              actionTypeId: { category: 'Source', owner: 'AWS', provider: 'S3', version: '1' },
              runOrder: 1,
              configuration: { S3Bucket: 'scale-sources', S3ObjectKey: `${name}/source.zip`, PollForSourceChanges: 'false' },
              outputArtifacts: [{ name: 'SourceArtifact' }],
            },
          ],
        },
        {
          name: 'Build',
          actions: [
            {
              name: 'Build',
              actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' },
              runOrder: 1,
              configuration: { ProjectName: scaleProjectName(i % Math.max(1, projects)) },
              inputArtifacts: [{ name: 'SourceArtifact' }],
            },
          ],
        },
        { name: 'Approval', actions: [{ name: 'Approve', actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' }, runOrder: 1 }] },
      ],
    };
    const created = now - (30 * 24 * 60 - i) * MIN;
    const p: PipelineRec = sb.codepipeline.insertPipeline(decl, created, {});
    const start = now - ((i % 600) + 60) * MIN;
    const e: ExecutionRec = {
      id: uuid(),
      seq: ++st.seq,
      pipelineName: name,
      pipelineVersion: 1,
      executionMode: decl.executionMode,
      status: 'Succeeded',
      startTime: start,
      lastUpdateTime: start + 12 * MIN,
      trigger: { triggerType: 'StartPipelineExecution', triggerDetail: 'arn:aws:iam::123456789012:user/sandbox' },
      variables: [],
      sources: [{ actionKey: 'Source/Source', actionName: 'Source', outputArtifact: 'SourceArtifact', revisionId: uuid().replace(/-/g, ''), created: start }],
      stageIndex: 3,
      inStage: false,
      stages: dict(),
      artifacts: dict(),
      outputVariables: dict(),
    };
    st.executions[e.id] = e;
    p.executions.push(e.id);
    let t = start;
    for (const stage of decl.stages) {
      const a = stage.actions[0];
      const duration = a.actionTypeId.category === 'Build' ? 6 * MIN : a.actionTypeId.category === 'Approval' ? 5 * MIN : MIN;
      const rec: ActionExecRec = {
        id: uuid(),
        kind: a.actionTypeId.category === 'Build' ? 'build' : a.actionTypeId.category === 'Approval' ? 'approval' : 'source',
        pipelineExecutionId: e.id,
        pipelineName: name,
        pipelineVersion: 1,
        stageName: stage.name,
        actionName: a.name,
        startTime: t,
        lastUpdateTime: t + duration,
        status: 'Succeeded',
        actionTypeId: a.actionTypeId,
        configuration: a.configuration,
        resolvedConfiguration: a.configuration,
        region: sb.region,
        inputArtifacts: [],
        outputArtifacts: [],
      };
      t += duration;
      st.actions[rec.id] = rec;
      p.actionExecutions.push(rec.id);
      p.actionLatest[`${stage.name}/${a.name}`] = rec.id;
      p.stageLatest[stage.name] = e.id;
      e.stages[stage.name] = { status: 'Succeeded', actions: dict({ [a.name]: rec.id }) };
    }
  }
}
