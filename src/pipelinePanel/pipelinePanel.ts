import * as vscode from 'vscode';
import { CommandIds, PIPELINE_PANEL_VIEW_TYPE } from '../constants';
import { Disposable } from '../disposable';
import {
  LIMITS,
  validateApprovalSummary,
  validatePipelineVariableName,
  validatePipelineVariables,
  validatePipelineVariableValue,
  validateStopReason,
  validateTransitionReason,
} from '../aws/validation';
import { connectionKey, connectionLabel, type Connection } from '../model/connection';
import { consoleLinks } from '../model/consoleLinks';
import type { RefreshScheduler } from '../refresh/scheduler';
import { openExternalUrl } from '../commands/externalLinks';
import { isPageMessage, isSafeUrl, opKey, type HostMessage, type OpName, type OpenTarget, type PageMessage, type PanelState, type PersistedState } from '../webview/protocol';
import type { Ui } from '../commands/ui';
import { buildHtml, makeNonce } from './html';
import { PipelineLoader } from './loader';
import { isPanelActive, toPanelState } from './mapper';
import type { PanelServices, PipelineApi } from './types';

export interface PanelDeps {
  extensionUri: vscode.Uri;
  /** The prompts (input boxes, quick picks, modal confirmations); the in-host tests script them. */
  ui(): Ui;
  services: PanelServices;
  scheduler: RefreshScheduler;
  log: vscode.LogOutputChannel;
  /** After the panel changed a pipeline (approve, stop, retry...): the views update even when they are collapsed. */
  onChanged?(connection: Connection, pipelineName: string): void;
}

/** Commands of other features the panel uses when they exist (checked at the time of the click). */
const BUILD_LOG_COMMANDS = ['awsDevTools.build.openLog', 'awsDevTools.build.openLogs'];
/** Reveal Deployment (the Explorer): selects the deploy action's deployment in the Deployments view. */
const DEPLOYMENT_REVEAL_COMMANDS = [CommandIds.revealDeployment];

export function panelKey(connection: Connection, pipelineName: string): string {
  return `${connectionKey(connection)}\n${pipelineName}`;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/**
 * One pipeline's panel (host side). Loads the pipeline through the service layer, maps it to the view model and
 * posts it once the page said `ready`; acts on the page's messages after validating them; polls through the one
 * RefreshScheduler only while visible.
 */
export class PipelinePanel extends Disposable {
  readonly key: string;
  readonly owner: string;
  private readonly pollId: string;
  private ready = false;
  private readonly loader: PipelineLoader;
  private selectedExecutionId?: string;
  private error?: string;
  private view?: PanelState;
  private refreshing?: Promise<void>;
  private refreshAgain = false;
  private watch?: { dispose(): void };
  private readonly lastReasons = new Map<string, string>();
  private panelDisposed = false;
  private readonly disposedEmitter = this._register(new vscode.EventEmitter<void>());
  /** Fires once when the panel is closed. */
  readonly onDidDispose = this.disposedEmitter.event;
  private readonly stateEmitter = this._register(new vscode.EventEmitter<PanelState>());
  /** Fires after each state the page is sent (tests wait on it). */
  readonly onDidPostState = this.stateEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private connection: Connection,
    readonly pipelineName: string,
    private readonly deps: PanelDeps,
    selectedExecutionId?: string,
  ) {
    super();
    this.key = panelKey(connection, pipelineName);
    this.owner = `panel:${this.key}`;
    this.pollId = `pipelinePanel:${this.key}`;
    this.selectedExecutionId = selectedExecutionId;
    this.loader = new PipelineLoader(pipelineName, (m) => deps.log.warn(`pipeline panel ${pipelineName}: ${m}`));
    panel.webview.options = webviewOptions(deps.extensionUri);
    panel.title = pipelineName;
    panel.iconPath = {
      light: vscode.Uri.joinPath(deps.extensionUri, 'media', 'pipeline-panel-light.svg'),
      dark: vscode.Uri.joinPath(deps.extensionUri, 'media', 'pipeline-panel-dark.svg'),
    };
    this.render();
    this._register(panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
    this._register(panel.onDidChangeViewState((e) => this.setVisible(e.webviewPanel.visible)));
    this._register(
      panel.onDidDispose(() => {
        this.panelDisposed = true;
        this.dispose();
      }),
    );
    this._register({ dispose: () => this.setVisible(false) });
    this.setVisible(panel.visible);
  }

  get connectionInUse(): Connection {
    return this.connection;
  }

  /** The last state posted to the page (tests read it). */
  get current(): PanelState | undefined {
    return this.view;
  }

  /** (Re)writes the page HTML: a fresh nonce for every render. */
  render(): void {
    const webview = this.panel.webview;
    const uri = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, ...p)).toString();
    this.ready = false;
    webview.html = buildHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: uri('dist', 'webview', 'pipelinePage.js'),
      styleUris: [uri('dist', 'webview', 'codicon.css'), uri('media', 'pipeline.css')],
      title: this.pipelineName,
    });
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Shows `executionId`'s action executions (undefined: back to the live state). */
  async selectExecution(executionId: string | undefined): Promise<void> {
    this.selectedExecutionId = executionId;
    if (!executionId) this.loader.clearSelection();
    await this.refresh();
  }

  private setVisible(visible: boolean): void {
    if (this.isDisposed && visible) return;
    this.deps.scheduler.setVisible(this.owner, visible);
    if (visible && !this.watch) {
      this.watch = this.deps.scheduler.watch({
        id: this.pollId,
        owner: this.owner,
        whenSettled: 'slow',
        isActive: () => isPanelActive(this.view),
        poll: () => this.refresh(true),
      });
    } else if (!visible && this.watch) {
      this.watch.dispose();
      this.watch = undefined;
    }
  }

  // ---- loading ---------------------------------------------------------------------------------------------------

  private api(): PipelineApi {
    return this.deps.services.pipelines(this.connection);
  }

  /**
   * Loads the pipeline and posts the new state. Concurrent calls share one load (and ask for one more after it).
   * With `rethrow` (the scheduler's poll) a failure is rethrown so the scheduler can back off.
   */
  refresh(rethrow = false): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    const run = async (): Promise<void> => {
      try {
        do {
          this.refreshAgain = false;
          await this.load();
        } while (this.refreshAgain && !this.isDisposed);
      } finally {
        this.refreshing = undefined;
      }
    };
    this.refreshing = run();
    return rethrow ? this.refreshing : this.refreshing.catch(() => undefined);
  }

  private async load(): Promise<void> {
    this.postBusy('load', opKey('load'), true);
    try {
      await this.loader.load(this.api(), this.selectedExecutionId);
      this.error = undefined;
      this.post();
    } catch (e) {
      this.error = errorMessage(e);
      this.deps.log.warn(`pipeline panel ${this.pipelineName}: ${this.error}`);
      this.post();
      throw e;
    } finally {
      this.postBusy('load', opKey('load'), false);
    }
  }

  private logError(what: string, e: unknown): undefined {
    this.deps.log.warn(`pipeline panel ${this.pipelineName}: ${what}: ${errorMessage(e)}`);
    return undefined;
  }

  private post(): void {
    if (this.isDisposed) return;
    const label = this.deps.services.label?.(this.connection) ?? connectionLabel(this.connection);
    this.view = toPanelState({ ...this.loader.data(label, Date.now(), this.error), limits: { approvalSummary: LIMITS.approvalSummaryMax } });
    if (this.ready) {
      this.postMessage({ type: 'state', state: this.view, persist: this.persisted() });
      this.stateEmitter.fire(this.view);
    }
  }

  persisted(): PersistedState {
    const { profile, region, endpoint } = this.connection;
    return { v: 1, connection: { profile, region, ...(endpoint ? { endpoint } : {}) }, pipelineName: this.pipelineName, ...(this.selectedExecutionId ? { selectedExecutionId: this.selectedExecutionId } : {}) };
  }

  private postMessage(message: HostMessage): void {
    if (this.isDisposed) return;
    void this.panel.webview.postMessage(message).then(undefined, (e: unknown) => this.logError('postMessage', e));
  }

  private postBusy(op: OpName, key: string, busy: boolean): void {
    if (this.ready) this.postMessage({ type: 'busy', op, key, busy });
  }

  private postResult(op: OpName, key: string, ok: boolean, message?: string): void {
    if (this.ready) this.postMessage({ type: 'result', op, key, ok, ...(message ? { message } : {}) });
  }

  // ---- messages from the page ------------------------------------------------------------------------------------

  /** Entry point of every page message: validated by the protocol guard first; anything else is ignored and logged. */
  async receive(message: unknown): Promise<void> {
    if (!isPageMessage(message)) {
      const type = typeof message === 'object' && message !== null ? JSON.stringify((message as { type?: unknown }).type ?? null).slice(0, 60) : typeof message;
      this.deps.log.warn(`pipeline panel ${this.pipelineName}: ignored an invalid message from the page (type ${type})`);
      return;
    }
    try {
      await this.handle(message);
    } catch (e) {
      this.deps.log.error(`pipeline panel ${this.pipelineName}: ${message.type}: ${errorMessage(e)}`);
    }
  }

  private async handle(m: PageMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.view) this.post();
        return this.refresh();
      case 'refresh':
        return this.refresh();
      case 'selectExecution':
        return this.selectExecution(m.executionId);
      case 'log':
        this.deps.log[m.level](`pipeline panel page: ${m.message}`);
        return;
      case 'approval':
        return this.approval(m.stage, m.action, m.token, m.result, m.summary);
      case 'retryStage':
        return this.retryStage(m.stage, m.executionId, m.mode);
      case 'setTransition':
        return this.setTransition(m.stage, m.enable);
      case 'stopExecution':
        return this.stopExecution(m.executionId);
      case 'startExecution':
        return this.startExecution();
      case 'open':
        return this.open(m.target);
    }
  }

  /** Runs an action: busy while it runs, its result posted, the pipeline reloaded and polled closely afterwards. */
  private async op(op: OpName, key: string, what: () => Promise<string | undefined>): Promise<boolean> {
    this.postBusy(op, key, true);
    try {
      const message = await what();
      if (message === undefined) return false; // cancelled
      this.postResult(op, key, true, message);
      this.deps.onChanged?.(this.connection, this.pipelineName);
      this.deps.scheduler.boost(this.pollId, 120_000, 1_000);
      void this.refresh();
      return true;
    } catch (e) {
      const message = errorMessage(e);
      this.postResult(op, key, false, message);
      this.deps.log.warn(`pipeline panel ${this.pipelineName}: ${op} failed: ${message}`);
      return false;
    } finally {
      this.postBusy(op, key, false);
    }
  }

  private async approval(stage: string, action: string, token: string, result: 'Approved' | 'Rejected', summary: string): Promise<void> {
    const key = opKey('approval', stage, action);
    const problem = validateApprovalSummary(summary);
    if (problem) return this.postResult('approval', key, false, problem);
    const waiting = this.view?.stages.find((s) => s.name === stage)?.actions.find((a) => a.name === action)?.approval?.token;
    if (waiting !== token) return this.postResult('approval', key, false, 'This approval is no longer waiting (it was answered or superseded). The panel shows the current state.');
    await this.op('approval', key, async () => {
      if (result === 'Rejected') {
        const ok = await this.confirm(`Reject ${action} in ${this.pipelineName} / ${stage}?`, 'The execution stops at this stage and is marked failed.', 'Reject');
        if (!ok) return undefined;
      }
      await this.api().putApprovalResult({ pipelineName: this.pipelineName, stageName: stage, actionName: action, approved: result === 'Approved', summary, token });
      return result === 'Approved' ? `Approved${summary ? ' with your comment' : ''}.` : 'Rejected.';
    });
  }

  private async retryStage(stage: string, executionId: string, mode: 'FAILED_ACTIONS' | 'ALL_ACTIONS'): Promise<void> {
    await this.op('retryStage', opKey('retryStage', stage), async () => {
      if (mode === 'ALL_ACTIONS') {
        const ok = await this.confirm(`Retry all actions of ${stage}?`, 'Every action of the stage runs again, including the ones that succeeded.', 'Retry All');
        if (!ok) return undefined;
      }
      await this.api().retryStage(this.pipelineName, stage, executionId, mode);
      return mode === 'ALL_ACTIONS' ? `Retrying all actions of ${stage}.` : `Retrying the failed actions of ${stage}.`;
    });
  }

  private async setTransition(stage: string, enable: boolean): Promise<void> {
    await this.op('setTransition', opKey('setTransition', stage), async () => {
      if (enable) {
        await this.api().enableTransition(this.pipelineName, stage);
        return `Transition into ${stage} enabled.`;
      }
      const memo = `disable:${stage}`;
      const reason = await this.deps.ui().showInputBox({
        title: `Disable the transition into ${stage}`,
        prompt: 'Why? Executions wait before this stage until the transition is enabled again.',
        value: this.lastReasons.get(memo) ?? '',
        ignoreFocusOut: true,
        validateInput: (v) => validateTransitionReason(v),
      });
      if (reason === undefined) return undefined;
      this.lastReasons.set(memo, reason); // kept if the call fails: the prompt comes back filled in
      await this.api().disableTransition(this.pipelineName, stage, reason);
      this.lastReasons.delete(memo);
      return `Transition into ${stage} disabled.`;
    });
  }

  private async stopExecution(executionId: string): Promise<void> {
    await this.op('stopExecution', opKey('stopExecution'), async () => {
      const mode = await this.deps.ui().showQuickPick(
        [
          { label: 'Stop and wait', description: 'let the actions in progress finish', abandon: false },
          { label: 'Stop and abandon', description: 'abandon the actions in progress now', abandon: true },
        ],
        { title: `Stop execution ${executionId.slice(0, 8)} of ${this.pipelineName}`, ignoreFocusOut: true },
      );
      if (!mode) return undefined;
      const memo = `stop:${executionId}`;
      const reason = await this.deps.ui().showInputBox({
        title: `${mode.label}: reason (optional)`,
        value: this.lastReasons.get(memo) ?? '',
        ignoreFocusOut: true,
        validateInput: (v) => validateStopReason(v),
      });
      if (reason === undefined) return undefined;
      this.lastReasons.set(memo, reason);
      const ok = await this.confirm(
        `${mode.label}: execution ${executionId.slice(0, 8)} of ${this.pipelineName}?`,
        mode.abandon ? 'Actions in progress are abandoned and their results discarded.' : 'Actions in progress finish; nothing after them runs.',
        mode.abandon ? 'Abandon' : 'Stop',
      );
      if (!ok) return undefined;
      await this.api().stopExecution(this.pipelineName, executionId, { abandon: mode.abandon, ...(reason ? { reason } : {}) });
      this.lastReasons.delete(memo);
      return mode.abandon ? 'Stopping (abandoning actions in progress).' : 'Stopping (waiting for actions in progress).';
    });
  }

  /** What was typed for each variable of the last start: a failed start brings the prompts back filled in. */
  private readonly startDraft = new Map<string, string>();

  /**
   * Start execution: a V2 pipeline's declared variables are asked for one by one (the default shown; empty keeps it),
   * each validated as typed with the service layer's rules; undefined when the person cancels.
   */
  private async askVariables(): Promise<{ name: string; value: string }[] | undefined> {
    let declared: { name: string; defaultValue?: string; description?: string }[] = [];
    try {
      declared = (await this.api().getPipeline(this.pipelineName)).variables ?? [];
    } catch (e) {
      this.deps.log.warn(`pipeline panel ${this.pipelineName}: could not read the pipeline's variables: ${errorMessage(e)}`);
    }
    const values: { name: string; value: string }[] = [];
    for (const [i, v] of declared.entries()) {
      const hasDefault = v.defaultValue !== undefined;
      const value = await this.deps.ui().showInputBox({
        title: `Start ${this.pipelineName}: variable ${v.name} (${i + 1}/${declared.length})`,
        prompt: `${v.description ? `${v.description}. ` : ''}${hasDefault ? `Empty: the default (${v.defaultValue}).` : 'Required.'}`,
        value: this.startDraft.get(v.name) ?? '',
        placeHolder: v.defaultValue,
        ignoreFocusOut: true,
        validateInput: (x) => (x === '' && hasDefault ? undefined : (validatePipelineVariableName(v.name) ?? validatePipelineVariableValue(x))),
      });
      if (value === undefined) return undefined;
      this.startDraft.set(v.name, value);
      if (value !== '') values.push({ name: v.name, value });
    }
    return values;
  }

  private async startExecution(): Promise<void> {
    await this.op('startExecution', opKey('startExecution'), async () => {
      const variables = await this.askVariables();
      if (!variables) return undefined;
      const problem = validatePipelineVariables(variables);
      if (problem) throw new Error(problem);
      const id = await this.api().startExecution(this.pipelineName, variables.length ? { variables } : undefined);
      this.startDraft.clear();
      this.selectedExecutionId = undefined;
      this.loader.clearSelection();
      return `Started execution ${id.slice(0, 8)}.`;
    });
  }

  // ---- links -----------------------------------------------------------------------------------------------------

  private async open(target: OpenTarget): Promise<void> {
    const region = this.connection.region;
    const view = this.view;
    let url: string | undefined;
    switch (target.kind) {
      case 'console':
        url = view?.selectedExecutionId ? consoleLinks.pipelineExecution(region, this.pipelineName, view.selectedExecutionId) : consoleLinks.pipeline(region, this.pipelineName);
        break;
      case 'revision':
        url = view?.execution?.revisions[target.index]?.url;
        break;
      case 'approvalUrl':
        url = view?.stages.find((s) => s.name === target.stage)?.actions.find((a) => a.name === target.action)?.approval?.externalUrl;
        break;
      case 'action': {
        const link = view?.stages.find((s) => s.name === target.stage)?.actions.find((a) => a.name === target.action)?.link;
        if (!link) return;
        if (link.kind === 'build') {
          if (await this.tryCommand(BUILD_LOG_COMMANDS, { connection: this.connection, buildId: link.id ?? link.label })) return;
          url = link.url ?? consoleLinks.build(region, link.id ?? link.label);
        } else if (link.kind === 'deployment') {
          if (await this.tryCommand(DEPLOYMENT_REVEAL_COMMANDS, { connection: this.connection, deploymentId: link.id ?? link.label })) return;
          url = link.url ?? consoleLinks.deployment(region, link.id ?? link.label);
        } else {
          url = link.url;
        }
        break;
      }
    }
    // Only https URLs the service returned (kept in the view model) or console URLs built here; never one from the page.
    if (!isSafeUrl(url)) {
      if (url) this.deps.log.warn(`pipeline panel ${this.pipelineName}: not opening a non-https link`);
      return;
    }
    await openExternalUrl(url, 'service', (m) => this.deps.log.warn(`pipeline panel ${this.pipelineName}: ${m}`));
  }

  /** Runs the first of `ids` that exists; false when none does, it failed, or it answered `false` (it could not). */
  private async tryCommand(ids: string[], arg: unknown): Promise<boolean> {
    const all = await vscode.commands.getCommands(true);
    const id = ids.find((c) => all.includes(c));
    if (!id) return false;
    try {
      return (await vscode.commands.executeCommand(id, arg)) !== false;
    } catch (e) {
      this.logError(id, e);
      return false;
    }
  }

  private async confirm(message: string, detail: string, button: string): Promise<boolean> {
    return (await this.deps.ui().confirm(message, detail, button)) === button;
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.watch?.dispose();
    this.watch = undefined;
    this.disposedEmitter.fire();
    super.dispose();
    if (!this.panelDisposed) this.panel.dispose();
  }
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export { PIPELINE_PANEL_VIEW_TYPE };
