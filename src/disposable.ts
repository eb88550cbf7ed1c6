import type * as vscode from 'vscode';

let live = 0;

/** Base for anything that owns registrations, listeners or timers: dispose() releases them all, newest first. */
export abstract class Disposable implements vscode.Disposable {
  /** Registrations held by every live Disposable (the soak test checks it returns to its baseline). */
  static get liveRegistrations(): number {
    return live;
  }
  private readonly disposables: { dispose(): unknown }[] = [];
  private disposed = false;

  protected _register<T extends { dispose(): unknown }>(d: T): T {
    if (this.disposed) {
      d.dispose();
    } else {
      this.disposables.push(d);
      live++;
    }
    return d;
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    while (this.disposables.length) {
      live--;
      this.disposables.pop()?.dispose();
    }
  }
}
