import * as assert from 'assert';
import type { AwsError } from '../../../src/aws/errors';
import type { AwsSession } from '../../../src/aws/session';
import type { Sandbox } from '../../../src/sandbox/sandbox';
import { control, startSandbox } from '../../helpers/sandbox';
import { sandboxSession } from './helpers';

const APPSPEC = 'version: 0.0\nos: linux\nfiles:\n  - source: /\n    destination: /var/www/app\n';

describe('aws/codedeploy against the Sandbox', () => {
  let sb: Sandbox;
  let s: AwsSession;

  before(async () => {
    sb = await startSandbox();
    sb.codedeploy.createApplicationInternal('web-app');
    sb.codedeploy.createDeploymentGroupInternal({ applicationName: 'web-app', deploymentGroupName: 'staging', instanceCount: 3, autoRollbackOnFailure: true });
    sb.codedeploy.createDeploymentGroupInternal({ applicationName: 'web-app', deploymentGroupName: 'blue-green', instanceCount: 2, blueGreen: { actionOnTimeout: 'STOP_DEPLOYMENT', waitTimeInMinutes: 60 } });
    for (let i = 0; i < 30; i++) sb.codedeploy.createDeploymentGroupInternal({ applicationName: 'web-app', deploymentGroupName: `group-${String(i).padStart(2, '0')}`, instanceCount: 1 });
    for (let i = 0; i < 110; i++) sb.codedeploy.createApplicationInternal(`app-${String(i).padStart(3, '0')}`);
  });
  beforeEach(() => (s = sandboxSession(sb)));
  afterEach(() => s.dispose());
  after(() => sb.stop());

  it('lists applications (BatchGetApplications by 100) and deployment groups (BatchGetDeploymentGroups by 25)', async () => {
    const apps = await s.codedeploy.listApplications();
    assert.strictEqual(apps.length, 111);
    assert.strictEqual(s.requestCounts()['codedeploy.BatchGetApplications'], 2);
    const groups = await s.codedeploy.listDeploymentGroups('web-app');
    assert.strictEqual(groups.length, 32);
    assert.strictEqual(s.requestCounts()['codedeploy.BatchGetDeploymentGroups'], 2);
    assert.ok(groups.find((g) => g.name === 'blue-green')?.deploymentStyle?.type === 'BLUE_GREEN');
  });

  it('creates from AppSpec content, S3 and GitHub; lists with filters; details with overview; targets with lifecycle events', async () => {
    const ids = [
      await s.codedeploy.createDeployment({ applicationName: 'web-app', deploymentGroupName: 'staging', revision: { type: 'AppSpecContent', content: APPSPEC }, description: 'content' }),
      await s.codedeploy.createDeployment({ applicationName: 'web-app', deploymentGroupName: 'group-00', revision: { type: 'S3', bucket: 'artifacts-bucket', key: 'web/app.zip', bundleType: 'zip' } }),
      await s.codedeploy.createDeployment({ applicationName: 'web-app', deploymentGroupName: 'group-01', revision: { type: 'GitHub', repository: 'octo/web-app', commitId: 'a'.repeat(40) } }),
    ];
    for (const id of ids) assert.match(id, /^d-[A-Z0-9]{9}$/);
    await control(sb, 'advance', { ms: 20 * 60_000 });
    const staging = await s.codedeploy.listDeployments({ applicationName: 'web-app', deploymentGroupName: 'staging' });
    assert.deepStrictEqual(staging.map((d) => d.id), [ids[0]]);
    const d = await s.codedeploy.getDeployment(ids[0]);
    assert.strictEqual(d.rawStatus, 'Succeeded');
    assert.strictEqual(d.overview.Succeeded, 3);
    assert.strictEqual(d.revision?.label, 'AppSpec content');
    assert.strictEqual((await s.codedeploy.getDeployment(ids[1])).revision?.label, 's3://artifacts-bucket/web/app.zip');
    assert.strictEqual((await s.codedeploy.getDeployment(ids[2])).revision?.label, 'octo/web-app@aaaaaaa');
    const succeeded = await s.codedeploy.listDeployments({ applicationName: 'web-app', deploymentGroupName: 'staging', statuses: ['Failed'] });
    assert.deepStrictEqual(succeeded, []);
    const targets = await s.codedeploy.listTargets(ids[0]);
    assert.strictEqual(targets.length, 3);
    for (const t of targets) {
      assert.strictEqual(t.status, 'succeeded');
      assert.ok(t.lifecycleEvents.length >= 4);
      assert.ok(t.lifecycleEvents.some((e) => e.name === 'ApplicationStart'));
    }
    assert.strictEqual(s.requestCounts()['codedeploy.BatchGetDeploymentTargets'], 1);
  });

  it('stops with rollback, continues a blue/green deployment waiting in Ready', async () => {
    const id = await s.codedeploy.createDeployment({ applicationName: 'web-app', deploymentGroupName: 'staging', revision: { type: 'AppSpecContent', content: APPSPEC } });
    await control(sb, 'advance', { ms: 5_000 });
    const stop = await s.codedeploy.stopDeployment(id, { rollback: true });
    assert.ok(stop.status);
    await control(sb, 'advance', { ms: 60_000 });
    assert.strictEqual((await s.codedeploy.getDeployment(id)).rawStatus, 'Stopped');
    await assert.rejects(s.codedeploy.stopDeployment(id), (e: AwsError) => e.kind === 'conflict');

    const bg = await s.codedeploy.createDeployment({ applicationName: 'web-app', deploymentGroupName: 'blue-green', revision: { type: 'AppSpecContent', content: APPSPEC } });
    let info = await s.codedeploy.getDeployment(bg);
    for (let i = 0; i < 30 && !info.waitingForContinue; i++) {
      await control(sb, 'advance', { ms: 60_000 });
      info = await s.codedeploy.getDeployment(bg);
    }
    assert.ok(info.waitingForContinue, `status ${info.rawStatus}`);
    assert.strictEqual(info.status, 'waiting');
    await s.codedeploy.continueDeployment(bg);
    await control(sb, 'advance', { ms: 60 * 60_000 });
    assert.notStrictEqual((await s.codedeploy.getDeployment(bg)).rawStatus, 'Ready');
  });

  it('validates revisions before calling and maps a missing group', async () => {
    const before = s.clients.counter.total();
    await assert.rejects(
      s.codedeploy.createDeployment({ applicationName: 'web-app', deploymentGroupName: 'staging', revision: { type: 'GitHub', repository: 'octo/web-app', commitId: 'abc' } }),
      (e: AwsError) => e.kind === 'invalidInput' && /40-character/.test(e.message),
    );
    assert.strictEqual(s.clients.counter.total(), before);
    await assert.rejects(
      s.codedeploy.createDeployment({ applicationName: 'web-app', deploymentGroupName: 'nope', revision: { type: 'AppSpecContent', content: APPSPEC } }),
      (e: AwsError) => e.kind === 'notFound',
    );
  });
});
