// The fault matrix, in a real extension host against an in-process Sandbox (demo seed, manual clock), faults set
// through the Sandbox control API: 50% throttled, 20% 500, 20% 503, 2 s latency, the Sandbox stopped (connection
// refused) and started again on the same port, expired credentials, access denied on CodeBuild only.
// - Views: each of the five keeps its last good data under a stale node that says why, and recovers by itself once
//   the fault clears (the scheduler retries failed loads; nothing here calls refresh() after the fault clears).
// - Commands (start/stop build, approve, start/stop execution, create deployment): a failure says why and offers
//   Retry; Retry (clicked once the fault clears) reopens the prompts filled with what was typed, and succeeds;
//   exactly one build is created per Start Build however many attempts it took.
// - A lost response (dropResponseRate 1 on the first StartBuild / StartPipelineExecution attempt): the SDK retries
//   with the same idempotency / client request token and exactly one build / execution exists.
// Speed: the scheduler runs at 200 ms (active) / 300 ms (idle) intervals with at most 1 s of backoff during this
// file (set on the extension's scheduler through the test API, restored after). The service layer's SDK retry
// settings are fixed (5 attempts, adaptive): there is no setting to lower them, so the probabilistic rows accept
// "retries got through" or "failed, said why, offered Retry" and check both paths' outcome.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SessionRegistry } from '../../src/aws/session';
import type { ScriptedAnswer, ScriptedUi } from '../../src/commands/ui';
import { CommandIds, EXTENSION_ID, type ViewKey } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { Connection } from '../../src/model/connection';
import type { FaultRule } from '../../src/sandbox/faults';
import type { Sandbox } from '../../src/sandbox/sandbox';
import type { ExplorerNode } from '../../src/views/explorerProvider';
import { control, startSandbox } from '../helpers/sandbox';
import { item, kind, label, walk } from './tree';

type Api = ExtensionApi['explorer'];
const VIEWS: ViewKey[] = ['repositories', 'builds', 'deployments', 'pipelines', 'approvals'];

const isMessage = (n: ExplorerNode) => ['stale', 'error'].includes(kind(n));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string | (() => string), ms: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000} s waiting for ${typeof what === 'function' ? what() : what}`);
    await sleep(50);
  }
}

interface Fault {
  name: string;
  rules?: FaultRule[];
  /** The Sandbox is stopped instead of a rule. */
  stopped?: boolean;
  /** Every call fails (else some get through the SDK's retries). */
  hard: boolean;
  /** What a stale node or an error message says. */
  reason: RegExp;
  /** Views that must show the fault (a hard fault); the others must load fresh. */
  affects: ViewKey[];
  /** Services whose commands must fail under a hard fault (default: all). */
  services?: string[];
}

const ALL = VIEWS;
const FAULTS: Fault[] = [
  { name: '50% throttled', rules: [{ throttleRate: 0.5 }], hard: false, reason: /throttl/i, affects: [] },
  {
    name: '20% HTTP 500/503',
    rules: [
      { errorRate: 0.1, errorStatus: 500 },
      { errorRate: 0.1, errorStatus: 503 },
    ],
    hard: false,
    reason: /could not load|service failed|throttl/i,
    affects: [],
  },
  { name: '2 s latency', rules: [{ latencyMs: 2000 }], hard: false, reason: /^$/, affects: [] },
  { name: 'Sandbox stopped (connection refused)', stopped: true, hard: true, reason: /not running|could not be reached/i, affects: ALL },
  { name: 'expired credentials', rules: [{ expiredCredentials: true }], hard: true, reason: /expired/i, affects: ALL },
  { name: 'access denied on CodeBuild only', rules: [{ service: 'codebuild', accessDenied: true }], hard: true, reason: /access denied/i, affects: ['builds'], services: ['codebuild'] },
];

describe('Fault matrix: views and commands under Sandbox faults (in the extension host)', function () {
  this.timeout(120_000);
  let api: Api;
  let sb: Sandbox;
  let c: Connection;
  let port: number;
  const tally: string[] = [];

  let down = false;
  async function setFault(f: Fault | undefined): Promise<void> {
    if (f?.stopped) {
      down = true;
      return sb.stop();
    }
    await control(sb, 'faults', { rules: f?.rules ?? [] });
  }
  async function clearFault(f: Fault): Promise<void> {
    if (f.stopped) {
      if (down) await sb.listen(port);
      down = false;
    } else await control(sb, 'faults', { rules: [] });
  }
  /** Polls only while a view is visible: views are hidden while a fault is on, so the fault costs few calls. */
  function setVisible(visible: boolean): void {
    for (const k of VIEWS) api.scheduler.setVisible(k, visible);
  }

  before(async () => {
    const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!;
    api = (await ext.activate()).explorer;
    sb = await startSandbox({ seed: 'demo' });
    port = Number(new URL(sb.endpoint).port);
    for (const old of [...api.connections.list()]) await api.connections.remove(old);
    c = await api.addSandboxConnection(sb.endpoint, sb.region);
    await vscode.commands.executeCommand('workbench.view.extension.awsDevTools');
    // fast scheduler intervals; visibility is set by the tests (collapsed sections would not be polled otherwise)
    api.scheduler.updateSettings({ activeIntervalMs: 300, idleIntervalMs: 1000, maxBackoffMs: 1000 });
  });
  afterEach(async () => {
    api.restorePrompts();
    await control(sb, 'faults', { rules: [] }).catch(() => undefined);
  });
  after(async () => {
    api?.scheduler.updateSettings({ activeIntervalMs: 5000, idleIntervalMs: 60_000, maxBackoffMs: 5 * 60_000 });
    for (const k of VIEWS) api?.scheduler.setVisible(k, api.views.treeViews.get(k)?.visible ?? false);
    if (c) await api?.connections.remove(c);
    await sb?.stop();
    console.log(`      fault matrix tally: ${tally.join('; ')}`);
  });

  describe('views keep the last good data, marked stale with the reason, and recover by themselves', () => {
    for (const f of FAULTS) {
      it(f.name, async () => {
        await setFault(undefined);
        api.views.refreshAll();
        const good = new Map<ViewKey, string[]>();
        for (const k of VIEWS) {
          const nodes = await api.views.provider(k).getChildren();
          assert.ok(!nodes.some(isMessage), `${k}: loads cleanly before the fault: ${nodes.map(label).join(', ')}`);
          good.set(k, nodes.map((n) => item(n).id!));
        }
        setVisible(false);
        await setFault(f);
        api.views.refreshAll();
        const fired = new Set<ViewKey>();
        const subs = VIEWS.map((k) => api.views.provider(k).onDidChangeTreeData(() => fired.add(k)));
        let stale = 0;
        try {
          const during = await Promise.all(VIEWS.map((k) => api.views.provider(k).getChildren()));
          // a poll already in flight when the fault went on may have brought fresh data: ask again, the fault is on now
          for (const [i, k] of VIEWS.entries()) {
            for (let again = 0; again < 3 && f.affects.includes(k) && !during[i].some(isMessage); again++) {
              api.views.provider(k).refresh();
              during[i] = await api.views.provider(k).getChildren();
            }
          }
          VIEWS.forEach((k, i) => {
            const nodes = during[i];
            const ids = nodes.map((n) => item(n).id!);
            const messages = nodes.filter(isMessage);
            stale += messages.length;
            for (const m of messages) {
              assert.strictEqual(kind(m), 'stale', `${k}: last good data kept (a stale node, not an error node)`);
              assert.match(`${label(m)} ${String(item(m).description ?? '')}`, f.reason, `${k}: the stale node says why`);
            }
            if (f.affects.includes(k)) assert.strictEqual(messages.length, 1, `${k}: one stale node under ${f.name}`);
            else if (f.hard) assert.strictEqual(messages.length, 0, `${k}: not affected by ${f.name}: ${messages.map(label).join(', ')}`);
            for (const id of good.get(k)!) assert.ok(ids.includes(id), `${k}: last good ${id} still shown`);
          });
          fired.clear();
          await clearFault(f);
          setVisible(true);
          // no refresh(): the scheduler's retries bring every view back
          let still = '';
          await waitFor(() => `every view to recover from ${f.name} (still showing: ${still})`, 30_000, async () => {
            const left: string[] = [];
            for (const k of VIEWS) {
              const messages = (await walk(api.views.provider(k), k === 'pipelines' ? 2 : 1)).filter(isMessage);
              if (messages.length) left.push(`${k}: ${messages.map((m) => `${label(m)} ${String(item(m).description ?? '')}`).join(' | ')}`);
            }
            still = left.join('; ');
            return left.length ? undefined : true;
          });
          if (f.hard) for (const k of f.affects) assert.ok(fired.has(k), `${k}: told the tree to redraw once recovered`);
          tally.push(`${f.name}: ${stale} stale node(s)`);
        } finally {
          for (const s of subs) s.dispose();
          await clearFault(f).catch(() => undefined);
        }
      });
    }
  });

  describe('commands say why, offer Retry, keep what was typed; Retry after the fault succeeds', () => {
    before(() => setVisible(false));
    /** The Sandbox operation each command ends with. */
    const OPERATION: Record<string, string> = {
      [CommandIds.startBuild]: 'codebuild.StartBuild',
      [CommandIds.stopBuild]: 'codebuild.StopBuild',
      [CommandIds.approve]: 'codepipeline.PutApprovalResult',
      [CommandIds.startExecution]: 'codepipeline.StartPipelineExecution',
      [CommandIds.stopExecution]: 'codepipeline.StopPipelineExecution',
      [CommandIds.createDeployment]: 'codedeploy.CreateDeployment',
    };
    async function buildCount(project: string): Promise<number> {
      const s = new SessionRegistry();
      try {
        return (await s.get(c).codebuild.listBuildIds(project, { limit: 1000 })).length;
      } finally {
        s.dispose();
      }
    }
    async function find(view: ViewKey, depth: number, test: (n: ExplorerNode) => boolean, what: string): Promise<ExplorerNode> {
      // After a re-seed the view may still answer from the load it had in flight: ask again for a while.
      let all: ExplorerNode[] = [];
      for (let attempt = 0; attempt < 20; attempt++) {
        all = await walk(api.views.provider(view), depth);
        const n = all.find(test);
        if (n) return n;
        api.views.provider(view).refresh();
        await sleep(500);
      }
      assert.fail(`found ${what} among ${all.map((x) => `${kind(x)} ${label(x)}`).join(', ')}`);
    }

    /**
     * Runs `command` on `node` with `answers` under fault `f`. Hard faults must fail (the reason shown, Retry offered);
     * soft ones may. After a failure: clear the fault, click Retry, answer the same prompts, and check they came back
     * filled with what was typed; then put the fault back.
     */
    async function run(f: Fault, command: string, node: ExplorerNode, answers: ScriptedAnswer[], typed: string[]): Promise<'ok' | 'retried'> {
      const ui: ScriptedUi = api.answerPrompts([...answers]);
      let click: ((choice: string | undefined) => void) | undefined;
      ui.onError = () => new Promise<string | undefined>((r) => (click = r));
      await vscode.commands.executeCommand(command, node);
      const errors = ui.messages.filter((m) => m.kind === 'error');
      const mustFail = f.hard && (f.services ?? [OPERATION[command].split('.')[0]]).includes(OPERATION[command].split('.')[0]);
      if (errors.length === 0) {
        assert.ok(!mustFail, `${command} under ${f.name}: must fail`);
        return 'ok';
      }
      assert.ok(f.hard ? mustFail : true, `${command} under ${f.name}: must not fail: ${errors[0].message}`);
      assert.strictEqual(errors.length, 1);
      assert.match(errors[0].message, f.reason, `${command} under ${f.name}: says why`);
      assert.deepStrictEqual(errors[0].items, ['Retry'], `${command}: offers Retry`);
      const before = ui.prefilled.length;
      await clearFault(f);
      const op = OPERATION[command];
      const calls = sb.requestCounts.get(op) ?? 0;
      ui.onError = undefined;
      ui.push(...answers);
      click!('Retry');
      // done when the retried call reached the Sandbox and its answer was handled (no second error)
      await waitFor(`${command} retried`, 20_000, () => ui.remaining === 0 && (sb.requestCounts.get(op) ?? 0) > calls);
      await sleep(300);
      const refilled = ui.prefilled.slice(before).map((p) => p.value ?? '');
      assert.deepStrictEqual(refilled, typed, `${command}: the retry prompts came back filled in`);
      assert.strictEqual(ui.messages.filter((m) => m.kind === 'error').length, 1, `${command}: the retry succeeded: ${ui.messages.map((m) => m.message).join(' | ')}`);
      await setFault(f);
      return 'retried';
    }

    for (const f of FAULTS) {
      it(f.name, async () => {
        await control(sb, 'seed', { seed: 'demo' });
        api.views.refreshAll();
        const outcomes: string[] = [];
        // what the commands act on, found before the fault
        const project = await find('builds', 1, (n) => kind(n) === 'project' && /\bstartable\b/.test(String(item(n).contextValue)), 'a project');
        const projectName = label(project);
        api.answerPrompts(['', '']);
        await vscode.commands.executeCommand(CommandIds.startBuild, project);
        const running = (await api.views.builds.getChildren(project)).find((n) => /\bstoppable\b/.test(String(item(n).contextValue)));
        assert.ok(running, 'a running build to stop');
        const approval = await find('approvals', 1, (n) => kind(n) === 'approval', 'an approval');
        const pipelines = (await api.views.pipelines.getChildren()).filter((n) => kind(n) === 'pipeline');
        const s = new SessionRegistry();
        let plain: ExplorerNode | undefined;
        try {
          for (const p of pipelines) if ((await s.get(c).codepipeline.getPipeline(label(p))).variables.length === 0) plain = p;
        } finally {
          s.dispose();
        }
        assert.ok(plain, 'a pipeline without variables');
        const group = await find('deployments', 2, (n) => kind(n) === 'deploymentGroup', 'a deployment group');

        const builds0 = await buildCount(projectName);
        await setFault(f);
        try {
          outcomes.push(`startBuild ${await run(f, CommandIds.startBuild, project, ['main', 'FAULT=matrix'], ['main', 'FAULT=matrix'])}`);
          if (!f.stopped && f.rules?.every((r) => !r.accessDenied && !r.expiredCredentials)) {
            await control(sb, 'faults', { rules: [] });
            assert.strictEqual(await buildCount(projectName), builds0 + 1, 'exactly one build started');
            await setFault(f);
          }
          outcomes.push(`stopBuild ${await run(f, CommandIds.stopBuild, running, ['Stop Build'], [])}`);
          outcomes.push(`approve ${await run(f, CommandIds.approve, approval, ['fault matrix', 'Approve'], ['fault matrix'])}`);
          outcomes.push(`startExecution ${await run(f, CommandIds.startExecution, plain, ['Start'], [])}`);
          // an execution to stop: the one the start just made, or any stoppable one
          await clearFault(f);
          api.views.pipelines.refresh();
          const stoppable = (await walk(api.views.pipelines, 3)).find((n) => kind(n) === 'execution' && /\bstoppable\b/.test(String(item(n).contextValue)));
          await setFault(f);
          if (stoppable) outcomes.push(`stopExecution ${await run(f, CommandIds.stopExecution, stoppable, ['Stop and abandon', 'fault matrix', 'Stop Execution'], ['fault matrix'])}`);
          outcomes.push(
            `createDeployment ${await run(f, CommandIds.createDeployment, group, ['Amazon S3', 's3://demo-artifacts/app/fault.zip', 'zip', 'fault matrix', 'Deploy'], ['s3://demo-artifacts/app/fault.zip', 'fault matrix'])}`,
          );
        } finally {
          await clearFault(f).catch(() => undefined);
        }
        tally.push(`${f.name} commands: ${outcomes.join(', ')}`);
      });
    }
  });

  describe('a lost response is retried with the same token: exactly one build / execution', () => {
    /** The next `operation` call runs in the Sandbox but its response is dropped (dropResponseRate 1), once. */
    async function loseNextResponse(service: string, operation: string): Promise<void> {
      await control(sb, 'faults', { rules: [{ service, operation, dropResponseRate: 1 }] });
      const faults = sb.faults;
      const decide = faults.decide.bind(faults);
      faults.decide = (s, o) => {
        const d = decide(s, o);
        if (d.kind === 'dropResponse') {
          faults.set([]);
          faults.decide = decide;
        }
        return d;
      };
    }
    const attempts = (op: string) => sb.requestCounts.get(op) ?? 0;

    it('StartBuild: the response is lost, the SDK retries with the same idempotencyToken, one build', async () => {
      await control(sb, 'seed', { seed: 'demo' });
      api.views.refreshAll();
      const project = (await api.views.builds.getChildren()).find((n) => kind(n) === 'project' && /\bstartable\b/.test(String(item(n).contextValue)))!;
      const s = new SessionRegistry();
      try {
        const before = (await s.get(c).codebuild.listBuildIds(label(project), { limit: 1000 })).length;
        const tries = attempts('codebuild.StartBuild');
        await loseNextResponse('codebuild', 'StartBuild');
        const ui = api.answerPrompts(['', '']);
        await vscode.commands.executeCommand(CommandIds.startBuild, project);
        assert.deepStrictEqual(ui.messages.filter((m) => m.kind === 'error'), []);
        assert.strictEqual(attempts('codebuild.StartBuild') - tries, 2, 'two attempts reached the Sandbox (the first one lost its response)');
        assert.strictEqual((await s.get(c).codebuild.listBuildIds(label(project), { limit: 1000 })).length, before + 1, 'exactly one build');
      } finally {
        s.dispose();
      }
    });

    it('StartPipelineExecution: the response is lost, the SDK retries with the same clientRequestToken, one execution', async () => {
      const pipelines = (await api.views.pipelines.getChildren()).filter((n) => kind(n) === 'pipeline');
      const s = new SessionRegistry();
      try {
        let target: ExplorerNode | undefined;
        for (const p of pipelines) if ((await s.get(c).codepipeline.getPipeline(label(p))).variables.length === 0) target = p;
        const name = label(target!);
        const count = async () => (await s.get(c).codepipeline.listExecutions(name, { limit: 1000 })).length;
        const before = await count();
        const tries = attempts('codepipeline.StartPipelineExecution');
        await loseNextResponse('codepipeline', 'StartPipelineExecution');
        const ui = api.answerPrompts(['Start']);
        await vscode.commands.executeCommand(CommandIds.startExecution, target);
        assert.deepStrictEqual(ui.messages.filter((m) => m.kind === 'error'), []);
        assert.strictEqual(attempts('codepipeline.StartPipelineExecution') - tries, 2, 'two attempts reached the Sandbox');
        assert.strictEqual(await count(), before + 1, 'exactly one execution');
      } finally {
        s.dispose();
      }
    });
  });
});
