// Statuses the Explorer used to get wrong: a stopped (or stopping) pipeline shown as "succeeded", and a finished
// build whose COMPLETED phase (no status, no end time from CodeBuild) read as "running" with a spinning icon.
import * as assert from 'assert';
import type { Build, BuildPhase } from '../../../src/model/codebuild';
import type { PipelineExecution, PipelineState, StageState } from '../../../src/model/codepipeline';
import type { Connection } from '../../../src/model/connection';
import { normaliseStatus, statusIcon } from '../../../src/model/status';
import { executionView, latestRunIsAmbiguous, phaseStatus, phaseView, pipelineRun, pipelineStatus, pipelineView, stageView } from '../../../src/views/presentation';

const aws: Connection = { profile: 'dev', region: 'eu-west-1' };
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

/** The icon status.ts gives a raw status, as an ItemView icon. */
function iconOf(raw: string) {
  const { icon, color } = statusIcon(normaliseStatus(raw));
  return color ? { id: icon, color } : { id: icon };
}

function stage(name: string, executionId: string, rawStatus: string, over: Partial<StageState> = {}): StageState {
  return {
    name,
    inboundTransition: { enabled: true },
    inboundExecutions: [],
    actions: [{ name: `${name}Action`, status: normaliseStatus(rawStatus), rawStatus }],
    latestExecution: { executionId, status: normaliseStatus(rawStatus), rawStatus },
    ...over,
  };
}

function execution(id: string, rawStatus: string, over: Partial<PipelineExecution> = {}): PipelineExecution {
  return { id, pipelineName: 'p', status: normaliseStatus(rawStatus), rawStatus, sourceRevisions: [], start: NOW - 60_000, lastUpdate: NOW, ...over };
}

describe('Explorer presentation: stopped pipelines and finished builds', () => {
  describe('a pipeline whose latest execution was stopped', () => {
    // e1 ran through every stage; e2 (the latest) was stopped in Build: Deploy still shows e1's success.
    const stopped: PipelineState = {
      pipelineName: 'p',
      stages: [stage('Source', 'e2', 'Succeeded'), stage('Build', 'e2', 'Stopped'), stage('Deploy', 'e1', 'Succeeded')],
    };

    it('reads "stopped" (not the success an earlier execution left in a later stage), with the stop icon of status.ts', () => {
      assert.strictEqual(pipelineStatus(stopped), 'stopped');
      const v = pipelineView(aws, { name: 'p' }, stopped);
      assert.match(v.description!, /^stopped · Build$/);
      assert.deepStrictEqual(v.icon, iconOf('Stopped'));
      assert.deepStrictEqual(v.icon, { id: 'debug-stop', color: 'disabledForeground' });
      assert.strictEqual(v.contextValue, 'pipeline hasConsole startable');
      // with the latest execution from ListPipelineExecutions too
      const latest = execution('e2', 'Stopped', { stopReason: 'Hotfix coming' });
      const w = pipelineView(aws, { name: 'p' }, stopped, latest);
      assert.match(w.description!, /^stopped · Build$/);
      assert.deepStrictEqual(w.icon, iconOf('Stopped'));
      assert.match(w.tooltip!, /Hotfix coming/);
    });

    it('reads "stopped" when the latest execution was stopped between stages (the stages all show successes)', () => {
      const between: PipelineState = { pipelineName: 'p', stages: [stage('Source', 'e2', 'Succeeded'), stage('Build', 'e1', 'Succeeded'), stage('Deploy', 'e1', 'Succeeded')] };
      const v = pipelineView(aws, { name: 'p' }, between, execution('e2', 'Stopped'));
      assert.strictEqual(pipelineStatus(between, execution('e2', 'Stopped')), 'stopped');
      assert.match(v.description!, /^stopped/);
      assert.deepStrictEqual(v.icon, iconOf('Stopped'));
    });

    it('reads "stopping" while the stop waits for the actions in progress: still active (spins, polled, stoppable), as status.ts maps Stopping', () => {
      const stopping: PipelineState = {
        pipelineName: 'p',
        stages: [stage('Source', 'e2', 'Succeeded'), stage('Build', 'e2', 'Stopping', { actions: [{ name: 'Compile', status: 'running', rawStatus: 'InProgress' }] }), stage('Deploy', 'e1', 'Succeeded')],
      };
      for (const latest of [undefined, execution('e2', 'Stopping')]) {
        const run = pipelineRun(stopping, latest)!;
        assert.deepStrictEqual(run, { status: 'running', word: 'stopping', stage: 'Build' });
        const v = pipelineView(aws, { name: 'p' }, stopping, latest);
        assert.match(v.description!, /^stopping · Build$/);
        assert.deepStrictEqual(v.icon, iconOf('Stopping'));
        assert.match(v.contextValue, /\brunning\b/);
      }
      const s = stageView(stopping.stages[1]);
      assert.match(s.description!, /^stopping$/);
      assert.deepStrictEqual(s.icon, iconOf('Stopping'));
      assert.match(executionView(aws, execution('e2', 'Stopping'), NOW).description!, /^stopping\b/);
      assert.match(executionView(aws, execution('e2', 'Stopped'), NOW).description!, /^stopped\b/);
    });

    it('the latest execution decides: a newer success is "succeeded" though an older run failed in a stage it skipped', () => {
      const state: PipelineState = { pipelineName: 'p', stages: [stage('Source', 'e3', 'Succeeded'), stage('Build', 'e3', 'Succeeded'), stage('Deploy', 'e3', 'Succeeded')] };
      assert.strictEqual(pipelineStatus(state, execution('e3', 'Succeeded')), 'succeeded');
      const failedBefore: PipelineState = { pipelineName: 'p', stages: [stage('Source', 'e3', 'Succeeded'), stage('Build', 'e3', 'Failed'), stage('Deploy', 'e1', 'Succeeded')] };
      assert.deepStrictEqual(pipelineRun(failedBefore), { status: 'failed', word: 'failed', stage: 'Build' });
      // another execution still running in a later stage keeps the pipeline "running"
      const busy: PipelineState = { pipelineName: 'p', stages: [stage('Source', 'e3', 'Succeeded'), stage('Build', 'e3', 'Stopped'), stage('Deploy', 'e2', 'InProgress')] };
      assert.deepStrictEqual(pipelineRun(busy, execution('e3', 'Stopped')), { status: 'running', word: 'running', stage: 'Deploy' });
    });
  });

  describe('the phases of a finished build', () => {
    const finished = (status: Build['status']): Pick<Build, 'complete' | 'status' | 'end'> => ({ complete: true, status, end: NOW - 10_000 });
    // The service layer reads a phase without status and end time as running (CodeBuild's COMPLETED phase is one).
    const completed: BuildPhase = { type: 'COMPLETED', status: 'running', start: NOW - 10_000, messages: [] };

    it('COMPLETED says how the build ended and never reads as running', () => {
      for (const [status, raw] of [
        ['succeeded', 'SUCCEEDED'],
        ['failed', 'FAILED'],
        ['stopped', 'STOPPED'],
      ] as const) {
        const b = finished(status);
        const v = phaseView(completed, NOW, b);
        assert.strictEqual(phaseStatus(completed, b), status);
        assert.strictEqual(v.description, `build ${status}`);
        assert.deepStrictEqual(v.icon, iconOf(raw));
        assert.doesNotMatch(v.description, /running/);
        assert.doesNotMatch(v.icon.id, /spin/);
        assert.strictEqual(v.contextValue, 'phase');
      }
    });

    it('a phase a stopped build left without an end time reads "stopped", timed to the build end; no phase of a finished build spins', () => {
      const b = finished('stopped');
      const cut: BuildPhase = { type: 'BUILD', status: 'running', start: NOW - 70_000, messages: [] };
      const v = phaseView(cut, NOW, b);
      assert.strictEqual(v.description, 'stopped · 1m 00s');
      assert.deepStrictEqual(v.icon, iconOf('STOPPED'));
      const phases: BuildPhase[] = [
        { type: 'SUBMITTED', status: 'succeeded', rawStatus: 'SUCCEEDED', start: NOW - 90_000, end: NOW - 89_000, durationSeconds: 1, messages: [] },
        { type: 'QUEUED', status: 'queued', start: NOW - 89_000, messages: [] },
        cut,
        completed,
      ];
      for (const p of phases) {
        const w = phaseView(p, NOW, b);
        assert.doesNotMatch(w.icon!.id, /spin/, `${p.type} does not spin`);
        assert.doesNotMatch(w.contextValue, /\brunning\b/, `${p.type} is not running`);
        assert.doesNotMatch(w.description ?? '', /running|queued/, `${p.type} does not read as running`);
      }
    });

    it('a running build still shows its running phase as running', () => {
      const running = { complete: false, status: 'running' as const };
      const v = phaseView({ type: 'BUILD', status: 'running', start: NOW - 5_000, messages: [] }, NOW, running);
      assert.deepStrictEqual(v.icon, iconOf('IN_PROGRESS'));
      assert.strictEqual(v.description, 'running · 5s');
      assert.strictEqual(v.contextValue, 'phase running');
    });
  });

  describe('when the Pipelines view also needs the latest execution (latestRunIsAmbiguous)', () => {
    const state = (...stages: StageState[]): PipelineState => ({ pipelineName: 'p', stages });
    it('not when the state tells: a stage of the latest run is active, waiting, failed or stopped, or it got through', () => {
      assert.strictEqual(latestRunIsAmbiguous(state(stage('Source', 'e2', 'Succeeded'), stage('Build', 'e2', 'InProgress'), stage('Deploy', 'e1', 'Succeeded'))), false);
      assert.strictEqual(latestRunIsAmbiguous(state(stage('Source', 'e2', 'Succeeded'), stage('Build', 'e2', 'Stopped'), stage('Deploy', 'e1', 'Succeeded'))), false);
      assert.strictEqual(latestRunIsAmbiguous(state(stage('Source', 'e2', 'Succeeded'), stage('Build', 'e2', 'Failed'), stage('Deploy', 'e1', 'Succeeded'))), false);
      assert.strictEqual(latestRunIsAmbiguous(state(stage('Source', 'e2', 'Succeeded'), stage('Build', 'e2', 'Succeeded'), stage('Deploy', 'e2', 'Succeeded'))), false);
      assert.strictEqual(latestRunIsAmbiguous(state()), false, 'never run');
    });
    it('when the latest run stopped between two stages: its last stage succeeded, the pipeline\'s last shows an older run', () => {
      assert.strictEqual(latestRunIsAmbiguous(state(stage('Source', 'e2', 'Succeeded'), stage('Build', 'e2', 'Succeeded'), stage('Deploy', 'e1', 'Succeeded'))), true);
    });
  });
});
