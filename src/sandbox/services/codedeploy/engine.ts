import { own } from '../../dict';
import { DEPLOYMENT_CONFIGS, IN_PLACE_EVENTS, type Deployment, type Target } from './model';
import { eventDurationMs, failureDiagnostics } from './scripts';

/**
 * The deployment state machine. Everything is computed from the timestamps stored in the deployment, so advancing
 * to `now` replays every transition that happened since the last call, in time order, and calling it twice with the
 * same `now` changes nothing.
 */

/** Time between CreateDeployment and the first instance starting. */
export const START_DELAY_MS = 2000;

export interface EngineHooks {
  /** The deployment reached a final status at `at`. */
  finished(d: Deployment, at: number): void;
}

const INSTALL_COUNT = IN_PLACE_EVENTS.length;

export function advance(d: Deployment, now: number, hooks: EngineHooks): void {
  for (let guard = 0; guard < 10000; guard++) {
    if (d.status === 'Created') {
      const at = d.createTime + START_DELAY_MS;
      if (at > now) return;
      d.status = 'InProgress';
      d.startTime = at;
      schedule(d, at, hooks);
      continue;
    }
    if (d.status === 'Ready') {
      if (d.readyDeadline === undefined || d.readyDeadline > now) return;
      const at = d.readyDeadline;
      if (d.blueGreenDeploymentConfiguration?.deploymentReadyOption.actionOnTimeout === 'CONTINUE_DEPLOYMENT') continueDeployment(d, at, hooks);
      else end(d, 'Stopped', at, hooks, { code: 'TIMEOUT', message: 'The deployment was stopped because traffic was not rerouted to the replacement environment before the wait time ended.' });
      continue;
    }
    if (d.status !== 'InProgress') return;
    let next: { target: Target; at: number } | undefined;
    for (const target of d.targets) {
      if (target.status !== 'InProgress') continue;
      const ev = target.lifecycleEvents[target.cursor];
      const at = (ev.startTime ?? 0) + eventDurationMs(d.deploymentId, target.targetId, ev.lifecycleEventName);
      if (!next || at < next.at) next = { target, at };
    }
    if (!next || next.at > now) return;
    completeEvent(d, next.target, next.at, hooks);
  }
}

/** Green instances wait in Ready; ContinueDeployment (or the end of the wait) reroutes traffic. */
export function continueDeployment(d: Deployment, at: number, hooks: EngineHooks): void {
  d.status = 'InProgress';
  d.readyDeadline = undefined;
  d.phase = 'allowTraffic';
  for (const t of d.targets) if (t.label === 'Green' && t.status === 'Ready') startEvent(t, at);
  schedule(d, at, hooks);
}

/** Ends a deployment: targets that never started are skipped, the ones in flight are cut short. */
export function end(d: Deployment, status: 'Succeeded' | 'Failed' | 'Stopped', at: number, hooks: EngineHooks, error?: { code: string; message: string }): void {
  d.status = status;
  d.phase = 'done';
  d.completeTime = at;
  d.readyDeadline = undefined;
  if (error) d.errorInformation = error;
  for (const t of d.targets) {
    if (t.status === 'Succeeded' || t.status === 'Failed') continue;
    if (status === 'Succeeded' && t.status === 'Ready') {
      t.status = 'Succeeded';
      continue;
    }
    t.status = 'Skipped';
    t.lastUpdatedAt = at;
    for (const ev of t.lifecycleEvents) {
      if (ev.status === 'Pending' || ev.status === 'InProgress') {
        if (ev.status === 'InProgress') ev.endTime = at;
        ev.status = 'Skipped';
      }
    }
  }
  hooks.finished(d, at);
}

function startEvent(t: Target, at: number): void {
  t.status = 'InProgress';
  t.lastUpdatedAt = at;
  const ev = t.lifecycleEvents[t.cursor];
  ev.status = 'InProgress';
  ev.startTime = at;
}

/** The index where a target stops in the current phase. */
function segmentEnd(d: Deployment, t: Target): number {
  if (t.label === 'Green' && d.phase === 'install') return INSTALL_COUNT;
  return t.lifecycleEvents.length;
}

function shouldFail(d: Deployment, t: Target, event: string): boolean {
  if (!d.failEvent || d.failEvent.event !== event) return false;
  if (d.failEvent.allInstances) return true;
  const candidates = d.targets.filter((x) => x.lifecycleEvents.some((e) => e.lifecycleEventName === event));
  return candidates[0]?.targetId === t.targetId;
}

function completeEvent(d: Deployment, t: Target, at: number, hooks: EngineHooks): void {
  const ev = t.lifecycleEvents[t.cursor];
  ev.endTime = at;
  t.lastUpdatedAt = at;
  if (shouldFail(d, t, ev.lifecycleEventName)) {
    ev.status = 'Failed';
    ev.diagnostics = failureDiagnostics(ev.lifecycleEventName);
    t.status = 'Failed';
    for (const rest of t.lifecycleEvents.slice(t.cursor + 1)) rest.status = 'Skipped';
    schedule(d, at, hooks);
    return;
  }
  ev.status = 'Succeeded';
  t.cursor++;
  if (t.cursor < segmentEnd(d, t)) {
    startEvent(t, at);
    return;
  }
  t.status = t.label === 'Green' && d.phase === 'install' ? 'Ready' : 'Succeeded';
  schedule(d, at, hooks);
}

/** Starts what can start after a change at `at`, and moves the deployment to its next phase or end. */
function schedule(d: Deployment, at: number, hooks: EngineHooks): void {
  const config = own(DEPLOYMENT_CONFIGS, d.deploymentConfigName) ?? DEPLOYMENT_CONFIGS['CodeDeployDefault.OneAtATime'];
  if (d.phase === 'install') {
    const fleet = d.targets.filter((t) => t.label !== 'Blue');
    const failed = fleet.filter((t) => t.status === 'Failed').length;
    if (failed > config.maxFailures(fleet.length)) return fail(d, at, hooks);
    let running = fleet.filter((t) => t.status === 'InProgress').length;
    for (const t of fleet) {
      if (running >= config.batch(fleet.length)) break;
      if (t.status !== 'Pending') continue;
      startEvent(t, at);
      running++;
    }
    if (running > 0) return;
    if (d.deploymentStyle.deploymentType !== 'BLUE_GREEN') return end(d, 'Succeeded', at, hooks);
    const ready = d.blueGreenDeploymentConfiguration?.deploymentReadyOption;
    const wait = ready?.waitTimeInMinutes ?? 0;
    // A rollback reroutes traffic straight back: it never waits for ContinueDeployment.
    if (d.creator !== 'codeDeployRollback' && (ready?.actionOnTimeout === 'STOP_DEPLOYMENT' || wait > 0)) {
      d.status = 'Ready';
      d.phase = 'ready';
      d.readyDeadline = wait > 0 ? at + wait * 60_000 : undefined;
      return;
    }
    return continueDeployment(d, at, hooks);
  }
  const label = d.phase === 'allowTraffic' ? 'Green' : d.phase === 'blockTraffic' ? 'Blue' : undefined;
  if (!label) return;
  const group = d.targets.filter((t) => t.label === label);
  if (group.some((t) => t.status === 'Failed')) return fail(d, at, hooks);
  if (group.some((t) => t.status === 'InProgress')) return;
  if (d.phase === 'allowTraffic') {
    d.phase = 'blockTraffic';
    for (const t of d.targets) if (t.label === 'Blue') startEvent(t, at);
    if (d.targets.some((t) => t.label === 'Blue')) return;
  }
  if (d.blueGreenDeploymentConfiguration?.terminateBlueInstancesOnDeploymentSuccess.action === 'TERMINATE') d.instanceTerminationWaitTimeStarted = true;
  end(d, 'Succeeded', at, hooks);
}

function fail(d: Deployment, at: number, hooks: EngineHooks): void {
  end(d, 'Failed', at, hooks, {
    code: 'HEALTH_CONSTRAINTS',
    message:
      'The overall deployment failed because too many individual instances failed deployment, too few healthy instances are available for deployment, or some instances in your deployment group are experiencing problems.',
  });
}
