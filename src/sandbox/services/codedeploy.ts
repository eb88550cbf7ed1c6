import { createHash } from 'crypto';
import { dict, own } from '../dict';
import { AwsError } from '../errors';
import { ACCOUNT_ID, sha1, uuid } from '../ids';
import { page } from '../pagination';
import { BaseService } from './base';
import { advance, continueDeployment, end, type EngineHooks } from './codedeploy/engine';
import {
  ALLOW_TRAFFIC_EVENTS,
  BLOCK_TRAFFIC_EVENTS,
  DEPLOYMENT_CONFIGS,
  IN_PLACE_EVENTS,
  LIFECYCLE_EVENTS,
  isActive,
  type Application,
  type BlueGreenConfig,
  type Deployment,
  type DeploymentGroup,
  type Revision,
  type Target,
} from './codedeploy/model';
import { applicationWire, deploymentWire, groupWire, omitUndefined, targetWire } from './codedeploy/wire';
import type { CodeDeployInternal, DeploymentStatus } from './internal';
import type { Json, Operation, RequestContext } from './types';

/** A scripted outcome for the next deployment of a group (or of any group): which event fails, and where. */
export interface DeploymentScript {
  applicationName?: string;
  deploymentGroupName?: string;
  /** The lifecycle event that fails; undefined forces success even when a tag or description asks for a failure. */
  failEvent?: string;
  /** Fail the event on every instance instead of the first one (so any deployment configuration fails). */
  allInstances?: boolean;
}

/** Plain JSON; its maps have no prototype (../dict.ts). */
interface State {
  version: 1;
  applications: Record<string, Application>;
  /** keyed `<application>/<group>` */
  groups: Record<string, DeploymentGroup>;
  deployments: Record<string, Deployment>;
  /** deployment ids in creation order */
  order: string[];
  /** deployment ids that still move on the clock */
  active: string[];
  scripts: DeploymentScript[];
}

export interface CreateGroupOptions {
  applicationName: string;
  deploymentGroupName: string;
  deploymentConfigName?: string;
  /** How many instances the tag filters match (default 3). */
  instanceCount?: number;
  ec2TagFilters?: DeploymentGroup['ec2TagFilters'];
  /** Makes a blue/green group with traffic control. */
  blueGreen?: { actionOnTimeout: 'CONTINUE_DEPLOYMENT' | 'STOP_DEPLOYMENT'; waitTimeInMinutes?: number; terminationWaitTimeInMinutes?: number };
  autoRollbackOnFailure?: boolean;
  tags?: Record<string, string>;
}

const FAIL_MARK = /SANDBOX_FAIL_EVENT=([A-Za-z]+)/;
const DEPLOYMENT_ID = /^d-[A-Z0-9]{9}$/;
const STATUSES: readonly string[] = ['Created', 'Queued', 'InProgress', 'Baking', 'Succeeded', 'Failed', 'Stopped', 'Ready'];
const PAGE = 100;

export class CodeDeployService extends BaseService<State> implements CodeDeployInternal {
  readonly name = 'codedeploy' as const;
  readonly targetPrefix = 'CodeDeploy_20141006';
  readonly operations: Record<string, Operation> = {
    ListApplications: (i) => this.listApplications(i),
    BatchGetApplications: (i) => this.batchGetApplications(i),
    ListDeploymentGroups: (i) => this.listDeploymentGroups(i),
    BatchGetDeploymentGroups: (i) => this.batchGetDeploymentGroups(i),
    ListDeployments: (i) => this.listDeployments(i),
    BatchGetDeployments: (i) => this.batchGetDeployments(i),
    GetDeployment: (i) => ({ deploymentInfo: deploymentWire(this.deployment(i)) }),
    CreateDeployment: (i, c) => this.createDeployment(i, c),
    StopDeployment: (i, c) => this.stopDeployment(i, c),
    ContinueDeployment: (i, c) => this.continueDeploymentOp(i, c),
    ListDeploymentTargets: (i) => this.listDeploymentTargets(i),
    BatchGetDeploymentTargets: (i, c) => this.batchGetDeploymentTargets(i, c),
  };

  private readonly hooks: EngineHooks = { finished: (d, at) => this.finished(d, at) };

  protected initialState(): State {
    return { version: 1, applications: dict(), groups: dict(), deployments: dict(), order: [], active: [], scripts: [] };
  }

  protected revive(state: State): State {
    state.applications = dict(state.applications);
    state.groups = dict(state.groups);
    state.deployments = dict(state.deployments);
    return state;
  }

  override tick(now: number): void {
    // A finishing deployment may start a rollback deployment, which joins `active` and moves in the same pass.
    for (let i = 0; i < this.state.active.length; i++) {
      const d = this.state.deployments[this.state.active[i]];
      if (d) advance(d, now, this.hooks);
    }
    this.state.active = this.state.active.filter((id) => this.state.deployments[id] && isActive(this.state.deployments[id]));
  }

  // ---- internal API (pipelines, seeds, tests) ----

  createApplicationInternal(applicationName: string, at = this.sandbox.clock.now()): void {
    if (this.state.applications[applicationName]) throw new AwsError('ApplicationAlreadyExistsException', `The application ${applicationName} already exists.`);
    this.state.applications[applicationName] = { applicationId: uuid(), applicationName, createTime: at };
  }

  createDeploymentGroupInternal(opts: CreateGroupOptions): DeploymentGroup {
    this.application(opts.applicationName);
    const key = `${opts.applicationName}/${opts.deploymentGroupName}`;
    if (this.state.groups[key]) throw new AwsError('DeploymentGroupAlreadyExistsException', `The deployment group ${opts.deploymentGroupName} already exists.`);
    const blueGreen: BlueGreenConfig | undefined = opts.blueGreen && {
      terminateBlueInstancesOnDeploymentSuccess: { action: 'TERMINATE', terminationWaitTimeInMinutes: opts.blueGreen.terminationWaitTimeInMinutes ?? 5 },
      deploymentReadyOption: { actionOnTimeout: opts.blueGreen.actionOnTimeout, waitTimeInMinutes: opts.blueGreen.waitTimeInMinutes ?? 0 },
      greenFleetProvisioningOption: { action: 'COPY_AUTO_SCALING_GROUP' },
    };
    const group: DeploymentGroup = {
      applicationName: opts.applicationName,
      deploymentGroupId: uuid(),
      deploymentGroupName: opts.deploymentGroupName,
      deploymentConfigName: opts.deploymentConfigName ?? 'CodeDeployDefault.OneAtATime',
      serviceRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/CodeDeployServiceRole`,
      ec2TagFilters: opts.ec2TagFilters ?? [
        { Key: 'Application', Value: opts.applicationName, Type: 'KEY_AND_VALUE' },
        { Key: 'Environment', Value: opts.deploymentGroupName, Type: 'KEY_AND_VALUE' },
      ],
      instances: Array.from({ length: opts.instanceCount ?? 3 }, (_, i) => instanceId(`${key}#${i}`)),
      deploymentStyle: blueGreen ? { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' } : { deploymentType: 'IN_PLACE', deploymentOption: 'WITHOUT_TRAFFIC_CONTROL' },
      blueGreenDeploymentConfiguration: blueGreen,
      loadBalancerInfo: blueGreen ? { targetGroupInfoList: [{ name: `${opts.applicationName}-${opts.deploymentGroupName}-tg` }] } : undefined,
      autoRollbackConfiguration: opts.autoRollbackOnFailure ? { enabled: true, events: ['DEPLOYMENT_FAILURE'] } : undefined,
      tags: opts.tags,
    };
    this.state.groups[key] = group;
    return group;
  }

  /** Scripts the outcome of the next deployment created in a group (or in any group when none is named). */
  scriptNextDeployment(script: DeploymentScript): void {
    if (script.failEvent !== undefined && !LIFECYCLE_EVENTS.includes(script.failEvent))
      throw new AwsError('ValidationException', `Unknown lifecycle event '${script.failEvent}' (known: ${LIFECYCLE_EVENTS.join(', ')})`);
    this.state.scripts.push(script);
  }

  createDeploymentInternal(opts: {
    applicationName: string;
    deploymentGroupName: string;
    revision?: Record<string, unknown>;
    description?: string;
    creator?: 'user' | 'CodeDeploy' | 'codeDeployRollback';
    deploymentConfigName?: string;
    fileExistsBehavior?: Deployment['fileExistsBehavior'];
    ignoreApplicationStopFailures?: boolean;
    /** epoch ms; the clock's time when absent (seeds create deployments in the past) */
    at?: number;
  }): string {
    const group = this.group(opts.applicationName, opts.deploymentGroupName);
    const running = this.state.active.map((id) => this.state.deployments[id]).find((d) => d && isActive(d) && d.applicationName === group.applicationName && d.deploymentGroupName === group.deploymentGroupName);
    if (running)
      throw new AwsError('DeploymentLimitExceededException', `The deployment group ${group.applicationName}/${group.deploymentGroupName} already has an active deployment: ${running.deploymentId}.`);
    const configName = opts.deploymentConfigName ?? group.deploymentConfigName;
    if (!own(DEPLOYMENT_CONFIGS, configName)) throw new AwsError('DeploymentConfigDoesNotExistException', `The deployment configuration ${configName} does not exist.`);
    const at = opts.at ?? this.sandbox.clock.now();
    const id = this.newDeploymentId();
    const revision: Revision = opts.revision ?? group.targetRevision ?? defaultRevision(group, id);
    const blueGreen = group.deploymentStyle.deploymentType === 'BLUE_GREEN';
    const targets: Target[] = blueGreen
      ? [
          ...group.instances.map((_, i) => newTarget(instanceId(`${id}#green${i}`), [...IN_PLACE_EVENTS, ...ALLOW_TRAFFIC_EVENTS], at, 'Green')),
          ...group.instances.map((iid) => newTarget(iid, BLOCK_TRAFFIC_EVENTS, at, 'Blue')),
        ]
      : group.instances.map((iid) => newTarget(iid, IN_PLACE_EVENTS, at));
    const d: Deployment = {
      deploymentId: id,
      applicationName: group.applicationName,
      deploymentGroupName: group.deploymentGroupName,
      deploymentConfigName: configName,
      revision,
      previousRevision: group.lastSuccessfulRevision,
      status: 'Created',
      createTime: at,
      description: opts.description,
      creator: opts.creator ?? 'user',
      deploymentStyle: group.deploymentStyle,
      blueGreenDeploymentConfiguration: group.blueGreenDeploymentConfiguration,
      loadBalancerInfo: group.loadBalancerInfo,
      autoRollbackConfiguration: group.autoRollbackConfiguration,
      ignoreApplicationStopFailures: opts.ignoreApplicationStopFailures ?? false,
      updateOutdatedInstancesOnly: false,
      fileExistsBehavior: opts.fileExistsBehavior ?? 'DISALLOW',
      instanceTerminationWaitTimeStarted: false,
      deploymentStatusMessages: [],
      targets,
      phase: 'install',
      failEvent: this.failureFor(group, opts.description, revision),
    };
    this.state.deployments[id] = d;
    this.state.order.push(id);
    this.state.active.push(id);
    group.targetRevision = revision;
    group.lastAttemptedDeployment = { deploymentId: id, status: 'Created', createTime: at };
    return id;
  }

  getDeploymentStatus(deploymentId: string): { status: DeploymentStatus; errorMessage?: string } | undefined {
    const d = this.state.deployments[deploymentId];
    return d && { status: d.status, errorMessage: d.errorInformation?.message };
  }

  stopDeploymentInternal(deploymentId: string): void {
    const d = this.state.deployments[deploymentId];
    if (d && isActive(d)) this.stop(d, this.sandbox.clock.now(), false);
  }

  /** Stops an active deployment at `at`; with `rollback`, redeploys the last successful revision. Returns the rollback id. */
  stop(d: Deployment, at: number, rollback: boolean): string | undefined {
    if (!isActive(d)) throw new AwsError('DeploymentAlreadyCompletedException', `The deployment ${d.deploymentId} has already completed.`);
    end(d, 'Stopped', at, this.hooks, { code: 'MANUAL_STOP', message: 'The deployment was stopped by the user.' });
    if (rollback) return this.rollback(d, at, 'stopped');
    return undefined;
  }

  /** Continues a blue/green deployment waiting in Ready, at `at`. */
  continueAt(d: Deployment, at: number): void {
    continueDeployment(d, at, this.hooks);
  }

  // ---- lookups ----

  private application(name: string): Application {
    const app = this.state.applications[name];
    if (!app) throw new AwsError('ApplicationDoesNotExistException', `No application found for name: ${name}`);
    return app;
  }

  private group(applicationName: string, groupName: string): DeploymentGroup {
    this.application(applicationName);
    const group = this.state.groups[`${applicationName}/${groupName}`];
    if (!group) throw new AwsError('DeploymentGroupDoesNotExistException', `No Deployment Group found for name: ${groupName}`);
    return group;
  }

  private deployment(input: Json): Deployment {
    const id = deploymentId(input);
    const d = this.state.deployments[id];
    if (!d) throw new AwsError('DeploymentDoesNotExistException', `The deployment ${id} could not be found.`);
    return d;
  }

  private newDeploymentId(): string {
    for (;;) {
      const id = `d-${sha1(uuid()).slice(0, 9).toUpperCase()}`;
      if (!this.state.deployments[id]) return id;
    }
  }

  private failureFor(group: DeploymentGroup, description: string | undefined, revision: Revision): Deployment['failEvent'] {
    const index = this.state.scripts.findIndex(
      (s) => (!s.applicationName || s.applicationName === group.applicationName) && (!s.deploymentGroupName || s.deploymentGroupName === group.deploymentGroupName),
    );
    if (index >= 0) {
      const [script] = this.state.scripts.splice(index, 1);
      return script.failEvent ? { event: script.failEvent, allInstances: script.allInstances ?? false } : undefined;
    }
    const sources = [description ?? '', ...Object.entries(group.tags ?? {}).map(([k, v]) => `${k}=${v}`), JSON.stringify(revision)];
    for (const text of sources) {
      const event = FAIL_MARK.exec(text)?.[1];
      if (event && LIFECYCLE_EVENTS.includes(event)) return { event, allInstances: false };
    }
    return undefined;
  }

  private finished(d: Deployment, at: number): void {
    const group = this.state.groups[`${d.applicationName}/${d.deploymentGroupName}`];
    if (!group) return;
    if (group.lastAttemptedDeployment?.deploymentId === d.deploymentId) group.lastAttemptedDeployment = { ...group.lastAttemptedDeployment, status: d.status, endTime: at };
    if (d.status === 'Succeeded') {
      group.lastSuccessfulDeployment = { deploymentId: d.deploymentId, status: d.status, createTime: d.createTime, endTime: at };
      group.lastSuccessfulRevision = d.revision;
      // The green fleet replaces the blue one.
      if (d.deploymentStyle.deploymentType === 'BLUE_GREEN') group.instances = d.targets.filter((t) => t.label === 'Green').map((t) => t.targetId);
    }
    if (d.status === 'Failed' && d.autoRollbackConfiguration?.enabled && d.autoRollbackConfiguration.events.includes('DEPLOYMENT_FAILURE') && d.creator !== 'codeDeployRollback')
      this.rollback(d, at, 'failed');
  }

  private rollback(d: Deployment, at: number, why: 'stopped' | 'failed'): string | undefined {
    if (!d.previousRevision) {
      d.rollbackInfo = { rollbackMessage: `Automatic rollback of deployment ${d.deploymentId} was not performed: no previous successful revision was found.` };
      return undefined;
    }
    const id = this.createDeploymentInternal({
      applicationName: d.applicationName,
      deploymentGroupName: d.deploymentGroupName,
      revision: d.previousRevision,
      creator: 'codeDeployRollback',
      deploymentConfigName: d.deploymentConfigName,
      at,
    });
    const rb = this.state.deployments[id];
    rb.failEvent = undefined;
    rb.rollbackInfo = { rollbackTriggeringDeploymentId: d.deploymentId };
    d.rollbackInfo = {
      rollbackDeploymentId: id,
      rollbackMessage: `Deployment ${d.deploymentId} ${why}; rolled back to the last successful revision with deployment ${id}.`,
    };
    return id;
  }

  // ---- applications and groups ----

  private listApplications(input: Json): Json {
    const names = Object.keys(this.state.applications).sort();
    const p = page(names, { list: 'applications', nextToken: str(input, 'nextToken'), pageSize: PAGE, invalidTokenError: 'InvalidNextTokenException' });
    return omitUndefined({ applications: p.items, nextToken: p.nextToken });
  }

  private batchGetApplications(input: Json): Json {
    const names = list(input, 'applicationNames');
    if (!names || names.length === 0) throw new AwsError('ApplicationNameRequiredException', 'The minimum number of required application names was not specified.');
    if (names.length > 100) throw new AwsError('BatchLimitExceededException', 'The maximum number of names or IDs allowed for this request (100) was exceeded.');
    return { applicationsInfo: names.map((n) => applicationWire(this.application(checkName(n, 'Application')))) };
  }

  private listDeploymentGroups(input: Json): Json {
    const app = this.application(applicationName(input));
    const names = Object.values(this.state.groups)
      .filter((g) => g.applicationName === app.applicationName)
      .map((g) => g.deploymentGroupName)
      .sort();
    const p = page(names, { list: `groups:${app.applicationName}`, nextToken: str(input, 'nextToken'), pageSize: PAGE, invalidTokenError: 'InvalidNextTokenException' });
    return omitUndefined({ applicationName: app.applicationName, deploymentGroups: p.items, nextToken: p.nextToken });
  }

  private batchGetDeploymentGroups(input: Json): Json {
    const app = this.application(applicationName(input));
    const names = list(input, 'deploymentGroupNames');
    if (!names || names.length === 0) throw new AwsError('DeploymentGroupNameRequiredException', 'The deployment group name was not specified.');
    if (names.length > 100) throw new AwsError('BatchLimitExceededException', 'The maximum number of names or IDs allowed for this request (100) was exceeded.');
    const found: Json[] = [];
    const missing: string[] = [];
    for (const n of names) {
      const g = this.state.groups[`${app.applicationName}/${checkName(n, 'DeploymentGroup')}`];
      if (g) found.push(groupWire(g));
      else missing.push(n);
    }
    return omitUndefined({
      deploymentGroupsInfo: found,
      errorMessage: missing.length ? `Deployment groups ${missing.join(', ')} do not exist in application ${app.applicationName}.` : undefined,
    });
  }

  // ---- deployments ----

  private listDeployments(input: Json): Json {
    const appName = input.applicationName !== undefined ? applicationName(input) : undefined;
    const groupName = input.deploymentGroupName !== undefined ? deploymentGroupName(input) : undefined;
    if (groupName && !appName) throw new AwsError('ApplicationNameRequiredException', 'If deploymentGroupName is specified, applicationName must also be specified.');
    if (appName && !groupName) throw new AwsError('DeploymentGroupNameRequiredException', 'If applicationName is specified, deploymentGroupName must also be specified.');
    if (appName && groupName) this.group(appName, groupName);
    const statuses = list(input, 'includeOnlyStatuses') ?? [];
    for (const s of statuses) if (!STATUSES.includes(s)) throw new AwsError('InvalidDeploymentStatusException', `The deployment status ${s} is not valid.`);
    const range = input.createTimeRange as { start?: unknown; end?: unknown } | undefined;
    const start = range?.start !== undefined ? timeOf(range.start) : undefined;
    const endTime = range?.end !== undefined ? timeOf(range.end) : undefined;
    if (start !== undefined && endTime !== undefined && start > endTime) throw new AwsError('InvalidTimeRangeException', 'The specified time range was specified in an invalid format.');
    const ids = [...this.state.order]
      .reverse()
      .map((id) => this.state.deployments[id])
      .filter(
        (d) =>
          (!appName || (d.applicationName === appName && d.deploymentGroupName === groupName)) &&
          (statuses.length === 0 || statuses.includes(d.status)) &&
          (start === undefined || d.createTime >= start) &&
          (endTime === undefined || d.createTime <= endTime),
      )
      .map((d) => d.deploymentId);
    const key = `deployments:${appName ?? ''}/${groupName ?? ''}:${statuses.join(',')}:${start ?? ''}-${endTime ?? ''}`;
    const p = page(ids, { list: key, nextToken: str(input, 'nextToken'), pageSize: PAGE, invalidTokenError: 'InvalidNextTokenException' });
    return omitUndefined({ deployments: p.items, nextToken: p.nextToken });
  }

  private batchGetDeployments(input: Json): Json {
    const ids = list(input, 'deploymentIds');
    if (!ids || ids.length === 0) throw new AwsError('DeploymentIdRequiredException', 'At least one deployment ID must be specified.');
    if (ids.length > 25) throw new AwsError('BatchLimitExceededException', 'The maximum number of names or IDs allowed for this request (25) was exceeded.');
    for (const id of ids) if (!DEPLOYMENT_ID.test(id)) throw new AwsError('InvalidDeploymentIdException', `The deployment ID ${id} is not valid.`);
    return { deploymentsInfo: ids.map((id) => this.state.deployments[id]).filter(Boolean).map(deploymentWire) };
  }

  private createDeployment(input: Json, ctx: RequestContext): Json {
    const appName = applicationName(input);
    const groupName = deploymentGroupName(input);
    this.group(appName, groupName);
    const revision = checkRevision(input.revision);
    const configName = str(input, 'deploymentConfigName');
    if (configName !== undefined && (configName.length < 1 || configName.length > 100)) throw new AwsError('InvalidDeploymentConfigNameException', 'The deployment configuration name was specified in an invalid format.');
    const fileExistsBehavior = str(input, 'fileExistsBehavior');
    if (fileExistsBehavior !== undefined && !['DISALLOW', 'OVERWRITE', 'RETAIN'].includes(fileExistsBehavior))
      throw new AwsError('InvalidFileExistsBehaviorException', `An invalid fileExistsBehavior option was specified: ${fileExistsBehavior}.`);
    const description = str(input, 'description');
    const ignore = input.ignoreApplicationStopFailures;
    if (ignore !== undefined && typeof ignore !== 'boolean') throw new AwsError('InvalidIgnoreApplicationStopFailuresValueException', 'The IgnoreApplicationStopFailures value is invalid.');
    const id = this.createDeploymentInternal({
      applicationName: appName,
      deploymentGroupName: groupName,
      revision,
      description,
      deploymentConfigName: configName,
      fileExistsBehavior: fileExistsBehavior as Deployment['fileExistsBehavior'] | undefined,
      ignoreApplicationStopFailures: ignore,
      at: ctx.now,
    });
    return { deploymentId: id };
  }

  private stopDeployment(input: Json, ctx: RequestContext): Json {
    const d = this.deployment(input);
    if (!isActive(d)) throw new AwsError('DeploymentAlreadyCompletedException', `The deployment ${d.deploymentId} has already completed.`);
    const rollback = input.autoRollbackEnabled;
    if (rollback !== undefined && typeof rollback !== 'boolean') throw new AwsError('SerializationException', "Unexpected value type for 'autoRollbackEnabled': expected boolean");
    const rollbackId = this.stop(d, ctx.now, rollback === true);
    return rollbackId
      ? { status: 'Pending', statusMessage: `Stopping deployment ${d.deploymentId}; rolling back with deployment ${rollbackId}.` }
      : { status: 'Succeeded', statusMessage: `Deployment ${d.deploymentId} was stopped.` };
  }

  private continueDeploymentOp(input: Json, ctx: RequestContext): Json {
    const d = this.deployment(input);
    const waitType = str(input, 'deploymentWaitType') ?? 'READY_WAIT';
    if (waitType !== 'READY_WAIT' && waitType !== 'TERMINATION_WAIT') throw new AwsError('InvalidDeploymentWaitTypeException', `The wait type ${waitType} is invalid.`);
    if (d.deploymentStyle.deploymentType !== 'BLUE_GREEN') throw new AwsError('UnsupportedActionForDeploymentTypeException', 'A call was submitted that is not supported for the specified deployment type.');
    if (!isActive(d)) throw new AwsError('DeploymentAlreadyCompletedException', `The deployment ${d.deploymentId} has already completed.`);
    if (waitType === 'TERMINATION_WAIT' || d.status !== 'Ready') throw new AwsError('DeploymentIsNotInReadyStateException', `The deployment ${d.deploymentId} is not in a ready state.`);
    this.continueAt(d, ctx.now);
    return {};
  }

  private listDeploymentTargets(input: Json): Json {
    const d = this.deployment(input);
    if (d.status === 'Created') throw new AwsError('DeploymentNotStartedException', 'The specified deployment has not started.');
    const filters = (input.targetFilters ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(filters)) {
      if (k !== 'TargetStatus' && k !== 'ServerInstanceLabel') throw new AwsError('InvalidTargetFilterNameException', `The target filter name ${k} is invalid.`);
      if (!Array.isArray(v)) throw new AwsError('SerializationException', `Unexpected value type for 'targetFilters.${k}': expected list`);
    }
    const statuses = (filters.TargetStatus as string[] | undefined) ?? [];
    for (const s of statuses)
      if (!['Pending', 'InProgress', 'Succeeded', 'Failed', 'Skipped', 'Unknown', 'Ready'].includes(s)) throw new AwsError('InvalidInstanceStatusException', `The instance status ${s} is not valid.`);
    const labels = (filters.ServerInstanceLabel as string[] | undefined) ?? [];
    for (const l of labels) if (l !== 'Blue' && l !== 'Green') throw new AwsError('InvalidInstanceTypeException', `The instance label ${l} is not valid.`);
    const ids = d.targets
      .filter((t) => (statuses.length === 0 || statuses.includes(t.status)) && (labels.length === 0 || (t.label !== undefined && labels.includes(t.label))))
      .map((t) => t.targetId);
    const p = page(ids, { list: `targets:${d.deploymentId}:${statuses.join(',')}:${labels.join(',')}`, nextToken: str(input, 'nextToken'), pageSize: PAGE, invalidTokenError: 'InvalidNextTokenException' });
    return omitUndefined({ targetIds: p.items, nextToken: p.nextToken });
  }

  private batchGetDeploymentTargets(input: Json, ctx: RequestContext): Json {
    const d = this.deployment(input);
    const ids = list(input, 'targetIds');
    if (!ids || ids.length === 0) throw new AwsError('DeploymentTargetIdRequiredException', 'A deployment target ID was not provided.');
    if (ids.length > 25) throw new AwsError('DeploymentTargetListSizeExceededException', 'The maximum number of targets that can be associated with an Amazon ECS or AWS Lambda deployment was exceeded. The target list of both types of deployments must have exactly one item. This exception does not apply to EC2/On-premises deployments.');
    if (d.status === 'Created') throw new AwsError('DeploymentNotStartedException', 'The specified deployment has not started.');
    return {
      deploymentTargets: ids.map((id) => {
        const t = d.targets.find((x) => x.targetId === id);
        if (!t) throw new AwsError('DeploymentTargetDoesNotExistException', `The provided target ID ${id} does not belong to the deployment ${d.deploymentId}.`);
        return targetWire(d, t, ctx.region);
      }),
    };
  }
}

function newTarget(targetId: string, events: readonly string[], at: number, label?: 'Blue' | 'Green'): Target {
  return { targetId, label, status: 'Pending', lastUpdatedAt: at, cursor: 0, lifecycleEvents: events.map((e) => ({ lifecycleEventName: e, status: 'Pending' })) };
}

/** `i-0` and 16 hex digits, stable for a seed string. */
export function instanceId(seed: string): string {
  return `i-0${createHash('sha1').update(seed).digest('hex').slice(0, 16)}`;
}

function defaultRevision(group: DeploymentGroup, id: string): Revision {
  return {
    revisionType: 'S3',
    s3Location: { bucket: `codedeploy-artifacts-${ACCOUNT_ID}`, key: `${group.applicationName}/${id}.zip`, bundleType: 'zip', eTag: sha1(id).slice(0, 32) },
  };
}

function str(input: Json, field: string): string | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new AwsError('SerializationException', `Unexpected value type for '${field}': expected string`);
  return v;
}

function list(input: Json, field: string): string[] | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new AwsError('SerializationException', `Unexpected value type for '${field}': expected list of strings`);
  return v as string[];
}

function checkName(name: string, kind: 'Application' | 'DeploymentGroup'): string {
  if (name.length < 1 || name.length > 100) throw new AwsError(`Invalid${kind}NameException`, `The ${kind === 'Application' ? 'application' : 'deployment group'} name was specified in an invalid format.`);
  return name;
}

function applicationName(input: Json): string {
  const name = str(input, 'applicationName');
  if (!name) throw new AwsError('ApplicationNameRequiredException', 'The minimum number of required application names was not specified.');
  return checkName(name, 'Application');
}

function deploymentGroupName(input: Json): string {
  const name = str(input, 'deploymentGroupName');
  if (!name) throw new AwsError('DeploymentGroupNameRequiredException', 'The deployment group name was not specified.');
  return checkName(name, 'DeploymentGroup');
}

function deploymentId(input: Json): string {
  const id = str(input, 'deploymentId');
  if (!id) throw new AwsError('DeploymentIdRequiredException', 'At least one deployment ID must be specified.');
  if (!DEPLOYMENT_ID.test(id)) throw new AwsError('InvalidDeploymentIdException', `The deployment ID ${id} is not valid.`);
  return id;
}

function timeOf(v: unknown): number {
  if (typeof v !== 'number') throw new AwsError('InvalidTimeRangeException', 'The specified time range was specified in an invalid format.');
  return v * 1000;
}

/** The checks CreateDeployment makes on a RevisionLocation. */
function checkRevision(value: unknown): Revision {
  if (value === undefined || value === null) throw new AwsError('RevisionRequiredException', 'The revision ID was not specified.');
  if (typeof value !== 'object' || Array.isArray(value)) throw new AwsError('SerializationException', "Unexpected value type for 'revision': expected structure");
  const r = value as Json;
  const bad = (why: string) => new AwsError('InvalidRevisionException', why);
  const sub = (field: string): Json => {
    const v = r[field];
    if (!v || typeof v !== 'object') throw bad(`The revision type ${String(r.revisionType)} requires ${field}.`);
    return v as Json;
  };
  switch (r.revisionType) {
    case 'S3': {
      const s3 = sub('s3Location');
      if (typeof s3.bucket !== 'string' || !s3.bucket) throw bad('The S3 bucket name was not specified.');
      if (typeof s3.key !== 'string' || !s3.key) throw bad('The S3 object key was not specified.');
      if (s3.bundleType !== undefined && !['tar', 'tgz', 'zip', 'YAML', 'JSON'].includes(s3.bundleType as string)) throw bad(`The bundle type ${JSON.stringify(s3.bundleType)} is not valid.`);
      break;
    }
    case 'GitHub': {
      const gh = sub('gitHubLocation');
      if (typeof gh.repository !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(gh.repository)) throw bad('The GitHub repository must be specified as account/repository.');
      if (typeof gh.commitId !== 'string' || !/^[0-9a-f]{40}$/.test(gh.commitId)) throw bad('The GitHub commit ID must be a full 40-character SHA.');
      break;
    }
    case 'String':
    case 'AppSpecContent': {
      const content = sub(r.revisionType === 'String' ? 'string' : 'appSpecContent');
      if (typeof content.content !== 'string' || !content.content) throw bad('The revision content was not specified.');
      break;
    }
    default:
      throw bad(`The revision type ${JSON.stringify(r.revisionType ?? null)} is not valid. Valid types are S3, GitHub, String and AppSpecContent.`);
  }
  return r;
}
