import * as vscode from 'vscode';
import { BUILD_LOG_SCHEME } from '../constants';
import { Disposable } from '../disposable';
import { connectionKey, type Connection } from '../model/connection';
import { buildEventKey } from '../notifications/policy';
import type { Notifier } from '../notifications/notifier';
import type { RefreshScheduler } from '../refresh/scheduler';
import { BuildLogModel, type BuildLogSource } from './logModel';
import { parseOpenLogArgs, type OpenLogArgs } from './openArgs';

export interface BuildLogDeps {
  scheduler: RefreshScheduler;
  source(c: Connection): BuildLogSource;
  notifier?: Notifier;
  log?: vscode.LogOutputChannel;
}

/** A change event at most this often while a log grows (VS Code re-reads the whole text on each). */
const CHANGE_THROTTLE_MS = 400;
/** How long opening at an error waits for the failed phase to arrive. */
const REVEAL_WAIT_MS = 60_000;

/** `aws-devtools-log:/<buildId>.log?<connection as JSON>`: the tab title is the build id. */
export function buildLogUri(connection: Connection, buildId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: BUILD_LOG_SCHEME, path: `/${buildId}.log`, query: JSON.stringify(connection) });
}

export function parseBuildLogUri(uri: vscode.Uri): { connection: Connection; buildId: string } | undefined {
  if (uri.scheme !== BUILD_LOG_SCHEME) return undefined;
  const m = /^\/(.+)\.log$/.exec(uri.path);
  if (!m) return undefined;
  try {
    const args = parseOpenLogArgs([JSON.parse(uri.query), m[1]]);
    return args ? { connection: args.connection, buildId: args.buildId } : undefined;
  } catch {
    return undefined;
  }
}

interface Doc {
  model: BuildLogModel;
  owner: string;
  watch?: { dispose(): void };
  listener: { dispose(): void };
  first: Promise<void>;
  timer?: ReturnType<typeof setTimeout>;
  lastFire: number;
  /** Build status when first seen: a build seen running and then complete is worth a notification. */
  seenRunning: boolean;
}

/**
 * Build logs as read-only documents: one per build, growing while the build runs (polled through the scheduler
 * while the document is visible), folding and outline by phase, and "open at the first error of a phase".
 */
export class BuildLogDocuments extends Disposable implements vscode.TextDocumentContentProvider, vscode.FoldingRangeProvider, vscode.DocumentSymbolProvider {
  private readonly docs = new Map<string, Doc>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly deps: BuildLogDeps) {
    super();
    const selector: vscode.DocumentSelector = { scheme: BUILD_LOG_SCHEME };
    this._register(vscode.workspace.registerTextDocumentContentProvider(BUILD_LOG_SCHEME, this));
    this._register(vscode.languages.registerFoldingRangeProvider(selector, this));
    this._register(vscode.languages.registerDocumentSymbolProvider(selector, this, { label: 'Build phases' }));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.close(d.uri)));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.updateVisibility()));
    this._register({ dispose: () => [...this.docs.keys()].forEach((k) => this.dispose1(k)) });
  }

  /** The model behind an open log document (tests, the outline). */
  model(uri: vscode.Uri): BuildLogModel | undefined {
    return this.docs.get(uri.toString())?.model;
  }

  /** The `Open Build Log` commands (activate() registers them): `atError` lands on the first error of the failed phase. */
  async command(args: unknown[], atError: boolean): Promise<vscode.TextEditor | undefined> {
    const parsed = parseOpenLogArgs(args);
    if (!parsed) {
      void vscode.window.showWarningMessage('Open a build log from a build in the Builds view, a pipeline action or a notification.');
      return undefined;
    }
    return this.open(parsed, { atError });
  }

  /**
   * Opens (or shows) a build's log. With `atError` or a `phase`, or when the build failed, the first error of that
   * phase (the failed phase by default) is revealed once it is in the document.
   */
  async open(args: OpenLogArgs, options: { atError?: boolean; preview?: boolean } = {}): Promise<vscode.TextEditor> {
    const uri = buildLogUri(args.connection, args.buildId);
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: options.preview ?? false });
    const entry = this.docs.get(uri.toString());
    if (entry) {
      this.deps.scheduler.boost(this.watchId(args.connection, args.buildId), 60_000, 0);
      const failed = entry.model.build?.status === 'failed';
      if (options.atError || args.phase || failed) void this.revealError(editor, entry.model, args.phase ?? entry.model.build?.failure?.phase);
    }
    return editor;
  }

  // ---- TextDocumentContentProvider

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const parsed = parseBuildLogUri(uri);
    if (!parsed) return `Not a build log address: ${uri.toString()}`;
    const entry = this.docs.get(uri.toString()) ?? this.start(uri, parsed.connection, parsed.buildId);
    await entry.first;
    return this.content(entry.model);
  }

  private content(model: BuildLogModel): string {
    const text = model.text();
    if (text) return text;
    if (model.lastError !== undefined) return `[AWS DevTools] Could not read the log of ${model.buildId}: ${errorText(model.lastError)}`;
    if (model.finished) return `[AWS DevTools] ${model.buildId} wrote no log to CloudWatch Logs.`;
    return `[AWS DevTools] Waiting for ${model.buildId} to start writing its log...`;
  }

  private watchId(c: Connection, buildId: string): string {
    return `buildLog:${connectionKey(c)}:${buildId}`;
  }

  private start(uri: vscode.Uri, connection: Connection, buildId: string): Doc {
    const key = uri.toString();
    const model = new BuildLogModel(this.deps.source(connection), buildId);
    const owner = `buildLog:${key}`;
    const entry: Doc = { model, owner, listener: { dispose: () => undefined }, first: Promise.resolve(), lastFire: 0, seenRunning: false };
    entry.listener = model.onDidChange(() => this.changed(uri, entry));
    entry.first = model.loadFirstPage().then(
      () => this.afterPoll(entry, connection),
      (e: unknown) => this.deps.log?.warn(`build log ${buildId}: ${errorText(e)}`),
    );
    entry.watch = this.deps.scheduler.watch({
      id: this.watchId(connection, buildId),
      owner,
      isActive: () => !model.finished,
      whenSettled: 'never',
      poll: async () => {
        await model.poll();
        this.afterPoll(entry, connection);
      },
    });
    this.docs.set(key, entry);
    this.deps.scheduler.setVisible(owner, true);
    return entry;
  }

  private afterPoll(entry: Doc, connection: Connection): void {
    const build = entry.model.build;
    if (!build) return;
    if (!build.complete) {
      entry.seenRunning = true;
      return;
    }
    if (!entry.seenRunning || !this.deps.notifier) return;
    const kind = build.status === 'succeeded' ? 'succeeded' : build.status === 'failed' ? 'failed' : build.status === 'stopped' ? 'stopped' : undefined;
    if (!kind) return;
    this.deps.notifier.notify({
      key: buildEventKey(connection, build.id, kind),
      kind,
      connection,
      message: `Build ${build.projectName}${build.buildNumber ? ` #${build.buildNumber}` : ''} ${kind}${build.failure ? ` in ${build.failure.phase}` : ''}.`,
      buildId: build.id,
      ...(build.failure?.phase ? { failedPhase: build.failure.phase } : {}),
    });
  }

  /** Throttled change events: VS Code reads the whole text again on each. */
  private changed(uri: vscode.Uri, entry: Doc): void {
    if (entry.timer) return;
    const wait = Math.max(0, entry.lastFire + CHANGE_THROTTLE_MS - Date.now());
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      entry.lastFire = Date.now();
      this.changeEmitter.fire(uri);
    }, wait);
  }

  private updateVisibility(): void {
    const visible = new Set(vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()));
    for (const [key, entry] of this.docs) this.deps.scheduler.setVisible(entry.owner, visible.has(key));
  }

  private close(uri: vscode.Uri): void {
    if (uri.scheme === BUILD_LOG_SCHEME) this.dispose1(uri.toString());
  }

  private dispose1(key: string): void {
    const entry = this.docs.get(key);
    if (!entry) return;
    this.docs.delete(key);
    entry.watch?.dispose();
    entry.listener.dispose();
    if (entry.timer) clearTimeout(entry.timer);
    this.deps.scheduler.setVisible(entry.owner, false);
  }

  /** Waits until the phase's first error is known (or the log is finished), then selects and centres it. */
  private async revealError(editor: vscode.TextEditor, model: BuildLogModel, phase: string | undefined): Promise<void> {
    const settled = () => model.phases.errorSettled(phase) || model.finished;
    if (!settled()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, REVEAL_WAIT_MS);
        const sub = model.onDidChange(() => settled() && done());
        function done() {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        }
      });
    }
    const line = model.phases.errorLine(phase);
    if (line === undefined) return;
    // The document catches up with the model after a (throttled) change event.
    const deadline = Date.now() + 5_000;
    while (editor.document.lineCount <= line && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (editor.document.lineCount <= line) return;
    const range = editor.document.lineAt(line).range;
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
  }

  // ---- Folding and outline

  provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
    const model = this.docs.get(document.uri.toString())?.model;
    if (!model) return [];
    const last = document.lineCount - 1;
    return model.phases.phases
      .filter((p) => Math.min(p.endLine, last) > p.startLine)
      .map((p) => new vscode.FoldingRange(p.startLine, Math.min(p.endLine, last), vscode.FoldingRangeKind.Region));
  }

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    const model = this.docs.get(document.uri.toString())?.model;
    if (!model) return [];
    const last = document.lineCount - 1;
    return model.phases.phases
      .filter((p) => p.startLine <= last)
      .map((p) => {
        const end = document.lineAt(Math.min(p.endLine, last)).range.end;
        const range = new vscode.Range(p.startLine, 0, end.line, end.character);
        const detail = p.state ?? (p === model.phases.phases[model.phases.phases.length - 1] && !model.finished ? 'IN_PROGRESS' : '');
        const symbol = new vscode.DocumentSymbol(p.name, detail, p.state && p.state !== 'SUCCEEDED' ? vscode.SymbolKind.Event : vscode.SymbolKind.Module, range, document.lineAt(p.startLine).range);
        if (p.firstErrorLine !== undefined && p.firstErrorLine <= last) {
          const r = document.lineAt(p.firstErrorLine).range;
          symbol.children.push(new vscode.DocumentSymbol('first error', document.lineAt(p.firstErrorLine).text.trim().slice(0, 120), vscode.SymbolKind.Key, r, r));
        }
        return symbol;
      });
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
