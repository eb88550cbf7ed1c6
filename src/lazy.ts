/**
 * A part of the extension created on first use: its code is a separate bundle (esbuild.js `lazyChunks`) that is loaded
 * only then, so activation does not pay for it. Disposing disposes the part if it was created, and stops a pending
 * `soon()`.
 */
export class Lazy<T extends { dispose(): unknown }> {
  private value: T | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly create: () => T) {}

  get loaded(): boolean {
    return this.value !== undefined;
  }

  get(): T {
    if (this.disposed) throw new Error('this part of the extension was disposed (the extension is deactivating)');
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return (this.value ??= this.create());
  }

  /** Creates it after `ms` unless something needs it before; `onError` hears a failure (the timer must not throw). */
  soon(ms: number, onError: (e: unknown) => void): void {
    if (this.value || this.timer || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.get();
      } catch (e) {
        onError(e);
      }
    }, ms);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.value?.dispose();
    this.value = undefined;
  }
}
