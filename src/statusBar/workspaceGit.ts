import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { GitAPI, GitExtension, GitRepository } from './git';
import { parseRemoteUrl, type RemoteTarget } from './remotes';

/** What the status bar needs to know about one git repository of the workspace. */
export interface RepoSnapshot {
  root: string;
  branch?: string;
  head?: string;
  /** Parsed remotes, `origin` first; unparseable remotes are left out. */
  targets: { remote: string; target: RemoteTarget }[];
  /** Changes when the branch, HEAD, upstream position or remotes change (a push moves the upstream). */
  key: string;
}

/**
 * The workspace's git repositories through the built-in git extension's API (`vscode.git`, API 1): remotes, current
 * branch and HEAD, and an event when any of them changes (branch switch, commit, push, fetch). Waits for the git
 * extension to initialise; without it (disabled, no git), there are no repositories.
 */
export class WorkspaceGit extends Disposable {
  private api?: GitAPI;
  /** Whether the git extension's API is there (tests and the log say why there is no status bar item). */
  availability: 'pending' | 'noGitExtension' | 'disabled' | 'ready' = 'pending';
  private readonly repoListeners = new Map<GitRepository, { dispose(): void }>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  /** Something about a repository changed (or one opened or closed). */
  readonly onDidChange = this.changeEmitter.event;

  /** Starts listening; resolves once the git API is there (or known absent). */
  async start(): Promise<void> {
    const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
    if (!ext) {
      this.availability = 'noGitExtension';
      return;
    }
    if (this.api) return;
    const exports = ext.isActive ? ext.exports : await ext.activate();
    if (this.isDisposed || !exports?.enabled) {
      this.availability = 'disabled';
      if (exports) this._register(exports.onDidChangeEnablement((on) => on && void this.start().catch(() => undefined)));
      return;
    }
    if (this.api) return;
    const api = exports.getAPI(1);
    this.api = api;
    this.availability = 'ready';
    this._register(api.onDidOpenRepository((r) => this.track(r)));
    this._register(
      api.onDidCloseRepository((r) => {
        this.repoListeners.get(r)?.dispose();
        this.repoListeners.delete(r);
        this.changeEmitter.fire();
      }),
    );
    this._register(api.onDidChangeState(() => this.changeEmitter.fire()));
    for (const r of api.repositories) this.track(r);
    this._register({ dispose: () => [...this.repoListeners.values()].forEach((d) => d.dispose()) });
    this.changeEmitter.fire();
  }

  /** Opens a repository outside the workspace folders (tests; a folder the git extension did not scan). */
  async open(root: vscode.Uri): Promise<boolean> {
    const r = await this.api?.openRepository?.(root);
    if (r) this.track(r);
    return !!r;
  }

  repositories(): RepoSnapshot[] {
    return (this.api?.repositories ?? []).map(snapshot);
  }

  private track(r: GitRepository): void {
    if (this.repoListeners.has(r)) return;
    this.repoListeners.set(r, r.state.onDidChange(() => this.changeEmitter.fire()));
    this.changeEmitter.fire();
  }
}

export function snapshot(r: GitRepository): RepoSnapshot {
  const head = r.state.HEAD;
  const remotes = [...r.state.remotes].sort((a, b) => (a.name === 'origin' ? -1 : b.name === 'origin' ? 1 : a.name.localeCompare(b.name)));
  const targets: RepoSnapshot['targets'] = [];
  for (const remote of remotes) {
    const target = parseRemoteUrl(remote.fetchUrl) ?? parseRemoteUrl(remote.pushUrl);
    if (target) targets.push({ remote: remote.name, target });
  }
  const key = JSON.stringify([head?.name, head?.commit, head?.upstream?.commit, head?.ahead, remotes.map((x) => [x.name, x.fetchUrl, x.pushUrl])]);
  return { root: r.rootUri.toString(), branch: head?.name, head: head?.commit, targets, key };
}
