// Reading the Explorer's trees in the in-host tests: a node's TreeItem, its kind (the first contextValue token), its
// label, and walks over a provider's levels.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExplorerNode, ExplorerProvider } from '../../src/views/explorerProvider';

export function item(n: ExplorerNode): vscode.TreeItem {
  return n.treeItem();
}

export function kind(n: ExplorerNode): string {
  return String(item(n).contextValue ?? '').split(' ')[0];
}

/** Whether the node's contextValue carries `flag` (e.g. `stoppable`). */
export function has(n: ExplorerNode, flag: string): boolean {
  return String(item(n).contextValue ?? '').split(' ').includes(flag);
}

export function label(n: ExplorerNode): string {
  const l = item(n).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

export async function children(p: ExplorerProvider, n?: ExplorerNode): Promise<ExplorerNode[]> {
  return p.getChildren(n);
}

/** Walks a view to `depth`, returning every node (Load more and message nodes are not expanded). */
export async function walk(p: ExplorerProvider, depth: number, n?: ExplorerNode): Promise<ExplorerNode[]> {
  const out: ExplorerNode[] = [];
  for (const child of await children(p, n)) {
    out.push(child);
    if (depth > 1 && item(child).collapsibleState !== vscode.TreeItemCollapsibleState.None) out.push(...(await walk(p, depth - 1, child)));
  }
  return out;
}

export async function find(p: ExplorerProvider, depth: number, test: (n: ExplorerNode) => boolean, what: string): Promise<ExplorerNode> {
  const n = (await walk(p, depth)).find(test);
  assert.ok(n, `found ${what}`);
  return n;
}
