import * as vscode from 'vscode';
import type { ConnectionStore } from '../connections/connectionStore';
import { CommandIds, ViewIds, type ViewKey } from '../constants';
import { Disposable } from '../disposable';
import { connectionKey, sameConnection, type Connection } from '../model/connection';
import { shouldBackOff, type PollTarget, type RefreshScheduler } from '../refresh/scheduler';
import type { ExplorerBackend, Page } from './backend';
import { DataCache, type Loaded, type PagedValue } from './dataCache';
import { connectionView, errorView, filterDescription, NO_FILTER, type FilterState, type IconView, type ItemView } from './presentation';

/** What every provider is built with (passed in by the composition root). */
export interface ExplorerServices {
  backend: ExplorerBackend;
  connections: ConnectionStore;
  scheduler: RefreshScheduler;
  now(): number;
  /** The "only mine" identity (setting awsDevTools.explorer.myIdentity). */
  myIdentity(): string;
  log(message: string): void;
}

export const ERROR_COMMANDS = {
  refresh: CommandIds.refresh,
  signIn: CommandIds.signIn,
  openSandbox: CommandIds.openSandbox,
  addConnection: CommandIds.addConnection,
};

/** One tree item; subclasses are one per kind of node. `id` is stable across refreshes (expansion survives). */
export abstract class ExplorerNode {
  abstract readonly id: string;
  abstract readonly connection: Connection | undefined;
  /** The node whose children this one was returned as (undefined for a root): the provider's getParent. */
  parent: ExplorerNode | undefined;
  abstract treeItem(): vscode.TreeItem;
  children(): Promise<ExplorerNode[]> {
    return Promise.resolve([]);
  }
}

export function toTreeItem(id: string, view: ItemView, collapsible: vscode.TreeItemCollapsibleState): vscode.TreeItem {
  const item = new vscode.TreeItem(view.label, collapsible);
  item.id = id;
  item.description = view.description;
  item.contextValue = view.contextValue;
  if (view.icon) item.iconPath = themeIcon(view.icon);
  if (view.tooltip) {
    const tip = new vscode.MarkdownString(view.tooltip, true);
    tip.isTrusted = false;
    item.tooltip = tip;
  }
  return item;
}

export function themeIcon(icon: IconView): vscode.ThemeIcon {
  return icon.color ? new vscode.ThemeIcon(icon.id, new vscode.ThemeColor(icon.color)) : new vscode.ThemeIcon(icon.id);
}

/** An error, stale-data or empty node: what happened and, on click, the next step. */
export class MessageNode extends ExplorerNode {
  constructor(
    override readonly id: string,
    override readonly connection: Connection | undefined,
    private readonly view: ItemView,
    private readonly command?: vscode.Command,
  ) {
    super();
  }

  static error(parentId: string, c: Connection | undefined, error: unknown, staleSince?: number): MessageNode {
    const v = errorView(error, c, ERROR_COMMANDS, staleSince);
    const command = v.next ? { title: v.next.title, command: v.next.command, arguments: v.next.args } : undefined;
    return new MessageNode(`${parentId}/${staleSince !== undefined ? 'stale' : 'error'}`, c, v, command);
  }

  static empty(parentId: string, c: Connection | undefined, label: string, next?: vscode.Command): MessageNode {
    return new MessageNode(`${parentId}/empty`, c, { label, icon: { id: 'info' }, contextValue: 'empty', tooltip: next ? `Click to: ${next.title}` : undefined }, next);
  }

  get label(): string {
    return this.view.label;
  }

  get kind(): string {
    return this.view.contextValue.split(' ')[0];
  }

  override treeItem(): vscode.TreeItem {
    const item = toTreeItem(this.id, this.view, vscode.TreeItemCollapsibleState.None);
    item.command = this.command;
    return item;
  }
}

/** The last row of a long list: click to fetch the next page. */
export class LoadMoreNode extends ExplorerNode {
  constructor(
    override readonly id: string,
    override readonly connection: Connection,
    readonly provider: ExplorerProvider,
    readonly cacheKey: string,
    readonly fetchPage: (nextToken?: string) => Promise<Page<unknown>>,
  ) {
    super();
  }

  override treeItem(): vscode.TreeItem {
    const item = toTreeItem(this.id, { label: 'Load more…', icon: { id: 'ellipsis' }, contextValue: 'loadMore' }, vscode.TreeItemCollapsibleState.None);
    item.command = { title: 'Load more', command: CommandIds.loadMore, arguments: [this] };
    return item;
  }
}

/** A root per connection when there is more than one. */
export class ConnectionNode extends ExplorerNode {
  override readonly id: string;
  constructor(
    private readonly provider: ExplorerProvider,
    override readonly connection: Connection,
  ) {
    super();
    this.id = `${provider.key}/${connectionKey(connection)}`;
  }

  override treeItem(): vscode.TreeItem {
    return toTreeItem(this.id, connectionView(this.connection), vscode.TreeItemCollapsibleState.Expanded);
  }

  override children(): Promise<ExplorerNode[]> {
    return this.provider.connectionChildren(this.connection, this.id);
  }
}

/**
 * The base of the five providers: connection roots, cached loads that never throw (error nodes, last good data
 * marked stale), paging, filters, and the watches each view registers with the scheduler.
 */
export abstract class ExplorerProvider extends Disposable implements vscode.TreeDataProvider<ExplorerNode> {
  readonly cache: DataCache;
  private readonly changed = this._register(new vscode.EventEmitter<ExplorerNode | undefined | void>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly watches = new Map<string, { dispose(): void }>();
  private readonly batchPollers = new Map<string, { dispose(): void }>();
  private filterState: FilterState = NO_FILTER;
  treeView: vscode.TreeView<ExplorerNode> | undefined;

  constructor(
    readonly key: ViewKey,
    protected readonly services: ExplorerServices,
  ) {
    super();
    this.cache = new DataCache(() => services.now());
    this._register(
      services.connections.onDidChange(({ removed, added }) => {
        for (const c of [...removed, ...added]) this.forgetConnection(c);
        this.fire();
      }),
    );
    this._register({ dispose: () => this.unwatchAll() });
  }

  get viewId(): string {
    return ViewIds[this.key];
  }

  get filter(): FilterState {
    return this.filterState;
  }

  setFilter(filter: FilterState): void {
    this.filterState = filter;
    if (this.treeView) this.treeView.description = filterDescription(filter);
    this.fire();
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.treeItem();
  }

  /** Never throws: failures become error nodes. Each child remembers its parent (getParent, TreeView.reveal). */
  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const children = await this.childrenOf(node);
    for (const child of children) child.parent = node;
    return children;
  }

  /** For TreeView.reveal: the node this one was listed under. Ids are stable, so a node from an earlier load will do. */
  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  /**
   * Walks down from the roots of connection `c` (its connection node first when there are several), taking at each
   * level the child `steps` names; loads more pages (up to `maxPages`) while the child is not there yet. Undefined
   * when a step finds nothing (not there, filtered out, or the connection is not shown).
   */
  async find(c: Connection, steps: ((n: ExplorerNode) => boolean)[], maxPages = 10): Promise<ExplorerNode | undefined> {
    const connections = this.services.connections.list();
    if (!connections.some((x) => sameConnection(x, c))) return undefined;
    const path = connections.length > 1 ? [(n: ExplorerNode) => n instanceof ConnectionNode && sameConnection(n.connection, c), ...steps] : steps;
    let parent: ExplorerNode | undefined;
    for (const step of path) {
      let found: ExplorerNode | undefined;
      for (let page = 0; !found; page++) {
        const children = await this.getChildren(parent);
        found = children.find(step);
        const more = children.find((n): n is LoadMoreNode => n instanceof LoadMoreNode);
        if (!found && (!more || page >= maxPages)) return undefined;
        if (!found && more) await this.cache.loadMore(more.cacheKey, more.fetchPage);
      }
      parent = found;
    }
    return parent;
  }

  private async childrenOf(node?: ExplorerNode): Promise<ExplorerNode[]> {
    try {
      if (node) return await node.children();
      const connections = this.services.connections.list();
      if (connections.length === 0) return []; // the viewsWelcome content shows
      if (connections.length === 1) return await this.connectionChildren(connections[0], `${this.key}/${connectionKey(connections[0])}`);
      return connections.map((c) => new ConnectionNode(this, c));
    } catch (e) {
      this.services.log(`${this.key}: ${e instanceof Error ? e.message : String(e)}`);
      return [MessageNode.error(node?.id ?? this.key, node?.connection, e)];
    }
  }

  /** The view's top-level resources of one connection. */
  abstract connectionChildren(c: Connection, parentId: string): Promise<ExplorerNode[]>;

  /** Re-fetches everything shown (the old data stays visible until the new arrives). */
  refresh(): void {
    this.cache.invalidate();
    this.fire();
  }

  fire(node?: ExplorerNode): void {
    this.changed.fire(node);
  }

  /** Loads through the cache and builds nodes; on failure an error node, or the last good nodes under a stale marker. */
  async load<T>(parentId: string, c: Connection, key: string, loader: () => Promise<T>, build: (value: T) => ExplorerNode[] | Promise<ExplorerNode[]>): Promise<ExplorerNode[]> {
    const r = await this.cache.get<T>(key, loader);
    if (r.error !== undefined) this.retryFailed(c, key, r.error, () => this.cache.get<T>(key, loader));
    return this.present(parentId, c, r, build);
  }

  /**
   * A load failed: the scheduler retries it while the view is visible (at the active interval for throttling,
   * network and service errors, with its backoff; at the idle interval otherwise), so the error or stale node goes by
   * itself once the fault clears.
   */
  private retryFailed(c: Connection, key: string, error: unknown, reload: () => Promise<Loaded<unknown>>): void {
    const id = `retry:${connectionKey(c)}:${key}`;
    if (this.watches.has(id)) return;
    let last = error;
    this.watch({
      id,
      isActive: () => shouldBackOff(last),
      whenSettled: 'slow',
      poll: async () => {
        this.cache.invalidate(key);
        const r = await reload();
        if (r.error !== undefined) {
          last = r.error;
          throw r.error instanceof Error ? r.error : new Error('load failed');
        }
        this.watches.get(id)?.dispose();
        this.watches.delete(id);
        this.fire();
      },
    });
  }

  /** Like load() for paged lists, with a "Load more" node while there are more pages. */
  async loadPaged<T>(
    parentId: string,
    c: Connection,
    key: string,
    fetchPage: (nextToken?: string) => Promise<Page<T>>,
    build: (items: T[]) => ExplorerNode[] | Promise<ExplorerNode[]>,
  ): Promise<ExplorerNode[]> {
    const r = await this.cache.getPaged<T>(key, fetchPage);
    if (r.error !== undefined) this.retryFailed(c, key, r.error, () => this.cache.getPaged<T>(key, fetchPage));
    return this.present<PagedValue<T>>(parentId, c, r, async (value) => {
      const nodes = await build(value.items);
      if (value.nextToken) nodes.push(new LoadMoreNode(`${parentId}/more`, c, this, key, fetchPage));
      return nodes;
    });
  }

  private async present<T>(parentId: string, c: Connection, r: Loaded<T>, build: (value: T) => ExplorerNode[] | Promise<ExplorerNode[]>): Promise<ExplorerNode[]> {
    if (r.value === undefined) return [MessageNode.error(parentId, c, r.error ?? new Error('No data'))];
    const nodes = await build(r.value);
    return r.error !== undefined ? [MessageNode.error(parentId, c, r.error, r.at), ...nodes] : nodes;
  }

  /**
   * Puts a polled item into its cached page. True only when it was there and differs: pollers redraw the tree only
   * then, since a redraw replaces every row (and drops a click that lands on one) while something runs.
   */
  replaceInPage<T extends { id: string }>(key: string, item: T): boolean {
    let changed = false;
    this.cache.update<PagedValue<T>>(key, (v) => ({
      ...v,
      items: v.items.map((x) => {
        if (x.id !== item.id) return x;
        changed = JSON.stringify(x) !== JSON.stringify(item);
        return item;
      }),
    }));
    return changed;
  }

  async loadMore(node: LoadMoreNode): Promise<void> {
    await this.cache.loadMore(node.cacheKey, node.fetchPage);
    this.fire();
  }

  /** Registers (or, with `replace`, re-registers) a scheduler watch owned by this view. */
  watch(target: Omit<PollTarget, 'owner'>, replace = true): void {
    if (!replace && this.watches.has(target.id)) return;
    this.watches.get(target.id)?.dispose();
    this.watches.set(target.id, this.services.scheduler.watch({ ...target, owner: this.key }));
  }

  /** The batch poller of `batchKey` (one per connection and kind), registered once. */
  batchPoller(batchKey: string, poll: (items: string[]) => Promise<void>): void {
    if (this.batchPollers.has(batchKey)) return;
    this.batchPollers.set(batchKey, this.services.scheduler.registerBatchPoller(batchKey, poll));
  }

  /** Watch `id` closely for a while after a command changed it. */
  boost(id: string, ms = 120_000): void {
    this.services.scheduler.boost(id, ms);
  }

  protected forgetConnection(c: Connection): void {
    const ck = connectionKey(c);
    this.cache.delete(`${ck}/`);
    for (const [id, w] of this.watches) {
      if (id.includes(`:${ck}:`)) {
        w.dispose();
        this.watches.delete(id);
      }
    }
    for (const [k, p] of this.batchPollers) {
      if (k.endsWith(`:${ck}`)) {
        p.dispose();
        this.batchPollers.delete(k);
      }
    }
  }

  private unwatchAll(): void {
    for (const w of this.watches.values()) w.dispose();
    for (const p of this.batchPollers.values()) p.dispose();
    this.watches.clear();
    this.batchPollers.clear();
  }

  /** How many scheduler watches this view has (tests). */
  get watchCount(): number {
    return this.watches.size;
  }
}
