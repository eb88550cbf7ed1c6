import type { Build as SdkBuild, Project as SdkProject, Report as SdkReport, TestCase as SdkTestCase } from '@aws-sdk/client-codebuild';
import type { Build, BuildPhase, BuildProject, EnvironmentVariable, TestCase, TestReport } from '../model/codebuild';
import { normaliseStatus } from '../model/status';
import type { ConnectionClients } from './clients';
import { time } from './convert';
import { AwsError } from './errors';
import { BATCH_LIMITS, chunk } from './queue';
import {
  assertValid,
  validateBuildTimeout,
  validateEnvironmentVariables,
  validateProjectName,
  validateSourceVersion,
  type EnvironmentVariableInput,
} from './validation';

export interface StartBuildInput {
  projectName: string;
  /** Branch, tag, commit id (or `pr/<n>`); the project's default when absent. */
  sourceVersion?: string;
  environmentVariables?: EnvironmentVariableInput[];
  timeoutInMinutes?: number;
  /** Makes a retried start idempotent (CodeBuild keeps it 5 minutes); one is generated when absent. */
  idempotencyToken?: string;
}

/** CodeBuild: projects, builds, start / stop / retry, test reports and test cases. */
export class CodeBuildService {
  constructor(private readonly clients: ConnectionClients) {}

  /** Every project with its source: ListProjects pages (by name), then BatchGetProjects in chunks of 100. */
  async listProjects(): Promise<BuildProject[]> {
    const names = await this.clients.call('codebuild', 'ListProjects', async (client, sdk) => {
      const out: string[] = [];
      for await (const page of sdk.paginateListProjects({ client }, { sortBy: 'NAME', sortOrder: 'ASCENDING' })) out.push(...(page.projects ?? []));
      return out;
    });
    return this.getProjects(names);
  }

  async getProjects(names: readonly string[]): Promise<BuildProject[]> {
    const results = await Promise.all(
      chunk(names, BATCH_LIMITS.BatchGetProjects).map((batch) =>
        this.clients.call('codebuild', 'BatchGetProjects', async (client, sdk) => (await client.send(new sdk.BatchGetProjectsCommand({ names: batch }))).projects ?? []),
      ),
    );
    const byName = new Map(results.flat().map((p) => [p.name ?? '', toProject(p)]));
    return names.flatMap((n) => byName.get(n) ?? []);
  }

  /** Build ids of a project, newest first; stops paging once `limit` ids are known. */
  async listBuildIds(projectName: string, options: { limit?: number } = {}): Promise<string[]> {
    const limit = options.limit ?? Infinity;
    return this.clients.call('codebuild', 'ListBuildsForProject', async (client, sdk) => {
      const out: string[] = [];
      for await (const page of sdk.paginateListBuildsForProject({ client }, { projectName, sortOrder: 'DESCENDING' })) {
        out.push(...(page.ids ?? []));
        if (out.length >= limit) break;
      }
      return out.slice(0, limit);
    });
  }

  /** A project's builds with details, newest first (default the latest 20). */
  async listBuilds(projectName: string, options: { limit?: number } = {}): Promise<Build[]> {
    return this.getBuilds(await this.listBuildIds(projectName, { limit: options.limit ?? 20 }));
  }

  /** Details of builds in the order given, BatchGetBuilds in chunks of 100 (unknown ids are left out). */
  async getBuilds(ids: readonly string[]): Promise<Build[]> {
    if (ids.length === 0) return [];
    const results = await Promise.all(
      chunk(ids, BATCH_LIMITS.BatchGetBuilds).map((batch) =>
        this.clients.call('codebuild', 'BatchGetBuilds', async (client, sdk) => (await client.send(new sdk.BatchGetBuildsCommand({ ids: batch }))).builds ?? []),
      ),
    );
    const byId = new Map(results.flat().map((b) => [b.id ?? '', toBuild(b)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async getBuild(id: string): Promise<Build> {
    const [build] = await this.getBuilds([id]);
    if (!build) throw new AwsError('notFound', 'codebuild.BatchGetBuilds', `CodeBuild BatchGetBuilds: build ${id} not found.`, { code: 'BuildNotFound' });
    return build;
  }

  async startBuild(input: StartBuildInput): Promise<Build> {
    const op = 'codebuild.StartBuild';
    assertValid(
      op,
      validateProjectName(input.projectName),
      input.sourceVersion === undefined ? undefined : validateSourceVersion(input.sourceVersion),
      input.environmentVariables ? validateEnvironmentVariables(input.environmentVariables) : undefined,
      input.timeoutInMinutes === undefined ? undefined : validateBuildTimeout(input.timeoutInMinutes),
    );
    const build = await this.clients.call('codebuild', 'StartBuild', async (client, sdk) =>
      (
        await client.send(
          new sdk.StartBuildCommand({
            projectName: input.projectName,
            ...(input.sourceVersion ? { sourceVersion: input.sourceVersion } : {}),
            ...(input.environmentVariables?.length
              ? { environmentVariablesOverride: input.environmentVariables.map((v) => ({ name: v.name, value: v.value, type: (v.type ?? 'PLAINTEXT') as 'PLAINTEXT' })) }
              : {}),
            ...(input.timeoutInMinutes !== undefined ? { timeoutInMinutesOverride: input.timeoutInMinutes } : {}),
            idempotencyToken: input.idempotencyToken ?? newToken(),
          }),
        )
      ).build,
    );
    return toBuild(build ?? {});
  }

  async stopBuild(id: string): Promise<Build> {
    const build = await this.clients.call('codebuild', 'StopBuild', async (client, sdk) => (await client.send(new sdk.StopBuildCommand({ id }))).build);
    return toBuild(build ?? { id });
  }

  async retryBuild(id: string, idempotencyToken: string = newToken()): Promise<Build> {
    const build = await this.clients.call('codebuild', 'RetryBuild', async (client, sdk) => (await client.send(new sdk.RetryBuildCommand({ id, idempotencyToken }))).build);
    return toBuild(build ?? {});
  }

  /** Test reports by ARN (a build's `reportArns`), BatchGetReports in chunks of 100. */
  async getReports(reportArns: readonly string[]): Promise<TestReport[]> {
    if (reportArns.length === 0) return [];
    const results = await Promise.all(
      chunk(reportArns, BATCH_LIMITS.BatchGetReports).map((batch) =>
        this.clients.call('codebuild', 'BatchGetReports', async (client, sdk) => (await client.send(new sdk.BatchGetReportsCommand({ reportArns: batch }))).reports ?? []),
      ),
    );
    const byArn = new Map(results.flat().map((r) => [r.arn ?? '', toReport(r)]));
    return reportArns.flatMap((a) => byArn.get(a) ?? []);
  }

  /** The test reports of a build. */
  async getReportsForBuild(build: Pick<Build, 'reportArns'>): Promise<TestReport[]> {
    return this.getReports(build.reportArns);
  }

  /** Test cases of a report (DescribeTestCases pages of 100), optionally only one status (`FAILED`), at most `limit`. */
  async listTestCases(reportArn: string, options: { status?: string; limit?: number } = {}): Promise<TestCase[]> {
    const limit = options.limit ?? 1000;
    return this.clients.call('codebuild', 'DescribeTestCases', async (client, sdk) => {
      const out: TestCase[] = [];
      for await (const page of sdk.paginateDescribeTestCases({ client, pageSize: 100 }, { reportArn, ...(options.status ? { filter: { status: options.status } } : {}) })) {
        for (const c of page.testCases ?? []) out.push(toTestCase(c, reportArn));
        if (out.length >= limit) break;
      }
      return out.slice(0, limit);
    });
  }
}

function newToken(): string {
  return globalThis.crypto.randomUUID();
}

const CODECOMMIT_LOCATION = /^https:\/\/git-codecommit\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/v1\/repos\/([^/?#]+)/;

/** `refs/heads/main` and `main` name the branch `main`; a 40-hex commit id or `refs/tags/x` names no branch. */
export function branchOf(sourceVersion: string | undefined): string | undefined {
  if (!sourceVersion) return undefined;
  if (sourceVersion.startsWith('refs/heads/')) return sourceVersion.slice('refs/heads/'.length);
  if (/^refs\//.test(sourceVersion) || /^[0-9a-f]{40}$/.test(sourceVersion) || /^pr\/\d+$/.test(sourceVersion)) return undefined;
  return sourceVersion;
}

function envVars(vars: { name?: string; value?: string; type?: string }[] | undefined): EnvironmentVariable[] {
  return (vars ?? []).map((v) => ({ name: v.name ?? '', value: v.value ?? '', type: v.type ?? 'PLAINTEXT' }));
}

function toProject(p: SdkProject): BuildProject {
  const location = p.source?.location;
  const repositoryName = p.source?.type === 'CODECOMMIT' && location ? CODECOMMIT_LOCATION.exec(location)?.[1] : undefined;
  return {
    name: p.name ?? '',
    arn: p.arn ?? '',
    description: p.description,
    sourceType: p.source?.type,
    sourceLocation: location,
    repositoryName: repositoryName ? decodeURIComponent(repositoryName) : undefined,
    sourceVersion: p.sourceVersion,
    branch: branchOf(p.sourceVersion),
    created: time(p.created),
    lastModified: time(p.lastModified),
    timeoutInMinutes: p.timeoutInMinutes,
    environmentVariables: envVars(p.environment?.environmentVariables),
    badgeUrl: p.badge?.badgeRequestUrl,
  };
}

export function toBuild(b: SdkBuild): Build {
  const phases: BuildPhase[] = (b.phases ?? []).map((p) => ({
    type: p.phaseType ?? '',
    status: p.phaseStatus ? normaliseStatus(p.phaseStatus) : p.endTime ? 'succeeded' : 'running',
    rawStatus: p.phaseStatus,
    start: time(p.startTime),
    end: time(p.endTime),
    durationSeconds: p.durationInSeconds,
    messages: (p.contexts ?? []).map((c) => [c.statusCode, c.message].filter(Boolean).join(': ')).filter((m) => m.length > 0),
  }));
  const failed = phases.find((p) => p.status === 'failed');
  const rawStatus = b.buildStatus ?? 'IN_PROGRESS';
  return {
    id: b.id ?? '',
    arn: b.arn ?? '',
    projectName: b.projectName ?? (b.id ?? '').split(':')[0],
    buildNumber: b.buildNumber,
    status: normaliseStatus(rawStatus),
    rawStatus,
    currentPhase: b.currentPhase,
    complete: b.buildComplete ?? rawStatus !== 'IN_PROGRESS',
    start: time(b.startTime),
    end: time(b.endTime),
    sourceVersion: b.sourceVersion,
    resolvedSourceVersion: b.resolvedSourceVersion,
    initiator: b.initiator,
    phases,
    logs: { groupName: b.logs?.groupName, streamName: b.logs?.streamName, deepLink: b.logs?.deepLink, s3Location: b.logs?.s3LogsArn },
    reportArns: b.reportArns ?? [],
    environmentVariables: envVars(b.environment?.environmentVariables),
    timeoutInMinutes: b.timeoutInMinutes,
    failure: failed ? { phase: failed.type, message: failed.messages[0] } : undefined,
  };
}

function toReport(r: SdkReport): TestReport {
  return {
    arn: r.arn ?? '',
    name: r.name,
    type: r.type,
    status: r.status,
    reportGroupArn: r.reportGroupArn,
    executionId: r.executionId,
    created: time(r.created),
    total: r.testSummary?.total ?? 0,
    statusCounts: { ...(r.testSummary?.statusCounts ?? {}) },
    durationMs: r.testSummary?.durationInNanoSeconds !== undefined ? r.testSummary.durationInNanoSeconds / 1e6 : undefined,
  };
}

function toTestCase(c: SdkTestCase, reportArn: string): TestCase {
  return {
    reportArn: c.reportArn ?? reportArn,
    name: c.name ?? '',
    prefix: c.prefix,
    status: c.status ?? 'UNKNOWN',
    durationMs: c.durationInNanoSeconds !== undefined ? c.durationInNanoSeconds / 1e6 : undefined,
    message: c.message,
    testRawDataPath: c.testRawDataPath,
    expired: time(c.expired),
  };
}
