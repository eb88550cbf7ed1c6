import { dict } from '../dict';
import { AwsError } from '../errors';
import { ACCOUNT_ID, sha1, uuid } from '../ids';
import { page } from '../pagination';
import type { Sandbox } from '../sandbox';
import { BaseService } from './base';
import { DEFAULT_COMMANDS, parseBuildspec } from './codebuild/buildLog';
import { advanceBuild, planDurations, stopBuild, writeLog, type LifecycleHooks } from './codebuild/lifecycle';
import { FAILABLE, type BuildRec, type BuildStub, type CodeBuildState, type EnvVar, type NextBuildOutcome, type PhaseType, type ProjectRec } from './codebuild/model';
import { newReport, reportGroupArn, reportGroupName, reportGroupWire, reportWire, testCases } from './codebuild/reports';
import { inputValidator, invalidInput, PROJECT_NAME, SORT_ORDER, validateProject, validateStartBuild, type StartBuildInput } from './codebuild/validate';
import { buildWire, deepLink, projectWire } from './codebuild/wire';
import type { BuildSummary, CodeBuildInternal, CodeCommitInternal } from './internal';
import type { Json, Operation, RequestContext } from './types';

const IDEMPOTENCY_MS = 5 * 60_000;
const PAGE = 100;
/** Who starts builds through the API in the Sandbox account (CodeBuild reports the IAM user name). */
export const SANDBOX_USER = 'sandbox-user';

export interface StartOptions {
  initiator?: string;
  resolvedSourceVersion?: string;
  region?: string;
  /** Seeds: only the essential log lines, and whether to write a test report. */
  minimalLog?: boolean;
  testReport?: boolean;
  /** Seeds: the phase to fail (null: none), instead of the project's SANDBOX_FAIL_PHASE. */
  failPhase?: string | null;
  /** Seeds: write the log only when it is first read. */
  deferLog?: boolean;
  /** Seeds: run the build only up to this time (default: the clock). */
  advanceTo?: number;
}

/** CodeBuild: projects, builds that walk their phases on the clock and write logs, test reports. */
export class CodeBuildService extends BaseService<CodeBuildState> implements CodeBuildInternal {
  readonly name = 'codebuild' as const;
  readonly targetPrefix = 'CodeBuild_20161006';
  readonly operations: Record<string, Operation> = {
    ListProjects: (i) => this.listProjects(i),
    BatchGetProjects: (i) => this.batchGetProjects(i),
    CreateProject: (i, c) => ({ project: projectWire(this.createProjectInternal(i, c.now, c.region)) }),
    ListBuilds: (i) => this.listBuilds(i),
    ListBuildsForProject: (i) => this.listBuildsForProject(i),
    BatchGetBuilds: (i) => this.batchGetBuilds(i),
    StartBuild: (i, c) => this.startBuild(i, c),
    StopBuild: (i, c) => this.stopBuildOp(i, c),
    RetryBuild: (i, c) => this.retryBuild(i, c),
    ListReportGroups: (i) => this.listReportGroups(i),
    ListReportsForReportGroup: (i) => this.listReportsForReportGroup(i),
    BatchGetReports: (i) => this.batchGetReports(i),
    BatchGetReportGroups: (i) => this.batchGetReportGroups(i),
    DescribeTestCases: (i) => this.describeTestCases(i),
  };

  private readonly hooks: LifecycleHooks = {
    appendLog: (b, events) => this.sandbox.logs.appendEvents(b.logs.groupName, b.logs.streamName, events),
    phaseEnded: (b, phase) => {
      if (phase.type === 'BUILD' && b.script.testReport) this.addReport(b, phase.end ?? phase.start, phase.status === 'FAILED');
    },
  };

  constructor(sandbox: Sandbox) {
    super(sandbox);
    sandbox.logs.onRead((group) => this.writeDeferredLogs(group));
  }

  protected initialState(): CodeBuildState {
    return {
      version: 1,
      projects: dict(),
      builds: dict(),
      stubs: dict(),
      buildsByProject: dict(),
      buildOrder: [],
      running: [],
      idempotency: dict(),
      reportGroups: dict(),
      reports: dict(),
      nextOutcomes: dict(),
      deferredLogs: dict(),
    };
  }

  protected revive(state: CodeBuildState): CodeBuildState {
    state.projects = dict(state.projects);
    for (const p of Object.values(state.projects)) p.extra = dict(p.extra);
    state.builds = dict(state.builds);
    state.stubs = dict(state.stubs);
    state.buildsByProject = dict(state.buildsByProject);
    state.idempotency = dict(state.idempotency);
    state.reportGroups = dict(state.reportGroups);
    state.reports = dict(state.reports);
    state.nextOutcomes = dict(state.nextOutcomes);
    state.deferredLogs = dict(state.deferredLogs);
    return state;
  }

  override tick(now: number): void {
    if (this.state.running.length === 0) return;
    const still: string[] = [];
    for (const id of this.state.running) {
      const b = this.state.builds[id];
      advanceBuild(b, now, this.hooks);
      if (b.status === 'IN_PROGRESS') still.push(id);
    }
    this.state.running = still;
    for (const [k, rec] of Object.entries(this.state.idempotency)) if (now - rec.at >= IDEMPOTENCY_MS) delete this.state.idempotency[k];
  }

  // ---- internal contract and helpers for seeds and the control API ------------------------------------------

  startBuildInternal(projectName: string, opts: { sourceVersion?: string; resolvedSourceVersion?: string; environmentVariablesOverride?: EnvVar[]; initiator?: string }): BuildSummary {
    const request: StartBuildInput = { projectName };
    if (opts.sourceVersion !== undefined) request.sourceVersion = opts.sourceVersion;
    if (opts.environmentVariablesOverride) request.environmentVariablesOverride = opts.environmentVariablesOverride;
    const b = this.createBuild(request, this.sandbox.clock.now(), { initiator: opts.initiator, resolvedSourceVersion: opts.resolvedSourceVersion });
    return summary(b);
  }

  getBuildSummary(id: string): BuildSummary | undefined {
    const b = this.build(id);
    return b ? summary(b) : undefined;
  }

  stopBuildInternal(id: string, now = this.sandbox.clock.now()): void {
    const b = this.build(id);
    if (!b) return;
    advanceBuild(b, now, this.hooks);
    if (b.status === 'IN_PROGRESS') stopBuild(b, now, this.hooks);
    this.state.running = this.state.running.filter((r) => r !== id);
  }

  /** Writes the logs of the group's deferred builds, before CloudWatch Logs reads that group. */
  private writeDeferredLogs(groupName: string): void {
    const ids = this.state.deferredLogs[groupName];
    if (!ids) return;
    delete this.state.deferredLogs[groupName];
    const now = this.sandbox.clock.now();
    for (const id of ids) {
      const b = this.build(id);
      if (!b) continue;
      delete b.script.deferLog;
      writeLog(b, Math.max(now, b.endTime ?? now), this.hooks);
    }
    this.sandbox.changed(); // made on a read: the server does not mark reads as changes
  }

  /** Scripts the outcome of the next build of `projectName` (the control API and tests). Queued per project. */
  scriptNextBuild(projectName: string, outcome: NextBuildOutcome): void {
    if (outcome.failPhase !== undefined && !FAILABLE.includes(outcome.failPhase as PhaseType))
      throw invalidInput(`failPhase must be one of ${FAILABLE.join(', ')}`);
    (this.state.nextOutcomes[projectName] ??= []).push(outcome);
  }

  /** CreateProject with its validation, at a given time (seeds create projects in the past). */
  createProjectInternal(input: Json, now: number, region = this.sandbox.region): ProjectRec {
    const p = validateProject(input);
    if (this.state.projects[p.name]) throw new AwsError('ResourceAlreadyExistsException', `Project already exists: ${projectArn(region, p.name)}`);
    const known = new Set(['name', 'description', 'source', 'sourceVersion', 'artifacts', 'environment', 'serviceRole', 'timeoutInMinutes', 'queuedTimeoutInMinutes', 'encryptionKey', 'tags', 'logsConfig', 'cache', 'badgeEnabled', 'concurrentBuildLimit']);
    const extra: Json = dict();
    for (const [k, v] of Object.entries(input)) if (!known.has(k) && v !== undefined && v !== null) extra[k] = v;
    const rec: ProjectRec = {
      name: p.name,
      arn: projectArn(region, p.name),
      region,
      description: p.description,
      source: p.source,
      sourceVersion: p.sourceVersion,
      artifacts: p.artifacts,
      environment: { privilegedMode: false, imagePullCredentialsType: 'CODEBUILD', ...p.environment, environmentVariables: p.environment.environmentVariables ?? [] },
      serviceRole: p.serviceRole,
      timeoutInMinutes: p.timeoutInMinutes ?? 60,
      queuedTimeoutInMinutes: p.queuedTimeoutInMinutes ?? 480,
      encryptionKey: p.encryptionKey ?? `arn:aws:kms:${region}:${ACCOUNT_ID}:alias/aws/s3`,
      tags: p.tags ?? [],
      logsConfig: p.logsConfig ?? { cloudWatchLogs: { status: 'ENABLED' }, s3Logs: { status: 'DISABLED', encryptionDisabled: false } },
      cache: p.cache ?? { type: 'NO_CACHE' },
      badgeEnabled: p.badgeEnabled ?? false,
      concurrentBuildLimit: p.concurrentBuildLimit,
      created: now,
      lastModified: now,
      buildCounter: 0,
      extra,
    };
    this.state.projects[p.name] = rec;
    this.state.buildsByProject[p.name] = [];
    return rec;
  }

  /** Starts a build at `at` (now, or in the past for seeds) and brings it up to the clock. */
  createBuild(request: StartBuildInput, at: number, opts: StartOptions = {}): BuildRec {
    const project = this.project(request.projectName);
    const id = `${project.name}:${uuid()}`;
    const outcome = this.state.nextOutcomes[project.name]?.shift();
    const build = this.newBuild(project, id, ++project.buildCounter, request, at, opts, outcome);
    this.state.builds[id] = build;
    this.state.buildsByProject[project.name].push(id);
    this.state.buildOrder.push(id);
    this.state.running.push(id);
    this.sandbox.logs.ensureStream(build.logs.groupName, build.logs.streamName, at);
    if (opts.deferLog) (this.state.deferredLogs[build.logs.groupName] ??= []).push(id);
    advanceBuild(build, opts.advanceTo ?? Math.max(at, this.sandbox.clock.now()), this.hooks);
    if (build.status !== 'IN_PROGRESS') this.state.running = this.state.running.filter((r) => r !== id);
    return build;
  }

  /**
   * A finished build for the scale seed, listed at once but made (as createBuild would, with a deferred log and no
   * test report) only when first read: 10,000 builds seed in milliseconds. Returns its id.
   */
  insertFinishedBuild(projectName: string, at: number, opts: { failPhase?: PhaseType; until: number }): string {
    const project = this.project(projectName);
    const id = `${project.name}:${uuid()}`;
    const stub: BuildStub = { at, until: opts.until, n: ++project.buildCounter };
    if (opts.failPhase) stub.fail = opts.failPhase;
    // The branch head now, if the Sandbox's CodeCommit has it; else the fallback, computed when the build is made.
    const head = this.branchHead(project.source, project.sourceVersion);
    if (head) stub.rsv = head;
    this.state.stubs[id] = stub;
    this.state.buildsByProject[project.name].push(id);
    this.state.buildOrder.push(id);
    const group = logGroupOf(project.name, project.logsConfig);
    this.sandbox.logs.ensureGroup(group, at);
    (this.state.deferredLogs[group] ??= []).push(id);
    return id;
  }

  /** The number of builds, made or not yet made (stubs). */
  buildCount(): number {
    return Object.keys(this.state.builds).length + Object.keys(this.state.stubs).length;
  }

  /** A build by id; a stub is made into its full record here, the first time it is read. */
  private build(id: string): BuildRec | undefined {
    const made = this.state.builds[id];
    if (made) return made;
    const stub = this.state.stubs[id];
    const project = stub && this.state.projects[id.slice(0, id.indexOf(':'))];
    if (!stub || !project) return undefined;
    const build = this.newBuild(project, id, stub.n, { projectName: project.name }, stub.at, { failPhase: stub.fail ?? null, deferLog: true, testReport: false, resolvedSourceVersion: stub.rsv ?? this.resolveSource(project.source, project.sourceVersion, false) }, undefined);
    delete this.state.stubs[id];
    this.state.builds[id] = build;
    this.sandbox.logs.ensureStream(build.logs.groupName, build.logs.streamName, stub.at);
    advanceBuild(build, stub.until, this.hooks);
    this.sandbox.changed(); // made on a read: the server does not mark reads as changes
    return build;
  }

  /** The record of a new build (not yet stored or run). */
  private newBuild(project: ProjectRec, id: string, buildNumber: number, request: StartBuildInput, at: number, opts: StartOptions, outcome: NextBuildOutcome | undefined): BuildRec {
    const region = opts.region ?? project.region;
    const env = mergeEnv(project.environment.environmentVariables ?? [], request.environmentVariablesOverride ?? []);
    const failPhase = opts.failPhase !== undefined ? (opts.failPhase ?? undefined) : (outcome?.failPhase ?? env.find((e) => e.name === 'SANDBOX_FAIL_PHASE')?.value);
    const logLines = outcome?.logLines ?? Number(env.find((e) => e.name === 'SANDBOX_LOG_LINES')?.value ?? 0);
    const source: Json = { ...project.source };
    if (request.sourceTypeOverride) source.type = request.sourceTypeOverride;
    if (request.sourceLocationOverride) source.location = request.sourceLocationOverride;
    if (request.buildspecOverride) source.buildspec = request.buildspecOverride;
    const cw = (request.logsConfigOverride ?? project.logsConfig).cloudWatchLogs as { groupName?: string; streamName?: string } | undefined;
    const streamId = id.slice(project.name.length + 1);
    const sourceVersion = request.sourceVersion ?? project.sourceVersion;
    const build: BuildRec = {
      id,
      arn: `arn:aws:codebuild:${region}:${ACCOUNT_ID}:build/${id}`,
      region,
      projectName: project.name,
      buildNumber,
      startTime: at,
      status: 'IN_PROGRESS',
      phases: [{ type: 'SUBMITTED', start: at }],
      sourceVersion,
      resolvedSourceVersion: opts.resolvedSourceVersion ?? this.resolveSource(source, sourceVersion),
      initiator: opts.initiator ?? SANDBOX_USER,
      source,
      artifacts: request.artifactsOverride ?? project.artifacts,
      environment: {
        ...project.environment,
        ...(request.environmentTypeOverride ? { type: request.environmentTypeOverride } : {}),
        ...(request.imageOverride ? { image: request.imageOverride } : {}),
        ...(request.computeTypeOverride ? { computeType: request.computeTypeOverride } : {}),
        ...(request.privilegedModeOverride !== undefined ? { privilegedMode: request.privilegedModeOverride } : {}),
        environmentVariables: env,
      },
      serviceRole: request.serviceRoleOverride ?? project.serviceRole,
      timeoutInMinutes: request.timeoutInMinutesOverride ?? project.timeoutInMinutes,
      queuedTimeoutInMinutes: request.queuedTimeoutInMinutesOverride ?? project.queuedTimeoutInMinutes,
      encryptionKey: request.encryptionKeyOverride ?? project.encryptionKey,
      cache: request.cacheOverride ?? project.cache,
      logs: { groupName: cw?.groupName ?? `/aws/codebuild/${project.name}`, streamName: cw?.streamName ? `${cw.streamName}/${streamId}` : streamId },
      script: {
        durations: planDurations(id, Number.isFinite(logLines) ? Math.max(0, Math.floor(logLines)) : 0),
        failPhase: FAILABLE.includes(failPhase as PhaseType) ? (failPhase as PhaseType) : undefined,
        logLines: Number.isFinite(logLines) ? Math.max(0, Math.floor(logLines)) : 0,
        commands: parseBuildspec(typeof source.buildspec === 'string' ? source.buildspec : undefined) ?? DEFAULT_COMMANDS,
        testReport: opts.testReport ?? true,
        ...(opts.minimalLog ? { minimalLog: true } : {}),
        ...(opts.deferLog ? { deferLog: true } : {}),
      },
      logCursor: { phase: 0, line: 0 },
      reportArns: [],
      request: { ...request },
    };
    if (!build.script.failPhase) delete build.script.failPhase;
    return build;
  }

  /** Runs a (seeded) build forward to `until`, which may be ahead of the clock. */
  finishBuild(id: string, until: number): void {
    const b = this.build(id);
    if (!b) return;
    advanceBuild(b, until, this.hooks);
    if (b.status !== 'IN_PROGRESS') this.state.running = this.state.running.filter((r) => r !== id);
  }

  // ---- operations --------------------------------------------------------------------------------------------

  private listProjects(input: Json): Json {
    const v = inputValidator(input);
    const sortBy = v.str('sortBy', { enum: ['NAME', 'CREATED_TIME', 'LAST_MODIFIED_TIME'] }) ?? 'NAME';
    const sortOrder = v.str('sortOrder', { enum: SORT_ORDER }) ?? 'ASCENDING';
    const nextToken = v.str('nextToken', { min: 1 });
    v.done();
    const key = (p: ProjectRec) => (sortBy === 'NAME' ? p.name : sortBy === 'CREATED_TIME' ? p.created : p.lastModified);
    const projects = Object.values(this.state.projects).sort((a, b) => cmp(key(a), key(b)) || cmp(a.name, b.name));
    if (sortOrder === 'DESCENDING') projects.reverse();
    const p = page(projects.map((x) => x.name), { list: `projects:${sortBy}:${sortOrder}`, nextToken, pageSize: PAGE, invalidTokenError: 'InvalidInputException' });
    return withToken({ projects: p.items }, p.nextToken);
  }

  private batchGetProjects(input: Json): Json {
    const v = inputValidator(input);
    const names = v.strList('names', { required: true, min: 1, max: 100 }, { min: 1 }) ?? [];
    v.done();
    const found: Json[] = [];
    const missing: string[] = [];
    for (const n of unique(names)) {
      const p = this.state.projects[n.startsWith('arn:') ? n.slice(n.indexOf(':project/') + ':project/'.length) : n];
      if (p) found.push(projectWire(p));
      else missing.push(n);
    }
    return { projects: found, ...(missing.length ? { projectsNotFound: missing } : {}) };
  }

  private listBuilds(input: Json): Json {
    const v = inputValidator(input);
    const sortOrder = v.str('sortOrder', { enum: SORT_ORDER }) ?? 'DESCENDING';
    const nextToken = v.str('nextToken');
    v.done();
    const ids = sortOrder === 'DESCENDING' ? [...this.state.buildOrder].reverse() : this.state.buildOrder;
    const p = page(ids, { list: `builds:${sortOrder}`, nextToken, pageSize: PAGE, invalidTokenError: 'InvalidInputException' });
    return withToken({ ids: p.items }, p.nextToken);
  }

  private listBuildsForProject(input: Json): Json {
    const v = inputValidator(input);
    const name = v.str('projectName', { required: true, min: 1 }) as string;
    const sortOrder = v.str('sortOrder', { enum: SORT_ORDER }) ?? 'DESCENDING';
    const nextToken = v.str('nextToken');
    v.done();
    const project = this.project(name);
    const all = this.state.buildsByProject[project.name] ?? [];
    const ids = sortOrder === 'DESCENDING' ? [...all].reverse() : all;
    const p = page(ids, { list: `builds:${project.name}:${sortOrder}`, nextToken, pageSize: PAGE, invalidTokenError: 'InvalidInputException' });
    return withToken({ ids: p.items }, p.nextToken);
  }

  private batchGetBuilds(input: Json): Json {
    if (Array.isArray(input.ids) && input.ids.length === 0) throw invalidInput('The input build ID list cannot be empty.');
    const v = inputValidator(input);
    const ids = v.strList('ids', { required: true, min: 1, max: 100 }, { min: 1 }) ?? [];
    v.done();
    const builds: Json[] = [];
    const missing: string[] = [];
    for (const id of unique(ids)) {
      const b = this.findBuild(id);
      if (b) builds.push(buildWire(b));
      else missing.push(id);
    }
    return { builds, ...(missing.length ? { buildsNotFound: missing } : {}) };
  }

  private startBuild(input: Json, ctx: RequestContext): Json {
    const request = validateStartBuild(input);
    const token = request.idempotencyToken;
    delete request.idempotencyToken;
    if (token !== undefined) {
      const existing = this.idempotent(`start:${token}`, request, ctx.now);
      if (existing) return { build: buildWire(existing) };
    }
    const build = this.createBuild(request, ctx.now, { region: ctx.region });
    if (token !== undefined) this.state.idempotency[`start:${token}`] = { hash: hashOf(request), buildId: build.id, at: ctx.now };
    return { build: buildWire(build) };
  }

  private stopBuildOp(input: Json, ctx: RequestContext): Json {
    const v = inputValidator(input);
    const id = v.str('id', { required: true, min: 1 }) as string;
    v.done();
    const b = this.findBuild(id);
    if (!b) throw new AwsError('ResourceNotFoundException', `Build not found: ${id}`);
    advanceBuild(b, ctx.now, this.hooks);
    if (b.status !== 'IN_PROGRESS') throw invalidInput(`Build ${b.id} is not in progress and cannot be stopped (status ${b.status})`);
    this.stopBuildInternal(b.id);
    return { build: buildWire(b) };
  }

  private retryBuild(input: Json, ctx: RequestContext): Json {
    const v = inputValidator(input);
    const id = v.str('id', { min: 1 });
    const token = v.str('idempotencyToken');
    v.done();
    if (id === undefined) throw invalidInput('A build ID must be specified to retry a build.');
    const original = this.findBuild(id);
    if (!original) throw new AwsError('ResourceNotFoundException', `Build not found: ${id}`);
    if (token !== undefined) {
      const existing = this.idempotent(`retry:${token}`, { id: original.id }, ctx.now);
      if (existing) return { build: buildWire(existing) };
    }
    const build = this.createBuild(original.request as unknown as StartBuildInput, ctx.now, {
      region: ctx.region,
      initiator: original.initiator,
      resolvedSourceVersion: original.resolvedSourceVersion,
    });
    if (token !== undefined) this.state.idempotency[`retry:${token}`] = { hash: hashOf({ id: original.id }), buildId: build.id, at: ctx.now };
    return { build: buildWire(build) };
  }

  private listReportGroups(input: Json): Json {
    const v = inputValidator(input);
    const sortBy = v.str('sortBy', { enum: ['NAME', 'CREATED_TIME', 'LAST_MODIFIED_TIME'] }) ?? 'NAME';
    const sortOrder = v.str('sortOrder', { enum: SORT_ORDER }) ?? 'ASCENDING';
    const maxResults = v.int('maxResults', { min: 1, max: 100 }) ?? PAGE;
    const nextToken = v.str('nextToken');
    v.done();
    const key = (g: { name: string; created: number; lastModified: number }) => (sortBy === 'NAME' ? g.name : sortBy === 'CREATED_TIME' ? g.created : g.lastModified);
    const groups = Object.values(this.state.reportGroups).sort((a, b) => cmp(key(a), key(b)) || cmp(a.name, b.name));
    if (sortOrder === 'DESCENDING') groups.reverse();
    const p = page(groups.map((g) => g.arn), { list: `reportGroups:${sortBy}:${sortOrder}`, nextToken, pageSize: maxResults, invalidTokenError: 'InvalidInputException' });
    return withToken({ reportGroups: p.items }, p.nextToken);
  }

  private listReportsForReportGroup(input: Json): Json {
    const v = inputValidator(input);
    const groupArn = v.str('reportGroupArn', { required: true }) as string;
    const sortOrder = v.str('sortOrder', { enum: SORT_ORDER }) ?? 'DESCENDING';
    const maxResults = v.int('maxResults', { min: 1, max: 100 }) ?? PAGE;
    const nextToken = v.str('nextToken');
    const filter = v.obj('filter');
    const status = filter ? v.nested('filter', filter).str('status', { enum: ['GENERATING', 'SUCCEEDED', 'FAILED', 'INCOMPLETE', 'DELETING'] }) : undefined;
    v.done();
    const group = this.state.reportGroups[groupArn];
    if (!group) throw new AwsError('ResourceNotFoundException', `Report group not found: ${groupArn}`);
    let arns = group.reports.filter((a) => !status || this.state.reports[a]?.status === status);
    if (sortOrder === 'DESCENDING') arns = [...arns].reverse();
    const p = page(arns, { list: `reports:${groupArn}:${sortOrder}:${status ?? ''}`, nextToken, pageSize: maxResults, invalidTokenError: 'InvalidInputException' });
    return withToken({ reports: p.items }, p.nextToken);
  }

  private batchGetReports(input: Json): Json {
    const v = inputValidator(input);
    const arns = v.strList('reportArns', { required: true, min: 1, max: 100 }, { min: 1 }) ?? [];
    v.done();
    const reports: Json[] = [];
    const missing: string[] = [];
    for (const a of unique(arns)) {
      const r = this.state.reports[a];
      if (r) reports.push(reportWire(r));
      else missing.push(a);
    }
    return { ...(reports.length ? { reports } : {}), ...(missing.length ? { reportsNotFound: missing } : {}) };
  }

  private batchGetReportGroups(input: Json): Json {
    const v = inputValidator(input);
    const arns = v.strList('reportGroupArns', { required: true, min: 1, max: 100 }, { min: 1 }) ?? [];
    v.done();
    const groups = unique(arns).filter((a) => this.state.reportGroups[a]);
    const missing = unique(arns).filter((a) => !this.state.reportGroups[a]);
    return { ...(groups.length ? { reportGroups: groups.map((a) => reportGroupWire(this.state.reportGroups[a])) } : {}), ...(missing.length ? { reportGroupsNotFound: missing } : {}) };
  }

  private describeTestCases(input: Json): Json {
    const v = inputValidator(input);
    const reportArn = v.str('reportArn', { required: true }) as string;
    const maxResults = v.int('maxResults', { min: 1, max: 100 }) ?? PAGE;
    const nextToken = v.str('nextToken');
    const filter = v.obj('filter');
    const fv = filter ? v.nested('filter', filter) : undefined;
    const status = fv?.str('status');
    const keyword = fv?.str('keyword');
    v.done();
    if (status && !['SUCCEEDED', 'FAILED', 'ERROR', 'SKIPPED', 'UNKNOWN'].includes(status))
      throw invalidInput(`Invalid test case status: ${status}. Valid values are SUCCEEDED, FAILED, ERROR, SKIPPED and UNKNOWN`);
    const report = this.state.reports[reportArn];
    if (!report) throw new AwsError('ResourceNotFoundException', `Report not found: ${reportArn}`);
    const cases = testCases(report).filter((c) => (!status || c.status === status) && (!keyword || String(c.name).includes(keyword) || String(c.prefix).includes(keyword)));
    const p = page(cases, { list: `cases:${reportArn}:${status ?? ''}:${keyword ?? ''}`, nextToken, pageSize: maxResults, invalidTokenError: 'InvalidInputException' });
    return withToken({ testCases: p.items }, p.nextToken);
  }

  // ---- helpers -----------------------------------------------------------------------------------------------

  private project(name: string): ProjectRec {
    const p = this.state.projects[name];
    if (!p) {
      const valid = PROJECT_NAME.pattern.test(name);
      throw new AwsError('ResourceNotFoundException', `Project cannot be found: ${valid ? projectArn(this.sandbox.region, name) : name}`);
    }
    return p;
  }

  /** A build id (`<project>:<uuid>`) or its ARN. */
  private findBuild(idOrArn: string): BuildRec | undefined {
    const m = /^arn:aws[\w-]*:codebuild:[^:]*:\d*:build\/(.+)$/.exec(idOrArn);
    return this.build(m ? m[1] : idOrArn);
  }

  /** The build a token already started within 5 minutes; a mismatch of parameters is an error. */
  private idempotent(key: string, params: object, now: number): BuildRec | undefined {
    const rec = this.state.idempotency[key];
    if (!rec || now - rec.at >= IDEMPOTENCY_MS) return undefined;
    if (rec.hash !== hashOf(params))
      throw new AwsError('IdempotentParameterMismatchException', 'The request uses the same idempotency token as a previous, but not identical request. Use a different idempotency token or the same parameters.');
    return this.build(rec.buildId);
  }

  private addReport(b: BuildRec, at: number, failed: boolean): void {
    const groupArn = reportGroupArn(b.region, b.projectName);
    let group = this.state.reportGroups[groupArn];
    if (!group) group = this.state.reportGroups[groupArn] = { arn: groupArn, name: reportGroupName(b.projectName), created: at, lastModified: at, reports: [] };
    const report = newReport({ region: b.region, project: b.projectName, buildId: b.id, buildArn: b.arn, at, failed });
    this.state.reports[report.arn] = report;
    group.reports.push(report.arn);
    group.lastModified = at;
    b.reportArns.push(report.arn);
  }

  /** The commit a source version names: a commit id as is, a branch through the Sandbox's CodeCommit (unless `lookUp` is false). */
  private resolveSource(source: Json, sourceVersion: string | undefined, lookUp = true): string | undefined {
    if (source.type === 'NO_SOURCE') return undefined;
    if (sourceVersion && /^[0-9a-f]{40}$/.test(sourceVersion)) return sourceVersion;
    const repo = typeof source.location === 'string' ? /\/v1\/repos\/([^/]+)$/.exec(source.location)?.[1] : undefined;
    const branch = (sourceVersion ?? 'refs/heads/main').replace(/^refs\/heads\//, '');
    return (lookUp ? this.branchHead(source, sourceVersion) : undefined) ?? sha1(`${repo ?? String(source.location ?? source.type)}@${branch}`);
  }

  /** The head of the source's CodeCommit branch when the Sandbox has it (a commit-id source version is no branch). */
  private branchHead(source: Json, sourceVersion: string | undefined): string | undefined {
    if (source.type === 'NO_SOURCE' || typeof source.location !== 'string') return undefined;
    if (sourceVersion && /^[0-9a-f]{40}$/.test(sourceVersion)) return undefined;
    const repo = /\/v1\/repos\/([^/]+)$/.exec(source.location)?.[1];
    const cc = this.sandbox.codecommit as unknown as Partial<CodeCommitInternal>;
    return repo && typeof cc.getBranchHead === 'function' ? cc.getBranchHead(repo, (sourceVersion ?? 'refs/heads/main').replace(/^refs\/heads\//, '')) : undefined;
  }
}

function summary(b: BuildRec): BuildSummary {
  const failed = b.phases.find((p) => p.status === 'FAILED' || p.status === 'TIMED_OUT');
  return {
    id: b.id,
    arn: b.arn,
    buildNumber: b.buildNumber,
    status: b.status,
    currentPhase: b.phases[b.phases.length - 1].type,
    logs: { groupName: b.logs.groupName, streamName: b.logs.streamName, deepLink: deepLink(b.region, b.logs.groupName, b.logs.streamName) },
    ...(failed ? { failure: { phase: failed.type, message: failed.context?.message ?? `${failed.type} ${failed.status ?? ''}` } } : {}),
  };
}

/** Project variables overridden by name, new ones appended (StartBuild's environmentVariablesOverride). */
function mergeEnv(base: EnvVar[], overrides: EnvVar[]): EnvVar[] {
  const out = base.map((e) => ({ ...e, type: e.type ?? 'PLAINTEXT' }));
  for (const o of overrides) {
    const i = out.findIndex((e) => e.name === o.name);
    const v = { ...o, type: o.type ?? 'PLAINTEXT' };
    if (i >= 0) out[i] = v;
    else out.push(v);
  }
  return out;
}

/** The log group a project's builds write to (its logsConfig, else /aws/codebuild/<project>). */
function logGroupOf(projectName: string, logsConfig: Json): string {
  const cw = logsConfig.cloudWatchLogs as { groupName?: string } | undefined;
  return cw?.groupName ?? `/aws/codebuild/${projectName}`;
}

const projectArn = (region: string, name: string) => `arn:aws:codebuild:${region}:${ACCOUNT_ID}:project/${name}`;
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const unique = (xs: string[]) => [...new Set(xs)];
const withToken = (o: Json, nextToken: string | undefined): Json => (nextToken ? { ...o, nextToken } : o);

function hashOf(o: object): string {
  return sha1(canonical(o));
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Json)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Json)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}
