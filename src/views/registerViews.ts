import * as vscode from 'vscode';
import { ViewIds, type ViewKey } from '../constants';
import { Disposable } from '../disposable';
import type { RefreshScheduler } from '../refresh/scheduler';
import { ApprovalsProvider } from './approvalsView';
import { BuildsProvider } from './buildsView';
import { DeploymentsProvider } from './deploymentsView';
import type { ExplorerNode, ExplorerProvider, ExplorerServices } from './explorerProvider';
import { PipelinesProvider } from './pipelinesView';
import { RepositoriesProvider } from './repositoriesView';

/** The five views of the AWS DevTools container: one provider and one TreeView each, wired to the scheduler. */
export class Views extends Disposable {
  readonly repositories: RepositoriesProvider;
  readonly builds: BuildsProvider;
  readonly deployments: DeploymentsProvider;
  readonly pipelines: PipelinesProvider;
  readonly approvals: ApprovalsProvider;
  readonly treeViews = new Map<ViewKey, vscode.TreeView<ExplorerNode>>();

  constructor(services: ExplorerServices, scheduler: RefreshScheduler) {
    super();
    this.repositories = this._register(new RepositoriesProvider(services));
    this.builds = this._register(new BuildsProvider(services));
    this.deployments = this._register(new DeploymentsProvider(services));
    this.pipelines = this._register(new PipelinesProvider(services));
    this.approvals = this._register(new ApprovalsProvider(services));
    for (const provider of this.all) {
      const view = this._register(vscode.window.createTreeView(ViewIds[provider.key], { treeDataProvider: provider, showCollapseAll: provider.key !== 'approvals' }));
      provider.treeView = view;
      this.treeViews.set(provider.key, view);
      // The scheduler polls a view's watches only while the view is visible.
      scheduler.setVisible(provider.key, view.visible);
      this._register(view.onDidChangeVisibility((e) => scheduler.setVisible(provider.key, e.visible)));
    }
    this._register({ dispose: () => this.all.forEach((p) => scheduler.setVisible(p.key, false)) });
    // A change seen in one view that others show too.
    this.pipelines.onApprovalsChanged = (c) => this.approvals.touched(c);
  }

  get all(): ExplorerProvider[] {
    return [this.repositories, this.builds, this.deployments, this.pipelines, this.approvals];
  }

  provider(key: ViewKey): ExplorerProvider {
    return this.all.find((p) => p.key === key)!;
  }

  refreshAll(): void {
    for (const p of this.all) p.refresh();
  }
}

export function registerViews(services: ExplorerServices, scheduler: RefreshScheduler): Views {
  return new Views(services, scheduler);
}
