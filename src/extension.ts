import * as vscode from 'vscode';
import { SessionRegistry } from './aws/sessionRegistry';
import { registerCommands } from './commands/registerCommands';
import { windowUi } from './commands/ui';
import { ConnectionStore } from './connections/connectionStore';
import { externalSandbox, SandboxLauncher } from './connections/sandboxLauncher';
import { CommandIds, ContextKeys, PIPELINE_PANEL_VIEW_TYPE, Settings, ViewIds } from './constants';
import { Lazy } from './lazy';
import { isSandbox } from './model/connection';
import type { PipelinePanels } from './pipelinePanel/pipelinePanels';
import { RefreshScheduler } from './refresh/scheduler';
import { createExplorerApi, type ExplorerApi } from './views/explorerApi';
import { openSandbox } from './connections/connectionCommands';
import type { CommandContext } from './commands/context';
import { registerViews } from './views/registerViews';
import { ServiceBackend } from './views/serviceBackend';
import type { Following, FollowingDeps } from './statusBar/registerFollowing';

/** Composition root: builds every service and registers everything; all of it is disposed on deactivate. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const output = vscode.window.createOutputChannel('AWS DevTools', { log: true });
  context.subscriptions.push(output);

  const scheduler = new RefreshScheduler(undefined, undefined, (e, what) => output.warn(`refresh ${what}: ${e instanceof Error ? e.message : String(e)}`));
  context.subscriptions.push(scheduler, vscode.window.onDidChangeWindowState((w) => scheduler.setFocused(w.focused)));
  const applySettings = () => {
    const cfg = vscode.workspace.getConfiguration(Settings.section);
    scheduler.updateSettings({
      activeIntervalMs: 1000 * cfg.get<number>(Settings.activeIntervalSeconds, 5),
      idleIntervalMs: 1000 * cfg.get<number>(Settings.idleIntervalSeconds, 60),
    });
  };
  applySettings();
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(Settings.section) && applySettings()));
  const connections = new ConnectionStore(context.globalState);
  const sessions = new SessionRegistry();
  context.subscriptions.push(sessions);

  // The panels' code is a bundle of its own (esbuild.js lazyChunks), loaded when the first panel opens or is restored.
  const pipelinePanels = new Lazy(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const chunk = require('./pipelinePanel/pipelinePanels') as typeof import('./pipelinePanel/pipelinePanels');
    return new chunk.PipelinePanels({
      extensionUri: context.extensionUri,
      scheduler,
      log: output,
      services: { pipelines: (c) => sessions.get(c).codepipeline, connections: () => connections.list() },
      onChanged: (c, pipeline) => {
        views.pipelines.touched(c, pipeline);
        views.approvals.touched(c);
      },
    });
  });
  context.subscriptions.push(
    pipelinePanels,
    vscode.window.registerWebviewPanelSerializer(PIPELINE_PANEL_VIEW_TYPE, { deserializeWebviewPanel: (panel, state) => pipelinePanels.get().deserializeWebviewPanel(panel, state) }),
    vscode.commands.registerCommand(CommandIds.openPipelinePanel, (...args: unknown[]) => pipelinePanels.get().openFromCommand(args)),
  );

  // ---- Explorer: connections, the five views, their commands, the Sandbox launcher
  const backend = new ServiceBackend(sessions);
  const views = registerViews(
    {
      backend,
      connections,
      scheduler,
      now: () => Date.now(),
      myIdentity: () => vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.myIdentity, ''),
      log: (m) => output.warn(m),
    },
    scheduler,
  );
  context.subscriptions.push(views);
  const launcher = new SandboxLauncher();
  context.subscriptions.push(launcher);
  const sandboxOptions = () => ({
    cliPath: context.asAbsolutePath('dist/sandbox.js'),
    stateFile: vscode.Uri.joinPath(context.globalStorageUri, 'sandbox-state.json').fsPath,
    speed: vscode.workspace.getConfiguration(Settings.section).get<number>(Settings.sandboxSpeed, 1),
    log: (line: string) => output.info(line),
  });
  const commandContext: CommandContext = { backend, connections, views, ui: windowUi, log: (m) => output.warn(m) };
  context.subscriptions.push(registerCommands(commandContext, { launcher, options: sandboxOptions }));
  // A window starts with its context keys unset (false to a when clause): a key is set only when its value changes.
  const contextKeys = new Map<string, boolean>();
  const setContextKey = (key: string, value: boolean) => {
    if ((contextKeys.get(key) ?? false) === value) return;
    contextKeys.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  };
  const updateContextKeys = () => {
    setContextKey(ContextKeys.hasConnection, connections.size > 0);
    setContextKey(ContextKeys.multipleConnections, connections.size > 1);
  };
  updateContextKeys();
  context.subscriptions.push(connections.onDidChange(updateContextKeys));
  // A stored Sandbox connection: start the Sandbox again (its state survives in global storage).
  // AWS_DEVTOOLS_SANDBOX_CONNECT=1 with AWS_DEVTOOLS_SANDBOX_URL (npm run demo): connect to that running Sandbox now.
  if ((connections.list().some(isSandbox) || externalSandbox()?.connectAtStartup) && process.env.AWS_DEVTOOLS_TEST !== 'integration') void openSandbox(commandContext, launcher, sandboxOptions);

  // ---- Build logs, branch status bar, notifications, where is my commit: a bundle of its own, created shortly after
  // activation (the views paint first) or at once when one of its commands runs.
  const followingDeps: FollowingDeps = { scheduler, sessions, connections, log: output };
  const following = new Lazy(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const chunk = require('./statusBar/registerFollowing') as typeof import('./statusBar/registerFollowing');
    return chunk.registerFollowing(followingDeps);
  });
  context.subscriptions.push(
    following,
    vscode.commands.registerCommand(CommandIds.openBuildLog, (...args: unknown[]) => following.get().logs.command(args, false)),
    vscode.commands.registerCommand(CommandIds.openBuildLogAtError, (...args: unknown[]) => following.get().logs.command(args, true)),
    vscode.commands.registerCommand(CommandIds.whereIsMyCommit, (arg: unknown) => following.get().whereIsMyCommit.command(arg)),
    vscode.commands.registerCommand(CommandIds.statusBarOpen, () => following.get().statusBar.open()),
  );
  following.soon(FOLLOWING_DELAY_MS, (e) => output.error(`build logs and status bar: ${e instanceof Error ? e.message : String(e)}`));

  output.info(`activated; views: ${Object.values(ViewIds).join(', ')}`);
  const explorer = createExplorerApi({ connections, views, scheduler, commandContext, sessions, launcher });
  return {
    get pipelinePanels() {
      return pipelinePanels.get();
    },
    explorer,
    get following() {
      return following.get();
    },
  };
}

/** How long after activation the status bar and build logs part is created when nothing asks for it before. */
const FOLLOWING_DELAY_MS = 300;

/** What activate() returns (`vscode.extensions.getExtension(id).exports`): the Explorer and the in-host tests use it. */
export interface ExtensionApi {
  /** The pipeline panels (reading it loads their bundle). */
  readonly pipelinePanels: PipelinePanels;
  /** The Explorer's test surface (see explorerApi.ts). */
  explorer: ExplorerApi;
  /** Build logs, the branch status bar item, notifications, where is my commit (reading it loads their bundle). */
  readonly following: Following;
}

export function deactivate(): void {
  // Everything is in context.subscriptions (the Sandbox child process is stopped by its PID there).
}
