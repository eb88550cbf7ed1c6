/** Status of anything that runs (build, phase, execution, stage, action, deployment, target, lifecycle event), normalised across services. */
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'stopped' | 'waiting' | 'skipped' | 'unknown';

const table: Record<string, RunStatus> = {
  // CodeBuild StatusType
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  FAULT: 'failed',
  TIMED_OUT: 'failed',
  IN_PROGRESS: 'running',
  STOPPED: 'stopped',
  // CodePipeline execution/stage/action statuses
  InProgress: 'running',
  Stopping: 'running',
  Stopped: 'stopped',
  Succeeded: 'succeeded',
  Superseded: 'skipped',
  Failed: 'failed',
  Abandoned: 'stopped',
  Cancelled: 'stopped',
  Skipped: 'skipped',
  // CodeDeploy deployment / target / lifecycle statuses
  Created: 'queued',
  Queued: 'queued',
  Pending: 'queued',
  Baking: 'running',
  Ready: 'waiting',
  Unknown: 'unknown',
  // CodeBuild phase status QUEUED etc.
  QUEUED: 'queued',
};

export function normaliseStatus(raw: string | undefined): RunStatus {
  if (!raw) return 'unknown';
  return table[raw] ?? 'unknown';
}

/** A codicon id and a theme colour id for a status; `running` spins. */
export function statusIcon(status: RunStatus): { icon: string; color?: string } {
  switch (status) {
    case 'succeeded':
      return { icon: 'pass', color: 'testing.iconPassed' };
    case 'failed':
      return { icon: 'error', color: 'testing.iconFailed' };
    case 'running':
      return { icon: 'sync~spin', color: 'charts.blue' };
    case 'queued':
      return { icon: 'clock', color: 'charts.yellow' };
    case 'waiting':
      return { icon: 'bell', color: 'charts.orange' };
    case 'stopped':
      return { icon: 'debug-stop', color: 'disabledForeground' };
    case 'skipped':
      return { icon: 'debug-step-over', color: 'disabledForeground' };
    default:
      return { icon: 'question' };
  }
}

/** Whether a status will change again by itself (the scheduler polls only these). */
export function isActive(status: RunStatus): boolean {
  return status === 'queued' || status === 'running' || status === 'waiting';
}
