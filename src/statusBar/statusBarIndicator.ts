import * as vscode from 'vscode';
import { CommandIds } from '../constants';
import { Disposable } from '../disposable';
import { connectionKey, connectionLabel, type Connection } from '../model/connection';
import type { Notifier } from '../notifications/notifier';
import type { RefreshScheduler } from '../refresh/scheduler';
import { severity, statusBarIcon, statusWords, worst } from './matching';
import { remoteLabel } from './remotes';
import { connectionFits, Discovery, PipelineTracker, ProjectTracker, type Entry, type FollowSession, type Tracker } from './trackers';
import type { RepoSnapshot, WorkspaceGit } from './workspaceGit';

/** Where the connections come from (the Explorer's ConnectionStore satisfies it). */
export interface ConnectionSource {
  list(): readonly Connection[];
  onDidChange?(listener: () => void): { dispose(): void };
}

export interface StatusBarDeps {
  git: WorkspaceGit;
  connections: ConnectionSource;
  session(c: Connection): FollowSession;
  scheduler: RefreshScheduler;
  notifier: Notifier;
  log?: vscode.LogOutputChannel;
}

export const STATUS_BAR_OWNER = 'statusBar';
const DISCOVER_ID = 'statusBar:discover';
/** After a branch switch or a push: watch closely this long. */
const BOOST_MS = 5 * 60_000;

export interface StatusBarView {
  text: string;
  tooltip: string;
  entries: Entry[];
}

/**
 * The status bar item of the current branch: finds the pipelines whose source is the workspace repository and
 * branch and the build projects of the repository, shows the worst of their latest runs (a spinner with the running
 * stage, green, red, waiting for approval), lists them all in the tooltip, and opens the pipeline panel (or a quick
 * pick) on click. Polls only through the scheduler; looks again and watches closely after a branch change or push.
 */
export class StatusBarIndicator extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('awsDevTools.branchStatus', vscode.StatusBarAlignment.Left, 50));
  private readonly discovery = new Discovery();
  private readonly trackers = new Map<string, { tracker: Tracker; watch: { dispose(): void } }>();
  private repos: RepoSnapshot[] = [];
  private discovering?: Promise<void>;
  private discoverAgain = false;
  private readonly updateEmitter = this._register(new vscode.EventEmitter<StatusBarView | undefined>());
  /** Fires after each render (undefined: the item is hidden). The in-host tests wait on it. */
  readonly onDidUpdate = this.updateEmitter.event;
  private view?: StatusBarView;

  constructor(private readonly deps: StatusBarDeps) {
    super();
    this.item.name = 'AWS DevTools: pipeline of this branch';
    this.item.command = CommandIds.statusBarOpen;
    this._register(deps.git.onDidChange(() => this.onGitChange()));
    if (deps.connections.onDidChange) this._register(deps.connections.onDidChange(() => void this.requestDiscovery(true)));
    this._register(
      deps.scheduler.watch({ id: DISCOVER_ID, owner: STATUS_BAR_OWNER, isActive: () => false, whenSettled: 'slow', poll: () => this.discover() }),
    );
    this._register({
      dispose: () => {
        for (const t of this.trackers.values()) t.watch.dispose();
        this.trackers.clear();
        deps.scheduler.setVisible(STATUS_BAR_OWNER, false);
      },
    });
    this.onGitChange();
  }

  get current(): StatusBarView | undefined {
    return this.view;
  }

  /** What the item follows now (the click and "where is my commit" use it). */
  entries(): Entry[] {
    return [...this.trackers.values()].map((t) => t.tracker.entry);
  }

  repositories(): RepoSnapshot[] {
    return this.repos;
  }

  /** Looks again at once (a command, a test). */
  refresh(): Promise<void> {
    return this.requestDiscovery(true);
  }

  private onGitChange(): void {
    const next = this.deps.git.repositories();
    const before = new Map(this.repos.map((r) => [r.root, r]));
    const changed = next.length !== this.repos.length || next.some((r) => before.get(r.root)?.key !== r.key);
    const branchOrRemotes = next.some((r) => {
      const b = before.get(r.root);
      return !b || b.branch !== r.branch || JSON.stringify(b.targets) !== JSON.stringify(r.targets);
    });
    this.repos = next;
    this.deps.scheduler.setVisible(STATUS_BAR_OWNER, next.some((r) => r.targets.length > 0));
    if (!changed) return;
    if (branchOrRemotes || next.length !== before.size) void this.requestDiscovery(true);
    else this.boostAll(); // a commit, push or fetch: the pipelines are about to move
  }

  private boostAll(): void {
    this.deps.scheduler.boost(DISCOVER_ID, BOOST_MS, 3_000);
    for (const id of this.trackers.keys()) this.deps.scheduler.boost(id, BOOST_MS, 1_000);
  }

  private requestDiscovery(boost: boolean): Promise<void> {
    if (this.discovering) {
      this.discoverAgain = true;
      return this.discovering;
    }
    this.discovering = this.discover()
      .catch((e: unknown) => this.deps.log?.warn(`status bar: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        this.discovering = undefined;
        if (this.discoverAgain) {
          this.discoverAgain = false;
          void this.requestDiscovery(boost);
        } else if (boost) {
          this.boostAll();
        }
      });
    return this.discovering;
  }

  /** Finds what the workspace's repositories and branches build, starts/stops the trackers, polls the new ones. */
  private async discover(): Promise<void> {
    const wanted = new Map<string, () => Tracker>();
    const structures = new Map<string, import('../model/codepipeline').PipelineStructure>();
    const failures: unknown[] = [];
    for (const repo of this.repos) {
      for (const { target } of repo.targets) {
        for (const c of this.deps.connections.list()) {
          if (!connectionFits(c, target)) continue;
          const session = this.deps.session(c);
          try {
            const found = await this.discovery.find(session, c, target, repo.branch);
            for (const s of found.pipelines) {
              const t = () => new PipelineTracker(session, c, s);
              const id = `statusBar:pipeline:${connectionKey(c)}:${s.name}`;
              wanted.set(id, t);
              structures.set(id, s);
            }
            for (const p of found.projects) wanted.set(`statusBar:project:${connectionKey(c)}:${p.name}`, () => new ProjectTracker(session, c, p.name));
          } catch (e) {
            failures.push(e);
            this.deps.log?.warn(`status bar: looking for the pipelines of ${remoteLabel(target)} in ${connectionLabel(c)}: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
      }
    }
    if (this.isDisposed) return;
    // A connection that failed keeps its trackers (a network blip must not empty the status bar).
    const keepFailed = failures.length > 0;
    for (const [id, t] of this.trackers) {
      if (!wanted.has(id) && !keepFailed) {
        t.watch.dispose();
        this.trackers.delete(id);
      } else if (t.tracker instanceof PipelineTracker && structures.has(id)) {
        t.tracker.update(structures.get(id)!);
      }
    }
    const fresh: Tracker[] = [];
    for (const [id, make] of wanted) {
      if (this.trackers.has(id)) continue;
      const tracker = make();
      const watch = this.deps.scheduler.watch({
        id,
        owner: STATUS_BAR_OWNER,
        isActive: () => tracker.entry.pending || ['running', 'queued', 'waiting'].includes(tracker.entry.summary.status),
        whenSettled: 'slow',
        poll: () => this.pollTracker(tracker),
      });
      this.trackers.set(id, { tracker, watch });
      fresh.push(tracker);
    }
    await Promise.all(fresh.map((t) => this.pollTracker(t).catch(() => undefined)));
    this.render();
    if (failures.length > 0 && wanted.size === 0) throw failures[0];
  }

  private async pollTracker(tracker: Tracker): Promise<void> {
    try {
      const events = await tracker.poll();
      for (const e of events) this.deps.notifier.notify(e);
    } finally {
      this.render();
    }
  }

  private render(): void {
    if (this.isDisposed) return;
    const entries = this.entries()
      .filter((e) => !e.pending || e.error)
      .sort((a, b) => severity(b.summary.status) - severity(a.summary.status) || (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'pipeline' ? -1 : 1));
    if (entries.length === 0) {
      this.item.hide();
      if (this.view !== undefined) {
        this.view = undefined;
        this.updateEmitter.fire(undefined);
      }
      return;
    }
    // Pipelines speak for the branch; a project's build shows only when no pipeline is worse.
    const top = worst(entries, (e) => e.summary.status)!;
    const more = entries.length > 1 ? ` +${entries.length - 1}` : '';
    const text = `${statusBarIcon(top.summary.status)} ${top.name}: ${statusWords(top.summary)}${more}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [CommandIds.openPipelinePanel, CommandIds.openBuildLogAtError, CommandIds.openBuildLog] };
    const branches = [...new Set(this.repos.map((r) => r.branch).filter((b): b is string => !!b))];
    md.appendMarkdown(`**AWS DevTools**${branches.length ? ` · branch \`${branches.join('`, `')}\`` : ''}\n\n`);
    for (const e of entries) {
      const link =
        e.kind === 'pipeline'
          ? commandLink(CommandIds.openPipelinePanel, [e.connection, e.name, e.executionId])
          : e.buildId
            ? commandLink(e.summary.status === 'failed' ? CommandIds.openBuildLogAtError : CommandIds.openBuildLog, [{ connection: e.connection, buildId: e.buildId }])
            : undefined;
      const label = escapeMd(e.name);
      const what = e.error ? `could not refresh: ${escapeMd(e.error)}` : escapeMd(statusWords(e.summary));
      md.appendMarkdown(`- ${statusBarIcon(e.summary.status)} ${e.kind === 'pipeline' ? 'Pipeline' : 'Build'} ${link ? `[${label}](${link})` : label}: ${what}${ago(e.start)}\n`);
    }
    this.item.text = text;
    this.item.tooltip = md;
    this.item.backgroundColor =
      top.summary.status === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : top.summary.status === 'waiting' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: `AWS DevTools: ${top.name} ${statusWords(top.summary)}${entries.length > 1 ? `, and ${entries.length - 1} more` : ''}` };
    this.item.show();
    const view = { text, tooltip: md.value, entries };
    const same = this.view && this.view.text === view.text && this.view.tooltip === view.tooltip;
    this.view = view;
    if (!same) this.updateEmitter.fire(view);
  }

  /** The click: one pipeline → its panel; one build → its log; several → a quick pick. */
  async open(): Promise<void> {
    const entries = this.view?.entries ?? [];
    const pick =
      entries.length === 1
        ? entries[0]
        : (
            await vscode.window.showQuickPick(
              entries.map((e) => ({
                label: `${statusBarIcon(e.summary.status)} ${e.name}`,
                description: statusWords(e.summary),
                detail: `${e.kind === 'pipeline' ? 'Pipeline' : 'Build project'} · ${connectionLabel(e.connection)}`,
                entry: e,
              })),
              { title: 'Pipelines and builds of this branch', placeHolder: 'Open a pipeline panel or a build log' },
            )
          )?.entry;
    if (!pick) return;
    if (pick.kind === 'pipeline') await vscode.commands.executeCommand(CommandIds.openPipelinePanel, pick.connection, pick.name, pick.executionId);
    else if (pick.buildId) await vscode.commands.executeCommand(CommandIds.openBuildLog, { connection: pick.connection, buildId: pick.buildId });
  }
}

function commandLink(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

function ago(t: number | undefined): string {
  if (!t) return '';
  const s = Math.max(0, Math.round((Date.now() - t) / 1000));
  const text = s < 60 ? `${s}s` : s < 3600 ? `${Math.round(s / 60)} min` : s < 86_400 ? `${Math.round(s / 3600)} h` : `${Math.round(s / 86_400)} d`;
  return ` · started ${text} ago`;
}
