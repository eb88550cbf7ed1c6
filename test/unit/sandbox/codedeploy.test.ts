import * as assert from 'assert';
import {
  BatchGetApplicationsCommand,
  BatchGetDeploymentGroupsCommand,
  BatchGetDeploymentTargetsCommand,
  BatchGetDeploymentsCommand,
  CodeDeployClient,
  ContinueDeploymentCommand,
  CreateDeploymentCommand,
  GetDeploymentCommand,
  ListDeploymentTargetsCommand,
  ListDeploymentsCommand,
  StopDeploymentCommand,
  paginateListApplications,
  paginateListDeploymentGroups,
  paginateListDeployments,
  type DeploymentInfo,
  type InstanceTarget,
  type RevisionLocation,
} from '@aws-sdk/client-codedeploy';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import type { DeploymentStatus } from '../../../src/sandbox/services/internal';
import { seedDemoDeployments } from '../../../src/sandbox/seeds/demoDeploy';
import { assertMatchesModel } from '../../helpers/modelCheck';
import { clientConfig, rawCall, startSandbox } from '../../helpers/sandbox';

const AUTH = { Authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/codedeploy/aws4_request' };
const S3: RevisionLocation = { revisionType: 'S3', s3Location: { bucket: 'artifacts', key: 'shop/build-1.zip', bundleType: 'zip' } };
const IN_PLACE = ['ApplicationStop', 'DownloadBundle', 'BeforeInstall', 'Install', 'AfterInstall', 'ApplicationStart', 'ValidateService'];

describe('sandbox CodeDeploy', () => {
  let sb: Sandbox;
  let cd: CodeDeployClient;

  async function raw(op: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const r = await rawCall(sb, `CodeDeploy_20141006.${op}`, JSON.stringify(body), AUTH);
    if (r.status === 200) assertMatchesModel('codedeploy', op, r.json);
    return r.json;
  }

  async function rejects(promise: Promise<unknown>, name: string): Promise<void> {
    await assert.rejects(promise, (e: Error) => {
      assert.strictEqual(e.name, name, e.message);
      return true;
    });
  }

  const status = (id: string): DeploymentStatus | undefined => sb.codedeploy.getDeploymentStatus(id)?.status;

  /** Advances the manual clock second by second until `done` (or fails after `maxMs`). */
  function advanceUntil(done: () => boolean, maxMs = 15 * 60_000): void {
    for (let t = 0; t < maxMs; t += 1000) {
      if (done()) return;
      sb.advance(1000);
    }
    assert.ok(done(), `condition not reached within ${maxMs} ms`);
  }

  async function deployment(id: string): Promise<DeploymentInfo> {
    await raw('GetDeployment', { deploymentId: id });
    const info = (await cd.send(new GetDeploymentCommand({ deploymentId: id }))).deploymentInfo;
    assert.ok(info);
    return info;
  }

  async function targets(id: string): Promise<InstanceTarget[]> {
    const ids = (await raw('ListDeploymentTargets', { deploymentId: id })).targetIds as string[];
    await raw('BatchGetDeploymentTargets', { deploymentId: id, targetIds: ids });
    const r = await cd.send(new BatchGetDeploymentTargetsCommand({ deploymentId: id, targetIds: ids }));
    return (r.deploymentTargets ?? []).map((t) => t.instanceTarget ?? {});
  }

  const create = (deploymentGroupName: string, extra: Record<string, unknown> = {}) =>
    cd.send(new CreateDeploymentCommand({ applicationName: 'shop', deploymentGroupName, revision: S3, ...extra })).then((r) => r.deploymentId ?? '');

  before(async () => {
    sb = await startSandbox();
    cd = new CodeDeployClient(clientConfig(sb));
    const c = sb.codedeploy;
    c.createApplicationInternal('shop');
    c.createApplicationInternal('blog');
    c.createDeploymentGroupInternal({ applicationName: 'shop', deploymentGroupName: 'staging', instanceCount: 3 });
    c.createDeploymentGroupInternal({ applicationName: 'shop', deploymentGroupName: 'fleet', instanceCount: 4, deploymentConfigName: 'CodeDeployDefault.AllAtOnce' });
    c.createDeploymentGroupInternal({ applicationName: 'shop', deploymentGroupName: 'tagged', instanceCount: 3, tags: { SANDBOX_FAIL_EVENT: 'AfterInstall' } });
    c.createDeploymentGroupInternal({
      applicationName: 'shop',
      deploymentGroupName: 'prod',
      instanceCount: 2,
      deploymentConfigName: 'CodeDeployDefault.HalfAtATime',
      blueGreen: { actionOnTimeout: 'STOP_DEPLOYMENT', waitTimeInMinutes: 30 },
    });
  });
  after(async () => {
    cd.destroy();
    await sb.stop();
  });

  describe('applications and deployment groups', () => {
    it('lists and batch-gets applications', async () => {
      const names: string[] = [];
      for await (const p of paginateListApplications({ client: cd }, {})) names.push(...(p.applications ?? []));
      assert.deepStrictEqual(names, ['blog', 'shop']);
      await raw('ListApplications', {});
      const r = await raw('BatchGetApplications', { applicationNames: ['shop'] });
      const info = (r.applicationsInfo as Record<string, unknown>[])[0];
      assert.strictEqual(info.computePlatform, 'Server');
      assert.match(String(info.applicationId), /^[0-9a-f-]{36}$/);
      await rejects(cd.send(new BatchGetApplicationsCommand({ applicationNames: ['shop', 'nope'] })), 'ApplicationDoesNotExistException');
      await rejects(cd.send(new BatchGetApplicationsCommand({ applicationNames: Array.from({ length: 101 }, (_, i) => `a${i}`) })), 'BatchLimitExceededException');
      assert.strictEqual((await raw('ListApplications', { nextToken: 'bogus' })).__type, 'InvalidNextTokenException');
    });

    it('lists and batch-gets deployment groups with their configuration', async () => {
      const groups: string[] = [];
      for await (const p of paginateListDeploymentGroups({ client: cd }, { applicationName: 'shop' })) groups.push(...(p.deploymentGroups ?? []));
      assert.deepStrictEqual(groups, ['fleet', 'prod', 'staging', 'tagged']);
      await raw('ListDeploymentGroups', { applicationName: 'shop' });
      const r = await raw('BatchGetDeploymentGroups', { applicationName: 'shop', deploymentGroupNames: ['staging', 'prod', 'nope'] });
      const [staging, prod] = r.deploymentGroupsInfo as Record<string, unknown>[];
      assert.deepStrictEqual(staging.deploymentStyle, { deploymentType: 'IN_PLACE', deploymentOption: 'WITHOUT_TRAFFIC_CONTROL' });
      assert.strictEqual(staging.deploymentConfigName, 'CodeDeployDefault.OneAtATime');
      assert.deepStrictEqual((staging.ec2TagFilters as { Key: string }[]).map((f) => f.Key), ['Application', 'Environment']);
      assert.deepStrictEqual(prod.deploymentStyle, { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' });
      assert.strictEqual((prod.blueGreenDeploymentConfiguration as { deploymentReadyOption: { actionOnTimeout: string } }).deploymentReadyOption.actionOnTimeout, 'STOP_DEPLOYMENT');
      assert.match(String(r.errorMessage), /nope/);
      assert.strictEqual((await raw('ListDeploymentGroups', { applicationName: 'nope' })).__type, 'ApplicationDoesNotExistException');
      assert.strictEqual((await raw('ListDeploymentGroups', {})).__type, 'ApplicationNameRequiredException');
      await rejects(cd.send(new BatchGetDeploymentGroupsCommand({ applicationName: 'shop', deploymentGroupNames: [] })), 'DeploymentGroupNameRequiredException');
    });
  });

  describe('in-place deployments', () => {
    let firstId = '';

    it('walks every instance through the lifecycle events, one at a time, to Succeeded', async () => {
      firstId = await create('staging', { description: 'Release 1.0', fileExistsBehavior: 'OVERWRITE' });
      assert.match(firstId, /^d-[A-Z0-9]{9}$/);
      const created = await deployment(firstId);
      assert.strictEqual(created.status, 'Created');
      assert.deepStrictEqual(created.deploymentOverview, { Pending: 3, InProgress: 0, Succeeded: 0, Failed: 0, Skipped: 0, Ready: 0 });
      assert.strictEqual(created.fileExistsBehavior, 'OVERWRITE');
      await rejects(cd.send(new ListDeploymentTargetsCommand({ deploymentId: firstId })), 'DeploymentNotStartedException');
      await rejects(create('staging'), 'DeploymentLimitExceededException');

      sb.advance(2000);
      const started = await deployment(firstId);
      assert.strictEqual(started.status, 'InProgress');
      assert.ok(started.startTime instanceof Date);
      assert.deepStrictEqual(started.deploymentOverview, { Pending: 2, InProgress: 1, Succeeded: 0, Failed: 0, Skipped: 0, Ready: 0 });
      const live = await targets(firstId);
      assert.strictEqual(live[0].status, 'InProgress');
      assert.deepStrictEqual(
        live[0].lifecycleEvents?.map((e) => e.status),
        ['InProgress', 'Pending', 'Pending', 'Pending', 'Pending', 'Pending', 'Pending'],
      );

      let maxInProgress = 0;
      advanceUntil(() => {
        const d = sb.codedeploy.state.deployments[firstId];
        maxInProgress = Math.max(maxInProgress, d.targets.filter((t) => t.status === 'InProgress').length);
        return status(firstId) === 'Succeeded';
      });
      assert.strictEqual(maxInProgress, 1, 'OneAtATime');
      const done = await deployment(firstId);
      assert.deepStrictEqual(done.deploymentOverview, { Pending: 0, InProgress: 0, Succeeded: 3, Failed: 0, Skipped: 0, Ready: 0 });
      assert.ok(done.completeTime && done.startTime && done.completeTime > done.startTime);
      assert.strictEqual(done.creator, 'user');
      assert.strictEqual(done.errorInformation, undefined);

      const all = await targets(firstId);
      let previousEnd = 0;
      for (const t of all) {
        assert.match(t.targetId ?? '', /^i-0[0-9a-f]{16}$/);
        assert.strictEqual(t.targetArn, `arn:aws:ec2:us-east-1:123456789012:instance/${t.targetId ?? ''}`);
        assert.strictEqual(t.status, 'Succeeded');
        assert.deepStrictEqual(t.lifecycleEvents?.map((e) => e.lifecycleEventName), IN_PLACE);
        for (const e of t.lifecycleEvents ?? []) {
          assert.strictEqual(e.status, 'Succeeded');
          assert.strictEqual(e.diagnostics?.errorCode, 'Success');
          const start = e.startTime?.getTime() ?? 0;
          const end = e.endTime?.getTime() ?? 0;
          assert.ok(start >= previousEnd && end - start >= 2000 && end - start < 15000, `${e.lifecycleEventName} lasts seconds, after the previous one`);
          previousEnd = end;
        }
      }
      const group = await raw('BatchGetDeploymentGroups', { applicationName: 'shop', deploymentGroupNames: ['staging'] });
      const info = (group.deploymentGroupsInfo as Record<string, { deploymentId: string; status: string }>[])[0];
      assert.strictEqual(info.lastSuccessfulDeployment.deploymentId, firstId);
      assert.strictEqual(info.lastAttemptedDeployment.status, 'Succeeded');
    });

    it('fails on the event named in the description, with diagnostics and a log tail', async () => {
      const id = await create('staging', { description: 'Release 1.1 SANDBOX_FAIL_EVENT=ValidateService' });
      advanceUntil(() => status(id) === 'Failed');
      const d = await deployment(id);
      assert.strictEqual(d.errorInformation?.code, 'HEALTH_CONSTRAINTS');
      assert.deepStrictEqual(d.deploymentOverview, { Pending: 0, InProgress: 0, Succeeded: 0, Failed: 1, Skipped: 2, Ready: 0 });
      assert.deepStrictEqual(d.previousRevision, S3, 'the last successful revision');
      const [failed, ...skipped] = await targets(id);
      assert.strictEqual(failed.status, 'Failed');
      const events = failed.lifecycleEvents ?? [];
      assert.deepStrictEqual(
        events.map((e) => e.status),
        ['Succeeded', 'Succeeded', 'Succeeded', 'Succeeded', 'Succeeded', 'Succeeded', 'Failed'],
      );
      const diag = events[6].diagnostics;
      assert.strictEqual(diag?.errorCode, 'ScriptFailed');
      assert.strictEqual(diag?.scriptName, 'scripts/validate_service.sh');
      assert.match(diag?.message ?? '', /failed with exit code 1/);
      assert.match(diag?.logTail ?? '', /^LifecycleEvent - ValidateService\n/);
      assert.match(diag?.logTail ?? '', /\[stderr\]Health check failed/);
      for (const t of skipped) {
        assert.strictEqual(t.status, 'Skipped');
        assert.ok(t.lifecycleEvents?.every((e) => e.status === 'Skipped'));
      }
    });

    it('fails on the event named in a deployment group tag', async () => {
      const id = await create('tagged');
      advanceUntil(() => status(id) === 'Failed');
      const [failed] = await targets(id);
      const event = failed.lifecycleEvents?.find((e) => e.status === 'Failed');
      assert.strictEqual(event?.lifecycleEventName, 'AfterInstall');
      assert.strictEqual(event?.diagnostics?.scriptName, 'scripts/configure_app.sh');
    });

    it('scripts the next deployment: a failure on every instance, or a forced success', async () => {
      sb.codedeploy.scriptNextDeployment({ applicationName: 'shop', deploymentGroupName: 'fleet', failEvent: 'BeforeInstall', allInstances: true });
      const failing = await create('fleet');
      advanceUntil(() => status(failing) === 'Failed');
      assert.deepStrictEqual((await deployment(failing)).deploymentOverview?.Failed, 4);
      sb.codedeploy.scriptNextDeployment({ deploymentGroupName: 'tagged' });
      const forced = await create('tagged');
      advanceUntil(() => status(forced) === 'Succeeded');
      const allAtOnce = await create('fleet');
      sb.advance(3000);
      assert.strictEqual((await deployment(allAtOnce)).deploymentOverview?.InProgress, 4, 'AllAtOnce starts every instance');
      advanceUntil(() => status(allAtOnce) === 'Succeeded');
      assert.throws(() => sb.codedeploy.scriptNextDeployment({ failEvent: 'Reboot' }), /Unknown lifecycle event/);
    });

    it('stops a deployment with rollback to the last successful revision', async () => {
      const id = await create('staging', { revision: { revisionType: 'S3', s3Location: { bucket: 'artifacts', key: 'shop/build-2.zip', bundleType: 'zip' } } });
      sb.advance(10_000);
      const r = await raw('StopDeployment', { deploymentId: id, autoRollbackEnabled: true });
      assert.strictEqual(r.status, 'Pending');
      const stopped = await deployment(id);
      assert.strictEqual(stopped.status, 'Stopped');
      assert.strictEqual(stopped.errorInformation?.code, 'MANUAL_STOP');
      const rollbackId = stopped.rollbackInfo?.rollbackDeploymentId ?? '';
      assert.match(rollbackId, /^d-/);
      assert.ok(stopped.rollbackInfo?.rollbackMessage);
      const rollback = await deployment(rollbackId);
      assert.strictEqual(rollback.creator, 'codeDeployRollback');
      assert.strictEqual(rollback.rollbackInfo?.rollbackTriggeringDeploymentId, id);
      assert.deepStrictEqual(rollback.revision, S3);
      advanceUntil(() => status(rollbackId) === 'Succeeded');
      const stoppedTargets = await targets(id);
      assert.ok(stoppedTargets.every((t) => t.status === 'Skipped'));
      await rejects(cd.send(new StopDeploymentCommand({ deploymentId: id })), 'DeploymentAlreadyCompletedException');

      const plain = await create('staging');
      const p = await cd.send(new StopDeploymentCommand({ deploymentId: plain }));
      assert.strictEqual(p.status, 'Succeeded');
      assert.strictEqual((await deployment(plain)).rollbackInfo, undefined);
    });
  });

  describe('blue/green deployments', () => {
    it('waits in Ready after installing the green fleet until ContinueDeployment', async () => {
      const id = await create('prod');
      advanceUntil(() => status(id) === 'Ready');
      const ready = await deployment(id);
      assert.deepStrictEqual(ready.deploymentOverview, { Pending: 2, InProgress: 0, Succeeded: 0, Failed: 0, Skipped: 0, Ready: 2 });
      sb.advance(10 * 60_000);
      assert.strictEqual(status(id), 'Ready', 'still waiting');
      const greenIds = ((await raw('ListDeploymentTargets', { deploymentId: id, targetFilters: { ServerInstanceLabel: ['Green'] } })).targetIds as string[]).sort();
      assert.strictEqual(greenIds.length, 2);
      const readyIds = (await cd.send(new ListDeploymentTargetsCommand({ deploymentId: id, targetFilters: { TargetStatus: ['Ready'] } }))).targetIds ?? [];
      assert.deepStrictEqual([...readyIds].sort(), greenIds);

      const inPlace = await create('staging');
      await rejects(cd.send(new ContinueDeploymentCommand({ deploymentId: inPlace })), 'UnsupportedActionForDeploymentTypeException');
      await cd.send(new StopDeploymentCommand({ deploymentId: inPlace }));

      await raw('ContinueDeployment', { deploymentId: id, deploymentWaitType: 'READY_WAIT' });
      assert.strictEqual(status(id), 'InProgress');
      await rejects(cd.send(new ContinueDeploymentCommand({ deploymentId: id })), 'DeploymentIsNotInReadyStateException');
      advanceUntil(() => status(id) === 'Succeeded');
      const all = await targets(id);
      const green = all.filter((t) => t.instanceLabel === 'Green');
      const blue = all.filter((t) => t.instanceLabel === 'Blue');
      assert.strictEqual(green.length, 2);
      assert.strictEqual(blue.length, 2);
      for (const t of green)
        assert.deepStrictEqual(
          t.lifecycleEvents?.map((e) => `${e.lifecycleEventName ?? ''}:${e.status ?? ''}`),
          [...IN_PLACE, 'BeforeAllowTraffic', 'AllowTraffic', 'AfterAllowTraffic'].map((e) => `${e}:Succeeded`),
        );
      for (const t of blue) assert.deepStrictEqual(t.lifecycleEvents?.map((e) => e.lifecycleEventName), ['BeforeBlockTraffic', 'BlockTraffic', 'AfterBlockTraffic']);
      const lastAllow = Math.max(...green.map((t) => t.lifecycleEvents?.[9].endTime?.getTime() ?? 0));
      assert.ok(blue.every((t) => (t.lifecycleEvents?.[0].startTime?.getTime() ?? 0) >= lastAllow), 'traffic is blocked on blue after green takes it');
      await rejects(cd.send(new ContinueDeploymentCommand({ deploymentId: id })), 'DeploymentAlreadyCompletedException');
      // The green fleet is now the group's fleet: the next deployment replaces it.
      assert.deepStrictEqual([...sb.codedeploy.state.groups['shop/prod'].instances].sort(), greenIds);
    });

    it('stops a deployment left in Ready past its wait time', async () => {
      const id = await create('prod');
      advanceUntil(() => status(id) === 'Ready');
      sb.advance(31 * 60_000);
      const d = await deployment(id);
      assert.strictEqual(d.status, 'Stopped');
      assert.strictEqual(d.errorInformation?.code, 'TIMEOUT');
    });
  });

  describe('listing and batch limits', () => {
    it('lists deployments newest first with status and time filters, page by page', async () => {
      const all: string[] = [];
      for await (const p of paginateListDeployments({ client: cd }, { applicationName: 'shop', deploymentGroupName: 'staging' })) all.push(...(p.deployments ?? []));
      assert.strictEqual(all.length, 6);
      const infos = (await cd.send(new BatchGetDeploymentsCommand({ deploymentIds: all }))).deploymentsInfo ?? [];
      const byId = new Map(infos.map((d) => [d.deploymentId, d]));
      const times = all.map((id) => byId.get(id)?.createTime?.getTime() ?? 0);
      assert.deepStrictEqual(times, [...times].sort((a, b) => b - a), 'newest first');
      const failed = await cd.send(new ListDeploymentsCommand({ applicationName: 'shop', deploymentGroupName: 'staging', includeOnlyStatuses: ['Failed'] }));
      assert.strictEqual(failed.deployments?.length, 1);
      const newest = byId.get(all[0])?.createTime ?? new Date();
      const recent = await raw('ListDeployments', { applicationName: 'shop', deploymentGroupName: 'staging', createTimeRange: { start: newest.getTime() / 1000 } });
      assert.deepStrictEqual(recent.deployments, [all[0]]);
      const everything = await raw('ListDeployments', {});
      assert.ok((everything.deployments as string[]).length > all.length);
      assert.strictEqual((await raw('ListDeployments', { applicationName: 'shop' })).__type, 'DeploymentGroupNameRequiredException');
      assert.strictEqual((await raw('ListDeployments', { deploymentGroupName: 'staging' })).__type, 'ApplicationNameRequiredException');
      assert.strictEqual((await raw('ListDeployments', { includeOnlyStatuses: ['Done'] })).__type, 'InvalidDeploymentStatusException');
      assert.strictEqual((await raw('ListDeployments', { createTimeRange: { start: 2000, end: 1000 } })).__type, 'InvalidTimeRangeException');
      assert.strictEqual((await raw('ListDeployments', { applicationName: 'shop', deploymentGroupName: 'nope' })).__type, 'DeploymentGroupDoesNotExistException');
    });

    it('enforces batch limits and reports unknown ids', async () => {
      const ids = (await cd.send(new ListDeploymentsCommand({}))).deployments ?? [];
      await raw('BatchGetDeployments', { deploymentIds: ids.slice(0, 25) });
      await rejects(cd.send(new BatchGetDeploymentsCommand({ deploymentIds: Array.from({ length: 26 }, () => ids[0]) })), 'BatchLimitExceededException');
      await rejects(cd.send(new BatchGetDeploymentsCommand({ deploymentIds: ['not-an-id'] })), 'InvalidDeploymentIdException');
      await rejects(cd.send(new BatchGetDeploymentsCommand({ deploymentIds: [] })), 'DeploymentIdRequiredException');
      await rejects(cd.send(new GetDeploymentCommand({ deploymentId: 'd-AAAAAAAAA' })), 'DeploymentDoesNotExistException');
      await rejects(cd.send(new BatchGetDeploymentTargetsCommand({ deploymentId: ids[0], targetIds: Array.from({ length: 26 }, (_, i) => `i-${i}`) })), 'DeploymentTargetListSizeExceededException');
      await rejects(cd.send(new BatchGetDeploymentTargetsCommand({ deploymentId: ids[0], targetIds: ['i-0000000000000000'] })), 'DeploymentTargetDoesNotExistException');
      await rejects(cd.send(new ListDeploymentTargetsCommand({ deploymentId: ids[0], targetFilters: { Colour: ['x'] } as never })), 'InvalidTargetFilterNameException');
    });

    it('validates CreateDeployment input and accepts each revision type', async () => {
      await rejects(cd.send(new CreateDeploymentCommand({ applicationName: 'shop', deploymentGroupName: 'fleet' })), 'RevisionRequiredException');
      await rejects(create('fleet', { revision: { revisionType: 'FTP' } }), 'InvalidRevisionException');
      await rejects(create('fleet', { revision: { revisionType: 'S3', s3Location: { bucket: 'b' } } }), 'InvalidRevisionException');
      await rejects(create('nope'), 'DeploymentGroupDoesNotExistException');
      await rejects(cd.send(new CreateDeploymentCommand({ applicationName: 'nope', deploymentGroupName: 'x', revision: S3 })), 'ApplicationDoesNotExistException');
      await rejects(create('fleet', { deploymentConfigName: 'CodeDeployDefault.Nope' }), 'DeploymentConfigDoesNotExistException');
      assert.strictEqual((await raw('CreateDeployment', { deploymentGroupName: 'fleet' })).__type, 'ApplicationNameRequiredException');
      assert.strictEqual((await raw('CreateDeployment', { applicationName: 'shop' })).__type, 'DeploymentGroupNameRequiredException');
      assert.strictEqual((await raw('CreateDeployment', { applicationName: 'shop', deploymentGroupName: 'fleet', revision: S3, fileExistsBehavior: 'KEEP' })).__type, 'InvalidFileExistsBehaviorException');
      const revisions: RevisionLocation[] = [
        { revisionType: 'GitHub', gitHubLocation: { repository: 'acme/shop', commitId: 'a'.repeat(40) } },
        { revisionType: 'AppSpecContent', appSpecContent: { content: 'version: 0.0\nos: linux\n' } },
        { revisionType: 'String', string: { content: '{"version":0.0}' } },
      ];
      for (const revision of revisions) {
        const id = await create('fleet', { revision });
        assert.deepStrictEqual((await deployment(id)).revision, revision);
        await cd.send(new StopDeploymentCommand({ deploymentId: id }));
      }
    });

    it('serves the internal API the pipeline deploy action uses', () => {
      const lastRevision = sb.codedeploy.state.groups['shop/fleet'].targetRevision;
      const id = sb.codedeploy.createDeploymentInternal({ applicationName: 'shop', deploymentGroupName: 'fleet', description: 'From pipeline', creator: 'CodeDeploy' });
      assert.strictEqual(sb.codedeploy.getDeploymentStatus(id)?.status, 'Created');
      assert.deepStrictEqual(sb.codedeploy.state.deployments[id].revision, lastRevision, 'without a revision, the group target revision');
      sb.advance(5000);
      assert.strictEqual(status(id), 'InProgress');
      sb.codedeploy.stopDeploymentInternal(id);
      assert.deepStrictEqual(sb.codedeploy.getDeploymentStatus(id), { status: 'Stopped', errorMessage: 'The deployment was stopped by the user.' });
      sb.codedeploy.stopDeploymentInternal(id); // already stopped: nothing happens
      assert.strictEqual(sb.codedeploy.getDeploymentStatus('d-XXXXXXXXX'), undefined);
    });
  });

  describe('demo seed', () => {
    it('seeds two applications and a consistent history of finished deployments', async () => {
      sb.codedeploy.reset();
      seedDemoDeployments(sb);
      const apps = await cd.send(new BatchGetApplicationsCommand({ applicationNames: ['web-app', 'api-service'] }));
      assert.strictEqual(apps.applicationsInfo?.length, 2);
      const groups = await raw('BatchGetDeploymentGroups', { applicationName: 'web-app', deploymentGroupNames: ['staging', 'production'] });
      assert.strictEqual(((groups.deploymentGroupsInfo as { deploymentStyle: { deploymentType: string } }[])[1]).deploymentStyle.deploymentType, 'BLUE_GREEN');
      const ids: string[] = [];
      for await (const p of paginateListDeployments({ client: cd }, {})) ids.push(...(p.deployments ?? []));
      assert.ok(ids.length >= 20, `${ids.length} deployments`);
      const infos: DeploymentInfo[] = [];
      for (let i = 0; i < ids.length; i += 25) {
        const chunk = ids.slice(i, i + 25);
        await raw('BatchGetDeployments', { deploymentIds: chunk });
        infos.push(...((await cd.send(new BatchGetDeploymentsCommand({ deploymentIds: chunk }))).deploymentsInfo ?? []));
      }
      const count = (s: string) => infos.filter((d) => d.status === s).length;
      assert.strictEqual(infos.filter((d) => !['Succeeded', 'Failed', 'Stopped'].includes(d.status ?? '')).length, 0, 'every deployment finished');
      assert.ok(count('Succeeded') >= 15 && count('Failed') >= 3 && count('Stopped') >= 1);
      for (const d of infos.filter((x) => x.status === 'Failed' && x.deploymentGroupName === 'staging' && x.applicationName === 'web-app')) {
        const failedTarget = (await targets(d.deploymentId ?? '')).find((t) => t.status === 'Failed');
        assert.ok(failedTarget?.lifecycleEvents?.some((e) => e.diagnostics?.logTail?.includes('[stderr]')));
      }
      for (const d of infos.filter((x) => x.creator === 'codeDeployRollback')) {
        const trigger = infos.find((x) => x.deploymentId === d.rollbackInfo?.rollbackTriggeringDeploymentId);
        assert.strictEqual(trigger?.rollbackInfo?.rollbackDeploymentId, d.deploymentId);
        assert.deepStrictEqual(d.revision, trigger?.previousRevision);
      }
      assert.ok(infos.some((d) => d.status === 'Stopped' && d.rollbackInfo?.rollbackDeploymentId));
      // Every group is idle: the pipelines can deploy right away.
      for (const [app, group] of [['web-app', 'staging'], ['web-app', 'production'], ['api-service', 'staging'], ['api-service', 'production']]) {
        const id = sb.codedeploy.createDeploymentInternal({ applicationName: app, deploymentGroupName: group });
        sb.codedeploy.stopDeploymentInternal(id);
      }
    });
  });
});
