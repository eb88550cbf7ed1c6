import { sha1 } from '../ids';
import type { Sandbox } from '../sandbox';
import type { Deployment } from '../services/codedeploy/model';

/**
 * The demo company's CodeDeploy side: `web-app` (staging in-place, production blue/green) and `api-service` (staging
 * and production in-place), with three weeks of finished deployments. Each deployment really runs through the state
 * machine at its past time, so targets, lifecycle events, failures and rollbacks are all consistent; every group is
 * idle at the end, ready for the pipelines.
 */

type Outcome = 'ok' | { fail: string; allInstances?: boolean } | 'stop-rollback';

interface Planned {
  app: 'web-app' | 'api-service';
  group: 'staging' | 'production';
  hoursAgo: number;
  version: string;
  outcome?: Outcome;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

const PLAN: Planned[] = [
  { app: 'web-app', group: 'staging', hoursAgo: 500, version: '0.1.0' },
  { app: 'api-service', group: 'staging', hoursAgo: 490, version: '1.0.0' },
  { app: 'api-service', group: 'production', hoursAgo: 470, version: '1.0.0' },
  { app: 'web-app', group: 'production', hoursAgo: 460, version: '0.1.0' },
  { app: 'web-app', group: 'staging', hoursAgo: 430, version: '0.1.1', outcome: { fail: 'ValidateService' } },
  { app: 'web-app', group: 'staging', hoursAgo: 425, version: '0.1.2' },
  { app: 'web-app', group: 'production', hoursAgo: 400, version: '0.1.2' },
  { app: 'api-service', group: 'staging', hoursAgo: 380, version: '1.0.1', outcome: { fail: 'BeforeInstall', allInstances: true } },
  { app: 'api-service', group: 'staging', hoursAgo: 376, version: '1.0.2' },
  { app: 'api-service', group: 'production', hoursAgo: 350, version: '1.0.2' },
  { app: 'web-app', group: 'staging', hoursAgo: 320, version: '0.2.0' },
  { app: 'web-app', group: 'production', hoursAgo: 300, version: '0.2.0' },
  { app: 'api-service', group: 'staging', hoursAgo: 260, version: '1.1.0' },
  { app: 'api-service', group: 'production', hoursAgo: 240, version: '1.1.0', outcome: { fail: 'ApplicationStart' } },
  { app: 'api-service', group: 'production', hoursAgo: 200, version: '1.1.1' },
  { app: 'web-app', group: 'staging', hoursAgo: 180, version: '0.2.1' },
  { app: 'web-app', group: 'production', hoursAgo: 170, version: '0.2.1', outcome: 'stop-rollback' },
  { app: 'web-app', group: 'staging', hoursAgo: 150, version: '0.2.2' },
  { app: 'web-app', group: 'production', hoursAgo: 140, version: '0.2.2' },
  { app: 'api-service', group: 'staging', hoursAgo: 100, version: '1.2.0-rc.1', outcome: 'stop-rollback' },
  { app: 'api-service', group: 'staging', hoursAgo: 90, version: '1.2.0' },
  { app: 'api-service', group: 'production', hoursAgo: 70, version: '1.2.0' },
  { app: 'web-app', group: 'staging', hoursAgo: 48, version: '0.3.0' },
  { app: 'web-app', group: 'production', hoursAgo: 30, version: '0.3.0', outcome: { fail: 'AfterAllowTraffic' } },
  { app: 'web-app', group: 'production', hoursAgo: 20, version: '0.3.1' },
  { app: 'api-service', group: 'staging', hoursAgo: 6, version: '1.2.1' },
];

export function seedDemoDeployments(sb: Sandbox): void {
  const cd = sb.codedeploy;
  const now = sb.clock.now();
  const start = now - 30 * 24 * HOUR;
  cd.createApplicationInternal('web-app', start);
  cd.createApplicationInternal('api-service', start + HOUR);
  cd.createDeploymentGroupInternal({ applicationName: 'web-app', deploymentGroupName: 'staging', instanceCount: 3, deploymentConfigName: 'CodeDeployDefault.OneAtATime' });
  cd.createDeploymentGroupInternal({
    applicationName: 'web-app',
    deploymentGroupName: 'production',
    instanceCount: 4,
    deploymentConfigName: 'CodeDeployDefault.HalfAtATime',
    blueGreen: { actionOnTimeout: 'STOP_DEPLOYMENT', waitTimeInMinutes: 60, terminationWaitTimeInMinutes: 5 },
    autoRollbackOnFailure: true,
  });
  cd.createDeploymentGroupInternal({ applicationName: 'api-service', deploymentGroupName: 'staging', instanceCount: 3, deploymentConfigName: 'CodeDeployDefault.AllAtOnce' });
  cd.createDeploymentGroupInternal({
    applicationName: 'api-service',
    deploymentGroupName: 'production',
    instanceCount: 4,
    deploymentConfigName: 'CodeDeployDefault.OneAtATime',
    autoRollbackOnFailure: true,
  });

  for (const p of PLAN) {
    const at = now - p.hoursAgo * HOUR;
    cd.tick(at);
    const outcome = p.outcome ?? 'ok';
    cd.scriptNextDeployment(
      typeof outcome === 'object'
        ? { applicationName: p.app, deploymentGroupName: p.group, failEvent: outcome.fail, allInstances: outcome.allInstances }
        : { applicationName: p.app, deploymentGroupName: p.group },
    );
    const key = `${p.app}/${p.version}`;
    const id = cd.createDeploymentInternal({
      applicationName: p.app,
      deploymentGroupName: p.group,
      description: `Deploy ${p.app} ${p.version} to ${p.group}`,
      revision: {
        revisionType: 'S3',
        s3Location: { bucket: 'acme-build-artifacts-123456789012', key: `${p.app}/${p.version}/${p.app}.zip`, bundleType: 'zip', eTag: sha1(key).slice(0, 32) },
      },
      creator: 'user',
      at,
    });
    const d = cd.state.deployments[id];
    if (outcome === 'stop-rollback') {
      // Stopped part-way through the install, before the first batch finishes.
      const stopAt = at + 25_000;
      cd.tick(stopAt);
      cd.stop(d, stopAt, true);
    } else if (d.deploymentStyle.deploymentType === 'BLUE_GREEN') {
      cd.tick(at + 20 * MINUTE);
      if (d.status === 'Ready') cd.continueAt(d, readySince(d) + 7 * MINUTE);
    }
    cd.tick(at + 2 * HOUR);
  }
  cd.tick(now);
}

/** When the last green instance finished installing. */
function readySince(d: Deployment): number {
  return Math.max(...d.targets.filter((t) => t.label === 'Green').map((t) => t.lifecycleEvents[6]?.endTime ?? d.createTime));
}
