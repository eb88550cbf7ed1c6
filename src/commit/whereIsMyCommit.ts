import * as vscode from 'vscode';
import { CommandIds } from '../constants';
import { Disposable } from '../disposable';
import type { PipelineExecution } from '../model/codepipeline';
import { connectionLabel, type Connection } from '../model/connection';
import { notificationText } from '../notifications/text';
import { statusBarIcon } from '../statusBar/matching';
import type { RemoteTarget } from '../statusBar/remotes';
import { connectionFits, Discovery, type FollowSession } from '../statusBar/trackers';
import type { RepoSnapshot } from '../statusBar/workspaceGit';
import { carriesCommit, describeProgress, type Progress } from './progress';

export interface CommitPlace {
  connection: Connection;
  pipelineName: string;
  execution: PipelineExecution;
  progress: Progress;
}

export interface WhereDeps {
  repositories(): RepoSnapshot[];
  connections(): readonly Connection[];
  session(c: Connection): FollowSession;
  log?: vscode.LogOutputChannel;
}

/** Executions looked at per pipeline (newest first): a commit older than this is not "on its way" any more. */
const HISTORY = 25;
/** Executions of one pipeline described at most (each costs one ListActionExecutions). */
const MAX_PER_PIPELINE = 3;

/**
 * "Where is my commit": which pipeline executions carry a commit (their source revisions) and how far each got, for
 * HEAD of the workspace repository or a commit of the Repositories view; shown in a quick pick that opens the panel.
 */
export class WhereIsMyCommit extends Disposable {
  private readonly discovery = new Discovery();

  constructor(private readonly deps: WhereDeps) {
    super();
  }

  /** The executions carrying `commitId` in the pipelines whose source is `target` (any branch). */
  async find(commitId: string, target: RemoteTarget, connections: readonly Connection[]): Promise<CommitPlace[]> {
    const out: CommitPlace[] = [];
    await Promise.all(
      connections
        .filter((c) => connectionFits(c, target))
        .map(async (c) => {
          const session = this.deps.session(c);
          const { pipelines } = await this.discovery.find(session, c, target);
          await Promise.all(
            pipelines.map(async (structure) => {
              const executions = (await session.codepipeline.listExecutions(structure.name, { limit: HISTORY })).filter((e) => carriesCommit(e, commitId)).slice(0, MAX_PER_PIPELINE);
              for (const execution of executions) {
                const actions = await session.codepipeline.listActionExecutions(structure.name, execution.id);
                out.push({ connection: c, pipelineName: structure.name, execution, progress: describeProgress(structure, execution, actions) });
              }
            }),
          );
        }),
    );
    return out.sort((a, b) => (b.execution.start ?? 0) - (a.execution.start ?? 0));
  }

  /** The `Where Is My Commit` command (activate() registers it). */
  async command(arg: unknown): Promise<CommitPlace[] | undefined> {
    const request = this.request(arg);
    if (!request) {
      void vscode.window.showInformationMessage('Where is my commit: open a folder whose git remote is a CodeCommit repository (or a repository a pipeline uses through a connection), or pick a commit in the Repositories view.');
      return undefined;
    }
    const short = request.commitId.slice(0, 8);
    let places: CommitPlace[];
    try {
      places = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Looking for ${short} in pipeline executions` }, () =>
        this.find(request.commitId, request.target, request.connections),
      );
    } catch (e) {
      void vscode.window.showErrorMessage(notificationText(`Where is my commit: ${e instanceof Error ? e.message : String(e)}`));
      return undefined;
    }
    if (places.length === 0) {
      void vscode.window.showInformationMessage(notificationText(`No pipeline execution carries ${short} (yet): it starts when the commit reaches the branch a pipeline follows.`));
      return places;
    }
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { place: CommitPlace }>();
    pick.title = `Where is ${short}?`;
    pick.placeholder = 'Open the pipeline panel at that execution';
    pick.items = places.map((p) => ({
      label: `${statusBarIcon(p.progress.status)} ${p.pipelineName}`,
      description: p.progress.text,
      detail: `Execution ${p.execution.id}${p.execution.start ? ` · started ${new Date(p.execution.start).toLocaleString()}` : ''} · ${connectionLabel(p.connection)}`,
      place: p,
    }));
    pick.onDidAccept(() => {
      const place = pick.selectedItems[0]?.place;
      pick.hide();
      if (place) void vscode.commands.executeCommand(CommandIds.openPipelinePanel, place.connection, place.pipelineName, place.execution.id);
    });
    pick.onDidHide(() => pick.dispose());
    pick.show();
    return places;
  }

  /** A commit node `{ connection, repository, commit: { id } }`, a commit id string (HEAD's repository), or HEAD. */
  private request(arg: unknown): { commitId: string; target: RemoteTarget; connections: readonly Connection[] } | undefined {
    const o = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>) : undefined;
    const connection = o?.connection as Connection | undefined;
    const commit = o?.commit as { id?: unknown } | string | undefined;
    const commitId = typeof arg === 'string' ? arg : typeof commit === 'string' ? commit : typeof commit?.id === 'string' ? commit.id : typeof o?.commitId === 'string' ? o.commitId : undefined;
    const repository = typeof o?.repository === 'string' ? o.repository : typeof o?.repositoryName === 'string' ? o.repositoryName : undefined;
    if (connection?.region && repository && commitId) {
      return { commitId, target: { kind: 'codecommit', repositoryName: repository, region: connection.region }, connections: [connection] };
    }
    const repo = this.deps.repositories().find((r) => r.targets.length > 0 && r.head);
    if (!repo) return undefined;
    return { commitId: commitId ?? repo.head!, target: repo.targets[0].target, connections: this.deps.connections() };
  }
}
