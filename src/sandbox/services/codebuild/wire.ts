import { ACCOUNT_ID, ts } from '../../ids';
import type { Json } from '../types';
import type { BuildRec, ProjectRec } from './model';

/** Records to the JSON CodeBuild sends: times in epoch seconds, undefined members left out. */

export function projectWire(p: ProjectRec): Json {
  return clean({
    ...p.extra,
    name: p.name,
    arn: p.arn,
    description: p.description,
    source: p.source,
    secondarySources: [],
    sourceVersion: p.sourceVersion,
    secondarySourceVersions: [],
    artifacts: p.artifacts,
    secondaryArtifacts: [],
    cache: p.cache,
    environment: p.environment,
    serviceRole: p.serviceRole,
    timeoutInMinutes: p.timeoutInMinutes,
    queuedTimeoutInMinutes: p.queuedTimeoutInMinutes,
    encryptionKey: p.encryptionKey,
    tags: p.tags,
    created: ts(p.created),
    lastModified: ts(p.lastModified),
    badge: { badgeEnabled: p.badgeEnabled },
    logsConfig: p.logsConfig,
    fileSystemLocations: [],
    concurrentBuildLimit: p.concurrentBuildLimit,
    projectVisibility: 'PRIVATE',
  });
}

export function deepLink(region: string, group: string, stream: string): string {
  return `https://console.aws.amazon.com/cloudwatch/home?region=${region}#logEvent:group=${group};stream=${stream}`;
}

function buildArtifacts(b: BuildRec): Json {
  const type = b.artifacts.type;
  if (type === 'S3') {
    const name = typeof b.artifacts.name === 'string' ? b.artifacts.name : b.projectName;
    return { location: `arn:aws:s3:::${String(b.artifacts.location)}/${name}` };
  }
  if (type === 'CODEPIPELINE') return { location: `arn:aws:s3:::codepipeline-${b.region}-${ACCOUNT_ID}/${b.projectName}/BuildArtif/${b.id.slice(-7)}` };
  return { location: '' };
}

export function buildWire(b: BuildRec): Json {
  const current = b.phases[b.phases.length - 1];
  return clean({
    id: b.id,
    arn: b.arn,
    buildNumber: b.buildNumber,
    startTime: ts(b.startTime),
    endTime: ts(b.endTime),
    currentPhase: current.type,
    buildStatus: b.status,
    sourceVersion: b.sourceVersion,
    resolvedSourceVersion: b.resolvedSourceVersion,
    projectName: b.projectName,
    phases: b.phases.map((p) =>
      clean({
        phaseType: p.type,
        phaseStatus: p.status,
        startTime: ts(p.start),
        endTime: ts(p.end),
        durationInSeconds: p.end !== undefined ? Math.round((p.end - p.start) / 1000) : undefined,
        contexts: p.context ? [p.context] : undefined,
      }),
    ),
    source: b.source,
    secondarySources: [],
    secondarySourceVersions: [],
    artifacts: buildArtifacts(b),
    secondaryArtifacts: [],
    cache: b.cache,
    environment: b.environment,
    serviceRole: b.serviceRole,
    logs: {
      groupName: b.logs.groupName,
      streamName: b.logs.streamName,
      deepLink: deepLink(b.region, b.logs.groupName, b.logs.streamName),
      cloudWatchLogsArn: `arn:aws:logs:${b.region}:${ACCOUNT_ID}:log-group:${b.logs.groupName}:log-stream:${b.logs.streamName}`,
      cloudWatchLogs: { status: 'ENABLED' },
      s3Logs: { status: 'DISABLED', encryptionDisabled: false },
    },
    timeoutInMinutes: b.timeoutInMinutes,
    queuedTimeoutInMinutes: b.queuedTimeoutInMinutes,
    buildComplete: b.status !== 'IN_PROGRESS',
    initiator: b.initiator,
    encryptionKey: b.encryptionKey,
    reportArns: b.reportArns.length ? b.reportArns : undefined,
    fileSystemLocations: [],
  });
}

function clean(o: Json): Json {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
