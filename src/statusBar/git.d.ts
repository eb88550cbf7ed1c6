// The subset of the built-in git extension's API (extensions/git/src/api/git.d.ts, API version 1) this extension
// uses. Copied as types only: the extension is reached at run time through vscode.extensions.getExtension('vscode.git').
import type { Event, Uri } from 'vscode';

export interface GitRef {
  readonly type: number;
  readonly name?: string;
  readonly commit?: string;
  readonly remote?: string;
}

export interface GitBranch extends GitRef {
  readonly upstream?: { readonly name: string; readonly remote: string; readonly commit?: string };
  readonly ahead?: number;
  readonly behind?: number;
}

export interface GitRemote {
  readonly name: string;
  readonly fetchUrl?: string;
  readonly pushUrl?: string;
  readonly isReadOnly: boolean;
}

export interface GitRepositoryState {
  readonly HEAD: GitBranch | undefined;
  readonly remotes: GitRemote[];
  readonly onDidChange: Event<void>;
}

export interface GitRepository {
  readonly rootUri: Uri;
  readonly state: GitRepositoryState;
}

export type GitAPIState = 'uninitialized' | 'initialized';

export interface GitAPI {
  readonly state: GitAPIState;
  readonly onDidChangeState: Event<GitAPIState>;
  readonly repositories: GitRepository[];
  readonly onDidOpenRepository: Event<GitRepository>;
  readonly onDidCloseRepository: Event<GitRepository>;
  openRepository?(root: Uri): Promise<GitRepository | null>;
}

export interface GitExtension {
  readonly enabled: boolean;
  readonly onDidChangeEnablement: Event<boolean>;
  getAPI(version: 1): GitAPI;
}
