// A minimal `vscode` module for running extension code in plain Node (benchmarks only): the classes and functions
// the extension's views and activate() touch, with real EventEmitter/TreeItem behaviour, and a permissive fallback
// (any other property is a callable no-op that returns something disposable) so code that grows new calls still
// loads. It is not VS Code: figures measured with it say so in their names.
import * as path from 'path';

type Listener<T> = (e: T) => unknown;

/** A callable, indexable no-op: every property and every call returns another one; never thenable. */
function anything(name: string): unknown {
  const fn = function () {
    return anything(`${name}()`);
  };
  return new Proxy(fn, {
    get(_t, prop) {
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === Symbol.iterator) return undefined;
      if (prop === 'dispose') return () => undefined;
      return anything(`${name}.${String(prop)}`);
    },
    apply() {
      return anything(`${name}()`);
    },
    construct() {
      return anything(`new ${name}`) as object;
    },
  });
}

/** An object whose known members are real and whose unknown members fall back to anything(). */
function withFallback<T extends object>(name: string, known: T): T {
  return new Proxy(known, {
    get(target, prop, receiver) {
      if (prop in target) return Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      return anything(`${name}.${prop}`);
    },
  });
}

export class Disposable {
  constructor(private readonly fn: () => unknown = () => undefined) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((d) => d.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

export class EventEmitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>, thisArg?: unknown): Disposable => {
    const bound: Listener<T> = thisArg ? listener.bind(thisArg) : listener;
    this.listeners.add(bound);
    return new Disposable(() => this.listeners.delete(bound));
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

const noEvent = (): Disposable => new Disposable();

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}
export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}
export enum ViewColumn {
  Active = -1,
  Beside = -2,
  One = 1,
  Two = 2,
}
export enum ConfigurationTarget {
  Global = 1,
  Workspace = 2,
  WorkspaceFolder = 3,
}
export enum ExtensionMode {
  Production = 1,
  Development = 2,
  Test = 3,
}
export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}
export enum FoldingRangeKind {
  Comment = 1,
  Imports = 2,
  Region = 3,
}
export enum SymbolKind {
  Namespace = 2,
  Event = 23,
}

export class ThemeColor {
  constructor(readonly id: string) {}
}
export class ThemeIcon {
  static readonly File = new ThemeIcon('file');
  static readonly Folder = new ThemeIcon('folder');
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}
export class MarkdownString {
  isTrusted = false;
  supportThemeIcons = false;
  constructor(
    public value = '',
    supportThemeIcons = false,
  ) {
    this.supportThemeIcons = supportThemeIcons;
  }
  appendMarkdown(v: string): this {
    this.value += v;
    return this;
  }
  appendText(v: string): this {
    this.value += v;
    return this;
  }
}
export class TreeItem {
  id?: string;
  description?: string | boolean;
  tooltip?: unknown;
  contextValue?: string;
  iconPath?: unknown;
  command?: unknown;
  resourceUri?: unknown;
  constructor(
    public label: unknown,
    public collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}
export class Range {
  constructor(
    readonly startLine: number,
    readonly startCharacter: number,
    readonly endLine: number,
    readonly endCharacter: number,
  ) {}
}
export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}
export class FoldingRange {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly kind?: FoldingRangeKind,
  ) {}
}
export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query = '',
    readonly fragment = '',
  ) {}
  static file(p: string): Uri {
    return new Uri('file', '', p);
  }
  static parse(s: string): Uri {
    const m = /^([a-zA-Z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(s);
    return m ? new Uri(m[1], m[2] ?? '', m[3] ?? '', m[4] ?? '', m[5] ?? '') : new Uri('file', '', s);
  }
  static from(c: { scheme: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(c.scheme, c.authority ?? '', c.path ?? '', c.query ?? '', c.fragment ?? '');
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, base.authority, path.posix.join(base.path, ...parts), base.query, base.fragment);
  }
  get fsPath(): string {
    return this.path;
  }
  with(c: { scheme?: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(c.scheme ?? this.scheme, c.authority ?? this.authority, c.path ?? this.path, c.query ?? this.query, c.fragment ?? this.fragment);
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
}

function outputChannel(name: string): unknown {
  const noop = () => undefined;
  return withFallback(`OutputChannel(${name})`, {
    name,
    append: noop,
    appendLine: noop,
    replace: noop,
    clear: noop,
    show: noop,
    hide: noop,
    dispose: noop,
    trace: noop,
    debug: noop,
    info: noop,
    warn: noop,
    error: noop,
    logLevel: 2,
    onDidChangeLogLevel: noEvent,
  });
}

function treeView(): unknown {
  const visibility = new EventEmitter<{ visible: boolean }>();
  return withFallback('TreeView', {
    visible: false,
    description: undefined as string | undefined,
    message: undefined as string | undefined,
    title: undefined as string | undefined,
    badge: undefined,
    selection: [] as unknown[],
    onDidChangeVisibility: visibility.event,
    onDidChangeSelection: noEvent,
    onDidExpandElement: noEvent,
    onDidCollapseElement: noEvent,
    onDidChangeCheckboxState: noEvent,
    reveal: () => Promise.resolve(),
    dispose: () => visibility.dispose(),
  });
}

function configuration(): unknown {
  return withFallback('WorkspaceConfiguration', {
    get: <T>(_key: string, fallback?: T) => fallback,
    has: () => false,
    inspect: () => undefined,
    update: () => Promise.resolve(),
  });
}

export const window = withFallback('window', {
  state: { focused: true, active: true },
  activeTextEditor: undefined,
  visibleTextEditors: [] as unknown[],
  createOutputChannel: (name: string) => outputChannel(name),
  createTreeView: () => treeView(),
  registerTreeDataProvider: () => new Disposable(),
  registerWebviewPanelSerializer: () => new Disposable(),
  registerWebviewViewProvider: () => new Disposable(),
  registerUriHandler: () => new Disposable(),
  registerFileDecorationProvider: () => new Disposable(),
  createStatusBarItem: () => withFallback('StatusBarItem', { show: () => undefined, hide: () => undefined, dispose: () => undefined }),
  showInformationMessage: () => Promise.resolve(undefined),
  showWarningMessage: () => Promise.resolve(undefined),
  showErrorMessage: () => Promise.resolve(undefined),
  showQuickPick: () => Promise.resolve(undefined),
  showInputBox: () => Promise.resolve(undefined),
  withProgress: <T>(_o: unknown, task: (p: unknown, t: unknown) => Promise<T>) => task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: noEvent }),
  onDidChangeWindowState: noEvent,
  onDidChangeActiveTextEditor: noEvent,
  onDidChangeVisibleTextEditors: noEvent,
  onDidChangeTextEditorVisibleRanges: noEvent,
});

const commandTable = new Map<string, (...args: unknown[]) => unknown>();
export const commands = withFallback('commands', {
  registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
    if (commandTable.has(id)) throw new Error(`command '${id}' already exists`);
    commandTable.set(id, fn);
    return new Disposable(() => commandTable.delete(id));
  },
  registerTextEditorCommand: () => new Disposable(),
  executeCommand: (id: string, ...args: unknown[]) => Promise.resolve(commandTable.get(id)?.(...args)),
  getCommands: () => Promise.resolve([...commandTable.keys()]),
});

export const workspace = withFallback('workspace', {
  workspaceFolders: undefined,
  textDocuments: [] as unknown[],
  getConfiguration: () => configuration(),
  onDidChangeConfiguration: noEvent,
  onDidChangeWorkspaceFolders: noEvent,
  onDidOpenTextDocument: noEvent,
  onDidCloseTextDocument: noEvent,
  onDidChangeTextDocument: noEvent,
  registerTextDocumentContentProvider: () => new Disposable(),
  registerFileSystemProvider: () => new Disposable(),
  createFileSystemWatcher: () => withFallback('FileSystemWatcher', { onDidChange: noEvent, onDidCreate: noEvent, onDidDelete: noEvent, dispose: () => undefined }),
});

export const languages = withFallback('languages', {
  registerFoldingRangeProvider: () => new Disposable(),
  registerDocumentSymbolProvider: () => new Disposable(),
  registerDocumentLinkProvider: () => new Disposable(),
  registerCodeLensProvider: () => new Disposable(),
  setTextDocumentLanguage: (d: unknown) => Promise.resolve(d),
});

export const env = withFallback('env', {
  appName: 'vscode-shim',
  language: 'en',
  machineId: 'bench',
  sessionId: 'bench',
  uriScheme: 'vscode',
  clipboard: { writeText: () => Promise.resolve(), readText: () => Promise.resolve('') },
  openExternal: () => Promise.resolve(true),
});

export const extensions = withFallback('extensions', { getExtension: () => undefined, all: [] as unknown[], onDidChange: noEvent });
export const version = '1.95.0-shim';

/** A Memento backed by a Map. */
export function memento(initial: Record<string, unknown> = {}): unknown {
  const m = new Map(Object.entries(initial));
  return {
    keys: () => [...m.keys()],
    get: <T>(k: string, d?: T) => (m.has(k) ? m.get(k) : d),
    update: (k: string, v: unknown) => {
      if (v === undefined) m.delete(k);
      else m.set(k, v);
      return Promise.resolve();
    },
    setKeysForSync: () => undefined,
  };
}

/** An ExtensionContext good enough for activate(). */
export function extensionContext(extensionPath: string, storageDir: string): { subscriptions: { dispose(): unknown }[] } & Record<string, unknown> {
  const ctx = {
    subscriptions: [] as { dispose(): unknown }[],
    extensionPath,
    extensionUri: Uri.file(extensionPath),
    extensionMode: ExtensionMode.Production,
    globalState: memento(),
    workspaceState: memento(),
    secrets: { get: () => Promise.resolve(undefined), store: () => Promise.resolve(), delete: () => Promise.resolve(), onDidChange: noEvent },
    storageUri: Uri.file(path.join(storageDir, 'workspace')),
    globalStorageUri: Uri.file(path.join(storageDir, 'global')),
    logUri: Uri.file(path.join(storageDir, 'log')),
    storagePath: path.join(storageDir, 'workspace'),
    globalStoragePath: path.join(storageDir, 'global'),
    logPath: path.join(storageDir, 'log'),
    asAbsolutePath: (p: string) => path.join(extensionPath, p),
    environmentVariableCollection: anything('environmentVariableCollection'),
    extension: { id: 'bench.shim', extensionUri: Uri.file(extensionPath), extensionPath, isActive: true, packageJSON: {}, exports: undefined },
  };
  return withFallback('ExtensionContext', ctx);
}

/** Makes `require('vscode')` resolve to this module, for everything loaded after the call. */
export function installVscodeShim(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS module object itself, not a namespace copy
  const M = require('module') as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = M._resolveFilename;
  const self = __filename;
  M._resolveFilename = function (request: string, ...rest: unknown[]) {
    if (request === 'vscode') return self;
    return original.call(this, request, ...rest);
  };
}
