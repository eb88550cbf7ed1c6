// Pure builders: what each tree item shows (label, description, icon, Markdown tooltip, contextValue) from plain data.
// No 'vscode' here, so all of it is unit-tested in plain Node; the node classes only copy these onto TreeItems.
import type { Build, BuildPhase, BuildProject } from '../model/codebuild';
import type { Branch, Commit, PullRequest, Repository } from '../model/codecommit';
import type { DeployApplication, Deployment, DeploymentGroup, DeploymentOverview, DeploymentTarget, LifecycleEvent } from '../model/codedeploy';
import type { ActionState, PendingApproval, PipelineExecution, PipelineState, PipelineSummary, StageState } from '../model/codepipeline';
import { connectionLabel, isSandbox, type Connection } from '../model/connection';
import { consoleLinks } from '../model/consoleLinks';
import { isActive, normaliseStatus, statusIcon, type RunStatus } from '../model/status';

// ---------------------------------------------------------------- contextValue
/** Every kind of node; the first token of its contextValue. */
export const NODE_KINDS = [
  'connection',
  'repository',
  'branch',
  'commit',
  'pullRequests',
  'pullRequest',
  'project',
  'build',
  'phase',
  'application',
  'deploymentGroup',
  'deployment',
  'target',
  'lifecycleEvent',
  'pipeline',
  'stage',
  'action',
  'history',
  'execution',
  'approval',
  'loadMore',
  'error',
  'empty',
  'stale',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** Every flag a node may carry; menus match them with `\b`-anchored regexes. */
export const CONTEXT_FLAGS = [
  'sandbox',
  'running',
  'failed',
  'stoppable',
  'retryable',
  'hasLogs',
  'hasConsole',
  'hasArn',
  'startable',
  'transitionEnabled',
  'transitionDisabled',
  'approvable',
  'continuable',
  'cloneable',
] as const;
export type ContextFlag = (typeof CONTEXT_FLAGS)[number];

/** The one place contextValues are made: the kind, then the set flags in a fixed order (`build running stoppable`). */
export function contextValue(kind: NodeKind, flags: Partial<Record<ContextFlag, boolean>> = {}): string {
  return [kind, ...CONTEXT_FLAGS.filter((f) => flags[f])].join(' ');
}

// ---------------------------------------------------------------- common
export interface IconView {
  id: string;
  color?: string;
}

export interface ItemView {
  label: string;
  description?: string;
  icon?: IconView;
  /** Markdown. */
  tooltip?: string;
  contextValue: string;
}

export function statusOf(raw: string | undefined): RunStatus {
  return normaliseStatus(raw);
}

export function iconFor(status: RunStatus): IconView {
  const { icon, color } = statusIcon(status);
  return color ? { id: icon, color } : { id: icon };
}

/** A console link for a resource of `c`; none for the Sandbox (it has no console). */
export function consoleUrl<A extends unknown[]>(c: Connection, make: (region: string, ...args: A) => string, ...args: A): string | undefined {
  return isSandbox(c) ? undefined : make(c.region, ...args);
}

/** `4s`, `1m 05s`, `2h 03m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  return `${h}h ${String(m % 60).padStart(2, '0')}m`;
}

/** `just now`, `5 min ago`, `3 h ago`, `2 d ago`. */
export function formatAge(time: number | undefined, now: number): string {
  if (time === undefined) return '';
  const s = Math.max(0, Math.round((now - time) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} d ago`;
}

function durationOf(start: number | undefined, end: number | undefined, now: number): string {
  if (start === undefined) return '';
  return formatDuration((end ?? now) - start);
}

function iso(time: number | undefined): string {
  return time === undefined ? '' : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Escapes Markdown so names and messages from AWS show as typed. */
export function md(text: string | undefined): string {
  return (text ?? '').replace(/([\\`*_{}[\]()#+\-.!|<>~])/g, '\\$1').replace(/\r?\n/g, '  \n');
}

function link(text: string, url: string | undefined): string {
  return url && /^https?:\/\//.test(url) ? `[${md(text)}](${url})` : '';
}

function rows(lines: (string | false | undefined)[]): string {
  return lines.filter((l): l is string => !!l).join('\n\n');
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split(/\r?\n/)[0]?.trim() ?? '';
}

function shortSha(id: string | undefined): string {
  return id && /^[0-9a-f]{12,}$/i.test(id) ? id.slice(0, 8) : (id ?? '');
}

export function statusWord(status: RunStatus): string {
  return status === 'unknown' ? '' : status;
}

// ---------------------------------------------------------------- connections
export function connectionView(c: Connection): ItemView {
  return {
    label: isSandbox(c) ? `Sandbox · ${c.region}` : `${c.profile} · ${c.region}`,
    description: c.endpoint && !isSandbox(c) ? c.endpoint : undefined,
    icon: { id: isSandbox(c) ? 'beaker' : 'account' },
    tooltip: rows([`**${md(connectionLabel(c))}**`, c.endpoint && `Endpoint: \`${c.endpoint}\``]),
    contextValue: contextValue('connection', { sandbox: isSandbox(c) }),
  };
}

// ---------------------------------------------------------------- CodeCommit
export function repositoryView(c: Connection, r: Repository): ItemView {
  const url = consoleUrl(c, consoleLinks.repository, r.name);
  return {
    label: r.name,
    description: [r.defaultBranch, firstLine(r.description)].filter(Boolean).join(' · ') || undefined,
    icon: { id: 'repo' },
    tooltip: rows([
      `**$(repo) ${md(r.name)}**`,
      r.description && md(r.description),
      r.defaultBranch && `Default branch: \`${r.defaultBranch}\``,
      r.cloneUrls?.https && `Clone (HTTPS): \`${r.cloneUrls.https}\``,
      link('Open in AWS console', url),
    ]),
    contextValue: contextValue('repository', { hasConsole: !!url, hasArn: !!r.arn, cloneable: !!r.cloneUrls }),
  };
}

export function branchView(b: Branch): ItemView {
  return {
    label: b.name,
    description: [b.isDefault ? 'default' : '', shortSha(b.commitId)].filter(Boolean).join(' · ') || undefined,
    icon: { id: 'git-branch' },
    tooltip: rows([`**$(git-branch) ${md(b.name)}**`, b.commitId && `Head: \`${b.commitId}\``]),
    contextValue: contextValue('branch'),
  };
}

export function commitView(c: Connection, repository: string, commit: Commit, now: number): ItemView {
  const url = consoleUrl(c, consoleLinks.commit, repository, commit.id);
  const author = commit.author?.name;
  return {
    label: commit.subject || firstLine(commit.message) || shortSha(commit.id),
    description: [shortSha(commit.id), author, formatAge(commit.author?.date, now)].filter(Boolean).join(' · '),
    icon: { id: 'git-commit' },
    tooltip: rows([
      `**$(git-commit) \`${shortSha(commit.id)}\`**${author ? ` by ${md(author)}` : ''}`,
      md(commit.message),
      iso(commit.author?.date),
      link('Open in AWS console', url),
    ]),
    contextValue: contextValue('commit', { hasConsole: !!url }),
  };
}

export function pullRequestsView(count: number | undefined): ItemView {
  return {
    label: 'Open pull requests',
    description: count === undefined ? undefined : String(count),
    icon: { id: 'git-pull-request' },
    contextValue: contextValue('pullRequests'),
  };
}

const refName = (ref: string | undefined) => (ref ?? '').replace(/^refs\/heads\//, '');

export function pullRequestView(c: Connection, p: PullRequest, now: number): ItemView {
  const url = consoleUrl(c, consoleLinks.pullRequest, p.repositoryName, p.id);
  const refs = p.sourceReference && p.destinationReference ? `${refName(p.sourceReference)} → ${refName(p.destinationReference)}` : '';
  return {
    label: `#${p.id} ${p.title}`,
    description: [refs, shortAuthor(p.authorArn), formatAge(p.created, now)].filter(Boolean).join(' · '),
    icon: { id: 'git-pull-request', color: 'charts.green' },
    tooltip: rows([
      `**$(git-pull-request) #${md(p.id)} ${md(p.title)}**`,
      refs && md(refs),
      p.description && md(p.description),
      p.authorArn && `Author: ${md(p.authorArn)}`,
      link('Open in AWS console', url),
    ]),
    contextValue: contextValue('pullRequest', { hasConsole: !!url }),
  };
}

function shortAuthor(arnOrName: string | undefined): string {
  if (!arnOrName) return '';
  return arnOrName.includes('/') ? arnOrName.slice(arnOrName.lastIndexOf('/') + 1) : arnOrName;
}

// ---------------------------------------------------------------- CodeBuild
export function projectView(c: Connection, p: BuildProject, last: Build | undefined): ItemView {
  const url = consoleUrl(c, consoleLinks.buildProject, p.name, undefined);
  const status = last?.status;
  const source = [p.sourceType, p.repositoryName ?? p.sourceLocation].filter(Boolean).join(': ');
  return {
    label: p.name,
    description: [source, p.branch, status ? `last: ${statusWord(status)}` : ''].filter(Boolean).join(' · ') || undefined,
    icon: status ? iconFor(status) : { id: 'tools' },
    tooltip: rows([
      `**$(tools) ${md(p.name)}**`,
      p.description && md(p.description),
      source && `Source: ${md(source)}${p.sourceVersion ? ` @ \`${p.sourceVersion}\`` : ''}`,
      last && `Last build: #${last.buildNumber ?? '?'} ${statusWord(last.status)}`,
      link('Open in AWS console', url),
    ]),
    contextValue: contextValue('project', { hasConsole: !!url, hasArn: !!p.arn, startable: true, failed: status === 'failed' }),
  };
}

export function buildView(c: Connection, b: Build, now: number): ItemView {
  const url = consoleUrl(c, consoleLinks.build, b.id, undefined);
  const status = b.status;
  const running = !b.complete && (status === 'running' || status === 'queued');
  const duration = durationOf(b.start, b.end, now);
  const failure = b.failure ?? (b.phases ?? []).filter((p) => p.status === 'failed').map((p) => ({ phase: p.type, message: p.messages.join(' ') }))[0];
  return {
    label: `#${b.buildNumber ?? '?'}`,
    description: [
      running && b.currentPhase ? b.currentPhase.toLowerCase() : statusWord(status),
      shortSha(b.sourceVersion),
      shortAuthor(b.initiator),
      running ? `${duration} elapsed` : duration,
    ]
      .filter(Boolean)
      .join(' · '),
    icon: iconFor(status),
    tooltip: rows([
      `**$(tools) ${md(b.projectName)} #${b.buildNumber ?? '?'}** — ${statusWord(status) || md(b.rawStatus)}`,
      b.sourceVersion &&
        `Source version: \`${b.sourceVersion}\`${b.resolvedSourceVersion && b.resolvedSourceVersion !== b.sourceVersion ? ` (\`${shortSha(b.resolvedSourceVersion)}\`)` : ''}`,
      b.initiator && `Started by ${md(b.initiator)}`,
      b.start !== undefined && `Started ${iso(b.start)}${duration ? ` · ${running ? 'elapsed' : 'took'} ${duration}` : ''}`,
      failure && `Failed in **${md(failure.phase)}**${failure.message ? `: ${md(failure.message)}` : ''}`,
      `Id: \`${b.id}\``,
      [link('Open in AWS console', url), link('Logs in CloudWatch', b.logs?.deepLink)].filter(Boolean).join(' · '),
    ]),
    contextValue: contextValue('build', {
      running,
      failed: status === 'failed',
      stoppable: running,
      retryable: !running,
      hasLogs: !!(b.logs?.deepLink || b.logs?.groupName || url),
      hasConsole: !!url,
      hasArn: !!b.arn,
    }),
  };
}

/**
 * A phase's status as shown. CodeBuild gives the COMPLETED phase neither a status nor an end time, and a phase a build
 * ended in may lack both: in a finished build such a phase takes the build's outcome (COMPLETED says how the build
 * ended) and never reads as running; a phase of a finished build is never active.
 */
export function phaseStatus(p: BuildPhase, build?: Pick<Build, 'complete' | 'status'>): RunStatus {
  const finished = !!build && (build.complete || !isActive(build.status));
  const outcome: RunStatus = build && !isActive(build.status) ? build.status : 'unknown';
  if (p.type === 'COMPLETED') return outcome;
  if (finished && isActive(p.status)) return outcome;
  return p.status;
}

export function phaseView(p: BuildPhase, now: number, build?: Pick<Build, 'complete' | 'status' | 'end'>): ItemView {
  const status = phaseStatus(p, build);
  const finished = !!build && (build.complete || !isActive(build.status));
  const completed = p.type === 'COMPLETED';
  const end = p.end ?? (finished ? (build?.end ?? p.start) : undefined);
  const duration = completed ? '' : p.durationSeconds !== undefined ? formatDuration(p.durationSeconds * 1000) : durationOf(p.start, end, now);
  const message = p.messages.filter(Boolean).join(' ');
  const word = completed && statusWord(status) ? `build ${statusWord(status)}` : statusWord(status);
  return {
    label: p.type,
    description: [status === 'failed' && message ? message : word, duration].filter(Boolean).join(' · ') || undefined,
    icon: iconFor(status),
    tooltip: rows([`**${md(p.type)}** — ${word || md(p.rawStatus)}`, duration && `Duration: ${duration}`, message && md(message)]),
    contextValue: contextValue('phase', { failed: status === 'failed' && !completed, running: isActive(status) }),
  };
}

// ---------------------------------------------------------------- CodeDeploy
export function applicationView(c: Connection, a: DeployApplication): ItemView {
  const url = consoleUrl(c, consoleLinks.deployApplication, a.name);
  return {
    label: a.name,
    description: a.computePlatform,
    icon: { id: 'server-environment' },
    tooltip: rows([`**${md(a.name)}**`, a.computePlatform && `Compute platform: ${a.computePlatform}`, link('Open in AWS console', url)]),
    contextValue: contextValue('application', { hasConsole: !!url }),
  };
}

function styleWord(type: string | undefined): string {
  return type === 'BLUE_GREEN' ? 'blue/green' : type === 'IN_PLACE' ? 'in place' : '';
}

export function deploymentGroupView(c: Connection, g: DeploymentGroup): ItemView {
  const url = consoleUrl(c, consoleLinks.deploymentGroup, g.applicationName, g.name);
  const last = g.lastAttempted?.status ? normaliseStatus(g.lastAttempted.status) : undefined;
  return {
    label: g.name,
    description: [styleWord(g.deploymentStyle?.type), g.deploymentConfigName, last ? `last: ${statusWord(last)}` : ''].filter(Boolean).join(' · ') || undefined,
    icon: { id: 'layers' },
    tooltip: rows([
      `**${md(g.applicationName)} / ${md(g.name)}**`,
      g.deploymentConfigName && `Configuration: ${md(g.deploymentConfigName)}`,
      g.computePlatform && `Compute platform: ${g.computePlatform}`,
      g.lastAttempted?.deploymentId && `Last deployment: \`${g.lastAttempted.deploymentId}\` ${md(g.lastAttempted.status)}`,
      link('Open in AWS console', url),
    ]),
    contextValue: contextValue('deploymentGroup', { hasConsole: !!url, startable: true }),
  };
}

export function overviewText(o: DeploymentOverview | undefined): string {
  if (!o) return '';
  const parts: string[] = [];
  if (o.Succeeded) parts.push(`${o.Succeeded} ok`);
  if (o.InProgress) parts.push(`${o.InProgress} running`);
  if (o.Pending) parts.push(`${o.Pending} pending`);
  if (o.Ready) parts.push(`${o.Ready} ready`);
  if (o.Failed) parts.push(`${o.Failed} failed`);
  if (o.Skipped) parts.push(`${o.Skipped} skipped`);
  return parts.join(', ');
}

export function deploymentView(c: Connection, d: Deployment, now: number): ItemView {
  const url = consoleUrl(c, consoleLinks.deployment, d.id);
  const status = d.waitingForContinue ? 'waiting' : d.status;
  const active = isActive(status);
  return {
    label: d.id,
    description: [d.waitingForContinue ? 'waiting to continue' : statusWord(status) || d.rawStatus, overviewText(d.overview), shortAuthor(d.creator), formatAge(d.created, now)]
      .filter(Boolean)
      .join(' · '),
    icon: iconFor(status),
    tooltip: rows([
      `**$(server-process) ${md(d.id)}** — ${md(d.rawStatus)}`,
      `${md(d.applicationName)} / ${md(d.deploymentGroupName)}${styleWord(d.deploymentStyle?.type) ? ` (${styleWord(d.deploymentStyle?.type)})` : ''}`,
      d.description && md(d.description),
      d.revision && `Revision: ${md(d.revision.label)}`,
      overviewText(d.overview) && `Targets: ${overviewText(d.overview)}`,
      d.error?.message && `**Error:** ${md(d.error.message)}`,
      d.created !== undefined && `Created ${iso(d.created)}${d.creator ? ` by ${md(d.creator)}` : ''} · ${durationOf(d.start ?? d.created, d.end, now)}`,
      link('Open in AWS console', url),
    ]),
    contextValue: contextValue('deployment', {
      running: active,
      failed: status === 'failed',
      stoppable: active,
      continuable: d.waitingForContinue,
      hasConsole: !!url,
    }),
  };
}

export function targetView(t: DeploymentTarget): ItemView {
  const failedEvent = t.failedEvent ?? t.lifecycleEvents.find((e) => e.status === 'failed');
  const current = t.lifecycleEvents.find((e) => e.status === 'running');
  return {
    label: t.instanceLabel ?? t.id,
    description: [statusWord(t.status) || t.rawStatus, current?.name, failedEvent ? `failed at ${failedEvent.name}` : ''].filter(Boolean).join(' · ') || undefined,
    icon: iconFor(t.status),
    tooltip: rows([`**${md(t.id)}** — ${md(t.rawStatus ?? t.status)}`, t.type && `Type: ${t.type}`, failedEvent?.diagnostics?.message && md(failedEvent.diagnostics.message)]),
    contextValue: contextValue('target', { failed: t.status === 'failed', running: isActive(t.status) }),
  };
}

export function lifecycleEventView(e: LifecycleEvent, now: number): ItemView {
  const d = e.diagnostics;
  return {
    label: e.name,
    description: [statusWord(e.status) || e.rawStatus, durationOf(e.start, e.end, now), e.status === 'failed' && d?.message ? firstLine(d.message) : ''].filter(Boolean).join(' · ') || undefined,
    icon: iconFor(e.status),
    tooltip: rows([
      `**${md(e.name)}** — ${md(e.rawStatus ?? e.status)}`,
      d?.errorCode && `Error code: \`${d.errorCode}\``,
      d?.scriptName && `Script: \`${d.scriptName}\``,
      d?.message && md(d.message),
      d?.logTail && `Log tail:\n\n\`\`\`\n${d.logTail.replace(/```/g, "'''")}\n\`\`\``,
    ]),
    contextValue: contextValue('lifecycleEvent', { failed: e.status === 'failed' }),
  };
}

// ---------------------------------------------------------------- CodePipeline
export function actionStatus(a: ActionState): RunStatus {
  return a.approvalToken && (a.status === 'running' || a.status === 'waiting') ? 'waiting' : a.status;
}

export function stageStatus(s: StageState): RunStatus {
  if (s.actions.some((a) => actionStatus(a) === 'waiting')) return 'waiting';
  return s.latestExecution?.status ?? 'unknown';
}

/** The word for a status, with the transitional raw statuses that normalise to another one (`Stopping` is `running`). */
export function runWord(status: RunStatus, raw?: string): string {
  return raw === 'Stopping' ? 'stopping' : statusWord(status);
}

/** What a pipeline node shows: its status (icon, polling, filters), the word for it, and the stage it is about. */
export interface PipelineRun {
  status: RunStatus;
  word: string;
  stage?: string;
}

/**
 * A pipeline's status is its latest execution's (`latest`, the newest of ListPipelineExecutions; without it, the
 * execution that last entered the first stage): an approval waiting anywhere wins, then the latest execution while it
 * runs or stops, then any other execution still running in a later stage, then how the latest execution ended.
 * A stage left over from an earlier execution never speaks for the pipeline (a stopped run is not "succeeded").
 */
export function pipelineRun(state: PipelineState | undefined, latest?: PipelineExecution): PipelineRun | undefined {
  const stages = state?.stages ?? [];
  if (stages.length === 0 && !latest) return undefined;
  const word = (s: StageState) => runWord(stageStatus(s), s.latestExecution?.rawStatus);
  const waiting = stages.find((s) => stageStatus(s) === 'waiting');
  if (waiting) return { status: 'waiting', word: 'waiting', stage: waiting.name };
  const latestId = latest?.id ?? stages[0]?.latestExecution?.executionId;
  const mine = latestId ? stages.filter((s) => s.latestExecution?.executionId === latestId) : [];
  const mineActive = [...mine].reverse().find((s) => isActive(stageStatus(s)));
  if (latest ? isActive(latest.status) : mineActive) {
    const status = latest?.status ?? stageStatus(mineActive!);
    const stage = mineActive ?? stages.find((s) => s.inboundExecutions.some((e) => e.executionId === latestId));
    return { status, word: latest ? runWord(latest.status, latest.rawStatus) : word(mineActive!), stage: stage?.name };
  }
  const other = stages.find((s) => isActive(stageStatus(s)));
  if (other) return { status: stageStatus(other), word: word(other), stage: other.name };
  if (latest) {
    const where = latest.status === 'failed' || latest.status === 'stopped' ? mine.find((s) => stageStatus(s) === latest.status) : undefined;
    return { status: latest.status, word: runWord(latest.status, latest.rawStatus) || latest.rawStatus.toLowerCase(), stage: where?.name };
  }
  const ended = mine.find((s) => stageStatus(s) === 'failed' || stageStatus(s) === 'stopped') ?? mine[mine.length - 1];
  if (ended) return { status: stageStatus(ended), word: word(ended), stage: stageStatus(ended) === 'succeeded' ? undefined : ended.name };
  const known = stages.filter((s) => stageStatus(s) !== 'unknown');
  const last = known[known.length - 1];
  return last ? { status: stageStatus(last), word: word(last) } : { status: 'unknown', word: '' };
}

/**
 * Whether a pipeline's state alone cannot tell how its latest execution (the one in the first stage) ended: none of
 * its stages runs, waits, failed or stopped, and it did not get through the last stage. Then only the execution
 * itself says whether it stopped between two stages, was superseded, or waits at a disabled transition.
 */
export function latestRunIsAmbiguous(state: PipelineState | undefined): boolean {
  const stages = state?.stages ?? [];
  const latestId = stages[0]?.latestExecution?.executionId;
  if (!latestId) return false;
  const mine = stages.filter((s) => s.latestExecution?.executionId === latestId);
  const tells = (st: RunStatus) => isActive(st) || st === 'waiting' || st === 'failed' || st === 'stopped';
  if (mine.some((s) => tells(stageStatus(s)))) return false;
  const last = stages[stages.length - 1];
  return !(last.latestExecution?.executionId === latestId && stageStatus(last) === 'succeeded');
}

/** A pipeline's overall status (see pipelineRun). */
export function pipelineStatus(state: PipelineState | undefined, latest?: PipelineExecution): RunStatus | undefined {
  return pipelineRun(state, latest)?.status;
}

export function pipelineView(c: Connection, p: PipelineSummary, state: PipelineState | undefined, latest?: PipelineExecution): ItemView {
  const url = consoleUrl(c, consoleLinks.pipeline, p.name);
  const run = pipelineRun(state, latest);
  const status = run?.status;
  const disabled = state?.stages.filter((s) => !s.inboundTransition.enabled).length ?? 0;
  return {
    label: p.name,
    description:
      [run?.word ?? '', run?.stage, disabled ? `${disabled} transition${disabled > 1 ? 's' : ''} disabled` : ''].filter(Boolean).join(' · ') || undefined,
    icon: status ? iconFor(status) : { id: 'rocket' },
    tooltip: rows([
      `**$(rocket) ${md(p.name)}**${run?.word ? ` — ${run.word}` : ''}`,
      latest && `Latest execution: \`${latest.id}\` ${md(latest.rawStatus)}${latest.stopReason ? ` (${md(latest.stopReason)})` : ''}`,
      state && state.stages.map((s) => `$(${iconFor(stageStatus(s)).id.replace('~spin', '')}) ${md(s.name)}${s.inboundTransition.enabled ? '' : ' (transition disabled)'}`).join('  \n'),
      p.pipelineType && `Type: ${p.pipelineType}${p.version !== undefined ? ` · version ${p.version}` : ''}`,
      link('Open in AWS console', url),
    ]),
    contextValue: contextValue('pipeline', { running: status !== undefined && isActive(status), failed: status === 'failed', startable: true, hasConsole: !!url }),
  };
}

export function stageView(s: StageState): ItemView {
  const status = stageStatus(s);
  const failed = status === 'failed';
  const t = s.inboundTransition;
  return {
    label: s.name,
    description: [runWord(status, s.latestExecution?.rawStatus), t.enabled ? '' : 'transition disabled', s.inboundExecutions.length ? `${s.inboundExecutions.length} waiting to enter` : ''].filter(Boolean).join(' · ') || undefined,
    icon: iconFor(status),
    tooltip: rows([
      `**${md(s.name)}** — ${runWord(status, s.latestExecution?.rawStatus) || 'not run'}`,
      !t.enabled && `Inbound transition disabled${t.disabledReason ? `: ${md(t.disabledReason)}` : ''}${t.lastChangedBy ? ` (by ${md(t.lastChangedBy)})` : ''}`,
      s.latestExecution && `Execution: \`${s.latestExecution.executionId}\``,
    ]),
    contextValue: contextValue('stage', {
      running: isActive(status),
      failed,
      retryable: failed && !!s.latestExecution,
      transitionEnabled: t.enabled,
      transitionDisabled: !t.enabled,
    }),
  };
}

export function actionView(a: ActionState, now: number): ItemView {
  const status = actionStatus(a);
  const word = status === 'waiting' ? 'waiting for approval' : statusWord(status);
  return {
    label: a.name,
    description: [word, firstLine(a.error?.message ?? a.summary), formatAge(a.lastStatusChange, now)].filter(Boolean).join(' · ') || undefined,
    icon: iconFor(status),
    tooltip: rows([
      `**${md(a.name)}** — ${word || 'not run'}`,
      a.summary && md(a.summary),
      a.error?.message && `**Error:** ${md(a.error.message)}`,
      a.currentRevision && `Revision: \`${a.currentRevision}\``,
      [link('Details', a.externalExecutionUrl), link('Resource', a.entityUrl), link('Revision', a.revisionUrl)].filter(Boolean).join(' · '),
    ]),
    contextValue: contextValue('action', { running: isActive(status), failed: status === 'failed', approvable: status === 'waiting' && !!a.approvalToken }),
  };
}

export function historyView(): ItemView {
  return { label: 'History', icon: { id: 'history' }, tooltip: 'Recent executions, newest first', contextValue: contextValue('history') };
}

export function executionView(c: Connection, e: PipelineExecution, now: number): ItemView {
  const url = consoleUrl(c, consoleLinks.pipelineExecution, e.pipelineName, e.id);
  const rev = e.sourceRevisions[0];
  const running = e.status === 'running';
  return {
    label: firstLine(rev?.revisionSummary) || e.id,
    description: [
      runWord(e.status, e.rawStatus) || e.rawStatus,
      e.trigger?.type,
      shortSha(rev?.revisionId),
      running ? `${durationOf(e.start, undefined, now)} elapsed` : durationOf(e.start, e.lastUpdate, now),
    ]
      .filter(Boolean)
      .join(' · '),
    icon: iconFor(e.status),
    tooltip: rows([
      `**$(rocket) ${md(e.pipelineName)}** execution \`${e.id}\` — ${md(e.rawStatus)}`,
      e.trigger?.type && `Trigger: ${md(e.trigger.type)}${e.trigger.detail ? ` (${md(e.trigger.detail)})` : ''}`,
      ...e.sourceRevisions.map((r) => `${md(r.actionName)}: \`${shortSha(r.revisionId)}\` ${md(firstLine(r.revisionSummary))} ${link('view', r.revisionUrl)}`),
      e.statusSummary && md(e.statusSummary),
      e.stopReason && `Stop reason: ${md(e.stopReason)}`,
      e.start !== undefined && `Started ${iso(e.start)}`,
      link('Open in AWS console', url),
    ]),
    contextValue: contextValue('execution', { running, failed: e.status === 'failed', stoppable: running, hasConsole: !!url }),
  };
}

export function approvalView(a: PendingApproval, now: number, connection?: Connection): ItemView {
  const age = formatAge(a.since, now);
  return {
    label: `${a.pipelineName} › ${a.stageName} › ${a.actionName}`,
    description: [age && age !== 'just now' ? `waiting ${age.replace(/ ago$/, '')}` : 'waiting', connection ? connectionView(connection).label : ''].filter(Boolean).join(' · '),
    icon: iconFor('waiting'),
    tooltip: rows([
      `**$(bell) Approval waiting:** ${md(a.pipelineName)} › ${md(a.stageName)} › ${md(a.actionName)}`,
      a.summary && md(a.summary),
      a.configuration?.CustomData && md(a.configuration.CustomData),
      a.since !== undefined && `Since ${iso(a.since)}`,
      link('Review link', a.configuration?.ExternalEntityLink ?? a.externalExecutionUrl),
    ]),
    contextValue: contextValue('approval', { approvable: true }),
  };
}

// ---------------------------------------------------------------- filters
export interface FilterState {
  text: string;
  onlyFailing: boolean;
  onlyMine: boolean;
}

export const NO_FILTER: FilterState = { text: '', onlyFailing: false, onlyMine: false };

export function filterDescription(f: FilterState): string | undefined {
  const parts: string[] = [];
  if (f.text) parts.push(`“${f.text}”`);
  if (f.onlyFailing) parts.push('only failing');
  if (f.onlyMine) parts.push('only mine');
  return parts.length ? `filter: ${parts.join(' · ')}` : undefined;
}

export function isFiltered(f: FilterState): boolean {
  return !!f.text || f.onlyFailing || f.onlyMine;
}

/** Case-insensitive substring match on any of the given fields. */
export function matchesText(f: FilterState, ...fields: (string | undefined)[]): boolean {
  if (!f.text) return true;
  const needle = f.text.toLowerCase();
  return fields.some((x) => x !== undefined && x.toLowerCase().includes(needle));
}

/** "Only mine": the initiator/creator names `me` (an IAM user/role name or ARN fragment), case-insensitive. */
export function isMine(me: string | undefined, who: string | undefined): boolean {
  if (!me) return true;
  return !!who && who.toLowerCase().includes(me.toLowerCase());
}

// ---------------------------------------------------------------- errors
/** What an error node shows, and the next step its click runs. */
export interface ErrorView extends ItemView {
  next?: { title: string; command: string; args?: unknown[] };
}

interface ErrorLike {
  kind?: string;
  message?: string;
  operation?: string;
  details?: { ssoLoginRequired?: boolean; expired?: boolean; requestId?: string };
}

/**
 * An error as a node: what failed, why, and the next step (sign in, open the Sandbox, add a connection, retry). With
 * `staleSince`, the node heads last good data ("showing data from 10:42").
 */
export function errorView(error: unknown, c: Connection | undefined, commands: { refresh: string; signIn: string; openSandbox: string; addConnection: string }, staleSince?: number): ErrorView {
  const e = (typeof error === 'object' && error ? error : { message: String(error) }) as ErrorLike;
  const message = e.message || 'Unknown error';
  let label: string;
  let next: ErrorView['next'] = { title: 'Retry', command: commands.refresh };
  switch (e.kind) {
    case 'credentials':
      if (e.details?.ssoLoginRequired || e.details?.expired) {
        label = e.details?.expired ? 'Credentials expired: sign in again' : 'Sign in with AWS SSO';
        next = { title: 'Sign in', command: commands.signIn, args: c ? [c.profile] : [] };
      } else label = 'No usable credentials';
      break;
    case 'accessDenied':
      label = 'Access denied';
      break;
    case 'network':
      label = c && isSandbox(c) ? 'The Sandbox is not running: click to start it' : 'Endpoint unreachable';
      if (c && isSandbox(c)) next = { title: 'Open Sandbox Account', command: commands.openSandbox };
      break;
    case 'throttled':
      label = 'Throttled by AWS: retrying later';
      break;
    case 'notFound':
      label = 'Not found (deleted?)';
      break;
    default:
      label = 'Could not load';
  }
  const when = staleSince !== undefined ? new Date(staleSince).toTimeString().slice(0, 5) : undefined;
  return {
    label: when ? `Showing data from ${when}: ${label.toLowerCase()}` : label,
    description: message,
    icon: when ? { id: 'history', color: 'list.warningForeground' } : { id: 'warning', color: 'list.errorForeground' },
    tooltip: rows([`**${md(label)}**`, md(message), e.details?.requestId && `Request id: \`${e.details.requestId}\``, next && `Click to: ${md(next.title)}`]),
    contextValue: contextValue(when ? 'stale' : 'error'),
    next,
  };
}
