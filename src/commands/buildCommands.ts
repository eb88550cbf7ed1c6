import * as vscode from 'vscode';
import { validateEnvironmentVariableName, validateEnvironmentVariableValue, validateSourceVersion, ENVIRONMENT_VARIABLE_TYPES } from '../aws/validation';
import type { EnvironmentVariable } from '../model/codebuild';
import { CommandIds } from '../constants';
import { isSandbox, type Connection } from '../model/connection';
import { consoleLinks } from '../model/consoleLinks';
import { BuildNode, ProjectNode } from '../views/buildsView';
import type { ExplorerNode } from '../views/explorerProvider';
import { ask, confirm, pickConnection, where, withProgress, type CommandContext } from './context';
import { openExternalUrl } from './externalLinks';

/** What a person typed into Start Build, kept for Retry. */
export interface StartBuildDraft {
  project?: string;
  sourceVersion?: string;
  env?: EnvironmentVariable[];
}

/** Parses `NAME=value` (PLAINTEXT) or `NAME:TYPE=value`; returns the problem or the variable. */
export function parseEnvOverride(text: string): EnvironmentVariable | string {
  const m = /^([^=:\s]+)(?::([A-Z_]+))?=(.*)$/s.exec(text.trim());
  if (!m) return "Write NAME=value (or NAME:PARAMETER_STORE=/path, NAME:SECRETS_MANAGER=arn).";
  const [, name, type = 'PLAINTEXT', value] = m;
  const nameProblem = validateEnvironmentVariableName(name);
  if (nameProblem) return nameProblem;
  if (!(ENVIRONMENT_VARIABLE_TYPES as readonly string[]).includes(type)) return `Environment variable type must be one of ${ENVIRONMENT_VARIABLE_TYPES.join(', ')}.`;
  return validateEnvironmentVariableValue(value, type) ?? { name: name, value: value, type };
}

export async function startBuild(ctx: CommandContext, node?: ExplorerNode, draft: StartBuildDraft = {}): Promise<void> {
  const c = await pickConnection(ctx, node, 'Start Build');
  if (!c) return;
  let project = node instanceof ProjectNode ? node.project.name : draft.project;
  let defaultVersion = node instanceof ProjectNode ? node.project.sourceVersion : undefined;
  if (!project) {
    const pick = await ctx.ui.showQuickPick(
      ctx.backend.listProjects(c).then((p) => p.items.map((x) => ({ label: x.name, description: x.branch ?? x.sourceVersion, version: x.sourceVersion }))),
      { title: 'Start Build: project', placeHolder: 'Build project' },
    );
    if (!pick) return;
    project = pick.label;
    defaultVersion = pick.version;
  }
  const sourceVersion = await ask(ctx, {
    title: `Start Build: ${project}`,
    prompt: 'Source version: a branch, tag or commit id (empty: the project default)',
    value: draft.sourceVersion ?? '',
    placeHolder: defaultVersion ?? 'main',
    validate: validateSourceVersion,
  });
  if (sourceVersion === undefined) return;
  const envText = await ask(ctx, {
    title: `Start Build: ${project}`,
    prompt: 'Environment variable overrides, optional: NAME=value, separated by ";" (NAME:PARAMETER_STORE=/path for other types)',
    value: (draft.env ?? []).map((v) => `${v.name}${v.type === 'PLAINTEXT' ? '' : `:${v.type}`}=${v.value}`).join('; '),
    validate: (text) => {
      for (const part of splitEnv(text)) {
        const r = parseEnvOverride(part);
        if (typeof r === 'string') return `'${part}': ${r}`;
      }
      return undefined;
    },
  });
  if (envText === undefined) return;
  const env = splitEnv(envText).map((p) => parseEnvOverride(p) as EnvironmentVariable);
  const typed: StartBuildDraft = { project, sourceVersion, env };
  const build = await withProgress(
    ctx,
    `Starting a build of ${project}${where(ctx, c)}`,
    () => ctx.backend.startBuild(c, project, { sourceVersion: sourceVersion || undefined, environmentVariablesOverride: env.length ? env : undefined }),
    () => startBuild(ctx, node, typed),
  );
  if (!build) return;
  ctx.views.builds.upsert(c, build);
  void ctx.ui.showInformationMessage(`Build ${project} #${build.buildNumber ?? ''} started.`);
}

function splitEnv(text: string): string[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

export async function stopBuild(ctx: CommandContext, node?: ExplorerNode): Promise<void> {
  if (!(node instanceof BuildNode)) return;
  const { connection: c, build } = node;
  const label = `${build.projectName} #${build.buildNumber ?? ''}`;
  if (!(await confirm(ctx, `Stop build ${label}?`, `The build stops at its current phase${where(ctx, c)}.`, 'Stop Build'))) return;
  const stopped = await withProgress(ctx, `Stopping build ${label}`, () => ctx.backend.stopBuild(c, build.id), () => stopBuild(ctx, node));
  if (stopped) ctx.views.builds.upsert(c, stopped.id ? stopped : build);
}

export async function retryBuild(ctx: CommandContext, node?: ExplorerNode): Promise<void> {
  if (!(node instanceof BuildNode)) return;
  const { connection: c, build } = node;
  const started = await withProgress(ctx, `Retrying build ${build.projectName} #${build.buildNumber ?? ''}`, () => ctx.backend.retryBuild(c, build.id), () => retryBuild(ctx, node));
  if (started) {
    ctx.views.builds.upsert(c, started);
    void ctx.ui.showInformationMessage(`Build ${started.projectName} #${started.buildNumber ?? ''} started (retry of #${build.buildNumber ?? ''}).`);
  }
}

/** Opens the build's log: the build-log document (awsDevTools.build.openLog) when registered, else CodeBuild's CloudWatch link. */
export async function openBuildLogs(ctx: CommandContext, node?: ExplorerNode): Promise<void> {
  if (!(node instanceof BuildNode)) return;
  if ((await vscode.commands.getCommands(true)).includes(CommandIds.openBuildLog)) {
    await vscode.commands.executeCommand(CommandIds.openBuildLog, { connection: node.connection, buildId: node.build.id, build: node.build });
    return;
  }
  const url = buildLogUrl(node.connection, node.build);
  if (!url) {
    void ctx.ui.showInformationMessage(`No log link for ${node.build.projectName} #${node.build.buildNumber ?? ''} yet.`);
    return;
  }
  // deepLink is CodeBuild's own URL; the others are built console URLs (buildLogUrl says which).
  await openExternalUrl(url, url === node.build.logs.deepLink ? 'service' : 'console', (m) => ctx.log(m));
}

export function buildLogUrl(c: Connection, b: BuildNode['build']): string | undefined {
  if (b.logs.deepLink && /^https:\/\//.test(b.logs.deepLink) && !isSandbox(c)) return b.logs.deepLink;
  if (isSandbox(c)) return undefined;
  if (b.logs.groupName && b.logs.streamName) return consoleLinks.buildLog(c.region, b.logs.groupName, b.logs.streamName);
  return consoleLinks.build(c.region, b.id);
}
