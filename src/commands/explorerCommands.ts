import * as vscode from 'vscode';
import type { ViewKey } from '../constants';
import { consoleLinks } from '../model/consoleLinks';
import { ApprovalNode } from '../views/approvalsView';
import { BuildNode, ProjectNode } from '../views/buildsView';
import { ApplicationNode, DeploymentGroupNode, DeploymentNode } from '../views/deploymentsView';
import { LoadMoreNode, type ExplorerNode } from '../views/explorerProvider';
import { ActionNode, ExecutionNode, PipelineNode, StageNode } from '../views/pipelinesView';
import { consoleUrl, NO_FILTER, type FilterState } from '../views/presentation';
import { CommitNode, PullRequestNode, RepositoryNode } from '../views/repositoriesView';
import { errorMessage, type CommandContext } from './context';
import { openExternalUrl } from './externalLinks';

/** Which filters fit each view. */
const FILTERS: Record<ViewKey, { onlyFailing: boolean; onlyMine: boolean; what: string }> = {
  repositories: { onlyFailing: false, onlyMine: false, what: 'repositories whose name or description contains' },
  builds: { onlyFailing: true, onlyMine: true, what: 'projects whose name, source repository or description contains' },
  deployments: { onlyFailing: true, onlyMine: true, what: 'applications whose name contains' },
  pipelines: { onlyFailing: true, onlyMine: false, what: 'pipelines whose name contains' },
  approvals: { onlyFailing: false, onlyMine: false, what: 'approvals whose pipeline, stage or action name contains' },
};

/** A view's filter: text, then the toggles that fit it (only failing, only mine); "Clear" resets it. */
export async function filterView(ctx: CommandContext, key: ViewKey): Promise<void> {
  const provider = ctx.views.provider(key);
  const current = provider.filter;
  const fits = FILTERS[key];
  const text = await ctx.ui.showInputBox({ title: `Filter ${key}`, prompt: `Show only ${fits.what} (empty: all)`, value: current.text });
  if (text === undefined) return;
  const next: FilterState = { ...NO_FILTER, text: text.trim() };
  if (fits.onlyFailing || fits.onlyMine) {
    const items = [
      ...(fits.onlyFailing ? [{ label: 'Only failing', picked: current.onlyFailing, flag: 'onlyFailing' as const }] : []),
      ...(fits.onlyMine ? [{ label: 'Only mine', description: 'started by awsDevTools.explorer.myIdentity', picked: current.onlyMine, flag: 'onlyMine' as const }] : []),
    ];
    const picks = (await ctx.ui.showQuickPick(items, { title: `Filter ${key}`, canPickMany: true, placeHolder: 'Also show only…' })) as unknown as typeof items | undefined;
    if (picks === undefined) return;
    for (const p of Array.isArray(picks) ? picks : [picks]) next[p.flag] = true;
  }
  provider.setFilter(next);
}

export async function loadMore(ctx: CommandContext, node?: ExplorerNode): Promise<void> {
  if (!(node instanceof LoadMoreNode)) return;
  try {
    await node.provider.loadMore(node);
  } catch (e) {
    void ctx.ui.showErrorMessage(`Could not load more: ${errorMessage(e)}`, 'Retry').then((a) => {
      if (a === 'Retry') void loadMore(ctx, node);
    });
  }
}

/** The AWS console page of a node (the service's own link where it gives one). */
export function consoleUrlOf(node: ExplorerNode | undefined): string | undefined {
  if (!node?.connection) return undefined;
  const c = node.connection;
  if (node instanceof RepositoryNode) return consoleUrl(c, consoleLinks.repository, node.repository.name);
  if (node instanceof CommitNode) return consoleUrl(c, consoleLinks.commit, node.repository, node.commit.id);
  if (node instanceof PullRequestNode) return consoleUrl(c, consoleLinks.pullRequest, node.pullRequest.repositoryName, node.pullRequest.id);
  if (node instanceof ProjectNode) return consoleUrl(c, consoleLinks.buildProject, node.project.name, undefined);
  if (node instanceof BuildNode) return consoleUrl(c, consoleLinks.build, node.build.id, undefined);
  if (node instanceof ApplicationNode) return consoleUrl(c, consoleLinks.deployApplication, node.application.name);
  if (node instanceof DeploymentGroupNode) return consoleUrl(c, consoleLinks.deploymentGroup, node.group.applicationName, node.group.name);
  if (node instanceof DeploymentNode) return consoleUrl(c, consoleLinks.deployment, node.deployment.id);
  if (node instanceof PipelineNode) return consoleUrl(c, consoleLinks.pipeline, node.name);
  if (node instanceof ExecutionNode) return consoleUrl(c, consoleLinks.pipelineExecution, node.pipelineName, node.execution.id);
  if (node instanceof ApprovalNode) return consoleUrl(c, consoleLinks.pipeline, node.pipelineName);
  if (node instanceof ActionNode) return node.action.externalExecutionUrl ?? node.action.entityUrl;
  return undefined;
}

export async function openInConsole(ctx: CommandContext, node?: ExplorerNode): Promise<void> {
  const url = consoleUrlOf(node);
  if (!url) {
    void ctx.ui.showInformationMessage('This item has no AWS console page (the Sandbox account has no console).');
    return;
  }
  // An action's URL is the service's own (entityUrl, externalExecutionUrl): any https host; the rest are console URLs.
  if (!(await openExternalUrl(url, node instanceof ActionNode ? 'service' : 'console', (m) => ctx.log(m)))) {
    void ctx.ui.showInformationMessage('This item has no link that can be opened safely (only https links are opened).');
  }
}

export function idOf(node: ExplorerNode | undefined): string | undefined {
  if (node instanceof BuildNode) return node.build.id;
  if (node instanceof DeploymentNode) return node.deployment.id;
  if (node instanceof ExecutionNode) return node.execution.id;
  if (node instanceof CommitNode) return node.commit.id;
  if (node instanceof PullRequestNode) return node.pullRequest.id;
  if (node instanceof StageNode) return node.stage.latestExecution?.executionId;
  if (node instanceof ActionNode) return node.action.actionExecutionId ?? node.action.externalExecutionId;
  if (node instanceof ApprovalNode) return node.approval.token;
  return undefined;
}

export function arnOf(node: ExplorerNode | undefined): string | undefined {
  if (node instanceof BuildNode) return node.build.arn;
  if (node instanceof ProjectNode) return node.project.arn;
  if (node instanceof RepositoryNode) return node.repository.arn;
  return undefined;
}

export async function copy(ctx: CommandContext, what: 'ID' | 'ARN', node?: ExplorerNode): Promise<void> {
  const value = what === 'ID' ? idOf(node) : arnOf(node);
  if (!value) return;
  await vscode.env.clipboard.writeText(value);
  void ctx.ui.showInformationMessage(`Copied ${what} ${value}`);
}
