import type { CodeBuildService } from '../aws/codebuild';
import type { CodePipelineService } from '../aws/codepipeline';
import type { Build, BuildProject } from '../model/codebuild';
import type { PipelineExecution, PipelineStructure } from '../model/codepipeline';
import { connectionKey, type Connection } from '../model/connection';
import { buildEventKey, executionEventKey, type RunEvent, type RunEventKind } from '../notifications/policy';
import { pipelineSourceMatches, projectMatches, statusWords, summarizeExecution, type RunSummary } from './matching';
import type { RemoteTarget } from './remotes';

/**
 * What the status bar follows, without `vscode`: which pipelines and projects build a repository and branch
 * (discovery), and each one's latest run with the events worth a notification (trackers). Tested over the Sandbox.
 */
export interface FollowSession {
  codepipeline: Pick<CodePipelineService, 'listPipelines' | 'getPipeline' | 'getPipelineState' | 'listExecutions' | 'listActionExecutions'>;
  codebuild: Pick<CodeBuildService, 'listProjects' | 'listBuilds'>;
}

export interface Discovered {
  pipelines: PipelineStructure[];
  projects: BuildProject[];
}

/** Whether a connection can hold `target` (a CodeCommit remote names its region; hosted remotes go anywhere). */
export function connectionFits(c: Connection, target: RemoteTarget): boolean {
  return target.kind !== 'codecommit' || !target.region || target.region === c.region;
}

/** Finds the pipelines (source = repository + branch) and build projects (source = repository) of a target. */
export class Discovery {
  /** Pipeline structures by connection, name and version: a later discovery only lists pipelines. */
  private readonly structures = new Map<string, PipelineStructure>();

  async find(session: FollowSession, connection: Connection, target: RemoteTarget, branch?: string): Promise<Discovered> {
    const [summaries, projects] = await Promise.all([session.codepipeline.listPipelines(), session.codebuild.listProjects()]);
    const ck = connectionKey(connection);
    const structures = await Promise.all(
      summaries.map(async (p) => {
        const key = `${ck}|${p.name}|${p.version ?? ''}`;
        let s = this.structures.get(key);
        if (!s) {
          s = await session.codepipeline.getPipeline(p.name);
          this.structures.set(key, s);
        }
        return s;
      }),
    );
    return {
      pipelines: structures.filter((s) => pipelineSourceMatches(s, target, branch).length > 0),
      projects: projects.filter((p) => projectMatches(p, target)),
    };
  }
}

/** One line of the status bar's tooltip: a pipeline's latest execution or a project's latest build. */
export interface Entry {
  kind: 'pipeline' | 'project';
  connection: Connection;
  name: string;
  summary: RunSummary;
  executionId?: string;
  buildId?: string;
  start?: number;
  /** Nothing known yet (first poll pending or failed). */
  pending: boolean;
  error?: string;
}

export interface Tracker {
  readonly id: string;
  readonly entry: Entry;
  /** Polls once; returns the events since the previous poll (none on the first: that is the baseline). */
  poll(): Promise<RunEvent[]>;
}

function terminalKind(status: string): RunEventKind | undefined {
  return status === 'succeeded' ? 'succeeded' : status === 'failed' ? 'failed' : status === 'stopped' ? 'stopped' : undefined;
}

export class PipelineTracker implements Tracker {
  readonly id: string;
  readonly entry: Entry;
  private baseline = true;
  private lastKey?: string;

  constructor(
    private readonly session: FollowSession,
    readonly connection: Connection,
    private structure: PipelineStructure,
  ) {
    this.id = `statusBar:pipeline:${connectionKey(connection)}:${structure.name}`;
    this.entry = { kind: 'pipeline', connection, name: structure.name, summary: { status: 'unknown' }, pending: true };
  }

  get name(): string {
    return this.structure.name;
  }

  update(structure: PipelineStructure): void {
    this.structure = structure;
  }

  async poll(): Promise<RunEvent[]> {
    const name = this.structure.name;
    let latest: PipelineExecution | undefined;
    let summary: RunSummary;
    try {
      [latest] = await this.session.codepipeline.listExecutions(name, { limit: 1 });
      const needsState = latest !== undefined && latest.status !== 'succeeded' && latest.status !== 'skipped';
      const state = needsState ? await this.session.codepipeline.getPipelineState(name) : undefined;
      summary = latest ? summarizeExecution(this.structure, state, latest) : { status: 'unknown' };
    } catch (e) {
      this.entry.error = e instanceof Error ? e.message : String(e);
      throw e;
    }
    Object.assign(this.entry, { summary, executionId: latest?.id, start: latest?.start, pending: false, error: undefined });
    const key = latest ? `${latest.id}|${summary.status}|${summary.where ?? ''}|${summary.approval?.actionName ?? ''}` : undefined;
    const changed = key !== this.lastKey;
    this.lastKey = key;
    const first = this.baseline;
    this.baseline = false;
    if (first || !changed || !latest) return [];
    const c = this.connection;
    if (summary.status === 'waiting' && summary.approval) {
      const a = summary.approval;
      return [
        {
          key: executionEventKey(c, name, latest.id, 'approval', `${a.stageName}/${a.actionName}`),
          kind: 'approval',
          connection: c,
          message: `${name} is waiting for approval: ${a.actionName} in ${a.stageName}.`,
          pipelineName: name,
          executionId: latest.id,
          approval: { pipelineName: name, stageName: a.stageName, actionName: a.actionName, executionId: latest.id, ...(a.token ? { token: a.token } : {}) },
        },
      ];
    }
    const kind = terminalKind(summary.status);
    if (!kind) return [];
    return [
      {
        key: executionEventKey(c, name, latest.id, kind),
        kind,
        connection: c,
        message: `${name} ${statusWords(summary)}.`,
        pipelineName: name,
        executionId: latest.id,
      },
    ];
  }
}

export class ProjectTracker implements Tracker {
  readonly id: string;
  readonly entry: Entry;
  private baseline = true;
  private lastKey?: string;

  constructor(
    private readonly session: FollowSession,
    readonly connection: Connection,
    readonly name: string,
  ) {
    this.id = `statusBar:project:${connectionKey(connection)}:${name}`;
    this.entry = { kind: 'project', connection, name, summary: { status: 'unknown' }, pending: true };
  }

  async poll(): Promise<RunEvent[]> {
    let latest: Build | undefined;
    try {
      [latest] = await this.session.codebuild.listBuilds(this.name, { limit: 1 });
    } catch (e) {
      this.entry.error = e instanceof Error ? e.message : String(e);
      throw e;
    }
    const summary: RunSummary = latest
      ? { status: latest.status, ...(latest.failure?.phase ? { where: latest.failure.phase } : latest.status === 'running' && latest.currentPhase ? { where: latest.currentPhase } : {}) }
      : { status: 'unknown' };
    Object.assign(this.entry, { summary, buildId: latest?.id, start: latest?.start, pending: false, error: undefined });
    const key = latest ? `${latest.id}|${latest.status}` : undefined;
    const changed = key !== this.lastKey;
    this.lastKey = key;
    const first = this.baseline;
    this.baseline = false;
    if (first || !changed || !latest) return [];
    const kind = terminalKind(latest.status);
    if (!kind) return [];
    return [
      {
        key: buildEventKey(this.connection, latest.id, kind),
        kind,
        connection: this.connection,
        message: `Build ${latest.projectName}${latest.buildNumber ? ` #${latest.buildNumber}` : ''} ${statusWords(summary)}.`,
        buildId: latest.id,
        ...(latest.failure?.phase ? { failedPhase: latest.failure.phase } : {}),
      },
    ];
  }
}
