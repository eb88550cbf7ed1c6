import type {
  ApplicationInfo,
  DeploymentGroupInfo,
  DeploymentInfo,
  DeploymentTarget as SdkDeploymentTarget,
  LastDeploymentInfo,
  LifecycleEvent as SdkLifecycleEvent,
  RevisionLocation,
} from '@aws-sdk/client-codedeploy';
import type { DeployApplication, Deployment, DeploymentFilter, DeploymentGroup, DeploymentTarget, LifecycleEvent, RevisionInfo } from '../model/codedeploy';
import { normaliseStatus } from '../model/status';
import type { ConnectionClients } from './clients';
import { time } from './convert';
import { AwsError } from './errors';
import { BATCH_LIMITS, chunk } from './queue';
import { assertValid, validateAppSpecContent, validateApplicationName, validateDeploymentGroupName, validateGitHubRevision, validateS3Revision } from './validation';

export type RevisionInput =
  | { type: 'S3'; bucket: string; key: string; bundleType: 'tar' | 'tgz' | 'zip' | 'YAML' | 'JSON'; version?: string; eTag?: string }
  | { type: 'GitHub'; repository: string; commitId: string }
  | { type: 'AppSpecContent'; content: string };

export interface CreateDeploymentInput {
  applicationName: string;
  deploymentGroupName: string;
  revision: RevisionInput;
  description?: string;
  fileExistsBehavior?: 'DISALLOW' | 'OVERWRITE' | 'RETAIN';
}

/** CodeDeploy: applications, deployment groups, deployments and their targets; create, stop, continue. */
export class CodeDeployService {
  constructor(private readonly clients: ConnectionClients) {}

  /** Every application with details: ListApplications pages, then BatchGetApplications in chunks of 100. */
  async listApplications(): Promise<DeployApplication[]> {
    const names = await this.clients.call('codedeploy', 'ListApplications', async (client, sdk) => {
      const out: string[] = [];
      for await (const page of sdk.paginateListApplications({ client }, {})) out.push(...(page.applications ?? []));
      return out;
    });
    names.sort((a, b) => a.localeCompare(b));
    const results = await Promise.all(
      chunk(names, BATCH_LIMITS.BatchGetApplications).map((applicationNames) =>
        this.clients.call('codedeploy', 'BatchGetApplications', async (client, sdk) => (await client.send(new sdk.BatchGetApplicationsCommand({ applicationNames }))).applicationsInfo ?? []),
      ),
    );
    const byName = new Map(results.flat().map((a) => [a.applicationName ?? '', toApplication(a)]));
    return names.map((n) => byName.get(n) ?? { name: n });
  }

  /** An application's deployment groups with details (BatchGetDeploymentGroups in chunks of 25: the limit is undocumented). */
  async listDeploymentGroups(applicationName: string): Promise<DeploymentGroup[]> {
    assertValid('codedeploy.ListDeploymentGroups', validateApplicationName(applicationName));
    const names = await this.clients.call('codedeploy', 'ListDeploymentGroups', async (client, sdk) => {
      const out: string[] = [];
      for await (const page of sdk.paginateListDeploymentGroups({ client }, { applicationName })) out.push(...(page.deploymentGroups ?? []));
      return out;
    });
    names.sort((a, b) => a.localeCompare(b));
    const results = await Promise.all(
      chunk(names, BATCH_LIMITS.BatchGetDeploymentGroups).map((deploymentGroupNames) =>
        this.clients.call('codedeploy', 'BatchGetDeploymentGroups', async (client, sdk) =>
          (await client.send(new sdk.BatchGetDeploymentGroupsCommand({ applicationName, deploymentGroupNames }))).deploymentGroupsInfo ?? [],
        ),
      ),
    );
    const byName = new Map(results.flat().map((g) => [g.deploymentGroupName ?? '', toGroup(g, applicationName)]));
    return names.map((n) => byName.get(n) ?? { applicationName, name: n });
  }

  /** Deployment ids matching the filter, as ListDeployments returns them (newest first), at most `limit` (default 50). */
  async listDeploymentIds(filter: DeploymentFilter = {}): Promise<string[]> {
    if (filter.deploymentGroupName && !filter.applicationName) {
      throw new AwsError('invalidInput', 'codedeploy.ListDeployments', 'A deployment group filter needs its application name too.', { code: 'ClientValidation' });
    }
    const limit = filter.limit ?? 50;
    return this.clients.call('codedeploy', 'ListDeployments', async (client, sdk) => {
      const out: string[] = [];
      const input = {
        ...(filter.applicationName ? { applicationName: filter.applicationName } : {}),
        ...(filter.deploymentGroupName ? { deploymentGroupName: filter.deploymentGroupName } : {}),
        ...(filter.statuses?.length ? { includeOnlyStatuses: filter.statuses as 'Created'[] } : {}),
        ...(filter.createdAfter !== undefined || filter.createdBefore !== undefined
          ? {
              createTimeRange: {
                ...(filter.createdAfter !== undefined ? { start: new Date(filter.createdAfter) } : {}),
                ...(filter.createdBefore !== undefined ? { end: new Date(filter.createdBefore) } : {}),
              },
            }
          : {}),
      };
      for await (const page of sdk.paginateListDeployments({ client }, input)) {
        out.push(...(page.deployments ?? []));
        if (out.length >= limit) break;
      }
      return out.slice(0, limit);
    });
  }

  /** Deployments matching the filter, with details (BatchGetDeployments in chunks of 25), newest first. */
  async listDeployments(filter: DeploymentFilter = {}): Promise<Deployment[]> {
    const deployments = await this.getDeployments(await this.listDeploymentIds(filter));
    return deployments.sort((a, b) => (b.created ?? 0) - (a.created ?? 0));
  }

  /** Details in the order given, BatchGetDeployments in chunks of 25. */
  async getDeployments(ids: readonly string[]): Promise<Deployment[]> {
    if (ids.length === 0) return [];
    const results = await Promise.all(
      chunk(ids, BATCH_LIMITS.BatchGetDeployments).map((deploymentIds) =>
        this.clients.call('codedeploy', 'BatchGetDeployments', async (client, sdk) => (await client.send(new sdk.BatchGetDeploymentsCommand({ deploymentIds }))).deploymentsInfo ?? []),
      ),
    );
    const byId = new Map(results.flat().map((d) => [d.deploymentId ?? '', toDeployment(d)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async getDeployment(id: string): Promise<Deployment> {
    const [d] = await this.getDeployments([id]);
    if (!d) throw new AwsError('notFound', 'codedeploy.BatchGetDeployments', `CodeDeploy BatchGetDeployments: deployment ${id} not found.`, { code: 'DeploymentDoesNotExistException' });
    return d;
  }

  /** A deployment's targets with their lifecycle events and diagnostics (ListDeploymentTargets pages, BatchGetDeploymentTargets by 25). */
  async listTargets(deploymentId: string, options: { statuses?: string[] } = {}): Promise<DeploymentTarget[]> {
    const ids = await this.clients.call('codedeploy', 'ListDeploymentTargets', async (client, sdk) => {
      const out: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(
          new sdk.ListDeploymentTargetsCommand({ deploymentId, nextToken, ...(options.statuses?.length ? { targetFilters: { TargetStatus: options.statuses } } : {}) }),
        );
        out.push(...(page.targetIds ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      return out;
    });
    const results = await Promise.all(
      chunk(ids, BATCH_LIMITS.BatchGetDeploymentTargets).map((targetIds) =>
        this.clients.call('codedeploy', 'BatchGetDeploymentTargets', async (client, sdk) =>
          (await client.send(new sdk.BatchGetDeploymentTargetsCommand({ deploymentId, targetIds }))).deploymentTargets ?? [],
        ),
      ),
    );
    return results.flat().map(toTarget);
  }

  async createDeployment(input: CreateDeploymentInput): Promise<string> {
    const r = input.revision;
    assertValid(
      'codedeploy.CreateDeployment',
      validateApplicationName(input.applicationName),
      validateDeploymentGroupName(input.deploymentGroupName),
      r.type === 'S3' ? validateS3Revision(r) : r.type === 'GitHub' ? validateGitHubRevision(r) : validateAppSpecContent(r.content),
    );
    const revision: RevisionLocation =
      r.type === 'S3'
        ? { revisionType: 'S3', s3Location: { bucket: r.bucket, key: r.key, bundleType: r.bundleType, ...(r.version ? { version: r.version } : {}), ...(r.eTag ? { eTag: r.eTag } : {}) } }
        : r.type === 'GitHub'
          ? { revisionType: 'GitHub', gitHubLocation: { repository: r.repository, commitId: r.commitId } }
          : { revisionType: 'AppSpecContent', appSpecContent: { content: r.content } };
    const out = await this.clients.call('codedeploy', 'CreateDeployment', async (client, sdk) =>
      client.send(
        new sdk.CreateDeploymentCommand({
          applicationName: input.applicationName,
          deploymentGroupName: input.deploymentGroupName,
          revision,
          ...(input.description ? { description: input.description } : {}),
          ...(input.fileExistsBehavior ? { fileExistsBehavior: input.fileExistsBehavior } : {}),
        }),
      ),
    );
    return out.deploymentId ?? '';
  }

  /** Stops a deployment, rolling back to the last good revision when `rollback` (the group's auto-rollback must allow it). */
  async stopDeployment(deploymentId: string, options: { rollback?: boolean } = {}): Promise<{ status?: string; message?: string }> {
    const out = await this.clients.call('codedeploy', 'StopDeployment', async (client, sdk) =>
      client.send(new sdk.StopDeploymentCommand({ deploymentId, autoRollbackEnabled: options.rollback ?? false })),
    );
    return { status: out.status, message: out.statusMessage };
  }

  /** Continues a blue/green deployment waiting for traffic re-routing (READY_WAIT) or original-instance termination (TERMINATION_WAIT). */
  async continueDeployment(deploymentId: string, waitType: 'READY_WAIT' | 'TERMINATION_WAIT' = 'READY_WAIT'): Promise<void> {
    await this.clients.call('codedeploy', 'ContinueDeployment', async (client, sdk) => client.send(new sdk.ContinueDeploymentCommand({ deploymentId, deploymentWaitType: waitType })));
  }
}

function toApplication(a: ApplicationInfo): DeployApplication {
  return { name: a.applicationName ?? '', id: a.applicationId, computePlatform: a.computePlatform, created: time(a.createTime), linkedToGitHub: a.linkedToGitHub };
}

function last(l: LastDeploymentInfo | undefined): DeploymentGroup['lastAttempted'] {
  return l ? { deploymentId: l.deploymentId, status: l.status, end: time(l.endTime), created: time(l.createTime) } : undefined;
}

function toGroup(g: DeploymentGroupInfo, applicationName: string): DeploymentGroup {
  return {
    applicationName: g.applicationName ?? applicationName,
    name: g.deploymentGroupName ?? '',
    id: g.deploymentGroupId,
    computePlatform: g.computePlatform,
    deploymentConfigName: g.deploymentConfigName,
    deploymentStyle: g.deploymentStyle ? { type: g.deploymentStyle.deploymentType, option: g.deploymentStyle.deploymentOption } : undefined,
    lastAttempted: last(g.lastAttemptedDeployment),
    lastSuccessful: last(g.lastSuccessfulDeployment),
  };
}

export function revisionInfo(r: RevisionLocation | undefined): RevisionInfo | undefined {
  if (!r) return undefined;
  const s3 = r.s3Location;
  const gh = r.gitHubLocation;
  const sha = r.appSpecContent?.sha256 ?? r.string?.sha256;
  const label =
    r.revisionType === 'S3' && s3
      ? `s3://${s3.bucket ?? ''}/${s3.key ?? ''}`
      : r.revisionType === 'GitHub' && gh
        ? `${gh.repository ?? ''}@${(gh.commitId ?? '').slice(0, 7)}`
        : r.revisionType === 'AppSpecContent' || r.revisionType === 'String'
          ? 'AppSpec content'
          : (r.revisionType ?? 'revision');
  return {
    type: r.revisionType,
    s3: s3 ? { bucket: s3.bucket, key: s3.key, bundleType: s3.bundleType, version: s3.version, eTag: s3.eTag } : undefined,
    gitHub: gh ? { repository: gh.repository, commitId: gh.commitId } : undefined,
    appSpecSha256: sha,
    label,
  };
}

function toDeployment(d: DeploymentInfo): Deployment {
  const rawStatus = d.status ?? 'Created';
  const o = d.deploymentOverview;
  return {
    id: d.deploymentId ?? '',
    applicationName: d.applicationName,
    deploymentGroupName: d.deploymentGroupName,
    status: normaliseStatus(rawStatus),
    rawStatus,
    creator: d.creator,
    description: d.description,
    created: time(d.createTime),
    start: time(d.startTime),
    end: time(d.completeTime),
    error: d.errorInformation ? { code: d.errorInformation.code, message: d.errorInformation.message } : undefined,
    overview: {
      Pending: o?.Pending ?? 0,
      InProgress: o?.InProgress ?? 0,
      Succeeded: o?.Succeeded ?? 0,
      Failed: o?.Failed ?? 0,
      Skipped: o?.Skipped ?? 0,
      Ready: o?.Ready ?? 0,
    },
    revision: revisionInfo(d.revision),
    computePlatform: d.computePlatform,
    deploymentConfigName: d.deploymentConfigName,
    deploymentStyle: d.deploymentStyle ? { type: d.deploymentStyle.deploymentType, option: d.deploymentStyle.deploymentOption } : undefined,
    waitingForContinue: rawStatus === 'Ready',
    rollbackInfo: d.rollbackInfo
      ? { rollbackDeploymentId: d.rollbackInfo.rollbackDeploymentId, rollbackTriggeringDeploymentId: d.rollbackInfo.rollbackTriggeringDeploymentId, rollbackMessage: d.rollbackInfo.rollbackMessage }
      : undefined,
  };
}

function toEvent(e: SdkLifecycleEvent): LifecycleEvent {
  const diag = e.diagnostics;
  return {
    name: e.lifecycleEventName ?? '',
    status: normaliseStatus(e.status),
    rawStatus: e.status,
    start: time(e.startTime),
    end: time(e.endTime),
    diagnostics: diag ? { errorCode: diag.errorCode, scriptName: diag.scriptName, message: diag.message, logTail: diag.logTail } : undefined,
  };
}

function toTarget(t: SdkDeploymentTarget): DeploymentTarget {
  const inner = t.instanceTarget ?? t.lambdaTarget ?? t.ecsTarget ?? t.cloudFormationTarget;
  const events = (inner?.lifecycleEvents ?? []).map(toEvent);
  const arn = t.instanceTarget?.targetArn ?? t.lambdaTarget?.targetArn ?? t.ecsTarget?.targetArn;
  return {
    id: inner?.targetId ?? '',
    type: t.deploymentTargetType,
    arn,
    status: normaliseStatus(inner?.status),
    rawStatus: inner?.status,
    lastUpdated: time(inner?.lastUpdatedAt),
    lifecycleEvents: events,
    failedEvent: events.find((e) => e.status === 'failed'),
    instanceLabel: t.instanceTarget?.instanceLabel,
  };
}
