import * as vscode from 'vscode';
import { addConnection, openSandbox, removeConnection, signIn, switchRegion } from '../connections/connectionCommands';
import type { SandboxLauncher, SandboxLaunchOptions } from '../connections/sandboxLauncher';
import { CommandIds } from '../constants';
import type { ExplorerNode } from '../views/explorerProvider';
import { openBuildLogs, retryBuild, startBuild, stopBuild } from './buildCommands';
import type { CommandContext } from './context';
import { continueDeployment, createDeployment, revealDeployment, stopDeployment } from './deploymentCommands';
import { copy, filterView, loadMore, openInConsole } from './explorerCommands';
import { answerApproval, retryStage, setTransition, startExecution, stopExecution } from './pipelineCommands';
import { cloneRepository, copyCloneUrl } from './repositoryCommands';

type Handler = (node?: ExplorerNode) => unknown;

/** The Explorer's commands: one line per command (the pipeline panel registers its own Open Pipeline Panel). */
export function registerCommands(ctx: CommandContext, sandbox: { launcher: SandboxLauncher; options: () => Omit<SandboxLaunchOptions, 'preferredPort'> }): vscode.Disposable {
  const table: [string, Handler][] = [
    // connections
    [CommandIds.addConnection, () => addConnection(ctx)],
    [CommandIds.removeConnection, (n) => removeConnection(ctx, n, sandbox.launcher)],
    [CommandIds.switchRegion, (n) => switchRegion(ctx, n)],
    [CommandIds.signIn, (profile) => signIn(typeof profile === 'string' ? profile : undefined)],
    [CommandIds.openSandbox, () => openSandbox(ctx, sandbox.launcher, sandbox.options)],
    [CommandIds.refresh, () => ctx.views.refreshAll()],
    // explorer
    [CommandIds.filterRepositories, () => filterView(ctx, 'repositories')],
    [CommandIds.filterBuilds, () => filterView(ctx, 'builds')],
    [CommandIds.filterDeployments, () => filterView(ctx, 'deployments')],
    [CommandIds.filterPipelines, () => filterView(ctx, 'pipelines')],
    [CommandIds.filterApprovals, () => filterView(ctx, 'approvals')],
    [CommandIds.loadMore, (n) => loadMore(ctx, n)],
    [CommandIds.openInConsole, (n) => openInConsole(ctx, n)],
    [CommandIds.copyId, (n) => copy(ctx, 'ID', n)],
    [CommandIds.copyArn, (n) => copy(ctx, 'ARN', n)],
    // CodeBuild
    [CommandIds.startBuild, (n) => startBuild(ctx, n)],
    [CommandIds.stopBuild, (n) => stopBuild(ctx, n)],
    [CommandIds.retryBuild, (n) => retryBuild(ctx, n)],
    [CommandIds.openBuildLogs, (n) => openBuildLogs(ctx, n)],
    // CodePipeline
    [CommandIds.startExecution, (n) => startExecution(ctx, n)],
    [CommandIds.stopExecution, (n) => stopExecution(ctx, n)],
    [CommandIds.retryStage, (n) => retryStage(ctx, n)],
    [CommandIds.approve, (n) => answerApproval(ctx, true, n)],
    [CommandIds.reject, (n) => answerApproval(ctx, false, n)],
    [CommandIds.enableTransition, (n) => setTransition(ctx, true, n)],
    [CommandIds.disableTransition, (n) => setTransition(ctx, false, n)],
    // CodeDeploy
    [CommandIds.createDeployment, (n) => createDeployment(ctx, n)],
    [CommandIds.stopDeployment, (n) => stopDeployment(ctx, n)],
    [CommandIds.continueDeployment, (n) => continueDeployment(ctx, n)],
    [CommandIds.revealDeployment, (...args: unknown[]) => revealDeployment(ctx, ...args)],
    // CodeCommit
    [CommandIds.cloneRepository, (n) => cloneRepository(ctx, n)],
    [CommandIds.copyCloneUrl, (n) => copyCloneUrl(ctx, n)],
  ];
  return vscode.Disposable.from(...table.map(([id, handler]) => vscode.commands.registerCommand(id, handler)));
}
