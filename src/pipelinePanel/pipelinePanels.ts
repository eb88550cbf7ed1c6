import * as vscode from 'vscode';
import { PIPELINE_PANEL_VIEW_TYPE } from '../constants';
import { windowUi, type Ui } from '../commands/ui';
import { Disposable } from '../disposable';
import { connectionLabel, type Connection } from '../model/connection';
import { isPersisted } from '../webview/protocol';
import { parseOpenArgs } from './openArgs';
import { panelKey, PipelinePanel, webviewOptions, type PanelDeps } from './pipelinePanel';

/**
 * All pipeline panels: one per (connection, pipeline); opening one that exists focuses it. Restores panels after a
 * window reload (WebviewPanelSerializer) and handles the `Open Pipeline Panel` command. This module is a bundle of its
 * own, loaded on first use: activate() registers the serializer and the command, which load it.
 */
export class PipelinePanels extends Disposable implements vscode.WebviewPanelSerializer<unknown> {
  private readonly panels = new Map<string, PipelinePanel>();
  private readonly deps: PanelDeps;
  /** The prompts every panel uses; the in-host tests put a ScriptedUi here and restore windowUi after. */
  ui: Ui = windowUi;

  constructor(deps: Omit<PanelDeps, 'ui'>) {
    super();
    this.deps = { ...deps, ui: () => this.ui };
    this._register({ dispose: () => [...this.panels.values()].forEach((p) => p.dispose()) });
  }

  /** Opens (or focuses) the panel of `pipelineName`; with `executionId`, shows that execution. The Explorer calls this. */
  open(connection: Connection, pipelineName: string, options: { executionId?: string; preserveFocus?: boolean } = {}): PipelinePanel {
    const existing = this.panels.get(panelKey(connection, pipelineName));
    if (existing) {
      existing.panel.reveal(undefined, options.preserveFocus);
      if (options.executionId !== undefined) void existing.selectExecution(options.executionId);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      PIPELINE_PANEL_VIEW_TYPE,
      pipelineName,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: options.preserveFocus ?? false },
      webviewOptions(this.deps.extensionUri),
    );
    return this.adopt(panel, connection, pipelineName, options.executionId);
  }

  get(connection: Connection, pipelineName: string): PipelinePanel | undefined {
    return this.panels.get(panelKey(connection, pipelineName));
  }

  get all(): PipelinePanel[] {
    return [...this.panels.values()];
  }

  /** Restores a panel after a reload from what its page saved with setState. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (!isPersisted(state)) {
      this.deps.log.warn('pipeline panel: not restoring a panel without a valid saved state');
      panel.dispose();
      return;
    }
    const saved: Connection = { profile: state.connection.profile, region: state.connection.region, ...(state.connection.endpoint ? { endpoint: state.connection.endpoint } : {}) };
    const connection = this.deps.services.resolveConnection?.(saved) ?? saved;
    if (this.panels.has(panelKey(connection, state.pipelineName))) {
      panel.dispose();
      return;
    }
    this.adopt(panel, connection, state.pipelineName, state.selectedExecutionId);
    return Promise.resolve();
  }

  private adopt(panel: vscode.WebviewPanel, connection: Connection, pipelineName: string, executionId?: string): PipelinePanel {
    const p = new PipelinePanel(panel, connection, pipelineName, this.deps, executionId);
    this.panels.set(p.key, p);
    p.onDidDispose(() => {
      if (this.panels.get(p.key) === p) this.panels.delete(p.key);
    });
    return p;
  }

  /** The `Open Pipeline Panel` command: from (connection, name) arguments, or by asking. */
  async openFromCommand(args: unknown[]): Promise<PipelinePanel | undefined> {
    const parsed = parseOpenArgs(args);
    if (parsed) return this.open(parsed.connection, parsed.pipelineName, parsed.executionId ? { executionId: parsed.executionId } : {});
    // from the command palette: pick a connection, then a pipeline
    const connections = this.deps.services.connections?.() ?? [];
    if (connections.length === 0) {
      void vscode.window.showInformationMessage('Add an AWS connection or open the Sandbox account first, then open a pipeline from the Pipelines view.');
      return undefined;
    }
    const connection =
      connections.length === 1
        ? connections[0]
        : (await vscode.window.showQuickPick(connections.map((c) => ({ label: this.deps.services.label?.(c) ?? connectionLabel(c), c })), { title: 'Open Pipeline Panel: connection' }))?.c;
    if (!connection) return undefined;
    const names = this.deps.services
      .pipelines(connection)
      .listPipelines()
      .then((list) => list.map((p) => ({ label: p.name })));
    const pick = await vscode.window.showQuickPick(names, { title: 'Open Pipeline Panel: pipeline', matchOnDescription: true });
    return pick ? this.open(connection, pick.label) : undefined;
  }
}
