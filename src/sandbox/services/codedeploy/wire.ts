import { ACCOUNT_ID, ts } from '../../ids';
import type { Json } from '../types';
import type { Application, Deployment, DeploymentGroup, LastDeployment, Target } from './model';

/** The wire (model) shapes of the stored CodeDeploy objects: timestamps in epoch seconds, undefined members left out. */

export function omitUndefined<T extends Json>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

export function applicationWire(a: Application): Json {
  return { applicationId: a.applicationId, applicationName: a.applicationName, createTime: ts(a.createTime), linkedToGitHub: false, computePlatform: 'Server' };
}

const lastWire = (l: LastDeployment | undefined): Json | undefined =>
  l && omitUndefined({ deploymentId: l.deploymentId, status: l.status, endTime: ts(l.endTime), createTime: ts(l.createTime) });

export function groupWire(g: DeploymentGroup): Json {
  return omitUndefined({
    applicationName: g.applicationName,
    deploymentGroupId: g.deploymentGroupId,
    deploymentGroupName: g.deploymentGroupName,
    deploymentConfigName: g.deploymentConfigName,
    ec2TagFilters: g.ec2TagFilters,
    onPremisesInstanceTagFilters: [],
    autoScalingGroups: [],
    serviceRoleArn: g.serviceRoleArn,
    targetRevision: g.targetRevision,
    triggerConfigurations: [],
    alarmConfiguration: { enabled: false, ignorePollAlarmFailure: false, alarms: [] },
    autoRollbackConfiguration: g.autoRollbackConfiguration,
    deploymentStyle: g.deploymentStyle,
    outdatedInstancesStrategy: 'UPDATE',
    blueGreenDeploymentConfiguration: g.blueGreenDeploymentConfiguration,
    loadBalancerInfo: g.loadBalancerInfo,
    lastSuccessfulDeployment: lastWire(g.lastSuccessfulDeployment),
    lastAttemptedDeployment: lastWire(g.lastAttemptedDeployment),
    computePlatform: 'Server',
    terminationHookEnabled: false,
  });
}

export function overview(d: Deployment): Record<string, number> {
  const counts: Record<string, number> = { Pending: 0, InProgress: 0, Succeeded: 0, Failed: 0, Skipped: 0, Ready: 0 };
  for (const t of d.targets) if (t.status in counts) counts[t.status]++;
  return counts;
}

export function deploymentWire(d: Deployment): Json {
  return omitUndefined({
    applicationName: d.applicationName,
    deploymentGroupName: d.deploymentGroupName,
    deploymentConfigName: d.deploymentConfigName,
    deploymentId: d.deploymentId,
    previousRevision: d.previousRevision,
    revision: d.revision,
    status: d.status,
    errorInformation: d.errorInformation,
    createTime: ts(d.createTime),
    startTime: ts(d.startTime),
    completeTime: ts(d.completeTime),
    deploymentOverview: overview(d),
    description: d.description,
    creator: d.creator,
    ignoreApplicationStopFailures: d.ignoreApplicationStopFailures,
    autoRollbackConfiguration: d.autoRollbackConfiguration,
    updateOutdatedInstancesOnly: d.updateOutdatedInstancesOnly,
    rollbackInfo: d.rollbackInfo,
    deploymentStyle: d.deploymentStyle,
    instanceTerminationWaitTimeStarted: d.instanceTerminationWaitTimeStarted,
    blueGreenDeploymentConfiguration: d.blueGreenDeploymentConfiguration,
    loadBalancerInfo: d.loadBalancerInfo,
    fileExistsBehavior: d.fileExistsBehavior,
    deploymentStatusMessages: d.deploymentStatusMessages,
    computePlatform: 'Server',
  });
}

export function targetWire(d: Deployment, t: Target, region: string): Json {
  return {
    deploymentTargetType: 'InstanceTarget',
    instanceTarget: omitUndefined({
      deploymentId: d.deploymentId,
      targetId: t.targetId,
      targetArn: `arn:aws:ec2:${region}:${ACCOUNT_ID}:instance/${t.targetId}`,
      status: t.status,
      lastUpdatedAt: ts(t.lastUpdatedAt),
      lifecycleEvents: t.lifecycleEvents.map((e) =>
        omitUndefined({
          lifecycleEventName: e.lifecycleEventName,
          diagnostics: e.diagnostics ?? (e.status === 'Succeeded' ? { errorCode: 'Success', scriptName: '', message: 'Succeeded', logTail: '' } : undefined),
          startTime: ts(e.startTime),
          endTime: ts(e.endTime),
          status: e.status,
        }),
      ),
      instanceLabel: t.label,
    }),
  };
}
