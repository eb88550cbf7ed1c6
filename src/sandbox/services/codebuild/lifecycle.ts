import { Rng, sha1 } from '../../ids';
import { failureContext, phaseScript, type PhaseScript } from './buildLog';
import type { BuildRec, BuildScript, PhaseRec, PhaseType } from './model';

/** Phase durations in ms (min, max): a build takes between about one and four minutes. */
const DURATIONS: Partial<Record<PhaseType, [number, number]>> = {
  SUBMITTED: [200, 900],
  QUEUED: [1_000, 4_000],
  PROVISIONING: [8_000, 20_000],
  DOWNLOAD_SOURCE: [2_000, 6_000],
  INSTALL: [12_000, 35_000],
  PRE_BUILD: [3_000, 10_000],
  BUILD: [35_000, 110_000],
  POST_BUILD: [1_000, 4_000],
  UPLOAD_ARTIFACTS: [1_000, 5_000],
  FINALIZING: [1_000, 3_000],
};

/** Durations drawn from the build id, so the same build always takes the same time. */
export function planDurations(buildId: string, logLines: number): BuildScript['durations'] {
  const rng = new Rng(parseInt(sha1(buildId).slice(0, 8), 16));
  const out: BuildScript['durations'] = {};
  for (const [phase, [min, max]] of Object.entries(DURATIONS) as [PhaseType, [number, number]][]) out[phase] = rng.int(min, max);
  // Long logs take longer to write.
  out.BUILD = (out.BUILD ?? 0) + Math.floor(logLines / 2);
  return out;
}

/** Where a build goes after `phase`, given whether it failed (CodeBuild still runs POST_BUILD after BUILD fails). */
function nextPhase(phase: PhaseType, failed: boolean): PhaseType {
  if (failed) {
    if (phase === 'BUILD') return 'POST_BUILD';
    if (phase === 'POST_BUILD') return 'UPLOAD_ARTIFACTS';
    return 'FINALIZING';
  }
  const order: PhaseType[] = ['SUBMITTED', 'QUEUED', 'PROVISIONING', 'DOWNLOAD_SOURCE', 'INSTALL', 'PRE_BUILD', 'BUILD', 'POST_BUILD', 'UPLOAD_ARTIFACTS', 'FINALIZING', 'COMPLETED'];
  return order[order.indexOf(phase) + 1];
}

export interface LifecycleHooks {
  /** A phase just ended (BUILD ending produces the test report). */
  phaseEnded(build: BuildRec, phase: PhaseRec): void;
  appendLog(build: BuildRec, events: { timestamp: number; message: string }[]): void;
}

/** Moves a running build through every phase that has ended by `now`, then writes its log up to `now`. */
export function advanceBuild(build: BuildRec, now: number, hooks: LifecycleHooks): void {
  const deadline = build.startTime + build.timeoutInMinutes * 60_000;
  while (build.status === 'IN_PROGRESS') {
    const cur = build.phases[build.phases.length - 1];
    let end = cur.start + (build.script.durations[cur.type] ?? 0);
    const timesOut = end > deadline && cur.type !== 'FINALIZING' && cur.type !== 'SUBMITTED' && cur.type !== 'QUEUED';
    if (timesOut) end = deadline;
    if (end > now) break;
    cur.end = end;
    const failed = !timesOut && cur.type === build.script.failPhase;
    if (timesOut) {
      cur.status = 'TIMED_OUT';
      cur.context = { statusCode: 'BUILD_TIMED_OUT', message: `Build has timed out. ${build.timeoutInMinutes} minutes` };
    } else if (failed) {
      cur.status = 'FAILED';
      cur.context = failureContext(build, cur.type);
    } else {
      cur.status = 'SUCCEEDED';
      if (cur.type !== 'SUBMITTED' && cur.type !== 'QUEUED') cur.context = { statusCode: '', message: '' };
    }
    hooks.phaseEnded(build, cur);
    const next = timesOut ? 'FINALIZING' : nextPhase(cur.type, failed);
    build.phases.push({ type: next, start: end });
    if (next === 'COMPLETED') {
      build.endTime = end;
      build.status = build.phases.some((p) => p.status === 'TIMED_OUT') ? 'TIMED_OUT' : build.phases.some((p) => p.status === 'FAILED') ? 'FAILED' : 'SUCCEEDED';
    }
  }
  if (!build.script.deferLog) writeLog(build, now, hooks);
}

/** StopBuild: the current phase ends STOPPED now and the build completes as STOPPED. */
export function stopBuild(build: BuildRec, now: number, hooks: LifecycleHooks): void {
  const cur = build.phases[build.phases.length - 1];
  cur.end = Math.max(cur.start, now);
  cur.status = 'STOPPED';
  cur.context = { statusCode: 'BUILD_STOPPED', message: 'Build was stopped' };
  build.phases.push({ type: 'COMPLETED', start: cur.end });
  build.endTime = cur.end;
  build.status = 'STOPPED';
  if (!build.script.deferLog) writeLog(build, now, hooks);
}

function plannedMs(build: BuildRec, phase: PhaseRec): number {
  return build.script.durations[phase.type] ?? 0;
}

/**
 * Where writeLog stopped last time for a build (kept beside the state, not in it): the script of the cursor's phase
 * and when its next line is due. The Sandbox ticks every running build before each request, and most ticks have
 * nothing to write: with this they return without rebuilding the phase's script (its lines are a pure function of
 * the build and the phase, see phaseScript). Valid while the cursor and the phase are as they were (same phase
 * record, status and end: a phase that ends or is stopped makes it stale).
 */
interface LogMemo {
  phase: PhaseRec;
  status: PhaseRec['status'];
  end: number | undefined;
  line: number;
  script: PhaseScript;
  /** The time of the next line to write (Infinity: none until the phase ends). */
  due: number;
}
const logMemos = new WeakMap<BuildRec, LogMemo>();

/** Appends the log lines whose time has come, from where the last call stopped. */
export function writeLog(build: BuildRec, now: number, hooks: LifecycleHooks): void {
  const cursor = build.logCursor;
  const memo = logMemos.get(build);
  const current = build.phases[cursor.phase];
  const fresh = memo !== undefined && memo.phase === current && memo.status === current.status && memo.end === current.end;
  if (fresh && memo.line === cursor.line && now < memo.due) return;
  let cached = fresh ? memo.script : undefined;
  while (cursor.phase < build.phases.length) {
    const phase = build.phases[cursor.phase];
    const remember = (script: PhaseScript | undefined, due: number) => {
      if (script) logMemos.set(build, { phase, status: phase.status, end: phase.end, line: cursor.line, script, due });
    };
    if (phase.start > now) return remember(cached, phase.start);
    const script = cached ?? phaseScript(build, phase, plannedMs(build, phase));
    cached = undefined;
    const events: { timestamp: number; message: string }[] = [];
    let k = cursor.line;
    let due = Infinity;
    for (; k < script.count; k++) {
      const line = script.at(k);
      const t = phase.start + line.dt;
      if (t > now) {
        due = t;
        break;
      }
      events.push({ timestamp: t, message: line.message });
    }
    if (events.length) hooks.appendLog(build, events);
    cursor.line = k;
    if (k < script.count || phase.end === undefined) return remember(script, due);
    cursor.phase++;
    cursor.line = 0;
  }
}
