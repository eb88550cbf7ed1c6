import * as vscode from 'vscode';
import { ViewIds, type ViewKey } from '../constants';
import { Disposable } from '../disposable';

/** A view with no connection yet: no children, so its viewsWelcome content shows. */
class EmptyTreeProvider implements vscode.TreeDataProvider<never> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }
  getChildren(): never[] {
    return [];
  }
  refresh(): void {
    this.changed.fire();
  }
  dispose(): void {
    this.changed.dispose();
  }
}

export class Views extends Disposable {
  private readonly providers = new Map<ViewKey, EmptyTreeProvider>();

  constructor() {
    super();
    for (const key of Object.keys(ViewIds) as ViewKey[]) {
      const provider = this._register(new EmptyTreeProvider());
      this.providers.set(key, provider);
      this._register(vscode.window.createTreeView(ViewIds[key], { treeDataProvider: provider, showCollapseAll: key !== 'approvals' }));
    }
  }

  refreshAll(): void {
    for (const p of this.providers.values()) p.refresh();
  }
}

export function registerViews(): Views {
  return new Views();
}
